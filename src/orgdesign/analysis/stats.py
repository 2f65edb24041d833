"""Figures of one organisation: what `orgdesign stats` computes and prints.

This module owns the numbers leadership compares structures with: people
(holders), seats, vacancies and the vacancy rate, cost (seats x cost per seat),
in total and per unit (the unit's own positions and its whole subtree); the
layers; the span-of-control distribution with the managers outside the
configured ORG106 range; dual-reporting positions; the RACI load of each
position; and the archetype inferred from the structure. It computes only:
`orgdesign.output.reports.stats` writes the figures as JSON, CSV, Markdown and
terminal tables.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from orgdesign.analysis.numbers import plain_number
from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes import infer_archetype
from orgdesign.i18n import text
from orgdesign.model import Org, Position
from orgdesign.model.people import MultiSeat, multi_seat_people

NO_UNIT = "(no unit)"
NO_UNIT_NAME = text("stats.no_unit")
"""Name of the positions without a known unit."""
RACI_LETTERS = ("A", "R", "S", "C", "I")


@dataclass(frozen=True)
class Figures:
    """Headcount figures of a set of positions."""

    positions: int = 0
    seats: int = 0
    holders: int = 0
    vacancies: int = 0
    cost: float = 0.0
    """Sum of seats x cost per seat, over the positions whose cost is known."""
    uncosted_seats: int = 0
    """Seats of positions without a `cost`: not in `cost`."""

    @property
    def vacancy_rate(self) -> float:
        return self.vacancies / self.seats if self.seats else 0.0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.positions + other.positions,
            self.seats + other.seats,
            self.holders + other.holders,
            self.vacancies + other.vacancies,
            self.cost + other.cost,
            self.uncosted_seats + other.uncosted_seats,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "positions": self.positions,
            "seats": self.seats,
            "headcount": self.holders,
            "vacancies": self.vacancies,
            "vacancy_rate": round(self.vacancy_rate, 4),
            "cost": plain_number(self.cost),
            "uncosted_seats": self.uncosted_seats,
        }


def position_figures(pos: Position) -> Figures:
    """Figures of one position: its seats, holders, vacancies and cost."""
    costed = pos.cost is not None
    return Figures(
        positions=1,
        seats=pos.headcount,
        holders=len(pos.holders),
        vacancies=pos.vacancies,
        cost=pos.headcount * pos.cost if pos.cost is not None else 0.0,
        uncosted_seats=0 if costed else pos.headcount,
    )


def sum_figures(positions: list[Position]) -> Figures:
    total = Figures()
    for pos in positions:
        total = total + position_figures(pos)
    return total


@dataclass(frozen=True)
class UnitFigures:
    """One unit: its own positions and its whole subtree."""

    id: str
    name: str
    depth: int
    own: Figures
    total: Figures


@dataclass(frozen=True)
class ManagerSpan:
    """A manager's span of control and, when outside the range, on which side."""

    id: str
    title: str
    span: int
    """Seats of its direct reports (as ORG106 counts them)."""
    side: str | None = None
    """`below` or `above` the configured range; None inside it."""


@dataclass(frozen=True)
class SpanStats:
    """Span of control of the managers (positions with direct reports)."""

    range_min: int
    range_max: int
    managers: list[ManagerSpan] = field(default_factory=list)
    """In file order."""

    @property
    def outliers(self) -> list[ManagerSpan]:
        return [m for m in self.managers if m.side]

    @property
    def distribution(self) -> dict[int, int]:
        """How many managers have each span."""
        return dict(sorted(Counter(m.span for m in self.managers).items()))

    def summary(self) -> dict[str, float | int | None]:
        values = [m.span for m in self.managers]
        if not values:
            return {"managers": 0, "min": None, "median": None, "mean": None, "max": None}
        return {
            "managers": len(values),
            "min": min(values),
            "median": plain_number(float(statistics.median(values))),
            "mean": round(statistics.fmean(values), 2),
            "max": max(values),
        }


@dataclass(frozen=True)
class DualPosition:
    id: str
    title: str
    solid: str | None
    dotted: list[str]


@dataclass(frozen=True)
class RaciLoad:
    """How often a position appears in the RACI, per letter."""

    id: str
    title: str
    counts: dict[str, int]
    overloaded: bool
    """A on more responsibilities than the RACI206 maximum."""


@dataclass(frozen=True)
class ArchetypeFigures:
    declared: str | None
    inferred: str
    scores: dict[str, float]
    reasons: list[str]


@dataclass(frozen=True)
class OrgStats:
    """Everything `orgdesign stats` reports about one organisation."""

    organization: str
    name: str
    total: Figures
    units: list[UnitFigures]
    layers: int
    per_layer: dict[int, Figures]
    span: SpanStats
    dual: list[DualPosition]
    raci: list[RaciLoad]
    raci_max_a: int
    archetype: ArchetypeFigures
    multi_seat: list[MultiSeat] = field(default_factory=list)
    """People holding seats in several positions."""


# --- computing ---------------------------------------------------------------------------


