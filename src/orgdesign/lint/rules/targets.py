"""Target rules: spans, layers, unit budgets and headcounts, manager ratio (TGT601-TGT605).

These rules check the organisation against the design targets it declares
(`targets:` in the root file, a scenario's `targets:`, or
`[tool.orgdesign.targets]` in the configuration, see `orgdesign.assemble.targets`).
Without targets none of them reports anything. They sit beside ORG106/ORG107,
which are hygiene limits every organisation is held to.
"""

from __future__ import annotations

from orgdesign.assemble.graph import OrgGraph
from orgdesign.assemble.targets import span_range, staff_per_manager, unit_cost, unit_seats
from orgdesign.findings import Location, Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.common import LINES, PLACES, first_below, managers_and_spans, report_span
from orgdesign.model import Element, Org

FAMILY = "targets"


def _targets_at(org: Org, key: str) -> tuple[Location, Element | None]:
    """Where a target was written: its key under `targets:`, else the organisation."""
    targets = org.targets
    if targets is not None and targets.src.raw is not None and key in targets.src.raw:
        return targets.loc(key), None
    if org.organization is not None:
        return org.organization.loc(), org.organization
    return Location(org.root_file), None


@reads(*LINES, "positions.assistant", "positions.headcount", "positions.manager_kind")
@rule("TGT601", "span-target", Severity.WARNING, family=FAMILY)
def span_target(ctx: RuleContext) -> None:
    """
    A manager's span of control is outside the target (`targets.span` or its `manager_kind`).

    The span counts the seats of the direct solid-line reports, assistants left
    out, exactly like ORG106. The target is `targets.span: {min, max}`; with
    `targets.manager_kinds: true`, a position with `manager_kind` is held to its
    archetype's span instead: player-coach 3-5, coach 6-7, supervisor 8-10,
    facilitator 11-15, coordinator 15 or more. Reported at the manager's position.

    **How it relates to ORG106**: ORG106 is a hygiene range every organisation
    is checked against (default 2..12, `[tool.orgdesign.options.ORG106]`); TGT601
    is the design target this organisation or scenario declares, usually tighter.
    A manager can break both; when your targets are stricter than ORG106, you may
    `ignore = ["ORG106"]`.

    **Why it matters**: consultants redesign to spans-and-layers targets (e.g.
    spans raised from 6-7 to 8-9); a span far from the target is where the
    redesign has work to do.

    **Fails**:
    ```yaml
    targets: {span: {max: 2}}
    positions:
      - {id: ceo, title: CEO}
      - {id: a, title: A, reports_to: ceo, headcount: 3}
    ```
    **Passes**:
    ```diff
    -targets: {span: {max: 2}}
    +targets: {span: {max: 3}}
    ```
    """
    targets = ctx.org.targets
    if targets is None:
        return
    for pos, span in managers_and_spans(ctx):
        wanted = span_range(targets, pos)
        if wanted is None or wanted.contains(span):
            continue
        side = "below" if wanted.min is not None and span < wanted.min else "above"
        report_span(ctx, pos, span, f"{side} the target {wanted.text()} ({wanted.source})")


@reads(*LINES)
@rule("TGT602", "layers-target", Severity.WARNING, family=FAMILY)
def layers_target(ctx: RuleContext) -> None:
    """
    The reporting chain is deeper than `targets.layers.max` (the top position is layer 1).

    Reported once per branch, at the first position below the target, like ORG107.

    **How it relates to ORG107**: ORG107 is the hygiene limit (default 8 layers,
    `[tool.orgdesign.options.ORG107]`); TGT602 is the layer target the
    organisation or scenario declares (e.g. 7 after a delayering, GitLab's cap of 8).

    **Why it matters**: each layer slows decisions; delayering programmes set a
    layer count and track it.

    **Fails**:
    ```yaml
    targets: {layers: {max: 2}}
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reports_to: ceo}
      - {id: brand, title: Brand Manager, reports_to: cmo}
    ```
    **Passes**: the brand manager reports to the CEO.
    ```diff
    -  - {id: brand, title: Brand Manager, reports_to: cmo}
    +  - {id: brand, title: Brand Manager, reports_to: ceo}
    ```
    """
    targets = ctx.org.targets
    if targets is None or targets.layers is None:
        return
    limit = targets.layers.max
    for pos in first_below(ctx, limit):
        ctx.report_at(
            pos,
            "id",
            f"{pos.id!r} is on layer {limit + 1}, below the target of {limit} layers "
            "(targets.layers); flatten the chain above it",
        )


def _unit_target_checks(ctx: RuleContext, what: str) -> None:
    """TGT603 (`budget`) and TGT604 (`headcount`): each unit target against its unit subtree."""
    targets = ctx.org.targets
    if targets is None:
        return
    graph = ctx.graph
    for target in targets.units:
        limit = getattr(target, what)
        if limit is None:
            continue
        unit = graph.units.get(target.unit)
        if unit is None:
            ctx.report(
                f"the {what} target names unit {target.unit!r}, which is not defined",
                target.loc("unit"),
                target,
                target.unit,
            )
            continue
        over = _over_budget if what == "budget" else _over_headcount
        message = over(graph, unit.id, limit)
        if message is not None:
            ctx.report_at(unit, "id", message)


