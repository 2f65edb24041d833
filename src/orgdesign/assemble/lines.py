"""Directed lines between the known ids of one organisation (manager -> report, parent -> unit).

This module owns `Lines`: the part of a directed graph that `OrgGraph` needs
(successors in the order the lines were drawn, predecessors where asked for,
degrees, everything below a node), kept as plain lists; and the walks the graph
answers with (cycles of up-pointers, the chain above a node, depth-first intervals).
A node without lines costs nothing beyond its entry in the mapping of known ids it is given: at a
million positions, networkx's `DiGraph` held three dicts per node per graph
(about 1 GB for the solid and the dotted lines) and took 60-85 ms to import.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

_NONE: tuple[str, ...] = ()


class Lines:
    """Lines between the nodes of `nodes` (an id -> element mapping or any collection of ids).

    A line drawn twice is one line. `both_ways=False` keeps no predecessors (the solid
    lines, where each report has its one manager already).
    """

    __slots__ = ("_down", "_up", "nodes")

    def __init__(self, nodes: Collection[str], *, both_ways: bool = True) -> None:
        self.nodes = nodes
        self._down: dict[str, list[str]] = {}
        self._up: dict[str, list[str]] | None = {} if both_ways else None

    def add(self, source: str, target: str) -> None:
        """Draw a line from `source` to `target` (both known nodes)."""
        if self._up is not None:
            up = self._up.setdefault(target, [])
            if source in up:
                return
            up.append(source)
        self._down.setdefault(source, []).append(target)

    @property
    def down(self) -> dict[str, list[str]]:
        """Each node's successors (only nodes with lines); read-only by agreement."""
        return self._down

    @property
    def up(self) -> dict[str, list[str]]:
        """Each node's predecessors (only nodes with lines); read-only by agreement."""
        if self._up is None:
            raise TypeError("these lines keep no predecessors (both_ways=False)")
        return self._up

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self.nodes)

    def successors(self, node: str) -> Iterator[str]:
        return iter(self._down.get(node, _NONE))

    def predecessors(self, node: str) -> Iterator[str]:
        if self._up is None:
            raise TypeError("these lines keep no predecessors (both_ways=False)")
        return iter(self._up.get(node, _NONE))

    def out_degree(self, node: str) -> int:
        return len(self._down.get(node, _NONE))

    def descendants(self, node: str) -> set[str]:
        """Every node reachable from `node` along lines (`node` itself only through a cycle
        is left out, as networkx does)."""
        found: set[str] = set()
        stack = [node]
        down = self._down
        while stack:
            for child in down.get(stack.pop(), _NONE):
                if child not in found and child != node:
                    found.add(child)
                    stack.append(child)
        return found


def up_pointer_cycles(nodes: Iterable[str], up: Callable[[str], str | None]) -> list[list[str]]:
    """Cycles of a graph where each node points to at most one other (manager, parent unit).

    Linear: every node is walked once; a walk that runs into itself has found a cycle.
    """
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    found: list[list[str]] = []
    for start in nodes:
        if start in state:
            continue
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            node = up(node)
        if node is not None and state.get(node) == 1:
            found.append(walk[walk.index(node) :])
        for visited in walk:
            state[visited] = 2
    return found


def chain_up(start: str, up: Callable[[str], str | None]) -> list[str]:
    """The nodes above `start` along up-pointers, nearest first, stopping at a cycle."""
    chain: list[str] = []
    seen = {start}
    node = up(start)
    while node is not None and node not in seen:
        chain.append(node)
        seen.add(node)
        node = up(node)
    return chain


def intervals(
    tops: list[str], children: Callable[[str], Iterable[str]]
) -> dict[str, tuple[int, int]]:
    """Entry and exit step of each node in one depth-first walk of a forest from `tops`.

    `outer` contains `inner` exactly when `outer`'s interval encloses `inner`'s, which
    answers "is this below that" in constant time. Nodes not reached from a top (in a
    cycle, or below one) have no interval. The walk pushes children in the order given.
    """
    out: dict[str, tuple[int, int]] = {}
    entered: dict[str, int] = {}
    step = 0
    # A node is pushed as itself (to enter) and as a one-item tuple (to leave): no pair
    # per node, which at a million positions is most of the walk's time.
    stack: list[Any] = list(reversed(tops))
    push, pop = stack.append, stack.pop
    while stack:
        item = pop()
        step += 1
        if item.__class__ is tuple:
            node = item[0]
            out[node] = (entered[node], step)
            continue
        entered[item] = step
        push((item,))
        stack.extend(children(item))
    return out
