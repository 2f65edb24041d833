"""The four organisation archetypes of the seed brief, read from an organisation's structure.

This module owns the domain knowledge of document 000, section II, as far as
it can be judged from the structure alone:

- what each archetype is (`ARCHETYPE_INFO`: shape, fit, strengths, risks);
- the structural features that tell them apart (`analyse`): the marketing
  positions (those R or A somewhere), business lines (top-most units of type
  division, business-unit, product-line or region), discipline groups under
  one marketing head, dual reporting and its priority rules, and the stages
  of the marketing chain (research, planning, promotion, operation) each
  business line covers inside its scope;
- the inference of the archetype that fits best (`infer_archetype`), with
  scores and English reasons;
- the gaps between a structure and a given archetype (`signature_gaps`,
  `chain_gaps`, `brand_owner_gaps`, `group_role_gaps`, `wall_gaps`), each a
  message naming the brief's risk and what to do, with the place to fix it.

The ARCH4xx rules report these gaps; `stats` and `recommend` use the
inference. It also hands out the commented starting file of each archetype
(`domain/starters/ARCHETYPE.LANG.yaml`, for `orgdesign new`). This module
imports neither rules nor analysis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.marketing_scope import MarketingScope, find_marketing
from orgdesign.findings import Location
from orgdesign.model import ARCHETYPES, STAGES, Element, Org, RaciEntry

LINE_TYPES: tuple[str, ...] = ("division", "business-unit", "product-line", "region")
"""Unit types that make a unit a business line (vertical axis, division)."""

STAGE_NAMES_ZH: Mapping[str, str] = MappingProxyType(
    {"research": "调研", "planning": "策划", "promotion": "推广", "operation": "运营"}
)

LEAN_MAX_SEATS = 12
"""Most marketing seats of a lean team (a head and a few specialists)."""
LEAN_MAX_LAYERS = 3
"""Most layers down to the deepest marketing position in a lean organisation."""
FUNCTIONAL_MIN_GROUPS = 2
"""Fewest discipline groups under one marketing head that make a functional design."""
CONTRADICTION_SCORE = 0.5
"""Below this score the declared archetype is said to contradict the structure."""


@dataclass(frozen=True)
class ArchetypeInfo:
    """One archetype as the seed brief describes it."""

    id: str
    name: str
    name_zh: str
    shape: str
    fits: str
    strengths: tuple[str, ...]
    risks: tuple[tuple[str, str], ...]
    """(risk, how to manage it)."""
    shape_zh: str = ""
    strengths_zh: tuple[str, ...] = ()
    risks_zh: tuple[tuple[str, str], ...] = ()
    """The shape, strengths and risks in Simplified Chinese, in the seed brief's words."""

    def texts(self, lang: str = "en") -> tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]:
        """Shape, strengths and risks in a language (`en` or `zh`)."""
        if lang == "zh":
            return self.shape_zh, self.strengths_zh, self.risks_zh
        return self.shape, self.strengths, self.risks


