"""`orgdesign diff`: what changed between an as-is and a to-be organisation."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.analysis.diff import compare, match_renamed
from orgdesign.cli.app import app
from orgdesign.model import Org
from orgdesign.output.reports.diff import render_chart, render_markdown

runner = CliRunner()
REPO = Path(__file__).parent.parent
SAMPLES = sorted((REPO / "sample_orgs").glob("*.yaml"))

HEAD = """orgdesign: 1
organization: {id: t, name: T}
responsibilities:
  - {id: r1, name: One}
  - {id: r2, name: Two}
  - {id: r3, name: Three}
units:
  - {id: hq, name: HQ, head: ceo}
  - {id: sales, name: Sales, parent: hq, head: vp-sales}
"""
OLD = (
    HEAD
    + """  - {id: mkt, name: Marketing, parent: hq, head: cmo}
positions:
  - {id: ceo, title: CEO, unit: hq, holders: [Ann], cost: 100}
  - {id: vp-sales, title: VP Sales, unit: sales, reports_to: ceo, holders: [Bob], cost: 80}
  - {id: rep, title: Sales Rep, unit: sales, reports_to: vp-sales, headcount: 3,
     holders: [C1, C2], cost: 10}
  - {id: cmo, title: CMO, unit: mkt, reports_to: ceo, holders: [Dee], cost: 90}
  - {id: analyst, title: Analyst, unit: mkt, reports_to: cmo, holders: [Eve], cost: 20}
  - {id: designer, title: Designer, unit: mkt, reports_to: cmo, dotted_to: [vp-sales],
     holders: [Fay], cost: 20}
  - {id: old-role, title: Old Role, unit: mkt, reports_to: cmo, holders: [Gus], cost: 30}
raci:
  - {responsibility: r1, A: cmo, R: analyst}
  - {responsibility: r2, A: ceo, R: vp-sales}
"""
)
NEW = (
    HEAD
    + """  - {id: mkt, name: Marketing, parent: hq, head: marketing-head}
positions:
  - {id: ceo, title: CEO, unit: hq, holders: [Ann], cost: 100}
  - {id: vp-sales, title: VP Sales, unit: sales, reports_to: ceo, holders: [Bob], cost: 80}
  - {id: rep, title: Sales Rep, unit: sales, reports_to: vp-sales, headcount: 4,
     holders: [C1, C3], cost: 10, dotted_to: [marketing-head]}
  - {id: marketing-head, title: CMO, unit: mkt, reports_to: ceo, holders: [Dee], cost: 90}
  - {id: analyst, title: Data Analyst, unit: mkt, reports_to: marketing-head, holders: [Eve],
     cost: 20}
  - {id: designer, title: Designer, unit: sales, reports_to: vp-sales, holders: [Fay], cost: 20}
  - {id: new-role, title: Growth Lead, unit: mkt, reports_to: marketing-head, holders: [Hal],
     cost: 40}
raci:
  - {responsibility: r1, A: marketing-head, R: [analyst, designer]}
  - {responsibility: r3, A: ceo, R: new-role}
