"""The org-chart layout engine: geometric invariants on random trees (hypothesis), pages.

Every invariant is checked on the `orgdesign.layout.model` data every writer
draws: no box overlaps another, reports sit below their managers, no line
passes through a box, every text is inside its page (and its box), unit
frames hold exactly their unit's boxes, every drawn position is drawn in
full on exactly one page, every page has the paper's size.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesign.api import load_org
from orgdesign.assemble.graph import OrgGraph
from orgdesign.layout.chart import LayoutOptions, build_layout, paper_size
from orgdesign.layout.frames import unit_chain
from orgdesign.layout.index import crosses, overlaps
from orgdesign.layout.model import Box, Layout, Page
from orgdesign.model import Org, Organization, Position, Unit

WORDS = [
    "Head",
    "of",
    "Marketing",
    "Regional",
    "Sales",
    "Brand",
    "Manager",
    "市场",
    "营销总监",
    "Customer",
    "Experience",
]
WORDS += ["Operations", "Analyst", "Supercalifragilisticexpialidocious"]


@st.composite
def orgs(draw: st.DrawFn) -> Org:
    n = draw(st.integers(1, 60))
    n_units = draw(st.integers(1, 6))
    units = [Unit(id="u0", name="Company")]
    for i in range(1, n_units):
        parent = f"u{draw(st.integers(0, i - 1))}"
        units.append(
            Unit(id=f"u{i}", name=f"Unit {i} " + draw(st.sampled_from(WORDS)), parent=parent)
        )
    positions: list[Position] = []
    for i in range(n):
        boss = f"p{draw(st.integers(0, i - 1))}" if i else None
        title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
        holders = draw(st.lists(st.sampled_from(["Ann Lee", "王小明", "Bo"]), max_size=3))
        dotted = []
        if i > 2 and draw(st.integers(0, 9)) == 0:
            target = draw(st.integers(0, i - 1))
            if f"p{target}" != boss:
                dotted = [f"p{target}"]
        positions.append(
            Position(
                id=f"p{i}",
                title=title,
                unit=f"u{draw(st.integers(0, n_units - 1))}",
                reports_to=boss,
                dotted_to=dotted,
                headcount=max(1, len(holders)) + draw(st.integers(0, 1)),
                holders=holders,
                assistant=bool(i) and draw(st.integers(0, 12)) == 0,
            )
        )
    return Org(
        root_file="",
        organization=Organization(id="org", name="Random Org"),
        units=units,
        positions=positions,
    )


def rect(b: Box) -> tuple[float, float, float, float]:
    return (b.x, b.y, b.x + b.w, b.y + b.h)


def check_page(org: Org, graph: OrgGraph, page: Page) -> None:
    boxes = {b.id: b for b in page.boxes}
    assert len(boxes) == len(page.boxes), "a position drawn twice on one page"
    for a, b in itertools.combinations(page.boxes, 2):
        assert not overlaps(rect(a), rect(b)), f"{a.id} overlaps {b.id}"
    for b in page.boxes:
        boss = graph.manager(b.id)
        if boss in boxes and not b.assistant:
            m = boxes[boss]
            assert b.y >= m.y + m.h - 0.01, f"{b.id} is not below its manager {boss}"
        for t in b.lines:
            assert t.width <= b.w + 0.01, f"text of {b.id} wider than its box"
            assert 0 <= t.y <= b.h
    for ln in page.lines:
        for p, q in itertools.pairwise(ln.points):
            assert p[0] == q[0] or p[1] == q[1], "a line that is not orthogonal"
            for b in page.boxes:
                assert not crosses(rect(b), p, q), f"line {ln.source}->{ln.target} crosses {b.id}"
        if ln.label:
            lb = ln.label
            assert lb.x >= 0 and lb.x + lb.w <= page.width and 0 <= lb.y <= page.height
            for b in page.boxes:
                assert not overlaps((lb.x, lb.y, lb.x + lb.w, lb.y + lb.h), rect(b))
    texts = [*page.header, *page.footer, *(f.title for f in page.frames if f.title)]
    texts += [it.text for it in page.legend.items] if page.legend else []
    for t in texts:
        left = t.x - (t.width if t.anchor == "end" else t.width / 2 if t.anchor == "middle" else 0)
        assert left >= -0.01 and left + t.width <= page.width + 0.01, f"{t.text!r} off the page"
        assert 0 <= t.y <= page.height
    for b in page.boxes:
        assert b.x >= 0 and b.x + b.w <= page.width + 0.01 and 0 <= b.y <= page.height
    for f in page.frames:
        fr = (f.x, f.y, f.x + f.w, f.y + f.h)
        for b in page.boxes:
            if overlaps(fr, rect(b)):
                assert f.unit in unit_chain(graph, graph.unit_of(b.id)), (
                    f"frame of {f.unit} holds {b.id} of another unit"
                )
    framed = {f.unit for f in page.frames}
    for b in page.boxes:
        for uid in unit_chain(graph, graph.unit_of(b.id))[:1]:
            if uid in framed:
                assert any(
                    f.unit == uid
                    and f.x <= b.x
                    and b.x + b.w <= f.x + f.w
                    and f.y <= b.y
                    and b.y + b.h <= f.y + f.h
                    for f in page.frames
                ), f"{b.id} is outside every frame of its unit {uid}"


def check_layout(
    org: Org, graph: OrgGraph, layout: Layout, paper: tuple[float, float] | None
) -> None:
    full: dict[str, int] = {}
    for page in layout.pages:
        if paper:
            assert (page.width, page.height) == paper
        check_page(org, graph, page)
        for b in page.boxes:
            if not b.stub:
                assert b.id not in full, f"{b.id} drawn in full on two pages"
                full[b.id] = page.number
    assert set(full) == {p.id for p in org.positions}
    assert full == layout.page_of


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orgs())
def test_invariants_one_drawing(org: Org) -> None:
    graph = OrgGraph(org)
    check_layout(org, graph, build_layout(org, graph, LayoutOptions()), None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orgs(), st.sampled_from(["a4", "a3", "letter"]), st.booleans())
def test_invariants_on_paper(org: Org, paper: str, landscape: bool) -> None:
    graph = OrgGraph(org)
    options = LayoutOptions(paper=paper, landscape=landscape, min_font=6.0)
    layout = build_layout(org, graph, options)
    check_layout(org, graph, layout, paper_size(paper, landscape))


SAMPLE = Path(__file__).parent.parent / "sample_orgs" / "matrix.yaml"


def sample() -> tuple[Org, OrgGraph]:
    org, _ = load_org(SAMPLE)
    assert org is not None
    return org, OrgGraph(org)


def test_deterministic() -> None:
    org, graph = sample()
    options = LayoutOptions(paper="a4")
    assert build_layout(org, graph, options) == build_layout(org, graph, options)


def test_checks_catch_broken_geometry() -> None:
    """The invariant checks are not vacuous: a box moved onto another fails them."""
    org, graph = sample()
    layout = build_layout(org, graph, LayoutOptions())
    check_layout(org, graph, layout, None)
    page = layout.pages[0]
    a, b = page.boxes[0], page.boxes[1]
    broken = replace(page, boxes=(replace(b, x=a.x, y=a.y), *page.boxes[:1], *page.boxes[2:]))
    with pytest.raises(AssertionError):
        check_page(org, graph, broken)


def test_sample_has_frames_dotted_lines_and_labels() -> None:
    org, graph = sample()
    page = build_layout(org, graph, LayoutOptions()).pages[0]
    assert page.frames and any(f.title for f in page.frames)
    dotted = [ln for ln in page.lines if ln.style == "dotted"]
    assert dotted, "the matrix sample's dotted lines are drawn"
    assert any(ln.label for ln in dotted)


def test_pages_name_each_other() -> None:
    """Cut subtrees: "continued on page N" on the manager's page, "reports to" on theirs."""
    org, graph = sample()
    layout = build_layout(org, graph, LayoutOptions(paper="a4", landscape=False, min_font=8))
    assert len(layout.pages) > 1
    for page in layout.pages:
        for m in page.markers:
            other = layout.pages[m.page - 1]
            if m.kind == "continued":
                assert other.top == m.position
            if m.kind == "reports_to":
                assert m.other in {b.id for b in other.boxes if not b.stub}
    stubs = [b for p in layout.pages for b in p.boxes if b.stub]
    assert stubs and all(
        any(t.role == "continued" and str(b.page_ref) in t.text for t in b.lines) for b in stubs
    )
    assert all(p.scale >= 6.0 / 7.0 - 1e-9 or p.scale >= 8.0 / 7.0 - 1e-9 for p in layout.pages)


