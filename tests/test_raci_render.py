"""`orgdesign raci`: the matrix model, the four formats, escaping and the command.

Golden files live in tests/golden/raci/ (input: tests/golden/raci/org.yaml).
After an intended change of the output, regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_raci_render.py

and read the diff before committing.
"""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import check_golden
from orgdesign import api, i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.findings import Finding
from orgdesign.model import Org
from orgdesign.output.tables.raci import (
    FORMULA_STARTS,
    LETTER_FILLS,
    RaciError,
    build_matrix,
    neutralise,
    to_csv,
    to_html,
    to_markdown,
    to_xlsx,
)
from orgdesign.output.templating import md_escape

GOLDEN = Path(__file__).parent / "golden" / "raci"
SAMPLES = Path(__file__).parent.parent / "sample_orgs"
runner = CliRunner()


def load(path: Path, display: str | None = None) -> tuple[Org, OrgGraph, list[Finding]]:
    org, findings = api.load_org(path, display or path.name)
    assert org is not None
    return org, OrgGraph(org), findings


@pytest.fixture(scope="module")
def golden_org() -> tuple[Org, OrgGraph, list[Finding]]:
    return load(GOLDEN / "org.yaml", "org.yaml")


# --- golden files ---------------------------------------------------------------------------


def test_markdown_golden(golden_org: tuple[Org, OrgGraph, list[Finding]]) -> None:
    org, graph, findings = golden_org
    check_golden(GOLDEN / "matrix.md", to_markdown(build_matrix(org, graph, findings)))


def test_markdown_golden_chinese_by_unit(golden_org: tuple[Org, OrgGraph, list[Finding]]) -> None:
    org, graph, findings = golden_org
    matrix = build_matrix(org, graph, findings, lang="zh", by="unit")
    check_golden(GOLDEN / "matrix-zh-by-unit.md", to_markdown(matrix))


# --- the matrix ---------------------------------------------------------------------------


def row_named(matrix: Any, rid: str, scope: str | None = None) -> Any:
    rows = [r for r in matrix.rows if r.responsibility == rid and r.scope == scope]
    assert len(rows) == 1, [(r.responsibility, r.scope) for r in matrix.rows]
    return rows[0]


def test_rows_grouped_by_area_in_catalogue_order(golden_org: Any) -> None:
    matrix = build_matrix(*golden_org)
    assert [a.id for a in matrix.areas] == ["insight", "brand", "campaigns", "leadership"]
    assert [r.responsibility for r in matrix.areas[0].rows] == ["insight.research", "insight.plan"]


def test_scoped_assignments_are_rows_of_their_own(golden_org: Any) -> None:
    matrix = build_matrix(*golden_org)
    whole = row_named(matrix, "campaigns.planning")
    north = row_named(matrix, "campaigns.planning", "north")
    assert whole.cells == {"cmo": ["A"], "brand-lead": ["R"], "designer": ["S"]}
    assert north.cells == {"north-gm": ["A"], "north-mkt": ["R"], "brand-lead": ["C"]}
    assert north.scope_name == "North Line"
    assert north.notes == ["The line plans its own campaigns."]


def test_uncovered_required_and_rule_breaks_are_flagged(golden_org: Any) -> None:
    matrix = build_matrix(*golden_org)
    uncovered = row_named(matrix, "brand.reputation")
    assert uncovered.uncovered and uncovered.cells == {}
    two_a = row_named(matrix, "insight.plan")
    assert two_a.rules == ["RACI202"] and not two_a.uncovered
    # The RACI205 finding of the north-scoped entry lands on that row, not on the other one.
    assert row_named(matrix, "campaigns.planning", "north").rules == ["RACI205"]
    assert row_named(matrix, "campaigns.planning").rules == []
    assert row_named(matrix, "insight.research").findings == []


def test_cells_merge_letters_in_raci_order(golden_org: Any) -> None:
    matrix = build_matrix(*golden_org)
    assert row_named(matrix, "insight.plan").cell("cmo") == "R/A"
    assert row_named(matrix, "lead.strategy").cell("ceo") == "I"


