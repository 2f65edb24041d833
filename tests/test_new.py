"""`orgdesign new`: a commented starting file per archetype and language that validates clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.analysis.recommend import recommend
from orgdesign.assemble.graph import OrgGraph
from orgdesign.assemble.project import assemble
from orgdesign.cli.app import app
from orgdesign.domain.archetypes import STARTER_LANGUAGES, infer_archetype, starter_language

runner = CliRunner()
ARCHETYPES = ("lean", "functional", "matrix", "divisional")
CASES = [(a, lang) for a in ARCHETYPES for lang in STARTER_LANGUAGES]
HAN = re.compile(r"[\u4e00-\u9fff]")


def _new(tmp_path: Path, archetype: str, lang: str) -> Path:
    out = tmp_path / f"{archetype}-{lang}.yaml"
    result = runner.invoke(app, ["new", "--archetype", archetype, "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"orgdesign validate {out}" in result.stderr
    return out


@pytest.mark.parametrize(("archetype", "lang"), CASES)
def test_starting_file_validates_clean_as_its_archetype(
    tmp_path: Path, archetype: str, lang: str
) -> None:
    out = _new(tmp_path, archetype, lang)
    run = api.validate([(out, str(out))])
    assert run.findings == [], [(f.rule, f.line, f.message) for f in run.findings]
    org = assemble(out).org
    assert org.archetype == archetype
    assert infer_archetype(org, OrgGraph(org)).archetype == archetype
    assert org.organization is not None and org.organization.profile is not None
    assert recommend(org.organization.profile).archetype == archetype


@pytest.mark.parametrize(("archetype", "lang"), CASES)
def test_every_section_is_commented(tmp_path: Path, archetype: str, lang: str) -> None:
    text = _new(tmp_path, archetype, lang).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and archetype.upper() in lines[0].upper() + text[:400].upper()
    sections = [i for i, line in enumerate(lines) if re.match(r"[a-z_]+:", line)]
    assert {"organization", "units", "positions", "raci"} <= {
        lines[i].split(":")[0] for i in sections
    }
    for i in sections:
        above = next(line for line in reversed(lines[:i]) if line.strip())
        assert "#" in lines[i] or above.startswith("#"), lines[i]
    comments = [line for line in lines if line.lstrip().startswith("#")]
    if lang == "zh":
        assert all(HAN.search(c) for c in comments if len(c) > 20), "comments in Chinese"
        org = assemble(tmp_path / f"{archetype}-{lang}.yaml").org
        assert all(HAN.search(p.title) for p in org.positions)
    else:  # English, with the brief's Chinese terms in brackets here and there
        assert sum(bool(HAN.search(c)) for c in comments) < len(comments) / 4


def test_stdout_is_the_same_file(tmp_path: Path) -> None:
    out = _new(tmp_path, "matrix", "en")
    printed = runner.invoke(app, ["new", "-a", "matrix"])
    assert printed.exit_code == 0
    assert printed.stdout == out.read_text(encoding="utf-8")


def test_existing_file_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "org.yaml"
    out.write_text("mine\n", encoding="utf-8")
    refused = runner.invoke(app, ["new", "-a", "lean", "-o", str(out)])
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(app, ["new", "-a", "lean", "-o", str(out), "--force"])
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    "args",
    [
        ["new"],
        ["new", "-a", "hierarchy"],
        ["new", "-a", "lean", "--lang", "fr"],
    ],
)
def test_usage_errors(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_language_tags() -> None:
    assert starter_language(None) == "en"
    assert starter_language("zh-CN") == "zh"
    assert starter_language("ZH_hans") == "zh"
    assert starter_language("fr") is None
