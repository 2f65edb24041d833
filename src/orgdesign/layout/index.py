"""A grid index of rectangles, to ask quickly whether a segment or a label hits a box.

This module owns the spatial queries of the layout (dotted-line routing,
label placement, unit frames): rectangles are put in square cells; a query
looks only at the cells it covers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

Rect = tuple[float, float, float, float]
"""(x0, y0, x1, y1) with x0 <= x1 and y0 <= y1."""

CELL = 240.0


def overlaps(a: Rect, b: Rect, eps: float = 0.01) -> bool:
    """The interiors of two rectangles meet (touching edges do not count)."""
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


@dataclass
class Grid:
    """Rectangles with a key each, indexed by grid cell."""

    cells: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    rects: list[Rect] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def add(self, rect: Rect, key: str = "") -> None:
        index = len(self.rects)
        self.rects.append(rect)
        self.keys.append(key)
        for cell in _cells(rect):
            self.cells.setdefault(cell, []).append(index)

    def hits(self, rect: Rect, ignore: Iterable[str] = ()) -> list[str]:
        """Keys of the rectangles whose interior meets `rect`'s."""
        skip = set(ignore)
        seen: set[int] = set()
        out: list[str] = []
        for cell in _cells(rect):
            for index in self.cells.get(cell, ()):
                if index in seen:
                    continue
                seen.add(index)
                if self.keys[index] not in skip and overlaps(rect, self.rects[index]):
                    out.append(self.keys[index])
        return out

    def free(self, rect: Rect, ignore: Iterable[str] = ()) -> bool:
        return not self.hits(rect, ignore)


def _cells(rect: Rect) -> Iterable[tuple[int, int]]:
    x0, y0, x1, y1 = (int(v // CELL) for v in rect)
    for cx in range(x0, x1 + 1):
        for cy in range(y0, y1 + 1):
            yield cx, cy


def segment_rect(a: tuple[float, float], b: tuple[float, float]) -> Rect:
    """The (zero-width) rectangle of an orthogonal segment."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))


def crosses(r: Rect, a: tuple[float, float], b: tuple[float, float], eps: float = 0.01) -> bool:
    """An orthogonal segment passes through the interior of `r` (running along an edge or
    ending on it does not count)."""
    x0, y0, x1, y1 = segment_rect(a, b)
    if x1 - x0 < eps:
        return r[0] + eps < x0 < r[2] - eps and y0 < r[3] - eps and r[1] + eps < y1
    return r[1] + eps < y0 < r[3] - eps and x0 < r[2] - eps and r[0] + eps < x1


def segment_hits(grid: Grid, a: tuple[float, float], b: tuple[float, float]) -> list[str]:
    """Keys of the rectangles an orthogonal segment passes through."""
    out: list[str] = []
    seen: set[int] = set()
    for cell in _cells(segment_rect(a, b)):
        for index in grid.cells.get(cell, ()):
            if index not in seen:
                seen.add(index)
                if crosses(grid.rects[index], a, b):
                    out.append(grid.keys[index])
    return out
