"""Archetype recommendation from a business profile (`orgdesign recommend`).

This module owns the seed brief's "dynamic considerations" (document 000,
section II) turned into a decision: the business profile (categories,
regions, customer segments, digital maturity, third-party reliance, unit
similarity, budget) gives the recommended archetype with the reasons, the
strengths and risks to manage, structural additions (digital marketing centre,
supplier management group, career ladder) and the mechanisms of section III.
Given an organisation, `compare` says what its structure would need to change.

The decision, sentence by sentence from the brief:

- a single business (one category, one market) with a small or unknown budget
  is lean; with a medium or large budget functional ("single category ->
  functional");
- some scale (several categories, a regional expansion) is functional;
- many categories, regions and customer groups (all three several, or any one
  at `MANY` or more) is matrix when the units are similar, divisional when they
  differ a lot; very different units are divisional at any scale above one;
- matrix and divisional are designs for large groups: with a small budget the
  recommendation stays functional.

Every sentence the recommendation prints comes in English and Simplified
Chinese (`lang` "en" or "zh"), the Chinese in the words of the Chinese seed
document; JSON keys and ids stay English.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from orgdesign.analysis.profiling import (
    MID_TEAM,
    SMALL_TEAM,
    StructureReading,
    contradictions,
    profile_line,
    read_structure,
)
from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes import (
    ARCHETYPE_INFO,
    ArchetypeInference,
    analyse,
    archetype_gaps,
    infer_from,
    unit_lines,
)
from orgdesign.i18n import Text
from orgdesign.model import Org, Profile, pick_language

SEVERAL = 2
"""Categories, regions or segments from which a dimension counts as several."""
MANY = 4
"""Categories, regions or segments from which one dimension alone makes the business complex."""

DIGITAL_AREA = "digital"
"""Catalogue area whose owner is the digital marketing centre."""
SUPPLIER_RESPONSIBILITY = "collaboration.supplier-management"
"""Catalogue responsibility whose owner is the supplier management group."""

LANGUAGES: tuple[str, ...] = ("en", "zh")
"""Languages of the recommendation's text and JSON strings."""


def report_language(tag: str | None) -> str | None:
    """`en` or `zh` for a language tag (`zh-CN`, `ZH`, `zh_Hans` -> `zh`); None if unsupported."""
    if tag is None:
        return "en"
    return pick_language({lang: lang for lang in LANGUAGES}, tag)


def _t(lang: str, en: str, zh: str) -> str:
    """The English or the Chinese wording, written side by side where the sentence is built."""
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class Risk:
    risk: str
    manage: str


@dataclass(frozen=True)
class Addition:
    """A structural addition the brief's dynamic considerations call for."""

    id: str
    name: str
    name_zh: str
    why: str
    present: str | None = None
    """The unit of the file that already does this work (then nothing is to be added)."""


@dataclass(frozen=True)
class Recommendation:
    archetype: str
    profile: Profile
    reasons: list[str]
    assumptions: list[str]
    strengths: list[str]
    risks: list[Risk]
    additions: list[Addition]
    mechanisms: list[str]
    lang: str = "en"
    """Language of the sentences above (`en` or `zh`)."""
    inferred: list[str] = field(default_factory=list)
    """Profile fields read from the structure (the file has no `organization.profile`)."""
    warnings: list[str] = field(default_factory=list)
    """A profile that contradicts itself or the file."""
    team_size: int | None = None
    """Marketing seats the advice was scaled to."""


@dataclass(frozen=True)
class Change:
    """One thing the current structure would need to change, and where (when known)."""

    message: str
    file: str | None = None
    line: int | None = None
    element: str | None = None


@dataclass(frozen=True)
class Comparison:
    """The current structure against a recommendation."""

    declared: str | None
    current: ArchetypeInference
    changes: list[Change] = field(default_factory=list)