"""
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path) -> tuple[Org, list[Any]]:
    result = api.validate([(path, str(path))]).results[0]
    assert result.org is not None
    return result.org, result.findings


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path, "old.yaml", OLD), write(tmp_path, "new.yaml", NEW)


def diff_json(old: Path, new: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_every_kind_of_change(pair: tuple[Path, Path]) -> None:
    data = diff_json(*pair)
    positions = data["positions"]
    assert positions["added"] == [{"id": "new-role", "title": "Growth Lead"}]
    assert positions["removed"] == [{"id": "old-role", "title": "Old Role", "holders": ["Gus"]}]
    assert positions["renamed"] == [
        {"old_id": "cmo", "new_id": "marketing-head", "old_title": "CMO", "new_title": "CMO"},
        {
            "old_id": "analyst",
            "new_id": "analyst",
            "old_title": "Analyst",
            "new_title": "Data Analyst",
        },
    ]
    # The analyst's manager was only renamed: not a move. The designer changed manager and unit.
    assert positions["moved"] == [
        {
            "id": "designer",
            "title": "Designer",
            "old_manager": "marketing-head",
            "new_manager": "vp-sales",
            "old_unit": "mkt",
            "new_unit": "sales",
        }
    ]
    assert data["dotted_lines"] == {
        "added": [{"position": "rep", "manager": "marketing-head"}],
        "removed": [{"position": "designer", "manager": "vp-sales"}],
    }
    assert data["holders"] == [
        {"id": "rep", "title": "Sales Rep", "joined": ["C3"], "left": ["C2"], "seats": [3, 4]}
    ]
    assert data["total"]["seats"] == [9, 10, 1]
    assert data["total"]["cost"] == [370, 390, 20]
    units = {u["id"]: u for u in data["units"]}
    assert set(units) == {"hq", "sales", "mkt"}
    assert units["sales"]["seats"] == [4, 6, 2]
    assert units["sales"]["cost"] == [110, 140, 30]
    assert units["mkt"]["cost"] == [160, 150, -10]
    assert units["mkt"]["headcount"] == [4, 3, -1]
    raci = {c["responsibility"]: c for c in data["raci"]}
    assert raci["r1"]["status"] == "changed"
    assert (raci["r1"]["added"], raci["r1"]["removed"]) == ({"R": ["designer"]}, {})
    assert raci["r2"]["status"] == "removed" and raci["r2"]["removed"] == {
        "R": ["vp-sales"],
        "A": ["ceo"],
    }
    assert raci["r3"]["status"] == "added" and raci["r3"]["added"]["R"] == ["new-role"]
    appeared = {(f["rule"], f["element"]) for f in data["findings"]["appeared"]}
    gone = {(f["rule"], f["element"]) for f in data["findings"]["disappeared"]}
    assert ("DUAL301", "rep") in appeared
    assert ("DUAL301", "designer") in gone


def test_identical_versions_have_no_changes(tmp_path: Path) -> None:
    for sample in SAMPLES:
        result = runner.invoke(app, ["diff", str(sample), str(sample)])
        assert result.exit_code == 0
        assert result.stdout.startswith("No changes"), result.stdout
    org, findings = load(SAMPLES[0])
    assert compare(org, org, findings, findings).empty


def test_samples_compared_with_each_other() -> None:
    lean, lean_findings = load(REPO / "sample_orgs" / "lean.yaml")
    matrix, matrix_findings = load(REPO / "sample_orgs" / "matrix.yaml")
    result = compare(lean, matrix, lean_findings, matrix_findings)
    assert result.total_old.seats == sum(p.headcount for p in lean.positions)
    assert result.total_new.seats == sum(p.headcount for p in matrix.positions)
    shared = {p.id for p in lean.positions} & {p.id for p in matrix.positions}
    renamed = match_renamed(lean, matrix)
    added = {p.id for p in result.added}
    assert added == {p.id for p in matrix.positions} - shared - set(renamed.values())
    assert {x.position for x in result.dotted_added} == {
        "lipstick-mkt",
        "skincare-mkt",
        "fragrance-mkt",
    }


def test_renames_are_matched_by_holders_or_title_and_place(tmp_path: Path) -> None:
    old = """orgdesign: 1
organization: {id: t, name: T}
positions:
  - {id: ceo, title: CEO}
  - {id: a, title: Planner, reports_to: ceo}
  - {id: b, title: Buyer, reports_to: ceo, holders: [Kim]}
  - {id: c, title: Clerk, reports_to: ceo}
"""
    new = """orgdesign: 1
organization: {id: t, name: T}
positions:
  - {id: ceo, title: CEO}
  - {id: planner, title: Planner, reports_to: ceo}
  - {id: lead-buyer, title: Lead Buyer, reports_to: ceo, holders: [Kim]}
  - {id: d, title: Driver, reports_to: ceo}