def test_small_subtrees_share_a_page() -> None:
    """Consecutive subtrees that fit side by side share a page: fewer pages than subtrees
    cut off, none below the minimum text size, each subtree whole on its page, and every
    "continued on page N" leads to a page where that position heads a tree."""
    org, _ = load_org(Path(__file__).parent.parent / "sample_orgs" / "functional.yaml")
    assert org is not None
    graph = OrgGraph(org)
    layout = build_layout(org, graph, LayoutOptions(paper="a4", landscape=False, min_font=10))
    check_layout(org, graph, layout, paper_size("a4", False))
    heads = {  # positions drawn in full whose manager is not drawn in full on that page
        p.number: [
            b.id
            for b in p.boxes
            if not b.stub and layout.page_of.get(graph.manager(b.id) or "") != p.number
        ]
        for p in layout.pages
    }
    assert any(len(h) > 1 for h in heads.values()), "no page holds two subtrees"
    assert all(p.scale >= 10 / 7 - 1e-9 for p in layout.pages)
    for page in layout.pages:
        for m in page.markers:
            if m.kind == "continued":
                assert m.position in heads[m.page]
    matrix = build_layout(*sample(), LayoutOptions(paper="a4", min_font=10))
    for chart in (layout, matrix):  # a subtree never joins the page showing it "continued"
        for page in chart.pages:
            assert all(chart.page_of[b.id] != page.number for b in page.boxes if b.stub)


