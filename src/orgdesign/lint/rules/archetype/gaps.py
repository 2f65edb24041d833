"""The risk of each archetype as a gap: a division's chain (ARCH402), the matrix brand owner
(ARCH403), the divisional group role (ARCH404), department walls (ARCH405).
"""

from __future__ import annotations

from orgdesign.domain import archetypes
from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.common import ARCHETYPE, RuleOptions

FAMILY = "archetype"


def report_gaps(ctx: RuleContext, gaps: list[archetypes.Gap]) -> None:
    for gap in gaps:
        ctx.report(gap.message, gap.at, gap.element)


def structure_if(ctx: RuleContext, archetype: str) -> archetypes.Structure | None:
    """The analysed structure when the organisation is (declared or inferred) `archetype`."""
    declared = ctx.org.archetype
    if declared and declared != archetype:
        return None
    structure = archetypes.analyse(ctx.org, ctx.graph)
    if not structure.scope.found:  # no marketing function: nothing for the archetypes to judge
        return None
    if not declared and archetypes.infer_from(structure).archetype != archetype:
        return None
    return structure


@reads(*ARCHETYPE)
@rule("ARCH402", "division-incomplete-chain", Severity.WARNING, family=FAMILY)
def division_incomplete_chain(ctx: RuleContext) -> None:
    """
    Divisional: a division lacks one of research, planning, promotion, operation.

    Divisions are the top-most units of type division, business-unit,
    product-line or region. A division covers a stage when one of its positions
    (in the division or a sub-unit) is R or A on a responsibility of that
    stage, in an entry that holds inside the division: unscoped, scoped to the
    division or a unit in it, or scoped to a unit above it. An entry on an area
    counts the stages of its leaves. Reported at the division's unit, once,
    naming every missing stage with example responsibilities.

    **Why it matters**: a divisional design gives each business unit a complete
    marketing team: research, planning, promotion, operation (调研-策划-推广-运营).
    A division that lacks a stage waits on the group or on another division
    for it, and loses the fast, independent decisions that justify duplicating
    resources in the first place.

    **Fails**: division B has research, planning and operation, but nobody in it
    does promotion.
    ```yaml
    organization: {id: acme, name: Acme, archetype: divisional}
    responsibilities:
      - {id: research, name: Research, stage: research}
      - {id: plan, name: Plan, stage: planning}
      - {id: promo, name: Promotion, stage: promotion}
      - {id: ops, name: Operations, stage: operation}
    units:
      - {id: group, name: Group, type: company, head: ceo}
      - {id: a, name: Division A, type: division, parent: group, head: a-gm}
      - {id: b, name: Division B, type: division, parent: group, head: b-gm}
    positions:
      - {id: ceo, title: CEO, unit: group}
      - {id: a-gm, title: A GM, unit: a, reports_to: ceo}
      - {id: a-mkt, title: A Marketing, unit: a, reports_to: a-gm, headcount: 2}
      - {id: b-gm, title: B GM, unit: b, reports_to: ceo}
      - {id: b-mkt, title: B Marketing, unit: b, reports_to: b-gm, headcount: 2}
    raci:
      - {responsibility: research, scope: a, A: a-gm, R: [a-mkt]}
      - {responsibility: plan, scope: a, A: a-gm, R: [a-mkt]}
      - {responsibility: promo, scope: a, A: a-gm, R: [a-mkt]}
      - {responsibility: ops, scope: a, A: a-gm, R: [a-mkt]}
      - {responsibility: research, scope: b, A: b-gm, R: [b-mkt]}
      - {responsibility: plan, scope: b, A: b-gm, R: [b-mkt]}
      - {responsibility: ops, scope: b, A: b-gm, R: [b-mkt]}
    ```
    **Passes**: division B runs its own promotion too.
    ```diff
       - {responsibility: plan, scope: b, A: b-gm, R: [b-mkt]}
    +  - {responsibility: promo, scope: b, A: b-gm, R: [b-mkt]}
    ```
    """
    structure = structure_if(ctx, "divisional")
    if structure is not None:
        report_gaps(ctx, archetypes.chain_gaps(ctx.org, ctx.graph, structure))


class BrandOwnerOptions(RuleOptions):
    responsibility: str = "brand.consistency"
    """Responsibility id that stands for brand consistency across the business lines."""