ARCHETYPE_INFO: Mapping[str, ArchetypeInfo] = MappingProxyType(
    {
        "lean": ArchetypeInfo(
            "lean",
            "Lean",
            "精简型",
            "a head of marketing and a few specialists, or one marketing & sales department; "
            "everyone wears several hats",
            "a single business (one category, local service), a small budget, survival and "
            "model validation",
            (
                "short decision chain and fast response",
                "low people cost, resources kept together",
            ),
            (
                (
                    "trapped in routine work, no strategic view",
                    "keep the head accountable for the marketing plan and the budget, and "
                    "reserve time for research every quarter",
                ),
                (
                    "thin expertise for a complex market",
                    "buy expertise from partners for peaks, and move to discipline groups "
                    "(functional) when the business grows",
                ),
            ),
            shape_zh="仅设市场营销专员/主管和部门负责人，或与销售、运营合并为市场销售部；"
            "人员身兼多职",
            strengths_zh=("决策链短、响应速度快", "人力成本低、资源集中"),
            risks_zh=(
                (
                    "易陷入事务性工作陷阱，缺乏战略视角",
                    "由部门负责人对营销规划和预算负责，每季度预留时间做市场调研",
                ),
                (
                    "专业度不足，难以应对复杂市场竞争",
                    "高峰期向外部合作伙伴借力专业能力，业务增长后按专业模块分组（功能型）",
                ),
            ),
        ),
        "functional": ArchetypeInfo(
            "functional",
            "Functional",
            "功能型",
            "discipline groups (market research, brand promotion, digital marketing, customer "
            "operations, campaign planning) all reporting to the marketing director",
            "a business with some scale: several categories, regional expansion",
            (
                "depth of expertise in every discipline",
                "cross-group projects can cover complex campaigns",
            ),
            (
                (
                    "department walls between the groups",
                    "run big campaigns as cross-group project teams with a project lead, "
                    "members seconded from the groups, milestones and KPIs (project bonus)",
                ),
            ),
            shape_zh="按专业模块划分团队（市场调研组、品牌推广组、数字营销组、客户运营组、"
            "活动策划组），各小组向市场营销总监汇报",
            strengths_zh=("专业能力纵深发展", "跨组协作可覆盖复杂项目"),
            risks_zh=(
                (
                    "小组之间易出现部门墙",
                    "强化项目制管理：大型活动成立跨小组项目组，明确项目负责人（统筹）、"
                    "成员（各小组抽调）、时间节点和考核指标（项目奖金）",
                ),
            ),
        ),
        "matrix": ArchetypeInfo(
            "matrix",
            "Matrix",
            "矩阵型",
            "horizontal by function (brand, digital), vertical by business line (product line, "
            "region, customer group); line marketing reports to the line head and to the group "
            "function",
            "many categories, regions and customer groups",
            (
                "shared assets reused by every business line",
                "fast response of each business line",
            ),
            (
                (
                    "dual reporting causes decision friction",
                    "write explicit priority rules: per decision domain, which line has the "
                    "final word, and who arbitrates",
                ),
                (
                    "brand drift between business lines",
                    "keep one group-level position accountable (A) for brand consistency",
                ),
            ),
            shape_zh="横向按功能（品牌、数字营销），纵向按业务线（产品线、区域、客户群体）交叉"
            "管理；业务线的营销同时向业务线负责人和集团职能部门汇报",
            strengths_zh=("资源复用：集团共享素材可被各业务线复用", "业务线响应速度快"),
            risks_zh=(
                (
                    "双重汇报易导致决策内耗",
                    "明确优先级规则：每个决策领域由哪条线拍板、由谁仲裁",
                ),
                (
                    "各业务线之间品牌走样",
                    "由集团层面的一个岗位对品牌一致性负责（A）",
                ),
            ),
        ),
        "divisional": ArchetypeInfo(
            "divisional",
            "Divisional",
            "事业部型",
            "each business unit (product line, regional market) has its own complete marketing "
            "team covering research, planning, promotion and operation; the group keeps only "
            "strategic guidance and resource coordination",
            "very different business units that need independent, fast decisions",
            (
                "autonomy and very fast response of each business unit",
                "internal competition that drives innovation",
            ),
            (
                (
                    "duplicated resources across divisions",
                    "let the group coordinate shared resources (media buying, agencies, the "
                    "data platform) and the budget",
                ),
                (
                    "group brand consistency hard to hold",
                    "keep a group-level position accountable (A) for brand consistency",
                ),
            ),
            shape_zh="按业务单元（产品线、区域市场）独立设置营销团队，拥有完整的"
            "调研-策划-推广-运营能力；集团层面仅保留战略指导和资源协调职能",
            strengths_zh=("业务单元自主性强，对市场变化响应极快", "内部竞争激发创新"),
            risks_zh=(
                (
                    "资源重复投入",
                    "由集团统筹共享资源（媒介采购、代理商、数据中台）和预算",
                ),
                (
                    "集团品牌一致性难把控",
                    "由集团层面的岗位对品牌一致性负责（A）",
                ),
            ),
        ),
    }
)


@dataclass(frozen=True)
class ArchetypeInference:
    """The archetype that fits the structure best, every archetype's score, and why."""

    archetype: str
    scores: dict[str, float]
    reasons: list[str]


