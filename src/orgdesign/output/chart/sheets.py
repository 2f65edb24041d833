"""Which positions each page of a Graphviz or Mermaid chart holds, and how they are placed.

This module owns the pages of a chart (`whole_sheet`, `paginate`: subtrees that
fit on paper, with "continued on page N" and "reports to ..., page M" notes where
a page is cut) and the plan of one page (`plan_sheet`: each manager's reports
arranged, stacks of reports, the unit frame of every box).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.layout.scope import Family, Scope, arrange, select
from orgdesign.layout.style import words
from orgdesign.model import SLUG_PATTERN, Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart.boxtext import clean

PAGE_MAX_COLUMNS = 6.0
"""At most this many columns (boxes or stacks side by side) on a page, if the tree can be cut."""

PAGE_MAX_ROWS = 8.0
"""At most this many rows (levels of boxes) on one page, when the tree can be cut."""

PAGE_MIN_BOXES = 5
"""Subtrees smaller than this are not sent to a page of their own to save width."""

COLUMN_POINTS = 190.0
ROW_POINTS = 85.0
"""Rough size of a column and a row of the drawing, in points, to choose a page's orientation."""

PAPER_LANDSCAPE = "11.0,7.6"
PAPER_PORTRAIT = "7.6,11.0"
"""Graphviz `size` of paginated pages: A4 (and US Letter) less margins, in inches."""

STACK_ROW = 0.6
"""Height of a stacked box, in rows (a stack has no gap between levels)."""