@reads(*ARCHETYPE)
@rule("ARCH403", "matrix-brand-owner", Severity.WARNING, family=FAMILY, options=BrandOwnerOptions)
def matrix_brand_owner(ctx: RuleContext) -> None:
    """
    Matrix: no A for brand consistency at group level.

    Group level means an entry that is unscoped (or scoped to a unit outside
    the business lines) whose A is a position outside the business lines. An
    entry on an area above the responsibility (e.g. `brand`) counts. When brand
    consistency is only owned inside the lines, the finding points at that
    entry's A; when it is not assigned at all, at `archetype:`.

    **Why it matters**: in a matrix the product-line head is
    accountable for results and the group brand department for brand
    consistency. Without a group-level owner every line expresses the brand its
    own way: brand drift, and the shared brand assets stop being shared.

    **Fails**: brand consistency is owned only inside the product line.
    ```yaml
    organization: {id: acme, name: Acme, archetype: matrix}
    decision_domains: [{id: brand, name: Brand}]
    responsibilities:
      - {id: brand.consistency, name: Brand consistency, stage: operation}
    units:
      - {id: co, name: Co, type: company, head: ceo}
      - {id: lipstick, name: Lipstick, type: product-line, parent: co, head: line-head}
    positions:
      - {id: ceo, title: CEO, unit: co}
      - {id: brand-director, title: Brand Director, unit: co, reports_to: ceo}
      - {id: line-head, title: Head of Lipstick, unit: lipstick, reports_to: ceo}
      - id: line-mkt
        title: Lipstick Marketing
        unit: lipstick
        reports_to: line-head
        dotted_to: [brand-director]
    priority_rules:
      - {id: r, applies_to: {units: [lipstick]}, decides: {brand: dotted}, escalation: ceo}
    raci:
      - {responsibility: brand.consistency, scope: lipstick, A: line-head, R: [line-mkt]}
    ```
    **Passes**: the group brand director is A, the line's marketing R.
    ```diff
    -  - {responsibility: brand.consistency, scope: lipstick, A: line-head, R: [line-mkt]}
    +  - {responsibility: brand.consistency, A: brand-director, R: [line-mkt]}
    ```
    """
    structure = structure_if(ctx, "matrix")
    if structure is not None:
        opts: BrandOwnerOptions = ctx.options
        gaps = archetypes.brand_owner_gaps(ctx.org, ctx.graph, opts.responsibility, structure)
        report_gaps(ctx, gaps)


class GroupRoleOptions(RuleOptions):
    strategy: tuple[str, ...] = archetypes.STRATEGY_RESPONSIBILITIES
    """Responsibilities any one of which shows the group's strategic guidance."""
    coordination: tuple[str, ...] = archetypes.COORDINATION_RESPONSIBILITIES
    """Responsibilities any one of which shows the group's resource coordination."""
    brand: tuple[str, ...] = archetypes.BRAND_RESPONSIBILITIES
    """Responsibilities any one of which shows the group's hold on brand consistency."""


