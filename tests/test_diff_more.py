"""`orgdesign diff`: what an HR director needs and ids that differ (issue 14, items 2 and 3).

Priority rules, units moved to a new parent, a position's own cost, the people in
removed positions, translated titles; `--map`, `--map-file` and suggested pairs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.analysis.diff import compare
from orgdesign.analysis.diffmap import IdMap, MapError, parse_pairs, split_map
from orgdesign.cli.app import app
from orgdesign.model import Org
from orgdesign.output.reports.diff import render_markdown, render_text

runner = CliRunner()
SAMPLES = Path(__file__).parent.parent / "sample_orgs"

OLD = """\
orgdesign: 1
organization: {id: t, name: T}
decision_domains:
  - {id: results, name: Results, names: {zh: 业绩}}
  - {id: brand, name: Brand, names: {zh: 品牌}}
units:
  - {id: hq, name: HQ, head: ceo}
  - {id: mkt, name: Marketing, parent: hq, head: cmo}
  - {id: brand, name: Brand Team, parent: mkt, head: brand-lead}
  - {id: line, name: Snacks Line, parent: hq, head: gm}
positions:
  - {id: ceo, title: CEO, unit: hq, holders: [Ann], cost: 100}
  - {id: cmo, title: CMO, unit: mkt, reports_to: ceo, holders: [Dee], cost: 90}
  - {id: brand-lead, title: Brand Lead, names: {zh: 品牌主管}, unit: brand, reports_to: cmo,
     holders: [Bo], cost: 50}
  - {id: gm, title: Snacks GM, unit: line, reports_to: ceo, holders: [Gil], cost: 80}
  - {id: line-mkt, title: Snacks Marketing Manager, unit: line, reports_to: gm,
     dotted_to: [brand-lead], holders: [Lu], cost: 40}
  - {id: old-role, title: Old Role, unit: mkt, reports_to: cmo, headcount: 2,
     holders: [Gus, 王五], cost: 30}
priority_rules:
  - id: line-first
    name: Line first
    applies_to: {positions: [line-mkt]}
    decides: {results: solid, brand: dotted}
    escalation: ceo
"""


def new_version() -> str:
    text = OLD.replace(
        "decides: {results: solid, brand: dotted}", "decides: {results: dotted, brand: solid}"
    )
    text = text.replace(
        "{id: brand, name: Brand Team, parent: mkt,", "{id: brand, name: Brand Team, parent: hq,"
    )
    text = text.replace("holders: [Dee], cost: 90}", "holders: [Dee], cost: 120}")
    text = text.replace("names: {zh: 品牌主管}", "names: {zh: 品牌经理}")
    start = text.index("  - {id: old-role")
    end = text.index("priority_rules:")
    return text[:start] + text[end:]


def org_of(tmp_path: Path, name: str, text: str) -> Org:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    org, _ = api.load_org(path, name)
    assert org is not None
    return org


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new_version(), encoding="utf-8")
    return tmp_path / "old.yaml", tmp_path / "new.yaml"


def run_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["diff", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_json_reports_rules_unit_moves_costs_and_people(pair: tuple[Path, Path]) -> None:
    data = run_json(str(pair[0]), str(pair[1]))
    (rule,) = data["priority_rules"]
    assert rule["id"] == "line-first" and rule["status"] == "changed"
    assert rule["decides"] == {"results": ["solid", "dotted"], "brand": ["dotted", "solid"]}
    assert data["units_moved"] == [
        {"id": "brand", "name": "Brand Team", "old_parent": "mkt", "new_parent": "hq"}
    ]
    assert data["costs"] == [{"id": "cmo", "title": "CMO", "cost_per_seat": [90, 120], "seats": 1}]
    assert data["positions"]["removed"] == [
        {"id": "old-role", "title": "Old Role", "holders": ["Gus", "王五"]}
    ]


def test_text_and_markdown_say_the_same(tmp_path: Path) -> None:
    diff = compare(org_of(tmp_path, "a.yaml", OLD), org_of(tmp_path, "b.yaml", new_version()))
    text = render_text(diff)
    assert "Results: solid line → dotted line; Brand: dotted line → solid line" in text
    assert "Brand Team (brand): under HQ (hq) (was Marketing (mkt))" in text
    assert "CMO (cmo): cost per seat 90 → 120 (+30; 1 seat(s): +30)" in text
    assert "Old Role (old-role): Gus, 王五" in text
    md = render_markdown(diff)
    assert "### Priority rules changed (1)" in md
    assert "### Units moved to a new parent (1)" in md
    assert "### Position cost changed (1)" in md
    assert "Old Role (old-role): Gus, 王五" in md


def test_chinese_translates_titles_domains_and_deciders(tmp_path: Path) -> None:
    old, new = org_of(tmp_path, "a.yaml", OLD), org_of(tmp_path, "b.yaml", new_version())
    text = render_text(compare(old, new, lang="zh"), lang="zh")
    assert "brand-lead：“品牌主管” → “品牌经理”" in text
    assert "业绩：实线上级 → 虚线上级；品牌：虚线上级 → 实线上级" in text
    assert "Brand Lead" not in text


def test_a_position_that_only_changes_cost_is_listed(tmp_path: Path) -> None:
    new = OLD.replace("holders: [Ann], cost: 100}", "holders: [Ann], cost: 110}")
    diff = compare(org_of(tmp_path, "a.yaml", OLD), org_of(tmp_path, "b.yaml", new))
    assert [(c.id, c.old_cost, c.new_cost) for c in diff.costs] == [("ceo", 100, 110)]
    assert not diff.empty


# --- item 3: ids that differ ------------------------------------------------------------------


@pytest.fixture
def template_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Today's matrix organisation and a to-be drafted from the matrix template."""
    made = runner.invoke(app, ["new", "--archetype", "matrix", "-o", str(tmp_path / "tobe.yaml")])
    assert made.exit_code == 0, made.output
    return SAMPLES / "matrix.yaml", tmp_path / "tobe.yaml"


