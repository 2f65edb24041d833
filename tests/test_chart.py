"""Org charts: golden DOT and Mermaid files, escaping, layout choices, pages, the command.

Golden files live in tests/golden/chart/. After an intended change of the
chart output, regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_chart.py -k golden

and review the diff before committing. Tests that run Graphviz are skipped
only when `dot` is not installed.
"""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import check_golden
from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.layout.scope import ChartError, select
from orgdesign.model import Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart import boxtext, sheets
from orgdesign.output.chart import dot as chart_mod
from orgdesign.output.chart.dot import chart_dot, page_dots
from orgdesign.output.chart.graphviz_run import run_dot, write_pages
from orgdesign.output.chart.mermaid import chart_mermaid, text
from orgdesign.output.chart.sheets import PAGE_MAX_COLUMNS, paginate
from orgdesign.output.registry import CHARTS

REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "chart"
FEATURES = GOLDEN / "features.yaml"
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz `dot` is not installed")
runner = CliRunner()

EVIL = """orgdesign: 1
organization: {id: evil, name: "Evil <b>Corp</b> %%{init: {'securityLevel':'loose'}}%%"}
units:
  - {id: top, name: "Top \\"unit\\" } { ]", head: ceo}
  - {id: end, name: "end", parent: top, head: cto}
positions:
  - {id: ceo, title: "<script>alert(1)</script>", unit: top,
     holders: ["Robert'); DROP TABLE--", "=cmd|' /C calc'!A0"]}
  - {id: cto, title: "Line one\\nline two \\\\ back\\\\slash \\\\\\"q", unit: end, reports_to: ceo,
     holders: ["A \\"quoted\\" name", "{braces} [brackets] (parens) |pipe|", "\\\\"]}
  - {id: x1, title: "--> A --- B -. c .-> ~~~ #quot; #35; &amp; &lt;", unit: end,
     reports_to: cto, dotted_to: [ceo], headcount: 3, holders: ["<img src=x onerror=alert(2)>"]}
  - {id: x2, title: "]]> <!-- --> <![CDATA[ \\\\", unit: end, reports_to: cto}
  - {id: x3, title: "\\u0001ctrl\\u0007 chars \\u2028 sep", unit: end, reports_to: cto}
  - {id: pa, title: "Assistant to \\"the\\" CEO", unit: top, reports_to: ceo, assistant: true}
"""


def load(path: Path) -> tuple[Org, OrgGraph]:
    run = api.validate([(path, str(path))], api.resolve_config(None))
    org = run.results[0].org
    assert org is not None
    return org, OrgGraph(org)


def load_text(tmp_path: Path, text_: str, name: str = "org.yaml") -> tuple[Org, OrgGraph]:
    path = tmp_path / name
    path.write_text(text_, encoding="utf-8")
    return load(path)


def html_labels(dot: str) -> list[str]:
    """The HTML-like labels (`label=<...>`, `headlabel=<...>`) of a DOT source, found the way
    Graphviz reads them: from `<` to the `>` that balances it."""
    found = []
    for match in re.finditer(r"label=<", dot):
        depth, i = 1, match.end()
        while depth:
            depth += {"<": 1, ">": -1}.get(dot[i], 0)
            i += 1
        found.append(dot[match.end() : i - 1])
    return found


def hangs_under(dot: str, manager: str, target: str) -> bool:
    """Whether the DOT draws `target` below `manager`: straight, or from its bar of junctions."""
    direct = f'"{manager}":s -> "{target}":n;' in dot
    via = re.search(rf'"bus\.{re.escape(manager)}\.\d+" -> "{re.escape(target)}":n', dot)
    return direct or via is not None


def assert_labels_are_xml(dot: str) -> None:
    for label in html_labels(dot):
        ET.fromstring(f"<root>{label}</root>")  # raises on any unescaped <, & or "


# --- golden files ---------------------------------------------------------------------------

GOLDEN_CASES = [
    ("features", FEATURES, None),
    ("features-zh", FEATURES, "zh"),
    ("lean", REPO / "sample_orgs" / "lean.yaml", None),
    ("matrix", REPO / "sample_orgs" / "matrix.yaml", None),
    ("divisional-zh", REPO / "sample_orgs" / "divisional.yaml", "zh"),
]


