"""What the rule families share: the base of rule options, and naming another place.

No rule lives here; the family modules import these helpers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from orgdesign.findings import Location
from orgdesign.model import Element, Position

if TYPE_CHECKING:
    from orgdesign.lint.engine import RuleContext


LINES = ("positions.reports_to", "positions.dotted_to", "units.parent")
"""What `OrgGraph` is built from: a rule that uses `ctx.graph` reads these (`Rule.reads`)."""
PLACES = (*LINES, "positions.unit", "units.head")
"""The lines and where each position and unit sits."""
OWNERS = ("raci.responsibility", "raci.scope", "raci.R", "raci.A")
"""Who is Responsible and Accountable for what, and where."""
PROFILE = ("organization.archetype", "organization.function", "organization.profile")
"""What the organisation says it is."""
ARCHETYPE = (
    *PLACES,
    *OWNERS,
    *PROFILE,
    "positions.headcount",
    "priority_rules.applies_to",
    "projects.lead",
    "projects.members",
    "responsibilities.dimension",
    "responsibilities.stage",
    "units.function",
    "units.name",
    "units.names",
    "units.type",
)
"""What the archetype analysis (`orgdesign.domain.archetypes`) reads."""


class RuleOptions(BaseModel):
    """A rule's options: unknown keys are refused; each field's docstring documents it."""

    model_config = ConfigDict(extra="forbid")


def place(first: Location, other: Element) -> str:
    """`line 7`, or `root.yaml:7` when the other element is in another file."""
    if first.file == other.src.file:
        return f"line {first.line}"
    return f"{first.file}:{first.line}"


def names(ids: list[str], limit: int = 5) -> str:
    """`a, b, c`, or the first `limit` ids and `and N more`."""
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def first_below(ctx: RuleContext, limit: int) -> Iterator[Position]:
    """The positions on layer `limit + 1`: one per branch deeper than `limit` (top = 1)."""
    layers = ctx.graph.layers
    return (pos for pos in ctx.org.positions if layers.get(pos.id) == limit + 1)


def managers_and_spans(ctx: RuleContext) -> Iterator[tuple[Position, int]]:
    """Each manager with a span of control (seats of its direct reports, assistants left
    out, as ORG106 and TGT601 count them), in file order; a span of 0 is not checked."""
    spans = ctx.graph.spans
    for pos in ctx.org.positions:
        span = spans.get(pos.id)
        if span:
            yield pos, span


def report_span(ctx: RuleContext, pos: Position, span: int, outside: str) -> None:
    """Report a manager's span at its id; `outside` names the side and the range it is out of."""
    seats = f"{span} seat{'s' if span != 1 else ''}"
    ctx.report_at(pos, "id", f"span of control of {pos.id!r} is {seats}, {outside}")
