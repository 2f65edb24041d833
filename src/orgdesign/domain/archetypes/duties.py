"""Gaps beyond the shape: the marketing chain of each division, the group brand owner,
the duties a divisional group keeps, department walls between discipline groups.

This module owns those checks (`chain_gaps`, `brand_owner_gaps`,
`group_role_gaps`, `wall_gaps`) and `archetype_gaps`, every gap between a
structure and an archetype with default thresholds (what `recommend` lists).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes.gaps import archetype_location, shape_gaps
from orgdesign.domain.archetypes.info import (
    FUNCTIONAL_MIN_GROUPS,
    Gap,
    _names,
    _names_zh,
    _plural,
    stage_word,
)
from orgdesign.domain.archetypes.structure import Structure, analyse
from orgdesign.i18n import text
from orgdesign.model import STAGES, Org, RaciEntry


def _stage_examples(org: Org, stage: str, limit: int = 3, lang: str = "en") -> str:
    ids = [r.id for r in org.leaf_responsibilities() if r.stage == stage][:limit]
    joined = text("common.separator").get(lang).join(ids)
    return text("common.examples")(lang, ids=joined) if ids else ""


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
        what = ", ".join(
            f"{stage} ({stage_word(stage).zh}){_stage_examples(org, stage)}" for stage in missing
        )
        gaps.append(
            Gap(
                f"division {line!r} ({unit.name}) has no position R or A for {what} inside its "
                "scope: a divisional design gives each division the whole chain research -> "
                "planning -> promotion -> operation; without it the division waits on the group "
                "or another division and loses the fast, independent decisions that are its "
                f"reason to exist; add `raci` entries with `scope: {line}` and a position of the "
                "division as A or R",
                unit.loc("id"),
                unit,
                f"事业部 {line!r}（{unit.label('zh')}）在其范围内没有岗位对"
                + "、".join(
                    f"{stage_word(stage).zh}（{stage}{_stage_examples(org, stage, lang='zh')}）"
                    for stage in missing
                )
                + "负责（R 或 A）：事业部型让每个事业部拥有完整的调研-策划-推广-运营能力；缺了"
                "这一环，事业部就要等待集团或其他事业部，失去独立决策、快速试错这一存在的理由；"
                f"添加 `scope: {line}` 的 `raci` 条目，由该事业部的岗位担任 A 或 R",
            )
        )
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
    risk = (
        "in a matrix the group brand function is accountable for brand consistency while the "
        "lines are accountable for results; without a group-level A each line drifts its own "
        "way (brand drift)"
    )
    risk_zh = (
        "矩阵型中集团品牌部对品牌一致性负责，业务线对业绩负责；没有集团层面的 A，"
        "各业务线会各行其是（品牌走样）"
    )
    if other:
        entry = other[0]
        owner = ", ".join(entry.A) or "nobody"
        return [
            Gap(
                f"brand consistency ({responsibility!r}) is owned only inside the business lines "
                f"(A: {owner}{f' in scope {entry.scope!r}' if entry.scope else ''}): {risk}; "
                "make a group-level position (e.g. the group brand director) the A, unscoped, "
                "with the lines R or C",
                entry.loc("A") if entry.A else entry.loc("responsibility"),
                entry,
                f"品牌一致性（{responsibility!r}）只在业务线内部有人负责（A：{owner}"
                f"{f'，范围 {entry.scope!r}' if entry.scope else ''}）：{risk_zh}；由集团层面的"
                "岗位（如集团品牌总监）担任 A、不设范围，业务线担任 R 或 C",
            )
        ]
    known = responsibility in org.responsibility_by_id
    hint = (
        ""
        if known
        else " (not defined: declare it, import builtin:marketing or set option `responsibility`)"
    )
    return [
        Gap(
            f"no group-level position is A for brand consistency, {responsibility!r}{hint}: "
            f"{risk}; add a `raci` entry with a group brand position as A and the line "
            "marketing positions as R",
            archetype_location(org),
            org.organization,
            f"集团层面没有岗位对品牌一致性 {responsibility!r} 负责（A）"
            + (
                ""
                if known
                else "（未定义：请声明它、导入 builtin:marketing 或设置选项 `responsibility`）"
            )
            + f"：{risk_zh}；添加一条 `raci` 条目，由集团品牌岗位担任 A，业务线营销岗位担任 R",
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


def group_role_gaps(
    org: Org, graph: OrgGraph, duties: Sequence[GroupDuty], structure: Structure | None = None
) -> list[Gap]:
    """Duties no group-level position (outside the divisions) is accountable for."""
    s = structure or analyse(org, graph)
    gaps: list[Gap] = []
    for duty in duties:
        if _owned_at_group(org, graph, s, duty.responsibilities):
            continue
        ids = ", ".join(duty.responsibilities)
        known = any(rid in org.responsibility_by_id for rid in duty.responsibilities)
        hint = (
            ""
            if known
            else " (none of them is defined: import builtin:marketing or set the rule's options)"
        )
        gaps.append(
            Gap(
                f"no position at group level (outside the divisions) is A for {duty.name} "
                f"({ids}{hint}): {duty.risk}; add an unscoped `raci` entry with a group "
                "position as A",
                archetype_location(org),
                org.organization,
                f"集团层面（事业部之外）没有岗位对{duty.name_zh or duty.name}负责（A）（"
                + "、".join(duty.responsibilities)
                + ("" if known else "；其中没有一个已定义：导入 builtin:marketing 或设置规则选项")
                + f"）：{duty.risk_zh or duty.risk}；添加一条不设范围的 `raci` 条目，由集团岗位"
                "担任 A",
            )
        )
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
    return [
        Gap(
            f"{_plural(len(s.groups), 'discipline group')} ({_names(s.groups)}) but no project "
            "team draws on two of them: the functional design's risk is department walls; run "
            "big campaigns (launches, annual promotions) as `projects` with a lead, members "
            "seconded from several groups, milestones and KPIs",
            archetype_location(org),
            org.organization,
            f"有 {len(s.groups)} 个专业小组（{_names_zh(s.groups)}），但没有项目组同时从其中"
            "两个小组抽调人员：功能型的挑战是部门墙；把大型营销项目（新品上市、年度大促）"
            "作为 `projects` 运行，设项目负责人、从各小组抽调成员，明确时间节点和考核指标",
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