MECHANISM_TEXTS: tuple[Text, ...] = (
    Text(
        "Project-based collaboration: for big projects (launches, annual promotions) a cross-group "
        "team with a project lead, members seconded from the groups, milestones, KPIs and a "
        "project bonus.",
        "项目制协作：针对大型营销项目（新品上市、年度大促）成立跨小组项目组，明确项目负责人"
        "（统筹）、成员（各小组抽调）、时间节点和考核指标，用项目奖金激发协作动力。",
    ),
    Text(
        "Data transparency: a marketing data platform with core data (channel ROI, customer "
        "behaviour paths) open to everyone.",
        "数据透明化：搭建营销数据中台，向全员开放核心数据（各渠道 ROI、用户行为路径）。",
    ),
    Text(
        "Agile culture: MVP tests before roll-outs (a small regional launch first; three video "
        "styles, then scale the best).",
        "敏捷文化：推行最小可行性测试（MVP），新品推广先做区域小范围投放，验证效果后再全国"
        "铺开；内容营销先做 3 条不同风格的短视频，根据数据选最优方向放大。",
    ),
    Text(
        "External ecosystem: partnerships with associations, media, KOL/KOC and cross-industry "
        "brands.",
        "外部生态联动：与行业协会、媒体、KOL/KOC、异业品牌建立生态伙伴关系。",
    ),
)

TRANSITION_TEXTS: Mapping[str, Text] = MappingProxyType(
    {
        "lean": Text(
            "Fold the groups into one marketing (or marketing & sales) team under one head "
            "who stays accountable for the plan and the budget.",
            "把各小组合并为一个市场营销（或市场销售）团队，由一位部门负责人统一对营销规划和"
            "预算负责。",
        ),
        "functional": Text(
            "Split marketing into discipline groups (market research, brand "
            "promotion, digital marketing, customer operations, campaign planning), each with a "
            "lead reporting to the marketing director; run cross-group work as projects.",
            "按专业模块划分营销团队（市场调研组、品牌推广组、数字营销组、客户运营组、活动"
            "策划组），各组组长向市场营销总监汇报；跨组工作以项目制运行。",
        ),
        "matrix": Text(
            "Give each business line (product line, region, customer group) its own "
            "marketing positions reporting to the line head, with a dotted line to the group "
            "functions (brand, digital); write priority rules deciding each decision domain; "
            "keep a group-level A for brand consistency.",
            "为每条业务线（产品线、区域、客户群体）设置营销岗位，向业务线负责人汇报，并虚线"
            "汇报给集团职能部门（品牌、数字营销）；为每个决策领域明确优先级规则；在集团层面"
            "保留对品牌一致性负责的 A。",
        ),
        "divisional": Text(
            "Give each division (type division, business-unit, product-line or "
            "region) a complete marketing team that is R or A for research, planning, promotion "
            "and operation in its scope; keep only strategy, resource coordination and brand "
            "consistency at group level.",
            "为每个事业部（类型为 division、business-unit、product-line 或 region 的单元）独立"
            "设置完整的营销团队，在其范围内对调研、策划、推广、运营担任 R 或 A；集团层面仅"
            "保留战略指导、资源协调和品牌一致性。",
        ),
    }
)
TRANSITIONS: Mapping[str, str] = MappingProxyType(
    {archetype: text.en for archetype, text in TRANSITION_TEXTS.items()}
)


# --- the decision ------------------------------------------------------------------------

_DIMENSIONS: Mapping[str, Text] = MappingProxyType(
    {
        "categories": Text("categories", "品类"),
        "regions": Text("regions", "区域"),
        "customer segments": Text("customer segments", "客户群体"),
    }
)
_SINGULAR = MappingProxyType(
    {"categories": "category", "regions": "region", "customer segments": "customer segment"}
)
_BUDGET_ZH = MappingProxyType({"small": "较小的", "medium": "中等", "large": "充足的"})


def _dimensions(profile: Profile, lang: str = "en") -> tuple[dict[str, int], list[str]]:
    """Categories, regions and segments (1 when not given), and the assumptions made."""
    given = {
        "categories": profile.categories,
        "regions": profile.regions,
        "customer segments": profile.customer_segments,
    }
    dims = {name: max(value, 1) if value is not None else 1 for name, value in given.items()}
    assumed = [
        _t(
            lang,
            f"Number of {name} not given: assumed 1.",
            f"未给出{_DIMENSIONS[name].zh}数量：按 1 计。",
        )
        for name, value in given.items()
        if value is None
    ]
    return dims, assumed