def test_columns_follow_the_unit_tree_with_groups(golden_org: Any) -> None:
    matrix = build_matrix(*golden_org)
    keys = [c.key for c in matrix.columns]
    assert keys == ["ceo", "cmo", "brand-lead", "designer", "north-gm", "north-mkt"]
    assert matrix.column_groups() == [
        ("Golden Tea Co", 1),
        ("Marketing", 1),
        ("Brand Team", 2),
        ("North Line", 2),
    ]
    assert next(c for c in matrix.columns if c.key == "north-mkt").vacant


def test_by_unit_columns_are_units(golden_org: Any) -> None:
    matrix = build_matrix(*golden_org, by="unit")
    assert [c.key for c in matrix.columns] == ["co", "mkt", "brand-team", "north"]
    row = row_named(matrix, "brand.consistency")
    assert row.cells["brand-team"] == ["R", "A"]
    assert row.who["brand-team"] == ["R: Designer", "A: Brand Lead"]


def test_scope_keeps_what_holds_inside_the_unit(golden_org: Any) -> None:
    org, graph, findings = golden_org
    north = build_matrix(org, graph, findings, scope="north")
    keys = {(r.responsibility, r.scope) for r in north.rows if not r.uncovered}
    # The north entry replaces the organisation-wide one for campaign planning.
    assert ("campaigns.planning", "north") in keys
    assert ("campaigns.planning", None) not in keys
    assert ("insight.research", None) in keys
    marketing = build_matrix(org, graph, findings, scope="mkt")
    assert ("campaigns.planning", None) in {(r.responsibility, r.scope) for r in marketing.rows}
    assert ("campaigns.planning", "north") not in {
        (r.responsibility, r.scope) for r in marketing.rows
    }


def test_bad_scope_and_grouping_raise(golden_org: Any) -> None:
    with pytest.raises(RaciError, match="unknown unit"):
        build_matrix(*golden_org, scope="nowhere")
    with pytest.raises(RaciError, match="grouping"):
        build_matrix(*golden_org, by="team")


# --- CSV and XLSX ---------------------------------------------------------------------------


def test_csv_table(golden_org: Any) -> None:
    text = to_csv(build_matrix(*golden_org))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Area", "Responsibility", "Scope"]
    assert rows[0][-1] == "Status"
    assert rows[0][3:-1] == [
        "Chief Executive",
        "Head of Marketing",
        "Brand Lead",
        "Designer",
        "North Line GM",
        "North Marketing Manager",
    ]
    north = next(r for r in rows if r[1] == "Campaign planning" and r[2] == "North Line")
    assert north[3:-1] == ["", "", "C", "", "A", "R"]
    assert north[-1] == "RACI205"