@pytest.mark.parametrize(("name", "path", "lang"), GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
def test_golden_dot(name: str, path: Path, lang: str | None) -> None:
    org, graph = load(path)
    check_golden(GOLDEN / f"{name}.dot", chart_dot(org, graph, ChartOptions(lang=lang)))


@pytest.mark.parametrize(("name", "path", "lang"), GOLDEN_CASES, ids=[c[0] for c in GOLDEN_CASES])
def test_golden_mermaid(name: str, path: Path, lang: str | None) -> None:
    org, graph = load(path)
    check_golden(GOLDEN / f"{name}.mmd", chart_mermaid(org, graph, ChartOptions(lang=lang)))


def test_golden_dot_without_stacks_and_frames() -> None:
    org, graph = load(FEATURES)
    options = ChartOptions(clusters=False, stack=False)
    check_golden(GOLDEN / "features-flat.dot", chart_dot(org, graph, options))


# --- what a box says -------------------------------------------------------------------------


def test_boxes_show_title_holders_vacancy_and_seats() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions())
    assert "<B>Chief Marketing Officer</B>" in dot
    assert "Leo Xu, 赵一鸣" in dot
    assert "2/2 seats filled" in dot and "1/3 seats filled" in dot
    planner = re.search(r"Campaign Planner</B>(.*?)</TABLE>", dot)
    assert planner and "<I>vacant</I>" in planner.group(1)
    lead = next(line for line in dot.splitlines() if line.strip().startswith('"brand-lead"'))
    assert "Sophie Laurent" in lead and "seats filled" not in lead  # one seat: no seat count


def test_chinese_labels_and_headings() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions(lang="zh"))
    for word in ("首席营销官", "功能有限公司", "组织架构图", "空缺", "在岗 1/3", "助理"):
        assert word in dot
    assert "Campaign Planner" in dot  # no Chinese name: falls back to the title
    mmd = chart_mermaid(org, graph, ChartOptions(lang="zh"))
    assert "首席营销官" in mmd and "空缺" in mmd


def test_fonts_are_set_everywhere_and_cover_cjk() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions())
    fonts = re.findall(r"fontname=\"([^\"]+)\"", dot)
    assert len(fonts) == 3  # graph, node and edge defaults
    assert all("Noto Sans CJK SC" in f for f in fonts)
    assert "Noto Sans CJK TC" in chart_dot(org, graph, ChartOptions(lang="zh-TW"))


def test_units_are_coloured_and_framed() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions())
    frames = re.findall(r"label=<<B>([^<]+)</B>>, style=\"rounded,filled\"", dot)
    # `Product Lines` holds no position and one unit: no frame of its own.
    assert frames == ["Features Ltd", "Marketing", "Brand Team", "Tea Line"]
    cmo = next(line for line in dot.splitlines() if line.strip().startswith('"cmo"'))
    tea = next(line for line in dot.splitlines() if line.strip().startswith('"tea-gm"'))
    colour = re.compile(r'<TD BGCOLOR="(#[0-9A-F]{6})"')
    assert colour.search(cmo) and colour.search(tea)
    assert colour.search(cmo).group(1) != colour.search(tea).group(1)  # type: ignore[union-attr]
    flat = chart_dot(org, graph, ChartOptions(clusters=False))
    assert "subgraph cluster" not in flat
    assert colour.search(flat)


# --- layout ---------------------------------------------------------------------------------


def test_reports_who_manage_nobody_are_stacked() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions())
    stack = next(line for line in dot.splitlines() if line.strip().startswith('"stack.cmo.0"'))
    for title in ("Market Analyst", "Campaign Planner", "Content Writer"):
        assert title in stack
    assert hangs_under(dot, "cmo", "stack.cmo.0")
    assert hangs_under(dot, "cmo", "brand-lead")  # a report who manages stays in the row
    assert not hangs_under(dot, "cmo", "analyst")
    unstacked = chart_dot(org, graph, ChartOptions(stack=False))
    assert "stack." not in unstacked
    for pid in ("analyst", "planner", "writer", "brand-lead"):
        assert hangs_under(unstacked, "cmo", pid)


