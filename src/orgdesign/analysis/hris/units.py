"""Heads and parents of the imported units, always one tree.

A unit's head is the position named in a department-head column, else its
highest-placed position (ties: the lowest employee id); its parent is the
department-parent column's unit when those columns form one tree, else the
unit of the head's manager. Whatever the rows say, the result is one tree
rooted at the top position's unit: a unit whose parents would loop, or point
at itself, is put under the root unit with a note, so an import can never
write a unit cycle (ORG103) or a second root.
"""

from __future__ import annotations

from orgdesign.analysis.hris.build import Builder
from orgdesign.analysis.hris.common import Problem
from orgdesign.analysis.hris.drafts import PositionDraft, UnitDraft
from orgdesign.analysis.hris.read import Employee


def add_empty_units(builder: Builder, rows: list[Employee]) -> None:
    """Units that only a unit row describes (the empty units `export` writes)."""
    for emp in rows:
        builder.add_unit("id:" + emp.department_id, emp)


def _heads(builder: Builder) -> None:
    by_unit: dict[str, list[PositionDraft]] = {}
    for pos in builder.positions:
        by_unit.setdefault(pos.unit_key, []).append(pos)
    for key, unit in builder.units.items():
        explicit = builder.raw_position.get(unit.explicit_head) if unit.explicit_head else None
        members = by_unit.get(key, [])
        if explicit is not None:
            unit.head = explicit
        elif members:
            unit.head = min(members, key=lambda p: (p.depth, p.key))


def _explicit_parent(builder: Builder, unit: UnitDraft) -> str | None:
    key = "id:" + unit.explicit_parent if unit.explicit_parent else ""
    return key if key in builder.units and key != unit.key else None


def _inferred_parent(unit: UnitDraft) -> str | None:
    manager = unit.head.manager if unit.head else None
    return manager.unit_key if manager is not None and manager.unit_key != unit.key else None


def _tree(parents: dict[str, str | None], root: str) -> tuple[dict[str, str | None], list[str]]:
    """`parents` made into one tree under `root`: the units that had to move, in order."""
    fixed: dict[str, str | None] = dict(parents)
    fixed[root] = None
    status: dict[str, int] = {root: 2}
    moved: list[str] = []
    for start in sorted(fixed):
        walk: list[str] = []
        node: str | None = start
        while node is not None and status.get(node) is None:
            status[node] = 1
            walk.append(node)
            node = fixed.get(node)
        if node is None or status.get(node) == 1:
            # The chain ends without reaching the root, or loops: hang its last unit on the root.
            last = walk[-1]
            fixed[last] = root
            moved.append(last)
        for visited in walk:
            status[visited] = 2
    return fixed, moved


def place_units(builder: Builder, root_key: str) -> None:
    """Heads (explicit, else the highest-placed position) and parents of the units."""
    _heads(builder)
    units = builder.units
    explicit = {k: _explicit_parent(builder, u) for k, u in units.items()}
    inferred = {k: _inferred_parent(u) for k, u in units.items()}
    given = {k: explicit[k] or inferred[k] for k in units}
    chosen, moved = _tree(given, root_key)
    if moved and any(explicit.values()):
        inferred_tree, moved_inferred = _tree(inferred, root_key)
        if len(moved_inferred) < len(moved):
            chosen, moved = inferred_tree, moved_inferred
    for key in moved:
        unit = units[key]
        if key in given and given[key] is None and unit.head is None:
            continue  # an empty unit without a parent column: under the root, nothing to say
        builder.notes.append(
            Problem(
                min(unit.rows, default=0),
                "unit parent",
                f"the parent of unit {unit.name or key!r} would make the units loop or "
                "leave the organisation's tree; it is placed under the top unit",
            )
        )
    for key, unit in units.items():
        unit.parent = chosen[key]
    for unit in units.values():
        if unit.parent is None and not unit.typed:
            unit.type = "company"
