"""What an org chart draws: the positions of `--root`/`--depth` and how reports are placed.

This module owns the selection of drawn positions (`select`: `--root`,
`--depth`, positions outside the tree such as reporting cycles) and the
arrangement of a manager's reports (`arrange`: staff assistants beside the
manager, reports who manage nobody stacked in columns, the others in a row).
Every chart surface (the layout engine, Graphviz DOT, Mermaid) uses these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org

STACK_MIN = 2
"""Stack a manager's reports who manage nobody once there are at least this many."""


class ChartError(Exception):
    """A chart cannot be drawn as asked: unknown root, Graphviz missing or failing, ..."""


@dataclass(frozen=True)
class Selection:
    """What a chart draws and in which language: the options every chart surface shares.

    `LayoutOptions` (the layout engine) and `ChartOptions` (every chart writer) are
    these and more; `select` and `arrange` read them.
    """

    lang: str | None = None
    root: str | None = None
    depth: int | None = None
    clusters: bool = True
    stack: bool = True


@dataclass(frozen=True)
class Scope:
    """The positions a chart draws, as a forest in drawing order."""

    tops: tuple[str, ...]
    """Top positions: the root asked for, or every position without a (known) manager."""
    order: tuple[str, ...]
    """Every drawn position, tree by tree in pre-order (reports in file order)."""
    children: Mapping[str, tuple[str, ...]]
    """Drawn reports of each drawn position, as placed in the tree."""
    hidden: Mapping[str, int]
    """Positions left out by `--depth`, counted under the last drawn position above them."""
    unreachable: tuple[str, ...] = ()
    """Drawn positions under no top position (reporting cycles), also in `order`."""


def select(org: Org, graph: OrgGraph, options: Selection) -> Scope:
    """The positions to draw for `--root` and `--depth` (raises ChartError for an unknown root).

    Without `--root` every top position is drawn with its tree; positions that
    no top position reaches (members of reporting cycles and those below them)
    are drawn too, unless `--depth` limits the chart."""
    if options.root is not None and options.root not in graph.positions:
        raise ChartError(f"unknown position id {options.root!r} for --root")
    if options.depth is not None and options.depth < 1:
        raise ChartError("--depth must be 1 or more")
    if options.root is not None:
        tops = [options.root]
    else:
        tops = list(dict.fromkeys(p.id for p in org.positions if graph.manager(p.id) is None))
    seen: set[str] = set()
    order: list[str] = []
    children: dict[str, tuple[str, ...]] = {}
    hidden: dict[str, int] = {}
    _walk(graph, tops, options.depth, seen, order, children, hidden)
    unreachable: list[str] = []
    if options.root is None and options.depth is None and len(seen) < len(graph.positions):
        rest = [p.id for p in org.positions if p.id not in seen]
        start = len(order)
        _walk(graph, list(dict.fromkeys(rest)), None, seen, order, children, hidden)
        unreachable = order[start:]
    return Scope(
        tops=tuple(tops),
        order=tuple(order),
        children=MappingProxyType(children),
        hidden=MappingProxyType(hidden),
        unreachable=tuple(unreachable),
    )


def _walk(
    graph: OrgGraph,
    starts: list[str],
    depth: int | None,
    seen: set[str],
    order: list[str],
    children: dict[str, tuple[str, ...]],
    hidden: dict[str, int],
) -> None:
    """Pre-order walk down solid lines from `starts`, each position once, to `depth` levels."""
    for start in starts:
        if start in seen:
            continue
        seen.add(start)
        stack: list[tuple[str, int]] = [(start, 1)]
        while stack:
            pid, level = stack.pop()
            order.append(pid)
            kids: list[str] = []
            for report in graph.reports(pid):
                if report in seen:
                    continue
                if depth is not None and level >= depth:
                    hidden[pid] = hidden.get(pid, 0) + 1 + len(graph.subordinates(report))
                    continue
                seen.add(report)
                kids.append(report)
            children[pid] = tuple(kids)
            stack.extend((kid, level + 1) for kid in reversed(kids))


@dataclass(frozen=True)
class Family:
    """How one manager's drawn reports are placed."""

    assistants: tuple[str, ...] = ()
    """Staff assistants (`assistant: true`): beside the manager."""
    row: tuple[str, ...] = ()
    """Reports drawn side by side below the manager."""
    stacks: tuple[tuple[str, ...], ...] = ()
    """Columns of reports who manage nobody, each under the manager."""


def arrange(
    graph: OrgGraph, kids: Sequence[str], options: Selection, unit_key: Mapping[str, str]
) -> Family:
    """Split a manager's drawn reports into assistants, a row and stacked columns.

    Reports who manage nobody are stacked once there are `STACK_MIN` of them
    (unless `options.stack` is off); with clusters on, one column per unit, so
    that a column sits inside its unit's frame. A column of one goes back to
    the row."""
    assistants = tuple(k for k in kids if graph.positions[k].assistant)
    others = [k for k in kids if not graph.positions[k].assistant]
    leaves = [k for k in others if not graph.reports(k)]
    if not options.stack or len(leaves) < STACK_MIN:
        return Family(assistants=assistants, row=tuple(others))
    groups: dict[str, list[str]] = {}
    for leaf in leaves:
        groups.setdefault(unit_key.get(leaf, "") if options.clusters else "", []).append(leaf)
    singles = {g[0] for g in groups.values() if len(g) == 1}
    row = tuple(k for k in others if k not in leaves or k in singles)
    stacks = tuple(tuple(g) for g in groups.values() if len(g) > 1)
    return Family(assistants=assistants, row=row, stacks=stacks)
