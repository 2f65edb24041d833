"""The look of org charts shared by every surface: wording, unit colours, dotted-line labels.

This module owns the chart's wording (`words`: the `chart.*` messages of the
catalogue, `orgdesign/i18n/messages/chart.yaml`), the unit colour palette
(`unit_colours`: the same colours on the printed chart, the explorer, the diff
chart and the deck) and what a dotted line is labelled with (`dotted_label`, from
the priority rules).
"""

from __future__ import annotations

from collections.abc import Mapping

from orgdesign.assemble.graph import OrgGraph
from orgdesign.i18n import table, text_lang
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


def words(lang: str | None) -> Mapping[str, str]:
    """The chart's fixed wording in the language of `lang` (`chart.*` of the catalogue)."""
    return table("chart")[text_lang(lang)]


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
    return w["decides"].format(domains=w["domain_separator"].join(dict.fromkeys(domains)))