@dataclass(frozen=True)
class Structure:
    """The structural features the archetypes are told apart by."""

    marketing: frozenset[str]
    """Positions R or A on some responsibility (every position when there is no RACI)."""
    marketing_seats: int
    marketing_layers: int
    """Layer of the deepest marketing position (the top position is layer 1)."""
    lines: tuple[str, ...]
    """Top-most business-line units, in file order."""
    lines_with_marketing: tuple[str, ...]
    head: str | None
    """The position with the most discipline groups under it (the marketing head)."""
    groups: tuple[str, ...]
    """Discipline groups under `head`: units outside the lines, with marketing positions."""
    dual: tuple[str, ...]
    dual_in_lines: tuple[str, ...]
    """Dual-reporting positions in a business line with a dotted line out of that line."""
    governed: tuple[str, ...]
    """Dual-reporting positions covered by a priority rule."""
    line_of: Mapping[str, str]
    """Business line of each position that sits in one."""
    unit_line: Mapping[str, str]
    """Business line of each unit that sits in (or is) one."""
    stages: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Stages each business line's positions are R or A for, inside its scope."""
    scope: MarketingScope = field(
        default_factory=lambda: MarketingScope(frozenset(), frozenset(), "declared")
    )
    """The marketing function the archetypes judge (`orgdesign.domain.marketing_scope`)."""

    def full_chain_lines(self) -> list[str]:
        return [line for line in self.lines if self.stages.get(line, frozenset()) >= set(STAGES)]


@dataclass(frozen=True)
class Gap:
    """Where a structure falls short of an archetype: the message and the place to fix it."""

    message: str
    at: Location
    element: Element | None = None
    message_zh: str | None = None
    """The message in Simplified Chinese (`recommend --lang zh`); rules report `message`."""


# --- features ----------------------------------------------------------------------------


def unit_lines(graph: OrgGraph) -> dict[str, str]:
    """Top-most business-line unit of every unit that sits in (or is) one.

    One walk up per unit, stopping at a unit already placed, so the whole tree
    costs linear time; a unit in a `parent` cycle (ORG103) belongs to no line
    above the cycle.
    """
    placed: dict[str, str | None] = {}
    for start in graph.units:
        chain: list[str] = []
        on_chain: set[str] = set()
        node: str | None = start
        while node is not None and node not in placed and node not in on_chain:
            chain.append(node)
            on_chain.add(node)
            parent = graph.units[node].parent
            node = parent if parent in graph.units else None
        line = placed.get(node) if node is not None else None
        for uid in reversed(chain):
            if line is None and graph.units[uid].type in LINE_TYPES:
                line = uid
            placed[uid] = line
    return {uid: line for uid, line in placed.items() if line is not None}


def top_lines(org: Org, unit_line: Mapping[str, str]) -> tuple[str, ...]:
    """Business-line units that are not inside another one, in file order."""
    return tuple(u.id for u in org.units if unit_line.get(u.id) == u.id)


def stages_of(org: Org, responsibility_id: str) -> frozenset[str]:
    """Stages of a responsibility: its own, or those of its leaves when it has children."""
    resp = org.responsibility_by_id.get(responsibility_id)
    if resp is None:
        return frozenset()
    return frozenset(item.stage for item, _up in resp.walk() if item.stage and not item.children)


def line_stages(
    org: Org, graph: OrgGraph, line_of: Mapping[str, str], unit_line: Mapping[str, str]
) -> dict[str, frozenset[str]]:
    """Stages each business line's positions are R or A for, counting entries that reach it.

    An entry reaches a line when it has no scope, a scope inside the line, or a
    scope above it.
    """
    above = {line: set(graph.unit_ancestors(line)) for line in set(unit_line.values())}
    found: dict[str, set[str]] = {}
    cache: dict[str, frozenset[str]] = {}
    for entry in org.raci:
        stages = cache.get(entry.responsibility)
        if stages is None:
            stages = cache[entry.responsibility] = stages_of(org, entry.responsibility)
        if not stages:
            continue
        scope = entry.scope
        for pid in {*entry.R, *entry.A}:
            line = line_of.get(pid)
            if line is None:
                continue
            if scope is None or unit_line.get(scope) == line or scope in above[line]:
                found.setdefault(line, set()).update(stages)
    return {line: frozenset(stages) for line, stages in found.items()}


def _units_with(graph: OrgGraph, positions: Iterable[str]) -> set[str]:
    """Units holding one of `positions`, and every unit above them."""
    marked: set[str] = set()
    for pid in positions:
        unit = graph.unit_of(pid)
        while unit is not None and unit not in marked:
            marked.add(unit)
            parent = graph.units[unit].parent
            unit = parent if parent in graph.units else None
    return marked


