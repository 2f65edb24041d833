"""The org chart laid out: one drawing, or pages of real paper (`build_layout`).

This module owns the steps from an `OrgGraph` to a `model.Layout`: which
positions are drawn (`scope.select`), how each family is placed (assistants,
row, stacked leaves; cut-off subtrees count as leaves), what each box says
(notes: positions hidden by `--depth`, page references, dotted lines with
the page of the other end), where the chart is cut into pages (`pages`), which
consecutive small subtrees share a page (`_pack`), the tidy tree of each page
(`tree`) and the page itself (`compose`).

Without a paper size the chart is one page as large as its drawing, at
design size. With a paper size every page is exactly that size; no page is
scaled below `min_font / SMALL_SIZE` unless a single family is too large for
the paper even when every report subtree is on a page of its own.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from orgdesign.assemble.graph import OrgGraph
from orgdesign.layout.boxes import SMALL_SIZE, BoxContent
from orgdesign.layout.compose import (
    HEADER_H,
    MARGIN,
    Content,
    Look,
    Sheet,
    content,
    place,
)
from orgdesign.layout.context import (
    PAPERS as PAPERS,
)
from orgdesign.layout.context import Boxes, Ctx, StubSizes, notes, paper_size
from orgdesign.layout.context import (
    LayoutOptions as LayoutOptions,
)
from orgdesign.layout.context import markers as page_markers
from orgdesign.layout.furniture import (
    LEGEND_ROWS,
    Edges,
    footer,
    footer_height,
    header,
    legend,
    legend_row,
    subtitle,
)
from orgdesign.layout.model import Layout, Marker, Page
from orgdesign.layout.pages import COLUMN_SHARE, Fit, find_cuts, pages
from orgdesign.layout.scope import STACK_MIN, Scope, select
from orgdesign.layout.style import NO_UNIT, dotted_label, unit_colours, words
from orgdesign.layout.text import clean, load_fonts
from orgdesign.layout.tree import FamilyPlan, Spec, layout
from orgdesign.model import Org


def forest_tops(scope: Scope) -> list[str]:
    """Roots of the drawn forest: top positions, then heads of unreachable parts."""
    below = {k for kids in scope.children.values() for k in kids}
    return [p for p in scope.order if p not in below]


def plan_family(
    ctx: Ctx, pid: str, cut: set[str] | frozenset[str], stack: bool = False
) -> FamilyPlan:
    """Assistants, row and stacked leaves of a manager (cut reports count as leaves; with
    `stack`, leaves are stacked even when the options say not to)."""
    kids = ctx.scope.children.get(pid, ())
    positions = ctx.graph.positions

    def leaf(k: str) -> bool:
        return k in cut or not ctx.scope.children.get(k)

    assistants = tuple(k for k in kids if positions[k].assistant and leaf(k))
    others = [k for k in kids if k not in assistants]
    leaves = [k for k in others if leaf(k)]
    if not (ctx.options.stack or stack) or len(leaves) < STACK_MIN:
        return FamilyPlan(assistants=assistants, row=tuple(others))
    groups: dict[str, list[str]] = {}
    for k in leaves:
        key = (ctx.graph.unit_of(k) or "") if ctx.options.clusters else ""
        if k in cut:  # boxes that stand for other pages share one column, whatever their unit
            key = "\0continued"
        groups.setdefault(key, []).append(k)
    singles = {g[0] for g in groups.values() if len(g) == 1}
    row = tuple(k for k in others if not leaf(k) or k in singles)
    stacks = tuple(tuple(g) for g in groups.values() if len(g) > 1)
    return FamilyPlan(assistants=assistants, row=row, stacks=stacks)


def _look(ctx: Ctx) -> Look:
    graph, lang = ctx.graph, ctx.options.lang
    labels = {
        (m, p): dotted_label(ctx.org, graph, p, m, lang)
        for p in ctx.scope.order
        for m in graph.dotted_managers(p)
    }
    return Look(
        graph=graph,
        fonts=ctx.fonts,
        colours=unit_colours(ctx.org, graph),
        clusters=ctx.options.clusters,
        highlight=ctx.options.highlight,
        dotted_labels=labels,
        unit_names={u: clean(unit.label(lang)) for u, unit in graph.units.items()},
        legend_words=ctx.words,
    )


@dataclass(frozen=True)
class _Plan:
    roots: tuple[tuple[str, ...], ...]
    """Page roots, page by page (small subtrees share a page); without pages, the one
    entry ("",) stands for the whole forest."""
    members: Mapping[str, tuple[str, ...]]
    fit: Fit
    page_of: Mapping[str, int]

    @property
    def cut(self) -> frozenset[str]:
        return self.fit.cut


PACK_SHARE = 0.95
"""Subtrees share a page while their drawing takes at most this share of what fits at the
smallest scale (room for page numbers that differ from those they were measured with)."""


def _numbered(
    roots: Sequence[tuple[str, ...]], members: Mapping[str, tuple[str, ...]], fit: Fit
) -> _Plan:
    page_of = {
        pid: n for n, group in enumerate(roots, start=1) for root in group for pid in members[root]
    }
    return _Plan(tuple(roots), members, fit, page_of)


def _pack(
    ctx: Ctx, boxes: Boxes, look: Look, plan: _Plan, max_column: float, area: tuple[float, float]
) -> _Plan:
    """Consecutive pages whose subtrees fit side by side on one page, joined (greedy, in
    page order, each page's content measured as laid out: linear in the positions). A
    subtree does not join the page of its manager, where it is a box "continued on page N"."""
    scale_min = ctx.options.min_font / SMALL_SIZE
    room = (area[0] / scale_min * PACK_SHARE, area[1] / scale_min * PACK_SHARE)
    groups: list[tuple[str, ...]] = []
    drawn: set[str] = set()
    parent = {k: pid for pid, kids in ctx.scope.children.items() for k in kids}
    for number, (root,) in enumerate(plan.roots, start=1):
        if groups and parent.get(root) not in drawn:
            trial = (*groups[-1], root)
            sheet, _ = _sheet(ctx, boxes, plan, number, trial, max_column)
            x0, y0, x1, y1 = content(look, sheet).bbox
            if x1 - x0 <= room[0] and y1 - y0 <= room[1]:
                groups[-1] = trial
                drawn.update(plan.members[root])
                continue
        groups.append((root,))
        drawn = set(plan.members[root])
    return _numbered(groups, plan.members, plan.fit)


def _plan_pages(ctx: Ctx, boxes: Boxes, tops: Sequence[str], area: tuple[float, float]) -> _Plan:
    scale_min = ctx.options.min_font / SMALL_SIZE
    limit = (area[0] / scale_min * 0.97, area[1] / scale_min * 0.97)
    sizes: dict[str, tuple[float, float]] = {}
    for pid in ctx.scope.order:
        c = boxes.get(pid, notes(ctx, pid, None, 0, True))
        sizes[pid] = (c.w, c.h)
    stubs = StubSizes(boxes)
    kids = dict(ctx.scope.children)
    boxed = unit_starts(ctx, sizes)
    fit = find_cuts(tops, kids, partial(plan_family, ctx), sizes, stubs, limit, boxed)
    split = pages(tops, kids, fit.cut)
    return _numbered([(root,) for root in split.roots], split.members, fit)


def _sheet(
    ctx: Ctx,
    boxes: Boxes,
    plan: _Plan,
    number: int,
    roots: tuple[str, ...],
    max_column: float,
) -> tuple[Sheet, tuple[Marker, ...]]:
    """The tree drawing of one page (the subtrees of `roots` side by side) and its page
    references."""
    paged = bool(plan.page_of)
    members = [pid for root in roots for pid in plan.members[root]]
    tops = tuple(forest_tops(ctx.scope)) if not paged else roots
    families: dict[str, FamilyPlan] = {}
    contents: dict[str, BoxContent] = {}
    stubs: dict[str, int] = {}
    markers: list[Marker] = []
    for pid in members:
        families[pid] = plan_family(ctx, pid, plan.cut, pid in plan.fit.stacked)
        page_of = plan.page_of if paged else {}
        contents[pid] = boxes.get(pid, notes(ctx, pid, page_of, number, pid in roots))
        markers.extend(page_markers(ctx, pid, plan.page_of, number, pid in roots))
        for k in ctx.scope.children.get(pid, ()):
            if k in plan.cut:
                stubs[k] = plan.page_of[k]
                contents[k] = boxes.stub(k, plan.page_of[k])
                families[k] = FamilyPlan()
                markers.append(Marker("continued", k, plan.page_of[k], k))
    sizes = {pid: (c.w, c.h) for pid, c in contents.items()}
    shown = number + ctx.options.page_offset
    spec = Spec(tops, families, sizes, max_column, unit_starts(ctx, contents), plan.fit.columns)
    drawing = layout(spec)
    sheet = Sheet(
        number=number,
        total=len(plan.roots),
        top=roots[0] or None,
        title=f"{shown}. {joined_titles([ctx.title(r) for r in roots])}" if roots[0] else "1.",
        drawing=drawing,
        contents=contents,
        stubs=stubs,
        markers=(),
        header=("", "", ""),
        footer=("", ""),
        tops=roots if roots[0] else (),
    )
    return sheet, tuple(markers)


def unit_starts(ctx: Ctx, drawn: Mapping[str, object]) -> frozenset[str]:
    """Positions whose unit differs from their manager's (with unit frames on)."""
    if not ctx.options.clusters:
        return frozenset()
    graph = ctx.graph
    return frozenset(
        p for p in drawn if (m := graph.manager(p)) is None or graph.unit_of(m) != graph.unit_of(p)
    )


def _legend_units(look: Look, c: Content) -> list[tuple[str, str, str]]:
    seen: dict[str, None] = {}
    for b in c.boxes:
        if b.unit:
            seen.setdefault(b.unit, None)
    return [(look.unit_names[u], *look.colours.get(u, NO_UNIT)) for u in seen]


def _meta(ctx: Ctx) -> str:
    """Date and version for the header."""
    version = ctx.options.version
    parts = [ctx.options.date, ctx.words["version"].format(version=version) if version else ""]
    return " · ".join(x for x in parts if x)


def _page(
    ctx: Ctx,
    look: Look,
    sheet: Sheet,
    markers: tuple[Marker, ...],
    paper: tuple[float, float] | None,
) -> Page:
    """Place a sheet on its paper (or on a page of its own size) with header, footer, legend."""
    c = content(look, sheet)
    least = ctx.options.min_font if paper else 0.0
    legend_h = legend_row(least) * LEGEND_ROWS
    foot_h = footer_height(least)
    top = MARGIN + HEADER_H
    if paper is None:
        bw = c.bbox[2] - c.bbox[0]
        width = max(bw + 2 * MARGIN, 420.0)
        height = top + (c.bbox[3] - c.bbox[1]) + legend_h + foot_h + MARGIN + 8
    else:
        width, height = paper
    area = (MARGIN, top, width - MARGIN, height - MARGIN - foot_h - legend_h - 6)
    placed, scale = place(c, area, paper is not None, ctx.options.min_font / SMALL_SIZE)
    org = clean(ctx.org.organization.label(ctx.options.lang)) if ctx.org.organization else ""
    w = ctx.words
    meta = _meta(ctx)
    offset = ctx.options.page_offset
    page_text = w["page"].format(page=sheet.number + offset, pages=sheet.total + offset)
    edges = Edges(ctx.fonts, MARGIN, width, height, least)
    names = counted_titles([ctx.title(r) for r in sheet.tops])
    title = subtitle(edges, w["chart"], names, w["more_subtrees"])
    return Page(
        number=sheet.number,
        width=width,
        height=height,
        boxes=placed.boxes,
        lines=placed.lines,
        frames=placed.frames,
        header=header(edges, org, title, meta),
        footer=footer(edges, f"{org} · {w['chart']}", page_text),
        legend=legend(
            ctx.fonts,
            MARGIN,
            area[3] + 6,
            width - 2 * MARGIN,
            _legend_units(look, placed),
            w,
            least,
            ctx.options.highlight_legend,
        ),
        markers=markers,
        top=sheet.top,
        title=sheet.title,
        scale=scale,
        content=(
            placed.bbox[0],
            placed.bbox[1],
            placed.bbox[2] - placed.bbox[0],
            placed.bbox[3] - placed.bbox[1],
        ),
    )


def build_layout(org: Org, graph: OrgGraph, options: LayoutOptions) -> Layout:
    """The chart as pages (raises ChartError for an unknown root, FontMissing without the
    chart font)."""
    scope = select(org, graph, options)
    ctx = Ctx(org, graph, options, load_fonts(), scope, words(options.lang))
    boxes = Boxes(ctx)
    look = _look(ctx)
    tops = forest_tops(scope)
    paper = paper_size(options.paper, options.landscape) if options.paper else None
    if paper is None:
        plan = _Plan((("",),), {"": scope.order}, Fit(frozenset()), {})
        max_column = math.inf
    else:
        least = options.min_font
        furniture = footer_height(least) + legend_row(least) * LEGEND_ROWS
        area_h = paper[1] - 2 * MARGIN - HEADER_H - furniture - 6
        area = (paper[0] - 2 * MARGIN, area_h)
        plan = _plan_pages(ctx, boxes, tops, area)
        max_column = area_h / (options.min_font / SMALL_SIZE) * 0.97 * COLUMN_SHARE
        plan = _pack(ctx, boxes, look, plan, max_column, area)
    out: list[Page] = []
    for number, roots in enumerate(plan.roots, start=1):
        sheet, markers = _sheet(ctx, boxes, plan, number, roots, max_column)
        out.append(_page(ctx, look, sheet, markers, paper))
    org_name = clean(org.organization.label(options.lang)) if org.organization else ""
    page_of = dict(plan.page_of) if plan.page_of else dict.fromkeys(scope.order, 1)
    return Layout(
        pages=tuple(out),
        org_name=org_name,
        title=ctx.words["chart"],
        date=options.date,
        version=options.version,
        font=ctx.fonts.family,
        lang=options.lang,
        page_of=page_of,
    )


def counted_titles(titles: list[str]) -> list[str]:
    """The titles of a page's subtrees, each once: four production managers read "… ×4"."""
    counts = Counter(titles)
    return [t if counts[t] == 1 else f"{t} ×{counts[t]}" for t in dict.fromkeys(titles)]


def joined_titles(titles: list[str]) -> str:
    """The titles of a page's subtrees, each once, joined with " · "."""
    return " · ".join(counted_titles(titles))
