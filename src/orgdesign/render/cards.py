"""Role cards as data: everything one position's card says, ready for any renderer.

This module owns `role_card`, the JSON-serialisable description of one
position that the role-card documents (`orgdesign roles`, `render.roles`) and
the HTML explorer's side panel both render: title and unit, positioning (what
the position leads and oversees, like the opening of seed document 002),
solid and dotted reporting lines with the priority rule that decides each
decision domain and who arbitrates, direct reports, holders and vacancies,
RACI assignments grouped by letter and area with their KPIs, the duties of the
head of marketing under the seven dimensions, the KPIs the position answers
for, and the projects it leads or is a member of.

Labels are taken in `lang` (from `names`, falling back to the name); fixed
wording such as letter and dimension names comes from `render.i18n`. Nothing
here writes files or produces markup.
"""

from __future__ import annotations

from typing import Any

from orgdesign.graph import OrgGraph
from orgdesign.model import Org, Position, PriorityRule, RaciEntry, Responsibility
from orgdesign.render import i18n

Card = dict[str, Any]


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


def kpi_ref(kpi: str, lang: str | None) -> dict[str, str]:
    family = i18n.kpi_family(kpi)
    return {
        "id": kpi,
        "name": i18n.kpi_name(kpi, lang),
        "family": family,
        "family_name": i18n.kpi_family_name(family, lang),
    }


def responsibility_item(
    org: Org, entry: RaciEntry, letter: str, lang: str | None
) -> dict[str, Any]:
    """One assignment of the position: the responsibility, its area, scope and KPIs."""
    rid = entry.responsibility
    resp: Responsibility | None = org.responsibility_by_id.get(rid)
    area_id = org.area_of(rid)
    area = org.responsibility_by_id.get(area_id)
    dimension = dimension_of(org, rid)
    return {
        "id": rid,
        "name": resp.label(lang) if resp else rid,
        "description": resp.description if resp else None,
        "letter": letter,
        "area": {"id": area_id, "name": area.label(lang) if area else area_id},
        "scope": unit_ref(org, entry.scope, lang),
        "stage": resp.stage if resp else None,
        "stage_name": i18n.stage_name(resp.stage, lang) if resp and resp.stage else None,
        "dimension": dimension,
        "dimension_name": i18n.dimension_name(dimension, lang) if dimension else None,
        "required": bool(resp and resp.required),
        "kpis": [kpi_ref(k, lang) for k in (resp.kpis if resp else [])],
        "note": entry.note,
    }


def assignments(org: Org, pid: str, lang: str | None) -> list[dict[str, Any]]:
    """Every (entry, letter) naming the position, as items in file order (one per letter)."""
    items: list[dict[str, Any]] = []
    for entry in org.raci:
        seen: set[str] = set()
        for letter, who, _ in entry.letters():
            if who == pid and letter not in seen:
                seen.add(letter)
                items.append(responsibility_item(org, entry, letter, lang))
    return items


def area_order(org: Org) -> dict[str, int]:
    """Top-level responsibility (area) id -> its place in the catalogue."""
    return {top.id: i for i, top in enumerate(org.responsibilities)}


def responsibility_order(org: Org) -> dict[str, int]:
    """Responsibility id -> place in a depth-first walk of the catalogue."""
    order: dict[str, int] = {}
    for top in org.responsibilities:
        for resp, _ in top.walk():
            order.setdefault(resp.id, len(order))
    return order


def group_by_letter(
    org: Org, items: list[dict[str, Any]], lang: str | None
) -> list[dict[str, Any]]:
    """Assignments grouped by letter (A, R, S, C, I) and, inside, by area in catalogue order."""
    order = area_order(org)
    place = responsibility_order(org)
    groups: list[dict[str, Any]] = []
    for letter in i18n.LETTER_ORDER:
        mine = [item for item in items if item["letter"] == letter]
        mine.sort(key=lambda item: place.get(item["id"], len(place)))
        if not mine:
            continue
        areas: dict[str, dict[str, Any]] = {}
        for item in mine:
            area = item["area"]
            areas.setdefault(area["id"], {"id": area["id"], "name": area["name"], "items": []})
            areas[area["id"]]["items"].append(item)
        groups.append(
            {
                "letter": letter,
                "name": i18n.letter_name(letter, lang),
                "help": i18n.letter_help(letter, lang),
                "count": len(mine),
                "areas": sorted(areas.values(), key=lambda a: order.get(a["id"], len(order))),
            }
        )
    return groups


