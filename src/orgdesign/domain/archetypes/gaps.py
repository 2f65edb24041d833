"""Where a structure lacks the shape of an archetype (`shape_gaps`, `signature_gaps`).

This module owns the signature checks of each archetype (team size and
depth of a lean team, discipline groups of a functional one, dual reporting
and priority rules of a matrix, divisions of a divisional design) and the
contradiction between a declared archetype and a much better fit. Each gap
names the brief's risk and what to do, in English (the ARCH4xx rules) and in
Chinese (`recommend --lang zh`), with the place to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes.infer import infer_from
from orgdesign.domain.archetypes.info import (
    ARCHETYPE_INFO,
    CONTRADICTION_SCORE,
    FUNCTIONAL_MIN_GROUPS,
    LEAN_MAX_LAYERS,
    LEAN_MAX_SEATS,
    Gap,
    _plural,
    found,
    gap,
    names,
)
from orgdesign.domain.archetypes.structure import Structure, analyse
from orgdesign.findings import Location
from orgdesign.model import Org


def archetype_location(org: Org) -> Location:
    """The `archetype:` line, or the organisation, or the top of the root file."""
    if org.organization is None:
        return Location(org.root_file)
    if org.organization.archetype:
        return org.organization.loc("archetype")
    return org.organization.loc("id")


@dataclass(frozen=True)
class Limits:
    """Thresholds of the archetype signature checks."""

    lean_max_seats: int = LEAN_MAX_SEATS
    lean_max_layers: int = LEAN_MAX_LAYERS
    functional_min_groups: int = FUNCTIONAL_MIN_GROUPS


def _lean_gaps(org: Org, graph: OrgGraph, s: Structure, limits: Limits) -> list[Gap]:
    gaps: list[Gap] = []
    if s.marketing_seats > limits.lean_max_seats:
        seats = {"seats": s.marketing_seats, "max": limits.lean_max_seats}
        gaps.append(gap("lean_seats", archetype_location(org), org.organization, lambda _: seats))
    layers = graph.layers
    deep = [
        p
        for p in org.positions
        if p.id in s.marketing and layers.get(p.id, 0) > limits.lean_max_layers
    ]
    if deep:
        pos = deep[0]
        where = pos.loc("reports_to") if pos.reports_to else pos.loc("id")
        depth = {"pos": pos.id, "layer": layers[pos.id], "max": limits.lean_max_layers}
        gaps.append(gap("lean_deep", where, pos, lambda _: depth))
    return gaps


def _dual_gap(graph: OrgGraph, pid: str) -> Gap:
    pos = graph.positions[pid]
    dotted = ", ".join(graph.dotted_managers(pid))
    fields = {"pos": pid, "manager": pos.reports_to, "dotted": dotted}
    return gap("functional_dual", pos.loc("dotted_to"), pos, lambda _: fields)


def _line_gap(graph: OrgGraph, s: Structure, line: str) -> Gap:
    unit = graph.units[line]
    mine = sorted(p for p in s.marketing if s.line_of.get(p) == line)
    return gap(
        "functional_line",
        unit.loc("id"),
        unit,
        lambda lang: {"line": line, "names": names(mine, lang), "unit": unit.label(lang)},
    )


def _functional_gaps(org: Org, graph: OrgGraph, s: Structure, limits: Limits) -> list[Gap]:
    gaps = [_dual_gap(graph, pid) for pid in s.dual]
    if len(s.groups) < limits.functional_min_groups:
        gaps.append(
            gap(
                "functional_groups",
                archetype_location(org),
                org.organization,
                lambda lang: {"min": limits.functional_min_groups, "found": found(s.groups, lang)},
            )
        )
    return gaps + [_line_gap(graph, s, line) for line in s.lines_with_marketing]


def _matrix_gaps(org: Org, graph: OrgGraph, s: Structure, limits: Limits) -> list[Gap]:
    where = archetype_location(org)
    if not s.dual:
        return [gap("matrix_no_dual", where, org.organization, lambda _: {})]
    gaps: list[Gap] = []
    if len(s.lines_with_marketing) < 2:
        gaps.append(gap("matrix_lines", where, org.organization, lambda _: {}))
    if not org.priority_rules:
        count = len(s.dual)
        gaps.append(
            gap(
                "matrix_rules",
                where,
                org.organization,
                lambda lang: {
                    "positions": _plural(count, "position"),
                    "have": "has" if count == 1 else "have",
                    "n": count,
                    "names": names(s.dual, lang),
                },
            )
        )
    return gaps


def _divisional_gaps(org: Org, graph: OrgGraph, s: Structure, limits: Limits) -> list[Gap]:
    if len(s.lines) >= 2:
        return []
    return [
        gap(
            "divisional_few",
            archetype_location(org),
            org.organization,
            lambda lang: {"found": found(s.lines, lang)},
        )
    ]


_SIGNATURES = MappingProxyType(
    {
        "lean": _lean_gaps,
        "functional": _functional_gaps,
        "matrix": _matrix_gaps,
        "divisional": _divisional_gaps,
    }
)


def shape_gaps(
    org: Org,
    graph: OrgGraph,
    archetype: str,
    limits: Limits | None = None,
    *,
    structure: Structure | None = None,
) -> list[Gap]:
    """Where the structure lacks the shape of an archetype (empty when it has it)."""
    s = structure or analyse(org, graph)
    return _SIGNATURES[archetype](org, graph, s, limits or Limits())


def signature_gaps(
    org: Org, graph: OrgGraph, archetype: str, limits: Limits | None = None
) -> list[Gap]:
    """Where the structure contradicts a declared archetype: its shape, or a much better fit."""
    structure = analyse(org, graph)
    gaps = shape_gaps(org, graph, archetype, limits, structure=structure)
    if gaps:
        return gaps
    inference = infer_from(structure)
    if inference.archetype != archetype and inference.scores[archetype] < CONTRADICTION_SCORE:
        info = ARCHETYPE_INFO[archetype]
        best = ARCHETYPE_INFO[inference.archetype]

        def fields(lang: str) -> dict[str, object]:
            return {
                "archetype": archetype,
                "word": info.word.get(lang),
                "name_zh": info.name_zh,
                "shape": info.shape_text.get(lang).rstrip("。"),
                "inferred": inference.archetype,
                "best_zh": best.name_zh,
                "best_word": best.word.get(lang),
                "best": inference.scores[inference.archetype],
                "score": inference.scores[archetype],
                "why": ("" if lang == "zh" else " ").join(inference.reasons_in(lang)[1:3]),
            }

        return [gap("contradicts", archetype_location(org), org.organization, fields)]
    return []