def _describe(dims: Mapping[str, int], lang: str = "en") -> str:
    if lang == "zh":
        return "、".join(f"{count} 个{_DIMENSIONS[name].zh}" for name, count in dims.items())
    return ", ".join(
        f"{count} {name if count != 1 else _SINGULAR[name]}" for name, count in dims.items()
    )


def choose(profile: Profile, lang: str = "en") -> tuple[str, list[str], list[str]]:
    """The recommended archetype, the reasons (from the brief) and the assumptions made."""
    dims, assumptions = _dimensions(profile, lang)
    several = [name for name, count in dims.items() if count >= SEVERAL]
    many = [name for name, count in dims.items() if count >= MANY]
    budget = profile.budget
    different = profile.unit_similarity == "different"
    shape = _describe(dims, lang)
    if not several:
        if budget in ("medium", "large"):
            return (
                "functional",
                [
                    _t(
                        lang,
                        f'A single business ({shape}); the brief: "single category -> functional".',
                        f"单一业务（{shape}）；文档：“单一品类适合功能型”。",
                    ),
                    _t(
                        lang,
                        f"A {budget} budget pays for discipline groups that build expertise, "
                        "which a lean team lacks.",
                        f"{_BUDGET_ZH[budget]}预算足以支撑按专业模块划分的小组，让专业能力纵深"
                        "发展，这正是精简型团队所缺的。",
                    ),
                ],
                assumptions,
            )
        if budget is None:
            assumptions.append(
                _t(
                    lang,
                    "Budget not given: read as small, the survival stage; with a medium or large "
                    "budget the recommendation is functional.",
                    "未给出预算：按预算有限（生存阶段）处理；预算为中等或充足时推荐功能型。",
                )
            )
        return (
            "lean",
            [
                _t(
                    lang,
                    f"A single business ({shape}): the brief's lean design fits a single business "
                    "(one category, local service), a small budget, survival and model "
                    "validation.",
                    f"单一业务（{shape}）：文档中的精简型适用于业务单一（如单品类、本地服务）、"
                    "预算有限、以“活下去+验证模式”为核心目标的阶段。",
                ),
                _t(
                    lang,
                    "Short decision chain, fast response and low cost matter most at this stage.",
                    "这一阶段最看重决策链短、响应速度快、成本低。",
                ),
            ],
            assumptions,
        )
    complex_ = len(several) == len(dims) or bool(many)
    why_complex = _t(
        lang,
        f"Many categories, regions and customer groups ({shape}): the brief's matrix and "
        'divisional designs fit "many categories / regions".',
        f"多品类、多区域、多客群（{shape}）：文档中“多品类/多区域适合矩阵型/事业部型”。",
    )
    if budget == "small" and (complex_ or different):
        return (
            "functional",
            [
                why_complex
                if complex_
                else _t(
                    lang,
                    f"Business units that differ a lot ({shape}).",
                    f"业务单元差异大（{shape}）。",
                ),
                _t(
                    lang,
                    "Matrix and divisional are the brief's designs for large groups; a small "
                    "budget cannot carry their duplicated or shared teams, so start functional, "
                    "run each business line's big campaigns as cross-group projects, and revisit "
                    "as the budget grows.",
                    "矩阵型和事业部型是文档为大型企业/集团设计的架构；预算有限，承担不起重复或"
                    "共享的团队，因此先采用功能型，把各业务线的大型活动作为跨小组项目运行，预算"
                    "增长后再重新评估。",
                ),
            ],
            assumptions,
        )
    if different:
        return (
            "divisional",
            [
                why_complex
                if complex_
                else _t(lang, f"Several business units ({shape}).", f"多个业务单元（{shape}）。"),
                _t(
                    lang,
                    "The business units differ a lot: the brief's divisional design fits very "
                    "different units (consumer electronics vs industrial software) that need "
                    "independent, fast decisions.",
                    "业务单元差异大：文档中的事业部型适用于业务单元差异大（如科技集团下的“ToC"
                    "消费电子”与“ToB工业软件”）、需要“独立决策、快速试错”的阶段。",
                ),
            ],
            assumptions,
        )
    if complex_:
        if profile.unit_similarity is None:
            assumptions.append(
                _t(
                    lang,
                    "Unit similarity not given: assumed similar; if the business units differ a "
                    "lot, the recommendation is divisional.",
                    "未给出业务单元的相似度：按相似处理；若业务单元差异大，推荐事业部型。",
                )
            )
        return (
            "matrix",
            [
                why_complex,
                _t(
                    lang,
                    "The business units are similar, so they can share brand and digital assets: "
                    "the matrix reuses shared assets while each business line responds fast.",
                    "业务单元相似，可以共享品牌和数字营销资产：矩阵型既能资源复用（如集团品牌"
                    "素材可被各产品线复用），又能让业务线快速响应。",
                ),
            ],
            assumptions,
        )
    return (
        "functional",
        [
            _t(
                lang,
                f"A business with some scale ({shape}): the brief's functional design fits "
                "several categories and a regional expansion.",
                f"业务有一定规模（{shape}）：文档中的功能型适用于多品类、区域扩张的阶段。",
            ),
            _t(
                lang,
                "Not yet many categories, regions and customer groups at once, so one marketing "
                "director can still coordinate the disciplines.",
                "尚未同时具备多品类、多区域、多客群，一位市场营销总监仍能统筹各专业小组。",
            ),
        ],
        assumptions,
    )


