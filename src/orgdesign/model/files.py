"""The files of the org format: an org file, a catalogue file, targets; the JSON Schema.

This module owns `OrgFile` and `CatalogFile` (the top level of a file),
`Targets` (spans, layers, budgets), `SECTIONS` (each list section and the
model of its items) and `json_schema()`, generated from these models.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, StrictBool

from orgdesign.model.element import Element, Ignorable
from orgdesign.model.elements import (
    DecisionDomain,
    Organization,
    Position,
    PriorityRule,
    Project,
    RaciEntry,
    Responsibility,
    Unit,
)
from orgdesign.model.types import (
    MAX_COST,
    MAX_HEADCOUNT,
    Descriptions,
    Label,
    Names,
    Prose,
    SchemaGenerator,
    Slug,
    descriptions_field,
    format_version,
)


class CatalogInfo(Element):
    id: Slug
    name: Label
    names: Names = Field(default_factory=dict)
    description: Prose | None = None
    descriptions: Descriptions = descriptions_field()
    version: Prose | None = None


class CatalogFile(Element):
    """A responsibility catalogue file."""

    # Files are validated element by element (`assemble.validate`); the whole-file models
    # give the keys and the JSON Schema, so their validators are built only if ever used.
    model_config = ConfigDict(defer_build=True)

    catalog: CatalogInfo
    responsibilities: list[Responsibility] = Field(default_factory=list)
    decision_domains: list[DecisionDomain] = Field(default_factory=list)


class SpanTarget(Element):
    min: Annotated[int, Field(strict=True, ge=0, le=MAX_HEADCOUNT)] | None = None
    """Fewest direct-report seats a manager should have."""
    max: Annotated[int, Field(strict=True, ge=1, le=MAX_HEADCOUNT)] | None = None
    """Most direct-report seats a manager should have."""


class LayersTarget(Element):
    max: Annotated[int, Field(strict=True, ge=1, le=MAX_HEADCOUNT)]
    """Most layers from the top position down (the top is layer 1)."""


class RatioTarget(Element):
    min: (
        Annotated[float, Field(strict=True, ge=0, le=MAX_HEADCOUNT, allow_inf_nan=False)] | None
    ) = None
    """Fewest staff seats per manager seat."""
    max: (
        Annotated[float, Field(strict=True, ge=0, le=MAX_HEADCOUNT, allow_inf_nan=False)] | None
    ) = None
    """Most staff seats per manager seat."""


class UnitTarget(Element):
    unit: Slug
    """The unit the targets are for (its sub-units count with it)."""
    budget: Annotated[float, Field(strict=True, ge=0, le=MAX_COST, allow_inf_nan=False)] | None = (
        None
    )
    """Most yearly cost of the unit and its sub-units (seats times `cost`)."""
    headcount: Annotated[int, Field(strict=True, ge=0, le=MAX_HEADCOUNT)] | None = None
    """Most seats in the unit and its sub-units."""


class Targets(Element):
    """Spans-and-layers and budget targets (rule family TGT6xx)."""

    span: SpanTarget | None = None
    """Direct-report seats per manager (TGT601)."""
    layers: LayersTarget | None = None
    """Layers from the top position down (TGT602)."""
    manager_kinds: StrictBool = False
    """Use each manager's `manager_kind` target span instead of `span` where it is set."""
    staff_per_manager: RatioTarget | None = None
    """Seats of positions that manage nobody per seat of positions that manage."""
    units: list[UnitTarget] = Field(default_factory=list)
    """Budget and headcount per unit (TGT603, TGT604)."""


class OrgFile(Element):
    """An org definition file (format version 1)."""

    model_config = ConfigDict(title="orgdesign org file", defer_build=True)

    orgdesign: Annotated[Literal[1], BeforeValidator(format_version)] | None = None
    """Format version; required in the root file."""
    organization: Organization | None = None
    """Required in the root file; not allowed in included files."""
    catalogs: list[str] = Field(default_factory=list)
    """Catalogues to import: `builtin:NAME` or a path relative to this file.

    `orgdesign catalog` lists the responsibility ids of `builtin:marketing`."""
    responsibilities: list[Responsibility] = Field(default_factory=list)
    """Local responsibilities (work to assign), nested with `children`;
    `orgdesign catalog` lists the built-in ones."""
    decision_domains: list[DecisionDomain] = Field(default_factory=list)
    """Kinds of decision that priority rules give to the solid or the dotted line."""
    units: list[Unit] = Field(default_factory=list)
    """Organisational units (company, departments, teams ...) forming a tree through `parent`."""
    positions: list[Position] = Field(default_factory=list)
    """Positions (seats) forming the reporting tree through `reports_to`."""
    raci: list[RaciEntry] = Field(default_factory=list)
    """Who is Responsible, Accountable, Consulted, Informed (and Support) for each duty."""
    priority_rules: list[PriorityRule] = Field(default_factory=list)
    """Which line decides what for dual-reporting positions."""
    projects: list[Project] = Field(default_factory=list)
    """Cross-unit project teams (they do not change reporting lines)."""
    include: list[str] = Field(default_factory=list)
    """More files merged into this one, relative to this file, inside the root file's folder."""
    targets: Targets | None = None
    """Spans, layers and unit budget targets; only in the root file."""


#: The list sections of an org file and the model of one item of each.
SECTIONS: dict[str, type[Ignorable]] = {
    "responsibilities": Responsibility,
    "decision_domains": DecisionDomain,
    "units": Unit,
    "positions": Position,
    "raci": RaciEntry,
    "priority_rules": PriorityRule,
    "projects": Project,
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an org file, generated from the models."""
    schema = OrgFile.model_json_schema(mode="validation", schema_generator=SchemaGenerator)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://orgdesign.dev/schema/org-v1.json"
    return schema