def test_xlsx_reopens_with_cells_styles_and_sheets(golden_org: Any, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    path.write_bytes(to_xlsx(build_matrix(*golden_org)))
    wb = load_workbook(path)
    assert wb.sheetnames == ["RACI", "Legend", "Findings"]
    ws = wb["RACI"]
    assert ws.freeze_panes == "C3"
    assert ws["A2"].value == "Responsibility" and ws["B2"].value == "Scope"
    assert ws["C2"].value == "Chief Executive" and ws["C2"].alignment.text_rotation == 90
    assert ws["C1"].value == "Golden Tea Co"
    assert "E1:F1" in {str(r) for r in ws.merged_cells.ranges}  # Brand Team over two columns
    assert ws["I2"].value == "Status"
    assert ws.column_dimensions["A"].width == 40
    assert ws.column_dimensions["C"].width == 4.6
    by_name = {ws.cell(row=r, column=1).value: r for r in range(3, ws.max_row + 1)}
    assert ws.cell(row=by_name["Market insight"], column=1).font.bold
    research = by_name["Customer research"]
    cmo = ws.cell(row=research, column=4)
    assert cmo.value == "A" and cmo.fill.fgColor.rgb == "00" + LETTER_FILLS["A"]
    brand_lead = ws.cell(row=research, column=5)
    assert brand_lead.value == "R" and brand_lead.fill.fgColor.rgb == "00" + LETTER_FILLS["R"]
    assert ws.cell(row=research, column=3).value is None
    uncovered = ws.cell(row=by_name["Reputation response"], column=1)
    assert uncovered.fill.fgColor.rgb == "00FFF2CC"
    assert ws.cell(row=by_name["Reputation response"], column=9).value == "required, not assigned"
    plan = ws.cell(row=by_name["Marketing plan"], column=1)
    assert plan.fill.fgColor.rgb == "00F8CBAD"

    legend = wb["Legend"]
    letters = {legend.cell(row=r, column=1).value: r for r in range(2, 7)}
    assert set(letters) == {"R", "A", "S", "C", "I"}
    assert legend.cell(row=letters["C"], column=2).value == "Consulted"
    assert legend.cell(row=letters["C"], column=1).fill.fgColor.rgb == "00" + LETTER_FILLS["C"]

    found = wb["Findings"]
    assert [c.value for c in found[1]] == ["Rule", "Severity", "Message", "Location", "Element"]
    rules = {found.cell(row=r, column=1).value for r in range(2, found.max_row + 1)}
    assert {"RACI202", "RACI204", "RACI205", "DUAL302"} <= rules


def test_xlsx_chinese_headings(golden_org: Any, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    path.write_bytes(to_xlsx(build_matrix(*golden_org, lang="zh")))
    ws = load_workbook(path)[i18n.sheet_name("raci", "zh")]
    assert ws["A2"].value == "职责"
    assert ws["C2"].value == "总经理"


# --- escaping -----------------------------------------------------------------------------

EVIL = {
    "script": "<script>alert(1)</script>",
    "attr": "\"><img src=x onerror=alert(1)> 'q'",
    "braces": "{{ 7*7 }} {% if x %}{# c #}",
    "backslash": "C:\\new\\table \\| pipe",
    "newline": "first line\nsecond | line\r\n- item",
    "formula": "=cmd|' /C calc'!A0",
    "plus": "+SUM(1,2)",
    "minus": "-2+3",
    "at": "@SUM(A1:A2)",
    "control": "bell\x07char",
}


def evil_org_yaml() -> str:
    """An organisation whose every label is hostile text."""
    titles = list(EVIL.values())
    data: dict[str, Any] = {
        "orgdesign": 1,
        "organization": {"id": "evil", "name": EVIL["script"], "names": {"zh": EVIL["attr"]}},
        "responsibilities": [
            {
                "id": "area",
                "name": EVIL["braces"],
                "children": [
                    {"id": f"r{i}", "name": t, "kpis": [t], "dimension": "strategy"}
                    for i, t in enumerate(titles)
                ],
            }
        ],
        "decision_domains": [{"id": "d", "name": EVIL["attr"]}],
        "units": [
            {"id": "u0", "name": EVIL["formula"], "head": "p0"},
            {"id": "u1", "name": EVIL["newline"], "parent": "u0", "head": "p1"},
        ],
        "positions": [
            {
                "id": f"p{i}",
                "title": t,
                "unit": "u0" if i == 0 else "u1",
                "holders": [t],
                "description": t,
                **({"reports_to": "p0"} if i else {}),
                **({"dotted_to": ["p1"]} if i == 2 else {}),
            }
            for i, t in enumerate(titles)
        ],
        "raci": [
            {"responsibility": f"r{i}", "A": f"p{i}", "R": ["p0"], "note": t}
            for i, t in enumerate(titles)
        ],
        "priority_rules": [
            {
                "id": "pr",
                "name": EVIL["script"],
                "description": EVIL["attr"],
                "applies_to": {"positions": ["p2"]},
                "decides": {"d": "dotted"},
                "escalation": "p0",
            }
        ],
        "projects": [
            {"id": "x", "name": EVIL["formula"], "lead": "p1", "members": ["p2"], "kpis": ["k"]}
        ],
    }
    return yaml.safe_dump(data, allow_unicode=True)


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> tuple[Org, OrgGraph, list[Finding]]:
    path = tmp_path_factory.mktemp("evil") / "evil.yaml"
    path.write_text(evil_org_yaml(), encoding="utf-8")
    org, graph, findings = load(path)
    assert {p.title for p in org.positions} == set(EVIL.values())
    return org, graph, findings


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


SAFE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "nav", "a", "h1", "h2", "h3",
    "p", "div", "span", "strong", "small", "sup", "table", "thead", "tbody", "tr", "th", "td",
    "ul", "li", "dl", "dt", "dd", "section", "header", "footer", "br",
}  # fmt: skip


def assert_inert_html(page: str) -> None:
    """No element or attribute came from the data: only the templates' own tags, no handlers."""
    parser = TagCollector()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert tags <= SAFE_TAGS, tags - SAFE_TAGS
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value and not value.lower().startswith(("javascript:", "data:")), value
    text = "".join(parser.text)
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert "{{ 7*7 }}" in text and "49" not in text  # never evaluated as a template


def test_html_has_no_live_markup(evil: Any) -> None:
    for by in ("position", "unit"):
        page = to_html(build_matrix(*evil, by=by))
        assert_inert_html(page)
        assert "<img" not in page and "<script" not in page


def test_markdown_has_no_markup_and_keeps_the_table(evil: Any) -> None:
    text = to_markdown(build_matrix(*evil))
    assert "<" not in text.replace("&lt;", "")
    table = [line for line in text.splitlines() if line.startswith("|")]
    columns = {len(split_unescaped_pipes(line)) for line in table}
    assert len(columns) == 1, columns  # newlines and pipes in names did not break a row
    assert "\\{\\{" not in text and "{{ 7\\*7 }}" in text


def split_unescaped_pipes(line: str) -> list[str]:
    cells, current, escaped = [], "", False
    for ch in line:
        if ch == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current += ch
        escaped = ch == "\\" and not escaped
    return cells


def test_csv_cells_are_inert(evil: Any) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(build_matrix(*evil)))))
    cells = [cell for row in rows for cell in row]
    assert all(not cell.startswith(FORMULA_STARTS) for cell in cells)
    assert "'=cmd|' /C calc'!A0" in cells
    assert "'+SUM(1,2)" in cells and "'-2+3" in cells and "'@SUM(A1:A2)" in cells


