"""Unit frames: rounded regions behind exactly the boxes of a unit (and its sub-units).

This module owns where unit frames go on a drawing. A unit's boxes are
framed by one rectangle when that rectangle holds no box of another unit;
otherwise they are split along the reporting tree (connected groups, then a
group's head apart from each report's group) until every rectangle holds
only the unit's own boxes. Empty wrapper units (no box of their own, one
framed child unit) get no frame. Frames nest: a parent unit's frame has a
wider margin than its children's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from orgdesign.assemble.graph import OrgGraph
from orgdesign.layout.index import Grid, Rect

PAD = 4.0
"""Margin of an innermost frame around its boxes, points."""
NEST = 3.0
"""Extra margin per level of frames nested inside."""
MAX_PAD = 5.5
"""Largest margin: less than half the gap between sibling subtrees, so that frames of
neighbouring units never reach into each other's boxes."""
TITLE_ROOM = 10.0
"""Extra room above the top boxes for the unit's name."""


@dataclass(frozen=True)
class Region:
    """One frame rectangle of a unit (layout coordinates)."""

    unit: str
    """Unit id."""
    rect: Rect
    """(x0, y0, x1, y1), layout coordinates."""
    depth: int
    """Nesting depth from the outermost frame (0)."""
    top: float = 0.0
    """y of the highest box inside."""
    drops: tuple[float, ...] = ()
    """x of the lines entering the highest boxes from above (the name must end before)."""


def unit_chain(graph: OrgGraph, unit: str | None) -> list[str]:
    """The unit and its ancestors, innermost first (stops at a unit cycle)."""
    chain: list[str] = []
    while unit is not None and unit in graph.units and unit not in chain:
        chain.append(unit)
        parent = graph.units[unit].parent
        unit = parent if parent in graph.units else None
    return chain


def regions(
    graph: OrgGraph,
    boxes: Mapping[str, Rect],
    manager: Mapping[str, str | None],
) -> list[Region]:
    """Frame rectangles of every unit with boxes on the drawing, outermost first."""
    members: dict[str, list[str]] = {}
    own: set[str] = set()
    for pid in boxes:
        chain = unit_chain(graph, graph.unit_of(pid))
        if chain:
            own.add(chain[0])
        for uid in chain:
            members.setdefault(uid, []).append(pid)
    kept = [u for u in members if u in own or not _wrapper(graph, u, members)]
    height = _heights(graph, kept)
    depth = {u: sum(1 for a in unit_chain(graph, u)[1:] if a in height) for u in kept}
    size, bbox = _subtrees(boxes, manager)
    grid: Grid | None = None
    out: list[Region] = []
    for uid in sorted(kept, key=lambda u: (depth[u], u)):
        pad = min(PAD + NEST * height[uid], MAX_PAD)
        group = members[uid]
        inside = set(group)
        heads = [p for p in group if manager.get(p) not in inside]
        if grid is None:
            grid = _grid(boxes)
        if sum(size[h] for h in heads) == len(group):  # whole subtrees: rectangles (tree.boxed)
            fast = [_subtree_region(uid, depth[uid], h, boxes, bbox, pad, grid) for h in heads]
            if all(r is not None for r in fast):
                out.extend(r for r in fast if r is not None)
                continue
        for part, rect in _split(group, inside, boxes, manager, grid, pad):
            top = min(boxes[p][1] for p in part)
            drops = tuple((boxes[p][0] + boxes[p][2]) / 2 for p in part if boxes[p][1] - top < 1)
            out.append(Region(uid, rect, depth[uid], top, drops))
    return out


def _subtree_region(
    uid: str,
    depth: int,
    head: str,
    boxes: Mapping[str, Rect],
    bbox: Mapping[str, Rect],
    pad: float,
    grid: Grid,
) -> Region | None:
    """The frame of a whole subtree: its boxes' rectangle, which only the margin above the
    head (the title's room, in the gap to the row above) could share with another box."""
    x0, y0, x1, y1 = bbox[head]
    drop = (boxes[head][0] + boxes[head][2]) / 2
    for room in (TITLE_ROOM, 0.0):
        rect = (x0 - pad, y0 - pad - room, x1 + pad, y1 + pad)
        if grid.free((rect[0], rect[1], rect[2], y0 + 0.5), (head,)):
            return Region(uid, rect, depth, y0, (drop,))
    return None


