"""Gaps beyond the shape: the marketing chain of each division, the group brand owner,
the duties a divisional group keeps, department walls between discipline groups.

This module owns those checks (`chain_gaps`, `brand_owner_gaps`,
`group_role_gaps`, `wall_gaps`) and `archetype_gaps`, every gap between a
structure and an archetype with default thresholds (what `recommend` lists).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes.gaps import archetype_location, shape_gaps
from orgdesign.domain.archetypes.info import (
    FUNCTIONAL_MIN_GROUPS,
    Fields,
    Gap,
    _plural,
    gap,
    names,
    stage_word,
)
from orgdesign.domain.archetypes.structure import Structure, analyse
from orgdesign.i18n import join, text
from orgdesign.model import STAGES, Org, RaciEntry


def _examples(org: Org, stage: str, lang: str, limit: int = 3) -> str:
    ids = [r.id for r in org.leaf_responsibilities() if r.stage == stage][:limit]
    joined = join(ids, lang)
    return text("common.examples")(lang, ids=joined) if ids else ""


def _missing_stages(org: Org, stages: Sequence[str], lang: str) -> str:
    """`research (调研) (e.g. r1, r2)` / `调研（research，如 r1、r2）` for each missing stage."""
    item = text("archetypes.gap.chain_stage")

    def one(stage: str) -> str:
        zh = stage_word(stage).zh
        return item(lang, stage=stage, stage_zh=zh, examples=_examples(org, stage, lang))

    return join(map(one, stages), lang)


def _with_missing(org: Org, fields: Mapping[str, object], missing: list[str]) -> Fields:
    return lambda lang: {**fields, "missing": _missing_stages(org, missing, lang)}


def chain_gaps(org: Org, graph: OrgGraph, structure: Structure | None = None) -> list[Gap]:
    """Business lines lacking a stage of the chain research, planning, promotion, operation."""
    s = structure or analyse(org, graph)
    gaps: list[Gap] = []
    for line in s.lines:
        covered = s.stages.get(line, frozenset())
        missing = [stage for stage in STAGES if stage not in covered]
        if not missing:
            continue
        unit = graph.units[line]
        fields = {"line": line, "name": unit.name, "label": unit.label("zh")}
        gaps.append(gap("chain", unit.loc("id"), unit, _with_missing(org, fields, missing)))
    return gaps


def _group_entries(
    org: Org, graph: OrgGraph, s: Structure, responsibility: str
) -> tuple[list[RaciEntry], list[RaciEntry]]:
    """Entries on a responsibility (or an area above it): (owned at group level, the others)."""
    parents = org.responsibility_parent
    chain: set[str] = set()
    node: str | None = responsibility
    while node is not None and node not in chain:
        chain.add(node)
        node = parents.get(node)
    unit_line = s.unit_line
    group: list[RaciEntry] = []
    other: list[RaciEntry] = []
    for entry in org.raci:
        if entry.responsibility not in chain:
            continue
        at_group_scope = entry.scope is None or entry.scope not in unit_line
        owner_at_group = any(a in graph.positions and a not in s.line_of for a in entry.A)
        (group if at_group_scope and owner_at_group else other).append(entry)
    return group, other


def _owned_at_group(org: Org, graph: OrgGraph, s: Structure, ids: Sequence[str]) -> bool:
    return any(_group_entries(org, graph, s, rid)[0] for rid in ids)


def brand_owner_gaps(
    org: Org,
    graph: OrgGraph,
    responsibility: str = "brand.consistency",
    structure: Structure | None = None,
) -> list[Gap]:
    """No position above the business lines is A for brand consistency."""
    s = structure or analyse(org, graph)
    group, other = _group_entries(org, graph, s, responsibility)
    if group:
        return []
    risk = text("archetypes.gap.brand_risk")
    if other:
        entry = other[0]
        owner = ", ".join(entry.A) or "nobody"
        scope = text("archetypes.gap.brand_scope")
        return [
            gap(
                "brand_inside",
                entry.loc("A") if entry.A else entry.loc("responsibility"),
                entry,
                lambda lang: {
                    "responsibility": responsibility,
                    "owner": owner,
                    "scope": scope(lang, scope=entry.scope) if entry.scope else "",
                    "risk": risk(lang),
                },
            )
        ]
    hint = "" if responsibility in org.responsibility_by_id else "archetypes.gap.brand_undefined"
    return [
        gap(
            "brand_none",
            archetype_location(org),
            org.organization,
            lambda lang: {
                "responsibility": responsibility,
                "hint": text(hint)(lang) if hint else "",
                "risk": risk(lang),
            },
        )
    ]


@dataclass(frozen=True)
class GroupDuty:
    """A duty the group level keeps in a divisional design, and responsibilities that show it."""

    name: str
    responsibilities: tuple[str, ...]
    risk: str
    name_zh: str = ""
    risk_zh: str = ""


STRATEGY_RESPONSIBILITIES = (
    "insight.marketing-plan",
    "leadership.market-analysis",
    "leadership.plan-execution",
)
COORDINATION_RESPONSIBILITIES = ("leadership.resource-allocation", "leadership.annual-budget")
BRAND_RESPONSIBILITIES = ("brand.consistency",)


def _duty(key: str, responsibilities: Sequence[str]) -> GroupDuty:
    """The group duty `archetypes.duty.<key>` of the catalogue, shown by `responsibilities`."""
    name, risk = text(f"archetypes.duty.{key}.name"), text(f"archetypes.duty.{key}.risk")
    return GroupDuty(name.en, tuple(responsibilities), risk.en, name.zh, risk.zh)


def group_duties(
    strategy: Sequence[str] = STRATEGY_RESPONSIBILITIES,
    coordination: Sequence[str] = COORDINATION_RESPONSIBILITIES,
    brand: Sequence[str] = BRAND_RESPONSIBILITIES,
) -> list[GroupDuty]:
    """What the group level of a divisional design keeps (a duty with no ids is left out)."""
    given = {"strategy": strategy, "coordination": coordination, "brand": brand}
    return [_duty(key, ids) for key, ids in given.items() if ids]


def _duty_fields(duty: GroupDuty, known: bool) -> Fields:
    fields = {
        "duty": duty.name,
        "duty_zh": duty.name_zh or duty.name,
        "risk": duty.risk,
        "risk_zh": duty.risk_zh or duty.risk,
    }
    hint = "" if known else "archetypes.gap.group_undefined"
    return lambda lang: {
        **fields,
        "ids": join(duty.responsibilities, lang),
        "hint": text(hint)(lang) if hint else "",
    }


def group_role_gaps(
    org: Org, graph: OrgGraph, duties: Sequence[GroupDuty], structure: Structure | None = None
) -> list[Gap]:
    """Duties no group-level position (outside the divisions) is accountable for."""
    s = structure or analyse(org, graph)
    gaps: list[Gap] = []
    for duty in duties:
        if _owned_at_group(org, graph, s, duty.responsibilities):
            continue
        known = any(rid in org.responsibility_by_id for rid in duty.responsibilities)
        where = archetype_location(org)
        gaps.append(gap("group_duty", where, org.organization, _duty_fields(duty, known)))
    return gaps


def wall_gaps(org: Org, graph: OrgGraph, structure: Structure | None = None) -> list[Gap]:
    """Discipline groups but no project team drawing on two or more of them."""
    s = structure or analyse(org, graph)
    if len(s.groups) < FUNCTIONAL_MIN_GROUPS:
        return []
    unit_group: dict[str, str] = {}
    for group in s.groups:
        for uid in graph.unit_subtree(group):
            unit_group[uid] = group
    for project in org.projects:
        people = [p for p in (project.lead, *project.members) if p]
        touched = {unit_group.get(graph.unit_of(p) or "") for p in people} - {None}
        if len(touched) >= 2:
            return []
    groups = {"groups": _plural(len(s.groups), "discipline group"), "n": len(s.groups)}
    return [
        gap(
            "walls",
            archetype_location(org),
            org.organization,
            lambda lang: {**groups, "names": names(s.groups, lang)},
        )
    ]


def archetype_gaps(org: Org, graph: OrgGraph, archetype: str) -> list[Gap]:
    """Every gap between the structure and an archetype, with default thresholds."""
    s = analyse(org, graph)
    gaps = shape_gaps(org, graph, archetype, structure=s)
    if archetype == "functional":
        gaps += wall_gaps(org, graph, s)
    elif archetype == "matrix":
        gaps += brand_owner_gaps(org, graph, structure=s)
    elif archetype == "divisional":
        gaps += chain_gaps(org, graph, s) + group_role_gaps(org, graph, group_duties(), s)
    return gaps