@dataclass(frozen=True)
class Sheet:
    """One drawing: a whole chart, or one page of a paginated chart."""

    positions: tuple[str, ...]
    """Positions drawn, in pre-order."""
    children: Mapping[str, tuple[str, ...]]
    """Reports drawn under each position on this sheet."""
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Extra lines written in a box (page references, positions left out below)."""
    number: int = 1
    pages: int = 1
    top: str | None = None
    """The position the sheet starts from (None when several trees are drawn)."""
    unreachable: bool = False
    """The sheet holds positions that are under no top position."""
    paper: str | None = None
    """Graphviz `size` (inches) the drawing is scaled down to fit, for pages meant for paper."""

    def stem(self) -> str:
        """File name of the page without its suffix: `001-ceo`."""
        name = self.top if self.top and re.fullmatch(SLUG_PATTERN, self.top) else "positions"
        return f"{self.number:03d}-{'unreachable' if self.unreachable else name}"


def whole_sheet(org: Org, graph: OrgGraph, options: ChartOptions) -> Sheet:
    """The chart on one sheet."""
    scope = select(org, graph, options)
    drawn = set(scope.order)
    w = words(options.lang)
    notes: dict[str, list[str]] = {}
    for pid, n in scope.hidden.items():
        notes.setdefault(pid, []).append(w["below"].format(n=n))
    for pid in scope.order:
        for manager in graph.dotted_managers(pid):
            if manager not in drawn:
                title = graph.positions[manager].label(options.lang)
                notes.setdefault(pid, []).append(w["dotted_to"].format(title=title))
    return Sheet(
        positions=scope.order,
        children=scope.children,
        notes=MappingProxyType({k: tuple(v) for k, v in notes.items()}),
        top=scope.tops[0] if len(scope.tops) == 1 else None,
    )


def paginate(org: Org, graph: OrgGraph, options: ChartOptions) -> list[Sheet]:
    """The chart cut into pages of whole subtrees.

    Working up from the bottom of each tree, a manager whose page part would be
    wider than `PAGE_MAX_COLUMNS` or taller than `PAGE_MAX_ROWS` sends report
    subtrees to pages of their own until it fits (see `_cuts`); the cut
    report stays on the manager's page as a box saying "continued on page N",
    and heads its own page saying whom it reports to and on which page. Pages
    are numbered in tree order, top page first; positions under no top
    position get one last page."""
    scope = select(org, graph, options)
    cut, fits = _cuts(graph, scope, options)
    pages = _number_pages(scope, cut)
    sheets: list[Sheet] = []
    for number in range(1, pages.total + 1):
        pids = pages.members[number]
        on_page = set(pids)
        root = pids[0]
        own_page = number <= len(pages.roots)
        children = {
            pid: tuple(k for k in scope.children.get(pid, ()) if k in on_page)
            if not (pid in cut and pages.of_root.get(pid) != number)
            else ()
            for pid in pids
        }
        notes = _page_notes(graph, scope, options, pages, cut, number)
        sheets.append(
            Sheet(
                positions=tuple(pids),
                children=MappingProxyType(children),
                notes=MappingProxyType({k: tuple(v) for k, v in notes.items()}),
                number=number,
                pages=pages.total,
                top=root,
                unreachable=not own_page,
                paper=_paper(fits.get(root, _STUB) if own_page else _STUB),
            )
        )
    return sheets


@dataclass(frozen=True)
class _Pages:
    """The pages of a cut chart: their roots in order and who is on which page."""

    roots: list[str]
    of_root: dict[str, int]
    """Page number of each page root (a cut position is shown whole on its own page)."""
    members: dict[int, list[str]]
    of: dict[str, int]
    """Page each drawn position is on (its own page for a cut position)."""
    total: int


def _number_pages(scope: Scope, cut: set[str]) -> _Pages:
    """Number the pages in tree order, top page first; the unreachable last."""
    roots: list[str] = []
    for top in scope.tops:
        roots.extend(_page_roots_in_order(scope, top, cut))
    of_root = {root: i + 1 for i, root in enumerate(roots)}
    members: dict[int, list[str]] = {}
    of: dict[str, int] = {}
    for root in roots:
        number = of_root[root]
        members[number] = _page_members(scope, root, cut)
        for pid in members[number]:
            of.setdefault(pid, number)
    of.update(of_root)
    total = len(roots) + (1 if scope.unreachable else 0)
    if scope.unreachable:
        members[total] = list(scope.unreachable)
        for pid in scope.unreachable:
            of[pid] = total
    return _Pages(roots, of_root, members, of, total)


def _page_notes(
    graph: OrgGraph, scope: Scope, options: ChartOptions, pages: _Pages, cut: set[str], number: int
) -> dict[str, list[str]]:
    """The lines a page adds to its boxes: continued, hidden reports, off-page managers."""
    w = words(options.lang)
    pids = pages.members[number]
    on_page = set(pids)
    notes: dict[str, list[str]] = {}
    for pid in pids:
        if pid in cut and pages.of_root.get(pid) != number:
            notes.setdefault(pid, []).append(w["continued"].format(page=pages.of_root[pid]))
        elif pid in scope.hidden:
            notes.setdefault(pid, []).append(w["below"].format(n=scope.hidden[pid]))
        for manager in graph.dotted_managers(pid):
            if manager in on_page:
                continue
            title = graph.positions[manager].label(options.lang)
            if manager in pages.of:
                text = w["dotted_to_page"].format(title=title, page=pages.of[manager])
            else:
                text = w["dotted_to"].format(title=title)
            notes.setdefault(pid, []).append(text)
    root = pids[0]
    boss = graph.manager(root)
    if number <= len(pages.roots) and boss is not None and boss in pages.of:
        title = graph.positions[boss].label(options.lang)
        line = w["reports_to_page"].format(title=title, page=pages.of[boss])
        notes.setdefault(root, []).insert(0, line)
    return notes


@dataclass(frozen=True)
class _Fit:
    """Footprint of a subtree on a page: columns, rows and boxes."""

    width: float = 1.0
    height: float = 1.0
    boxes: int = 1


_STUB = _Fit()


def _cuts(graph: OrgGraph, scope: Scope, options: ChartOptions) -> tuple[set[str], dict[str, _Fit]]:
    """Positions whose subtree goes to a page of its own (bottom-up greedy packing).

    Each subtree's footprint on a page is estimated in columns (a box, or a
    stack, side by side) and rows (a level of boxes; a stacked box is
    `STACK_ROW` of a row). Under each manager, report subtrees too deep to fit
    below it go to pages of their own; then, while the manager's footprint is
    too wide, so does the widest remaining one. Subtrees of fewer than
    `PAGE_MIN_BOXES` boxes or one column wide are never cut for width: a page
    of their own would cost more than the width they take."""
    cut: set[str] = set()
    fits: dict[str, _Fit] = {}
    outside = set(scope.unreachable)
    unit_key = {pid: unit_of(graph, pid) for pid in scope.order}
    for pid in reversed([p for p in scope.order if p not in outside]):  # reports first
        family = arrange(graph, scope.children.get(pid, ()), options, unit_key)
        for kid in family.row:  # a subtree too deep to fit under the manager
            if fits[kid].boxes > 1 and 1.0 + fits[kid].height > PAGE_MAX_ROWS:
                cut.add(kid)
        fit = _footprint(family, fits, cut)
        while fit.width > PAGE_MAX_COLUMNS:
            candidates = [
                k
                for k in family.row
                if k not in cut and fits[k].width > 1.0 and fits[k].boxes >= PAGE_MIN_BOXES
            ]
            if not candidates:
                break
            cut.add(max(candidates, key=lambda k: (fits[k].width, fits[k].boxes)))
            fit = _footprint(family, fits, cut)
        fits[pid] = fit
    return cut, fits


def _paper(fit: _Fit) -> str:
    """A4 with margins, landscape or portrait after the page's estimated shape."""
    wide = fit.width * COLUMN_POINTS >= fit.height * ROW_POINTS
    return PAPER_LANDSCAPE if wide else PAPER_PORTRAIT


