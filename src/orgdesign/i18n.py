"""Fixed wording of the documents in English and Chinese, and the template environment.

This module owns the text that does not come from an org file: headings of
the RACI matrix, role cards and build pack, the names of the RACI letters, of
the seven duty dimensions of the head of marketing (seed document 002), of the
stages of the marketing chain and of the KPIs of the built-in catalogue with
their KPI families. Labels of units, positions and responsibilities come from
the file's `names` (`Element.label`); everything here is looked up by
`text_lang(lang)`, which maps any `zh*` tag to Chinese and everything else to
English. Unknown ids fall back to a readable form of the id itself.

It also owns `environment()`, the jinja2 environment of the templates in
`orgdesign/output/templates/`: HTML templates (`*.html.j2`) are autoescaped, Markdown
templates (`*.md.j2`) escape through the `md` filter (`md_escape`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from orgdesign.output import escape

if TYPE_CHECKING:  # jinja2 loads only when a document is rendered, not at start-up
    import jinja2

LETTER_ORDER: tuple[str, ...] = ("A", "R", "S", "C", "I")
"""Order of RACI letters on role cards: who signs off first, who is told last."""

MATRIX_LETTER_ORDER: tuple[str, ...] = ("R", "A", "S", "C", "I")
"""Order of letters inside one matrix cell (the conventional R-A-S-C-I)."""

DIMENSION_ORDER: tuple[str, ...] = (
    "strategy",
    "team",
    "insight",
    "brand",
    "sales",
    "budget",
    "risk",
)
"""The seven duty dimensions of document 002, in its order."""


def _table(rows: dict[str, tuple[str, str]]) -> Mapping[str, Mapping[str, str]]:
    """Split {key: (english, chinese)} into read-only {"en": {...}, "zh": {...}}."""
    return MappingProxyType(
        {
            "en": MappingProxyType({k: v[0] for k, v in rows.items()}),
            "zh": MappingProxyType({k: v[1] for k, v in rows.items()}),
        }
    )


HEADINGS = _table(
    {
        # RACI matrix
        "raci_title": ("RACI matrix", "RACI 责任矩阵"),
        "responsibility": ("Responsibility", "职责"),
        "area": ("Area", "领域"),
        "scope": ("Scope", "范围"),
        "all_units": ("whole organisation", "全组织"),
        "legend": ("Legend", "图例"),
        "letter": ("Letter", "字母"),
        "meaning": ("Meaning", "含义"),
        "findings": ("Findings", "检查结果"),
        "no_findings": ("No findings.", "无检查结果。"),
        "rule": ("Rule", "规则"),
        "severity": ("Severity", "级别"),
        "message": ("Message", "说明"),
        "location": ("Location", "位置"),
        "element": ("Element", "元素"),
        "status": ("Status", "状态"),
        "uncovered": ("required, not assigned", "必需职责，未分配"),
        "required": ("required", "必需职责"),
        "breaks_rules": ("breaks RACI rules", "违反 RACI 规则"),
        "note": ("Note", "备注"),
        "position": ("Position", "岗位"),
        "unit": ("Unit", "部门"),
        "no_unit": ("(no unit)", "（无部门）"),
        "scoped_to": ("Only inside", "仅限于"),
        "generated_from": ("Generated from", "生成自"),
        # role cards
        "role_cards": ("Role cards", "岗位说明书"),
        "role_card": ("Role card", "岗位说明书"),
        "positioning": ("Positioning", "岗位定位"),
        "reporting": ("Reporting lines", "汇报关系"),
        "reports_to": ("Reports to", "直接上级"),
        "top_position": ("top of the organisation", "组织最高岗位"),
        "reports_top": ("reports directly to top management", "直接向最高管理层汇报"),
        "dotted_to": ("Dotted line to", "虚线汇报至"),
        "decision_rights": ("Who decides", "决策权归属"),
        "decision_domain": ("Decision domain", "决策领域"),
        "decided_by": ("Final word", "最终决定人"),
        "solid_line": ("solid line", "实线上级"),
        "dotted_line": ("dotted line", "虚线上级"),
        "undecided": ("not decided by any rule", "未由规则决定"),
        "no_rule": ("No priority rule covers this dual reporting.", "此双重汇报没有优先级规则。"),
        "escalation": ("Arbitrates disagreements", "分歧仲裁人"),
        "priority_rule": ("Priority rule", "优先级规则"),
        "direct_reports": ("Direct reports", "直接下属"),
        "dotted_reports": ("Dotted-line reports", "虚线下属"),
        "arbitrates": ("Arbitrates for", "仲裁范围"),
        "holders": ("Holders", "在岗人员"),
        "headcount": ("Seats", "编制"),
        "vacancies": ("Vacancies", "空缺"),
        "vacant": ("vacant", "空缺"),
        "heads": ("Leads", "负责部门"),
        "oversees": ("Oversees", "下辖"),
        "team_size": ("Team below", "下属团队"),
        "positions_word": ("positions", "个岗位"),
        "seats_word": ("seats", "个编制"),
        "layer": ("Layer", "层级"),
        "duties_by_dimension": ("Duties by dimension", "职责维度"),
        "not_assigned": ("not assigned to this position", "未分配给本岗位"),
        "accountable_elsewhere": ("accountable in the organisation", "组织中的最终负责人"),
        "responsibilities": ("Responsibilities", "职责"),
        "no_responsibilities": ("No RACI assignment.", "无 RACI 分配。"),
        "kpis": ("KPIs", "关键绩效指标"),
        "no_kpis": ("No KPI attached.", "无关联指标。"),
        "projects": ("Projects", "项目"),
        "project_lead": ("lead", "负责人"),
        "project_member": ("member", "成员"),
        "milestones": ("Milestones", "里程碑"),
        "done": ("done", "已完成"),
        "none": ("none", "无"),
        "description": ("Description", "说明"),
        "roles": ("Roles", "角色定位"),
        "competencies": ("Competencies", "核心能力要求"),
        "work_methods": ("Work methods", "工作方法与工具"),
        "evaluation": ("Evaluation", "绩效评估与持续改进"),
        "career_path": ("Career path", "职业发展路径"),
        "catalogue_default": (
            "Defaults of the head of marketing (seed document 002); set roles, "
            "competencies or career_path on the position to replace them.",
            "营销总岗位的目录默认内容（文档002）；在岗位上设置 roles、competencies 或 "
            "career_path 可替换。",
        ),
        # build pack
        "deliverable": ("Organisation design pack", "组织设计交付包"),
        "validation_report": ("Validation report", "校验报告"),
        "org_chart": ("Organisation chart", "组织架构图"),
        "explorer": ("Interactive explorer", "交互式浏览"),
        "raci_matrix": ("RACI matrix", "RACI 责任矩阵"),
        "grouped_by_unit": ("one column per unit", "按部门分列"),
        "not_available": ("not available", "不可用"),
        "errors": ("errors", "错误"),
        "warnings": ("warnings", "警告"),
        "infos": ("notes", "提示"),
        "contents": ("Contents", "目录"),
        # office documents (print headers, Word cards, slides)
        "page_of": ("Page &P of &N", "第 &P 页，共 &N 页"),
        "overview": ("Overview", "总览"),
        "pages_word": ("pages", "页"),
        "slide_word": ("slide", "幻灯片"),
        "slide_deck": ("Slide deck", "演示文稿"),
        "deck": ("Organisation chart", "组织架构图"),
        "slide_positions": ("Positions on this slide", "本页岗位"),
        "continued_on": ("continued on slide", "续见第"),
        "seats_short": ("seats", "编制"),
        "solid_legend": ("solid line: reports to", "实线：直接汇报"),
        "dotted_legend": ("dotted line: dotted-line report", "虚线：虚线汇报"),
        "vacant_legend": ("vacant position", "空缺岗位"),
        "units": ("Units", "部门数"),
        "positions": ("Positions", "岗位数"),
        "layers": ("Layers", "层级数"),
        "summary": ("Summary", "概要"),
        # scenario pack
        "chart_before": ("Chart before the scenario", "方案实施前的架构图"),
        "chart_after": ("Chart after the scenario", "方案实施后的架构图"),
    }
)

LETTERS = _table(
    {
        "R": ("Responsible", "负责执行"),
        "A": ("Accountable", "最终负责"),
        "S": ("Support", "支持"),
        "C": ("Consulted", "咨询"),
        "I": ("Informed", "知会"),
    }
)

LETTER_HELP = _table(
    {
        "R": ("does the work", "承担具体工作"),
        "A": ("signs off; exactly one per row", "签字拍板，每行仅一人"),
        "S": ("supports those who do the work", "协助执行者"),
        "C": ("asked before the decision", "决策前征询意见"),
        "I": ("told after the decision", "决策后告知"),
    }
)

DIMENSIONS = _table(
    {
        "strategy": ("Strategic planning", "战略规划"),
        "team": ("Team management", "团队管理"),
        "insight": ("Market insight", "市场洞察"),
        "brand": ("Brand building", "品牌建设"),
        "sales": ("Sales collaboration", "销售协同"),
        "budget": ("Budget control", "预算管控"),
        "risk": ("Risk response", "风险应对"),
    }
)

STAGES = _table(
    {
        "research": ("Research", "调研"),
        "planning": ("Planning", "策划"),
        "promotion": ("Promotion", "推广"),
        "operation": ("Operation", "运营"),
    }
)

KPI_FAMILIES = _table(
    {
        "results": ("Business results", "业务结果"),
        "efficiency": ("Process efficiency", "过程效率"),
        "alignment": ("Strategic alignment", "战略协同"),
        "team": ("Team-specific", "团队专项"),
        "other": ("Other", "其他"),
    }
)

KPIS = _table(
    {
        "sales-growth": ("Sales growth", "销售增长率"),
        "market-share": ("Market share", "市场份额"),
        "customer-acquisition-cost": ("Customer acquisition cost", "获客成本"),
        "customer-lifetime-value": ("Customer lifetime value", "客户终身价值"),
        "repurchase-rate": ("Repurchase rate", "复购率"),
        "campaign-lead-time": ("Campaign lead time", "活动筹备周期"),
        "channel-conversion": ("Channel conversion", "渠道转化率"),
        "content-quality-score": ("Content quality score", "内容质量评分"),
        "new-market-penetration": ("New-market penetration", "新市场渗透率"),
        "brand-awareness": ("Brand awareness", "品牌知名度"),
        "innovation-project-share": ("Share of innovation projects", "创新项目占比"),
        "share-of-voice": ("Share of voice", "声量份额"),
        "conversion-rate": ("Conversion rate", "转化率"),
        "sentiment-health": ("Sentiment health", "舆情健康度"),
        "brand-health-index": ("Brand health index", "品牌健康指数"),
        "budget-variance": ("Budget variance", "预算偏差率"),
        "marketing-roi": ("Marketing ROI", "营销投资回报率"),
        "employee-retention": ("Employee retention", "员工保留率"),
        "gmv": ("GMV", "成交总额（GMV）"),
    }
)

KPI_FAMILY: Mapping[str, str] = MappingProxyType(
    {
        "sales-growth": "results",
        "market-share": "results",
        "customer-acquisition-cost": "results",
        "customer-lifetime-value": "results",
        "repurchase-rate": "results",
        "gmv": "results",
        "marketing-roi": "results",
        "campaign-lead-time": "efficiency",
        "channel-conversion": "efficiency",
        "content-quality-score": "efficiency",
        "budget-variance": "efficiency",
        "new-market-penetration": "alignment",
        "brand-awareness": "alignment",
        "innovation-project-share": "alignment",
        "brand-health-index": "alignment",
        "share-of-voice": "team",
        "conversion-rate": "team",
        "sentiment-health": "team",
        "employee-retention": "team",
    }
)
"""KPI id -> family of document 002 (unknown KPIs are `other`)."""

KPI_FAMILY_ORDER: tuple[str, ...] = ("results", "efficiency", "alignment", "team", "other")


def text_lang(lang: str | None) -> str:
    """The language of fixed wording: `zh` for any Chinese tag, otherwise `en`."""
    return "zh" if lang and lang.lower().replace("_", "-").split("-")[0] == "zh" else "en"


@dataclass(frozen=True)
class Text:
    """One piece of fixed wording in English and in Simplified Chinese (`str.format` fields)."""

    en: str
    zh: str

    def get(self, lang: str | None) -> str:
        return self.zh if text_lang(lang) == "zh" else self.en

    def __call__(self, lang: str | None, **fields: object) -> str:
        return self.get(lang).format(**fields) if fields else self.get(lang)


def humanise(ident: str) -> str:
    """A readable label from an id: `share-of-voice` -> `Share of voice`."""
    words = ident.replace("_", " ").replace("-", " ").replace(".", " ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else ident


def _lookup(table: Mapping[str, Mapping[str, str]], key: str, lang: str | None) -> str:
    return table[text_lang(lang)].get(key) or humanise(key)


def headings(lang: str | None) -> Mapping[str, str]:
    """Every heading in the language of `lang`."""
    return HEADINGS[text_lang(lang)]


def letter_name(letter: str, lang: str | None) -> str:
    return _lookup(LETTERS, letter, lang)


def letter_help(letter: str, lang: str | None) -> str:
    return _lookup(LETTER_HELP, letter, lang)


def dimension_name(dimension: str, lang: str | None) -> str:
    return _lookup(DIMENSIONS, dimension, lang)


def stage_name(stage: str, lang: str | None) -> str:
    return _lookup(STAGES, stage, lang)


def kpi_name(kpi: str, lang: str | None) -> str:
    return _lookup(KPIS, kpi, lang)


def kpi_family(kpi: str) -> str:
    return KPI_FAMILY.get(kpi, "other")


def kpi_family_name(family: str, lang: str | None) -> str:
    return _lookup(KPI_FAMILIES, family, lang)


md_escape = escape.markdown_text
"""Inline Markdown text with no markup (`orgdesign.output.escape.markdown_text`)."""


def environment() -> jinja2.Environment:
    """The jinja2 environment of the document templates shipped in `orgdesign/output/templates`."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("orgdesign.output", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2", "html"),
            disabled_extensions=("md.j2",),
            default_for_string=True,
            default=True,
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    return env
