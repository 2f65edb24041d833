"""The unit frames a chart draws around its boxes, and lines that leave the tree.

This module owns which units get a frame on a page (`frame_tree`, walked by
`frame_walk` and `frame_blocks`) and the dotted and cross-page lines that are not
part of the drawn tree (`lines_off_tree`), shared by the Graphviz and Mermaid charts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org
from orgdesign.output.chart.sheets import Sheet


def _cluster_parents(org: Org, graph: OrgGraph) -> dict[str, str | None]:
    """Parent of each unit's frame: its parent unit, or None at the top and in unit cycles."""
    in_cycle = {u for cycle in graph.unit_cycles for u in cycle}
    parents: dict[str, str | None] = {}
    for unit in org.units:
        parent = unit.parent
        ok = parent in graph.units and unit.id not in in_cycle and parent not in in_cycle
        parents.setdefault(unit.id, parent if ok else None)
    return parents


# --- DOT ----------------------------------------------------------------------------------


def lines_off_tree(
    graph: OrgGraph, sheet: Sheet
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Lines between boxes of the sheet that its tree does not draw, as (manager, report):
    solid lines outside the tree (reporting cycles), then dotted lines."""
    on_sheet = set(sheet.positions)
    placed = {(pid, kid) for pid in sheet.positions for kid in sheet.children.get(pid, ())}
    solid = [
        (pid, report)
        for pid in sheet.positions
        for report in graph.reports(pid)
        if report in on_sheet and (pid, report) not in placed
    ]
    dotted = [
        (manager, pid)
        for pid in sheet.positions
        for manager in graph.dotted_managers(pid)
        if manager in on_sheet
    ]
    return solid, dotted


def frame_tree(org: Org, graph: OrgGraph, holding: set[str]) -> dict[str | None, list[str]]:
    """Unit frames to draw, as children lists (None: the top), for units holding boxes.

    Frames nest like the unit tree. A unit that holds no box itself and only
    one unit with boxes gets no frame of its own (a chain of empty frames
    around one team says nothing); its child takes its place."""
    parents = _cluster_parents(org, graph)
    active: set[str] = set()
    for uid in holding:
        current: str | None = uid
        while current is not None and current not in active:
            active.add(current)
            current = parents.get(current)
    kids: dict[str | None, list[str]] = {}
    for uid in dict.fromkeys(u.id for u in org.units):
        if uid in active:
            kids.setdefault(parents.get(uid), []).append(uid)

    def effective(uid: str) -> str:
        while uid not in holding and len(kids.get(uid, [])) == 1:
            uid = kids[uid][0]
        return uid

    return {parent: [effective(k) for k in children] for parent, children in kids.items()}


def frame_walk(tree: Mapping[str | None, list[str]]) -> Iterator[tuple[str, int, bool]]:
    """The frames of a `frame_tree` depth first: (unit, nesting level from 1, False) on
    entering a frame, then its frames, then (unit, level, True) on leaving it."""
    stack: list[tuple[str, int, bool]] = [(u, 1, False) for u in reversed(tree.get(None, []))]
    while stack:
        uid, level, closing = stack.pop()
        yield uid, level, closing
        if not closing:
            stack.append((uid, level, True))
            stack.extend((k, level + 1, False) for k in reversed(tree.get(uid, [])))


def frame_blocks(
    tree: Mapping[str | None, list[str]],
    body: Mapping[str, list[str]],
    opening: Callable[[str], list[str]],
    end: str,
) -> list[str]:
    """The nested blocks of a `frame_tree`: each frame's `opening` lines, its statements
    from `body`, its frames, then `end`, indented two spaces per level."""
    lines: list[str] = []
    for uid, level, leaving in frame_walk(tree):
        pad = "  " * level
        if leaving:
            lines.append(pad + end)
            continue
        lines.extend(pad + s for s in opening(uid))
        lines.extend(f"{pad}  {s}" for s in body.get(uid, []))
    return lines
