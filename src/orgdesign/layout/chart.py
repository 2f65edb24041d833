"""The org chart laid out: one drawing, or pages of real paper (`build_layout`).

This module owns the steps from an `OrgGraph` to a `model.Layout`: which
positions are drawn (`scope.select`), how each family is placed
(`families.plan_family`), what each box says (notes: positions hidden by
`--depth`, page references, dotted lines with the page of the other end,
continuation pages of a manager's reports), where the chart is cut into pages
(`pages`), which consecutive small subtrees share a page (`_pack`), the tidy
tree of each page (`tree`) and the page itself (`compose`).

Without a paper size the chart is one page as large as its drawing, at
design size. With a paper size every page is exactly that size and no page is
scaled below `min_font / SMALL_SIZE`: subtrees go to pages of their own, a
family too wide has its leaves stacked (even with `--no-stack`) in columns as
tall as the page, and a family larger than a page continues on pages of its
own below a box of its manager ("continued on page N"). Only a single box
larger than the page is still shrunk.
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
from orgdesign.layout.context import FAR, Boxes, Ctx, StubSizes, notes, paper_size
from orgdesign.layout.context import (
    PAPERS as PAPERS,
)
from orgdesign.layout.context import (
    LayoutOptions as LayoutOptions,
)
from orgdesign.layout.context import markers as page_markers
from orgdesign.layout.families import forest_tops, plan_family, unit_starts
from orgdesign.layout.frames import MAX_PAD, TITLE_ROOM
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
from orgdesign.layout.pages import (
    COLUMN_SHARE,
    MORE,
    Fit,
    continuation,
    find_cuts,
    page_head,
    pages,
)
from orgdesign.layout.scope import select
from orgdesign.layout.style import NO_UNIT, dotted_label, unit_colours, words
from orgdesign.layout.text import clean, load_fonts
from orgdesign.layout.tree import FamilyPlan, Spec, layout
from orgdesign.model import Org


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

    def number(self, root: str) -> int:
        """The page whose subtrees include `root`."""
        return next(n for n, group in enumerate(self.roots, start=1) if root in group)

    def shown(self, ctx: Ctx, pid: str) -> list[str] | None:
        """The reports of `pid` on its own page when some are on continuation pages."""
        chunks = self.fit.overflow.get(pid)
        if not chunks:
            return None
        moved = {k for chunk in chunks for k in chunk}
        return [k for k in ctx.scope.children.get(pid, ()) if k not in moved]


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
        alone = MORE in root or (bool(groups) and MORE in groups[-1][0])  # continuation pages
        if groups and not alone and parent.get(root) not in drawn:
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
    # Unit frames reach beyond the boxes the tree places: their margins and a unit's name.
    frame = (2 * MAX_PAD, 2 * MAX_PAD + TITLE_ROOM) if ctx.options.clusters else (0.0, 0.0)
    limit = (area[0] / scale_min * 0.97 - frame[0], area[1] / scale_min * 0.97 - frame[1])
    sizes: dict[str, tuple[float, float]] = {}
    for pid in ctx.scope.order:
        # Only a manager can head a page and say "reports to ..., page N" (a report who
        # manages nobody is never cut off).
        head = bool(ctx.scope.children.get(pid))
        c = boxes.get(pid, notes(ctx, pid, None, 0, head))
        sizes[pid] = (c.w, c.h)
    stubs = StubSizes(boxes)
    kids = dict(ctx.scope.children)
    boxed = unit_starts(ctx, sizes)

    def noted(pid: str) -> tuple[float, float]:
        more = ctx.words["more_reports_pages"].format(n=FAR, first=FAR, last=FAR)
        c = boxes.get(pid, [*notes(ctx, pid, None, 0, True), more])
        return (c.w, c.h)

    fit = find_cuts(tops, kids, partial(plan_family, ctx), sizes, stubs, limit, boxed, noted)
    split = pages(tops, kids, fit)
    return _numbered([(root,) for root in split.roots], split.members, fit)


def _sheet(
    ctx: Ctx,
    boxes: Boxes,
    plan: _Plan,
    number: int,
    roots: tuple[str, ...],
    max_column: float,
) -> tuple[Sheet, tuple[Marker, ...]]:
    """The tree drawing of one page (the subtrees of `roots` side by side), its markers."""
    paged = bool(plan.page_of)
    members = [pid for root in roots for pid in plan.members[root]]
    heads = tuple(page_head(r) for r in roots)
    tops = tuple(forest_tops(ctx.scope)) if not paged else heads
    families: dict[str, FamilyPlan] = {}
    contents: dict[str, BoxContent] = {}
    stubs: dict[str, int] = {}
    markers: list[Marker] = []

    def stub(k: str) -> None:
        stubs[k] = plan.page_of[k]
        contents[k] = boxes.stub(k, plan.page_of[k])
        families.setdefault(k, FamilyPlan())
        markers.append(Marker("continued", k, plan.page_of[k], k))

    for root in roots:
        if MORE in root:  # a continuation page: its manager as a stub above the reports
            head, _, n = root.partition(MORE)
            chunk = plan.fit.overflow[head][int(n) - 1]
            families[head] = plan_family(ctx, head, plan.cut, True, chunk)
            for k in (head, *(k for k in chunk if k in plan.cut)):
                stub(k)
    page_of = plan.page_of if paged else {}
    for pid in members:
        shown = plan.shown(ctx, pid)
        families[pid] = plan_family(ctx, pid, plan.cut, pid in plan.fit.stacked, shown)
        lines = [*notes(ctx, pid, page_of, number, pid in roots), *_more(ctx, plan, pid)]
        contents[pid] = boxes.get(pid, lines)
        markers.extend(page_markers(ctx, pid, plan.page_of, number, pid in roots))
        for k in ctx.scope.children.get(pid, ()) if shown is None else shown:
            if k in plan.cut:
                stub(k)
    sizes = {pid: (c.w, c.h) for pid, c in contents.items()}
    names = [ctx.title(h) for h in heads if h]
    continued = any(MORE in r for r in roots)
    spec = Spec(tops, families, sizes, max_column, unit_starts(ctx, contents), plan.fit.columns)
    sheet = Sheet(
        number=number,
        total=len(plan.roots),
        top=heads[0] or None,
        title=_sheet_title(ctx, number, names, continued) if roots[0] else "1.",
        drawing=layout(spec),
        contents=contents,
        stubs=stubs,
        markers=(),
        header=("", "", ""),
        footer=("", ""),
        names=tuple(names),
        continued=continued,
    )
    return sheet, tuple(markers)


def _sheet_title(ctx: Ctx, number: int, names: list[str], continued: bool) -> str:
    """The sheet's own title, "3. A · B" (a continuation page says so): the deck's overview."""
    each = ctx.words["continued_title"] if continued else "{title}"
    return f"{number + ctx.options.page_offset}. {each.format(title=joined_titles(names))}"


def _more(ctx: Ctx, plan: _Plan, pid: str) -> list[str]:
    """The line of a manager's box naming the continuation pages of its reports."""
    chunks = plan.fit.overflow.get(pid, ()) if plan.page_of else ()
    if not chunks:
        return []
    first, last = (plan.number(continuation(pid, n)) for n in (1, len(chunks)))
    n, offset = sum(len(c) for c in chunks), ctx.options.page_offset
    if first == last:
        return [ctx.words["more_reports_page"].format(n=n, page=first + offset)]
    return [ctx.words["more_reports_pages"].format(n=n, first=first + offset, last=last + offset)]


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
    width, height, area = _page_area(c.bbox, paper, least)
    placed, scale = place(c, area, paper is not None, ctx.options.min_font / SMALL_SIZE)
    org = clean(ctx.org.organization.label(ctx.options.lang)) if ctx.org.organization else ""
    w = ctx.words
    meta = _meta(ctx)
    offset = ctx.options.page_offset
    page_text = w["page"].format(page=sheet.number + offset, pages=sheet.total + offset)
    edges = Edges(ctx.fonts, MARGIN, width, height, least)
    names = counted_titles(list(sheet.names))
    each = w["continued_title"] if sheet.continued else "{title}"
    title = subtitle(edges, w["chart"], names, w["more_subtrees"], each)
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
            continued=any(b.stub for b in placed.boxes),
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


def _page_area(
    bbox: tuple[float, float, float, float], paper: tuple[float, float] | None, least: float
) -> tuple[float, float, tuple[float, float, float, float]]:
    """The page's width and height (the paper's, or the drawing's own plus its furniture) and
    the area the drawing is placed in, between the header and the legend and footer."""
    legend_h = legend_row(least) * LEGEND_ROWS
    foot_h = footer_height(least)
    top = MARGIN + HEADER_H
    if paper is None:
        width = max(bbox[2] - bbox[0] + 2 * MARGIN, 420.0)
        height = top + (bbox[3] - bbox[1]) + legend_h + foot_h + MARGIN + 8
    else:
        width, height = paper
    return width, height, (MARGIN, top, width - MARGIN, height - MARGIN - foot_h - legend_h - 6)


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