def additions(
    profile: Profile,
    lang: str = "en",
    team_size: int | None = None,
    reading: StructureReading | None = None,
) -> list[Addition]:
    """Structural additions from the brief's dynamic considerations, scaled to the team.

    A team too small for a centre or a group gets an owner instead; an addition
    the file already has names the unit that does the work.
    """
    out = _full_additions(profile, lang)
    if team_size is not None and team_size < MID_TEAM:
        out = [_scaled(a, team_size, lang) for a in out]
    if reading is not None:
        present = {
            "digital-marketing-centre": reading.digital_unit,
            "digital-owner": reading.digital_unit,
            "supplier-management-group": reading.supplier_unit,
            "supplier-owner": reading.supplier_unit,
        }
        out = [
            replace(a, present=f"{unit.label(lang)} ({unit.id})")
            if (unit := present.get(a.id)) is not None
            else a
            for a in out
        ]
    return out


SCALED: Mapping[str, tuple[str, Text, Text]] = MappingProxyType(
    {
        "digital-marketing-centre": (
            "digital-owner",
            Text("Digital owner", "数字营销负责人"),
            Text(
                "High digital maturity, but a team of {n} cannot staff a centre: name one "
                "position A for the `digital` area (CRM/CDP, automation, the funnel dashboard) "
                "and buy the rest as services.",
                "数字化成熟度高，但 {n} 人的团队无法组建数字营销中心：指定一个岗位对 `digital` "
                "领域负责（A）（CRM/CDP、营销自动化、全链路数据看板），其余以外部服务采购。",
            ),
        ),
        "supplier-management-group": (
            "supplier-owner",
            Text("Supplier owner", "供应商管理负责人"),
            Text(
                "Heavy reliance on third parties, and a team of {n}: no group, but one "
                f"position A for `{SUPPLIER_RESPONSIBILITY}` who selects, briefs and evaluates "
                "the agencies doing the work.",
                "依赖第三方合作，团队仅 {n} 人：不设小组，而是指定一个岗位对 "
                f"`{SUPPLIER_RESPONSIBILITY}` 负责（A），负责代理商的选择、需求沟通与评估。",
            ),
        ),
    }
)


def _scaled(addition: Addition, team_size: int, lang: str) -> Addition:
    if addition.id not in SCALED or team_size > SMALL_TEAM:
        return addition
    new_id, name, why = SCALED[addition.id]
    return Addition(new_id, name(lang), name.zh, why(lang, n=team_size))


