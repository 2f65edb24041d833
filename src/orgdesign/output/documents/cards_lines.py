"""Where a role card says the position stands: the units it leads and oversees, its team
and layer, its dotted lines and the priority rules that decide each decision domain.
"""

from __future__ import annotations

from typing import Any

from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org, Position, PriorityRule
from orgdesign.output.documents.cards_index import CardIndex, position_ref, unit_ref


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