def test_a_single_leaf_report_is_not_stacked() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions())
    assert '"brand-lead":s -> "designer":n;' in dot  # one report: a straight line, no bar
    assert '"tea-gm":s -> "tea-mkt":n;' in dot


def test_several_reports_hang_from_a_bar() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions())
    # two reports (cmo, tea-gm): two junctions and a middle one under the CEO, in one rank
    assert '{rank=same; "bus.ceo.0" "bus.ceo.m" "bus.ceo.1"}' in dot
    assert '"ceo":s -> "bus.ceo.m" [weight=50];' in dot
    assert '"bus.ceo.0" -> "bus.ceo.m" -> "bus.ceo.1";' in dot
    assert '"bus.ceo.0" -> "cmo":n' in dot and '"bus.ceo.1" -> "tea-gm":n' in dot
    # the junctions of the CMO's reports sit in the Marketing frame, with the CMO
    marketing = dot[dot.index("<B>Marketing</B>") :]
    assert marketing.index('"bus.cmo.m"') < marketing.index("<B>Brand Team</B>")


def test_assistant_is_beside_the_manager() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions())
    assert '{rank=same; "ceo" "pa"}' in dot
    assert '"ceo" -> "pa";' in dot
    assert not hangs_under(dot, "ceo", "pa")


def test_dotted_lines_are_dashed_labelled_and_do_not_pull_the_layout() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions())
    line = next(x for x in dot.splitlines() if '"brand-lead" -> "tea-mkt"' in x)
    assert "style=dashed" in line and "constraint=false" in line
    assert "dotted line: Brand" in line  # what the priority rule lets the dotted line decide
    mmd = chart_mermaid(org, graph, ChartOptions())
    assert 'p_brand_lead -. "dotted line#58; Brand" .-> p_tea_mkt' in mmd


def test_root_and_depth() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions(root="cmo", depth=2))
    assert '"cmo"' in dot and '"ceo"' not in dot and '"designer"' not in dot
    brand = next(line for line in dot.splitlines() if line.strip().startswith('"brand-lead"'))
    assert "+1 positions below" in brand
    scope = select(org, graph, ChartOptions(root="cmo"))
    assert set(scope.order) == {"cmo", *graph.subordinates("cmo")}
    with pytest.raises(ChartError, match="nope"):
        chart_dot(org, graph, ChartOptions(root="nope"))
    # a dotted manager outside the chart is named in the box
    tea = chart_dot(org, graph, ChartOptions(root="tea-gm"))
    assert "dotted line to Brand Lead" in tea


def test_highlight_marks_boxes_and_refuses_bad_colours() -> None:
    org, graph = load(FEATURES)
    dot = chart_dot(org, graph, ChartOptions(), highlight={"cmo": "#00AA00"})
    cmo = next(line for line in dot.splitlines() if line.strip().startswith('"cmo"'))
    assert 'BORDER="3"' in cmo and 'COLOR="#00AA00"' in cmo
    with pytest.raises(ValueError):
        chart_dot(org, graph, ChartOptions(), highlight={"cmo": '"red'})


def test_reporting_cycles_are_still_drawn() -> None:
    org, graph = load(REPO / "sample_orgs" / "invalid" / "org101-cycle.yaml")
    scope = select(org, graph, ChartOptions())
    assert set(scope.order) == set(graph.positions)
    assert set(scope.unreachable) == {"a", "b"}
    dot = chart_dot(org, graph, ChartOptions())
    assert re.search(r'-> "?(a|b)"?(:"p\d")? \[constraint=false\]', dot)
    pages = paginate(org, graph, ChartOptions(paginate=True))
    assert pages[-1].unreachable and set(pages[-1].positions) == {"a", "b"}


