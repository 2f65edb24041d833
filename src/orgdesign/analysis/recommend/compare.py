"""A structure against a recommendation: what it would need to change (`compare`).

This module owns reading the file the way `recommend` needs it (which units
outside the business lines own digital work or supplier management,
`structure_reading`) and the changes: the declaration to update, the
transition to the recommended archetype, the archetype's gaps (in the
recommendation's language) and the additions still missing.
"""

from __future__ import annotations

from collections import Counter

from orgdesign.analysis.profiling import StructureReading, read_structure
from orgdesign.analysis.recommend.model import (
    DIGITAL_AREA,
    SUPPLIER_RESPONSIBILITY,
    Change,
    Comparison,
    Recommendation,
    message,
)
from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes import (
    ARCHETYPE_INFO,
    analyse,
    archetype_gaps,
    infer_from,
    unit_lines,
)
from orgdesign.model import Org


def _owners(org: Org, graph: OrgGraph, responsibility_ids: set[str]) -> list[str]:
    """Units outside the business lines whose positions are A for one of the responsibilities."""
    unit_line = unit_lines(graph)
    found: list[str] = []
    for entry in org.raci:
        if entry.responsibility not in responsibility_ids:
            continue
        for pid in entry.A:
            unit = graph.unit_of(pid)
            if unit is not None and unit not in unit_line and unit not in found:
                found.append(unit)
    return found


def _dedicated_units(org: Org, graph: OrgGraph, area: str) -> list[str]:
    """Units outside the business lines whose main area (most A entries) is `area`."""
    unit_line = unit_lines(graph)
    counts: dict[str, Counter[str]] = {}
    for entry in org.raci:
        if entry.responsibility not in org.responsibility_by_id:
            continue
        for pid in entry.A:
            unit = graph.unit_of(pid)
            if unit is not None and unit not in unit_line:
                counts.setdefault(unit, Counter())[org.area_of(entry.responsibility)] += 1
    return [
        unit
        for unit, by_area in counts.items()
        if by_area[area] and by_area[area] == max(by_area.values())
    ]


def structure_reading(org: Org, graph: OrgGraph) -> StructureReading:
    """The file's structure as `recommend` reads it (lines, team size, units in place)."""
    return read_structure(
        org,
        graph,
        _dedicated_units(org, graph, DIGITAL_AREA),
        _owners(org, graph, {SUPPLIER_RESPONSIBILITY}),
    )


def _addition_changes(org: Org, graph: OrgGraph, rec: Recommendation) -> list[Change]:
    wanted = {a.id for a in rec.additions if a.present is None}
    lang = rec.lang
    changes: list[Change] = []
    if "digital-marketing-centre" in wanted and not _dedicated_units(org, graph, DIGITAL_AREA):
        changes.append(Change(message("change.digital")(lang, area=DIGITAL_AREA)))
    if "supplier-management-group" in wanted and not _owners(org, graph, {SUPPLIER_RESPONSIBILITY}):
        changes.append(
            Change(message("change.supplier")(lang, responsibility=SUPPLIER_RESPONSIBILITY))
        )
    return changes


def _place(org: Org) -> tuple[str | None, int | None, str | None]:
    if org.organization is None:
        return None, None, None
    at = org.organization.loc("archetype")
    return at.file, at.line, org.organization.id


def compare(org: Org, graph: OrgGraph, rec: Recommendation) -> Comparison:
    """What the organisation's structure would need to change to follow the recommendation.

    The changes are in the recommendation's language.
    """
    current = infer_from(analyse(org, graph))
    declared = org.archetype
    lang = rec.lang
    changes: list[Change] = []
    if declared and declared != rec.archetype:
        said = message("change.declared")(
            lang,
            declared=declared,
            wanted=rec.archetype,
            wanted_name=ARCHETYPE_INFO[rec.archetype].name_zh,
        )
        changes.append(Change(said, *_place(org)))
    if (declared or current.archetype) != rec.archetype:
        changes.append(Change(message(f"transition.{rec.archetype}")(lang)))
    for gap in archetype_gaps(org, graph, rec.archetype):
        ident = getattr(gap.element, "id", None) if gap.element is not None else None
        changes.append(Change(gap.says(lang), gap.at.file, gap.at.line, ident))
    changes += _addition_changes(org, graph, rec)
    return Comparison(declared, current, changes)