def discipline_groups(
    org: Org, graph: OrgGraph, marketing: Iterable[str], unit_line: Mapping[str, str]
) -> tuple[str | None, tuple[str, ...]]:
    """The manager with the most marketing units (outside the lines) headed by direct reports."""
    with_marketing = _units_with(graph, marketing)
    by_manager: dict[str, list[str]] = {}
    for unit in org.units:
        if (
            unit.id not in with_marketing
            or unit.id in unit_line
            or unit.head not in graph.positions
        ):
            continue
        manager = graph.manager(unit.head) if unit.head else None
        if manager is not None:
            by_manager.setdefault(manager, []).append(unit.id)
    if not by_manager:
        return None, ()
    head = max(by_manager, key=lambda m: len(by_manager[m]))
    return head, tuple(by_manager[head])


def analyse(org: Org, graph: OrgGraph) -> Structure:
    """The structural features of an organisation, worked out once per graph."""
    return graph.memo("archetypes.structure", lambda: _analyse(org, graph))


def _analyse(org: Org, graph: OrgGraph) -> Structure:
    """The structural features of an organisation."""
    scope = find_marketing(org, graph)
    marketing = scope.positions
    unit_line = unit_lines(graph)
    line_of = {pos.id: unit_line[pos.unit] for pos in org.positions if pos.unit in unit_line}
    lines = top_lines(org, unit_line)
    with_marketing = {line_of[p] for p in marketing if p in line_of}
    head, groups = discipline_groups(org, graph, marketing, unit_line)
    dual = tuple(graph.dual_positions)
    dual_in_lines = tuple(
        p
        for p in dual
        if p in line_of and any(line_of.get(m) != line_of[p] for m in graph.dotted_managers(p))
    )
    layers = graph.layers
    return Structure(
        marketing=marketing,
        marketing_seats=sum(graph.positions[p].headcount for p in marketing),
        marketing_layers=max((layers.get(p, 0) for p in marketing), default=0),
        lines=lines,
        lines_with_marketing=tuple(line for line in lines if line in with_marketing),
        head=head,
        groups=groups,
        dual=dual,
        dual_in_lines=dual_in_lines,
        governed=tuple(p for p in dual if graph.rules_by_position.get(p)),
        line_of=MappingProxyType(line_of),
        unit_line=MappingProxyType(unit_line),
        stages=MappingProxyType(line_stages(org, graph, line_of, unit_line)),
        scope=scope,
    )


# --- inference ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for an archetype: its weight, how far it holds, and why."""

    weight: float
    degree: float
    """0 (absent) to 1 (fully present)."""
    held: str
    """Sentence saying what was found."""
    missed: str
    """Sentence saying what is missing."""


def _names(ids: Sequence[str], limit: int = 4) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _names_zh(ids: Sequence[str], limit: int = 4) -> str:
    shown = "、".join(ids[:limit])
    return shown + (f" 等 {len(ids)} 个" if len(ids) > limit else "")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _lean_signals(s: Structure) -> list[Signal]:
    seats = _plural(s.marketing_seats, "marketing seat")
    return [
        Signal(
            0.3,
            float(s.marketing_seats <= LEAN_MAX_SEATS),
            f"{seats}: a small team where people wear several hats.",
            f"{seats}: more than the {LEAN_MAX_SEATS} of a lean team.",
        ),
        Signal(
            0.1,
            float(s.marketing_layers <= LEAN_MAX_LAYERS),
            f"Marketing sits at most {s.marketing_layers} layers deep: a short decision chain.",
            f"Marketing sits {s.marketing_layers} layers deep, more than a lean {LEAN_MAX_LAYERS}.",
        ),
        Signal(
            0.2,
            float(len(s.groups) < FUNCTIONAL_MIN_GROUPS),
            "No discipline groups side by side under one head.",
            f"{_plural(len(s.groups), 'discipline group')} under {s.head!r}.",
        ),
        Signal(
            0.4,
            float(not s.lines_with_marketing and not s.dual),
            "No business lines with their own marketing and no dual reporting.",
            "There are business lines with their own marketing or dual reporting.",
        ),
    ]


