"""Edge cases found by review: odd files, odd text, odd configuration. Each once crashed,
hung, misplaced a finding or was silently ignored."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_org
from orgdesign.cli.app import app
from orgdesign.load.loader import load_file, load_text

runner = CliRunner()
HEAD = "orgdesign: 1\norganization: {id: x, name: X}\n"


def write_org(path: Path, body: str) -> Path:
    """An org file: HEAD and `body`."""
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def test_files_that_only_include_each_other_are_still_checked(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HEAD + "positions: [{id: p, title: P}]\ninclude: [b.yaml]\n")
    (tmp_path / "b.yaml").write_text(HEAD + "include: [a.yaml]\n")
    result = runner.invoke(app, ["validate", "-f", "json", str(tmp_path)])
    payload = json.loads(result.stdout)
    assert result.exit_code == 1 and payload["summary"]["files"] == 1
    assert {f["rule"] for f in payload["findings"]} == {"ORG001", "ORG002"}


def test_the_same_file_twice_is_checked_once(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HEAD + "positions: [{id: p, title: P}]\n")
    os.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "-f", "json", "a.yaml", "./a.yaml"])
    assert json.loads(result.stdout)["summary"]["files"] == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    result = load_file(fifo)
    assert not result.ok and "not a regular file" in result.findings[0].message


def test_bad_character_after_chinese_is_placed_by_characters() -> None:
    text = "a: 中文中文中文中文\nb: 中文\x01\n"
    finding = load_text(text, "f").findings[0]
    assert (finding.rule, finding.line, finding.column) == ("ORG001", 2, 6)


def test_huge_integers_stay_text() -> None:
    assert load_text("a: " + "9" * 5000 + "\n", "f").data == {"a": "9" * 5000}


def test_children_that_are_not_a_list(tmp_path: Path) -> None:
    text = HEAD + "positions: [{id: ceo, title: C}]\n"
    text += "responsibilities:\n  - {id: r, name: R, children: 5}\n"
    findings = run_org(tmp_path, text)
    assert [(f.rule, f.line) for f in findings] == [("ORG002", 5)]
    assert "must be a list, not a number" in findings[0].message


def test_nested_schema_errors_name_the_nested_element(tmp_path: Path) -> None:
    text = HEAD + (
        "positions: [{id: ceo, title: C}]\n"
        "projects:\n  - {id: pr, name: P, milestones: [{name: a}, {due: 2026-01-01}]}\n"
    )
    findings = [f for f in run_org(tmp_path, text) if f.rule == "ORG002"]
    assert findings[0].message == "project 'pr' milestones[2] is missing the required key 'name'"
    assert findings[0].element == "pr"


def test_ignore_is_case_insensitive_and_unknown_ids_are_reported(tmp_path: Path) -> None:
    text = HEAD + (
        "positions:\n  - {id: ceo, title: CEO, ignore: [org106, BOGUS9]}\n"
        "  - {id: a, title: A, reports_to: ceo}\n"
    )
    findings = run_org(tmp_path, text)
    assert [(f.rule, f.line, f.column) for f in findings] == [("ORG002", 4, 44)]
    assert "BOGUS9" in findings[0].message


def test_control_characters_never_reach_the_terminal_or_break_xml(tmp_path: Path) -> None:
    org = write_org(
        tmp_path / "we%ird name.yaml",
        'positions: [{id: ceo, title: C}]\nresponsibilities: [{id: r, name: "bell\\a esc\\e nl\\n",'
        " required: true}]\n",
    )
    text = runner.invoke(app, ["validate", str(org)]).stdout
    assert "\x1b" not in text and "\x07" not in text
    assert "bell\\x07 esc\\x1b nl\\n" in text
    assert len(text.splitlines()) == 2
    junit = runner.invoke(app, ["validate", "-f", "junit", str(org)]).stdout
    ET.fromstring(junit)
    os.chdir(tmp_path)
    sarif = json.loads(runner.invoke(app, ["validate", "-f", "sarif", org.name]).stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "we%25ird%20name.yaml"


@pytest.mark.parametrize(
    ("config", "code"),
    [
        ("[options.org106]\nmin = 5\nmax = 1\n", 2),  # lower-case id still validated
        ('ignore = [""]\n', 2),  # would match every rule
        ('ignore = ["ORG001"]\n', 2),  # unreadable files cannot be silenced
        ('[severity]\nORG001 = "info"\n', 2),
        ('[severity]\norg106 = "error"\n', 1),  # lower-case id applied
        ('ignore = ["ORG"]\n', 0),  # a family prefix is fine
    ],
)
def test_configuration_mistakes_are_usage_errors(tmp_path: Path, config: str, code: int) -> None:
    org = tmp_path / "o.yaml"
    org.write_text(
        HEAD + "positions:\n  - {id: ceo, title: C}\n  - {id: a, title: A, reports_to: ceo}\n"
    )
    (tmp_path / "c.toml").write_text(config)
    result = runner.invoke(app, ["validate", "--config", str(tmp_path / "c.toml"), str(org)])
    assert result.exit_code == code, result.stdout + result.stderr


def test_unwritable_output_and_statistics_misuse_are_usage_errors(tmp_path: Path) -> None:
    org = tmp_path / "o.yaml"
    org.write_text(HEAD + "positions: [{id: ceo, title: C}]\n")
    assert runner.invoke(app, ["validate", str(org), "-o", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["schema", "-o", str(tmp_path)]).exit_code == 2
    result = runner.invoke(app, ["validate", str(org), "--statistics", "-f", "json"])
    assert result.exit_code == 2


ERROR_ORG = (
    HEAD + "positions:\n  - {id: ceo, title: CEO}\n  - {id: a, title: A, reports_to: nobody}\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["chart", "{org}", "-o", "{tmp}/c.dot"],
        ["chart", "{org}", "-o", "{tmp}/c.mmd"],
        ["raci", "{org}", "-o", "{tmp}/r.md"],
        ["roles", "{org}", "-o", "{tmp}/roles"],
        ["stats", "{org}", "-f", "json"],
        ["diff", "{org}", "{org}"],
        ["export", "{org}", "-o", "{tmp}/e.csv"],
    ],
)
def test_every_command_exits_1_on_error_findings_and_still_writes(
    tmp_path: Path, args: list[str]
) -> None:
    org = tmp_path / "o.yaml"
    org.write_text(ERROR_ORG)
    argv = [a.format(org=org, tmp=tmp_path) for a in args]
    result = runner.invoke(app, argv)
    assert result.exit_code == 1, result.stdout + result.stderr
    if "-o" in argv:
        assert Path(argv[argv.index("-o") + 1]).exists()


def test_unwritable_outputs_are_exit_2_without_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    blocker = tmp_path / "afile"
    blocker.write_text("")
    out = subprocess.run(
        [sys.executable, "-m", "orgdesign", "stats", "sample_orgs/lean.yaml", "-f", "json",
         "-o", str(blocker / "s.json")],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent,
    )  # fmt: skip
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert str(blocker) in out.stderr


def test_stats_markdown_has_no_live_html(tmp_path: Path) -> None:
    org = tmp_path / "o.yaml"
    org.write_text(
        'orgdesign: 1\norganization: {id: x, name: "<b>X</b>"}\n'
        'units: [{id: u, name: "<script>alert(1)</script>", head: ceo}]\n'
        "positions: [{id: ceo, title: CEO, unit: u}]\n"
    )
    out = runner.invoke(app, ["stats", str(org), "-f", "md"]).stdout
    # the one Markdown escaper: no `<` is left, so no tag can open (`>` alone is text)
    assert "<script>" not in out and "<b>" not in out and "&lt;script>" in out


def test_language_tags_match_loosely() -> None:
    from orgdesign.model import Unit

    unit = Unit(id="u", name="Marketing", names={"zh": "市场营销部"})
    assert [unit.label(t) for t in ("zh", "zh-CN", "ZH", "zh_Hans", "en", None)] == [
        "市场营销部", "市场营销部", "市场营销部", "市场营销部", "Marketing", "Marketing",
    ]  # fmt: skip


def test_github_annotations_escape_control_characters() -> None:
    from orgdesign.output.findings.github import escape_data

    assert escape_data("a\x1bb\nc%") == "a\\x1bb%0Ac%25"


def test_rebuilding_a_pack_keeps_files_it_did_not_write(tmp_path: Path) -> None:
    org = Path(__file__).parent.parent / "sample_orgs" / "lean.yaml"
    pack = tmp_path / "pack"
    assert runner.invoke(app, ["roles", str(org), "-o", str(pack)]).exit_code == 0
    assert runner.invoke(app, ["roles", str(org), "-o", str(pack)]).exit_code == 0  # replaced
    (pack / "NOTES.txt").write_text("mine")
    assert runner.invoke(app, ["roles", str(org), "-o", str(pack)]).exit_code == 2
    assert (pack / "NOTES.txt").read_text() == "mine"
    (pack / "NOTES.txt").unlink()
    result = runner.invoke(app, ["build", str(org), "-o", str(pack)])
    assert result.exit_code == 2 and "roles" in result.stderr  # a roles folder is not a pack


def test_descriptions_and_rule_names_translate(tmp_path: Path) -> None:
    from orgdesign.assemble.graph import OrgGraph
    from orgdesign.assemble.project import assemble
    from orgdesign.output.documents.cards import role_card

    org_file = write_org(
        tmp_path / "o.yaml",
        """decision_domains: [{id: brand, name: Brand}]
positions:
  - {id: ceo, title: CEO}
  - {id: b, title: B, reports_to: ceo}
  - {id: x, title: X, reports_to: ceo, dotted_to: [b], description: Runs the line,
     descriptions: {zh: 负责产品线}}
priority_rules:
  - {id: r, name: Line first, names: {zh: 产品线优先}, applies_to: {positions: [x]},
     decides: {brand: dotted}, escalation: ceo}
""",
    )
    org = assemble(org_file).org
    card = role_card(org, OrgGraph(org), "x", "zh")
    assert card["description"] == "负责产品线"
    assert card["priority_rules"][0]["name"] == "产品线优先"
    assert role_card(org, OrgGraph(org), "x", None)["description"] == "Runs the line"
