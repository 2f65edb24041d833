"""A tidy tree of variable-size boxes: x and y of every box and the solid connectors.

This module owns the geometry of one tree drawing. The algorithm is the
contour ("profile") method of tidy trees for boxes of different sizes
(van der Ploeg's non-layered tidy trees, as used by d3-flextree): each
subtree is summarised by its profile, a list of horizontal bands
`(y0, y1, left, right)` relative to the subtree root's centre and top;
siblings are pushed apart only as far as their profiles require, and a
manager is centred over its first and last report. A profile holds one band
per distinct row of its subtree, so the work is linear in the number of
positions for a bounded number of rows (organisations have 5-12 layers).

Org-chart conventions on top of the tidy tree:

* rows are aligned: every box of one depth starts at the same y;
* staff assistants sit beside their manager (a column to its right);
* reports who manage nobody are stacked compactly: one column hanging to the
  right of the manager's line, or two columns either side of it when a manager
  has only such reports; more columns when a column would be taller than
  `Spec.max_column` (the page height);
* solid lines are orthogonal bus connectors: a stem down from the manager, a
  horizontal bus, drops onto each report (a spine with stubs for stacks).

Everything here is in points; y grows downwards; the output is relative to
the drawing's top-left corner.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

HGAP = 12.0
"""Horizontal gap between sibling subtrees."""
VGAP = 32.0
"""Vertical gap between a manager's row and its reports' row (the bus runs in its middle)."""
STACK_GAP = 6.0
"""Vertical gap between stacked boxes."""
INDENT = 10.0
"""Horizontal distance from a stack's spine to its boxes."""
ASSIST_GAP = 20.0
"""Gap between a manager and its assistants' column."""
TWO_COLUMNS = 7
"""A manager with only leaf reports gets two columns from this many on."""

Seg = tuple[float, float, float, float]
"""A profile band: (y0, y1, left, right)."""
Point = tuple[float, float]


@dataclass(frozen=True)
class FamilyPlan:
    """A manager's reports as placed: assistants, subtree rows, groups of stacked leaves."""

    assistants: tuple[str, ...] = ()
    row: tuple[str, ...] = ()
    stacks: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Spec:
    """Input of the layout: the tree(s), box sizes, and how each family is placed."""

    tops: tuple[str, ...]
    families: Mapping[str, FamilyPlan]
    sizes: Mapping[str, tuple[float, float]]
    max_column: float = math.inf
    boxed: frozenset[str] = frozenset()
    """Positions whose subtree keeps a rectangular outline (where a unit starts, so that its
    frame holds no box of a neighbouring subtree)."""
    columns: Mapping[str, float] = field(default_factory=dict)
    """Managers whose stacked columns may be taller than `max_column`: their own limit."""


@dataclass(frozen=True)
class Wire:
    """A solid connector from a manager to one report (an orthogonal polyline)."""

    source: str
    target: str
    points: tuple[Point, ...]


@dataclass
class Drawing:
    """Output: top-left corner of every box, the connectors and the drawing's size."""

    pos: dict[str, Point] = field(default_factory=dict)
    wires: list[Wire] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


# --- profiles -------------------------------------------------------------------------


def _bands(a: Sequence[Seg], b: Sequence[Seg]) -> list[tuple[float, float, Seg | None, Seg | None]]:
    """Elementary y intervals of two profiles with the band of each covering it."""
    ys = sorted({y for s in a for y in s[:2]} | {y for s in b for y in s[:2]})
    out: list[tuple[float, float, Seg | None, Seg | None]] = []
    i = j = 0
    for y0, y1 in itertools.pairwise(ys):
        while i < len(a) and a[i][1] <= y0:
            i += 1
        while j < len(b) and b[j][1] <= y0:
            j += 1
        sa = a[i] if i < len(a) and a[i][0] <= y0 else None
        sb = b[j] if j < len(b) and b[j][0] <= y0 else None
        if sa or sb:
            out.append((y0, y1, sa, sb))
    return out


