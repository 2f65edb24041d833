"""`suggest`: the written scenario applies cleanly, has a reason above each change, reduces
the target findings and never creates a cycle (company of 100, generated orgs of 100 and 1,000;
10,000 positions are in bench/suggest_times.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from company import company_yaml
from conftest import REPO
from orgdesign import api
from orgdesign.cli.app import app

runner = CliRunner()
TARGET_RULES = ("TGT601", "TGT602")


def count(path: Path, rules: tuple[str, ...] = TARGET_RULES) -> int:
    return sum(1 for f in api.validate([(path, path.name)]).findings if f.rule in rules)


def suggest(org: Path, out: Path, *options: str) -> str:
    result = runner.invoke(app, ["suggest", str(org), "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def applies_cleanly(tmp_path: Path, scenario: Path) -> None:
    applied = tmp_path / "applied.yaml"
    result = runner.invoke(app, ["scenario", "apply", str(scenario), "-o", str(applied)])
    assert result.exit_code == 0, result.output
    rules = {f.rule for f in api.validate([(scenario, scenario.name)]).findings}
    assert not rules & {"ORG101", "ORG102", "ORG004", "SCN701", "ORG002", "ORG003"}


@pytest.mark.parametrize("solver", ["auto", "heuristic"])
def test_company_ceo_span(tmp_path: Path, solver: str) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(company_yaml(), encoding="utf-8")
    out = tmp_path / "suggested.yaml"
    text = suggest(org, out, "--time-limit", "5", "--solver", solver)
    assert count(org, ("TGT601",)) == 1
    assert count(out, ("TGT601",)) < 1
    applies_cleanly(tmp_path, out)
    lines = text.splitlines()
    changes = [i for i, line in enumerate(lines) if line.startswith("  - ")]
    assert changes and all(lines[i - 1].startswith("  # ") for i in changes)
    assert "TGT601: ceo has 12 seats" in text


def test_allow_new_adds_leads_under_a_wide_manager(tmp_path: Path) -> None:
    staff = "".join(
        f"  - {{id: s{n}, title: Specialist {n}, unit: co, reports_to: boss}}\n" for n in range(20)
    )
    org = tmp_path / "org.yaml"
    org.write_text(
        "orgdesign: 1\norganization: {id: t, name: T}\ntargets: {span: {min: 2, max: 8}}\n"
        "units: [{id: co, name: Co, head: boss}]\npositions:\n"
        "  - {id: boss, title: Boss, unit: co}\n" + staff,
        encoding="utf-8",
    )
    out = tmp_path / "s.yaml"
    without = suggest(org, tmp_path / "plain.yaml", "--time-limit", "3")
    assert "- add:" not in without
    text = suggest(org, out, "--time-limit", "5", "--allow-new")
    assert "- add:" in text
    assert count(out) < count(org)
    applies_cleanly(tmp_path, out)


def test_no_targets_is_a_usage_error(tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(company_yaml(targets=False), encoding="utf-8")
    result = runner.invoke(app, ["suggest", str(org), "-o", str(tmp_path / "s.yaml")])
    assert result.exit_code == 2
    assert not (tmp_path / "s.yaml").exists()
    text = suggest(org, tmp_path / "s.yaml", "--span-max", "8", "--time-limit", "3")
    assert "targets: {span: {max: 8}}" in text  # what was asked for travels with the scenario


@pytest.mark.parametrize("positions", [100, 1000])
def test_generated_orgs(tmp_path: Path, positions: int) -> None:
    org = tmp_path / "org.yaml"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), "-n", str(positions), "-o", str(org)],
        check=True,
    )
    out = tmp_path / "s.yaml"
    options = ("--span-min", "3", "--span-max", "8", "--layers-max", "5", "--time-limit", "4")
    suggest(org, out, *options)
    before = api.validate([(org, "org.yaml")])
    # the scenario carries the targets given on the command line; the base is judged by them too
    assert count(out) < sum(
        1
        for f in api.validate(
            [(org, "org.yaml")],
            api.Config.model_validate(
                {"targets": {"span": {"min": 3, "max": 8}, "layers": {"max": 5}}}
            ),
        ).findings
        if f.rule in TARGET_RULES
    )
    assert not [f for f in before.findings if f.rule == "ORG101"]
    applies_cleanly(tmp_path, out)