def test_a_shared_page_names_each_title_once() -> None:
    """Four production managers on one page read 'Production Manager ×4', not four times."""
    from orgdesign.layout.chart import joined_titles

    assert joined_titles(["CIO"]) == "CIO"
    assert joined_titles(["PM", "CIO", "PM", "PM"]) == "PM ×3 · CIO"
    assert joined_titles(["生产经理", "生产经理"]) == "生产经理 ×2"


def test_frames_of_a_reporting_cycle_end() -> None:
    """A reporting cycle inside a unit (an organisation with errors is still charted) split into
    frame pieces: the walk up the managers stops at the cycle instead of looping for ever."""
    from orgdesign.layout.frames import _pieces, _walk_up

    manager = {"a": "b", "b": "c", "c": "a", "d": "a"}
    assert _walk_up("d", manager, lambda up: True) in {"a", "b", "c"}
    pieces = _pieces(["a", "b", "c", "d"], manager)
    assert sorted(p for piece in pieces for p in piece) == ["a", "b", "c", "d"]


def test_the_fuzzed_organisation_that_hung_build_is_charted(tmp_path: Path) -> None:
    """Found by `make fuzz` (build family): the chart's frame pieces looped on a cycle."""
    import subprocess
    import sys

    src = Path(__file__).parent / "data" / "fuzz" / "frame-cycle-hang.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "orgdesign", "chart", str(src), "-o", str(tmp_path / "c.svg")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert "internal error" not in done.stderr
    assert "</svg>" in (tmp_path / "c.svg").read_text(encoding="utf-8")