"""
    before, _ = load(write(tmp_path, "old.yaml", old))
    after, _ = load(write(tmp_path, "new.yaml", new))
    assert match_renamed(before, after) == {"a": "planner", "b": "lead-buyer"}
    result = compare(before, after)
    assert [p.id for p in result.removed] == ["c"]
    assert [p.id for p in result.added] == ["d"]


def test_markdown_for_a_pull_request(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "diff.md"
    result = runner.invoke(app, ["diff", str(pair[0]), str(pair[1]), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text("utf-8")
    assert text.startswith("## Organisation changes: T\n")
    wanted = [
        "**Positions:** 1 added, 1 removed, 2 renamed, 1 moved.",
        "| **total** | 9 → 10 (+1) | 8 → 8 (+0) | 1 → 2 (+1) | 370 → 390 (+20) |",
        "| Sales `sales` | 4 → 6 (+2) |",
        *("### Positions added (1)", "### Positions moved (1)", "### RACI changed (3)"),
        "- Designer (designer): reports to vp-sales (was marketing-head)",
    ]
    assert [w for w in wanted if w not in text] == []


def test_markdown_escapes_user_text(tmp_path: Path) -> None:
    old = "orgdesign: 1\norganization: {id: t, name: T}\npositions:\n  - {id: ceo, title: CEO}\n"
    new = old + '  - {id: x, title: "a | b *c* <script>", reports_to: ceo}\n'
    before, _ = load(write(tmp_path, "o.yaml", old))
    after, _ = load(write(tmp_path, "n.yaml", new))
    text = render_markdown(compare(before, after))
    # The one Markdown escaper (escape.markdown_text): `<` as an entity, as in stats/RACI/roles.
    assert "- a \\| b \\*c\\* &lt;script> (x)" in text


def test_text_output(pair: tuple[Path, Path]) -> None:
    result = runner.invoke(app, ["diff", str(pair[0]), str(pair[1])])
    assert result.exit_code == 0
    out = result.stdout
    renamed = "  cmo → marketing-head (CMO)\n  analyst: 'Analyst' → 'Data Analyst'"
    assert f"Positions renamed (2):\n{renamed}" in out
    assert "Holders and seats changed (1):\n  Sales Rep (rep): + C3; - C2; seats 3 → 4" in out
    assert "Dotted lines removed (1):\n  designer ⇢ vp-sales" in out


def test_chart_colours_changes_and_shows_removed(pair: tuple[Path, Path], tmp_path: Path) -> None:
    svg = tmp_path / "changes.svg"
    result = runner.invoke(app, ["diff", str(pair[0]), str(pair[1]), "--chart", str(svg)])
    assert result.exit_code == 0, result.output
    text = svg.read_text("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Old Role" in text and "Growth Lead" in text
    before, findings_old = load(pair[0])
    after, findings_new = load(pair[1])
    diff = compare(before, after, findings_old, findings_new)
    dot = render_chart(diff, before, after, ".dot").decode("utf-8")
    # One chart pipeline: the .dot is the chart's own Graphviz source with highlight borders,
    # and the SVG (orgdesign layout) marks the same boxes with the same colours.
    assert "Noto Sans CJK SC" in dot
    assert "Old Role" in dot and "<I>removed</I>" in dot  # put back, marked removed
    for colour in ("#2E9E44", "#D9822B", "#3F73A8", "#8C8C8C"):  # added, moved, renamed, removed
        assert f'COLOR="{colour}"' in dot
        assert colour.lower() in text.lower()


def test_chart_marks_changes_in_every_format_and_language(pair: tuple[Path, Path]) -> None:
    """The change chart is the chart pipeline's drawing with highlight borders and notes."""
    before, findings_old = load(pair[0])
    after, findings_new = load(pair[1])
    diff = compare(before, after, findings_old, findings_new)
    svg = render_chart(diff, before, after, ".svg", "zh").decode("utf-8")
    for note in ("新增", "撤销", "调动", "原为 cmo", "原名 Analyst"):
        assert note in svg, note
    assert "#2e9e44" in svg.lower() and "Old Role" in svg
    assert render_chart(diff, before, after, ".pdf").startswith(b"%PDF")
    assert render_chart(diff, before, after, ".png").startswith(b"\x89PNG")


CHANGE_WORDS = {
    None: {"added", "renamed", "moved", "holders or seats changed", "removed"},
    "zh": {"新增", "更名", "调动", "任职人员或编制变化", "撤销"},
}


@pytest.mark.parametrize("lang", [None, "zh"])
def test_chart_legend_says_what_each_change_colour_means(
    pair: tuple[Path, Path], lang: str | None
) -> None:
    """A client reading the diff chart must not have to guess what green or orange means."""
    from orgdesign.assemble.graph import OrgGraph
    from orgdesign.output import ChartOptions
    from orgdesign.output.chart.layoutchart import chart_layout
    from orgdesign.output.reports.diff_chart import change_chart

    before, findings_old = load(pair[0])
    after, findings_new = load(pair[1])
    diff = compare(before, after, findings_old, findings_new)
    merged, marks = change_chart(diff, before, after, lang)
    options = ChartOptions(lang=lang, poster=True)
    legend = chart_layout(merged, OrgGraph(merged), options, ".svg", marks).pages[0].legend
    assert legend is not None
    changes = [item for item in legend.items if item.kind == "change"]
    assert {item.text.text for item in changes} == CHANGE_WORDS[lang]
    assert {item.stroke for item in changes} == set(marks.highlight.values())
    svg = render_chart(diff, before, after, ".svg", lang).decode("utf-8")
    assert all(word in svg for word in CHANGE_WORDS[lang])

    same = compare(after, after, findings_new, findings_new)  # nothing changed: no entries
    merged, marks = change_chart(same, after, after, lang)
    legend = chart_layout(merged, OrgGraph(merged), options, ".svg", marks).pages[0].legend
    assert legend is not None and not [i for i in legend.items if i.kind == "change"]


