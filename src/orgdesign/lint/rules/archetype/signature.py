"""ARCH401: the declared archetype against the shape of the structure."""

from __future__ import annotations

from pydantic import Field

from orgdesign.domain import archetypes
from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.archetype.gaps import report_gaps
from orgdesign.lint.rules.common import ARCHETYPE, RuleOptions

FAMILY = "archetype"


class SignatureOptions(RuleOptions):
    lean_max_seats: int = Field(default=archetypes.LEAN_MAX_SEATS, ge=1)
    """Most marketing seats (seats of positions R or A somewhere) of a lean organisation."""
    lean_max_layers: int = Field(default=archetypes.LEAN_MAX_LAYERS, ge=1)
    """Deepest layer of a marketing position in a lean organisation (the top is layer 1)."""
    functional_min_groups: int = Field(default=archetypes.FUNCTIONAL_MIN_GROUPS, ge=1)
    """Fewest discipline groups under one marketing head in a functional organisation."""


@reads(*ARCHETYPE)
@rule(
    "ARCH401", "archetype-contradicted", Severity.WARNING, family=FAMILY, options=SignatureOptions
)
def archetype_contradicted(ctx: RuleContext) -> None:
    """
    The declared `organization.archetype` contradicts the structure.

    Each archetype is checked for its shape:

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

    **Fails**: a "lean" team of thirty-one marketing seats.
    ```yaml
    organization: {id: acme, name: Acme, archetype: lean}
    positions:
      - {id: head, title: Head of Marketing}
      - {id: marketer, title: Marketer, reports_to: head, headcount: 30}
    ```
    **Passes**: a team small enough to stay lean (or, for thirty, discipline groups
    under the head and `archetype: functional`).
    ```diff
    -  - {id: marketer, title: Marketer, reports_to: head, headcount: 30}
    +  - {id: marketer, title: Marketer, reports_to: head, headcount: 4}
    ```
    """
    if not ctx.org.archetype:
        return
    opts: SignatureOptions = ctx.options
    limits = archetypes.Limits(
        lean_max_seats=opts.lean_max_seats,
        lean_max_layers=opts.lean_max_layers,
        functional_min_groups=opts.functional_min_groups,
    )
    report_gaps(ctx, archetypes.signature_gaps(ctx.org, ctx.graph, ctx.org.archetype, limits))


RULES: list[Rule] = [
    archetype_contradicted,
]
