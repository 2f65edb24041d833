"""Role cards as data: everything one position's card says, ready for any renderer.

This module owns `role_card`, the JSON-serialisable description of one
position that the role-card documents (`orgdesign roles`, `documents.roles`) and
the HTML explorer's side panel both render: title and unit, positioning (what
the position leads and oversees, like the opening of seed document 002),
solid and dotted reporting lines with the priority rule that decides each
decision domain and who arbitrates, direct reports, holders and vacancies,
RACI assignments grouped by letter and area with their KPIs, the duties of the
head of marketing under the seven dimensions, the KPIs the position answers
for, the projects it leads or is a member of, and its role profile (roles,
competencies, work methods, evaluation, career path: `role_profile`).
The parts are made in `cards_lines` (where the position stands) and `cards_duties`
(what it does), from the shared lookups of `cards_index`.

Labels are taken in `lang` (from `names`, falling back to the name); fixed
wording such as letter and dimension names comes from `orgdesign.i18n`. Nothing
here writes files or produces markup.
"""

from __future__ import annotations

from typing import Any

from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org
from orgdesign.output.documents.cards_duties import assignments, dimensions, group_by_letter, kpis
from orgdesign.output.documents.cards_index import (
    CardIndex,
    card_index,
    kpi_ref,
    position_ref,
    unit_ref,
)
from orgdesign.output.documents.cards_lines import dotted_lines, positioning, priority
from orgdesign.output.documents.role_profile import role_profile

__all__ = ["Card", "CardIndex", "card_index", "role_card", "role_cards"]

Card = dict[str, Any]


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
