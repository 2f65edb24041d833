"""Reporting lines: cycles, one top, managers across units, dotted lines (ORG101, 102, 105, 108)."""

from __future__ import annotations

from orgdesign.findings import Location, Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.common import LINES, PLACES, place

FAMILY = "structure"


@reads(*LINES)
@rule("ORG101", "reporting-cycle", Severity.ERROR, family=FAMILY)
def reporting_cycle(ctx: RuleContext) -> None:
    """
    Solid reporting lines form a cycle.

    Reported once per cycle, at the `reports_to` of one of its positions, with
    the whole chain. Dotted lines are not part of this check.

    **Why it matters**: in a cycle nobody is at the top: accountability goes
    round in circles and no chart can be drawn.

    **Fails**:
    ```yaml
    positions:
      - {id: a, title: A, reports_to: b}
      - {id: b, title: B, reports_to: a}
    ```
    **Passes**: one of them reports to a position outside the cycle.
    ```diff
    -  - {id: a, title: A, reports_to: b}
    +  - {id: ceo, title: CEO}
    +  - {id: a, title: A, reports_to: ceo}
    ```
    """
    positions = ctx.graph.positions
    for cycle in ctx.graph.cycles:
        first = min(cycle, key=lambda p: (positions[p].src.file, positions[p].loc().line))
        start = cycle.index(first)
        ordered = cycle[start:] + cycle[:start]
        chain = " -> ".join([*ordered, ordered[0]])
        pos = positions[first]
        ctx.report_at(
            pos,
            "reports_to",
            f"reporting cycle: {chain}; give one of these positions a manager outside the cycle",
        )


@reads(*LINES)
@rule("ORG102", "single-root", Severity.ERROR, family=FAMILY)
def single_root(ctx: RuleContext) -> None:
    """
    There is not exactly one root position (a position without `reports_to`).

    Every extra root is reported at its place, naming the first one; when there
    is none at all (every position reports to someone), the first position is
    named.

    **Why it matters**: an organisation has one top; a second root is almost
    always a forgotten `reports_to` that leaves a team floating.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: cfo, title: CFO}
    ```
    **Passes**:
    ```diff
    -  - {id: cfo, title: CFO}
    +  - {id: cfo, title: CFO, reports_to: ceo}
    ```
    """
    org = ctx.org
    if org.broken_ids.get("positions"):
        return  # a position that failed the schema (ORG002) may be the missing or second root
    if not org.positions:
        where = org.organization.loc() if org.organization else Location(org.root_file)
        ctx.report("the organisation has no positions; add at least the top position", where)
        return
    roots = [ctx.graph.positions[r] for r in ctx.graph.roots if r in ctx.graph.positions]
    if not roots:
        if ctx.graph.cycles:
            return  # ORG101 says why there is no top
        first = org.positions[0]
        ctx.report_at(
            first,
            None,
            "no root position: every position has `reports_to`; remove it from the top position",
        )
        return
    top = roots[0]
    top_at = top.loc()
    for extra in roots[1:]:
        ctx.report_at(
            extra,
            "id",
            f"second root position {extra.id!r}: {top.id!r} ({place(top_at, extra)}) is "
            f"already the top; give {extra.id!r} a `reports_to`",
        )


@reads(*PLACES, "units.name")
@rule("ORG105", "manager-outside-unit", Severity.INFO, family=FAMILY)
def manager_outside_unit(ctx: RuleContext) -> None:
    """
    A position's manager is neither in its unit nor the head of that unit or of a unit above.

    **Why it matters**: a solid line that crosses the unit tree sideways often
    means the unit or the line is out of date; where it is intended, a dotted
    line or `ignore: [ORG105]` says so.

    **Fails**:
    ```yaml
    units:
      - {id: co, name: Co, head: ceo}
      - {id: sales, name: Sales, parent: co, head: sales-head}
      - {id: mkt, name: Marketing, parent: co, head: cmo}
    positions:
      - {id: ceo, title: CEO, unit: co}
      - {id: sales-head, title: Head of Sales, unit: sales, reports_to: ceo}
      - {id: cmo, title: CMO, unit: mkt, reports_to: ceo}
      - {id: analyst, title: Analyst, unit: mkt, reports_to: sales-head}
    ```
    **Passes**: the analyst reports to the head of their unit (or works for sales
    on a dotted line).
    ```diff
    -  - {id: analyst, title: Analyst, unit: mkt, reports_to: sales-head}
    +  - {id: analyst, title: Analyst, unit: mkt, reports_to: cmo}
    ```
    """
    graph = ctx.graph
    reached = graph.unit_intervals  # units in or below a `parent` cycle: ORG103 says why
    for pos in ctx.org.positions:
        manager_id = graph.manager(pos.id)
        if manager_id is None or not pos.unit or pos.unit not in reached:
            continue
        manager = graph.positions[manager_id]
        if manager.unit == pos.unit or any(
            graph.unit_contains(head_of, pos.unit)
            for head_of in graph.units_headed.get(manager_id, [])
        ):
            continue
        ctx.report_at(
            pos,
            "reports_to",
            f"{pos.id!r} (unit {ctx.unit_ref(pos.unit)}) reports to {manager_id!r} "
            f"(unit {ctx.unit_ref(manager.unit)}), who is not in its unit "
            "nor head of a unit above it",
        )


@reads(*LINES)
@rule("ORG108", "bad-dotted-line", Severity.ERROR, family=FAMILY)
def bad_dotted_line(ctx: RuleContext) -> None:
    """
    A dotted line duplicates the solid line, points to itself or into its own reports.

    **Why it matters**: a dotted line to one's own manager adds nothing, and a
    dotted line to one's own subordinate inverts authority: the priority rules
    of a matrix cannot be applied to either.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: line-head, title: Head of Lipstick, reports_to: ceo}
      - {id: line-mkt, title: Marketing, reports_to: line-head, dotted_to: [line-head]}
    ```
    **Passes**: the dotted line goes to another manager, here the brand director:
    ```diff
       - {id: ceo, title: CEO}
    +  - {id: brand-director, title: Brand Director, reports_to: ceo}
    @@
    -  - {id: line-mkt, title: Marketing, reports_to: line-head, dotted_to: [line-head]}
    +  - {id: line-mkt, title: Marketing, reports_to: line-head, dotted_to: [brand-director]}
    ```
    """
    graph = ctx.graph
    for pos in ctx.org.positions:
        if not pos.dotted_to:
            continue
        for i, target in enumerate(pos.dotted_to):
            if target == pos.id:
                message = f"{pos.id!r} has a dotted line to itself"
            elif target == pos.reports_to:
                message = (
                    f"dotted line of {pos.id!r} to {target!r} duplicates its solid line; remove it"
                )
            elif target in graph.positions and graph.reports_under(pos.id, target):
                message = (
                    f"dotted line of {pos.id!r} points to {target!r}, who reports to "
                    f"{pos.id!r}: a dotted line must go to someone outside one's own reports"
                )
            else:
                continue
            ctx.report(message, pos.loc("dotted_to", i), pos)  # located only when reported


RULES: list[Rule] = [
    reporting_cycle,
    single_root,
    manager_outside_unit,
    bad_dotted_line,
]
