"""Dotted lines routed orthogonally around boxes, and their labels placed in free space.

This module owns the path of every dotted line drawn on a page and where its
label goes. A dotted line leaves the report's box from its left or right side
into the gap beside it, runs vertically to a horizontal corridor (the free
band above or below a row of boxes), along the corridor and into the
manager's box from one of its sides. Candidates are tried shortest first; a
path that would pass through any box is never used (the two boxes then name
each other in their text, which they do anyway). A label sits on the
longest corridor segment where it meets no box, frame title or other label;
when there is no such place it is left out (the report's box still names the
dotted-line manager).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orgdesign.layout.index import Grid, Rect, segment_hits
from orgdesign.layout.tree import VGAP, Point

SIDE_GAP = 6.0
"""Distance of a dotted line's vertical run from the side of its box."""
LANE = 3.5
"""Distance between dotted lines that share a corridor."""
MAX_CORRIDORS = 16
"""Corridors tried per dotted line (nearest first)."""
MAX_SPAN = 4000.0
"""Dotted lines between boxes farther apart than this are not drawn (their boxes name
each other): a dashed line across metres of paper cannot be followed."""


@dataclass(frozen=True)
class Route:
    points: tuple[Point, ...]
    label: Rect | None


def corridors(rects: Sequence[Rect]) -> list[float]:
    """y of the free horizontal bands: above each row of boxes (above the bus) and just
    below each box bottom."""
    tops = {round(r[1], 1) for r in rects}
    bottoms = {round(r[3], 1) for r in rects}
    return sorted({t - VGAP * 0.75 for t in tops} | {b + 8.0 for b in bottoms})


def route(
    grid: Grid,
    ys: Sequence[float],
    report: Rect,
    manager: Rect,
    bounds: Rect,
    lanes: dict[float, int] | None = None,
) -> tuple[Point, ...] | None:
    """The shortest clean orthogonal path from the report's side to the manager's side."""
    if abs((report[0] + report[2]) - (manager[0] + manager[2])) / 2 > MAX_SPAN:
        return None
    yr = report[3] - min(8.0, (report[3] - report[1]) / 3)
    ym = manager[3] - min(8.0, (manager[3] - manager[1]) / 3)
    cr_mid = (report[0] + report[2]) / 2
    cm_mid = (manager[0] + manager[2]) / 2
    near = sorted(
        (y for y in ys if bounds[1] <= y <= bounds[3]), key=lambda y: abs(y - yr) + abs(y - ym)
    )
    sides_r = sorted((report[0], report[2]), key=lambda x: abs(x - cm_mid))
    sides_m = sorted((manager[0], manager[2]), key=lambda x: abs(x - cr_mid))
    lanes = {} if lanes is None else lanes
    for base in near[:MAX_CORRIDORS]:
        yc = base + LANE * (lanes.get(base, 0) % 3)  # lines sharing a corridor run side by side
        for sr in sides_r:
            for sm in sides_m:
                cr = sr - SIDE_GAP if sr == report[0] else sr + SIDE_GAP
                cm = sm - SIDE_GAP if sm == manager[0] else sm + SIDE_GAP
                pts = ((sr, yr), (cr, yr), (cr, yc), (cm, yc), (cm, ym), (sm, ym))
                if _clean(grid, pts):
                    lanes[base] = lanes.get(base, 0) + 1
                    return pts
    return None


def _clean(grid: Grid, pts: Sequence[Point]) -> bool:
    return all(not segment_hits(grid, a, b) for a, b in itertools.pairwise(pts))


def place_label(
    grid: Grid, labels: Grid, pts: Sequence[Point], size: tuple[float, float], bounds: Rect
) -> Rect | None:
    """A free rectangle of `size` on the longest horizontal segment of `pts`, or None."""
    w, h = size
    segments = sorted(
        (
            (a, b)
            for a, b in itertools.pairwise(pts)
            if abs(a[1] - b[1]) < 1e-6 and abs(a[0] - b[0]) > 1e-6
        ),
        key=lambda s: -abs(s[0][0] - s[1][0]),
    )
    for a, b in segments:
        lo, hi = sorted((a[0], b[0]))
        for t in (0.5, 0.3, 0.7, 0.15, 0.85):
            cx = lo + (hi - lo) * t
            for y0 in (a[1] - h - 1.5, a[1] + 1.5):
                rect = (cx - w / 2, y0, cx + w / 2, y0 + h)
                inside = (
                    rect[0] >= bounds[0]
                    and rect[2] <= bounds[2]
                    and rect[1] >= bounds[1]
                    and rect[3] <= bounds[3]
                )
                if inside and grid.free(rect) and labels.free(rect):
                    return rect
    return None


def dotted_routes(
    boxes: Mapping[str, Rect],
    pairs: Sequence[tuple[str, str]],
    label_sizes: Mapping[tuple[str, str], tuple[float, float]],
    obstacles: Grid,
    taken: Grid,
    bounds: Rect,
) -> dict[tuple[str, str], Route]:
    """Routes of the dotted lines (manager, report) whose two boxes are both drawn."""
    ys = corridors(list(boxes.values()))
    out: dict[tuple[str, str], Route] = {}
    lanes: dict[float, int] = {}
    for manager, report in pairs:
        pts = route(obstacles, ys, boxes[report], boxes[manager], bounds, lanes)
        if pts is None:
            continue
        size = label_sizes.get((manager, report))
        label = place_label(obstacles, taken, pts, size, bounds) if size else None
        if label:
            taken.add(label, "label")
        out[(manager, report)] = Route(pts, label)
    return out
