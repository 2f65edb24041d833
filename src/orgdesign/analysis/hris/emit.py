"""Drafts to the org file: plain data in a fixed order, and its YAML text.

Positions are written from the top down, each manager's reports in the order
of their lowest employee id, and units parents first; holders carry their
employee id (`{name: Steven King, id: "100"}`). Nothing here depends on the
order of the input rows, so any permutation of the same rows gives the same
bytes.
"""

from __future__ import annotations

from typing import Any

import yaml

from orgdesign.analysis.hris.build import Builder
from orgdesign.analysis.hris.drafts import PositionDraft, UnitDraft
from orgdesign.analysis.hris.read import Employee
from orgdesign.analysis.numbers import plain_number

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]


number = plain_number
"""Costs as written to the org file (`analysis.numbers.plain_number`)."""


def seat_cost(members: list[Employee]) -> tuple[int | float | None, list[int | float]]:
    """The cost per seat (the mean when the rows differ) and the costs it was made of."""
    costs = [e.cost for e in members if e.cost is not None]
    if not costs:
        return None, []
    if all(c == costs[0] for c in costs):
        return number(costs[0]), []
    # Divide before adding: a sum of large salaries could overflow.
    mean = sum(c / len(costs) for c in costs)
    return number(round(mean, 2)), [number(c) for c in costs]


def holders(members: list[Employee], vacant_column: bool) -> list[Any]:
    """The people in the seats with their HR ids; vacant rows hold nobody."""
    out: list[Any] = []
    for emp in members:
        if emp.vacant and vacant_column:
            continue
        hid = emp.holder_id
        name = emp.name or hid or emp.id
        out.append({"name": name, "id": hid} if hid else name)
    return out


def position_data(pos: PositionDraft, units: dict[str, UnitDraft], vacant_column: bool) -> Any:
    data: dict[str, Any] = {"id": pos.id, "title": pos.title}
    if pos.names:
        data["names"] = dict(sorted(pos.names.items()))
    data["unit"] = units[pos.unit_key].id
    if pos.manager:
        data["reports_to"] = pos.manager.id
    if pos.dotted:
        data["dotted_to"] = [t.id for t in pos.dotted]
    if len(pos.members) > 1:
        data["headcount"] = len(pos.members)
    people = holders(pos.members, vacant_column)
    if people:
        data["holders"] = people
    cost, _ = seat_cost(pos.members)
    if cost is not None:
        data["cost"] = cost
    if all(e.assistant for e in pos.members):
        data["assistant"] = True
    if pos.description:
        data["description"] = pos.description
    return data


def position_order(positions: list[PositionDraft]) -> list[PositionDraft]:
    """Top down, each manager's reports in the order of their lowest employee id."""
    children: dict[int, list[PositionDraft]] = {}
    roots: list[PositionDraft] = []
    for pos in positions:
        if pos.manager is None:
            roots.append(pos)
        else:
            children.setdefault(id(pos.manager), []).append(pos)
    order: list[PositionDraft] = []
    stack = sorted(roots, key=lambda p: p.key, reverse=True)
    while stack:
        pos = stack.pop()
        order.append(pos)
        stack.extend(sorted(children.get(id(pos), []), key=lambda p: p.key, reverse=True))
    return order


def unit_order(units: list[UnitDraft]) -> list[UnitDraft]:
    """Parents before children, children by id."""
    children: dict[str | None, list[UnitDraft]] = {}
    for unit in units:
        children.setdefault(unit.parent, []).append(unit)
    order: list[UnitDraft] = []
    stack = sorted(children.get(None, []), key=lambda u: u.id, reverse=True)
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(sorted(children.get(unit.key, []), key=lambda u: u.id, reverse=True))
    return order


def unit_data(unit: UnitDraft, units: dict[str, UnitDraft]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": unit.id, "name": unit.name}
    if unit.names:
        data["names"] = dict(sorted(unit.names.items()))
    data["type"] = unit.type
    if unit.parent:
        data["parent"] = units[unit.parent].id
    if unit.head:
        data["head"] = unit.head.id
    if unit.description:
        data["description"] = unit.description
    return data


def body(builder: Builder) -> tuple[list[Any], list[Any]]:
    """Units and positions as plain data."""
    units = builder.units
    vacant = builder.columns.has("vacant")
    unit_list = [unit_data(u, units) for u in unit_order(list(units.values()))]
    positions = [position_data(p, units, vacant) for p in position_order(builder.positions)]
    return unit_list, positions


CHUNK = 500
"""List items dumped at a time: the YAML emitter's node graph stays small for any size."""


def _dump(data: Any, block: bool = False) -> str:
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False if block else None,
        width=100,
        indent=2,
    )
    return text


def dump_yaml(data: dict[str, Any], header: str) -> str:
    """Safe, quoted YAML keeping Unicode as it is.

    Each top-level key, and long lists `CHUNK` items at a time, is dumped on
    its own (the same bytes as one dump): dumping a 250,000-row import at once
    builds a node per scalar and takes several times the memory of the data.
    """
    parts = [header]
    for key, value in data.items():
        if not isinstance(value, dict | list):  # alone, `key: 1` would be written `{key: 1}`
            parts.append(_dump({key: value}, block=True))
            continue
        if (
            isinstance(value, dict)
            or len(value) <= CHUNK
            or not all(isinstance(v, dict) for v in value)
        ):
            parts.append(_dump({key: value}))
            continue
        parts.append(_dump({key: value[:CHUNK]}))
        parts += [_dump(value[i : i + CHUNK]) for i in range(CHUNK, len(value), CHUNK)]
    return "".join(parts)
