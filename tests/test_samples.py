"""Acceptance: the sample organisations validate clean; each invalid sample fires its rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orgdesign import api
from orgdesign.assemble.project import assemble

SAMPLES = Path(__file__).parent.parent / "sample_orgs"
GOOD = sorted(SAMPLES.glob("*.yaml"))
BAD = sorted((SAMPLES / "invalid").glob("*.yaml"))


def test_there_are_four_archetype_samples() -> None:
    assert {p.stem for p in GOOD} == {"lean", "functional", "matrix", "divisional"}


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_sample_has_no_error(path: Path) -> None:
    run = api.validate([(path, str(path))])
    errors = [f for f in run.findings if f.severity.value == "error"]
    assert not errors, "\n".join(f"{f.line}: {f.rule} {f.message}" for f in errors)
    org = assemble(path).org
    assert org.archetype == path.stem
    assert org.organization is not None and org.organization.names.get("zh")
    assert all(p.names.get("zh") for p in org.positions)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_invalid_sample_fires_its_rule_at_its_line(path: Path) -> None:
    header = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    match = re.match(r"# expect: (\w+) line (\d+)", header)
    assert match, f"{path.name} needs a '# expect: RULE line N' header"
    rule, line = match.group(1), int(match.group(2))
    run = api.validate([(path, path.name)])
    hits = [f for f in run.findings if f.rule == rule and f.line == line]
    # error-level expectations fail the run; warning-level ones are reported and exit 0
    assert run.exit_code() == (1 if any(f.severity.value == "error" for f in hits) else 0)
    assert hits, [(f.rule, f.line, f.message) for f in run.findings]


def test_every_error_rule_has_an_invalid_sample() -> None:
    from orgdesign.lint.rules import registry

    covered = {p.name.split("-")[0].upper() for p in BAD}
    errors = {r.id for r in registry() if r.severity.value == "error"} | {"DUAL301"}
    assert errors <= covered, errors - covered
