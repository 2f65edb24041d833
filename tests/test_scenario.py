"""Scenario files: each change, its errors as located findings, apply/validate/diff, compare."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from company import ceo_line, company_yaml
from orgdesign import api
from orgdesign.analysis import diff as diffing
from orgdesign.cli.app import app
from orgdesign.findings import Finding

runner = CliRunner()

BASE = """\
orgdesign: 1
organization: {id: t, name: T}
units:
  - {id: co, name: Co, type: company, head: ceo}
  - {id: mkt, name: Marketing, parent: co, head: cmo}
  - {id: events, name: Events, parent: mkt, head: ev-lead}
  - {id: campaigns, name: Campaigns, parent: mkt, head: camp-lead}
positions:
  - {id: ceo, title: CEO, unit: co, holders: [Ann]}
  - {id: coo, title: COO, unit: co, reports_to: ceo, holders: [Bo]}
  - {id: cmo, title: CMO, unit: mkt, reports_to: ceo, holders: [Cy], cost: 200000}
  - {id: ev-lead, title: Events Lead, unit: events, reports_to: cmo, holders: [Di]}
  - {id: ev-planner, title: Planner, unit: events, reports_to: ev-lead, headcount: 2}
  - {id: camp-lead, title: Campaign Lead, unit: campaigns, reports_to: cmo, holders: [Ed]}
  - {id: camp-exec, title: Executive, unit: campaigns, reports_to: camp-lead, headcount: 2}
responsibilities:
  - {id: plan, name: Plan events, required: true}
raci:
  - {responsibility: plan, scope: events, A: ev-lead, R: [ev-planner]}