def _full_additions(profile: Profile, lang: str) -> list[Addition]:
    out: list[Addition] = []
    if profile.digital_maturity == "high":
        out.append(
            Addition(
                "digital-marketing-centre",
                _t(lang, "Digital marketing centre", "数字营销中心"),
                "数字营销中心",
                _t(
                    lang,
                    "High digital maturity: a centre that owns CRM/CDP, marketing automation, the "
                    "full-funnel dashboard and new formats (AIGC, livestreams) for everyone.",
                    "数字化成熟度高：增设数字营销中心，统一负责 CRM/CDP、营销自动化、全链路数据"
                    "看板和新形态（AIGC、直播），服务所有业务。",
                ),
            )
        )
    if profile.third_party_reliance == "high":
        out.append(
            Addition(
                "supplier-management-group",
                _t(lang, "Supplier management group", "供应商管理组"),
                "供应商管理组",
                _t(
                    lang,
                    "Heavy reliance on third parties: a group accountable for selecting, "
                    f"briefing and evaluating agencies and partners ({SUPPLIER_RESPONSIBILITY}).",
                    "依赖第三方合作：强化供应商管理组，负责代理商和合作伙伴的选择、需求沟通与"
                    f"评估（{SUPPLIER_RESPONSIBILITY}）。",
                ),
            )
        )
    out.append(
        Addition(
            "career-ladder",
            _t(lang, "Career ladder and rotation", "上升通道与轮岗"),
            "上升通道与轮岗",
            _t(
                lang,
                "Leave a career ladder (junior marketing manager -> marketing director -> "
                "marketing VP) and rotate people between groups to grow versatile talent.",
                "预留上升通道（初级营销经理 -> 市场营销总监 -> 营销副总裁），通过轮岗制培养"
                "复合型人才。",
            ),
        )
    )
    return out


CAPS: tuple[tuple[int, str], ...] = ((SMALL_TEAM, "lean"), (MID_TEAM - 1, "functional"))
"""Team size at or below which the archetype is capped, and the cap."""


def scale_to_team(archetype: str, team_size: int | None, lang: str) -> tuple[str, list[str]]:
    """The archetype a team of `team_size` marketing seats can staff, and why if capped."""
    order = ("lean", "functional", "matrix", "divisional")
    if team_size is None:
        return archetype, []
    for limit, cap in CAPS:
        if team_size <= limit and order.index(archetype) > order.index(cap):
            why = Text(
                "A marketing team of {n}: too few people for the {wanted} design the business "
                "profile alone calls for, so {cap} for now; grow into {wanted} as the team grows.",
                "市场营销团队仅 {n} 人：业务画像本身指向{wanted_zh}，但人数不足以支撑，"
                "因此当前采用{cap_zh}；随团队扩大再逐步过渡到{wanted_zh}。",
            )(
                lang,
                n=team_size,
                wanted=archetype,
                cap=cap,
                wanted_zh=ARCHETYPE_INFO[archetype].name_zh,
                cap_zh=ARCHETYPE_INFO[cap].name_zh,
            )
            return cap, [why]
    return archetype, []


def recommend(
    profile: Profile,
    lang: str = "en",
    *,
    team_size: int | None = None,
    reading: StructureReading | None = None,
    inferred: list[str] | None = None,
) -> Recommendation:
    """The archetype a business profile calls for, with reasons, strengths, risks and additions.

    `lang` ("en" or "zh") is the language of every sentence; see `report_language`.
    `team_size` (marketing seats) scales the design and the additions to what the team
    can staff; `reading` (the file's structure) marks additions already there and
    finds a profile at odds with the file.
    """
    wanted, reasons, assumptions = choose(profile, lang)
    archetype, capped = scale_to_team(wanted, team_size, lang)
    reasons = [*reasons, *capped]
    _shape, strengths, risks = ARCHETYPE_INFO[archetype].texts(lang)
    return Recommendation(
        archetype=archetype,
        profile=profile,
        reasons=reasons,
        assumptions=assumptions,
        strengths=list(strengths),
        risks=[Risk(risk, manage) for risk, manage in risks],
        additions=additions(profile, lang, team_size, reading),
        mechanisms=[text.get(lang) for text in MECHANISM_TEXTS],
        lang=lang,
        inferred=list(inferred or []),
        warnings=contradictions(profile, reading, lang),
        team_size=team_size,
    )