def shifted(p: Sequence[Seg], dx: float, dy: float) -> list[Seg]:
    return [(y0 + dy, y1 + dy, lo + dx, hi + dx) for y0, y1, lo, hi in p]


def union(a: Sequence[Seg], b: Sequence[Seg]) -> list[Seg]:
    """The profile covering both (leftmost left and rightmost right in every band)."""
    out: list[Seg] = []
    for y0, y1, sa, sb in _bands(a, b):
        lo = min(s[2] for s in (sa, sb) if s)
        hi = max(s[3] for s in (sa, sb) if s)
        if out and out[-1][1] == y0 and out[-1][2] == lo and out[-1][3] == hi:
            out[-1] = (out[-1][0], y1, lo, hi)
        else:
            out.append((y0, y1, lo, hi))
    return out


def separation(a: Sequence[Seg], b: Sequence[Seg], gap: float) -> float:
    """Smallest shift of `b` to the right that keeps it `gap` right of `a` in every band."""
    need = -math.inf
    for _, _, sa, sb in _bands(a, b):
        if sa and sb:
            need = max(need, sa[3] + gap - sb[2])
    return need if need > -math.inf else 0.0


# --- one family -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """Stacked leaves hanging from one spine: boxes left and right of it (top-left, relative)."""

    members: tuple[str, ...]
    offsets: tuple[Point, ...]
    """Top-left of each member relative to the column's anchor (its top centre)."""
    profile: tuple[Seg, ...]
    spine: float = 0.0
    """x of the spine relative to the anchor (a one-sided column is centred under its
    manager, its spine to the left of its boxes)."""


def columns(
    group: Sequence[str], sizes: Mapping[str, tuple[float, float]], two: bool, max_h: float
) -> list[Column]:
    """Columns for one group of stacked leaves: one- or two-sided, as many as `max_h` needs."""
    total = sum(sizes[m][1] for m in group) + STACK_GAP * (len(group) - 1)
    count = max(2 if two else 1, math.ceil(total / max_h) if max_h < math.inf else 1)
    count = min(count, len(group))
    per = math.ceil(len(group) / count)
    chunks = [tuple(group[i : i + per]) for i in range(0, len(group), per)]
    sided = two or len(chunks) > 1
    pairs: list[tuple[tuple[str, ...], tuple[str, ...]]] = [((), chunks[0])]
    if sided:
        pairs = [(chunks[i], (chunks[i + 1 : i + 2] or [()])[0]) for i in range(0, len(chunks), 2)]
    return [_column(left, right, sizes) for left, right in pairs]


def _column(
    left: Sequence[str], right: Sequence[str], sizes: Mapping[str, tuple[float, float]]
) -> Column:
    members: list[str] = []
    offsets: list[Point] = []
    lo, hi, bottom = 0.0, 0.0, 0.0
    for side, chunk in ((-1, left), (1, right)):
        y = 0.0
        for m in chunk:
            w, h = sizes[m]
            x = INDENT if side > 0 else -INDENT - w
            members.append(m)
            offsets.append((x, y))
            lo, hi = min(lo, x), max(hi, x + w)
            y += h + STACK_GAP
        bottom = max(bottom, y - STACK_GAP)
    shift = (lo + hi) / 2 if not left else 0.0
    moved = tuple((x - shift, y) for x, y in offsets)
    profile = ((0.0, bottom, lo - shift, hi - shift),)
    return Column(tuple(members), moved, profile, -shift)


def stub_y(h: float) -> float:
    """Where a line enters a box from the side: the middle of its top part."""
    return min(h / 2, 14.0)


@dataclass(frozen=True)
class Placement:
    """Relative placement of one manager's family, computed bottom-up."""

    top_h: float
    """Height of the manager's row (the tallest box of the row, or the assistants)."""
    assistants: tuple[Point, ...]
    """Top-left of each assistant relative to the manager's centre/top."""
    trees: tuple[float, ...]
    """x of each row report's centre relative to the manager's centre."""
    cols: tuple[tuple[float, Column], ...]
    """Spine x (relative) and column of each stack."""
    profile: tuple[Seg, ...]


