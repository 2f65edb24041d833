"""Archetype rules: the declared (or inferred) archetype checked against the structure (ARCH4xx).

The seed brief's four archetypes (document 000, section II) each have a shape
and a risk: lean (a few people wearing many hats; no strategic view), functional
(discipline groups under one marketing director; department walls), matrix
(business lines reporting to group functions too; decision friction, brand
drift), divisional (each division owns the whole chain; duplicated resources,
group brand consistency). The knowledge lives in `orgdesign.domain.archetypes`; these
rules report its gaps. When `organization.archetype` is absent, ARCH402-ARCH405
judge the inferred archetype; ARCH401 needs a declared one.
"""

from __future__ import annotations

from pydantic import Field

from orgdesign.domain import archetypes
from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, rule
from orgdesign.lint.rules.common import RuleOptions

FAMILY = "archetype"


def _report(ctx: RuleContext, gaps: list[archetypes.Gap]) -> None:
    for gap in gaps:
        ctx.report(gap.message, gap.at, gap.element)


def _structure_if(ctx: RuleContext, archetype: str) -> archetypes.Structure | None:
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


class SignatureOptions(RuleOptions):
    lean_max_seats: int = Field(default=archetypes.LEAN_MAX_SEATS, ge=1)
    """Most marketing seats (seats of positions R or A somewhere) of a lean organisation."""
    lean_max_layers: int = Field(default=archetypes.LEAN_MAX_LAYERS, ge=1)
    """Deepest layer of a marketing position in a lean organisation (the top is layer 1)."""
    functional_min_groups: int = Field(default=archetypes.FUNCTIONAL_MIN_GROUPS, ge=1)
    """Fewest discipline groups under one marketing head in a functional organisation."""


@rule(
    "ARCH401", "archetype-contradicted", Severity.WARNING, family=FAMILY, options=SignatureOptions
)
def archetype_contradicted(ctx: RuleContext) -> None:
    """
    The declared `organization.archetype` contradicts the structure.

    Each archetype is checked for its shape (seed brief, document 000, section II):

    - **lean**: at most `lean_max_seats` marketing seats and marketing positions
      no deeper than `lean_max_layers`. People holding several responsibilities
      is what lean means, and is not a finding.
    - **functional**: at least `functional_min_groups` discipline groups (units
      outside the business lines, with marketing positions) headed by direct
      reports of one marketing head; no dual reporting (each dotted line is
      reported); no business line running marketing of its own.
    - **matrix**: dual reporting present; at least two business lines (units of
      type division, business-unit, product-line or region) carrying marketing;
      priority rules present (DUAL301 then checks each position).
    - **divisional**: at least two business lines.

    When the shape checks pass but the structure still fits another archetype
    much better (its own score below 0.5, see `orgdesign stats`), that is
    reported with the inference's reasons. Marketing positions are those R or A
    on some responsibility (every position when the file has no RACI).

    **Why it matters**: the archetype is a promise about how decisions are made;
    a functional department with dotted lines has the matrix's decision
    friction without its priority rules, a "lean" team of thirty has lost the
    short decision chain that was its advantage.

    **Fails**:
    ```yaml
    organization: {id: acme, name: Acme, archetype: functional}
    positions:
      - {id: brand-manager, title: Brand Manager, reports_to: mkt-director, dotted_to: [sales-head]}
    ```
    **Passes**: the sales head is consulted in the RACI instead, or the archetype
    is `matrix` with a priority rule for the brand manager.
    """
    if not ctx.org.archetype:
        return
    opts: SignatureOptions = ctx.options
    limits = archetypes.Limits(
        lean_max_seats=opts.lean_max_seats,
        lean_max_layers=opts.lean_max_layers,
        functional_min_groups=opts.functional_min_groups,
    )
    _report(ctx, archetypes.signature_gaps(ctx.org, ctx.graph, ctx.org.archetype, limits))


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

    **Why it matters**: the brief's divisional design gives each business unit a
    complete marketing team (调研-策划-推广-运营). A division that lacks a stage
    waits on the group or on another division for it, and loses the fast,
    independent decisions that justify duplicating resources in the first place.

    **Fails**: division `casarte` with scoped entries for research, planning
    and operation responsibilities, and none for promotion (`brand.advertising`,
    `brand.pr`, `campaigns.execution`, ...).

    **Passes**:
    ```yaml
    raci:
      - {responsibility: campaigns.execution, scope: casarte, A: casarte-mkt, R: [casarte-exec]}
    ```
    """
    structure = _structure_if(ctx, "divisional")
    if structure is not None:
        _report(ctx, archetypes.chain_gaps(ctx.org, ctx.graph, structure))


class BrandOwnerOptions(RuleOptions):
    responsibility: str = "brand.consistency"
    """Responsibility id that stands for brand consistency across the business lines."""


@rule("ARCH403", "matrix-brand-owner", Severity.WARNING, family=FAMILY, options=BrandOwnerOptions)
def matrix_brand_owner(ctx: RuleContext) -> None:
    """
    Matrix: no A for brand consistency at group level.

    Group level means an entry that is unscoped (or scoped to a unit outside
    the business lines) whose A is a position outside the business lines. An
    entry on an area above the responsibility (e.g. `brand`) counts. When brand
    consistency is only owned inside the lines, the finding points at that
    entry's A; when it is not assigned at all, at `archetype:`.

    **Why it matters**: in the brief's matrix the product-line head is
    accountable for results and the group brand department for brand
    consistency. Without a group-level owner every line expresses the brand its
    own way: brand drift, and the shared brand assets stop being shared.

    **Fails**:
    ```yaml
    raci:
      - {responsibility: brand.consistency, scope: lipstick, A: lipstick-head, R: [lipstick-mkt]}
    ```
    **Passes**:
    ```yaml
    raci:
      - {responsibility: brand.consistency, A: brand-director, R: [brand-manager, lipstick-mkt]}
    ```
    """
    structure = _structure_if(ctx, "matrix")
    if structure is not None:
        opts: BrandOwnerOptions = ctx.options
        gaps = archetypes.brand_owner_gaps(ctx.org, ctx.graph, opts.responsibility, structure)
        _report(ctx, gaps)


class GroupRoleOptions(RuleOptions):
    strategy: tuple[str, ...] = archetypes.STRATEGY_RESPONSIBILITIES
    """Responsibilities any one of which shows the group's strategic guidance."""
    coordination: tuple[str, ...] = archetypes.COORDINATION_RESPONSIBILITIES
    """Responsibilities any one of which shows the group's resource coordination."""
    brand: tuple[str, ...] = archetypes.BRAND_RESPONSIBILITIES
    """Responsibilities any one of which shows the group's hold on brand consistency."""


