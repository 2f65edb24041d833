"""The look of org charts shared by every surface: wording, unit colours, dotted-line labels.

This module owns the fixed wording of charts in English and Chinese
(`words`), the unit colour palette (`unit_colours`: the same colours on the
printed chart, the explorer, the diff chart and the deck) and what a dotted
line is labelled with (`dotted_label`, from the priority rules).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.i18n import text_lang
from orgdesign.model import Org

PALETTE: tuple[tuple[str, str], ...] = (
    ("#DCEAF7", "#3F73A8"),
    ("#FBE3CF", "#C46F28"),
    ("#DCEFDB", "#3F8A3C"),
    ("#F5DADA", "#B0403D"),
    ("#E7DFF3", "#6E559B"),
    ("#F8EDC6", "#A5821E"),
    ("#D3EEEC", "#2E8A85"),
    ("#F4DBE9", "#A4487C"),
    ("#E3ECD2", "#6A8A30"),
    ("#D8E2F4", "#4A64A0"),
    ("#F1E1D3", "#8E5E3E"),
    ("#E4E4E4", "#6B6B6B"),
)
"""(fill, line) colour pairs given to units in unit-tree order."""

NO_UNIT = ("#F2F2F2", "#8C8C8C")
"""Colours of a position without a (known) unit."""


def _words(rows: dict[str, tuple[str, str]]) -> Mapping[str, Mapping[str, str]]:
    return MappingProxyType(
        {
            "en": MappingProxyType({k: v[0] for k, v in rows.items()}),
            "zh": MappingProxyType({k: v[1] for k, v in rows.items()}),
        }
    )


WORDS = _words(
    {
        "chart": ("Organisation chart", "组织架构图"),
        "vacant": ("vacant", "空缺"),
        "filled": ("{filled}/{total} seats filled", "在岗 {filled}/{total}"),
        "more_names": ("+{n} more", "等 {n} 人"),
        "below": ("+{n} positions below", "下设 {n} 个岗位"),
        "continued": ("continued on page {page}", "续见第 {page} 页"),
        "reports_to_page": ("reports to {title}, page {page}", "上级：{title}（第 {page} 页）"),
        "dotted_to": ("dotted line to {title}", "虚线汇报至 {title}"),
        "dotted_to_page": (
            "dotted line to {title}, page {page}",
            "虚线汇报至 {title}（第 {page} 页）",
        ),
        "dotted": ("dotted line", "虚线汇报"),
        "decides": ("dotted line: {domains}", "虚线：{domains}"),
        "page": ("page {page} of {pages}", "第 {page} 页，共 {pages} 页"),
        "legend": (
            "solid line: reports to · dashed line: dotted-line reporting",
            "实线：直接汇报 · 虚线：虚线汇报",
        ),
        "assistant": ("assistant", "助理"),
        "dotted_reports": ("dotted-line reports: {names}", "虚线下属：{names}"),
        "on_page": ("{title} (p. {page})", "{title}（第 {page} 页）"),
        "more_dotted": ("+{n} more", "等 {n} 个"),
        "legend_solid": ("reports to", "直接汇报"),
        "legend_dotted": ("dotted line", "虚线汇报"),
        "legend_vacant": ("vacant", "空缺"),
        "legend_seats": ("2/3 seats filled", "在岗 2/3"),
        "more_units": ("+{n} units", "等 {n} 个部门"),
        "version": ("version {version}", "版本 {version}"),
        "unreachable": (
            "not under any top position (reporting cycle)",
            "不在任何最高岗位之下（汇报成环）",
        ),
    }
)
"""Fixed wording of charts, by `text_lang`."""


def words(lang: str | None) -> Mapping[str, str]:
    """The chart's fixed wording in the language of `lang` (Chinese for any `zh*` tag)."""
    return WORDS[text_lang(lang)]


def unit_colours(org: Org, graph: OrgGraph) -> dict[str, tuple[str, str]]:
    """(fill, line) colour of every unit: palette colours in unit-tree pre-order, so that a
    unit's sub-units and siblings differ."""
    ordered: list[str] = []
    seen: set[str] = set()
    starts = [*graph.unit_roots, *(u.id for u in org.units)]
    for start in starts:
        if start in seen or start not in graph.units:
            continue
        seen.add(start)
        stack = [start]
        while stack:
            uid = stack.pop()
            ordered.append(uid)
            kids = [k for k in graph.unit_tree.successors(uid) if k not in seen]
            seen.update(kids)
            stack.extend(reversed(kids))
    return {uid: PALETTE[i % len(PALETTE)] for i, uid in enumerate(ordered)}


def tint(colour: str, amount: float) -> str:
    """`colour` (#RRGGBB) mixed with white: 0 keeps it, 1 is white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def dotted_label(org: Org, graph: OrgGraph, pid: str, manager: str, lang: str | None) -> str:
    """What a dotted line decides, from the priority rules covering the position."""
    sole = len(graph.dotted_managers(pid)) == 1
    domains: list[str] = []
    for prule in graph.rules_by_position.get(pid, []):
        for domain, decider in prule.decides.items():
            if decider == manager or (decider == "dotted" and sole):
                known = org.domain_by_id.get(domain)
                domains.append(known.label(lang) if known else domain)
    w = words(lang)
    if not domains:
        return w["dotted"]
    return w["decides"].format(domains="; ".join(dict.fromkeys(domains)))
