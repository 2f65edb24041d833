"""The lookups every role card of one organisation shares, and short references.

This module owns `CardIndex` (built once in one pass over the organisation, so the cards
of all positions cost time in proportion to its size, not to its square), the catalogue
order of responsibilities and duty dimensions, and the short references to a position,
a unit or a KPI that cards carry (`role_card` in `cards`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orgdesign import i18n
from orgdesign.model import Org, PriorityRule, Project, RaciEntry
from orgdesign.output.documents.role_profile import head_of_marketing_defaults


@dataclass(frozen=True)
class CardIndex:
    """Lookups every card of one organisation shares, built once in one pass over it.

    With it, the cards of all positions cost time in proportion to the size of
    the organisation, not to its square.
    """

    assignments: Mapping[str, list[tuple[RaciEntry, str]]]
    """Position id -> (entry, letter) naming it, in file order, one per letter and entry."""
    heads: Mapping[str, list[str]]
    """Position id -> ids of the units it heads."""
    projects: Mapping[str, list[tuple[Project, str]]]
    """Position id -> (project, "lead" or "member")."""
    arbitrates: Mapping[str, list[PriorityRule]]
    """Position id -> priority rules naming it as escalation."""
    unit_rank: Mapping[str, int]
    resp_rank: Mapping[str, int]
    area_rank: Mapping[str, int]
    dimensions: tuple[str, ...]
    by_dimension: Mapping[str, list[RaciEntry]]
    """Duty dimension -> entries on responsibilities of that dimension."""
    role_defaults: Mapping[str, Any] = field(default_factory=dict)
    """The catalogue's role profile of the head of marketing (`render.role_profile`)."""


def card_index(org: Org) -> CardIndex:
    """The shared lookups of `role_card` for one organisation."""
    assigned: dict[str, list[tuple[RaciEntry, str]]] = {}
    by_dimension: dict[str, list[RaciEntry]] = {}
    for entry in org.raci:
        seen: set[tuple[str, str]] = set()
        for letter, pid, _ in entry.letters():
            if (pid, letter) not in seen:
                seen.add((pid, letter))
                assigned.setdefault(pid, []).append((entry, letter))
        dim = dimension_of(org, entry.responsibility)
        if dim:
            by_dimension.setdefault(dim, []).append(entry)
    heads: dict[str, list[str]] = {}
    for unit in org.units:
        if unit.head:
            heads.setdefault(unit.head, []).append(unit.id)
    projects: dict[str, list[tuple[Project, str]]] = {}
    for project in org.projects:
        if project.lead:
            projects.setdefault(project.lead, []).append((project, "lead"))
        for member in dict.fromkeys(project.members):
            if member != project.lead:
                projects.setdefault(member, []).append((project, "member"))
    arbitrates: dict[str, list[PriorityRule]] = {}
    for prule in org.priority_rules:
        if prule.escalation:
            arbitrates.setdefault(prule.escalation, []).append(prule)
    return CardIndex(
        assignments=assigned,
        heads=heads,
        projects=projects,
        arbitrates=arbitrates,
        unit_rank={u.id: i for i, u in enumerate(org.units)},
        resp_rank=responsibility_order(org),
        area_rank={top.id: i for i, top in enumerate(org.responsibilities)},
        dimensions=tuple(known_dimensions(org)),
        by_dimension=by_dimension,
        role_defaults=head_of_marketing_defaults(),
    )


def position_ref(org: Org, pid: str, lang: str | None) -> dict[str, Any]:
    """A short reference to a position: id, title, holders; `known` is False for bad ids."""
    pos = org.position_by_id.get(pid)
    if pos is None:
        return {"id": pid, "title": pid, "holders": [], "vacant": True, "known": False}
    return {
        "id": pos.id,
        "title": pos.label(lang),
        "holders": list(pos.holders),
        "vacant": pos.vacant,
        "known": True,
    }


def unit_ref(org: Org, uid: str | None, lang: str | None) -> dict[str, Any] | None:
    """A short reference to a unit (None when there is no unit)."""
    if not uid:
        return None
    unit = org.unit_by_id.get(uid)
    if unit is None:
        return {"id": uid, "name": uid, "type": None, "known": False}
    return {"id": unit.id, "name": unit.label(lang), "type": unit.type, "known": True}


def kpi_ref(kpi: str, lang: str | None) -> dict[str, str]:
    family = i18n.kpi_family(kpi)
    return {
        "id": kpi,
        "name": i18n.kpi_name(kpi, lang),
        "family": family,
        "family_name": i18n.kpi_family_name(family, lang),
    }


def dimension_of(org: Org, rid: str) -> str | None:
    """The duty dimension of a responsibility: its own, or the nearest ancestor's."""
    node: str | None = rid
    seen: set[str] = set()
    while node is not None and node not in seen:
        seen.add(node)
        resp = org.responsibility_by_id.get(node)
        if resp is not None and resp.dimension:
            return resp.dimension
        node = org.responsibility_parent.get(node)
    return None


def responsibility_order(org: Org) -> dict[str, int]:
    """Responsibility id -> place in a depth-first walk of the catalogue."""
    order: dict[str, int] = {}
    for top in org.responsibilities:
        for resp, _ in top.walk():
            order.setdefault(resp.id, len(order))
    return order


def known_dimensions(org: Org) -> list[str]:
    """Duty dimensions used in the organisation's catalogue: document 002's seven first."""
    used: list[str] = []
    for top in org.responsibilities:
        for resp, _ in top.walk():
            if resp.dimension and resp.dimension not in used:
                used.append(resp.dimension)
    ranked = [d for d in i18n.dimension_order() if d in used]
    return ranked + [d for d in used if d not in ranked]
