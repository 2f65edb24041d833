"""Shared helpers: run the validator on inline YAML, load YAML rule cases, golden files.

Golden files (tests/golden/) are compared by `check_golden`. After an intended
change of an output, regenerate them with `UPDATE_GOLDEN=1 .venv/bin/pytest ...`
and review the diff before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from orgdesign import api
from orgdesign.findings import Finding
from orgdesign.lint import memo
from orgdesign.load.config import Config
from orgdesign.model import Org

CASES = Path(__file__).parent / "cases"
REPO = Path(__file__).parent.parent

DUTY_DIMENSIONS_EN = (
    "Strategic planning",
    "Team management",
    "Market insight",
    "Brand building",
    "Sales collaboration",
    "Budget control",
    "Risk response",
)
"""The seven duty dimensions of a head of marketing, as an English card names them."""


def write_file(folder: Path, name: str, text: str) -> Path:
    """A UTF-8 text file `name` below `folder` (its folders made), its path returned."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_org(
    tmp_path: Path,
    text: str,
    files: dict[str, str] | None = None,
    config: dict[str, Any] | None = None,
    name: str = "org.yaml",
) -> list[Finding]:
    """Write the org (and extra files) into tmp_path and validate it."""
    for rel, content in (files or {}).items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    root = tmp_path / name
    root.parent.mkdir(parents=True, exist_ok=True)
    root.write_text(text, encoding="utf-8")
    cfg = Config.model_validate(config or {})
    run = api.validate([(root, name)], cfg)
    return run.findings


def load_cases(family: str) -> list[Any]:
    """The cases of a family file, as pytest params named after each case."""
    data = yaml.safe_load((CASES / f"{family}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["name"]) for case in data["cases"]]


def check_case(tmp_path: Path, case: dict[str, Any]) -> None:
    """Findings of the case's rules must be exactly `expect` ("RULE:line" strings)."""
    findings = run_org(tmp_path, case["org"], case.get("files"), case.get("config"))
    rules = tuple(case["rules"])
    got = sorted(f"{f.rule}:{f.line}" for f in findings if f.rule.startswith(rules))
    if "expect_min_line" in case:  # every finding of the rules at or after a line, and some
        assert got and all(int(g.split(":")[1]) == case["expect_min_line"] for g in got), got
        return
    expected = sorted(case.get("expect") or [])
    assert got == expected, "\n".join(
        f"{f.file}:{f.line}:{f.column}: {f.rule} {f.message}" for f in findings
    )
    if "severity" in case:
        assert {f.severity.value for f in findings if f.rule.startswith(rules)} == {
            case["severity"]
        }
    for fragment in case.get("messages", []):
        assert any(fragment in f.message for f in findings), fragment


def check_golden(path: Path, actual: str) -> None:
    """`actual` must equal the golden file at `path`; with `UPDATE_GOLDEN=1` it is rewritten."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from its golden file; if the change is intended, "
        "regenerate with UPDATE_GOLDEN=1 and review the diff"
    )


class Unreadable(AssertionError):
    """A check read a value it must not (an inert one, or one its rule does not declare)."""


class Poison:
    """A value that fails the test on any use but `is` and `isinstance`."""

    def _fail(self, *args: object, **kwargs: object) -> Any:
        raise Unreadable("a check read a value it must not read")

    __str__ = __repr__ = __format__ = __eq__ = __ne__ = __hash__ = __len__ = __iter__ = _fail
    __bool__ = __contains__ = __add__ = __radd__ = __lt__ = __gt__ = __getitem__ = _fail
    __getattr__ = _fail


def sections(org: Org) -> dict[str, list[Any]]:
    """Every element of an organisation by section (nested responsibilities included)."""
    return {
        "organization": [org.organization] if org.organization else [],
        "responsibilities": [r for top in org.responsibilities for r, _ in top.walk()],
        **{s: list(getattr(org, s)) for s in memo.SECTIONS[2:]},
    }


def every_org() -> list[Any]:
    """Every sample (also with its archetype inferred, and without priority rules) and every
    rule case, as parameters: the corpus the checks of what rules read run over."""
    params = []
    for sample in sorted(REPO.glob("sample_orgs/*.yaml")):
        text = sample.read_text("utf-8")
        params.append(pytest.param({"org": text}, id=sample.name))
        # the archetype inferred, and no priority rules: the paths rules take when a file
        # says less (DUAL301's severity then follows the inferred archetype)
        inferred = re.sub(r"(?m)^  archetype: \w+\n", "", text)
        bare = re.sub(r"(?ms)^priority_rules:\n.*?(?=^\S|\Z)", "", inferred)
        params.append(pytest.param({"org": inferred}, id=f"{sample.stem}-inferred"))
        if bare != inferred:
            params.append(pytest.param({"org": bare}, id=f"{sample.stem}-inferred-no-rules"))
    for family in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(family.read_text("utf-8"))["cases"]:
            params.append(pytest.param(case, id=f"{family.stem}-{case['name']}"))
    return params
