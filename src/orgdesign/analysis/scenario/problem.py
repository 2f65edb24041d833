"""The reorganisation problem `suggest` solves: who may move where, and what each move costs.

Built from an organisation and its targets, shared by the optimiser (`solver`)
and the greedy fallback (`heuristic`), and judged by `evaluate`.

Movable positions are the direct reports of managers whose span is outside
its target and the positions that head a branch deeper than the layer target.
Each may stay, move sideways to a peer of its manager, move up to its
manager's manager, move under a sibling that itself stays, or (with new
positions allowed) move under a new lead added below an over-span manager.
Every candidate manager is on a strictly higher layer, or is a sibling that
stays put or a new lead pinned below its manager, so no combination of moves
can create a reporting cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from orgdesign.assemble.graph import OrgGraph
from orgdesign.assemble.targets import SpanRange, span_range
from orgdesign.model import Org, Targets

MAX_CANDIDATES = 8
"""Candidate managers per movable position (the closest first): keeps 10,000 positions tractable."""
MOVE_COST = 5
CROSS_UNIT_COST = 4
NEW_POSITION_COST = 40
PROMOTION_COST = 45
"""Making someone who manages nobody a manager: dearer than a new lead position."""
VIOLATION_COST = 100
EXCESS_COST = 10


@dataclass
class NewLead:
    """A manager position `suggest` may add below an over-span manager."""

    id: str
    manager: str
    unit: str | None
    title: str


@dataclass
class Problem:
    graph: OrgGraph
    targets: Targets
    layer: dict[str, int]
    ranges: dict[str, SpanRange]
    """Target span of every position that is or may become a manager."""
    movable: list[str]
    candidates: dict[str, list[str]]
    """Movable position -> candidate managers, its current manager first."""
    fixed_seats: dict[str, int]
    """Seats of each candidate manager's reports that do not move."""
    new_leads: dict[str, NewLead] = field(default_factory=dict)
    layer_max: int | None = None
    height: dict[str, int] = field(default_factory=dict)
    """Layers below each position in its current subtree (0 for a leaf)."""
    below: dict[str, int] = field(default_factory=dict)
    """Seats below each position in its current subtree."""

    def seats(self, pid: str) -> int:
        return self.graph.positions[pid].headcount

    def current(self, pid: str) -> str:
        return self.candidates[pid][0]

    def cost(self, pid: str, manager: str) -> int:
        if manager == self.current(pid):
            return 0
        return MOVE_COST + (0 if self.same_unit(pid, manager) else CROSS_UNIT_COST)

    def same_unit(self, pid: str, manager: str) -> bool:
        """The new line stays inside the unit tree (same unit, or the head of a unit above)."""
        graph = self.graph
        unit = graph.positions[pid].unit
        lead = self.new_leads.get(manager)
        manager_unit = lead.unit if lead else graph.positions[manager].unit
        if unit is None or manager_unit == unit:
            return True
        return lead is None and unit in graph.units and manager in graph.heads_above(unit)

    def range_of(self, pid: str) -> SpanRange | None:
        return self.ranges.get(pid)


