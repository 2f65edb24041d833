"""Escaping, proved by each output's own consumer (`orgdesign.output.escape` and every writer).

Each property draws hostile names (tests/hostile.py) and hands the output to the
program that reads it: Graphviz `dot` for DOT, an XML parser for the SVG dot makes,
html5lib for HTML pages, openpyxl for workbooks, Python's csv module for CSV.
Mermaid is checked with mermaid-cli in tests/test_mermaid_cli.py. Budgets are small
here; `make fuzz-escape` (ORGDESIGN_FUZZ=N) runs N examples per property.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hostile import budget, build, hostile_text, organisations
from orgdesign.analysis import hris, tables
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.model import Org
from orgdesign.output import ChartOptions, escape
from orgdesign.output.chart.boxtext import box_text, clean
from orgdesign.output.chart.dot import chart_dot
from orgdesign.output.chart.explorer import build_payload, render_html
from orgdesign.output.documents import roles
from orgdesign.output.reports import stats
from orgdesign.output.tables import raci, sheets

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz `dot` is not installed"
)


def fuzz(examples: int) -> settings:
    """Settings of a property: `examples` in the suite, ORGDESIGN_FUZZ=N for long runs."""
    return settings(
        max_examples=budget(examples),
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


OPTIONS = st.builds(
    ChartOptions,
    lang=st.sampled_from([None, "zh"]),
    clusters=st.booleans(),
    stack=st.booleans(),
)


def squash(text: str) -> str:
    """Text compared across a consumer: whitespace and controls dropped (layout may move them)."""
    return "".join(ch for ch in text if not ch.isspace() and ch.isprintable())


# --- the escapers themselves -----------------------------------------------------------------

ANY = hostile_text(surrogates=True, max_size=30)


@fuzz(200)
@given(ANY)
def test_dot_html_is_safe_set_or_entities_and_decodes_back(text: str) -> None:
    out = escape.dot_html(text)
    assert re.fullmatch(r"(?:[\w \-.,:;()/+]|&#\d+;)+", out), out
    assert "]" not in out and "<" not in out
    decoded = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), out)
    assert decoded.replace("\\\\", "\\") == (escape.label_chars(text) or "\xa0")


@fuzz(200)
@given(ANY)
def test_mermaid_text_is_letters_spaces_or_codes_and_decodes_back(text: str) -> None:
    out = escape.mermaid_text(text)
    assert re.fullmatch(r"(?:[^\W_]| |#\d+;)+", out), out
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), out)
    assert decoded == (" ".join(escape.label_chars(text).split()) or "\xa0")


@fuzz(200)
@given(ANY)
def test_xml_text_and_attribute_parse_back(text: str) -> None:
    root = ET.fromstring(f"<r a=\"{escape.xml_attr(text)}\" b='{escape.xml_attr(text)}'>"
                         f"{escape.xml_text(text)}</r>")  # fmt: skip
    assert (root.text or "") == escape.xml_chars(text)
    assert root.get("a") == root.get("b") == escape.xml_chars(text)


@fuzz(200)
@given(ANY)
def test_formula_guard_is_inert_and_reversible(text: str) -> None:
    guarded = escape.formula_guard(text)
    assert not guarded.startswith(escape.FORMULA_STARTS)
    assert escape.formula_unguard(guarded) == text


@fuzz(100)
@given(st.recursive(ANY, lambda kids: st.lists(kids) | st.dictionaries(ANY, kids), max_leaves=5))
def test_script_json_round_trips_and_cannot_close_the_element(data: object) -> None:
    out = escape.script_json(data)
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == data


# --- Graphviz: dot accepts every chart, its SVG parses and shows every name --------------------


def run_dot(source: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["dot", "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=60
    )


def dot_fails(done: subprocess.CompletedProcess[bytes]) -> bool:
    return done.returncode != 0 or b"Error" in done.stderr


def dot_svg(source: str) -> ET.Element:
    """The SVG of a chart, which dot must draw: no failure is excused as "layout" any
    more (the bars that dot could not route are gone, tests/test_escape_graphviz.py)."""
    done = run_dot(source)
    if dot_fails(done):
        raise AssertionError((done.stderr.decode(errors="replace"), source))
    return ET.fromstring(done.stdout)


SVG_FORBIDDEN = {"script", "foreignObject", "image", "iframe", "use", "animate", "set"}


def assert_chart_svg(root: ET.Element, org: Org, lang: str | None) -> None:
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert not tags & SVG_FORBIDDEN, tags
    assert not [a for el in root.iter() for a in el.attrib if a.lower().startswith("on")]
    shown = squash("".join(root.itertext()))
    for pos in org.positions:
        # Every line a box means to show is on the chart as written. A short name is one
        # whole line of its box unless names before it filled the box's three lines.
        text = box_text(pos, lang)
        for line in (*text.title, *text.holders):
            assert squash(line.removesuffix("…")) in shown, (line, shown)
        if len(text.holders) < 3:
            for name in (pos.label(lang), *pos.holders):
                if len(clean(name)) <= 10:
                    assert squash(clean(name)) in shown, (name, shown)


@needs_dot
@fuzz(25)
@given(organisations(), OPTIONS)
def test_dot_accepts_every_chart_and_the_svg_shows_every_name(
    og: tuple[Org, OrgGraph], options: ChartOptions
) -> None:
    org, graph = og
    assert_chart_svg(dot_svg(chart_dot(org, graph, options)), org, options.lang)


@needs_dot
@pytest.mark.parametrize("name", ["x]]", "]", " ", "\x7f", "]]]", "", "a<BR/>]]"])
def test_plain_names_that_broke_graphviz(name: str) -> None:
    data = {"id": "p0", "title": name, "unit": "u0", "holders": [name]}

    org, graph = build(
        {
            "organization": {"id": "o", "name": name},
            "units": [{"id": "u0", "name": name, "type": "department"}],
            "positions": [data, {"id": "p1", "title": name, "reports_to": "p0", "unit": "u0"}],
        }
    )
    for options in (ChartOptions(), ChartOptions(clusters=False), ChartOptions(lang="zh")):
        assert_chart_svg(dot_svg(chart_dot(org, graph, options)), org, options.lang)


# --- HTML: html5lib parses every page into the template's elements, every name as text ---------


def template_vocabulary() -> tuple[set[str], set[str]]:
    """Element and attribute names the shipped templates can produce."""
    text = ""
    root = resources.files("orgdesign.output.templates")
    for item in [*root.iterdir(), *root.joinpath("explorer").iterdir()]:
        if item.name.endswith((".html.j2", ".html")):
            text += item.read_text(encoding="utf-8")
    opening = re.findall(r"<[A-Za-z][^>]*>", text)
    tags = {re.match(r"<([A-Za-z0-9]+)", t).group(1).lower() for t in opening}  # type: ignore[union-attr]
    attrs = {a.lower() for t in opening for a in re.findall(r"\s([A-Za-z][\w:-]*)", t)}
    return tags | {"html", "head", "body", "tbody"}, attrs


def local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


TAGS, ATTRS = template_vocabulary()


def parse_html(page: str) -> ET.Element:
    html5lib = pytest.importorskip("html5lib")
    root: ET.Element = html5lib.parse(page, namespaceHTMLElements=False)
    bad_tags = {local(el.tag) for el in root.iter()} - TAGS
    bad_attrs = {local(a) for el in root.iter() for a in el.attrib} - ATTRS
    assert not bad_tags and not bad_attrs, (bad_tags, bad_attrs)
    return root


@fuzz(15)
@given(organisations(), st.sampled_from([None, "zh"]))
def test_every_html_page_parses_to_its_template(og: tuple[Org, OrgGraph], lang: str | None) -> None:
    org, graph = og
    names = [pos.label(lang) for pos in org.positions] + [
        h for p in org.positions for h in p.holders
    ]
    parse_html(raci.to_html(raci.build_matrix(org, graph, lang=lang)))
    shown = "".join(
        squash("".join(parse_html(page).itertext()))
        for page in roles.role_documents(org, graph, "html", lang).values()
    )
    for name in names:  # every title and holder is text on the role cards
        assert squash(name) in shown, name
    explorer = render_html(build_payload(org, graph, [], ChartOptions(lang=lang)))
    root = parse_html(explorer)
    scripts = [el for el in root.iter("script") if el.get("type") == "application/json"]
    assert len(scripts) == 1 and len(list(root.iter("script"))) == 2
    data = json.loads(scripts[0].text or "")
    assert data == json.loads(json.dumps(build_payload(org, graph, [], ChartOptions(lang=lang))))
    title = root.find("head/title")
    assert title is not None and squash(title.text or "") == squash(data["org"]["name"])


# --- spreadsheets: openpyxl and csv read back every cell, apart from the formula guard ----------


def sheet_values(blob: bytes) -> list[list[str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(blob))
    values = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
                    assert not cell.value.startswith(escape.FORMULA_STARTS), cell.value
            values.append([c.value for c in row if isinstance(c.value, str)])
    return values


@fuzz(15)
@given(organisations())
def test_raci_workbook_and_csv_keep_every_title(og: tuple[Org, OrgGraph]) -> None:
    org, graph = og
    matrix = raci.build_matrix(org, graph)
    cells = {v for row in sheet_values(raci.to_xlsx(matrix)) for v in row}
    assert len(matrix.columns) == len(org.positions)
    for column in matrix.columns:  # (an empty cell is no cell)
        wanted = escape.formula_guard(escape.office_text(column.label))
        assert wanted in cells or not wanted, column.label
    rows = list(csv.reader(io.StringIO(raci.to_csv(matrix), newline="")))
    assert [[escape.formula_unguard(c) for c in row] for row in rows] == raci.table_rows(matrix)


@fuzz(15)
@given(organisations())
def test_export_table_reads_back_unchanged(og: tuple[Org, OrgGraph]) -> None:
    org, _ = og
    header, rows = hris.export_table(org)
    text = sheets.csv_text(header, rows)
    back = list(csv.reader(io.StringIO(text, newline="")))
    want = [header, *[[c if isinstance(c, str) else tables.cell_text(c) for c in r] for r in rows]]
    assert [[escape.formula_unguard(c) for c in row] for row in back] == want
    try:
        blob = sheets.xlsx_bytes(header, rows)
    except tables.TableError as exc:  # refused with a message: a cell Excel cannot store
        assert "control character" in str(exc)
        assert any(isinstance(c, str) and escape.xml_chars(c) != c for r in rows for c in r)
        return
    got = [[escape.formula_unguard(c) for c in row] for row in sheet_values(blob)]
    assert got[0] == header
    want = [[escape.office_text(c) for c in r if isinstance(c, str) and c != ""] for r in rows]
    assert got[1:] == want  # (a CR is a line feed in any XLSX reader)


@fuzz(15)
@given(organisations())
def test_stats_csv_reads_back(og: tuple[Org, OrgGraph]) -> None:
    org, graph = og
    result = stats.compute_stats(org, graph)
    text = stats.render_csv(result)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert all(not c.startswith(escape.FORMULA_STARTS) for row in rows for c in row)
    titles = {escape.formula_unguard(c) for row in rows for c in row}
    for load in result.raci:
        assert load.title in titles


# --- the names of the reports, through the command, in every chart format ----------------------

PLAIN_NAMES = """orgdesign: 1
organization: {id: plain, name: "]"}
units:
  - {id: top, name: " ", type: department, head: ceo}
  - {id: sub, name: "\\x7f", type: department, parent: top, head: lead}