def merge_profile(base: Profile | None, overrides: Mapping[str, Any]) -> Profile:
    """The file's profile with the given fields replaced (None values are left out)."""
    data = base.model_dump(exclude_none=True) if base is not None else {}
    data.update({key: value for key, value in overrides.items() if value is not None})
    return Profile.model_validate(data)


# --- against a structure ---------------------------------------------------------------


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
        changes.append(
            Change(
                _t(
                    lang,
                    "Add a digital marketing centre (数字营销中心): a unit above the business "
                    f"lines whose main accountability is the `{DIGITAL_AREA}` area (CRM/CDP, "
                    "marketing automation, the funnel dashboard, new formats) for the whole "
                    "organisation.",
                    "增设数字营销中心：在业务线之上设一个单元，主要对 "
                    f"`{DIGITAL_AREA}` 领域负责（CRM/CDP、营销自动化、全链路数据看板、新形态），"
                    "服务整个组织。",
                )
            )
        )
    if "supplier-management-group" in wanted and not _owners(org, graph, {SUPPLIER_RESPONSIBILITY}):
        changes.append(
            Change(
                _t(
                    lang,
                    "Add a supplier management group (供应商管理组): nobody above the business "
                    f"lines is A for `{SUPPLIER_RESPONSIBILITY}`; give it a unit whose head is.",
                    "强化供应商管理组：业务线之上没有人对 "
                    f"`{SUPPLIER_RESPONSIBILITY}` 负责（A）；为它设一个单元，由该单元负责人"
                    "担任 A。",
                )
            )
        )
    return changes


def compare(org: Org, graph: OrgGraph, rec: Recommendation) -> Comparison:
    """What the organisation's structure would need to change to follow the recommendation.

    The changes are in the recommendation's language.
    """
    current = infer_from(analyse(org, graph))
    declared = org.archetype
    lang = rec.lang
    changes: list[Change] = []
    if declared and declared != rec.archetype:
        changes.append(
            Change(
                _t(
                    lang,
                    f"The file declares `archetype: {declared}`; the profile calls for "
                    f"{rec.archetype}: change the structure as below, then the declaration.",
                    f"文件声明了 `archetype: {declared}`，业务画像需要的是"
                    f"{ARCHETYPE_INFO[rec.archetype].name_zh}（{rec.archetype}）：先按下列各项"
                    "调整结构，再修改声明。",
                ),
                *_place(org),
            )
        )
    if (declared or current.archetype) != rec.archetype:
        changes.append(Change(TRANSITION_TEXTS[rec.archetype].get(lang)))
    for gap in archetype_gaps(org, graph, rec.archetype):
        ident = getattr(gap.element, "id", None) if gap.element is not None else None
        message = gap.message_zh if lang == "zh" and gap.message_zh else gap.message
        changes.append(Change(message, gap.at.file, gap.at.line, ident))
    changes += _addition_changes(org, graph, rec)
    return Comparison(declared, current, changes)


def _place(org: Org) -> tuple[str | None, int | None, str | None]:
    if org.organization is None:
        return None, None, None
    at = org.organization.loc("archetype")
    return at.file, at.line, org.organization.id


# --- output ------------------------------------------------------------------------------


def as_dict(rec: Recommendation, comparison: Comparison | None = None) -> dict[str, Any]:
    """The recommendation (and the comparison) as JSON-ready data, in the recommendation's
    language (keys and ids stay English)."""
    info = ARCHETYPE_INFO[rec.archetype]
    shape, _strengths, _risks = info.texts(rec.lang)
    data: dict[str, Any] = {
        "archetype": rec.archetype,
        "name": _t(rec.lang, info.name, info.name_zh),
        "name_zh": info.name_zh,
        "shape": shape,
        "profile": rec.profile.model_dump(exclude_none=True),
        "reasons": rec.reasons,
        "assumptions": rec.assumptions,
        "strengths": rec.strengths,
        "risks": [{"risk": r.risk, "manage": r.manage} for r in rec.risks],
        "additions": [
            {"id": a.id, "name": a.name, "name_zh": a.name_zh, "why": a.why, "present": a.present}
            for a in rec.additions
        ],
        "inferred": rec.inferred,
        "warnings": rec.warnings,
        "team_size": rec.team_size,
        "mechanisms": rec.mechanisms,
        "current": None,
    }
    if comparison is not None:
        data["current"] = {
            "declared": comparison.declared,
            "inferred": comparison.current.archetype,
            "scores": comparison.current.scores,
            "reasons": comparison.current.reasons,
            "changes": [
                {"message": c.message, "file": c.file, "line": c.line, "element": c.element}
                for c in comparison.changes
            ],
        }
    return data


