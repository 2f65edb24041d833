"""The "bus" of a manager's reports in DOT: one line down, then one across to each report.

This module owns the invisible points a manager's solid lines run through, in the
frame that holds them all (`bus`), so that Graphviz draws the org-chart elbows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orgdesign.output import escape
from orgdesign.output.chart.sheets import Plan, Sheet, node_id


def _common_frame(frames: Sequence[str], parents: Mapping[str, str]) -> str:
    """The innermost drawn frame that holds all of `frames` ("" for none)."""

    def chain(frame: str) -> list[str]:
        out = [frame]
        while out[-1] and out[-1] in parents:
            out.append(parents[out[-1]])
        return out if out[-1] == "" else [*out, ""]

    common = chain(frames[0])
    for frame in frames[1:]:
        seen = set(chain(frame))
        common = [f for f in common if f in seen]
    return common[0]


@dataclass(frozen=True)
class Spans:
    """Which boxes each frame holds, as ranges of a pre-order of the drawn tree.

    A box is a position's node or a stack's node; its subtree is the range
    `order[box]` to `last[box]`. `held[frame]` is the smallest and largest place
    of any box in the frame or in a frame inside it."""

    order: Mapping[str, int]
    last: Mapping[str, int]
    held: Mapping[str, tuple[int, int]]

    @staticmethod
    def of(plan: Plan, sheet: Sheet, parents: Mapping[str, str]) -> Spans:
        order: dict[str, int] = {}
        last: dict[str, int] = {}
        kids = {
            pid: [*f.assistants, *f.row, *(s.name for s in plan.stacks.get(pid, ()))]
            for pid, f in plan.families.items()
        }
        below = {k for ks in kids.values() for k in ks} | set(plan.stack_of)
        todo = [(p, False) for p in reversed(sheet.positions) if p not in below]
        while todo:  # iterative: a reporting chain may be thousands deep
            box, done = todo.pop()
            if done:
                last[box] = len(order) - 1
            elif box not in order:
                order[box] = len(order)
                todo.append((box, True))
                todo.extend((k, False) for k in reversed(kids.get(box, [])))
        held: dict[str, tuple[int, int]] = {}
        for box, place in order.items():
            frame = plan.frame.get(box, "")
            while frame and frame in parents:  # frames nest a few levels deep
                low, high = held.get(frame, (place, place))
                held[frame] = (min(low, place), max(high, place))
                frame = parents[frame]
        return Spans(order, last, held)

    def only_below(self, box: str, frame: str, outer: str, parents: Mapping[str, str]) -> bool:
        """Every frame from `frame` out to (not including) `outer` holds nothing but
        `box` and what is drawn below it, so none reaches up to the bar above `box`."""
        first, end = self.order.get(box, -1), self.last.get(box, -1)
        while frame and frame != outer and frame in parents:
            low, high = self.held.get(frame, (first, end))
            if low < first or high > end:
                return False
            frame = parents[frame]
        return True


def bus(
    plan: Plan, pid: str, parents: Mapping[str, str], spans: Spans
) -> tuple[str, list[str], list[str]]:
    """Elbow lines from a manager to its row and stacks: (frame, junction nodes, edges).

    One report hangs straight below. Several hang from a horizontal bar: a row
    of invisible junction points in a rank of their own, one above each report,
    joined left to right, the manager's line dropping onto the middle one. The
    points sit in the manager's frame. Each report gets a line of its own instead
    when a report is outside that frame, or when a frame around a report also
    holds boxes higher up: the bar would then cross a frame's box, which Graphviz
    cannot route ("lost bus... edge")."""
    me = escape.dot_string(node_id(pid))
    family = plan.families[pid]
    boxes = [*family.row, *(s.name for s in plan.stacks.get(pid, ()))]
    targets = [
        (escape.dot_string(node_id(k) if k in family.row else k), plan.frame.get(k, ""))
        for k in boxes
    ]
    if not targets:
        return "", [], []
    if len(targets) == 1:
        return "", [], [f"{me}:s -> {targets[0][0]}:n;"]
    base = f"bus.{node_id(pid)}"
    points = [escape.dot_string(f"{base}.{i}") for i in range(len(targets))]
    half = len(points) // 2
    if len(points) % 2:
        top, chain = points[half], points
    else:
        top = escape.dot_string(f"{base}.m")
        chain = [*points[:half], top, *points[half:]]
    own = plan.frame.get(pid, "")
    frame = _common_frame([own, *(f for _, f in targets)], parents)
    if frame != own or not all(  # else a frame would cut through the bar: dot fails
        spans.only_below(k, f, frame, parents) for k, (_, f) in zip(boxes, targets, strict=True)
    ):
        return "", [], [f"{me}:s -> {t}:n;" for t, _ in targets]
    nodes = [f"{p} [shape=point, width=0.01, height=0.01, style=invis];" for p in chain]
    nodes.append(f"{{rank=same; {' '.join(chain)}}}")
    edges = [f"{me}:s -> {top} [weight=50];", " -> ".join(chain) + ";"]
    edges.extend(f"{p} -> {t}:n [weight=50];" for p, (t, _) in zip(points, targets, strict=True))
    return frame, nodes, edges
