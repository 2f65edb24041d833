"""The org definition format as pydantic v2 models, and the merged `Org`.

This package owns the shape of every element of an org file (organization,
catalogs, responsibilities, decision domains, units, positions, RACI, priority
rules, projects, include), the JSON Schema generated from it, and `Org`: the
merged, indexed organisation that rules and renderers read. Its parts:

- `types`: ids, labels, bounds, holders, dates, language tags;
- `element`: `Src` and the `Element` base (where each element was written);
- `elements`: the models of the sections; `files`: the file models, `SECTIONS`,
  `json_schema()`; `org`: `Org`.

Each element remembers where it was written (`Element.loc`) through the
position-carrying containers built by `orgdesign.load.loader`. Every public name
is importable from `orgdesign.model`.
"""

from __future__ import annotations

from orgdesign.model.element import (
    Element,
    Ignorable,
    Src,
)
from orgdesign.model.elements import (
    AppliesTo,
    DecisionDomain,
    Milestone,
    Organization,
    Position,
    PriorityRule,
    Profile,
    Project,
    RaciEntry,
    Responsibility,
    Unit,
)
from orgdesign.model.files import (
    SECTIONS,
    CatalogFile,
    CatalogInfo,
    LayersTarget,
    OrgFile,
    RatioTarget,
    SpanTarget,
    Targets,
    UnitTarget,
    json_schema,
)
from orgdesign.model.org import (
    Org,
)
from orgdesign.model.types import (
    ARCHETYPES,
    FORMAT_VERSION,
    MAX_COST,
    MAX_COUNT,
    MAX_HEADCOUNT,
    MAX_ID_LENGTH,
    MAX_LABEL_LENGTH,
    MAX_TEXT_LENGTH,
    SLUG_PATTERN,
    STAGES,
    Archetype,
    Count,
    Descriptions,
    Holder,
    HolderList,
    IsoDate,
    Label,
    LangTag,
    Level,
    ManagerKind,
    Names,
    Prose,
    SchemaGenerator,
    Slug,
    SlugList,
    Stage,
    UnitType,
    pick_language,
)

__all__ = [
    "ARCHETYPES",
    "FORMAT_VERSION",
    "MAX_COST",
    "MAX_COUNT",
    "MAX_HEADCOUNT",
    "MAX_ID_LENGTH",
    "MAX_LABEL_LENGTH",
    "MAX_TEXT_LENGTH",
    "SECTIONS",
    "SLUG_PATTERN",
    "STAGES",
    "AppliesTo",
    "Archetype",
    "CatalogFile",
    "CatalogInfo",
    "Count",
    "DecisionDomain",
    "Descriptions",
    "Element",
    "Holder",
    "HolderList",
    "Ignorable",
    "IsoDate",
    "Label",
    "LangTag",
    "LayersTarget",
    "Level",
    "ManagerKind",
    "Milestone",
    "Names",
    "Org",
    "OrgFile",
    "Organization",
    "Position",
    "PriorityRule",
    "Profile",
    "Project",
    "Prose",
    "RaciEntry",
    "RatioTarget",
    "Responsibility",
    "SchemaGenerator",
    "Slug",
    "SlugList",
    "SpanTarget",
    "Src",
    "Stage",
    "Targets",
    "Unit",
    "UnitTarget",
    "UnitType",
    "json_schema",
    "pick_language",
]
