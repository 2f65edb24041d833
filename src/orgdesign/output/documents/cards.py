"""Role cards as data: everything one position's card says, ready for any renderer.

This module owns `role_card`, the JSON-serialisable description of one
position that the role-card documents (`orgdesign roles`, `render.roles`) and
the HTML explorer's side panel both render: title and unit, positioning (what
the position leads and oversees, like the opening of seed document 002),
solid and dotted reporting lines with the priority rule that decides each
decision domain and who arbitrates, direct reports, holders and vacancies,
RACI assignments grouped by letter and area with their KPIs, the duties of the
head of marketing under the seven dimensions, the KPIs the position answers
for, the projects it leads or is a member of, and its role profile (roles,
competencies, work methods, evaluation, career path: `render.role_profile`).

Labels are taken in `lang` (from `names`, falling back to the name); fixed
wording such as letter and dimension names comes from `render.i18n`. Nothing
here writes files or produces markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org, Position, PriorityRule, Project, RaciEntry, Responsibility
from orgdesign.output.documents.role_profile import head_of_marketing_defaults, role_profile

Card = dict[str, Any]


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
        "description": resp.describe(lang) if resp else None,
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


def assignments(org: Org, index: CardIndex, pid: str, lang: str | None) -> list[dict[str, Any]]:
    """Every (entry, letter) naming the position, as items in file order (one per letter)."""
    return [
        responsibility_item(org, entry, letter, lang)
        for entry, letter in index.assignments.get(pid, [])
    ]


def responsibility_order(org: Org) -> dict[str, int]:
    """Responsibility id -> place in a depth-first walk of the catalogue."""
    order: dict[str, int] = {}
    for top in org.responsibilities:
        for resp, _ in top.walk():
            order.setdefault(resp.id, len(order))
    return order


def group_by_letter(
    index: CardIndex, items: list[dict[str, Any]], lang: str | None
) -> list[dict[str, Any]]:
    """Assignments grouped by letter (A, R, S, C, I) and, inside, by area in catalogue order."""
    order = index.area_rank
    place = index.resp_rank
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


def dimensions(
    org: Org, index: CardIndex, items: list[dict[str, Any]], lang: str | None
) -> list[dict[str, Any]]:
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
    for dim in index.dimensions:
        duties = _merge_letters([i for i in doing if i["dimension"] == dim])
        out.append(
            {
                "id": dim,
                "name": i18n.dimension_name(dim, lang),
                "items": duties,
                "elsewhere": [] if duties else accountable_elsewhere(org, index, dim, lang),
            }
        )
    return out


def accountable_elsewhere(
    org: Org, index: CardIndex, dim: str, lang: str | None
) -> list[dict[str, Any]]:
    """Responsibilities of one dimension with their accountable positions, in file order."""
    out: list[dict[str, Any]] = []
    for entry in index.by_dimension.get(dim, []):
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
            "name": prule.label(lang),
            "description": prule.describe(lang),
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


def positioning(
    org: Org, graph: OrgGraph, index: CardIndex, pos: Position, lang: str | None
) -> dict[str, Any]:
    """Where the position stands: units it leads and oversees, its team, its layer."""
    led = [u for u in index.heads.get(pos.id, []) if u in graph.units]
    oversees, hidden = _overseen(graph, index, led)
    shown = [unit_ref(org, uid, lang) for uid in oversees]
    if hidden:  # a card per position must not grow with the depth of the unit tree
        shown.append({"id": None, "name": f"… (+{hidden})", "type": None, "known": False})
    if pos.id in graph.in_cycle:
        team, seats = 0, 0
    else:
        team, seats = graph.team_sizes.get(pos.id) or _team_of(graph, pos.id)
    manager = graph.manager(pos.id)
    return {
        "description": pos.describe(lang),
        "heads": [unit_ref(org, uid, lang) for uid in led],
        "oversees": shown,
        "is_root": not pos.reports_to,
        "reports_to_top": manager is not None and graph.manager(manager) is None,
        "layer": graph.layers.get(pos.id),
        "span": graph.span(pos.id),
        "team_positions": team,
        "team_seats": seats,
    }


OVERSEES_SHOWN = 50
"""Units listed as overseen on one card; more are counted."""


def _overseen(graph: OrgGraph, index: CardIndex, led: list[str]) -> tuple[list[str], int]:
    """Units below the led ones (at most OVERSEES_SHOWN, in file order) and how many more."""
    rank = index.unit_rank
    intervals = graph.unit_intervals
    if any(uid not in intervals for uid in led):  # in or below a unit cycle: walk it all
        below: set[str] = set()
        for uid in led:
            below |= graph.unit_subtree(uid)
        every = sorted(below - set(led), key=lambda u: rank.get(u, 0))
        return every[:OVERSEES_SHOWN], max(len(every) - OVERSEES_SHOWN, 0)
    # Led units nested in another led unit are counted with the outer one.
    outer = [u for u in led if not any(o != u and graph.unit_contains(o, u) for o in led)]
    count = sum(graph.unit_subtree_size(u) for u in outer) - len(set(led))
    found: set[str] = set()
    for uid in outer:
        found.update(graph.unit_subtree_first(uid, OVERSEES_SHOWN + len(led) + 1))
    shown = sorted(found - set(led), key=lambda u: rank.get(u, 0))[:OVERSEES_SHOWN]
    return shown, max(count - len(shown), 0)


def _team_of(graph: OrgGraph, pid: str) -> tuple[int, int]:
    """Positions and seats below a position under a reporting cycle (rare: walk them)."""
    below = graph.subordinates(pid)
    return len(below), sum(graph.seats(p) for p in below)


def projects(org: Org, index: CardIndex, pid: str, lang: str | None) -> list[dict[str, Any]]:
    """Projects the position leads or is a member of."""
    return [
        {
            "id": project.id,
            "name": project.label(lang),
            "role": role,
            "lead": position_ref(org, project.lead, lang) if project.lead else None,
            "members": [position_ref(org, m, lang) for m in project.members],
            "kpis": [kpi_ref(k, lang) for k in project.kpis],
            "milestones": [
                {"name": m.name, "due": m.due.isoformat() if m.due else None, "done": m.done}
                for m in project.milestones
            ],
            "description": project.describe(lang),
        }
        for project, role in index.projects.get(pid, [])
    ]


def role_card(
    org: Org,
    graph: OrgGraph,
    position_id: str,
    lang: str | None = None,
    index: CardIndex | None = None,
) -> Card:
    """Everything the role card of one position says, as JSON-serialisable data.

    Pass the `card_index(org)` when making many cards (or use `role_cards`).
    Raises KeyError for an unknown position id.
    """
    pos = org.position_by_id[position_id]
    index = index or card_index(org)
    items = assignments(org, index, pos.id, lang)
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
        for r in index.arbitrates.get(pos.id, [])
    ]
    return {
        "id": pos.id,
        "title": pos.label(lang),
        "unit": unit_ref(org, pos.unit, lang),
        "description": pos.describe(lang),
        "headcount": pos.headcount,
        "holders": list(pos.holders),
        "vacancies": pos.vacancies,
        "cost": pos.cost,
        "assistant": pos.assistant,
        "positioning": positioning(org, graph, index, pos, lang),
        "reports_to": position_ref(org, manager, lang) if manager else None,
        "dotted_lines": dotted_lines(org, graph, pos.id, rules, lang),
        "priority_rules": rules,
        "direct_reports": [position_ref(org, r, lang) for r in graph.reports(pos.id)],
        "dotted_reports": [position_ref(org, r, lang) for r in graph.dotted_reports(pos.id)],
        "arbitrates": arbitrates,
        "responsibilities": group_by_letter(index, items, lang),
        "dimensions": dimensions(org, index, items, lang),
        "kpis": kpis(items, lang),
        "projects": projects(org, index, pos.id, lang),
        "profile": role_profile(org, pos, dict(index.role_defaults), lang),
    }


def role_cards(org: Org, graph: OrgGraph, lang: str | None = None) -> dict[str, Card]:
    """The card of every position, in file order, sharing one `CardIndex`."""
    index = card_index(org)
    return {pid: role_card(org, graph, pid, lang, index) for pid in org.position_by_id}