def test_template_to_be_gets_suggested_pairs_by_title_unit_and_manager(
    template_pair: tuple[Path, Path],
) -> None:
    data = run_json(*map(str, template_pair))
    pairs = {(s["kind"], s["old_id"]): s["new_id"] for s in data["suggested_pairs"]}
    assert pairs[("unit", "lipstick")] == "line-a"
    assert pairs[("position", "lipstick-head")] == "line-a-head"
    # The line's marketer goes with its own line, not with the other one.
    assert pairs[("position", "lipstick-mkt")] == "line-a-marketing"
    assert pairs[("position", "skincare-mkt")] == "line-b-marketing"
    assert data["mapped"] == {}  # nothing suggested is applied


def test_written_map_confirmed_turns_removed_and_added_into_renames(
    template_pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = map(str, template_pair)
    before = run_json(old, new)
    map_file = tmp_path / "pairs.yaml"
    wrote = runner.invoke(app, ["diff", old, new, "--write-map", str(map_file)])
    assert wrote.exit_code == 0, wrote.output
    entries = yaml.safe_load(map_file.read_text(encoding="utf-8"))
    assert entries["lipstick-mkt"] == "line-a-marketing"
    after = run_json(old, new, "--map-file", str(map_file))
    assert len(after["positions"]["added"]) < len(before["positions"]["added"])
    renamed = {r["old_id"]: r["new_id"] for r in after["positions"]["renamed"]}
    assert renamed["lipstick-mkt"] == "line-a-marketing"
    assert after["mapped"]["lipstick"] == "line-a"
    # With the units paired, the marketer is not "moved" to another unit.
    assert "line-a-marketing" not in {m["id"] for m in after["positions"]["moved"]}


def test_map_option_pairs_one_position(template_pair: tuple[Path, Path]) -> None:
    old, new = map(str, template_pair)
    data = run_json(old, new, "--map", "fragrance-head=line-b-head")
    renamed = {r["old_id"]: r["new_id"] for r in data["positions"]["renamed"]}
    assert renamed["fragrance-head"] == "line-b-head"
    assert "skincare-head" not in renamed  # the user's pair wins over a suggestion


def test_bad_map_entries_exit_2_with_a_reason(
    template_pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = map(str, template_pair)
    bad = runner.invoke(app, ["diff", old, new, "--map", "nosuch=line-a-head"])
    assert bad.exit_code == 2 and "no position, unit or priority rule" in bad.output
    assert runner.invoke(app, ["diff", old, new, "--map", "lipstick-head"]).exit_code == 2
    file = tmp_path / "m.yaml"
    file.write_text("lipstick-head: line-a-head\nskincare-head: nope\n", encoding="utf-8")
    result = runner.invoke(app, ["diff", old, new, "--map-file", str(file)])
    assert result.exit_code == 2
    assert "m.yaml:2:1" in result.output and "'nope'" in result.output


def test_split_map_refuses_one_new_id_twice(tmp_path: Path) -> None:
    old, new = org_of(tmp_path, "a.yaml", OLD), org_of(tmp_path, "b.yaml", OLD)
    with pytest.raises(MapError):
        split_map(old, new, parse_pairs(["ceo=cmo", "gm=cmo"]))
    assert split_map(old, new, parse_pairs(["mkt=brand"])) == IdMap({}, {"mkt": "brand"})


def test_large_inputs_still_pair_exact_titles(
    template_pair: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Above FUZZY_PAIRS only exact titles, roles and holders are compared (no all-against-all).
    monkeypatch.setattr("orgdesign.analysis.diffmap.FUZZY_PAIRS", 0)
    old, new = (org_of_path(p) for p in template_pair)
    pairs = {(s.kind, s.old_id): s.new_id for s in compare(old, new).suggestions}
    assert pairs[("position", "lipstick-mkt")] == "line-a-marketing"
    assert pairs[("position", "skincare-head")] == "line-b-head"


def org_of_path(path: Path) -> Org:
    org, _ = api.load_org(path, path.name)
    assert org is not None
    return org
