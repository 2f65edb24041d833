"""Unit-tree rules: one tree of units, each with a head inside it (ORG103, ORG104)."""

from __future__ import annotations

from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.common import LINES, PLACES, place

FAMILY = "structure"


@reads(*LINES, "units.name")
@rule("ORG103", "unit-tree", Severity.ERROR, family=FAMILY)
def unit_tree(ctx: RuleContext) -> None:
    """
    Units do not form one tree: a `parent` cycle, or more than one unit without `parent`.

    **Why it matters**: the unit tree decides scopes (RACI `scope`, priority
    rules on units) and the chart's clusters; a cycle or a second root makes
    "inside this unit" meaningless.

    **Fails**:
    ```yaml
    units:
      - {id: group, name: Group, head: ceo}
      - {id: other, name: Other, head: other-lead}
    positions:
      - {id: ceo, title: CEO, unit: group}
      - {id: other-lead, title: Other Lead, unit: other, reports_to: ceo}
    ```
    **Passes**:
    ```diff
    -  - {id: other, name: Other, head: other-lead}
    +  - {id: other, name: Other, parent: group, head: other-lead}
    ```
    """
    graph = ctx.graph
    for cycle in graph.unit_cycles:
        unit = graph.units[cycle[0]]
        chain = " -> ".join([*cycle, cycle[0]])
        ctx.report_at(unit, "parent", f"unit tree cycle: {chain}; one of them needs another parent")
    roots = [graph.units[u] for u in graph.unit_roots if u in graph.units]
    if len(roots) > 1:
        top = roots[0]
        for extra in roots[1:]:
            ctx.report_at(
                extra,
                "id",
                f"second root unit {ctx.unit_ref(extra.id)}: {ctx.unit_ref(top.id)} "
                f"({place(top.loc(), extra)}) is already the top unit; "
                f"give {extra.id!r} a `parent`",
            )


@reads(*PLACES, "units.name")
@rule("ORG104", "unit-head", Severity.WARNING, family=FAMILY)
def unit_head(ctx: RuleContext) -> None:
    """
    A unit has no `head`, or its head is not a position of that unit.

    **Why it matters**: a unit nobody leads has no owner for its results; a head
    placed in another unit usually means a position was moved and the unit was
    not updated.

    **Fails**:
    ```yaml
    units:
      - {id: marketing, name: Marketing, head: cmo}
      - {id: brand, name: Brand, parent: marketing}
    positions:
      - {id: cmo, title: CMO, unit: marketing}
      - {id: brand-director, title: Brand Director, unit: brand, reports_to: cmo}
    ```
    **Passes**:
    ```diff
    -  - {id: brand, name: Brand, parent: marketing}
    +  - {id: brand, name: Brand, parent: marketing, head: brand-director}
    ```
    """
    positions = ctx.graph.positions
    for unit in ctx.org.units:
        if not unit.head:
            ctx.report_at(
                unit,
                "id",
                f"unit {ctx.unit_ref(unit.id)} has no head; name the position that leads it",
            )
            continue
        head = positions.get(unit.head)
        if head is not None and head.unit != unit.id:
            where = f"unit {ctx.unit_ref(head.unit)}" if head.unit else "no unit"
            ctx.report_at(
                unit,
                "head",
                f"head {head.id!r} of unit {ctx.unit_ref(unit.id)} is in {where}; "
                f"set its `unit: {unit.id}` "
                "or choose a head from the unit",
            )


RULES: list[Rule] = [
    unit_tree,
    unit_head,
]