def _grid(boxes: Mapping[str, Rect]) -> Grid:
    grid = Grid()
    for pid, rect in boxes.items():
        grid.add(rect, pid)
    return grid


def _subtrees(
    boxes: Mapping[str, Rect], manager: Mapping[str, str | None]
) -> tuple[dict[str, int], dict[str, Rect]]:
    """Boxes in each position's subtree on the drawing, and their bounding rectangle."""
    size = dict.fromkeys(boxes, 1)
    bbox = dict(boxes)
    depth: dict[str, int] = {}
    for pid in boxes:
        chain = [pid]
        while chain[-1] not in depth:
            up = manager.get(chain[-1])
            if up is None or up not in boxes or up in chain:
                depth[chain.pop()] = 0
                break
            chain.append(up)
        for p in reversed(chain):
            if p not in depth:
                depth[p] = depth[manager[p] or p] + 1
    for pid in sorted(boxes, key=lambda p: -depth[p]):
        up = manager.get(pid)
        if up is not None and up in boxes and depth[up] < depth[pid]:
            size[up] += size[pid]
            a, b = bbox[up], bbox[pid]
            bbox[up] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
    return size, bbox


def _wrapper(graph: OrgGraph, uid: str, members: Mapping[str, list[str]]) -> bool:
    """A unit without boxes of its own whose boxes all sit in one child unit."""
    kids = [k for k in graph.unit_tree.successors(uid) if k in members]
    return len(kids) == 1 and len(members[kids[0]]) == len(members[uid])


def _heights(graph: OrgGraph, kept: Sequence[str]) -> dict[str, int]:
    """Levels of kept frames nested inside each kept unit (0 for the innermost)."""
    height = dict.fromkeys(kept, 0)
    for uid in kept:
        for level, anc in enumerate(unit_chain(graph, uid)[1:], start=1):
            if anc in height:
                height[anc] = max(height[anc], level)
    return height


def _frame_rect(
    part: Sequence[str], boxes: Mapping[str, Rect], pad: float, title: float = TITLE_ROOM
) -> Rect:
    return (
        min(boxes[p][0] for p in part) - pad,
        min(boxes[p][1] for p in part) - pad - title,
        max(boxes[p][2] for p in part) + pad,
        max(boxes[p][3] for p in part) + pad,
    )


def _split(
    group: Sequence[str],
    inside: set[str],
    boxes: Mapping[str, Rect],
    manager: Mapping[str, str | None],
    grid: Grid,
    pad: float,
) -> list[tuple[list[str], Rect]]:
    """Parts of `group` with frame rectangles that hold no box outside `inside` (a single
    box too close to another unit's gets a narrow margin and no room for a title)."""
    out: list[tuple[list[str], Rect]] = []
    todo = [list(group)]
    while todo:
        part = todo.pop()
        rect = _frame_rect(part, boxes, pad)
        if not grid.hits(rect, inside):
            out.append((part, rect))
        elif len(part) == 1:
            out.append((part, _frame_rect(part, boxes, 2.0, 0.0)))
        else:
            todo.extend(_pieces(part, manager))
    out.sort(key=lambda item: (item[1][1], item[1][0]))
    return out


def _pieces(part: Sequence[str], manager: Mapping[str, str | None]) -> list[list[str]]:
    """Connected groups of `part` along reporting lines; a connected group becomes its head
    alone plus one group per report."""
    members = set(part)
    head_of: dict[str, str] = {}
    for pid in part:
        head_of[pid] = _walk_up(pid, manager, lambda up: up in members)
    heads = list(dict.fromkeys(head_of.values()))
    if len(heads) > 1:
        return [[p for p in part if head_of[p] == h] for h in heads]
    head = heads[0]
    under: dict[str, list[str]] = {}
    for pid in part:
        if pid == head:
            continue
        top = _walk_up(pid, manager, lambda up: up in members and up != head)
        under.setdefault(top, []).append(pid)
    return [[head], *under.values()]


def _walk_up(pid: str, manager: Mapping[str, str | None], go_on: Callable[[str], bool]) -> str:
    """The highest manager of `pid` reached while `go_on` holds; a reporting cycle (an
    organisation with errors can still be charted) ends the walk instead of looping."""
    top, seen = pid, {pid}
    while (up := manager.get(top)) is not None and go_on(up) and up not in seen:
        seen.add(up)
        top = up
    return top
