"""The parts of `orgdesign diff` an HR director asked for beyond positions and lines.

This module owns three comparisons of an as-is and a to-be `Org`, each on ids
of the new version (old ids mapped through the renames and the unit map):
units moved to a new parent, a position's own cost per seat changed, and
priority rules (who decides what on a dual-reporting line) added, removed or
changed domain by domain. `orgdesign.analysis.diff` gathers and renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdesign.model import Org, PriorityRule


@dataclass(frozen=True)
class UnitMove:
    """A unit under a new parent unit."""

    id: str
    name: str
    old_parent: str | None
    new_parent: str | None
    old_parent_name: str | None
    new_parent_name: str | None


@dataclass(frozen=True)
class CostChange:
    """A position whose own cost per seat changed (None: no cost given)."""

    id: str
    title: str
    old_cost: float | None
    new_cost: float | None
    seats: int


@dataclass(frozen=True)
class PriorityChange:
    """A priority rule added, removed or changed: who decides each domain, before -> after."""

    id: str
    name: str
    status: str
    decides: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """Decision domain -> (old decider, new decider), only the domains that changed."""
    escalation: tuple[str | None, str | None] | None = None
    applies_to: tuple[list[str], list[str]] | None = None
    """(old, new) positions and units covered, when that changed."""
    domain_names: dict[str, str] = field(default_factory=dict)
    """Decision domain id -> its name in the language asked for."""


def unit_moves(old: Org, new: Org, unit_map: dict[str, str], lang: str | None) -> list[UnitMove]:
    """Units (matched by id through `unit_map`) whose parent changed."""
    before = {unit_map.get(u.id, u.id): u for u in old.units}
    new_names = {u.id: u.label(lang) for u in new.units}
    old_names = {unit_map.get(u.id, u.id): u.label(lang) for u in old.units}
    out: list[UnitMove] = []
    for unit in new.units:
        was = before.get(unit.id)
        if was is None:
            continue
        old_parent = unit_map.get(was.parent, was.parent) if was.parent else None
        if old_parent == unit.parent:
            continue
        out.append(
            UnitMove(
                unit.id,
                unit.label(lang),
                old_parent,
                unit.parent,
                old_names.get(old_parent or "", old_parent),
                new_names.get(unit.parent or "", unit.parent),
            )
        )
    return out


def cost_changes(old: Org, new: Org, renames: dict[str, str], lang: str | None) -> list[CostChange]:
    """Positions kept (through renames) whose cost per seat changed."""
    before = {renames.get(p.id, p.id): p for p in old.positions}
    out: list[CostChange] = []
    for pos in new.positions:
        was = before.get(pos.id)
        if was is not None and was.cost != pos.cost:
            out.append(CostChange(pos.id, pos.label(lang), was.cost, pos.cost, pos.headcount))
    return out


def _decider(value: str | None, renames: dict[str, str]) -> str | None:
    if value is None or value in ("solid", "dotted"):
        return value
    return renames.get(value, value)


def _covered(
    prule: PriorityRule, renames: dict[str, str], unit_map: dict[str, str]
) -> tuple[list[str], list[str]]:
    return (
        sorted(renames.get(p, p) for p in prule.applies_to.positions),
        sorted(unit_map.get(u, u) for u in prule.applies_to.units),
    )


def _rule_change(
    was: PriorityRule | None,
    now: PriorityRule | None,
    renames: dict[str, str],
    unit_map: dict[str, str],
    lang: str | None,
    domains: dict[str, str],
) -> PriorityChange | None:
    ref = now or was
    assert ref is not None
    status = "added" if was is None else "removed" if now is None else "changed"
    old_decides = {d: _decider(v, renames) for d, v in (was.decides if was else {}).items()}
    new_decides = dict(now.decides) if now else {}
    decides = {
        d: (old_decides.get(d), new_decides.get(d))
        for d in dict.fromkeys([*old_decides, *new_decides])
        if old_decides.get(d) != new_decides.get(d)
    }
    old_esc = _decider(was.escalation, renames) if was else None
    new_esc = now.escalation if now else None
    escalation = (old_esc, new_esc) if old_esc != new_esc else None
    old_cov = _covered(was, renames, unit_map) if was else ([], [])
    new_cov = _covered(now, {}, {}) if now else ([], [])
    applies = (old_cov[0] + old_cov[1], new_cov[0] + new_cov[1]) if old_cov != new_cov else None
    if status == "changed" and not decides and escalation is None and applies is None:
        return None
    name = ref.label(lang) if (ref.name or ref.names) else ref.id
    return PriorityChange(ref.id, name, status, decides, escalation, applies, domains)


def priority_changes(
    old: Org,
    new: Org,
    renames: dict[str, str],
    unit_map: dict[str, str],
    lang: str | None,
    rule_map: dict[str, str] | None = None,
) -> list[PriorityChange]:
    """Priority rules (matched by id, through `rule_map`) whose deciders, escalation or
    coverage changed."""
    rules = rule_map or {}
    before = {rules.get(r.id, r.id): r for r in old.priority_rules}
    after = {r.id: r for r in new.priority_rules}
    domains = {d.id: d.label(lang) for d in [*old.decision_domains, *new.decision_domains]}
    out: list[PriorityChange] = []
    for rid in [*after, *(r for r in before if r not in after)]:
        change = _rule_change(before.get(rid), after.get(rid), renames, unit_map, lang, domains)
        if change is not None:
            out.append(change)
    return out
