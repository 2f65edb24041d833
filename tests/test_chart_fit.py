"""Paginated charts that a client can read: wide families on paper at the minimum text size.

A manager with many reports (a row the paper cannot hold at `--min-font`) is
the case where the layout used to shrink a page far below the minimum: with
`--no-stack` the row of 40 leaves was printed at 1.3 pt, 150 stacked leaves at
2 pt. Every text of every paginated page (boxes, labels, frame titles, header,
footer, legend) must be at least `min_font`, with and without stacking, in the
layout and in the PDF; a family larger than a page continues on pages of its
own. Also here: long header texts cut with "…", shared pages naming each subtree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.layout.chart import LayoutOptions, build_layout, paper_size
from orgdesign.layout.model import Layout, Page, Text
from orgdesign.model import Org, Organization, Position, Unit
from test_chart_pages import words_by_size
from test_layout import check_layout

LONG_TITLE = (
    "Senior Vice President and General Manager for Strategic Partnerships, Omnichannel Retail"
    " Transformation, Consumer Experience Innovation and Cross-Border E-commerce Expansion in"
    " Greater China and ASEAN"
)


def wide_org(
    reports: int, below: tuple[int, ...] = (), boss_title: str = LONG_TITLE, name: str = "Wide Co"
) -> Org:
    """A chief, one manager under it with `reports` direct reports; report i manages
    `below[i]` people of its own (0 when `below` is shorter)."""
    positions = [
        Position(id="ceo", title="Chief Executive Officer", unit="hq", holders=["Ann"]),
        Position(id="boss", title=boss_title, unit="big", reports_to="ceo", holders=["Émile"]),
    ]
    for i in range(reports):
        positions.append(
            Position(
                id=f"r{i}",
                title=f"Specialist {i} 专员 {i}",
                unit="big",
                reports_to="boss",
                holders=[f"Person {i}"],
            )
        )
        for j in range(below[i] if i < len(below) else 0):
            positions.append(
                Position(id=f"r{i}s{j}", title=f"Analyst {i}.{j}", unit="big", reports_to=f"r{i}")
            )
    return Org(
        root_file="",
        organization=Organization(id="org", name=name),
        units=[Unit(id="hq", name="HQ"), Unit(id="big", name="Big Team 大团队", parent="hq")],
        positions=positions,
    )


def page_texts(layout: Layout) -> list[tuple[int, Text]]:
    """Every text of every page, with its page number."""
    out: list[tuple[int, Text]] = []
    for page in layout.pages:
        texts = [*page.header, *page.footer, *(f.title for f in page.frames if f.title)]
        texts += [it.text for it in page.legend.items] if page.legend else []
        texts += [t for b in page.boxes for t in b.lines]
        texts += [t for ln in page.lines if ln.label for t in ln.label.lines]
        out += [(page.number, t) for t in texts]
    return out


def check_min_font(layout: Layout, least: float) -> None:
    small = [(n, t.text, round(t.size, 2)) for n, t in page_texts(layout) if t.size < least - 1e-6]
    assert not small, f"texts below {least} pt: {small[:5]}"


@pytest.mark.parametrize("stack", [True, False])
@pytest.mark.parametrize(("paper", "landscape"), [("a4", True), ("a4", False), ("a3", True)])
def test_forty_reports_never_below_min_font(stack: bool, paper: str, landscape: bool) -> None:
    """The reviewer's hostile family: 40 leaves under a manager with a 200-character title."""
    org = wide_org(40)
    graph = OrgGraph(org)
    options = LayoutOptions(paper=paper, landscape=landscape, min_font=6.0, stack=stack)
    layout = build_layout(org, graph, options)
    check_layout(org, graph, layout, paper_size(paper, landscape))
    check_min_font(layout, 6.0)


@pytest.mark.parametrize("stack", [True, False])
def test_forty_small_teams_never_below_min_font(stack: bool) -> None:
    """40 reports who each manage one person: cut to pages of their own, their "continued"
    boxes are still a family too wide for one row."""
    org = wide_org(40, (1,) * 40)
    graph = OrgGraph(org)
    layout = build_layout(org, graph, LayoutOptions(paper="a4", min_font=6.0, stack=stack))
    check_layout(org, graph, layout, paper_size("a4", True))
    check_min_font(layout, 6.0)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 160),
    st.lists(st.integers(0, 3), max_size=160),
    st.booleans(),
    st.sampled_from(["a4", "a3", "letter"]),
    st.booleans(),
    st.sampled_from([6.0, 8.0]),
)
def test_wide_families_never_below_min_font(
    reports: int, below: list[int], stack: bool, paper: str, landscape: bool, least: float
) -> None:
    org = wide_org(reports, tuple(below))
    graph = OrgGraph(org)
    options = LayoutOptions(paper=paper, landscape=landscape, min_font=least, stack=stack)
    layout = build_layout(org, graph, options)
    check_layout(org, graph, layout, paper_size(paper, landscape))
    check_min_font(layout, least)


