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
    _names,
    _names_zh,
    _plural,
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
        gaps.append(
            Gap(
                f"lean organisation with {s.marketing_seats} marketing seats, more than "
                f"{limits.lean_max_seats}: the lean design's strengths (short decision chain, "
                "low cost) fade while its risk (thin expertise, routine work, no strategic view) "
                "grows; split the work into discipline groups under one marketing head "
                "(functional), or declare the archetype the structure has",
                archetype_location(org),
                org.organization,
                f"精简型组织有 {s.marketing_seats} 个营销席位，超过 {limits.lean_max_seats} 个："
                "精简型的优势（决策链短、成本低）减弱，而其挑战（专业度不足、事务性工作陷阱、"
                "缺乏战略视角）加剧；按专业模块分组，由一位营销负责人统筹（功能型），"
                "或声明结构实际对应的架构类型",
            )
        )
    layers = graph.layers
    deep = [
        p
        for p in org.positions
        if p.id in s.marketing and layers.get(p.id, 0) > limits.lean_max_layers
    ]
    if deep:
        pos = deep[0]
        gaps.append(
            Gap(
                f"{pos.id!r} is on layer {layers[pos.id]} of a lean organisation, deeper than "
                f"{limits.lean_max_layers}: every layer lengthens the decision chain that is "
                "the lean design's advantage; let the position report to the head of marketing",
                pos.loc("reports_to") if pos.reports_to else pos.loc("id"),
                pos,
                f"{pos.id!r} 位于精简型组织的第 {layers[pos.id]} 层，深于 "
                f"{limits.lean_max_layers} 层：每多一层都会拉长决策链，而决策链短正是精简型的"
                "优势；让该岗位直接向营销负责人汇报",
            )
        )
    return gaps


def _functional_gaps(org: Org, graph: OrgGraph, s: Structure, limits: Limits) -> list[Gap]:
    gaps: list[Gap] = []
    for pid in s.dual:
        pos = graph.positions[pid]
        dotted = ", ".join(graph.dotted_managers(pid))
        gaps.append(
            Gap(
                f"{pid!r} reports to {pos.reports_to!r} and on a dotted line to {dotted}, but a "
                "functional design has no dual reporting: two managers breed decision friction; "
                "make the second manager C or I in the RACI or a project lead, or declare "
                "`archetype: matrix` and write priority rules",
                pos.loc("dotted_to"),
                pos,
                f"{pid!r} 向 {pos.reports_to!r} 汇报，同时虚线汇报给 {dotted}，但功能型架构没有"
                "双重汇报：两位上级易导致决策内耗；在 RACI 中把第二位上级设为 C 或 I、或让其"
                "担任项目负责人，或声明 `archetype: matrix` 并明确优先级规则",
            )
        )
    if len(s.groups) < limits.functional_min_groups:
        found = f"only {_names(s.groups)}" if s.groups else "none"
        gaps.append(
            Gap(
                f"functional organisation without discipline groups under one marketing head "
                f"(at least {limits.functional_min_groups} needed, {found}): a functional design "
                "groups marketing by discipline (market research, brand promotion, digital "
                "marketing, customer operations, campaign planning), each group headed by a "
                "position that reports to the marketing director; add those units, or declare "
                "`archetype: lean`",
                archetype_location(org),
                org.organization,
                f"功能型组织在一位营销负责人之下没有专业小组（至少需要 "
                f"{limits.functional_min_groups} 个，"
                f"{f'仅有 {_names_zh(s.groups)}' if s.groups else '一个也没有'}）：功能型按专业"
                "模块划分团队（市场调研、品牌推广、数字营销、客户运营、活动策划），每个小组由"
                "向市场营销总监汇报的岗位负责；添加这些单元，或声明 `archetype: lean`",
            )
        )
    for line in s.lines_with_marketing:
        unit = graph.units[line]
        mine = [p for p in s.marketing if s.line_of.get(p) == line]
        gaps.append(
            Gap(
                f"business line {line!r} runs marketing of its own ({_names(sorted(mine))}), "
                "but in a functional design marketing sits in discipline groups under the "
                "marketing director: split marketing this way and the groups lose the depth "
                "that is the design's strength; move these positions into the groups, or declare "
                "`archetype: matrix` or `divisional`",
                unit.loc("id"),
                unit,
                f"业务线 {line!r}（{unit.label('zh')}）自行开展营销"
                f"（{_names_zh(sorted(mine))}），但功能型架构中营销"
                "位于市场营销总监之下的各专业小组：这样拆分营销会削弱小组的专业纵深，而这正是"
                "该架构的优势；把这些岗位移入各小组，或声明 `archetype: matrix` 或 `divisional`",
            )
        )
    return gaps


