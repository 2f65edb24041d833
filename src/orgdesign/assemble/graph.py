"""The organisation as a graph: reporting lines and the unit tree.

This module owns `OrgGraph`, a view of an `Org` (lines kept by `lines.Lines`) that answers the
structural questions rules and renderers ask: managers, reports, seats and
spans, layers, ancestors, the lowest common superior of two positions, unit
ancestry and the positions in a unit subtree. Rules never walk raw YAML or the
model lists to answer these.

Solid lines are edges manager -> report in `solid`; dotted lines are kept
apart in `dotted` so they never change the tree. References to unknown ids
are left out of both (they are reported by ORG004).

Every query is linear or better in the size of the organisation: each position
has at most one solid manager, so cycles and depths are found by walking
up-pointers with memoisation rather than by general graph search.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, TypeVar

from orgdesign.assemble.lines import Lines, chain_up, intervals, up_pointer_cycles
from orgdesign.model import Org, Position, PriorityRule, Unit

T = TypeVar("T")


class OrgGraph:
    """Reporting graph (solid and dotted) and unit tree of one organisation."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self.positions: dict[str, Position] = org.position_by_id
        self.units: dict[str, Unit] = org.unit_by_id
        self._memo: dict[str, Any] = {}

    # The lines are built on first use: a run that checks again only rules that do not
    # follow them (after a holder edit, say) does not pay for a million of them.
    @cached_property
    def _lines(self) -> tuple[Lines, Lines, dict[str, str]]:
        solid = Lines(self.positions, both_ways=False)
        dotted = Lines(self.positions)
        managers: dict[str, str] = {}
        for pos in self.positions.values():
            if pos.reports_to and pos.reports_to in self.positions:
                solid.add(pos.reports_to, pos.id)
                managers[pos.id] = pos.reports_to
            for target in pos.dotted_to:
                # A dotted line to oneself or to one's solid manager is no second line (ORG108).
                if target in self.positions and target not in (pos.id, pos.reports_to):
                    dotted.add(target, pos.id)
        return solid, dotted, managers

    @cached_property
    def solid(self) -> Lines:
        return self._lines[0]

    @cached_property
    def dotted(self) -> Lines:
        return self._lines[1]

    @cached_property
    def _managers(self) -> dict[str, str]:
        """Each position's known solid manager: walks up `.get` it."""
        return self._lines[2]

    @cached_property
    def unit_tree(self) -> Lines:
        unit_tree = Lines(self.units)
        for unit in self.units.values():
            if unit.parent and unit.parent in self.units:
                unit_tree.add(unit.parent, unit.id)
        return unit_tree

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A derived view of this organisation, computed once per graph (e.g. the archetype analysis
        several rules share)."""
        if key not in self._memo:
            self._memo[key] = compute()
        result: T = self._memo[key]
        return result

    # --- reporting lines ---------------------------------------------------------------

    def manager(self, pid: str) -> str | None:
        """The solid-line manager (None for a root or an unknown manager)."""
        return self._managers.get(pid)

    def dotted_managers(self, pid: str) -> list[str]:
        return list(self.dotted.predecessors(pid)) if pid in self.dotted else []

    def managers(self, pid: str) -> list[str]:
        """Solid manager first, then dotted-line managers."""
        solid = self.manager(pid)
        return ([solid] if solid else []) + self.dotted_managers(pid)

    def reports(self, pid: str) -> list[str]:
        """Direct solid-line reports."""
        return list(self.solid.successors(pid)) if pid in self.solid else []

    def dotted_reports(self, pid: str) -> list[str]:
        return list(self.dotted.successors(pid)) if pid in self.dotted else []

    def seats(self, pid: str) -> int:
        return self.positions[pid].headcount

    def span(self, pid: str, *, count_assistants: bool = False) -> int:
        """Span of control: seats of the direct reports (assistants left out by default)."""
        if not count_assistants:
            return self.spans.get(pid, 0)
        return sum(self.positions[r].headcount for r in self.reports(pid))

    def is_manager(self, pid: str) -> bool:
        return self.solid.out_degree(pid) > 0

    @cached_property
    def spans(self) -> dict[str, int]:
        """Each manager's span of control (`span`, assistants left out), in one pass."""
        positions = self.positions
        return {
            manager: sum(positions[r].headcount for r in reports if not positions[r].assistant)
            for manager, reports in self.solid.down.items()
        }

    @cached_property
    def roots(self) -> list[str]:
        """Positions with no `reports_to`, in file order."""
        return [p.id for p in self.org.positions if not p.reports_to]

    @cached_property
    def cycles(self) -> list[list[str]]:
        """Reporting cycles along solid lines, each listed from report to manager."""
        return up_pointer_cycles(self.positions, self._managers.get)

    @cached_property
    def in_cycle(self) -> frozenset[str]:
        return frozenset(p for cycle in self.cycles for p in cycle)

    @cached_property
    def layers(self) -> dict[str, int]:
        """Layer of each position reachable from a root (root = 1); cycle members are absent."""
        depth: dict[str, int] = {}
        for root in self.roots:
            if root not in self.positions:
                continue
            depth[root] = 1
            stack = [root]
            down = self.solid.down
            while stack:
                node = stack.pop()
                below = depth[node] + 1
                for child in down.get(node, ()):
                    if child not in depth:
                        depth[child] = below
                        stack.append(child)
        return depth

    @property
    def max_layers(self) -> int:
        return max(self.layers.values(), default=0)

    def ancestors(self, pid: str) -> list[str]:
        """Solid-line superiors from the direct manager up to the root (stops at a cycle)."""
        return chain_up(pid, self._managers.get)

    def common_superiors(self, a: str, b: str) -> list[str]:
        """Positions that are superiors (or self) of both, lowest first."""
        up_a = [a, *self.ancestors(a)]
        up_b = {b, *self.ancestors(b)}
        return [p for p in up_a if p in up_b]

    def lowest_common_superior(self, a: str, b: str) -> str | None:
        common = self.common_superiors(a, b)
        return common[0] if common else None

    def subordinates(self, pid: str) -> set[str]:
        """Everyone below a position along solid lines."""
        return self.solid.descendants(pid) if pid in self.solid else set()

    @cached_property
    def solid_intervals(self) -> dict[str, tuple[int, int]]:
        """Entry and exit step of each position in one walk down the solid lines from the tops.

        Positions in a reporting cycle, or below one, are not reached and have none.
        """
        managers = self._managers
        tops = [p for p in self.positions if p not in managers]
        down = self.solid.down
        return intervals(tops, lambda node: down.get(node, ()))

    def reports_under(self, manager: str, pid: str) -> bool:
        """`pid` is below `manager` along solid lines (constant time outside cycles)."""
        a, b = self.solid_intervals.get(manager), self.solid_intervals.get(pid)
        if a is None or b is None:
            return pid in self.subordinates(manager)
        return a[0] < b[0] and b[1] < a[1]

    @cached_property
    def team_sizes(self) -> dict[str, tuple[int, int]]:
        """(positions, seats) below each position along solid lines, in one linear pass.

        Positions in or below a reporting cycle are absent (see `subordinates`).
        """
        reached = self.solid_intervals
        totals: dict[str, tuple[int, int]] = {}
        for pid in sorted(reached, key=lambda p: reached[p][0], reverse=True):
            positions = seats = 0
            for child in self.solid.successors(pid):
                below, below_seats = totals[child]
                positions += 1 + below
                seats += self.seats(child) + below_seats
            totals[pid] = (positions, seats)
        return totals

    # --- units ------------------------------------------------------------------------

    @cached_property
    def unit_roots(self) -> list[str]:
        return [u.id for u in self.org.units if not u.parent]

    @cached_property
    def unit_cycles(self) -> list[list[str]]:
        """Cycles of `parent` links in the unit tree."""
        return up_pointer_cycles(self.units, self._unit_parent)

    def _unit_parent(self, uid: str) -> str | None:
        parent = self.units[uid].parent
        return parent if parent in self.units else None

    def unit_ancestors(self, uid: str) -> list[str]:
        """Parent units from the direct parent up to the root unit (stops at a cycle)."""
        return chain_up(uid, self._unit_parent) if uid in self.units else []

    def unit_subtree(self, uid: str) -> set[str]:
        """A unit and all its sub-units."""
        if uid not in self.unit_tree:
            return set()
        return {uid, *self.unit_tree.descendants(uid)}

    @cached_property
    def _positions_by_unit(self) -> dict[str, list[str]]:
        by_unit: dict[str, list[str]] = {}
        for pos in self.org.positions:
            if pos.unit:
                by_unit.setdefault(pos.unit, []).append(pos.id)
        return by_unit

    def positions_in_unit(self, uid: str) -> list[str]:
        return list(self._positions_by_unit.get(uid, []))

    def positions_in_subtree(self, uid: str) -> list[str]:
        """Positions of a unit and of all its sub-units."""
        return [
            p for u in sorted(self.unit_subtree(uid)) for p in self._positions_by_unit.get(u, [])
        ]

    def unit_of(self, pid: str) -> str | None:
        pos = self.positions.get(pid)
        return pos.unit if pos and pos.unit in self.units else None

    @cached_property
    def unit_intervals(self) -> dict[str, tuple[int, int]]:
        """Entry and exit step of each unit in one walk of the unit tree from its roots.

        Units in a `parent` cycle, or below one, are not reached and have no interval.
        One linear walk answers every "is this unit inside that one" in constant time.
        """
        children = self._unit_children
        roots = [uid for uid, unit in self.units.items() if unit.parent not in self.units]
        return intervals(roots, lambda uid: reversed(children.get(uid, [])))

    def unit_subtree_size(self, uid: str) -> int:
        """Number of units in a unit's subtree, itself included (reached units only)."""
        entry, leave = self.unit_intervals[uid]
        return (leave - entry + 1) // 2

    def unit_subtree_first(self, uid: str, limit: int) -> list[str]:
        """At most `limit` units of a subtree, nearest first (the unit, its sub-units, ...)."""
        children = self._unit_children
        out: list[str] = []
        queue = deque([uid])
        while queue and len(out) < limit:
            node = queue.popleft()
            out.append(node)
            queue.extend(children.get(node, []))
        return out

    @cached_property
    def _unit_children(self) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for uid, unit in self.units.items():
            if unit.parent in self.units and unit.parent != uid:
                children.setdefault(unit.parent, []).append(uid)
        return children

    def unit_contains(self, outer: str, inner: str) -> bool:
        """`inner` is `outer` or one of its sub-units (False for units in or below a cycle)."""
        a, b = self.unit_intervals.get(outer), self.unit_intervals.get(inner)
        return a is not None and b is not None and a[0] <= b[0] and b[1] <= a[1]

    @cached_property
    def units_headed(self) -> dict[str, list[str]]:
        """Position id -> the units it is the `head` of."""
        headed: dict[str, list[str]] = {}
        for uid, unit in self.units.items():
            if unit.head:
                headed.setdefault(unit.head, []).append(uid)
        return headed

    def heads_above(self, uid: str) -> set[str]:
        """Heads of a unit and of its ancestor units."""
        heads: set[str] = set()
        for unit_id in [uid, *self.unit_ancestors(uid)]:
            head = self.units[unit_id].head
            if head:
                heads.add(head)
        return heads

    def positions_holding(self, ids: Iterable[str]) -> list[Position]:
        return [self.positions[i] for i in ids if i in self.positions]

    # --- dual reporting ----------------------------------------------------------------

    @cached_property
    def dual_positions(self) -> list[str]:
        """Positions with at least one dotted line to a known position, in file order."""
        lines = self.dotted.up
        return [p.id for p in self.org.positions if lines.get(p.id)]

    def covered_by(self, prule: PriorityRule) -> list[str]:
        """Positions a priority rule applies to: named ones and those in the named units."""
        named = [p for p in prule.applies_to.positions if p in self.positions]
        units: set[str] = set()
        for uid in prule.applies_to.units:
            units |= self.unit_subtree(uid)
        in_units = [p.id for p in self.org.positions if p.unit in units] if units else []
        return list(dict.fromkeys([*named, *in_units]))

    @cached_property
    def rules_by_position(self) -> dict[str, list[PriorityRule]]:
        """Priority rules covering each position, in file order."""
        by_position: dict[str, list[PriorityRule]] = {}
        for prule in self.org.priority_rules:
            for pid in self.covered_by(prule):
                by_position.setdefault(pid, []).append(prule)
        return by_position