@needs_dot
def test_reporting_cycles_render(tmp_path: Path) -> None:
    org, graph = load(REPO / "sample_orgs" / "invalid" / "org101-cycle.yaml")
    (svg,) = run_dot([chart_dot(org, graph, ChartOptions())], "svg")
    assert b"Brand Manager" in svg


# --- escaping -------------------------------------------------------------------------------


def test_dot_escapes_every_label(tmp_path: Path) -> None:
    org, graph = load_text(tmp_path, EVIL)
    dot = chart_dot(org, graph, ChartOptions())
    assert "<script>" not in dot and "<img" not in dot
    assert "&#60;script&#62;alert(1)&#60;/script" in dot
    assert "Robert&#39;); DROP TABLE--" in dot
    assert "\u0001" not in dot and "\u0007" not in dot
    assert_labels_are_xml(dot)
    for options in (ChartOptions(stack=False), ChartOptions(clusters=False, lang="zh")):
        assert_labels_are_xml(chart_dot(org, graph, options))


@needs_dot
def test_dot_accepts_the_escaped_chart(tmp_path: Path) -> None:
    org, graph = load_text(tmp_path, EVIL)
    source = chart_dot(org, graph, ChartOptions())
    done = subprocess.run(
        ["dot", "-Tsvg"], input=source.encode(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"", done.stderr  # not even a warning
    root = ET.fromstring(done.stdout)
    assert not root.findall(".//{http://www.w3.org/2000/svg}script")
    texts = " ".join("".join(root.itertext()).split())
    assert "<script>alert(1)</script" in texts  # shown as text, not markup
    assert "=cmd|'" in texts and "/C calc'!A0" in texts
    assert "{braces} [brackets]" in texts and "back\\slash" in texts


def test_mermaid_labels_cannot_break_out(tmp_path: Path) -> None:
    org, graph = load_text(tmp_path, EVIL)
    mmd = chart_mermaid(org, graph, ChartOptions())
    own_markup = re.compile(r"</?(b|i|small)>|<br/>")
    for line in mmd.splitlines():
        node = re.match(r'^\s*(p|s|u)_\w+\["(.*)"\]$', line)
        if node:
            inner = own_markup.sub("", node.group(2))
            assert re.fullmatch(r"(\w| |#\d+;)*", inner), line
    assert "%%{" not in mmd.split("flowchart TB", 1)[1]
    assert "<script" not in mmd and "<img" not in mmd
    assert "#60;script#62;" in mmd
    title = mmd.splitlines()[1]
    assert re.fullmatch(r'title: "[\w \-.,:;\'()&/·+!?]*"', title), title


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_is_escaped(name: str) -> None:
    """Whatever a title or a name holds, DOT labels stay XML and Mermaid labels stay closed."""
    assert re.fullmatch(r"(\w| |#\d+;)*", text(name))
    label = boxtext.html_text(name)
    ET.fromstring(f"<root>{label}</root>")
    assert "\n" not in label and "\n" not in text(name)


# --- pages ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_org(tmp_path_factory: pytest.TempPathFactory) -> tuple[Org, OrgGraph]:
    path = tmp_path_factory.mktemp("big") / "org.yaml"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), "--positions", "800", "--seed", "2",
         "-o", str(path)],
        check=True,
        timeout=60,
    )  # fmt: skip
    return load(path)


def test_pages_cover_every_position_once(big_org: tuple[Org, OrgGraph]) -> None:
    org, graph = big_org
    pages = paginate(org, graph, ChartOptions(paginate=True))
    assert len(pages) > 5
    assert pages[0].top == graph.roots[0] and pages[0].number == 1
    assert all(p.pages == len(pages) for p in pages)
    whole: list[str] = []  # positions drawn with their reports (not as a "continued" stub)
    roots = {p.top: p.number for p in pages}
    for page in pages:
        for pid in page.positions:
            notes = page.notes.get(pid, ())
            stub = [n for n in notes if n.startswith("continued on page")]
            if stub:
                assert pid in roots and stub[0] == f"continued on page {roots[pid]}"
                assert roots[pid] > page.number
            else:
                whole.append(pid)
        if page.number > 1:
            first = page.notes[page.top or ""][0]
            assert first.startswith("reports to ")
    assert sorted(whole) == sorted(graph.positions)


