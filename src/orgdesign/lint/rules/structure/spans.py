"""Shape rules: span of control and depth of the reporting chain (ORG106, ORG107)."""

from __future__ import annotations

from pydantic import Field, model_validator

from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.common import (
    LINES,
    RuleOptions,
    first_below,
    managers_and_spans,
    report_span,
)

FAMILY = "structure"


class SpanOptions(RuleOptions):
    min: int = Field(default=2, ge=0)
    """Fewest direct-report seats a manager should have."""
    max: int = Field(default=12, ge=1)
    """Most direct-report seats a manager should have."""

    @model_validator(mode="after")
    def _ordered(self) -> SpanOptions:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


@reads(*LINES, "positions.assistant", "positions.headcount")
@rule("ORG106", "span-of-control", Severity.WARNING, family=FAMILY, options=SpanOptions)
def span_of_control(ctx: RuleContext) -> None:
    """
    A manager's span of control is outside [min, max] (default 2..12).

    The span counts the seats (`headcount`) of the direct solid-line reports;
    assistants (`assistant: true`) are not counted. Positions with no reports
    are not managers and are not checked.

    **Why it matters**: a manager of one adds a layer without adding
    management; a manager of twenty cannot coach anyone.

    **Fails**:
    ```yaml
    positions:
      - {id: cmo, title: CMO}
      - {id: brand-director, title: Brand Director, reports_to: cmo}
      - {id: brand-manager, title: Brand Manager, reports_to: brand-director, headcount: 3}
    ```
    **Passes**: merge the two layers (the brand managers report to the CMO), or
    give the director a second team:
    ```diff
       - {id: brand-director, title: Brand Director, reports_to: cmo}
    +  - {id: digital-director, title: Digital Director, reports_to: cmo}
    ```
    """
    opts: SpanOptions = ctx.options
    for pos, span in managers_and_spans(ctx):
        if span < opts.min or span > opts.max:
            side = "below the minimum" if span < opts.min else "above the maximum"
            report_span(ctx, pos, span, f"{side} of the range {opts.min}..{opts.max}")


class LayersOptions(RuleOptions):
    max: int = Field(default=8, ge=1)
    """Most layers from the top position down, the top counting as layer 1."""


@reads(*LINES)
@rule("ORG107", "too-many-layers", Severity.WARNING, family=FAMILY, options=LayersOptions)
def too_many_layers(ctx: RuleContext) -> None:
    """
    The reporting chain is deeper than `max` layers (default 8; the top position is layer 1).

    Reported once per branch, at the first position below the limit.

    **Why it matters**: every layer slows decisions and filters information;
    a lean or functional marketing organisation rarely needs more than three or four.

    **Fails**: with
    ```toml
    max = 3
    ```
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reports_to: ceo}
      - {id: brand-director, title: Brand Director, reports_to: cmo}
      - {id: brand-manager, title: Brand Manager, reports_to: brand-director}
    ```
    **Passes**: the brand manager reports to the CMO (or `max = 4`):
    ```diff
    -  - {id: brand-manager, title: Brand Manager, reports_to: brand-director}
    +  - {id: brand-manager, title: Brand Manager, reports_to: cmo}
    ```
    """
    opts: LayersOptions = ctx.options
    limit = opts.max
    for pos in first_below(ctx, limit):
        ctx.report_at(
            pos,
            "id",
            f"{pos.id!r} is {limit + 1} layers deep, one more than the maximum of "
            f"{limit}; flatten the chain above it",
        )


RULES: list[Rule] = [
    span_of_control,
    too_many_layers,
]
