"""The structural features the four archetypes are told apart by (`analyse`).

This module owns reading a structure: the marketing positions (those R or A
somewhere), business lines (top-most units of type division, business-unit,
product-line or region), discipline groups under one marketing head, dual
reporting and its priority rules, and the stages of the marketing chain
(research, planning, promotion, operation) each business line covers inside
its scope. The result is worked out once per graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes.info import LINE_TYPES
from orgdesign.domain.marketing_scope import MarketingScope, find_marketing
from orgdesign.model import STAGES, Org


@dataclass(frozen=True)
class Structure:
    """The structural features the archetypes are told apart by."""

    marketing: frozenset[str]
    """Positions R or A on some responsibility (every position when there is no RACI)."""
    marketing_seats: int
    marketing_layers: int
    """Layer of the deepest marketing position (the top position is layer 1)."""
    lines: tuple[str, ...]
    """Top-most business-line units, in file order."""
    lines_with_marketing: tuple[str, ...]
    head: str | None
    """The position with the most discipline groups under it (the marketing head)."""
    groups: tuple[str, ...]
    """Discipline groups under `head`: units outside the lines, with marketing positions."""
    dual: tuple[str, ...]
    dual_in_lines: tuple[str, ...]
    """Dual-reporting positions in a business line with a dotted line out of that line."""
    governed: tuple[str, ...]
    """Dual-reporting positions covered by a priority rule."""
    line_of: Mapping[str, str]
    """Business line of each position that sits in one."""
    unit_line: Mapping[str, str]
    """Business line of each unit that sits in (or is) one."""
    stages: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Stages each business line's positions are R or A for, inside its scope."""
    scope: MarketingScope = field(
        default_factory=lambda: MarketingScope(frozenset(), frozenset(), "declared")
    )
    """The marketing function the archetypes judge (`orgdesign.domain.marketing_scope`)."""

    def full_chain_lines(self) -> list[str]:
        return [line for line in self.lines if self.stages.get(line, frozenset()) >= set(STAGES)]


def unit_lines(graph: OrgGraph) -> dict[str, str]:
    """Top-most business-line unit of every unit that sits in (or is) one.

    One walk up per unit, stopping at a unit already placed, so the whole tree
    costs linear time; a unit in a `parent` cycle (ORG103) belongs to no line
    above the cycle.
    """
    placed: dict[str, str | None] = {}
    for start in graph.units:
        chain: list[str] = []
        on_chain: set[str] = set()
        node: str | None = start
        while node is not None and node not in placed and node not in on_chain:
            chain.append(node)
            on_chain.add(node)
            parent = graph.units[node].parent
            node = parent if parent in graph.units else None
        line = placed.get(node) if node is not None else None
        for uid in reversed(chain):
            if line is None and graph.units[uid].type in LINE_TYPES:
                line = uid
            placed[uid] = line
    return {uid: line for uid, line in placed.items() if line is not None}


def top_lines(org: Org, unit_line: Mapping[str, str]) -> tuple[str, ...]:
    """Business-line units that are not inside another one, in file order."""
    return tuple(u.id for u in org.units if unit_line.get(u.id) == u.id)


def stages_of(org: Org, responsibility_id: str) -> frozenset[str]:
    """Stages of a responsibility: its own, or those of its leaves when it has children."""
    resp = org.responsibility_by_id.get(responsibility_id)
    if resp is None:
        return frozenset()
    return frozenset(item.stage for item, _up in resp.walk() if item.stage and not item.children)


def line_stages(
    org: Org, graph: OrgGraph, line_of: Mapping[str, str], unit_line: Mapping[str, str]
) -> dict[str, frozenset[str]]:
    """Stages each business line's positions are R or A for, counting entries that reach it.

    An entry reaches a line when it has no scope, a scope inside the line, or a
    scope above it.
    """
    above = {line: set(graph.unit_ancestors(line)) for line in set(unit_line.values())}
    found: dict[str, set[str]] = {}
    cache: dict[str, frozenset[str]] = {}
    for entry in org.raci:
        stages = cache.get(entry.responsibility)
        if stages is None:
            stages = cache[entry.responsibility] = stages_of(org, entry.responsibility)
        if not stages:
            continue
        scope = entry.scope
        for pid in {*entry.R, *entry.A}:
            line = line_of.get(pid)
            if line is None:
                continue
            if scope is None or unit_line.get(scope) == line or scope in above[line]:
                found.setdefault(line, set()).update(stages)
    return {line: frozenset(stages) for line, stages in found.items()}


def _units_with(graph: OrgGraph, positions: Iterable[str]) -> set[str]:
    """Units holding one of `positions`, and every unit above them."""
    marked: set[str] = set()
    for pid in positions:
        unit = graph.unit_of(pid)
        while unit is not None and unit not in marked:
            marked.add(unit)
            parent = graph.units[unit].parent
            unit = parent if parent in graph.units else None
    return marked


def discipline_groups(
    org: Org, graph: OrgGraph, marketing: Iterable[str], unit_line: Mapping[str, str]
) -> tuple[str | None, tuple[str, ...]]:
    """The manager with the most marketing units (outside the lines) headed by direct reports."""
    with_marketing = _units_with(graph, marketing)
    by_manager: dict[str, list[str]] = {}
    for unit in org.units:
        if (
            unit.id not in with_marketing
            or unit.id in unit_line
            or unit.head not in graph.positions
        ):
            continue
        manager = graph.manager(unit.head) if unit.head else None
        if manager is not None:
            by_manager.setdefault(manager, []).append(unit.id)
    if not by_manager:
        return None, ()
    head = max(by_manager, key=lambda m: len(by_manager[m]))
    return head, tuple(by_manager[head])


def analyse(org: Org, graph: OrgGraph) -> Structure:
    """The structural features of an organisation, worked out once per graph."""
    return graph.memo("archetypes.structure", lambda: _analyse(org, graph))


def _analyse(org: Org, graph: OrgGraph) -> Structure:
    """The structural features of an organisation."""
    scope = find_marketing(org, graph)
    marketing = scope.positions
    unit_line = unit_lines(graph)
    line_of = {pos.id: unit_line[pos.unit] for pos in org.positions if pos.unit in unit_line}
    lines = top_lines(org, unit_line)
    with_marketing = {line_of[p] for p in marketing if p in line_of}
    head, groups = discipline_groups(org, graph, marketing, unit_line)
    dual = tuple(graph.dual_positions)
    dual_in_lines = tuple(
        p
        for p in dual
        if p in line_of and any(line_of.get(m) != line_of[p] for m in graph.dotted_managers(p))
    )
    layers = graph.layers
    return Structure(
        marketing=marketing,
        marketing_seats=sum(graph.positions[p].headcount for p in marketing),
        marketing_layers=max((layers.get(p, 0) for p in marketing), default=0),
        lines=lines,
        lines_with_marketing=tuple(line for line in lines if line in with_marketing),
        head=head,
        groups=groups,
        dual=dual,
        dual_in_lines=dual_in_lines,
        governed=tuple(p for p in dual if graph.rules_by_position.get(p)),
        line_of=MappingProxyType(line_of),
        unit_line=MappingProxyType(unit_line),
        stages=MappingProxyType(line_stages(org, graph, line_of, unit_line)),
        scope=scope,
    )