def _footprint(family: Family, fits: Mapping[str, _Fit], cut: set[str]) -> _Fit:
    """Footprint of a manager and what is drawn below it on its page."""
    below = [_STUB if k in cut else fits[k] for k in family.row]
    width = sum(f.width for f in below) + len(family.stacks)
    heights = [f.height for f in below] + [STACK_ROW * len(s) for s in family.stacks]
    boxes = 1 + len(family.assistants) + sum(f.boxes for f in below)
    return _Fit(
        width=max(width, 1.0 + len(family.assistants)),
        height=1.0 + max(heights, default=0.0),
        boxes=boxes + sum(len(s) for s in family.stacks),
    )


def _page_roots_in_order(scope: Scope, top: str, cut: set[str]) -> list[str]:
    """Page roots of one tree in pre-order: the top, then cut positions as the walk meets them."""
    roots = [top]
    stack = list(reversed(scope.children.get(top, ())))
    while stack:
        pid = stack.pop()
        if pid in cut:
            roots.append(pid)
        stack.extend(reversed(scope.children.get(pid, ())))
    return roots


def _page_members(scope: Scope, root: str, cut: set[str]) -> list[str]:
    """A page's positions in pre-order: its root and everything below down to cut positions."""
    members: list[str] = []
    stack = [root]
    while stack:
        pid = stack.pop()
        members.append(pid)
        if pid in cut and pid != root:
            continue
        stack.extend(reversed(scope.children.get(pid, ())))
    return members


# --- colours and units --------------------------------------------------------------------


def node_id(pid: str) -> str:
    return pid if re.fullmatch(SLUG_PATTERN, pid) else "x" + pid.encode("utf-8").hex()


@dataclass(frozen=True)
class Stack:
    """A column of stacked reports: drawn as one node, each report a part of it."""

    name: str
    manager: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Where everything on a sheet goes, for any chart format."""

    families: Mapping[str, Family]
    """How each position's drawn reports are placed."""
    stacks: Mapping[str, tuple[Stack, ...]]
    """Stacks under each manager."""
    stack_of: Mapping[str, tuple[Stack, int]]
    """The stack a stacked position is part of, and its place in it."""
    frame: Mapping[str, str]
    """Unit whose frame holds each position or stack ("" for none)."""


def plan_sheet(graph: OrgGraph, sheet: Sheet, options: ChartOptions) -> Plan:
    """Arrange every manager's reports and find each box's frame.

    With clusters on, a box sits in its unit's frame, a stack in its members'
    unit's frame, and an assistant in its manager's frame (beside the manager)."""
    unit_key = {pid: unit_of(graph, pid) for pid in sheet.positions}
    families: dict[str, Family] = {}
    stacks: dict[str, tuple[Stack, ...]] = {}
    stack_of: dict[str, tuple[Stack, int]] = {}
    frame: dict[str, str] = dict(unit_key) if options.clusters else {}
    for pid in sheet.positions:
        family = arrange(graph, sheet.children.get(pid, ()), options, unit_key)
        families[pid] = family
        made = tuple(
            Stack(f"stack.{node_id(pid)}.{i}", pid, members)
            for i, members in enumerate(family.stacks)
        )
        if made:
            stacks[pid] = made
        for stack in made:
            for j, member in enumerate(stack.members):
                stack_of[member] = (stack, j)
            if options.clusters:
                frame[stack.name] = unit_key.get(stack.members[0], "")
        if options.clusters:
            for assistant in family.assistants:
                frame[assistant] = unit_key.get(pid, "")
    return Plan(
        families=MappingProxyType(families),
        stacks=MappingProxyType(stacks),
        stack_of=MappingProxyType(stack_of),
        frame=MappingProxyType(frame),
    )


def unit_of(graph: OrgGraph, pid: str) -> str:
    return graph.unit_of(pid) or ""


def page_title(graph: OrgGraph, options: ChartOptions, sheet: Sheet) -> str:
    """Short title of a page (PDF bookmark): its number and top position."""
    if sheet.unreachable or sheet.top is None:
        return f"{sheet.number}. {words(options.lang)['unreachable']}"
    return f"{sheet.number}. {clean(graph.positions[sheet.top].label(options.lang))}"
