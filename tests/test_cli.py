"""The command line: exit codes, output formats, rules/explain/schema, configuration errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgdesign.cli.app import app
from orgdesign.cli.commands.check import Format
from orgdesign.lint.rules import registry
from orgdesign.output.registry import FINDINGS

runner = CliRunner()
REPO = Path(__file__).parent.parent
CLEAN = "orgdesign: 1\norganization: {id: t, name: T}\npositions:\n  - {id: ceo, title: CEO}\n"
WARN = (
    CLEAN + "  - {id: cmo, title: CMO, reports_to: ceo}\n  - {id: x, title: X, reports_to: cmo}\n"
)
ERROR = CLEAN + "  - {id: cfo, title: CFO, reports_to: nobody}\n"


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_exit_codes(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", write(tmp_path, "ok.yaml", CLEAN)]).exit_code == 0
    warn = write(tmp_path, "warn.yaml", WARN)
    assert runner.invoke(app, ["validate", warn]).exit_code == 0
    assert runner.invoke(app, ["validate", "--strict", warn]).exit_code == 1
    assert runner.invoke(app, ["validate", write(tmp_path, "bad.yaml", ERROR)]).exit_code == 1
    assert runner.invoke(app, ["validate", str(tmp_path / "missing.yaml")]).exit_code == 1
    assert runner.invoke(app, ["validate", "--format", "xml", warn]).exit_code == 2
    assert runner.invoke(app, ["validate"]).exit_code == 2
    assert runner.invoke(app, ["explain", "NOPE1"]).exit_code == 2


def test_text_format_is_file_line_col(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", write(tmp_path, "bad.yaml", ERROR)])
    first = result.stdout.splitlines()[0]
    assert first.startswith(str(tmp_path / "bad.yaml") + ":5:")
    assert " error ORG004 " in first
    assert "1 error" in result.stdout.splitlines()[-1]


def test_json_format(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", write(tmp_path, "b.yaml", ERROR)])
    payload = json.loads(result.stdout)
    assert set(payload) == {"findings", "summary"}
    finding = payload["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "file", "line", "column", "element"}
    assert (finding["rule"], finding["line"], finding["element"]) == ("ORG004", 5, "cfo")
    assert payload["summary"]["errors"] == 1


def test_folders_and_globs(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", CLEAN)
    write(tmp_path, "b.yml", ERROR)
    result = runner.invoke(app, ["validate", str(tmp_path), "--format", "json"])
    assert json.loads(result.stdout)["summary"]["files"] == 2
    result = runner.invoke(app, ["validate", str(tmp_path / "*.yaml"), "--format", "json"])
    assert json.loads(result.stdout)["summary"]["files"] == 1
    assert runner.invoke(app, ["validate", str(tmp_path / "none*.yaml")]).exit_code == 2


def test_config_file_is_found_and_bad_config_is_usage_error(tmp_path: Path) -> None:
    org = write(tmp_path, "warn.yaml", WARN)
    cwd = os.getcwd()
    try:
        os.chdir(tmp_path)
        (tmp_path / ".orgdesign.toml").write_text('[severity]\nORG106 = "error"\n')
        assert runner.invoke(app, ["validate", org]).exit_code == 1
        (tmp_path / ".orgdesign.toml").write_text('ignore = ["ORG106"]\nstrict = true\n')
        assert runner.invoke(app, ["validate", org]).exit_code == 0
        (tmp_path / ".orgdesign.toml").write_text("[options.ORG106]\nmaxx = 3\n")
        result = runner.invoke(app, ["validate", org])
        assert result.exit_code == 2 and "maxx" in result.stderr
        (tmp_path / ".orgdesign.toml").write_text('select = ["NOPE"]\n')
        assert runner.invoke(app, ["validate", org]).exit_code == 2
        (tmp_path / ".orgdesign.toml").write_text("not toml [\n")
        assert runner.invoke(app, ["validate", org]).exit_code == 2
    finally:
        os.chdir(cwd)


def test_pyproject_table(tmp_path: Path) -> None:
    org = write(tmp_path, "warn.yaml", WARN)
    config = tmp_path / "pyproject.toml"
    config.write_text('[project]\nname = "x"\n[tool.orgdesign.options.ORG106]\nmin = 1\n')
    result = runner.invoke(app, ["validate", "--strict", "--config", str(config), org])
    assert result.exit_code == 0, result.stdout


def test_rules_and_explain_come_from_the_registry() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    for rule in registry():
        assert rule.id in result.stdout
    explained = runner.invoke(app, ["explain", "org106"])
    assert explained.exit_code == 0
    assert "span of control" in explained.stdout and "`min` (default `2`)" in explained.stdout


def test_every_rule_is_documented() -> None:
    for rule in registry():
        assert len(rule.doc.splitlines()) >= 3, rule.id
        assert "Why it matters" in rule.doc, rule.id
        assert "**Fails**" in rule.doc and "**Passes**" in rule.doc, rule.id


def test_format_choices_match_the_reporter_registry() -> None:
    assert [f.value for f in Format] == ["auto", *FINDINGS.names()]


def test_schema_command(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    schema = json.loads(out.read_text())
    assert schema["additionalProperties"] is False
    assert "positions" in schema["properties"]
    printed = runner.invoke(app, ["schema"])
    assert json.loads(printed.stdout) == schema


@pytest.mark.parametrize(
    "name",
    ["alias-bomb.yaml", "python-tag.yaml", "org001-latin1.yaml", "include-escape.yaml"],
)
def test_hostile_inputs_end_to_end(name: str) -> None:
    """The real console script: a located ORG001, exit 1, no traceback."""
    path = REPO / "sample_orgs" / "invalid" / name
    out = subprocess.run(
        [sys.executable, "-m", "orgdesign", "validate", str(path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 1
    assert "Traceback" not in out.stderr + out.stdout
    assert " error ORG001 " in out.stdout


def test_deep_nesting_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("[" * 60_000)
    out = subprocess.run(
        [sys.executable, "-m", "orgdesign", "validate", str(path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"{path}:1:65: error ORG001" in out.stdout and "flatten" in out.stdout
