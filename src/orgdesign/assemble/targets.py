"""Spans-and-layers and budget targets: which ones are in force, and what they ask of a position.

This module owns the effective targets of an organisation (the org file's
`targets:`, a scenario's `targets:`, then `[tool.orgdesign.targets]` of the
configuration, each overriding the one before key by key, unit targets by
unit id), the target span of each manager archetype (`manager_kind`, after
McKinsey's archetypes), and the figures the TGT6xx rules, `scenario compare`
and `suggest` all measure: a manager's target range, a unit subtree's seats and
cost, the staff-per-manager ratio.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from orgdesign.assemble.graph import OrgGraph
from orgdesign.load.config import ConfigError
from orgdesign.model import Position, Targets, UnitTarget

KIND_SPANS: dict[str, tuple[int, int | None]] = {
    "player-coach": (3, 5),
    "coach": (6, 7),
    "supervisor": (8, 10),
    "facilitator": (11, 15),
    "coordinator": (15, None),
}
"""Target span (seats) per `manager_kind`; `None` is no upper limit."""


@dataclass(frozen=True)
class SpanRange:
    """The span a manager should have, and where that target comes from."""

    min: int | None
    max: int | None
    source: str
    """`targets.span` or `manager_kind: coach`."""

    def contains(self, span: int) -> bool:
        return (self.min is None or span >= self.min) and (self.max is None or span <= self.max)

    def text(self) -> str:
        low = "0" if self.min is None else str(self.min)
        return f"{low}..{'' if self.max is None else self.max}"


def span_range(targets: Targets, pos: Position) -> SpanRange | None:
    """The target span of a manager: its kind's when `manager_kinds` is on, else `targets.span`."""
    if targets.manager_kinds and pos.manager_kind:
        low, high = KIND_SPANS[pos.manager_kind]
        return SpanRange(low, high, f"manager_kind: {pos.manager_kind}")
    if targets.span is not None and (targets.span.min is not None or targets.span.max is not None):
        return SpanRange(targets.span.min, targets.span.max, "targets.span")
    return None


def _validated(data: dict[str, Any], where: str) -> Targets:
    try:
        return Targets.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'table'}: {err['msg']}"
            for err in exc.errors(include_url=False)
        )
        raise ConfigError(f"{where}: {problems}") from exc


def override(base: Targets | None, top: Targets | None) -> Targets | None:
    """`top`'s keys replace `base`'s (inside `span`, `layers`, `staff_per_manager` too); unit
    targets are merged by unit id (`top` wins)."""
    if top is None:
        return base
    if base is None:
        return top
    update: dict[str, Any] = {}
    for name in top.model_fields_set - {"units"}:
        value, under = getattr(top, name), getattr(base, name)
        if isinstance(value, BaseModel) and isinstance(under, BaseModel):
            # `span: {max: 6}` over `span: {min: 3, max: 8}` keeps the minimum
            value = under.model_copy(update={k: getattr(value, k) for k in value.model_fields_set})
        update[name] = value
    units: dict[str, UnitTarget] = {u.unit: u for u in base.units}
    units.update({u.unit: u for u in top.units})
    update["units"] = list(units.values())
    merged = base.model_copy(update=update)
    merged.with_src(base.src)
    return merged


def effective(file_targets: Targets | None, config_targets: dict[str, Any]) -> Targets | None:
    """The targets in force: the file's, overridden by `[tool.orgdesign.targets]` (ConfigError)."""
    if not config_targets:
        return file_targets
    return override(file_targets, _validated(config_targets, "[tool.orgdesign.targets]"))


def unit_seats(graph: OrgGraph, unit: str) -> int:
    """Seats of the positions in a unit and its sub-units."""
    return sum(graph.positions[p].headcount for p in graph.positions_in_subtree(unit))


def unit_cost(graph: OrgGraph, unit: str) -> tuple[float, int]:
    """Yearly cost of a unit subtree (seats times `cost`) and how many positions have no cost."""
    total, unknown = 0.0, 0
    for pid in graph.positions_in_subtree(unit):
        pos = graph.positions[pid]
        if pos.cost is None:
            unknown += 1
        else:
            total += float(pos.cost) * pos.headcount
    return total, unknown


def staff_per_manager(graph: OrgGraph) -> float | None:
    """Seats of non-managers per seat of managers (None when nobody manages)."""
    managers = sum(p.headcount for p in graph.positions.values() if graph.is_manager(p.id))
    staff = sum(p.headcount for p in graph.positions.values() if not graph.is_manager(p.id))
    return staff / managers if managers else None
