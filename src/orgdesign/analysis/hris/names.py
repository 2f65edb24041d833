"""Ids of the imported units and positions: stable between exports, whatever the row order.

A position id comes from what does not change from one export to the next:
the position id column when there is one; otherwise the job title, then the
title with the unit, then the title with the manager's position, the first of
these that no other position at the same depth shares; what still collides
is numbered in order of the lowest employee id. Unit ids come from the
department id or name (Chinese names get a short hash of the name). With a
previous import (`--previous`), positions and units that match one of it keep
its id: a position matches by a holder's employee id and its title, or by its
title, unit and manager; a unit by its name or department id.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from orgdesign.analysis.hris.common import id_order, slugify, stable_slug
from orgdesign.analysis.hris.drafts import PositionDraft, UnitDraft
from orgdesign.model import Org

MAX_ID = 120


@dataclass
class Previous:
    """The ids of an earlier import, indexed for matching."""

    by_holder: dict[tuple[str, str], str] = field(default_factory=dict)
    by_place: dict[tuple[str, str, str], str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, org: Org) -> Previous:
        prev = cls()
        for unit in org.units:
            prev.units.setdefault("name:" + unit.name, unit.id)
            prev.units.setdefault("id:" + unit.id, unit.id)
            prev.ids.add(unit.id)
        for pos in org.positions:
            for hid in getattr(pos, "holder_ids", []):
                if hid:
                    prev.by_holder.setdefault((hid, pos.title), pos.id)
            prev.by_place.setdefault((pos.title, pos.unit or "", pos.reports_to or ""), pos.id)
            prev.ids.add(pos.id)
        return prev


def _numbered(base: str, *taken: set[str]) -> str:
    n = 2
    while any(f"{base}-{n}" in t for t in taken):
        n += 1
    return f"{base}-{n}"


def _fit(text: str) -> str:
    return text[:MAX_ID].rstrip("-.") or "x"


def name_units(units: list[UnitDraft], previous: Previous | None) -> int:
    """Unit ids; returns how many were kept from `previous`."""
    used: set[str] = set()
    kept = 0
    pending: list[tuple[str, UnitDraft]] = []
    for unit in sorted(units, key=lambda u: u.key):
        old = None
        if previous is not None:
            old = previous.units.get(unit.key) or previous.units.get("name:" + unit.name)
        if old and old not in used:
            unit.id = old
            used.add(old)
            kept += 1
            continue
        raw = unit.key.split(":", 1)[1]
        if unit.key.startswith("id:") and slugify(raw) == raw.lower() and raw[:1].isalnum():
            base = raw
        elif unit.key == "root:":
            base = "organization"
        else:
            base = stable_slug(raw, "unit")
        pending.append((_fit(base), unit))
    reserved = used | (previous.ids if previous else set())
    for base, unit in pending:
        unit.id = base if base not in reserved else _numbered(base, reserved)
        reserved.add(unit.id)
    return kept


def _lowest_id(pos: PositionDraft) -> str:
    first = min(pos.members, key=lambda e: id_order(e.id))
    return stable_slug(first.id, "e")


def _candidates(pos: PositionDraft, units: dict[str, UnitDraft]) -> list[str]:
    """Ids to try in turn: the title; with the unit; with the manager's and then the
    position's own lowest employee id (short, and unchanged when others come or go)."""
    title = stable_slug(pos.title, "position")
    unit = units[pos.unit_key].id
    manager = _lowest_id(pos.manager) if pos.manager else "top"
    return [
        _fit(title),
        _fit(f"{title}-{unit}"),
        _fit(f"{title}-{manager}"),
        _fit(f"{title}-{_lowest_id(pos)}"),
    ]


def _raw_id(pos: PositionDraft) -> str:
    raw = pos.raw_id
    if slugify(raw) == raw.lower() and raw[:1].isalnum() and len(raw) <= MAX_ID:
        return raw
    return _fit(stable_slug(raw, "position"))


def _match(pos: PositionDraft, units: dict[str, UnitDraft], previous: Previous) -> list[str]:
    """Previous ids this position may keep, best first.

    The position at the same place (title, unit, manager) comes first when one of its
    holders held it too; then the position most of its holders held with this title.
    """
    manager = pos.manager.id if pos.manager else ""
    place = previous.by_place.get((pos.title, units[pos.unit_key].id, manager))
    held = Counter(
        previous.by_holder[(e.holder_id, pos.title)]
        for e in pos.members
        if e.holder_id and (e.holder_id, pos.title) in previous.by_holder
    )
    ranked = sorted(held, key=lambda pid: (pid != place, -held[pid], pid))
    return [*ranked, place] if place and place not in held else ranked


def name_positions(
    positions: list[PositionDraft], units: dict[str, UnitDraft], previous: Previous | None
) -> int:
    """Position ids, depth by depth (a manager's id is known before its reports')."""
    used: set[str] = set()
    reserved = set(previous.ids) if previous else set()
    kept = 0
    by_depth: dict[int, list[PositionDraft]] = {}
    for pos in positions:
        by_depth.setdefault(pos.depth, []).append(pos)
    for depth in sorted(by_depth):
        level = sorted(by_depth[depth], key=lambda p: p.key)
        pending: list[PositionDraft] = []
        for pos in level:
            choices = _match(pos, units, previous) if previous else []
            old = next((c for c in choices if c not in used), None)
            if old:
                pos.id = old
                used.add(old)
                kept += 1
            else:
                pending.append(pos)
        _generate(pending, units, used, reserved)
    return kept


def _generate(
    pending: list[PositionDraft], units: dict[str, UnitDraft], used: set[str], reserved: set[str]
) -> None:
    raw = [p for p in pending if p.raw_id]
    for pos in raw:
        base = _raw_id(pos)
        pos.id = base if base not in used else _numbered(base, used, reserved)
        used.add(pos.id)
    left = [p for p in pending if not p.raw_id]
    candidates = {id(p): _candidates(p, units) for p in left}
    for level in range(4):
        counts: dict[str, int] = {}
        for pos in left:
            counts[candidates[id(pos)][level]] = counts.get(candidates[id(pos)][level], 0) + 1
        still: list[PositionDraft] = []
        for pos in left:
            cand = candidates[id(pos)][level]
            if counts[cand] == 1 and cand not in used and cand not in reserved:
                pos.id = cand
                used.add(cand)
            else:
                still.append(pos)
        left = still
    for pos in left:  # already in order of their lowest employee id
        base = candidates[id(pos)][0]
        free = base not in used and base not in reserved
        pos.id = base if free else _numbered(base, used, reserved)
        used.add(pos.id)