def _over_budget(graph: OrgGraph, unit: str, limit: float) -> str | None:
    """TGT603's message when the unit's yearly cost is over `limit`, else None."""
    cost, unknown = unit_cost(graph, unit)
    if cost <= limit:
        return None
    note = f" ({unknown} position(s) without `cost` not counted)" if unknown else ""
    return f"unit {unit!r} costs {cost:,.0f} a year, over its budget of {limit:,.0f}{note}"


def _over_headcount(graph: OrgGraph, unit: str, limit: float) -> str | None:
    """TGT604's message when the unit has more seats than `limit`, else None."""
    seats = unit_seats(graph, unit)
    if seats <= limit:
        return None
    return f"unit {unit!r} has {seats} seats, over its headcount target of {limit}"


@reads(*PLACES, "positions.cost", "positions.headcount")
@rule("TGT603", "unit-budget", Severity.WARNING, family=FAMILY)
def unit_budget(ctx: RuleContext) -> None:
    """
    A unit (with its sub-units) costs more than its `budget` in `targets.units`.

    The cost is the sum of `cost` (per seat per year) times `headcount` over the
    positions of the unit and its sub-units; positions without `cost` count as
    nothing and the message says how many there are. Reported at the unit; a
    target naming an unknown unit is reported at the target.

    **Why it matters**: a scenario that looks right on the chart can still be
    unaffordable.

    **Fails**:
    ```yaml
    targets: {units: [{unit: mkt, budget: 100000}]}
    units: [{id: mkt, name: Marketing, head: cmo}]
    positions:
      - {id: cmo, title: CMO, unit: mkt, cost: 150000}
    ```
    **Passes**:
    ```diff
    -targets: {units: [{unit: mkt, budget: 100000}]}
    +targets: {units: [{unit: mkt, budget: 150000}]}
    ```
    """
    _unit_target_checks(ctx, "budget")


@reads(*PLACES, "positions.headcount")
@rule("TGT604", "unit-headcount", Severity.WARNING, family=FAMILY)
def unit_headcount(ctx: RuleContext) -> None:
    """
    A unit (with its sub-units) has more seats than its `headcount` in `targets.units`.

    Seats are the `headcount` of each position, filled or vacant. Reported at the
    unit; a target naming an unknown unit is reported at the target.

    **Why it matters**: headcount caps are how budgets reach HR; a scenario that
    adds positions must still fit them.

    **Fails**:
    ```yaml
    targets: {units: [{unit: mkt, headcount: 2}]}
    units: [{id: mkt, name: Marketing, head: cmo}]
    positions:
      - {id: cmo, title: CMO, unit: mkt}
      - {id: analyst, title: Analyst, unit: mkt, reports_to: cmo, headcount: 2}
    ```
    **Passes**:
    ```diff
    -targets: {units: [{unit: mkt, headcount: 2}]}
    +targets: {units: [{unit: mkt, headcount: 3}]}
    ```
    """
    _unit_target_checks(ctx, "headcount")


@reads(*LINES, "positions.headcount")
@rule("TGT605", "manager-ratio", Severity.WARNING, family=FAMILY)
def manager_ratio(ctx: RuleContext) -> None:
    """
    The organisation's staff-per-manager ratio is outside `targets.staff_per_manager`.

    The ratio is the seats of positions that manage nobody divided by the seats
    of positions that manage someone (solid lines). Reported at
    `targets.staff_per_manager`, or at `organization` when the target comes from
    the configuration.

    **Why it matters**: too many managers per member of staff is the overhead a
    delayering removes; too few means managers stop managing.

    **Fails**: 2 staff seats for 2 manager seats is a ratio of 1.
    ```yaml
    targets: {staff_per_manager: {min: 4}}
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reports_to: ceo}
      - {id: analyst, title: Analyst, reports_to: cmo, headcount: 2}
    ```
    **Passes**:
    ```diff
    -targets: {staff_per_manager: {min: 4}}
    +targets: {staff_per_manager: {min: 1}}
    ```
    """
    targets = ctx.org.targets
    if targets is None or targets.staff_per_manager is None:
        return
    ratio = staff_per_manager(ctx.graph)
    wanted = targets.staff_per_manager
    if ratio is None:
        return
    low = wanted.min is not None and ratio < wanted.min
    high = wanted.max is not None and ratio > wanted.max
    if low or high:
        low_text = "" if wanted.min is None else f"{wanted.min:g}"
        bounds = f"{low_text}..{'' if wanted.max is None else f'{wanted.max:g}'}"
        at, element = _targets_at(ctx.org, "staff_per_manager")
        ctx.report(
            f"{ratio:.1f} staff seats per manager seat, {'below' if low else 'above'} the "
            f"target {bounds} (targets.staff_per_manager)",
            at,
            element,
            None,
        )


RULES: list[Rule] = [span_target, layers_target, unit_budget, unit_headcount, manager_ratio]