@reads(*ARCHETYPE)
@rule("ARCH404", "divisional-group-role", Severity.WARNING, family=FAMILY, options=GroupRoleOptions)
def divisional_group_role(ctx: RuleContext) -> None:
    """
    Divisional: the group level is not accountable for strategy, resource coordination or brand.

    For each duty, some position outside the divisions must be A, in an entry
    that is unscoped (or scoped outside the divisions), for one of the duty's
    responsibilities (options `strategy`, `coordination`, `brand`; an empty list
    switches that duty off). Reported at `archetype:`, once per duty.

    **Why it matters**: in a divisional design the group keeps only
    strategic guidance and resource coordination; those are what hold back the
    archetype's risks, duplicated resources and a group brand that is hard to
    keep consistent.

    **Fails**: each division is A for its own plan, budget and brand; nobody at
    group level is.
    ```yaml
    organization: {id: acme, name: Acme, archetype: divisional}
    responsibilities:
      - {id: insight.marketing-plan, name: Marketing plan, stage: planning}
      - {id: leadership.annual-budget, name: Budget, stage: planning}
      - {id: brand.consistency, name: Brand consistency, stage: operation}
    units:
      - {id: holding, name: Holding, type: company, head: chair}
      - {id: fridges, name: Fridges, type: business-unit, parent: holding, head: fridges-gm}
      - {id: washers, name: Washers, type: business-unit, parent: holding, head: washers-gm}
    positions:
      - {id: chair, title: Chair, unit: holding}
      - {id: group-cmo, title: Group CMO, unit: holding, reports_to: chair}
      - {id: fridges-gm, title: GM Fridges, unit: fridges, reports_to: chair}
      - {id: washers-gm, title: GM Washers, unit: washers, reports_to: chair}
    raci:
      - {responsibility: insight.marketing-plan, scope: fridges, A: fridges-gm, R: [fridges-gm]}
      - {responsibility: leadership.annual-budget, scope: washers, A: washers-gm, R: [washers-gm]}
      - {responsibility: brand.consistency, scope: washers, A: washers-gm, R: [washers-gm]}
    ```
    **Passes**: the group CMO is A for the plan, the budget and the brand.
    ```diff
    -  - {responsibility: insight.marketing-plan, scope: fridges, A: fridges-gm, R: [fridges-gm]}
    -  - {responsibility: leadership.annual-budget, scope: washers, A: washers-gm, R: [washers-gm]}
    -  - {responsibility: brand.consistency, scope: washers, A: washers-gm, R: [washers-gm]}
    +  - {responsibility: insight.marketing-plan, A: group-cmo, R: [fridges-gm, washers-gm]}
    +  - {responsibility: leadership.annual-budget, A: group-cmo, R: [group-cmo]}
    +  - {responsibility: brand.consistency, A: group-cmo, R: [fridges-gm, washers-gm]}
    ```
    """
    structure = structure_if(ctx, "divisional")
    if structure is not None:
        opts: GroupRoleOptions = ctx.options
        duties = archetypes.group_duties(opts.strategy, opts.coordination, opts.brand)
        report_gaps(ctx, archetypes.group_role_gaps(ctx.org, ctx.graph, duties, structure))


@reads(*ARCHETYPE)
@rule("ARCH405", "functional-department-walls", Severity.INFO, family=FAMILY)
def functional_department_walls(ctx: RuleContext) -> None:
    """
    Functional: discipline groups, but no project team drawing on two or more of them.

    A project draws on a group when its lead or one of its members sits in
    that group (or a unit below it). Reported at `archetype:`.

    **Why it matters**: "department walls" are the functional design's risk;
    project-based management is what breaks them: for big projects
    (launches, annual promotions) a cross-group team with a project lead,
    members seconded from the groups, milestones and KPIs.

    **Fails**: three discipline groups and a project that stays inside one of them.
    ```yaml
    organization: {id: acme, name: Acme, archetype: functional}
    units:
      - {id: co, name: Co, type: company, head: ceo}
      - {id: mkt, name: Marketing, parent: co, head: dir}
      - {id: research, name: Research, type: group, parent: mkt, head: research-lead}
      - {id: brand, name: Brand, type: group, parent: mkt, head: brand-lead}
      - {id: campaigns, name: Campaigns, type: group, parent: mkt, head: campaign-lead}
    responsibilities:
      - {id: research, name: Research, stage: research}
      - {id: brand, name: Brand, stage: promotion}
      - {id: campaigns, name: Campaigns, stage: planning}
    positions:
      - {id: ceo, title: CEO, unit: co}
      - {id: dir, title: Marketing Director, unit: mkt, reports_to: ceo}
      - {id: research-lead, title: Research Lead, unit: research, reports_to: dir}
      - {id: brand-lead, title: Brand Lead, unit: brand, reports_to: dir}
      - {id: campaign-lead, title: Campaign Lead, unit: campaigns, reports_to: dir}
      - {id: planner, title: Planner, unit: campaigns, reports_to: campaign-lead}
    raci:
      - {responsibility: research, A: research-lead, R: [research-lead]}
      - {responsibility: brand, A: brand-lead, R: [brand-lead]}
      - {responsibility: campaigns, A: campaign-lead, R: [planner]}
    projects:
      - id: promo-618
        name: 618 mid-year promotion
        lead: campaign-lead
        members: [planner]
        milestones: [{name: Creative locked, due: 2026-05-15}]
        kpis: [gmv]
    ```
    **Passes**: the project draws on the brand group as well.
    ```diff
    -    members: [planner]
    +    members: [planner, brand-lead]
    ```
    """
    structure = structure_if(ctx, "functional")
    if structure is not None:
        report_gaps(ctx, archetypes.wall_gaps(ctx.org, ctx.graph, structure))


RULES: list[Rule] = [
    division_incomplete_chain,
    matrix_brand_owner,
    divisional_group_role,
    functional_department_walls,
]