def known_dimensions(org: Org) -> list[str]:
    """Duty dimensions used in the organisation's catalogue: document 002's seven first."""
    used: list[str] = []
    for top in org.responsibilities:
        for resp, _ in top.walk():
            if resp.dimension and resp.dimension not in used:
                used.append(resp.dimension)
    ranked = [d for d in i18n.DIMENSION_ORDER if d in used]
    return ranked + [d for d in used if d not in ranked]


def dimensions(org: Org, items: list[dict[str, Any]], lang: str | None) -> list[dict[str, Any]]:
    """The duties of a leader under each dimension, or [] if the position holds none.

    A position holds leadership duties when it is A, R or S on a responsibility
    with a dimension; then every dimension of the catalogue is listed, empty
    ones too, so that a gap against document 002 shows, with `elsewhere`: who
    is accountable for that dimension's duties in the organisation instead.
    """
    doing = [i for i in items if i["dimension"] and i["letter"] in ("A", "R", "S")]
    if not doing:
        return []
    out: list[dict[str, Any]] = []
    for dim in known_dimensions(org):
        duties = _merge_letters([i for i in doing if i["dimension"] == dim])
        out.append(
            {
                "id": dim,
                "name": i18n.dimension_name(dim, lang),
                "items": duties,
                "elsewhere": [] if duties else accountable_elsewhere(org, dim, lang),
            }
        )
    return out


def accountable_elsewhere(org: Org, dim: str, lang: str | None) -> list[dict[str, Any]]:
    """Responsibilities of one dimension with their accountable positions, in file order."""
    out: list[dict[str, Any]] = []
    for entry in org.raci:
        if dimension_of(org, entry.responsibility) != dim:
            continue
        resp = org.responsibility_by_id.get(entry.responsibility)
        out.append(
            {
                "id": entry.responsibility,
                "name": resp.label(lang) if resp else entry.responsibility,
                "scope": unit_ref(org, entry.scope, lang),
                "accountable": [position_ref(org, a, lang) for a in entry.A],
            }
        )
    return out