def _heights(graph: OrgGraph, layer: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
    """Layers and seats below each position (bottom-up, linear)."""
    height = {pid: 0 for pid in layer}
    below = {pid: 0 for pid in layer}
    for pid in sorted(layer, key=lambda p: -layer[p]):
        manager = graph.manager(pid)
        if manager is not None and manager in height:
            height[manager] = max(height[manager], height[pid] + 1)
            below[manager] += below[pid] + graph.positions[pid].headcount
    return height, below


def _violating(graph: OrgGraph, targets: Targets) -> list[str]:
    out = []
    for pid, pos in graph.positions.items():
        wanted = span_range(targets, pos)
        span = graph.span(pid)
        if wanted is not None and span > 0 and not wanted.contains(span):
            out.append(pid)
    return out


def _deep_heads(
    graph: OrgGraph, layer: dict[str, int], height: dict[str, int], limit: int
) -> set[str]:
    """Heads of branches that reach below the layer target, on the last three allowed layers
    (from layer 3): moving one up a layer lifts its whole branch. Higher heads would land
    next to the top position; the last layers alone keep large organisations tractable."""
    lowest = max(3, limit - 2)
    return {p for p, d in layer.items() if lowest <= d <= limit and d + height[p] > limit}


def _candidates(problem: Problem, pid: str, movable: set[str]) -> list[str]:
    graph = problem.graph
    manager = graph.manager(pid)
    assert manager is not None
    above = graph.manager(manager)
    peers = (
        [q for q in graph.reports(above) if q != manager and graph.is_manager(q)] if above else []
    )
    siblings = [q for q in graph.reports(manager) if q != pid and not graph.positions[q].assistant]
    options = [*peers, *([above] if above else []), *siblings]
    options += [lead.id for lead in problem.new_leads.values() if lead.manager == manager]

    def rank(q: str) -> tuple[int, int, int]:
        lead = q in problem.new_leads
        wanted = problem.ranges.get(q)
        room = (wanted.max if wanted and wanted.max is not None else 99) - problem.fixed_seats.get(
            q, 0
        )
        return (
            0 if problem.same_unit(pid, q) else 1,
            0 if lead or graph.is_manager(q) else 1,
            -room,
        )

    ranked = sorted(dict.fromkeys(options), key=rank)
    return [manager, *ranked[: MAX_CANDIDATES - 1]]


def build_problem(org: Org, targets: Targets, allow_new: bool = False) -> Problem:
    """Movable positions, their candidates and the fixed part of every span."""
    graph = OrgGraph(org)
    layer = dict(graph.layers)
    height, below = _heights(graph, layer)
    violating = _violating(graph, targets)
    movable: set[str] = set()
    for manager in violating:
        movable.update(r for r in graph.reports(manager) if not graph.positions[r].assistant)
    layer_max = targets.layers.max if targets.layers else None
    if layer_max is not None:
        movable |= _deep_heads(graph, layer, height, layer_max)
    movable = {p for p in movable if p in layer and graph.manager(p) is not None}
    movable -= graph.in_cycle
    ranges = {pid: r for pid, pos in graph.positions.items() if (r := span_range(targets, pos))}
    problem = Problem(graph, targets, layer, ranges, [], {}, {}, layer_max=layer_max, height=height)
    problem.below = below
    if allow_new:
        taken = set(graph.positions)
        for manager in violating:
            wanted = ranges[manager]
            if wanted.max is not None and graph.span(manager) > wanted.max:
                problem.new_leads.update(_leads_for(graph, manager, wanted, taken))
        ranges.update({lead.id: ranges[lead.manager] for lead in problem.new_leads.values()})
    order = sorted(movable, key=lambda p: (layer[p], p))
    for pid in order:
        problem.candidates[pid] = _candidates(problem, pid, movable)
    problem.movable = order
    involved = {m for cands in problem.candidates.values() for m in cands}
    for manager in involved:
        problem.fixed_seats[manager] = (
            sum(
                graph.positions[r].headcount
                for r in graph.reports(manager)
                if r not in movable and not graph.positions[r].assistant
            )
            if manager in graph.positions
            else 0
        )
    return problem


def _leads_for(
    graph: OrgGraph, manager: str, wanted: SpanRange, taken: set[str]
) -> dict[str, NewLead]:
    """New leads an over-span manager would need to split its team (one per `max` seats)."""
    assert wanted.max is not None
    span = graph.span(manager)
    count = max(1, min(3, -(-(span - wanted.max) // max(wanted.max - 1, 1))))
    pos = graph.positions[manager]
    leads: dict[str, NewLead] = {}
    for n in range(1, count + 1):
        ident = f"{manager}-lead-{n}"
        while ident in taken:
            ident += "x"
        taken.add(ident)
        leads[ident] = NewLead(ident, manager, pos.unit, f"Team Lead {n} ({pos.title})")
    return leads


@dataclass
class Outcome:
    """An assignment of every movable position to one of its candidates, judged."""

    assignment: dict[str, str]
    spans: dict[str, int]
    span_violations: list[str]
    deepest: int
    used_leads: list[str]

    def moves(self, problem: Problem) -> dict[str, str]:
        return {p: m for p, m in self.assignment.items() if m != problem.current(p)}


def evaluate(problem: Problem, assignment: dict[str, str]) -> Outcome:
    """Spans and layers after the moves (new leads count only when someone reports to them)."""
    graph = problem.graph
    spans = {m: graph.span(m) for m in graph.positions if graph.is_manager(m)}
    for pid, manager in assignment.items():
        current = problem.current(pid)
        if manager != current:
            seats = problem.seats(pid)
            spans[current] = spans.get(current, 0) - seats
            spans[manager] = spans.get(manager, 0) + seats
    used = sorted({m for m in assignment.values() if m in problem.new_leads})
    for lead in used:
        spans[problem.new_leads[lead].manager] = spans.get(problem.new_leads[lead].manager, 0) + 1
    bad = [
        m
        for m, s in spans.items()
        if s > 0 and m in problem.ranges and not problem.ranges[m].contains(s)
    ]
    return Outcome(assignment, spans, sorted(bad), _deepest(problem, assignment), used)


def _deepest(problem: Problem, assignment: dict[str, str]) -> int:
    graph = problem.graph
    parent = {pid: graph.manager(pid) for pid in graph.positions}
    parent.update(assignment)
    for lead in problem.new_leads.values():
        parent[lead.id] = lead.manager
    depth: dict[str, int] = {}

    def depth_of(pid: str) -> int:
        chain = []
        node: str | None = pid
        while node is not None and node not in depth:
            chain.append(node)
            node = parent.get(node)
            if len(chain) > len(parent) + 1:  # pragma: no cover - candidates rule cycles out
                raise RuntimeError("cycle in a proposed assignment")
        base = depth[node] if node is not None else 0
        for n in reversed(chain):
            base += 1
            depth[n] = base
        return depth[pid]

    return max((depth_of(p) for p in graph.positions), default=0)


def objective(problem: Problem, assignment: dict[str, str]) -> int:
    """The optimiser's objective for any assignment (so the two solvers are judged alike)."""
    outcome = evaluate(problem, assignment)
    total = sum(problem.cost(p, m) for p, m in assignment.items())
    total += NEW_POSITION_COST * len(outcome.used_leads)
    receivers = {m for p, m in assignment.items() if m != problem.current(p)}
    total += PROMOTION_COST * sum(
        1 for m in receivers if m in problem.graph.positions and not problem.graph.is_manager(m)
    )
    for manager in outcome.span_violations:
        wanted, span = problem.ranges[manager], outcome.spans[manager]
        excess = (span - wanted.max) if wanted.max is not None and span > wanted.max else 0
        excess += (wanted.min - span) if wanted.min is not None and span < wanted.min else 0
        total += VIOLATION_COST + EXCESS_COST * excess
    if problem.layer_max is not None:
        for pid in problem.movable:
            slack = _depth_after(problem, assignment, pid) + problem.height.get(pid, 0)
            slack -= problem.layer_max
            if slack > 0:
                total += VIOLATION_COST + EXCESS_COST * slack
    return total


def chain_depth(pid: str, manager_of: Callable[[str], str | None]) -> int:
    """Layer of `pid` counting up its managers (1 at the top); a cycle ends the count."""
    depth, seen = 0, set[str]()
    node: str | None = pid
    while node is not None and node not in seen:
        seen.add(node)
        depth += 1
        node = manager_of(node)
    return depth


def _depth_after(problem: Problem, assignment: dict[str, str], pid: str) -> int:
    def manager_of(node: str) -> str | None:
        lead = problem.new_leads.get(node)
        return assignment.get(node) or (lead.manager if lead else problem.graph.manager(node))

    return chain_depth(pid, manager_of)