positions:
  - {id: ceo, title: "]", unit: top, holders: ["x]]"]}
  - {id: lead, title: " ", unit: sub, reports_to: ceo, holders: ["]"]}
  - {id: aide, title: "\\x7f", unit: sub, reports_to: lead, holders: ["a\\\\N b"]}
"""


@needs_dot
@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf", ".dot", ".mmd", ".html"])
def test_plain_names_chart_in_every_format(tmp_path: Path, suffix: str) -> None:
    """Issue 19/20: a holder `x]]`, a title or holder `]`, names that are a space or DEL."""
    path = tmp_path / "org.yaml"
    path.write_text(PLAIN_NAMES, encoding="utf-8")
    out = tmp_path / f"chart{suffix}"
    result = CliRunner().invoke(app, ["chart", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data
    if suffix == ".svg":
        shown = squash("".join(ET.fromstring(data).itertext()))
        assert "x]]" in shown and "a\\Nb" in shown
    elif suffix == ".dot":
        assert "x&#93;&#93;" in data.decode()
        dot_svg(data.decode())
    elif suffix == ".pdf":
        assert data.startswith(b"%PDF")
    elif suffix == ".png":
        assert data.startswith(b"\x89PNG")


HOSTILE_TITLE = "Head | of *ops* <script>x</script> _u_ [l](http://e) # `c` ~s~ &amp; \\ end"


def test_one_markdown_escaper_renders_a_name_the_same_in_every_command(tmp_path: Path) -> None:
    """stats, diff, RACI and role cards write a hostile title the same (escape.markdown_text)."""
    from orgdesign import api
    from orgdesign.output.reports import diff

    base = "orgdesign: 1\norganization: {id: t, name: T}\npositions:\n  - {id: ceo, title: CEO}\n"
    hostile = f"  - {{id: x, title: {json.dumps(HOSTILE_TITLE)}, reports_to: ceo}}\n"
    raci_part = "raci:\n  - {responsibility: r1, A: x, R: x}\n"
    (tmp_path / "old.yaml").write_text(base, "utf-8")
    (tmp_path / "new.yaml").write_text(base + hostile + raci_part, "utf-8")
    loaded = [api.validate([(tmp_path / n, n)]).results[0].org for n in ("old.yaml", "new.yaml")]
    old, new = loaded
    assert old is not None and new is not None
    assert new.position_by_id["x"].title == HOSTILE_TITLE
    graph = OrgGraph(new)
    wanted = escape.markdown_text(HOSTILE_TITLE)
    assert "<" not in wanted and "\\|" in wanted and "\\*ops\\*" in wanted
    outputs = {
        "stats": stats.render_markdown(stats.compute_stats(new, graph)),
        "diff": diff.render_markdown(diff.compare(old, new)),
        "raci": raci.to_markdown(raci.build_matrix(new, graph)),
        "roles": roles.role_documents(new, graph, "md", None)[roles.card_files(new, "md")["x"]],
    }
    for command, text in outputs.items():
        assert wanted in text, (command, text)
        assert "<script>" not in text, command