@rule("ARCH404", "divisional-group-role", Severity.WARNING, family=FAMILY, options=GroupRoleOptions)
def divisional_group_role(ctx: RuleContext) -> None:
    """
    Divisional: the group level is not accountable for strategy, resource coordination or brand.

    For each duty, some position outside the divisions must be A, in an entry
    that is unscoped (or scoped outside the divisions), for one of the duty's
    responsibilities (options `strategy`, `coordination`, `brand`; an empty list
    switches that duty off). Reported at `archetype:`, once per duty.

    **Why it matters**: in the brief's divisional design the group keeps only
    strategic guidance and resource coordination; those are what hold back the
    archetype's risks, duplicated resources and a group brand that is hard to
    keep consistent.

    **Fails**: divisions that are A for their own marketing plans, budgets and
    brand, and no unscoped entry with a group position as A.

    **Passes**:
    ```yaml
    raci:
      - {responsibility: insight.marketing-plan, A: group-cmo, R: [planning-manager]}
      - {responsibility: leadership.resource-allocation, A: group-cmo, R: [planning-manager]}
      - {responsibility: brand.consistency, A: group-cmo, R: [brand-governance]}
    ```
    """
    structure = _structure_if(ctx, "divisional")
    if structure is not None:
        opts: GroupRoleOptions = ctx.options
        duties = archetypes.group_duties(opts.strategy, opts.coordination, opts.brand)
        _report(ctx, archetypes.group_role_gaps(ctx.org, ctx.graph, duties, structure))


@rule("ARCH405", "functional-department-walls", Severity.INFO, family=FAMILY)
def functional_department_walls(ctx: RuleContext) -> None:
    """
    Functional: discipline groups, but no project team drawing on two or more of them.

    A project draws on a group when its lead or one of its members sits in
    that group (or a unit below it). Reported at `archetype:`.

    **Why it matters**: the brief names "department walls" as the functional
    design's risk and prescribes project-based management: for big projects
    (launches, annual promotions) a cross-group team with a project lead,
    members seconded from the groups, milestones and KPIs.

    **Fails**: five discipline groups under the marketing director and no
    `projects`.

    **Passes**:
    ```yaml
    projects:
      - id: promo-618
        name: 618 mid-year promotion
        lead: campaign-lead
        members: [content-specialist, data-analyst]
        milestones: [{name: Creative locked, due: 2026-05-15}]
        kpis: [gmv, conversion-rate]
    ```
    """
    structure = _structure_if(ctx, "functional")
    if structure is not None:
        _report(ctx, archetypes.wall_gaps(ctx.org, ctx.graph, structure))


RULES: list[Rule] = [
    archetype_contradicted,
    division_incomplete_chain,
    matrix_brand_owner,
    divisional_group_role,
    functional_department_walls,
]
