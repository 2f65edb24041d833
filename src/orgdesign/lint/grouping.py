"""Findings that follow from an unknown reference, folded into it.

This module owns the grouping: one typo in `unit:` or `reports_to:` otherwise shows
as several unrelated problems (a dual-reporting error, an info, an archetype
warning); they are folded into the ORG004 of the typo, whose message names each
one it stands for. The rule engine applies it after the rules ran; the run memo
keeps the findings from before it, so that a run which checks only some rules
again groups them as a full run does.
"""

from __future__ import annotations

from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.lint.hints import Hints
from orgdesign.model import Org

CASCADE_KEYS = ("unit", "reports_to", "dotted_to", "parent")
"""References whose typo makes other rules fire on the same or a neighbouring element."""


def _followers(
    org: Org, graph: OrgGraph, element: str, below: dict[str, list[str]], hints: Hints
) -> set[str]:
    """Ids whose findings may only follow from a broken reference of `element`.

    The element itself, the positions that report to it (solid or dotted: `below`),
    for a position whose `unit` is unknown the unit the typo most likely meant, and
    for a unit whose `parent` is unknown its head.
    """
    out = {element, *below.get(element, ())}
    pos = org.position_by_id.get(element)
    if pos is not None and pos.unit and pos.unit not in graph.units:
        close = hints.closest(pos.unit, graph.units)
        out.update([close] if close else [])
    unit = org.unit_by_id.get(element)
    if unit is not None and unit.parent and unit.parent not in graph.units:
        # A unit cut off from the tree: its head's line to the manager above looks sideways.
        out.update(p.id for p in org.positions if p.id == unit.head)
    return out


def _reporting_to(org: Org) -> dict[str, list[str]]:
    """The positions that name each id as `reports_to` or in `dotted_to`, in one pass."""
    below: dict[str, list[str]] = {}
    for pos in org.positions:
        if pos.reports_to:
            below.setdefault(pos.reports_to, []).append(pos.id)
        for target in pos.dotted_to:
            below.setdefault(target, []).append(pos.id)
    return below


def group_under_unknown_references(
    org: Org, graph: OrgGraph, findings: list[Finding]
) -> list[Finding]:
    """Fold the findings that follow from an unknown reference (ORG004) into it.

    One typo in `unit:` or `reports_to:` otherwise shows as several unrelated
    problems (a dual-reporting error, an info, an archetype warning). They are
    not dropped silently: the ORG004 message names each one it stands for.
    """
    roots: dict[str, Finding] = {}
    for f in findings:
        if f.rule != "ORG004" or f.element is None or f.element in roots:
            continue
        known = f.element in org.position_by_id or f.element in org.unit_by_id
        key = f.message.split(": unknown", 1)[0].split()[-1]
        if known and key in CASCADE_KEYS:
            roots[f.element] = f
    if not roots:
        return findings
    owner: dict[str, Finding] = {}
    below, hints = _reporting_to(org), Hints()
    for element, root in roots.items():
        for ident in sorted(_followers(org, graph, element, below, hints)):
            owner.setdefault(ident, root)
    grouped: dict[int, list[Finding]] = {}
    kept: list[Finding] = []
    for f in findings:
        cause = owner.get(f.element) if f.element is not None else None
        if cause is None or f.rule in LOAD_RULES or f.rule == "ORG004":
            kept.append(f)
        else:
            grouped.setdefault(id(cause), []).append(f)
    return [_with_followers(f, grouped.get(id(f), [])) for f in kept]


LOAD_RULES = frozenset({"ORG001", "ORG002", "ORG003"})


def _with_followers(root: Finding, followers: list[Finding]) -> Finding:
    if not followers:
        return root
    listed = ", ".join(f"{f.rule} on {f.element!r}" for f in followers)
    note = (
        f" (this also causes {len(followers)} more finding(s), not shown until it is fixed: "
        f"{listed})"
    )
    return Finding(
        root.rule,
        root.severity,
        root.message + note,
        root.file,
        root.line,
        root.column,
        root.element,
    )