def place_family(
    pid: str,
    spec: Spec,
    row_h: float,
    kid_profiles: Sequence[Sequence[Seg]],
) -> Placement:
    """Place a manager's assistants, row subtrees (profiles given) and stacked leaves."""
    w, h = spec.sizes[pid]
    plan = spec.families.get(pid, FamilyPlan())
    assistants: list[Point] = []
    ay, right = 0.0, w / 2
    for a in plan.assistants:
        aw, ah = spec.sizes[a]
        assistants.append((w / 2 + ASSIST_GAP, ay))
        right = max(right, w / 2 + ASSIST_GAP + aw)
        ay += ah + STACK_GAP
    top_h = max(row_h, h, ay - STACK_GAP)
    items: list[Sequence[Seg]] = list(kid_profiles)
    cols: list[Column] = []
    two = not plan.row and len(plan.stacks) == 1 and len(plan.stacks[0]) >= TWO_COLUMNS
    for group in plan.stacks:
        for col in columns(group, spec.sizes, two, spec.columns.get(pid, spec.max_column)):
            cols.append(col)
            items.append(col.profile)
    xs: list[float] = []
    acc: list[Seg] = []
    for prof in items:
        s = separation(acc, prof, HGAP) if acc else 0.0
        xs.append(s)
        acc = union(acc, shifted(prof, s, 0.0))
    mid = (xs[0] + xs[-1]) / 2 if xs else 0.0
    xs = [x - mid for x in xs]
    lo = min([-w / 2, *(xs[:1])])
    hi = max([right, *(xs[-1:])])
    profile = [(0.0, top_h + VGAP, lo, hi), *shifted(acc, -mid, top_h + VGAP)]
    n = len(kid_profiles)
    merged = union(profile[:1], profile[1:])
    if pid in spec.boxed:
        bottom = max(seg[1] for seg in merged)
        merged = [(0.0, bottom, min(seg[2] for seg in merged), max(seg[3] for seg in merged))]
    return Placement(
        top_h=top_h,
        assistants=tuple(assistants),
        trees=tuple(xs[:n]),
        cols=tuple(zip(xs[n:], cols, strict=True)),
        profile=tuple(merged),
    )


# --- the whole tree -------------------------------------------------------------------


def row_heights(spec: Spec) -> dict[int, float]:
    """Height of each row (depth): its tallest box that is not stacked."""
    heights: dict[int, float] = {}
    todo = [(t, 0) for t in spec.tops]
    while todo:
        pid, d = todo.pop()
        heights[d] = max(heights.get(d, 0.0), spec.sizes[pid][1])
        plan = spec.families.get(pid)
        if plan:
            todo.extend((k, d + 1) for k in plan.row)
    return heights


def postorder(spec: Spec, top: str) -> list[tuple[str, int]]:
    """Row positions below `top` (itself included) with depth, children before parents."""
    out: list[tuple[str, int]] = []
    todo = [(top, 0)]
    while todo:
        pid, d = todo.pop()
        out.append((pid, d))
        plan = spec.families.get(pid)
        if plan:
            todo.extend((k, d + 1) for k in plan.row)
    out.reverse()
    return out


def placements(spec: Spec, top: str, rows: Mapping[int, float]) -> dict[str, Placement]:
    """Bottom-up placement of every family of the tree under `top`."""
    done: dict[str, Placement] = {}
    for pid, d in postorder(spec, top):
        plan = spec.families.get(pid, FamilyPlan())
        kids = [done[k].profile for k in plan.row]
        done[pid] = place_family(pid, spec, rows.get(d, 0.0), kids)
    return done


