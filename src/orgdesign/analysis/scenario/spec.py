"""The scenario file format: `scenario: {id, name, base}`, optional `targets:`, and `changes:`.

```yaml
orgdesign: 1
scenario: {id: consolidate, name: Trade marketing to the campaign centre, base: org.yaml}
targets: {span: {max: 8}}              # optional: overrides the base's targets
changes:
  - move: {position: east-trade, reports_to: campaign-lead}   # and/or unit:
  - add: {id: ops-lead, title: Operations Lead, unit: marketing, reports_to: cmo}
  - close: {position: old-role}        # its reports go to its manager unless `to:` is given
  - merge_units: {from: events, into: campaigns}
  - set: {position: cmo, cost: 2600000}
  - raci: {responsibility: brand.consistency, A: cmo, R: [brand-director]}
```
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from orgdesign.model import Element, Position, RaciEntry, Slug, Targets


class ScenarioInfo(Element):
    id: Slug
    name: str
    names: dict[str, str] = Field(default_factory=dict)
    """Translations of `name`, by language tag."""
    base: str
    """The base org file, relative to the scenario file."""
    description: str | None = None


class Move(Element):
    position: Slug
    reports_to: Slug | None = None
    """The new solid-line manager."""
    unit: Slug | None = None
    """The new unit."""


class Close(Element):
    position: Slug
    to: Slug | None = None
    """Who takes over its reports (and its RACI letters); default: its manager."""


class MergeUnits(Element):
    from_: Slug = Field(alias="from")
    into: Slug


class SetFields(Element):
    """`set: {position: ID, FIELD: VALUE, ...}`: any position field except `id`."""

    model_config = ConfigDict(extra="allow")
    position: Slug

    def fields(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


CHANGE_MODELS: dict[str, type[Element]] = {
    "move": Move,
    "add": Position,
    "close": Close,
    "merge_units": MergeUnits,
    "set": SetFields,
    "raci": RaciEntry,
}
"""Each kind of change and the model of its value."""

TOP_KEYS = ("orgdesign", "scenario", "targets", "changes")


class Change:
    """One change as written: its kind, its validated value and its index in `changes`."""

    __slots__ = ("index", "kind", "value")

    def __init__(self, kind: str, value: Element, index: int) -> None:
        self.kind = kind
        self.value = value
        self.index = index


__all__ = ["CHANGE_MODELS", "Change", "ScenarioInfo", "Targets"]