def test_pages_are_narrow_enough(big_org: tuple[Org, OrgGraph]) -> None:
    org, graph = big_org
    options = ChartOptions(paginate=True)
    for page in paginate(org, graph, options):
        plan = sheets.plan_sheet(graph, page, options)
        # columns under any manager: row boxes plus stacks, never much more than a page holds
        for pid in page.positions:
            family = plan.families[pid]
            assert len(family.row) + len(family.stacks) <= 2 * PAGE_MAX_COLUMNS + 4


def test_paginated_dot_folder(tmp_path: Path, big_org: tuple[Org, OrgGraph]) -> None:
    org, graph = big_org
    out = tmp_path / "chart.dot"
    chart_mod.render(org, graph, [], ChartOptions(paginate=True), out)
    files = sorted((tmp_path / "chart").iterdir())
    stems = [stem for stem, _ in page_dots(org, graph, ChartOptions(paginate=True))]
    assert [f.name for f in files] == [f"{s}.dot" for s in stems]
    assert files[0].name == f"001-{graph.roots[0]}.dot"
    assert "page 1 of" in files[0].read_text(encoding="utf-8")
    assert not out.exists()


@needs_dot
def test_paginated_pdf_has_one_page_per_subtree(
    tmp_path: Path, big_org: tuple[Org, OrgGraph]
) -> None:
    pypdf = pytest.importorskip("pypdf")
    org, graph = big_org
    options = ChartOptions(paginate=True, depth=4)
    out = tmp_path / "chart.pdf"
    chart_mod.render(org, graph, [], options, out)
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == len(paginate(org, graph, options)) > 1
    assert next(o.title for o in reader.outline).startswith("1. ")


@needs_dot
def test_paginated_svg_folder(tmp_path: Path, big_org: tuple[Org, OrgGraph]) -> None:
    org, graph = big_org
    options = ChartOptions(paginate=True, depth=3)
    chart_mod.render(org, graph, [], options, tmp_path / "org.svg")
    files = sorted((tmp_path / "org").glob("*.svg"))
    assert len(files) == len(paginate(org, graph, options))
    for f in files:
        ET.fromstring(f.read_bytes())


def test_page_folder_is_not_allowed_to_eat_other_files(tmp_path: Path) -> None:
    (tmp_path / "chart").mkdir()
    (tmp_path / "chart" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ChartError, match="not chart pages"):
        write_pages(tmp_path / "chart.svg", [("001-a.svg", b"<svg/>")])
    assert (tmp_path / "chart" / "notes.txt").read_text(encoding="utf-8") == "mine"
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "001-x.svg").write_bytes(b"old")
    write_pages(tmp_path / "old.svg", [("001-a.svg", b"new")])
    assert [p.name for p in (tmp_path / "old").iterdir()] == ["001-a.svg"]


# --- Graphviz -------------------------------------------------------------------------------


def fake_dot(tmp_path: Path, script: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    exe = bin_dir / "dot"
    exe.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)


def test_a_failing_dot_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dot(tmp_path, 'echo "Error: syntax error in line 1" >&2; exit 1')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    org, graph = load(FEATURES)
    out = tmp_path / "out" / "chart.svg"
    with pytest.raises(ChartError, match="syntax error"):
        chart_mod.render(org, graph, [], ChartOptions(), out)
    assert not out.exists()
    leftovers = list((tmp_path / "out").iterdir()) if (tmp_path / "out").exists() else []
    assert leftovers == []


def test_a_slow_dot_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_dot(tmp_path, "exec /bin/sleep 30")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(ChartError, match="longer than"):
        run_dot(["digraph { a }"], "svg", timeout=0.5)


@needs_dot
def test_run_dot_keeps_the_order_of_many_pages() -> None:
    sources = [f'digraph {{ n{i} [label="page {i}"] }}\n' for i in range(7)]
    outputs = run_dot(sources, "svg", jobs=2)
    assert [f"page {i}".encode() in svg for i, svg in enumerate(outputs)] == [True] * 7


# --- the command ----------------------------------------------------------------------------