def test_xlsx_cells_are_inert(evil: Any, tmp_path: Path) -> None:
    path = tmp_path / "evil.xlsx"
    path.write_bytes(to_xlsx(build_matrix(*evil)))
    wb = load_workbook(path)
    values = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                assert not str(cell.value).startswith(FORMULA_STARTS), cell.value
                values.append(cell.value)
    assert "'=cmd|' /C calc'!A0" in values
    assert "bellchar" in values  # the control character an XLSX cell cannot hold is removed


def test_neutralise_and_md_escape() -> None:
    assert neutralise("=1+2") == "'=1+2"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("a=b") == "a=b"
    assert md_escape("a | b\nc") == "a \\| b c"
    assert md_escape("<b>*x*</b>") == "&lt;b>\\*x\\*&lt;/b>"
    assert md_escape("1. first") == "1\\. first"
    assert md_escape("- item") == "\\- item"
    assert md_escape("R&D &amp;") == "R&D &amp;amp;"


# --- the command --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".html", ".csv", ".xlsx"])
def test_command_writes_each_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"matrix{suffix}"
    result = runner.invoke(app, ["raci", str(SAMPLES / "functional.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    if suffix == ".xlsx":
        assert load_workbook(out).sheetnames == ["RACI", "Legend", "Findings"]
    elif suffix == ".csv":
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with a BOM
    else:
        assert "Marketing Director" in out.read_text(encoding="utf-8")


def test_command_bad_suffix_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "matrix.pdf"
    result = runner.invoke(app, ["raci", str(SAMPLES / "lean.yaml"), "-o", str(out)])
    assert result.exit_code == 2
    assert ".md, .html, .csv, .xlsx" in result.output
    assert not out.exists()


def test_command_unknown_scope_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "m.md"
    args = ["raci", str(SAMPLES / "matrix.yaml"), "-o", str(out), "--scope", "nowhere"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "unknown unit 'nowhere'" in result.output
    assert not out.exists()


def test_command_scope_lang_and_by(tmp_path: Path) -> None:
    out = tmp_path / "m.md"
    args = ["raci", str(SAMPLES / "matrix.yaml"), "-o", str(out), "--scope", "lipstick"]
    result = runner.invoke(app, [*args, "--lang", "zh", "--by", "unit"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# RACI 责任矩阵 — 丽美美妆集团")
    assert "仅限于: **口红产品线**" in text
    rows = [split_unescaped_pipes(line) for line in text.splitlines() if line.startswith("| ")]
    scopes = {cells[2].strip() for cells in rows[1:]}
    assert scopes == {"", "口红产品线"}  # nothing scoped to the other lines


def test_command_draft_with_errors_is_written_and_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["raci", str(GOLDEN / "org.yaml"), "-o", str(out)])
    assert result.exit_code == 1
    assert "RACI202" in out.read_text(encoding="utf-8")


def test_command_unreadable_file_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgdesign: 1\nunits: [\n", encoding="utf-8")
    out = tmp_path / "m.md"
    result = runner.invoke(app, ["raci", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert "Traceback" not in result.output


def test_too_many_columns_for_a_sheet(
    golden_org: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgdesign.output.tables import raci_model

    monkeypatch.setattr(raci_model, "MAX_XLSX_COLUMNS", 5)
    with pytest.raises(RaciError, match="--by unit"):
        to_xlsx(build_matrix(*golden_org))
    out = tmp_path / "m.xlsx"
    result = runner.invoke(app, ["raci", str(GOLDEN / "org.yaml"), "-o", str(out)])
    assert result.exit_code == 2 and "do not fit in one spreadsheet" in result.output
    assert not out.exists()


def test_columns_with_the_same_title_carry_their_id(tmp_path: Path) -> None:
    path = tmp_path / "twins.yaml"
    path.write_text(
        "orgdesign: 1\n"
        "organization: {id: twins, name: Twins}\n"
        "responsibilities: [{id: work, name: Work}]\n"
        "positions:\n"
        "  - {id: boss, title: Boss}\n"
        "  - {id: a1, title: Analyst, reports_to: boss}\n"
        "  - {id: a2, title: Analyst, reports_to: boss}\n"
        "raci: [{responsibility: work, A: boss, R: [a1, a2]}]\n",
        encoding="utf-8",
    )
    matrix = build_matrix(*load(path))
    assert [c.label for c in matrix.columns] == ["Boss", "Analyst (a1)", "Analyst (a2)"]
    assert {c.group for c in matrix.columns} == {"(no unit)"}


# --- issue 14 item 1: a scoped view shows only its own findings -----------------------------

THREE_LINES = """\
orgdesign: 1
organization: {id: co3, name: Three Lines}
catalogs: [builtin:marketing]
units:
  - {id: co, name: Co, type: company, head: ceo}
  - {id: snacks, name: Snacks, type: product-line, parent: co, head: snacks-gm}
  - {id: care, name: Care, type: product-line, parent: co, head: care-gm}
  - {id: north, name: North, type: product-line, parent: co, head: north-gm}
positions:
  - {id: ceo, title: CEO, unit: co, holders: [A]}
  - {id: snacks-gm, title: Snacks GM, unit: snacks, reports_to: ceo, holders: [B]}
  - {id: snacks-mkt, title: Snacks Marketer, unit: snacks, reports_to: snacks-gm, holders: [C]}
  - {id: care-gm, title: Care GM, unit: care, reports_to: ceo, holders: [D]}
  - {id: care-mkt, title: Care Marketer, unit: care, reports_to: care-gm}
  - {id: north-gm, title: North GM, unit: north, reports_to: ceo, holders: [E]}
  - {id: north-mkt, title: North Marketer, unit: north, reports_to: north-gm}
raci:
  - {responsibility: campaigns.execution, scope: snacks, A: snacks-gm, R: [snacks-mkt]}
  - {responsibility: campaigns.execution, scope: care, A: care-gm, R: [care-mkt]}
  - {responsibility: campaigns.execution, scope: north, A: north-gm, R: [north-mkt]}
"""


def test_scoped_matrix_carries_only_findings_of_its_scope(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(THREE_LINES, encoding="utf-8")
    org, graph, findings = load(path)
    # The vacant only-R positions of care and north are RACI205 findings in the whole file.
    assert sum(f.rule == "RACI205" for f in findings) == 2
    snacks = build_matrix(org, graph, findings, scope="snacks")
    assert row_named(snacks, "campaigns.execution", "snacks").findings == []
    assert not [f for f in snacks.findings if f.rule == "RACI205"]
    assert "RACI205" not in to_markdown(snacks)
    assert "RACI205" not in to_html(snacks)
    care = build_matrix(org, graph, findings, scope="care")
    assert row_named(care, "campaigns.execution", "care").rules == ["RACI205"]
    assert to_markdown(care).count("RACI205") >= 1


def test_scope_above_a_scoped_entry_leaves_its_findings_off(golden_org: Any) -> None:
    marketing = build_matrix(*golden_org, scope="mkt")
    assert row_named(marketing, "campaigns.planning").rules == []
    assert "RACI205" not in to_markdown(marketing)
