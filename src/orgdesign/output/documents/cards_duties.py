"""What a role card says the position does: its RACI assignments grouped by letter and
area, its leadership duties under each dimension (and who is accountable where it has
none), and the KPIs it answers for.
"""

from __future__ import annotations

from typing import Any

from orgdesign import i18n
from orgdesign.model import Org, RaciEntry, Responsibility
from orgdesign.output.documents.cards_index import (
    CardIndex,
    dimension_of,
    kpi_ref,
    position_ref,
    unit_ref,
)


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