def test_registry_has_every_format() -> None:
    for suffix in (".dot", ".svg", ".png", ".pdf", ".mmd", ".html"):
        assert suffix in CHARTS.suffixes()


def test_command_writes_dot_and_mermaid(tmp_path: Path) -> None:
    for suffix in (".dot", ".mmd"):
        out = tmp_path / f"chart{suffix}"
        result = runner.invoke(app, ["chart", str(FEATURES), "-o", str(out), "--lang", "zh"])
        assert result.exit_code == 0, result.output
        assert "首席营销官" in out.read_text(encoding="utf-8")
        assert f"wrote {out}" in result.stdout


@needs_dot
@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_command_draws_with_graphviz(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"chart{suffix}"
    result = runner.invoke(app, ["chart", str(FEATURES), "-o", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    magic = {".svg": b"<?xml", ".png": b"\x89PNG", ".pdf": b"%PDF"}[suffix]
    assert data.startswith(magic)
    if suffix == ".svg":
        assert "首席营销官" in data.decode("utf-8")
        assert "Noto Sans CJK SC" in data.decode("utf-8")


def test_command_usage_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["chart", str(FEATURES), "-o", str(tmp_path / "c.gif")])
    assert result.exit_code == 2
    assert "cannot tell the chart format" in result.output and ".mmd" in result.output
    result = runner.invoke(
        app, ["chart", str(FEATURES), "-o", str(tmp_path / "c.dot"), "--root", "cm"]
    )
    assert result.exit_code == 2
    assert "'cm' is not the id of a position" in result.output and "cmo" in result.output
    result = runner.invoke(app, ["chart", str(FEATURES)])
    assert result.exit_code == 2
    result = runner.invoke(
        app, ["chart", str(FEATURES), "-o", str(tmp_path / "c.dot"), "--depth", "0"]
    )
    assert result.exit_code == 2
    assert not list(tmp_path.iterdir())


def test_command_without_graphviz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out = str(tmp_path / "c.svg")
    result = runner.invoke(app, ["chart", str(FEATURES), "-o", out, "--engine", "graphviz"])
    assert result.exit_code == 2
    assert "apt-get install graphviz" in result.output
    result = runner.invoke(app, ["chart", str(FEATURES), "-o", out])
    assert result.exit_code == 0  # the own layout needs no Graphviz
    result = runner.invoke(app, ["chart", str(FEATURES), "-o", str(tmp_path / "c.dot")])
    assert result.exit_code == 0  # .dot needs no Graphviz


def test_command_on_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("orgdesign: [\n", encoding="utf-8")
    result = runner.invoke(app, ["chart", str(bad), "-o", str(tmp_path / "c.dot")])
    assert result.exit_code == 1
    assert not (tmp_path / "c.dot").exists()


def test_command_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["chart", str(FEATURES), "-o", str(tmp_path / "file" / "c.dot")])
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_characters_the_chart_font_cannot_draw_are_named(tmp_path: Path) -> None:
    """An emoji in a title prints as an empty box in the PDF: the user is told which."""
    text = (REPO / "sample_orgs" / "lean.yaml").read_text(encoding="utf-8")
    first = text.index("    title: ", text.index("positions:"))
    end = text.index("\n", first)
    org = tmp_path / "org.yaml"
    org.write_text(text[:end] + " 🚀\u200d\ufe0f" + text[end:], encoding="utf-8")
    result = runner.invoke(app, ["chart", str(org), "-o", str(tmp_path / "c.pdf")])
    assert result.exit_code == 0, result.output
    assert "no glyph for 🚀: these print as empty boxes in the PDF chart" in result.output
    plain = runner.invoke(app, ["chart", str(REPO / "sample_orgs" / "lean.yaml"), "-o",
                                str(tmp_path / "d.pdf")])  # fmt: skip
    assert plain.exit_code == 0 and "no glyph" not in plain.output
    svg = runner.invoke(app, ["chart", str(org), "-o", str(tmp_path / "c.svg")])
    assert "no glyph" not in svg.output, "an SVG viewer draws it with its own fonts"