def layout(spec: Spec) -> Drawing:
    """Lay out the forest of `spec.tops` side by side; coordinates start at (0, 0)."""
    rows = row_heights(spec)
    placed: dict[str, Placement] = {}
    xs: list[float] = []
    acc: list[Seg] = []
    for top in spec.tops:
        placed.update(placements(spec, top, rows))
        prof = placed[top].profile
        s = separation(acc, prof, HGAP * 3) if acc else 0.0
        xs.append(s)
        acc = union(acc, shifted(prof, s, 0.0))
    drawing = Drawing()
    for top, x in zip(spec.tops, xs, strict=True):
        _absolute(spec, placed, top, x, drawing)
    _normalise(spec, drawing)
    return drawing


def _absolute(
    spec: Spec, placed: Mapping[str, Placement], top: str, x0: float, out: Drawing
) -> None:
    """Top-down: absolute positions and connectors from the relative placements."""
    todo: list[tuple[str, float, float]] = [(top, x0, 0.0)]
    while todo:
        pid, cx, y = todo.pop()
        w, h = spec.sizes[pid]
        out.pos[pid] = (cx - w / 2, y)
        p = placed[pid]
        plan = spec.families.get(pid, FamilyPlan())
        for a, (ax, ay) in zip(plan.assistants, p.assistants, strict=True):
            out.pos[a] = (cx + ax, y + ay)
            mid = y + ay + stub_y(spec.sizes[a][1])
            exit_y = min(mid, y + stub_y(h))
            spine = cx + w / 2 + ASSIST_GAP / 2
            pts = ((cx + w / 2, exit_y), (spine, exit_y), (spine, mid), (cx + ax, mid))
            out.wires.append(Wire(pid, a, _clean(pts)))
        child_top = y + p.top_h + VGAP
        bus = y + p.top_h + VGAP / 2
        stem = ((cx, y + h), (cx, bus))
        for k, kx in zip(plan.row, p.trees, strict=True):
            todo.append((k, cx + kx, child_top))
            out.wires.append(Wire(pid, k, _clean((*stem, (cx + kx, bus), (cx + kx, child_top)))))
        for sx, col in p.cols:
            anchor = cx + sx
            spine = anchor + col.spine
            for m, (mx, my) in zip(col.members, col.offsets, strict=True):
                mw, mh = spec.sizes[m]
                out.pos[m] = (anchor + mx, child_top + my)
                sy = child_top + my + stub_y(mh)
                edge = anchor + mx if anchor + mx > spine else anchor + mx + mw
                route = (*stem, (spine, bus), (spine, sy), (edge, sy))
                out.wires.append(Wire(pid, m, _clean(route)))


def _clean(points: Sequence[Point]) -> tuple[Point, ...]:
    """Drop repeated points and middle points of straight runs."""
    out: list[Point] = []
    for pt in points:
        if out:  # a coordinate a rounding error away from the last point's is that one
            last = out[-1]
            pt = (
                last[0] if abs(last[0] - pt[0]) < 1e-6 else pt[0],
                last[1] if abs(last[1] - pt[1]) < 1e-6 else pt[1],
            )
        if out and out[-1] == pt:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 1e-6 and abs(b[0] - pt[0]) < 1e-6) or (
                abs(a[1] - b[1]) < 1e-6 and abs(b[1] - pt[1]) < 1e-6
            ):
                out[-1] = pt
                continue
        out.append(pt)
    return tuple(out)


def _normalise(spec: Spec, d: Drawing) -> None:
    """Move everything so that the drawing starts at (0, 0) and record its size."""
    if not d.pos:
        return
    min_x = min(x for x, _ in d.pos.values())
    max_x = max(x + spec.sizes[p][0] for p, (x, _) in d.pos.items())
    max_y = max(y + spec.sizes[p][1] for p, (_, y) in d.pos.items())
    d.pos = {p: (x - min_x, y) for p, (x, y) in d.pos.items()}
    d.wires = [
        Wire(w.source, w.target, tuple((x - min_x, y) for x, y in w.points)) for w in d.wires
    ]
    d.width, d.height = max_x - min_x, max_y