def _functional_signals(s: Structure) -> list[Signal]:
    groups = f"{_plural(len(s.groups), 'discipline group')} ({_names(s.groups)}) under {s.head!r}"
    return [
        Signal(
            0.3,
            float(len(s.groups) >= FUNCTIONAL_MIN_GROUPS),
            f"{groups}: marketing is split by discipline under one head.",
            f"Fewer than {FUNCTIONAL_MIN_GROUPS} discipline groups under one marketing head.",
        ),
        Signal(
            0.2,
            float(len(s.groups) >= FUNCTIONAL_MIN_GROUPS + 1),
            "Three or more disciplines have a group of their own.",
            "Fewer than three disciplines have a group of their own.",
        ),
        Signal(
            0.2,
            float(not s.lines_with_marketing),
            "No business line runs marketing of its own.",
            f"Business lines run marketing of their own ({_names(s.lines_with_marketing)}).",
        ),
        Signal(
            0.2,
            float(not s.dual),
            "No dual reporting: every position has one manager.",
            f"{_plural(len(s.dual), 'position')} report on a dotted line too ({_names(s.dual)}).",
        ),
        Signal(
            0.1,
            float(s.marketing_seats > LEAN_MAX_SEATS),
            "The team is larger than a lean one.",
            "The team is small enough to be lean.",
        ),
    ]


def _matrix_signals(s: Structure) -> list[Signal]:
    lines_dual = {s.line_of[p] for p in s.dual_in_lines}
    governed_set = set(s.governed)
    governed = [p for p in s.dual_in_lines if p in governed_set]
    return [
        Signal(
            0.4,
            float(bool(s.dual_in_lines)),
            f"{_plural(len(s.dual_in_lines), 'position')} in business lines report to the line "
            f"and, on a dotted line, to a shared function ({_names(s.dual_in_lines)}).",
            "No position in a business line has a dotted line to a shared function.",
        ),
        Signal(
            0.2,
            len(lines_dual) / len(s.lines) if s.lines else 0.0,
            f"{len(lines_dual)} of {_plural(len(s.lines), 'business line')} have dual reporting.",
            "Not every business line has dual reporting.",
        ),
        Signal(
            0.2,
            float(len(s.lines_with_marketing) >= 2),
            f"{len(s.lines_with_marketing)} business lines carry marketing "
            f"({_names(s.lines_with_marketing)}): the vertical axis.",
            "Fewer than two business lines carry marketing.",
        ),
        Signal(
            0.2,
            len(governed) / len(s.dual_in_lines) if s.dual_in_lines else 0.0,
            f"{len(governed)} of {len(s.dual_in_lines)} dual-reporting positions are governed "
            "by priority rules.",
            "Not every dual-reporting position is governed by a priority rule.",
        ),
    ]


def _divisional_signals(s: Structure) -> list[Signal]:
    full = s.full_chain_lines()
    return [
        Signal(
            0.2,
            float(len(s.lines) >= 2),
            f"{_plural(len(s.lines), 'business line')} ({_names(s.lines)}).",
            "Fewer than two business lines (units of type division, business-unit, "
            "product-line or region).",
        ),
        Signal(
            0.5,
            len(full) / len(s.lines) if s.lines else 0.0,
            f"{len(full)} of {len(s.lines)} business lines cover the whole chain research -> "
            "planning -> promotion -> operation themselves.",
            "Not every business line covers the whole chain research -> planning -> "
            "promotion -> operation.",
        ),
        Signal(
            0.2,
            float(bool(s.lines) and not s.dual_in_lines),
            "No dotted lines out of the business lines: they decide on their own.",
            "Business-line positions also report to a shared function.",
        ),
        Signal(
            0.1,
            float(len(s.lines_with_marketing) >= 2),
            "Marketing sits inside the business lines.",
            "Fewer than two business lines have marketing positions.",
        ),
    ]


SIGNALS = MappingProxyType(
    {
        "lean": _lean_signals,
        "functional": _functional_signals,
        "matrix": _matrix_signals,
        "divisional": _divisional_signals,
    }
)


def score(signals: Iterable[Signal]) -> float:
    return round(sum(sig.weight * max(0.0, min(sig.degree, 1.0)) for sig in signals), 2)


def explain(signals: Iterable[Signal]) -> list[str]:
    """What supports an archetype, then what it lacks."""
    items = list(signals)
    held = [sig.held for sig in items if sig.degree > 0]
    missed = [f"However: {sig.missed}" for sig in items if sig.degree < 1]
    return held + missed


NO_FUNCTION = "none"
"""The inferred archetype of an organisation without a marketing function."""