"""


def scenario(tmp_path: Path, changes: str, base: str = BASE) -> Path:
    (tmp_path / "org.yaml").write_text(base, encoding="utf-8")
    path = tmp_path / "s.yaml"
    head = "orgdesign: 1\nscenario: {id: s, name: S, base: org.yaml}\nchanges:\n"
    path.write_text(head + changes, encoding="utf-8")
    return path


def findings_of(path: Path) -> list[Finding]:
    return api.validate([(path, path.name)]).findings


def refusals(tmp_path: Path, changes: str) -> list[Finding]:
    """The findings of a scenario of `changes` on BASE (for changes that are refused)."""
    return findings_of(scenario(tmp_path, changes))


def located(findings: list[Finding], rule: str) -> list[str]:
    return [f"{f.file}:{f.line}" for f in findings if f.rule == rule]


def applied(tmp_path: Path, path: Path) -> dict:
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["scenario", "apply", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return yaml.safe_load(out.read_text(encoding="utf-8"))


def by_id(data: dict, section: str = "positions") -> dict[str, dict]:
    return {item["id"]: item for item in data[section]}


def test_move_changes_manager_and_unit(tmp_path: Path) -> None:
    path = scenario(
        tmp_path, "  - move: {position: ev-planner, reports_to: camp-lead, unit: campaigns}\n"
    )
    positions = by_id(applied(tmp_path, path))
    assert positions["ev-planner"]["reports_to"] == "camp-lead"
    assert positions["ev-planner"]["unit"] == "campaigns"
    assert positions["camp-exec"]["reports_to"] == "camp-lead"


def test_move_to_unknown_manager_is_located_at_the_change(tmp_path: Path) -> None:
    path = scenario(tmp_path, "  - move: {position: ev-planner, reports_to: camp-led}\n")
    found = findings_of(path)
    assert located(found, "ORG004") == ["s.yaml:4"]
    assert any("did you mean 'camp-lead'" in f.message for f in found if f.rule == "ORG004")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1


def test_move_of_unknown_position(tmp_path: Path) -> None:
    path = scenario(tmp_path, "  - move: {position: nobody, reports_to: cmo}\n")
    assert located(findings_of(path), "ORG004") == ["s.yaml:4"]
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["scenario", "apply", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()


def test_move_that_creates_a_cycle_is_refused_at_the_change(tmp_path: Path) -> None:
    path = scenario(
        tmp_path,
        "  - {move: {position: cmo, reports_to: ev-planner}}\n  - close: {position: coo}\n",
    )
    found = findings_of(path)
    assert located(found, "ORG101") == ["s.yaml:4"]
    assert "cycle" in next(f.message for f in found if f.rule == "ORG101")
    # the refused move is left out: the closing still applies and the chart has no cycle
    assert "coo" not in {p.id for p in api.validate([(path, "s.yaml")]).results[0].org.positions}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param("  - close: {position: ceo}\n", id="closing-the-root"),
        pytest.param("  - close: {position: cmo, to: ev-planner}\n", id="close-into-own-subtree"),
        pytest.param("  - merge_units: {from: mkt, into: events}\n", id="merge-into-own-sub-unit"),
    ],
)
def test_a_change_that_cannot_apply_is_refused_at_the_change(tmp_path: Path, change: str) -> None:
    found = refusals(tmp_path, change)
    assert located(found, "SCN701") == ["s.yaml:4"]


def test_closing_the_root_with_a_successor(tmp_path: Path) -> None:
    path = scenario(tmp_path, "  - close: {position: ceo, to: coo}\n")
    assert not [f for f in findings_of(path) if f.severity.value == "error"]
    positions = by_id(applied(tmp_path, path))
    assert "ceo" not in positions
    assert "reports_to" not in positions["coo"]
    assert positions["cmo"]["reports_to"] == "coo"
    units = by_id(applied(tmp_path, path), "units")
    assert units["co"]["head"] == "coo"


def test_close_hands_reports_and_raci_to_the_manager(tmp_path: Path) -> None:
    path = scenario(tmp_path, "  - close: {position: ev-lead}\n")
    data = applied(tmp_path, path)
    positions = by_id(data)
    assert "ev-lead" not in positions
    assert positions["ev-planner"]["reports_to"] == "cmo"
    assert data["raci"][0]["A"] == ["cmo"]
    assert by_id(data, "units")["events"]["head"] == "cmo"


def test_add_and_duplicate_add(tmp_path: Path) -> None:
    changes = (
        "  - add: {id: ops, title: Ops Lead, unit: mkt, reports_to: cmo}\n"
        "  - add: {id: cmo, title: Another CMO, unit: mkt, reports_to: ceo}\n"
        "  - add: {id: ghost, title: Ghost, reports_to: nobody}\n"
    )
    found = refusals(tmp_path, changes)
    assert located(found, "ORG003") == ["s.yaml:5"]
    assert located(found, "ORG004") == ["s.yaml:6"]  # the engine's ORG004, at the `add`


def test_merge_units(tmp_path: Path) -> None:
    path = scenario(tmp_path, "  - merge_units: {from: events, into: campaigns}\n")
    data = applied(tmp_path, path)
    assert "events" not in by_id(data, "units")
    assert by_id(data)["ev-planner"]["unit"] == "campaigns"
    assert data["raci"][0]["scope"] == "campaigns"


TWO_ENTRIES = BASE + "  - {responsibility: plan, scope: campaigns, A: camp-lead, R: [camp-exec]}\n"


def test_merging_two_units_with_an_entry_each_keeps_one_and_says_so(tmp_path: Path) -> None:
    """One scope holds one entry per responsibility: the merged file must not have two."""
    path = scenario(tmp_path, "  - merge_units: {from: events, into: campaigns}\n", TWO_ENTRIES)
    assert located(findings_of(path), "SCN702") == ["s.yaml:4"]
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["scenario", "apply", str(path), "-o", str(out)])
    assert result.exit_code == 0 and "SCN702" in result.output, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [(e["scope"], e["A"]) for e in data["raci"]] == [("campaigns", ["camp-lead"])]
    assert not [f for f in findings_of(out) if f.rule == "ORG003"], "the written file is valid"
    written = scenario(
        tmp_path,
        "  - merge_units: {from: events, into: campaigns}\n"
        "  - raci: {responsibility: plan, scope: campaigns, A: camp-lead, R: [ev-planner]}\n",
        TWO_ENTRIES,
    )
    assert located(findings_of(written), "SCN702") == [], "the scenario wrote the merged entry"


def test_set_and_its_errors(tmp_path: Path) -> None:
    changes = (
        "  - set: {position: cmo, cost: 260000, holders: [Fay]}\n"
        "  - set: {position: coo, headcount: none}\n"
        "  - set: {position: coo, id: coo2}\n"
        "  - set: {position: cmo, reports_to: camp-exec}\n"
    )
    path = scenario(tmp_path, changes)
    found = findings_of(path)
    assert located(found, "ORG002") == ["s.yaml:5"]
    assert located(found, "SCN701") == ["s.yaml:6"]
    assert located(found, "ORG101") == ["s.yaml:7"]
    # the good `set` applies even though later ones are refused
    org = api.validate([(path, "s.yaml")]).results[0].org
    assert org is not None and org.position_by_id["cmo"].cost == 260000


def test_raci_change_replaces_the_entry(tmp_path: Path) -> None:
    path = scenario(
        tmp_path, "  - raci: {responsibility: plan, scope: events, A: cmo, R: ev-lead}\n"
    )
    data = applied(tmp_path, path)
    assert data["raci"] == [
        {"responsibility": "plan", "scope": "events", "R": ["ev-lead"], "A": ["cmo"]}
    ]


def test_badly_written_changes_are_located(tmp_path: Path) -> None:
    changes = "  - mvoe: {position: cmo}\n  - move: {position: cmo, manager: ceo}\n  - just text\n"
    found = refusals(tmp_path, changes)
    assert located(found, "ORG002") == ["s.yaml:4", "s.yaml:5", "s.yaml:6"]
    assert any("did you mean 'move'" in f.message for f in found)


def test_missing_base_is_located_at_base(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("orgdesign: 1\nscenario: {id: s, name: S, base: nowhere.yaml}\nchanges: []\n")
    assert located(findings_of(path), "ORG001") == ["s.yaml:2"]


def test_findings_of_untouched_elements_stay_in_the_base(tmp_path: Path) -> None:
    base = BASE.replace(
        "{id: camp-lead, title: Campaign Lead,",
        "{id: camp-lead, title: Campaign Lead, headcount: 1, holders: [Ed, Extra],",
    )
    path = scenario(tmp_path, "  - move: {position: ev-planner, reports_to: camp-lead}\n", base)
    found = findings_of(path)
    assert [f.file for f in found if f.rule == "ORG109"] == ["org.yaml"]


def test_company_ceo_span_three_moves_and_diff(tmp_path: Path) -> None:
    text = company_yaml()
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    base = api.validate([(tmp_path / "org.yaml", "org.yaml")])
    assert len(base.results[0].org.positions) == 100
    assert located(base.findings, "TGT601") == [f"org.yaml:{ceo_line(text)}"]
    moves = [("vp-03", "vp-01"), ("vp-04", "vp-02"), ("vp-11", "vp-08")]
    path = tmp_path / "three.yaml"
    path.write_text(
        "orgdesign: 1\nscenario: {id: three, name: Three moves, base: org.yaml}\nchanges:\n"
        + "".join(f"  - move: {{position: {p}, reports_to: {m}}}\n" for p, m in moves)
    )
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "applied.yaml"
    assert runner.invoke(app, ["scenario", "apply", str(path), "-o", str(out)]).exit_code == 0
    old = api.validate([(tmp_path / "org.yaml", "org.yaml")]).results[0]
    new = api.validate([(out, "applied.yaml")]).results[0]
    change = diffing.compare(old.org, new.org, old.findings, new.findings)
    assert sorted((m.id, m.new_manager) for m in change.moved) == sorted(moves)
    assert not change.added and not change.removed and not change.renamed
    assert not change.raci and not change.holders and not change.dotted_added
    assert change.total_old == change.total_new
    # `diff` reads the scenario itself too: the same three moves
    listed = runner.invoke(app, ["diff", str(tmp_path / "org.yaml"), str(path), "--format", "json"])
    data = json.loads(listed.stdout)["positions"]
    assert sorted((m["id"], m["new_manager"]) for m in data["moved"]) == sorted(moves)
    assert not data["added"] and not data["removed"] and not data["renamed"]


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_compare(tmp_path: Path, fmt: str) -> None:
    changes = (
        "  - close: {position: ev-lead}\n  - close: {position: camp-lead}\n"
        "  - add: {id: ops, title: Ops, unit: co, reports_to: ceo, cost: 100000}\n"
    )
    path = scenario(tmp_path, changes)
    result = runner.invoke(
        app, ["scenario", "compare", str(tmp_path / "org.yaml"), str(path), "-f", fmt]
    )
    assert result.exit_code == 0, result.output
    if fmt == "json":
        columns = json.loads(result.stdout)["organisations"]
        assert [c["metrics"]["positions"] for c in columns] == [7, 6]
        assert [c["metrics"]["cost"] for c in columns] == [200000, 300000]
        assert [c["metrics"]["layers"] for c in columns] == [4, 3]
    else:
        assert "layers" in result.stdout and "S" in result.stdout


def test_build_of_a_scenario_adds_before_and_after_charts(tmp_path: Path) -> None:
    path = scenario(tmp_path, "  - close: {position: ev-lead}\n")
    out = tmp_path / "pack"
    result = runner.invoke(app, ["build", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    before = (out / "before.svg").read_text(encoding="utf-8")
    after = (out / "after.svg").read_text(encoding="utf-8")
    assert "Events Lead" in before and "Events Lead" not in after
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "before.svg" in index and "after.svg" in index


def test_build_of_an_org_file_has_no_before_after(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(BASE, encoding="utf-8")
    out = tmp_path / "pack"
    assert runner.invoke(app, ["build", str(tmp_path / "org.yaml"), "-o", str(out)]).exit_code == 0
    assert not (out / "before.svg").exists()


def test_readme_example_files_are_current() -> None:
    """docs/examples/scenarios/org.yaml is tests/company.py's company; its scenario validates."""
    folder = Path(__file__).parent.parent / "docs" / "examples" / "scenarios"
    assert (folder / "org.yaml").read_text(encoding="utf-8") == company_yaml()
    for name in ("three-moves.yaml", "suggested.yaml"):
        run = api.validate([(folder / name, name)])
        assert run.exit_code() == 0
        assert run.results[0].org is not None and len(run.results[0].org.positions) == 100