def _matrix_gaps(org: Org, graph: OrgGraph, s: Structure, limits: Limits) -> list[Gap]:
    where = archetype_location(org)
    if not s.dual:
        return [
            Gap(
                "matrix organisation without dual reporting: no position reports both to a "
                "business line and to a group function, so the shared assets the matrix exists "
                "to reuse have no line into the business; give line marketing positions a "
                "`dotted_to` the group function (brand, digital) with priority rules, or declare "
                "`archetype: functional` or `divisional`",
                where,
                org.organization,
                "矩阵型组织没有双重汇报：没有岗位同时向业务线和集团职能部门汇报，矩阵要复用的"
                "共享资源就进不了业务；为业务线的营销岗位设置指向集团职能（品牌、数字营销）的 "
                "`dotted_to`，并明确优先级规则，或声明 `archetype: functional` 或 `divisional`",
            )
        ]
    gaps: list[Gap] = []
    if len(s.lines_with_marketing) < 2:
        gaps.append(
            Gap(
                "matrix organisation with fewer than two business lines carrying marketing "
                "(units of type division, business-unit, product-line or region): the vertical "
                "axis of the matrix is missing; set the `type` of the product-line, region or "
                "customer-group units",
                where,
                org.organization,
                "矩阵型组织中承担营销的业务线少于两条（类型为 division、business-unit、"
                "product-line 或 region 的单元）：矩阵缺少纵向轴；为产品线、区域或客户群体单元"
                "设置 `type`",
            )
        )
    if not org.priority_rules:
        gaps.append(
            Gap(
                f"matrix organisation without priority rules: {_plural(len(s.dual), 'position')} "
                f"({_names(s.dual)}) {'has' if len(s.dual) == 1 else 'have'} two managers and "
                "nothing says who decides what, the decision friction the brief warns about; "
                "add `priority_rules` deciding every decision domain, with an escalation "
                "(DUAL301 lists each position)",
                where,
                org.organization,
                f"矩阵型组织没有优先级规则：{len(s.dual)} 个岗位（{_names_zh(s.dual)}）有两位"
                "上级，却没有规定谁决定什么，这正是文档警示的决策内耗；添加 `priority_rules`，"
                "覆盖每个决策领域并写明升级路径（DUAL301 会逐一列出这些岗位）",
            )
        )
    return gaps


def _divisional_gaps(org: Org, graph: OrgGraph, s: Structure, limits: Limits) -> list[Gap]:
    if len(s.lines) >= 2:
        return []
    found = f"only {_names(s.lines)}" if s.lines else "none"
    return [
        Gap(
            f"divisional organisation with fewer than two divisions ({found}): a divisional "
            "design gives each business unit (product line, regional market) its own complete "
            "marketing team; set `type: division` (or business-unit, product-line, region) on "
            "the business units, or declare the archetype the structure has",
            archetype_location(org),
            org.organization,
            "事业部型组织的事业部少于两个（"
            + (f"仅有 {_names_zh(s.lines)}" if s.lines else "一个也没有")
            + "）："
            "事业部型按业务单元（产品线、区域市场）独立设置完整的营销团队；在业务单元上设置 "
            "`type: division`（或 business-unit、product-line、region），或声明结构实际对应的"
            "架构类型",
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
        why = " ".join(inference.reasons[1:3])
        return [
            Gap(
                f"declared {archetype} ({info.name_zh}: {info.shape}) but the structure fits "
                f"{inference.archetype} ({best.name_zh}) best (score "
                f"{inference.scores[inference.archetype]:.2f} against "
                f"{inference.scores[archetype]:.2f}): {why} Change the structure or the "
                "declared archetype",
                archetype_location(org),
                org.organization,
            )
        ]
    return []
