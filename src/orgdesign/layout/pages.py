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

from orgdesign.layout.tree import VGAP, FamilyPlan, Placement, Seg, Spec, place_family

MIN_BOXES = 4
"""Subtrees smaller than this go to a page of their own only when nothing larger can."""
COLUMN_SHARE = 0.35
"""A column of stacked leaves is at most this share of the page's height (more columns
side by side beyond), so that a long team does not push its manager off the page."""

TALL_SHARE = 0.9
"""Columns of a family too wide for the page take at most this share of the height below
its manager (stacked boxes differ in height, so columns are not all equally tall)."""

PlanFn = Callable[[str, set[str], bool, Sequence[str] | None], FamilyPlan]
"""A manager's family given the set of cut positions (which count as leaves), whether its
leaves must be stacked whatever the options say, and which reports it shows (None: all)."""
NotedFn = Callable[[str], tuple[float, float]]
"""The size of a manager's box with the line naming the continuation pages of its reports."""


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
    overflow: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """Managers with more reports than one page holds even so: the reports (who manage
    nobody, or stand for another page) moved to each of the continuation pages that follow
    the manager's page, where the manager is a box "continued on page N"."""


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
    noted: NotedFn | None = None,
) -> Fit:
    """Positions to cut (and families to stack or split) so that every page's drawing is at
    most `limit` (w, h). `noted(pid)`: the size of a manager's box with the line naming
    its continuation pages (without it, the box keeps its size)."""
    rows = _row_heights(tops, kids, sizes)
    fitter = _Fitter(kids, plan_of, sizes, stub_sizes, limit, boxed, rows, noted)
    for pid, depth in _postorder(tops, kids):
        fitter.family(pid, depth)
    return Fit(frozenset(fitter.cut), frozenset(fitter.stacked), fitter.tall, fitter.overflow)