def test_chart_labels_are_escaped_for_dot(tmp_path: Path) -> None:
    old = "orgdesign: 1\norganization: {id: t, name: T}\npositions:\n  - {id: ceo, title: CEO}\n"
    new = old + (
        '  - {id: x, title: "say \\"hi\\" \\\\ <b>bold</b> {x} 中文", reports_to: ceo,'
        ' holders: ["O\'Neil\\\\"]}\n'
    )
    before, _ = load(write(tmp_path, "o.yaml", old))
    after, _ = load(write(tmp_path, "n.yaml", new))
    assert after.position_by_id["x"].title == 'say "hi" \\ <b>bold</b> {x} 中文'
    diff = compare(before, after)
    dot = render_chart(diff, before, after, ".dot")
    checked = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, check=False)
    assert checked.returncode == 0, checked.stderr
    svg = checked.stdout.decode("utf-8")
    # The chart pipeline wraps the title onto two lines; each is the text as written.
    assert "say &quot;hi&quot; \\ &lt;b&gt;bold&lt;/b&gt;</text>" in svg and ">{x} 中文<" in svg
    assert "O&#39;Neil\\" in svg or "O'Neil\\" in svg


def test_usage_and_input_errors(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = str(pair[0]), str(pair[1])
    bad_chart = runner.invoke(app, ["diff", old, new, "--chart", str(tmp_path / "x.gif")])
    assert bad_chart.exit_code == 2 and "use one of .svg" in bad_chart.stderr
    assert runner.invoke(app, ["diff", old, new, "-f", "html"]).exit_code == 2
    assert runner.invoke(app, ["diff", old, str(tmp_path / "missing.yaml")]).exit_code == 1
    assert not (tmp_path / "x.gif").exists()


def test_lang_labels_in_diff(tmp_path: Path) -> None:
    matrix = REPO / "sample_orgs" / "matrix.yaml"
    text = matrix.read_text("utf-8").replace("holders: [孙悦]", "holders: [孙悦, Ann Lee]")
    changed = write(tmp_path, "matrix.yaml", text)
    result = runner.invoke(app, ["diff", str(matrix), str(changed), "--lang", "zh", "-f", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["new"] == "丽美美妆集团"
    assert data["holders"] == [
        {
            "id": "lipstick-mkt",
            "title": "口红产品线市场经理",
            "joined": ["Ann Lee"],
            "left": [],
            "seats": [1, 1],
        }
    ]


@pytest.mark.parametrize("lang", ["zh", "zh-CN"])
def test_markdown_and_text_in_chinese(pair: tuple[Path, Path], lang: str) -> None:
    old, new = str(pair[0]), str(pair[1])
    md = runner.invoke(app, ["diff", old, new, "--lang", lang, "-f", "md"])
    assert md.exit_code == 0, md.output
    text = md.stdout
    assert text.startswith("## 组织变化：T\n")
    wanted = ["**岗位：**新增 1，撤销 1，更名 2，调动 1。", "| | 编制 | 在岗 | 空缺 | 成本 |"]
    wanted += [
        "| **总计** | 9 → 10 (+1) |",
        "### 新增岗位（1）",
        "### 调动岗位（1）",
        "### RACI 变化（3）",
    ]
    wanted.append("- Designer (designer)：汇报给 vp-sales（原为 marketing-head）")
    assert [w for w in wanted if w not in text] == []
    for english in ("Organisation changes", "Positions", "headcount", "RACI changed", "was "):
        assert english not in text
    plain = runner.invoke(app, ["diff", old, new, "--lang", lang]).stdout
    assert plain.startswith("变化：T\n\n总计：编制 9 → 10 (+1)，")
    assert "任职人员与编制变化（1）：\n  Sales Rep (rep)：+ C3; - C2; 编制 3 → 4" in plain
    assert "部门（含下级部门）（3）：" in plain


def test_no_changes_in_chinese(tmp_path: Path) -> None:
    path = str(write(tmp_path, "same.yaml", OLD))
    text = runner.invoke(app, ["diff", path, path, "--lang", "zh_Hans"]).stdout
    assert text == "没有变化：T。\n"
    md = runner.invoke(app, ["diff", path, path, "--lang", "ZH", "-f", "md"]).stdout
    assert md == "## 组织变化：T\n\n没有变化。\n"
