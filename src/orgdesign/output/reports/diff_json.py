"""`orgdesign diff --format json`: the comparison as one JSON object (keys in English)."""

from __future__ import annotations

from typing import Any

from orgdesign.analysis.diff import FindingRef, OrgDiff
from orgdesign.analysis.numbers import plain_number
from orgdesign.analysis.stats import Figures
from orgdesign.output.escape import json_document


def _fig_delta(old: Figures, new: Figures) -> dict[str, Any]:
    return {
        "positions": [old.positions, new.positions, new.positions - old.positions],
        "seats": [old.seats, new.seats, new.seats - old.seats],
        "headcount": [old.holders, new.holders, new.holders - old.holders],
        "vacancies": [old.vacancies, new.vacancies, new.vacancies - old.vacancies],
        "cost": [plain_number(old.cost), plain_number(new.cost), plain_number(new.cost - old.cost)],
    }


def _positions_dict(diff: OrgDiff) -> dict[str, Any]:
    return {
        "added": [{"id": p.id, "title": p.title} for p in diff.added],
        "removed": [
            {"id": p.id, "title": p.title, "holders": list(p.holders)} for p in diff.removed
        ],
        "renamed": [
            {
                "old_id": r.old_id,
                "new_id": r.new_id,
                "old_title": r.old_title,
                "new_title": r.new_title,
            }
            for r in diff.renamed
        ],
        "moved": [
            {
                "id": m.id,
                "title": m.title,
                "old_manager": m.old_manager,
                "new_manager": m.new_manager,
                "old_unit": m.old_unit,
                "new_unit": m.new_unit,
            }
            for m in diff.moved
        ],
    }


def to_dict(diff: OrgDiff) -> dict[str, Any]:
    """The comparison as one JSON-ready object."""
    return {
        "old": diff.old_name,
        "new": diff.new_name,
        "positions": _positions_dict(diff),
        "dotted_lines": {
            "added": [{"position": x.position, "manager": x.manager} for x in diff.dotted_added],
            "removed": [
                {"position": x.position, "manager": x.manager} for x in diff.dotted_removed
            ],
        },
        "holders": [
            {
                "id": h.id,
                "title": h.title,
                "joined": h.joined,
                "left": h.left,
                "seats": [h.old_seats, h.new_seats],
            }
            for h in diff.holders
        ],
        "total": _fig_delta(diff.total_old, diff.total_new),
        "units": [
            {"id": u.id, "name": u.name, "status": u.status, **_fig_delta(u.old, u.new)}
            for u in diff.units
        ],
        "raci": [
            {
                "responsibility": c.responsibility,
                "scope": c.scope,
                "status": c.status,
                "added": c.added,
                "removed": c.removed,
            }
            for c in diff.raci
        ],
        "findings": {
            "appeared": [_finding_dict(f) for f in diff.findings_appeared],
            "disappeared": [_finding_dict(f) for f in diff.findings_gone],
        },
        **parts_dict(diff),
    }


def parts_dict(diff: OrgDiff) -> dict[str, Any]:
    """The JSON of unit moves, cost changes, priority rules, the map and the suggestions."""

    def num(value: float | None) -> float | int | None:
        return None if value is None else plain_number(value)

    return {
        "units_moved": [
            {"id": m.id, "name": m.name, "old_parent": m.old_parent, "new_parent": m.new_parent}
            for m in diff.units_moved
        ],
        "costs": [
            {
                "id": c.id,
                "title": c.title,
                "cost_per_seat": [num(c.old_cost), num(c.new_cost)],
                "seats": c.seats,
            }
            for c in diff.costs
        ],
        "priority_rules": [
            {
                "id": r.id,
                "name": r.name,
                "status": r.status,
                "decides": {d: list(pair) for d, pair in r.decides.items()},
                "escalation": list(r.escalation) if r.escalation else None,
                "applies_to": list(r.applies_to) if r.applies_to else None,
            }
            for r in diff.priority_rules
        ],
        "mapped": diff.mapped,
        "suggested_pairs": [
            {
                "kind": x.kind,
                "old_id": x.old_id,
                "new_id": x.new_id,
                "old_name": x.old_name,
                "new_name": x.new_name,
                "score": x.score,
                "reasons": list(x.reasons),
            }
            for x in diff.suggestions
        ],
    }


def _finding_dict(ref: FindingRef) -> dict[str, Any]:
    return {
        "rule": ref.rule,
        "severity": ref.severity,
        "element": ref.element,
        "message": ref.message,
    }


def render_json(diff: OrgDiff) -> str:
    return json_document(to_dict(diff))