@dataclass
class _Fitter:
    """The state of `find_cuts`: what is cut, stacked, given tall columns or split so far."""

    kids: Mapping[str, tuple[str, ...]]
    plan_of: PlanFn
    sizes: dict[str, tuple[float, float]]
    stub_sizes: Mapping[str, tuple[float, float]]
    limit: tuple[float, float]
    boxed: frozenset[str]
    rows: Mapping[int, float]
    noted: NotedFn | None = None
    cut: set[str] = field(default_factory=set)
    stacked: set[str] = field(default_factory=set)
    tall: dict[str, float] = field(default_factory=dict)
    overflow: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    profiles: dict[str, Sequence[Seg]] = field(default_factory=dict)
    extents: dict[str, tuple[float, float]] = field(default_factory=dict)
    boxes: dict[str, int] = field(default_factory=dict)

    def measure(
        self, pid: str, depth: int, shown: Sequence[str] | None, stub: bool = False
    ) -> tuple[FamilyPlan, Placement, float, float]:
        """The family of `pid` with the reports `shown` (None: all but those moved to
        continuation pages), as a stub heading a continuation page when `stub`."""
        if shown is None and pid in self.overflow:
            moved = {k for chunk in self.overflow[pid] for k in chunk}
            shown = [k for k in self.kids.get(pid, ()) if k not in moved]
        plan = self.plan_of(pid, self.cut, pid in self.stacked, shown)
        stubs = {k: self.stub_sizes[k] for k in self.kids.get(pid, ()) if k in self.cut}
        if stub:
            stubs[pid] = self.stub_sizes[pid]
        mixed: Mapping[str, tuple[float, float]] = ChainMap(stubs, self.sizes)
        share = self.limit[1] * COLUMN_SHARE
        columns = {pid: self.tall.get(pid, share)}
        spec = Spec((pid,), {pid: plan}, mixed, share, self.boxed, columns)
        profiles = [
            _stub(self.stub_sizes[k]) if k in self.cut else self.profiles[k] for k in plan.row
        ]
        placed = place_family(pid, spec, 0.0 if stub else self.rows.get(depth, 0.0), profiles)
        w, h = _extent(placed.profile)
        return plan, placed, w, h

    def family(self, pid: str, depth: int) -> None:
        """Cut, stack, lengthen the columns of or split the family of `pid` until it fits."""
        kids = self.kids.get(pid, ())
        self.boxes[pid] = 1 + sum(self.boxes[k] for k in kids)
        while True:
            plan, placed, w, h = self.measure(pid, depth, None)
            if w <= self.limit[0] and h <= self.limit[1]:
                break
            row = [k for k in plan.row if k not in self.cut]
            choice = _choose(row, self.boxes, self.extents, tall=h > self.limit[1])
            if choice is not None:
                self.cut.add(choice)
            elif pid not in self.stacked:
                self.stacked.add(pid)
            elif pid not in self.tall and w > self.limit[0]:
                self.tall[pid] = (self.limit[1] - placed.top_h - VGAP) * TALL_SHARE
            elif pid not in self.overflow and (chunks := self.split(pid, depth)):
                self.overflow[pid] = chunks
            else:  # nothing more to do: the page is scaled below the minimum
                break
        self.profiles[pid] = placed.profile
        self.extents[pid] = (w, h)

    def fits(self, pid: str, depth: int, shown: Sequence[str], stub: bool) -> bool:
        _, _, w, h = self.measure(pid, depth, shown, stub)
        return w <= self.limit[0] and h <= self.limit[1]

    def split(self, pid: str, depth: int) -> tuple[tuple[str, ...], ...]:
        """`chunks` with the manager's box as tall as the line naming them makes it."""
        plain = self.sizes[pid]
        if self.noted is not None:
            self.sizes[pid] = self.noted(pid)
        chunks = self.chunks(pid, depth)
        if not chunks:
            self.sizes[pid] = plain
        return chunks

    def chunks(self, pid: str, depth: int) -> tuple[tuple[str, ...], ...]:
        """Reports of `pid` who manage nobody (or stand for another page) beyond what its page
        holds, in chunks that each fit a continuation page below a stub of `pid`; () when
        not even one of them fits beside the rest of the family."""
        kids = self.kids.get(pid, ())
        movable = [k for k in kids if k in self.cut or not self.kids.get(k)]
        fixed = [k for k in kids if k not in movable]

        def most(start: int, stub: bool) -> int:
            lo, hi = 0, len(movable) - start
            while lo < hi:
                mid = (lo + hi + 1) // 2
                shown = [*([] if stub else fixed), *movable[start : start + mid]]
                if self.fits(pid, depth, shown, stub):
                    lo = mid
                else:
                    hi = mid - 1
            return lo

        first = most(0, False)
        if first == 0 or first == len(movable):
            return ()
        chunks: list[tuple[str, ...]] = []
        at = first
        while at < len(movable):
            size = max(1, most(at, True))
            chunks.append(tuple(movable[at : at + size]))
            at += size
        return tuple(chunks)


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


MORE = "\0"
"""Joins a manager's id and a number into the root of one of its continuation pages."""


def continuation(pid: str, n: int) -> str:
    """The page root of the `n`-th continuation page of `pid`'s family (from 1)."""
    return f"{pid}{MORE}{n}"


def page_head(root: str) -> str:
    """The position heading a page: the root itself, or the manager of a continuation page."""
    return root.partition(MORE)[0]


def pages(tops: Sequence[str], kids: Mapping[str, tuple[str, ...]], fit: Fit) -> Cuts:
    """Page roots in order and the positions drawn in full on each page; a family split over
    continuation pages has them right after the page showing its manager."""
    cut = fit.cut
    moved = {k for chunks in fit.overflow.values() for chunk in chunks for k in chunk}
    roots: list[str] = []
    members: dict[str, tuple[str, ...]] = {}
    for top in tops:
        todo = [top]
        while todo:
            root = todo.pop(0)
            roots.append(root)
            if MORE in root:
                head, _, n = root.partition(MORE)
                chunk = fit.overflow[head][int(n) - 1]
                members[root] = tuple(k for k in chunk if k not in cut)
                todo[:0] = [k for k in chunk if k in cut]
                continue
            page: list[str] = []
            below: list[str] = []
            stack = [root]
            while stack:
                pid = stack.pop()
                page.append(pid)
                for k in reversed(kids.get(pid, ())):
                    if k not in moved:
                        (below if k in cut else stack).append(k)
            members[root] = tuple(page)
            more = [
                continuation(pid, n)
                for pid in page
                for n in range(1, len(fit.overflow.get(pid, ())) + 1)
            ]
            todo[:0] = more + _in_page_order(below, page, kids)
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