_IDS = st.sampled_from(["ceo", "coo", "cmo", "ev-lead", "ev-planner", "nobody", "events", "mkt"])
_VALUES = st.one_of(_IDS, st.integers(-3, 5), st.booleans(), st.none(), st.lists(_IDS, max_size=2))
_KEYS = st.sampled_from(
    ["position", "reports_to", "unit", "to", "from", "into", "id", "title", "headcount", "A", "R"]
)
_CHANGE = st.one_of(
    st.dictionaries(
        st.sampled_from(["move", "add", "close", "merge_units", "set", "raci", "oops"]),
        st.one_of(st.dictionaries(_KEYS, _VALUES, max_size=4), _VALUES),
        min_size=1,
        max_size=2,
    ),
    _VALUES,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(changes=st.lists(_CHANGE, max_size=5))
def test_any_changes_give_findings_never_a_crash(tmp_path: Path, changes: list[object]) -> None:
    (tmp_path / "org.yaml").write_text(BASE, encoding="utf-8")
    path = tmp_path / "s.yaml"
    doc = {"orgdesign": 1, "scenario": {"id": "s", "name": "S", "base": "org.yaml"}}
    path.write_text(yaml.safe_dump({**doc, "changes": changes}), encoding="utf-8")
    run = api.validate([(path, "s.yaml")])
    org = run.results[0].org
    assert org is not None
    assert all(f.line >= 1 for f in run.findings)
    # whatever was refused, the applied organisation has no reporting cycle
    assert not [f for f in run.findings if f.message.startswith("reporting cycle")]


def test_a_file_that_is_not_a_scenario_is_parsed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telling scenarios from org files must not parse every org file a second time."""
    from orgdesign.load import loader

    parsed: list[str] = []
    real = loader.load_text

    def counting(text: str, file: str, limits: loader.Limits | None = None) -> loader.LoadResult:
        parsed.append(file)
        return real(text, file, limits)

    monkeypatch.setattr(loader, "load_text", counting)
    org = tmp_path / "org.yaml"
    org.write_text(BASE, encoding="utf-8")
    api.validate([(org, "org.yaml")], disk_cache=None)
    assert parsed == ["org.yaml"]
    parsed.clear()
    path = scenario(tmp_path, "  - merge_units: {from: events, into: campaigns}\n")
    api.validate([(path, "s.yaml")], disk_cache=None)
    assert parsed.count("s.yaml") == 1, parsed