def _bullets(items: list[str]) -> list[str]:
    return [f"  - {item}" for item in items]


def as_text(rec: Recommendation, comparison: Comparison | None = None) -> str:
    """The recommendation (and the comparison) as plain text, in the recommendation's language."""
    lang = rec.lang
    info = ARCHETYPE_INFO[rec.archetype]
    shape, _strengths, _risks = info.texts(lang)
    profile = profile_line(rec.profile, lang)
    lines = [
        _t(
            lang,
            f"Recommended archetype: {rec.archetype} ({info.name_zh})",
            f"推荐架构：{info.name_zh}（{rec.archetype}）",
        ),
        _t(lang, f"  {shape}.", f"  {shape}。"),
        "",
        _t(lang, f"Profile: {profile or '(empty)'}", f"业务画像：{profile or '（空）'}"),
        "",
        _t(lang, "Why:", "理由："),
        *_bullets(rec.reasons),
    ]
    if rec.inferred:
        lines += [
            "",
            _t(
                lang,
                "Inferred from the structure (the file has no `organization.profile`; "
                "options override):",
                "由结构推断（文件没有 `organization.profile`；命令行选项优先）：",
            ),
            *_bullets(rec.inferred),
        ]
    if rec.warnings:
        lines += ["", _t(lang, "Warnings:", "警告："), *_bullets(rec.warnings)]
    if rec.assumptions:
        lines += ["", _t(lang, "Assumptions:", "假设："), *_bullets(rec.assumptions)]
    lines += ["", _t(lang, "Strengths:", "优势："), *_bullets(rec.strengths)]
    lines += [
        "",
        _t(lang, "Risks to manage:", "需要管理的挑战："),
        *_bullets(
            [_t(lang, f"{r.risk}: {r.manage}", f"{r.risk}。应对：{r.manage}") for r in rec.risks]
        ),
    ]
    lines += [
        "",
        _t(lang, "Structural additions:", "架构增设："),
        *_bullets([_addition_text(a, lang) for a in rec.additions]),
    ]
    lines += [
        "",
        _t(lang, "Mechanisms that make any structure work:", "让任何架构落地的机制："),
        *_bullets(rec.mechanisms),
    ]
    if comparison is not None:
        scores = ", ".join(f"{k} {v:.2f}" for k, v in comparison.current.scores.items())
        declared = comparison.declared or _t(lang, "(none)", "（无）")
        inferred = comparison.current.archetype
        lines += [
            "",
            _t(lang, "Current structure:", "当前架构："),
            _t(
                lang,
                f"  declared: {declared}; inferred: {inferred} (scores: {scores})",
                f"  声明：{declared}；推断：{inferred}（得分：{scores}）",
            ),
            "",
            _t(lang, "What would need to change:", "当前架构需要做出的调整："),
        ]
        if comparison.changes:
            lines += _bullets([_change_text(c) for c in comparison.changes])
        else:
            lines.append(
                _t(
                    lang,
                    "  nothing: the structure already has the shape of a "
                    f"{rec.archetype} organisation",
                    f"  无需调整：结构已具备{info.name_zh}组织的形态",
                )
            )
    return "\n".join(lines) + "\n"


def _addition_text(a: Addition, lang: str) -> str:
    if a.present is not None:
        return _t(
            lang,
            f"{a.name} ({a.name_zh}): already there: {a.present}; keep it.",
            f"{a.name}：已具备（{a.present}），保持即可。",
        )
    return _t(lang, f"{a.name} ({a.name_zh}): {a.why}", f"{a.name}：{a.why}")


def _change_text(change: Change) -> str:
    where = f"{change.file}:{change.line}: " if change.file and change.line else ""
    return where + change.message
