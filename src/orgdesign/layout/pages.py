"""Pages of whole subtrees that fit on paper at the minimum printed text size.

This module owns where a chart is cut into pages. Working up from the
bottom of each tree, the layout of a manager's family is measured with the
tidy-tree placement itself (`tree.place_family`); while it is wider or taller
than a page can hold at the smallest allowed scale, the report subtree that
is widest (or, for height, tallest) goes to a page of its own. A report cut
off this way stays on its manager's page as a small box ("continued on page
N"), where it is stacked like a report who manages nobody. Pages are
numbered in tree order: the top of each tree first (the overview), then the
cut subtrees as a pre-order walk meets them.

A family that is still too wide once every report subtree is cut off (a row of
many reports who manage nobody) has its leaves stacked even with `--no-stack`
(`Fit.stacked`), and if its columns are then still too wide they may grow to the
page's height (`Fit.columns`): the text is never printed below the minimum size
to keep a row the paper cannot hold.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from orgdesign.layout.tree import VGAP, FamilyPlan, Seg, Spec, place_family

MIN_BOXES = 4
"""Subtrees smaller than this go to a page of their own only when nothing larger can."""
COLUMN_SHARE = 0.35
"""A column of stacked leaves is at most this share of the page's height (more columns
side by side beyond), so that a long team does not push its manager off the page."""

TALL_SHARE = 0.9
"""Columns of a family too wide for the page take at most this share of the height below
its manager (stacked boxes differ in height, so columns are not all equally tall)."""

PlanFn = Callable[[str, set[str], bool], FamilyPlan]
"""A manager's family given the set of cut positions (which count as leaves) and whether
its leaves must be stacked whatever the options say."""


@dataclass(frozen=True)
class Fit:
    """How every page's drawing fits the paper at the minimum text size."""

    cut: frozenset[str]
    """Positions that head a page of their own (besides the tops)."""
    stacked: frozenset[str] = frozenset()
    """Managers whose reports who manage nobody are stacked although stacking is off (their
    row would not fit the paper)."""
    columns: Mapping[str, float] = field(default_factory=dict)
    """Managers whose stacked columns may be taller than `COLUMN_SHARE` of the page: the
    greatest column height of each."""


@dataclass(frozen=True)
class Cuts:
    cut: frozenset[str]
    """Positions that head a page of their own (besides the tops)."""
    roots: tuple[str, ...]
    """Page roots in page order."""
    members: Mapping[str, tuple[str, ...]]
    """Positions drawn in full on each root's page (pre-order)."""


def _extent(profile: Sequence[Seg]) -> tuple[float, float]:
    return (
        max(s[3] for s in profile) - min(s[2] for s in profile),
        max(s[1] for s in profile),
    )


def find_cuts(
    tops: Sequence[str],
    kids: Mapping[str, tuple[str, ...]],
    plan_of: PlanFn,
    sizes: dict[str, tuple[float, float]],
    stub_sizes: Mapping[str, tuple[float, float]],
    limit: tuple[float, float],
    boxed: frozenset[str] = frozenset(),
) -> Fit:
    """Positions to cut (and families to stack) so that every page's drawing is at most
    `limit` (w, h)."""
    cut: set[str] = set()
    stacked: set[str] = set()
    tall: dict[str, float] = {}
    profiles: dict[str, Sequence[Seg]] = {}
    extents: dict[str, tuple[float, float]] = {}
    boxes: dict[str, int] = {}
    rows = _row_heights(tops, kids, sizes)
    for pid, depth in _postorder(tops, kids):
        boxes[pid] = 1 + sum(boxes[k] for k in kids.get(pid, ()))
        while True:
            plan = plan_of(pid, cut, pid in stacked)
            stubs = {k: stub_sizes[k] for k in kids.get(pid, ()) if k in cut}
            mixed: Mapping[str, tuple[float, float]] = ChainMap(stubs, sizes)
            column = tall.get(pid, limit[1] * COLUMN_SHARE)
            spec = Spec((pid,), {pid: plan}, mixed, limit[1] * COLUMN_SHARE, boxed, {pid: column})
            kid_profiles = [_stub(stub_sizes[k]) if k in cut else profiles[k] for k in plan.row]
            placed = place_family(pid, spec, rows.get(depth, 0.0), kid_profiles)
            w, h = _extent(placed.profile)
            if w <= limit[0] and h <= limit[1]:
                break
            row = [k for k in plan.row if k not in cut]
            choice = _choose(row, boxes, extents, tall=h > limit[1])
            if choice is not None:
                cut.add(choice)
            elif pid not in stacked:
                stacked.add(pid)
            elif pid not in tall and w > limit[0]:
                tall[pid] = (limit[1] - placed.top_h - VGAP) * TALL_SHARE
            else:
                break
        profiles[pid] = placed.profile
        extents[pid] = (w, h)
    return Fit(frozenset(cut), frozenset(stacked), tall)


def _stub(size: tuple[float, float]) -> list[Seg]:
    return [(0.0, size[1], -size[0] / 2, size[0] / 2)]


def _choose(
    row: Sequence[str],
    boxes: Mapping[str, int],
    extents: Mapping[str, tuple[float, float]],
    tall: bool,
) -> str | None:
    """The report subtree to send to a page of its own: the tallest or the widest."""
    candidates = [k for k in row if boxes[k] >= MIN_BOXES] or [k for k in row if boxes[k] > 1]
    if not candidates:
        return None
    axis = 1 if tall else 0
    return max(candidates, key=lambda k: (extents[k][axis], boxes[k]))


def _postorder(tops: Sequence[str], kids: Mapping[str, tuple[str, ...]]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for top in tops:
        todo = [(top, 0)]
        part: list[tuple[str, int]] = []
        while todo:
            pid, d = todo.pop()
            part.append((pid, d))
            todo.extend((k, d + 1) for k in kids.get(pid, ()))
        out.extend(reversed(part))
    return out


def _row_heights(
    tops: Sequence[str],
    kids: Mapping[str, tuple[str, ...]],
    sizes: Mapping[str, tuple[float, float]],
) -> dict[int, float]:
    rows: dict[int, float] = {}
    for pid, d in _postorder(tops, kids):
        if kids.get(pid):
            rows[d] = max(rows.get(d, 0.0), sizes[pid][1])
    return rows


def pages(tops: Sequence[str], kids: Mapping[str, tuple[str, ...]], cut: frozenset[str]) -> Cuts:
    """Page roots in order and the positions drawn in full on each page."""
    roots: list[str] = []
    members: dict[str, tuple[str, ...]] = {}
    for top in tops:
        todo = [top]
        while todo:
            root = todo.pop(0)
            roots.append(root)
            page: list[str] = []
            below: list[str] = []
            stack = [root]
            while stack:
                pid = stack.pop()
                page.append(pid)
                for k in reversed(kids.get(pid, ())):
                    (below if k in cut else stack).append(k)
            members[root] = tuple(page)
            todo[:0] = _in_page_order(below, page, kids)
    return Cuts(cut=cut, roots=tuple(roots), members=members)


def _in_page_order(
    below: Sequence[str], page: Sequence[str], kids: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """Cut positions of a page in the order the page's pre-order walk meets them."""
    wanted = set(below)
    order: list[str] = []
    for pid in page:
        order.extend(k for k in kids.get(pid, ()) if k in wanted)
    return order