@pytest.mark.parametrize("stack", [True, False])
def test_a_family_larger_than_a_page_continues_on_pages_of_its_own(stack: bool) -> None:
    """150 reports (some managing a small team) under one manager: the manager's page holds
    what fits and says where the others are; each continuation page has the manager as a
    box "continued on page N" (its own page) above the rest, all at the minimum size."""
    org = wide_org(150, (0, 0, 2) * 10)
    graph = OrgGraph(org)
    layout = build_layout(org, graph, LayoutOptions(paper="a4", min_font=6.0, stack=stack))
    check_layout(org, graph, layout, paper_size("a4", True))
    check_min_font(layout, 6.0)
    home = layout.page_of["boss"]
    boss = next(b for b in layout.pages[home - 1].boxes if b.id == "boss")
    note = next(t.text for t in boss.lines if "more reports on page" in t.text)
    more = [
        p
        for p in layout.pages
        if any(b.id == "boss" and b.stub for b in p.boxes) and p.top == "boss"
    ]
    assert len(more) >= 1
    numbers = [p.number for p in more]
    wanted = f"on page {numbers[0]}" if len(more) == 1 else f"pages {numbers[0]}–{numbers[-1]}"
    assert wanted in note, (note, numbers)
    for page in more:
        assert page.header[1].text.endswith("(continued)"), page.header[1].text
        stub = next(b for b in page.boxes if b.id == "boss")
        assert stub.page_ref == home
        assert all(graph.manager(b.id) == "boss" for b in page.boxes if b.id != "boss")
    moved = sum(1 for p in more for b in p.boxes if b.id != "boss")
    assert note.startswith(f"{moved} more reports")


YAML_HEAD = """orgdesign: 1
organization: {id: wide, name: Wide Co}
units:
  - {id: hq, name: HQ, type: company, head: ceo}
positions:
  - {id: ceo, title: Chief Executive Officer, unit: hq, holders: [Ann]}
"""


@pytest.mark.parametrize("flag", ["--stack", "--no-stack"])
def test_pdf_of_a_wide_row_is_readable(tmp_path: Path, flag: str) -> None:
    lines = [f"  - {{id: boss, title: {LONG_TITLE!r}, unit: hq, reports_to: ceo, holders: [B]}}"]
    lines += [
        f"  - {{id: r{i}, title: Specialist {i}, unit: hq, reports_to: boss, holders: [P{i}]}}"
        for i in range(40)
    ]
    src = tmp_path / "wide.yaml"
    src.write_text(YAML_HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "wide.pdf"
    args = ["chart", str(src), "-o", str(out), flag, "--paper", "a4"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    sizes = words_by_size(out)
    for page in sizes:
        assert page and min(page) >= 6.0 - 0.01, page


def header_line(page: Page) -> Text:
    """The header's second line: the chart title with the page's subtrees."""
    return page.header[1]


def test_long_title_is_cut_with_an_ellipsis_within_the_page() -> None:
    """The 200-character title heading a page: the header says as much as fits, then "…"."""
    org = wide_org(40, (), LONG_TITLE + " " + LONG_TITLE, "Wide Co " + LONG_TITLE)
    graph = OrgGraph(org)
    options = LayoutOptions(paper="a4", min_font=6.0, date="2026-12-01", version="v1")
    layout = build_layout(org, graph, options)
    page = next(p for p in layout.pages if p.top == "boss")
    for t in (*page.header, *page.footer):
        left = t.x - (t.width if t.anchor == "end" else 0)
        assert left >= 0 and left + t.width <= page.width - 24 + 0.01, t.text
    line = header_line(page)
    assert line.text.startswith("Organisation chart · Senior Vice President and General")
    assert line.text.endswith("…")
    assert page.header[0].text.endswith("…") and page.footer[0].text.endswith("…")
    assert page.header[2].text == "2026-12-01 · version v1"  # whole


def test_shared_page_header_names_every_subtree() -> None:
    """Small subtrees sharing a page are all named in its header ("A · B", or "A · B and N
    more" when they do not all fit)."""
    from orgdesign.api import load_org

    org, _ = load_org(Path(__file__).parent.parent / "sample_orgs" / "functional.yaml")
    assert org is not None
    graph = OrgGraph(org)
    layout = build_layout(org, graph, LayoutOptions(paper="a4", landscape=False, min_font=10))
    shared = 0
    for page in layout.pages:
        heads = [
            b.id
            for b in page.boxes
            if not b.stub and layout.page_of.get(graph.manager(b.id) or "") != page.number
        ]
        line = header_line(page).text
        titles = list(dict.fromkeys(graph.positions[h].label(None) for h in heads))
        named = [t for t in titles if t in line]
        if len(titles) > 1:
            shared += 1
        left = len(titles) - len(named)
        assert named and (not left or line.endswith(f"and {left} more")), (line, titles)
        assert header_line(page).width <= page.width - 48 + 0.01
    assert shared, "no page holds two subtrees"


@pytest.mark.parametrize(
    ("lang", "words"), [(None, "continued on another page"), ("zh", "续见其他页")]
)
def test_legend_names_the_continued_box_where_there_is_one(lang: str | None, words: str) -> None:
    """The dashed "continued on page N" box has its own legend entry (dashed, unlike the
    vacant one), on the pages that have such boxes only."""
    from orgdesign.output.chart.svgchart import page_svg

    org = wide_org(12, (3,) * 12)
    graph = OrgGraph(org)
    layout = build_layout(org, graph, LayoutOptions(lang=lang, paper="a4", min_font=9.0))
    assert len(layout.pages) > 1
    for page in layout.pages:
        assert page.legend is not None
        items = [it for it in page.legend.items if it.kind == "continued"]
        has_stubs = any(b.stub for b in page.boxes)
        assert len(items) == has_stubs, page.number
        if items:
            assert items[0].text.text == words and items[0].dashed
            svg = page_svg(layout, page)
            swatch = f'x="{round(items[0].x, 2):g}"'
            assert any(swatch in tag and "stroke-dasharray" in tag for tag in svg.split("<rect")), (
                "the legend's continued swatch is not dashed"
            )
    assert any(b.stub for p in layout.pages for b in p.boxes)
    assert not all(any(b.stub for b in p.boxes) for p in layout.pages)