def infer_from(structure: Structure) -> ArchetypeInference:
    """The best-fitting archetype for analysed features (ties go to the earlier archetype).

    Without a marketing function there is nothing the archetypes describe: the
    inference is `none`, with the reason and how to mark the function.
    """
    if not structure.scope.found:
        return ArchetypeInference(
            NO_FUNCTION,
            dict.fromkeys(ARCHETYPES, 0.0),
            [
                "No marketing function found (no unit with `function: marketing`, no "
                "marketing responsibilities, no unit named for marketing): the archetypes "
                "describe a marketing function, so none is inferred; mark the marketing unit "
                "with `function: marketing` to have it judged."
            ],
        )
    signals = {name: SIGNALS[name](structure) for name in ARCHETYPES}
    scores = {name: score(signals[name]) for name in ARCHETYPES}
    best = max(ARCHETYPES, key=lambda name: scores[name])
    info = ARCHETYPE_INFO[best]
    reasons = [f"Fits {info.name.lower()} ({info.name_zh}): {info.shape}.", *explain(signals[best])]
    if structure.scope.source in ("marked", "named"):
        reasons.append(f"Judged on the marketing function only: {structure.scope.label}.")
    return ArchetypeInference(best, scores, reasons)


def infer_archetype(org: Org, graph: OrgGraph) -> ArchetypeInference:
    """Name the archetype that fits the structure best, with scores and reasons."""
    return infer_from(analyse(org, graph))


def effective_archetype(org: Org, graph: OrgGraph) -> str:
    """The declared archetype, or the inferred one when none is declared."""
    return org.archetype or infer_archetype(org, graph).archetype


# --- gaps ----------------------------------------------------------------------------------


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
    gaps = shape_gaps(org, graph, archetype, limits, structure)
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


def _stage_examples(org: Org, stage: str, limit: int = 3, lang: str = "en") -> str:
    ids = [r.id for r in org.leaf_responsibilities() if r.stage == stage][:limit]
    if lang == "zh":
        return f"，如 {'、'.join(ids)}" if ids else ""
    return f" (e.g. {', '.join(ids)})" if ids else ""


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
            f"{stage} ({STAGE_NAMES_ZH[stage]}){_stage_examples(org, stage)}" for stage in missing
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
                    f"{STAGE_NAMES_ZH[stage]}（{stage}{_stage_examples(org, stage, lang='zh')}）"
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


def group_duties(
    strategy: Sequence[str] = STRATEGY_RESPONSIBILITIES,
    coordination: Sequence[str] = COORDINATION_RESPONSIBILITIES,
    brand: Sequence[str] = BRAND_RESPONSIBILITIES,
) -> list[GroupDuty]:
    """What the group level of a divisional design keeps (a duty with no ids is left out)."""
    duties = [
        GroupDuty(
            "strategic guidance",
            tuple(strategy),
            "the brief's divisional group keeps strategic guidance; without it each division "
            "sets its own direction and the group is a holding, not a marketing organisation",
            "战略指导",
            "文档中事业部型的集团保留战略指导；缺了它，各事业部各定方向，集团只是控股公司而"
            "不是营销组织",
        ),
        GroupDuty(
            "resource coordination",
            tuple(coordination),
            "the divisional design's risk is duplicated resources; the group's coordination of "
            "budget, media buying, agencies and data is what keeps it in check",
            "资源协调",
            "事业部型的挑战是资源重复投入；集团对预算、媒介采购、代理商和数据的统筹正是控制"
            "它的手段",
        ),
        GroupDuty(
            "brand consistency",
            tuple(brand),
            "the divisional design's other risk is a group brand that is hard to keep "
            "consistent; someone above the divisions must own it",
            "品牌一致性",
            "事业部型的另一挑战是集团品牌一致性难把控；必须由事业部之上的人对它负责",
        ),
    ]
    return [duty for duty in duties if duty.responsibilities]


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


# --- starting files ------------------------------------------------------------------------

STARTER_LANGUAGES: tuple[str, ...] = ("en", "zh")
"""Languages of the commented starting files in `orgdesign/domain/starters/`."""


def starter_language(lang: str | None) -> str | None:
    """The starting-file language for a language tag (`zh-CN` -> `zh`), or None if there is none."""
    base = (lang or "en").strip().lower().replace("_", "-").split("-", 1)[0]
    return base if base in STARTER_LANGUAGES else None


def starting_file(archetype: str, lang: str = "en") -> str:
    """The commented starting file of an archetype in a language (`orgdesign new`)."""
    if archetype not in ARCHETYPES or lang not in STARTER_LANGUAGES:
        raise ValueError(f"no starting file for archetype {archetype!r} in language {lang!r}")
    ref = resources.files("orgdesign.domain").joinpath("starters", f"{archetype}.{lang}.yaml")
    return ref.read_text(encoding="utf-8")