def unit_order(graph: OrgGraph) -> list[tuple[str, int]]:
    """Units depth first from the root units, children in file order, with their depth."""
    children: dict[str, list[str]] = {}
    for unit in graph.org.units:
        if unit.parent and unit.parent in graph.units:
            children.setdefault(unit.parent, []).append(unit.id)
    order: list[tuple[str, int]] = []
    seen: set[str] = set()
    stack = [(uid, 0) for uid in reversed(graph.unit_roots)]
    while stack:
        uid, depth = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        order.append((uid, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(uid, [])))
    # Units in a cycle are reachable from no root: list them flat at the end.
    order.extend((u.id, 0) for u in graph.org.units if u.id not in seen)
    return order


def unit_figures(graph: OrgGraph, lang: str | None = None) -> list[UnitFigures]:
    """Figures of each unit (tree order), then of the positions without a known unit."""
    order = unit_order(graph)
    own = {
        uid: sum_figures(graph.positions_holding(graph.positions_in_unit(uid))) for uid, _ in order
    }
    total = _subtree_totals(graph, own)
    out = [
        UnitFigures(uid, graph.units[uid].label(lang), depth, own[uid], total[uid])
        for uid, depth in order
    ]
    loose = [p for p in graph.org.positions if graph.unit_of(p.id) is None]
    if loose:
        figures = sum_figures(loose)
        out.append(UnitFigures(NO_UNIT, NO_UNIT_NAME(lang), 0, figures, figures))
    return out


def _subtree_totals(graph: OrgGraph, own: dict[str, Figures]) -> dict[str, Figures]:
    """Each unit's figures with all its sub-units': children first, so linear in the units."""
    reached = graph.unit_intervals
    by_entry = sorted(reached, key=lambda uid: reached[uid][0], reverse=True)
    total: dict[str, Figures] = {}
    for uid in by_entry:  # every sub-unit is entered after its parent: done before it here
        total[uid] = total.get(uid, Figures()) + own[uid]
        parent = graph.units[uid].parent
        if parent in reached and parent != uid:
            total[parent] = total.get(parent, Figures()) + total[uid]
    for uid in own:  # in or below a `parent` cycle: the subtree as the unit tree has it
        if uid not in total:
            total[uid] = sum_figures(graph.positions_holding(graph.positions_in_subtree(uid)))
    return total


def layer_figures(graph: OrgGraph) -> dict[int, Figures]:
    """Figures of the positions on each layer (the top position is layer 1)."""
    by_layer: dict[int, list[Position]] = {}
    for pid, layer in graph.layers.items():
        by_layer.setdefault(layer, []).append(graph.positions[pid])
    return {layer: sum_figures(by_layer[layer]) for layer in sorted(by_layer)}


def span_stats(
    graph: OrgGraph, range_min: int, range_max: int, lang: str | None = None
) -> SpanStats:
    """Spans of every manager, flagged outside [range_min, range_max] (as ORG106 counts them)."""
    managers: list[ManagerSpan] = []
    for pos in graph.org.positions:
        span = graph.span(pos.id) if graph.is_manager(pos.id) else 0
        if span == 0:
            continue
        side = "below" if span < range_min else "above" if span > range_max else None
        managers.append(ManagerSpan(pos.id, pos.label(lang), span, side))
    return SpanStats(range_min, range_max, managers)


def dual_positions(graph: OrgGraph, lang: str | None = None) -> list[DualPosition]:
    return [
        DualPosition(
            pid, graph.positions[pid].label(lang), graph.manager(pid), graph.dotted_managers(pid)
        )
        for pid in graph.dual_positions
    ]


def raci_load(org: Org, graph: OrgGraph, max_a: int, lang: str | None = None) -> list[RaciLoad]:
    """RACI letters per position, most accountable first (positions never named are left out)."""
    counts: dict[str, Counter[str]] = {}
    for entry in org.raci:
        for letter, pid, _ in entry.letters():
            counts.setdefault(pid, Counter())[letter] += 1
    order = {p.id: i for i, p in enumerate(org.positions)}
    loads = [
        RaciLoad(
            pid,
            graph.positions[pid].label(lang) if pid in graph.positions else pid,
            {letter: count[letter] for letter in RACI_LETTERS},
            count["A"] > max_a,
        )
        for pid, count in counts.items()
    ]
    return sorted(
        loads, key=lambda x: (-x.counts["A"], -x.counts["R"], order.get(x.id, len(order)), x.id)
    )


def archetype_figures(org: Org, graph: OrgGraph, lang: str | None = None) -> ArchetypeFigures:
    inference = infer_archetype(org, graph)
    return ArchetypeFigures(
        declared=org.archetype,
        inferred=inference.archetype,
        scores=dict(inference.scores),
        reasons=inference.reasons_in(lang),
    )


def compute_stats(
    org: Org,
    graph: OrgGraph | None = None,
    *,
    span_min: int = 2,
    span_max: int = 12,
    max_a: int = 15,
    lang: str | None = None,
) -> OrgStats:
    """All the figures of one organisation; span range and A maximum as configured."""
    graph = graph or OrgGraph(org)
    orgn = org.organization
    return OrgStats(
        organization=orgn.id if orgn else "",
        name=orgn.label(lang) if orgn else "",
        total=sum_figures(org.positions),
        units=unit_figures(graph, lang),
        layers=graph.max_layers,
        per_layer=layer_figures(graph),
        span=span_stats(graph, span_min, span_max, lang),
        dual=dual_positions(graph, lang),
        raci=raci_load(org, graph, max_a, lang),
        raci_max_a=max_a,
        archetype=archetype_figures(org, graph, lang),
        multi_seat=multi_seat_people(org),
    )