def _merge_letters(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One item per (responsibility, scope) with all the position's letters on it."""
    merged: dict[tuple[str, str | None], dict[str, Any]] = {}
    for item in items:
        key = (item["id"], item["scope"]["id"] if item["scope"] else None)
        if key in merged:
            letters = merged[key]["letters"]
            if item["letter"] not in letters:
                letters.append(item["letter"])
        else:
            merged[key] = {**item, "letters": [item["letter"]]}
    for item in merged.values():
        item["letters"] = [x for x in i18n.LETTER_ORDER if x in item["letters"]]
        item["letter"] = item["letters"][0]
    return list(merged.values())


def kpis(items: list[dict[str, Any]], lang: str | None) -> list[dict[str, Any]]:
    """KPIs the position answers for (from what it is A or R on), grouped by KPI family."""
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        if item["letter"] not in ("A", "R"):
            continue
        for kpi in item["kpis"]:
            entry = seen.setdefault(kpi["id"], {**kpi, "from": []})
            if item["name"] not in entry["from"]:
                entry["from"].append(item["name"])
    families: list[dict[str, Any]] = []
    for family in i18n.KPI_FAMILY_ORDER:
        members = [k for k in seen.values() if k["family"] == family]
        if members:
            families.append(
                {"id": family, "name": i18n.kpi_family_name(family, lang), "kpis": members}
            )
    return families


def decisions(
    org: Org, graph: OrgGraph, pid: str, prule: PriorityRule, lang: str | None
) -> list[dict[str, Any]]:
    """Who has the final word in each decision domain under one rule."""
    solid = graph.manager(pid)
    dotted = graph.dotted_managers(pid)
    domain_ids = list(dict.fromkeys([*(d.id for d in org.decision_domains), *prule.decides]))
    rows: list[dict[str, Any]] = []
    for did in domain_ids:
        domain = org.domain_by_id.get(did)
        choice = prule.decides.get(did)
        if choice is None:
            by: list[dict[str, Any]] = []
            kind = "undecided"
        elif choice == "solid":
            by, kind = ([position_ref(org, solid, lang)] if solid else []), "solid"
        elif choice == "dotted":
            by, kind = [position_ref(org, d, lang) for d in dotted], "dotted"
        else:
            by, kind = [position_ref(org, choice, lang)], "position"
        rows.append(
            {
                "domain": {"id": did, "name": domain.label(lang) if domain else did},
                "decider": kind,
                "by": by,
            }
        )
    return rows


def priority(org: Org, graph: OrgGraph, pid: str, lang: str | None) -> list[dict[str, Any]]:
    """The priority rules resolving the position's dual reporting (empty without dotted lines)."""
    if not graph.dotted_managers(pid):
        return []
    return [
        {
            "id": prule.id,
            "name": prule.name or prule.id,
            "description": prule.description,
            "decisions": decisions(org, graph, pid, prule, lang),
            "escalation": position_ref(org, prule.escalation, lang) if prule.escalation else None,
        }
        for prule in graph.rules_by_position.get(pid, [])
    ]


def dotted_lines(
    org: Org, graph: OrgGraph, pid: str, rules: list[dict[str, Any]], lang: str | None
) -> list[dict[str, Any]]:
    """Each dotted-line manager with the domains in which that line has the final word."""
    lines: list[dict[str, Any]] = []
    for manager in graph.dotted_managers(pid):
        decides = [
            row["domain"]
            for prule in rules
            for row in prule["decisions"]
            if any(b["id"] == manager for b in row["by"]) and row["decider"] != "solid"
        ]
        escalations = [p["escalation"] for p in rules if p["escalation"]]
        lines.append(
            {
                "manager": position_ref(org, manager, lang),
                "decides": list({d["id"]: d for d in decides}.values()),
                "escalation": escalations[0] if escalations else None,
                "rules": [p["id"] for p in rules],
            }
        )
    return lines


def positioning(org: Org, graph: OrgGraph, pos: Position, lang: str | None) -> dict[str, Any]:
    """Where the position stands: units it leads and oversees, its team, its layer."""
    heads = [u for u in org.units if u.head == pos.id]
    led = {u.id for u in heads}
    oversees = [
        u
        for u in org.units
        if u.id not in led and any(a in led for a in graph.unit_ancestors(u.id))
    ]
    below = graph.subordinates(pos.id) if pos.id not in graph.in_cycle else set()
    manager = graph.manager(pos.id)
    return {
        "description": pos.description,
        "heads": [unit_ref(org, u.id, lang) for u in heads],
        "oversees": [unit_ref(org, u.id, lang) for u in oversees],
        "is_root": not pos.reports_to,
        "reports_to_top": manager is not None and graph.manager(manager) is None,
        "layer": graph.layers.get(pos.id),
        "span": graph.span(pos.id),
        "team_positions": len(below),
        "team_seats": sum(graph.seats(p) for p in below),
    }


def projects(org: Org, pid: str, lang: str | None) -> list[dict[str, Any]]:
    """Projects the position leads or is a member of."""
    out: list[dict[str, Any]] = []
    for project in org.projects:
        if project.lead == pid:
            role = "lead"
        elif pid in project.members:
            role = "member"
        else:
            continue
        out.append(
            {
                "id": project.id,
                "name": project.label(lang),
                "role": role,
                "lead": position_ref(org, project.lead, lang) if project.lead else None,
                "members": [position_ref(org, m, lang) for m in project.members],
                "kpis": [kpi_ref(k, lang) for k in project.kpis],
                "milestones": [
                    {
                        "name": m.name,
                        "due": m.due.isoformat() if m.due else None,
                        "done": m.done,
                    }
                    for m in project.milestones
                ],
                "description": project.description,
            }
        )
    return out


def role_card(org: Org, graph: OrgGraph, position_id: str, lang: str | None = None) -> Card:
    """Everything the role card of one position says, as JSON-serialisable data.

    Raises KeyError for an unknown position id.
    """
    pos = org.position_by_id[position_id]
    items = assignments(org, pos.id, lang)
    rules = priority(org, graph, pos.id, lang)
    manager = graph.manager(pos.id)
    arbitrates = [
        {
            "id": r.id,
            "name": r.name or r.id,
            "positions": [
                position_ref(org, p, lang) for p in graph.covered_by(r) if graph.dotted_managers(p)
            ],
        }
        for r in org.priority_rules
        if r.escalation == pos.id
    ]
    return {
        "id": pos.id,
        "title": pos.label(lang),
        "unit": unit_ref(org, pos.unit, lang),
        "description": pos.description,
        "headcount": pos.headcount,
        "holders": list(pos.holders),
        "vacancies": pos.vacancies,
        "cost": pos.cost,
        "assistant": pos.assistant,
        "positioning": positioning(org, graph, pos, lang),
        "reports_to": position_ref(org, manager, lang) if manager else None,
        "dotted_lines": dotted_lines(org, graph, pos.id, rules, lang),
        "priority_rules": rules,
        "direct_reports": [position_ref(org, r, lang) for r in graph.reports(pos.id)],
        "dotted_reports": [position_ref(org, r, lang) for r in graph.dotted_reports(pos.id)],
        "arbitrates": arbitrates,
        "responsibilities": group_by_letter(org, items, lang),
        "dimensions": dimensions(org, items, lang),
        "kpis": kpis(items, lang),
        "projects": projects(org, pos.id, lang),
    }
