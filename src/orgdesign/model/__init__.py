"""The org definition format as pydantic v2 models.

This module owns the shape of every element of an org file (organization,
catalogs, responsibilities, decision domains, units, positions, RACI, priority
rules, projects, include), the JSON Schema generated from it, and `Org`: the
merged, indexed organisation that rules and renderers read.

Each element remembers where it was written (`Element.loc`) through the
position-carrying containers built by `orgdesign.load.loader`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    StrictBool,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from orgdesign.findings import Location
from orgdesign.load.loader import YMap, YSeq

FORMAT_VERSION = 1

SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# Bounds: far beyond any real organisation, low enough that no arithmetic, layout or
# expansion (a row per seat) on values within them can overflow or exhaust memory.
MAX_ID_LENGTH = 128
MAX_LABEL_LENGTH = 1_000
MAX_TEXT_LENGTH = 20_000
MAX_HEADCOUNT = 100_000
MAX_COST = 1e15
MAX_COUNT = 10_000
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH)]
Label = Annotated[str, StringConstraints(max_length=MAX_LABEL_LENGTH)]
"""A name, title, holder or KPI: one line of text."""
Prose = Annotated[str, StringConstraints(max_length=MAX_TEXT_LENGTH)]
"""A description or note."""
LangTag = Annotated[str, StringConstraints(max_length=35)]
Count = Annotated[int, Field(strict=True, ge=0, le=MAX_COUNT)]
"""A whole number written as a number (not `true`, not quoted)."""
Stage = Literal["research", "planning", "promotion", "operation"]
Level = Literal["low", "medium", "high"]
Archetype = Literal["lean", "functional", "matrix", "divisional"]
ARCHETYPES: tuple[str, ...] = ("lean", "functional", "matrix", "divisional")
STAGES: tuple[str, ...] = ("research", "planning", "promotion", "operation")
ManagerKind = Literal["player-coach", "coach", "supervisor", "facilitator", "coordinator"]
"""Manager archetypes with their own target span (see `orgdesign.lint.rules.targets`)."""
UnitType = Literal[
    "company",
    "division",
    "business-unit",
    "department",
    "group",
    "team",
    "product-line",
    "region",
    "center",
    "project",
]


def _one_or_many(value: Any) -> Any:
    """Accept `x` as shorthand for `[x]` (RACI letters, dotted lines)."""
    if value is None:
        return []
    if isinstance(value, str | int | float):
        return [value]
    return value


class Holder(BaseModel):
    """A person in a seat, with the HR system's employee id."""

    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, use_attribute_docstrings=True
    )
    name: str = Field(min_length=1)
    """The person's name."""
    id: str | None = None
    """Employee id in the HR system (kept by `import` and written back by `export`)."""


def _holder_names(value: Any) -> Any:
    """Holders as names: `{name, id}` items checked and read as their name."""
    if not isinstance(value, list):
        return value
    names: list[Any] = []
    for item in value:
        if isinstance(item, dict):
            names.append(Holder.model_validate(dict(item)).name)
        else:
            names.append(item)
    return names


def _holder_id(item: Any) -> str | None:
    if isinstance(item, dict) and item.get("id") is not None:
        return str(item["id"])
    return None


HolderList = Annotated[
    list[str], BeforeValidator(_holder_names, json_schema_input_type=list[str | Holder])
]

SlugList = Annotated[
    list[Slug], BeforeValidator(_one_or_many, json_schema_input_type=Slug | list[Slug])
]
Names = dict[LangTag, Label]
Descriptions = dict[LangTag, Prose]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _iso_date(value: Any) -> Any:
    """Dates are written `YYYY-MM-DD` (a number or other text is not read as a date)."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD, e.g. 2026-03-31")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _format_version(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"the format version is the integer {FORMAT_VERSION}")
    return value


class SchemaGenerator(GenerateJsonSchema):
    """JSON Schema that says what validation accepts: text fields take numbers too.

    Org files may write an id or a name as a number (`id: 2024`); validation reads
    it as the text written, so the schema must not call it an error.
    """

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        out = super().str_schema(schema)
        out["type"] = ["string", "number"]
        return out


def _norm_tag(tag: str) -> str:
    return tag.strip().lower().replace("_", "-")


def pick_language(names: dict[str, str], lang: str) -> str | None:
    """The label for a language tag: exact (any case, `_` or `-`), else the same language.

    `zh-CN`, `ZH` and `zh_Hans` all find a `zh` label; `zh` finds `zh-CN` when that is all
    there is.
    """
    wanted = _norm_tag(lang)
    by_tag = {_norm_tag(k): v for k, v in names.items() if v}
    if wanted in by_tag:
        return by_tag[wanted]
    primary = wanted.split("-")[0]
    if primary in by_tag:
        return by_tag[primary]
    return next((v for k, v in by_tag.items() if k.split("-")[0] == primary), None)


@dataclass(frozen=True, slots=True)
class Src:
    """Where an element was written: its file and its raw mapping."""

    file: str
    raw: YMap | None = None
    line: int = 1
    column: int = 1

    def __reduce__(self) -> tuple[type[Src], tuple[str, YMap | None, int, int]]:
        # Pickled per element by the per-file cache: the dataclass default is 4x slower.
        return (Src, (self.file, self.raw, self.line, self.column))

    def at(self, key: str | None = None, index: int | None = None) -> Location:
        """Location of the element, of one of its keys' values, or of an item of a list value."""
        raw = self.raw
        if raw is None:
            return Location(self.file, self.line, self.column)
        if key is None or key not in raw:
            return Location(self.file, raw.line, raw.column)
        value = raw[key]
        if index is not None and isinstance(value, YSeq) and 0 <= index < len(value):
            line, col = value.item_pos[index]
            return Location(self.file, line, col)
        line, col = raw.val_pos.get(key) or raw.key_pos[key]
        return Location(self.file, line, col)

    def at_path(self, *parts: str | int, key: bool = False) -> Location:
        """Location of a nested value (or, with `key=True`, of the last key) below the element."""
        node: Any = self.raw
        loc = self.at()
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(node, YMap) and isinstance(part, str) and part in node:
                pos = node.key_pos[part] if (key and last) else node.val_pos[part]
                loc, node = Location(self.file, *pos), node[part]
            elif isinstance(node, YSeq) and isinstance(part, int) and 0 <= part < len(node):
                loc, node = Location(self.file, *node.item_pos[part]), node[part]
            else:
                break
        return loc


_IN_MEMORY = Src("<memory>")


def _restore_element(
    cls: type[Element], values: dict[str, Any], fields_set: set[str], extra: Any, private: Any
) -> Element:
    """An element as it was pickled (`Element.__reduce__`), without validating it again."""
    new = cls.__new__(cls)
    object.__setattr__(new, "__dict__", values)
    object.__setattr__(new, "__pydantic_fields_set__", fields_set)
    object.__setattr__(new, "__pydantic_extra__", extra)
    object.__setattr__(new, "__pydantic_private__", private)
    return new


class Element(BaseModel):
    """Base of every element: unknown keys are errors; ids written as numbers are text."""

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        populate_by_name=True,
        use_attribute_docstrings=True,
    )
    # None until placed: a constant default costs far less per element than a factory.
    _src: Src | None = PrivateAttr(default=None)

    def __reduce__(self) -> Any:
        # Pickled by the per-file cache: one call with the four parts of a model,
        # instead of pydantic's state dict (cache entries are written 20% faster).
        return (
            _restore_element,
            (
                type(self),
                self.__dict__,
                self.__pydantic_fields_set__,
                self.__pydantic_extra__,
                self.__pydantic_private__,
            ),
        )

    def loc(self, key: str | None = None, index: int | None = None) -> Location:
        return self.src.at(key, index)

    @property
    def src(self) -> Src:
        private = self.__pydantic_private__
        src = private.get("_src") if private else None
        return src if src is not None else _IN_MEMORY

    def with_src(self, src: Src) -> None:
        private = self.__pydantic_private__
        if private is None:  # pragma: no cover - pydantic makes it for every model with one
            self._src = src
        else:  # the hot path of loading: skip BaseModel.__setattr__
            private["_src"] = src

    def describe(self, lang: str | None = None) -> str | None:
        """The element's description in `lang` from `descriptions`, else `description`."""
        base: str | None = getattr(self, "description", None)
        translations = getattr(self, "descriptions", None)
        if lang and isinstance(translations, dict):
            return pick_language(translations, lang) or base
        return base

    def label(self, lang: str | None = None) -> str:
        """The element's name (or title) in `lang` from `names`, falling back to the name itself."""
        base = getattr(self, "name", None) or getattr(self, "title", None)
        base = base or getattr(self, "id", "")
        names = getattr(self, "names", None)
        if lang and isinstance(names, dict):
            return str(pick_language(names, lang) or base)
        return str(base)


class Ignorable(Element):
    ignore: list[Label] = Field(default_factory=list)
    """Rule ids silenced on this element, e.g. `[ORG106]`."""


class Profile(Element):
    """Business profile of the organisation: the input of `orgdesign recommend`."""

    categories: Count | None = None
    """Number of product categories."""
    regions: Count | None = None
    """Number of regional markets served."""
    customer_segments: Count | None = None
    """Number of distinct customer groups."""
    digital_maturity: Level | None = None
    """How far marketing works with digital channels and data: low, medium or high."""
    third_party_reliance: Level | None = None
    """How much marketing work is done by agencies and other suppliers."""
    unit_similarity: Literal["similar", "different"] | None = None
    """Whether the business units sell similar things (consumer vs industrial is `different`)."""
    budget: Literal["small", "medium", "large"] | None = None
    """Size of the marketing budget: small, medium or large."""


class Organization(Ignorable):
    id: Slug
    """Id of the organisation (ASCII letters, digits, `.`, `_`, `-`)."""
    name: Label
    """Name shown on charts and documents."""
    names: Names = Field(default_factory=dict)
    """Translations of `name`, by language tag (e.g. `zh`)."""
    archetype: Archetype | None = None
    """Declared archetype; inferred from the structure when absent."""
    description: Prose | None = None
    """What the organisation does (shown in the pack)."""
    descriptions: Descriptions = Field(default_factory=dict)
    """Translations of `description`, by language tag."""
    profile: Profile | None = None
    """Business profile read by `orgdesign recommend`."""
    function: Slug | None = None
    """What the organisation is, e.g. `marketing` (a marketing department modelled on its
    own): archetype rules (ARCH4xx) then judge all of it."""


class Responsibility(Ignorable):
    id: Slug
    """Unique id of the responsibility (see `orgdesign catalog` for built-in ids)."""
    name: Label
    """Name shown in the RACI matrix and on role cards."""
    names: Names = Field(default_factory=dict)
    """Translations of `name`, by language tag."""
    description: Prose | None = None
    """What the work is."""
    descriptions: Descriptions = Field(default_factory=dict)
    """Translations of `description`, by language tag."""
    stage: Stage | None = None
    """Stage of the marketing chain this work belongs to."""
    dimension: Prose | None = None
    """Duty dimension (e.g. strategy, team, insight, brand, sales, budget, risk)."""
    required: StrictBool = False
    """Every organisation using this catalogue must assign it (one A and at least one R)."""
    kpis: list[Label] = Field(default_factory=list)
    """Key performance indicators of this work."""
    children: list[Responsibility] = Field(default_factory=list)
    """Finer-grained responsibilities under this one."""

    def walk(
        self, parent: Responsibility | None = None
    ) -> Iterator[tuple[Responsibility, Responsibility | None]]:
        yield self, parent
        for child in self.children:
            yield from child.walk(self)


class DecisionDomain(Ignorable):
    id: Slug
    """Unique id of the decision domain (ASCII letters, digits, `.`, `_`, `-`)."""
    name: Label
    """Name shown in documents."""
    names: Names = Field(default_factory=dict)
    """Translations of `name`, by language tag (e.g. `zh`)."""
    description: Prose | None = None
    """What kind of decision this is."""
    descriptions: Descriptions = Field(default_factory=dict)
    """Translations of `description`, by language tag."""


class Unit(Ignorable):
    id: Slug
    """Unique id of the unit, used by `parent`, `unit` and RACI scopes."""
    name: Label
    """Name shown on charts and documents."""
    names: Names = Field(default_factory=dict)
    """Translations of `name`, by language tag."""
    type: UnitType = "department"
    """Kind of unit: company, division, business-unit, department, group, team,
    product-line, region, center or project."""
    parent: Slug | None = None
    """Id of the unit this one sits in (absent on the top unit)."""
    head: Slug | None = None
    """Position that leads the unit."""
    function: Slug | None = None
    """What the unit does, e.g. `marketing`: archetype rules (ARCH4xx) and archetype advice
    apply to the marketing function (this unit and the units below it) only."""
    description: Prose | None = None
    """What the unit does."""
    descriptions: Descriptions = Field(default_factory=dict)
    """Translations of `description`, by language tag."""


class Position(Ignorable):
    id: Slug
    """Unique id of the position, used by `reports_to`, RACI and rules."""
    title: Label
    """Job title shown on charts and cards."""
    names: Names = Field(default_factory=dict)
    """Translations of `title`."""
    unit: Slug | None = None
    """Id of the unit the position belongs to."""
    reports_to: Slug | None = None
    """Solid line: the one manager (absent only on the root position)."""
    dotted_to: SlugList = Field(default_factory=list)
    """Dotted lines (matrix reporting)."""
    headcount: Annotated[int, Field(strict=True, ge=1, le=MAX_HEADCOUNT)] = 1
    """Number of seats."""
    holders: HolderList = Field(default_factory=list)
    """People in the seats, each a name or `{name, id}` with the HR system's employee id;
    vacancies = headcount - len(holders)."""
    cost: Annotated[float, Field(strict=True, ge=0, le=MAX_COST, allow_inf_nan=False)] | None = None
    """Cost per seat per year, any currency."""
    assistant: StrictBool = False
    """Staff assistant to the manager: drawn beside the manager, not among the reports."""
    roles: list[str] = Field(default_factory=list)
    """What the position is, in a few words (document 002's head of marketing: strategic
    decision-maker, resource integrator, team leader, market innovator); shown on its card."""
    competencies: list[str] = Field(default_factory=list)
    """Competency areas the position needs (e.g. strategic thinking); shown on its card."""
    career_path: list[str] = Field(default_factory=list)
    """Steps of the position's own career path, first to last (e.g. junior marketing
    manager, marketing director, marketing VP); shown on its card."""
    manager_kind: ManagerKind | None = None
    """The manager's archetype; with `targets.manager_kinds: true` it sets the target span."""
    description: Prose | None = None
    """What the position is for (shown on its role card)."""
    descriptions: Descriptions = Field(default_factory=dict)
    """Translations of `description`, by language tag."""

    _holder_ids: list[str | None] = PrivateAttr(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_holder_ids(cls, data: Any, handler: ModelWrapValidatorHandler[Position]) -> Position:
        """`holders` reads as names; the employee ids of `{name, id}` holders are kept aside."""
        position = handler(data)
        raw = data.get("holders") if isinstance(data, dict) else None
        if isinstance(raw, list):
            position._holder_ids = [_holder_id(item) for item in raw]
        return position

    @property
    def holder_ids(self) -> list[str | None]:
        """The employee id of each holder (None for a holder written as a plain name)."""
        ids = list(self._holder_ids[: len(self.holders)])
        return ids + [None] * (len(self.holders) - len(ids))

    @property
    def vacancies(self) -> int:
        return max(self.headcount - len(self.holders), 0)

    @property
    def vacant(self) -> bool:
        return not self.holders


class RaciEntry(Ignorable):
    responsibility: Slug
    """Responsibility id, declared or imported; `orgdesign catalog` lists the built-in ids."""
    scope: Slug | None = None
    """Unit id: the assignment holds inside that unit's subtree."""
    R: SlugList = Field(default_factory=list)
    """Responsible: positions that do the work."""
    A: SlugList = Field(default_factory=list)
    """Accountable: the one position that answers for the result."""
    C: SlugList = Field(default_factory=list)
    """Consulted: positions asked before deciding."""
    I: SlugList = Field(default_factory=list)  # noqa: E741
    """Informed: positions told of the outcome."""
    S: SlugList = Field(default_factory=list)
    """Support (RASCI)."""
    note: Prose | None = None
    """Free note shown beside the assignment."""

    def letters(self) -> Iterator[tuple[str, str, int]]:
        """Yield (letter, position id, index in the letter's list)."""
        for letter in ("R", "A", "S", "C", "I"):
            for index, pid in enumerate(getattr(self, letter)):
                yield letter, pid, index

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.responsibility, self.scope)


class AppliesTo(Element):
    positions: SlugList = Field(default_factory=list)
    """Dual-reporting positions the rule covers."""
    units: SlugList = Field(default_factory=list)
    """Units (and their sub-units) whose dual-reporting positions the rule covers."""


class PriorityRule(Ignorable):
    id: Slug
    """Unique id of the rule."""
    name: Label | None = None
    """Name shown in documents."""
    names: Names = Field(default_factory=dict)
    """Translations of `name`."""
    applies_to: AppliesTo
    """The positions and units the rule covers."""
    decides: dict[str, str] = Field(default_factory=dict)
    """Decision domain id -> `solid`, `dotted` or a position id."""
    escalation: Slug | None = None
    """Who arbitrates when the two lines disagree."""
    description: Prose | None = None
    """Why the rule exists or how it works."""
    descriptions: Descriptions = Field(default_factory=dict)
    """Translations of `description`, by language tag."""


class Milestone(Element):
    name: Label
    """What is to be reached."""
    due: IsoDate | None = None
    """Due date, written YYYY-MM-DD."""
    done: StrictBool = False
    """The milestone is reached."""


class Project(Ignorable):
    id: Slug
    """Unique id of the project."""
    name: Label
    """Name shown in documents."""
    names: Names = Field(default_factory=dict)
    """Translations of `name`, by language tag."""
    lead: Slug | None = None
    """Position that leads the project."""
    members: SlugList = Field(default_factory=list)
    """Positions working on the project."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Milestones with optional due dates."""
    kpis: list[Label] = Field(default_factory=list)
    """How the project is measured."""
    description: Prose | None = None
    """What the project is for."""
    descriptions: Descriptions = Field(default_factory=dict)
    """Translations of `description`, by language tag."""


class CatalogInfo(Element):
    id: Slug
    name: Label
    names: Names = Field(default_factory=dict)
    description: Prose | None = None
    descriptions: Descriptions = Field(default_factory=dict)
    """Translations of `description`, by language tag."""
    version: Prose | None = None


class CatalogFile(Element):
    """A responsibility catalogue file."""

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

    model_config = ConfigDict(title="orgdesign org file")

    orgdesign: Annotated[Literal[1], BeforeValidator(_format_version)] | None = None
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


@dataclass
class Org:
    """A whole organisation: the root file and its includes and catalogues, merged."""

    root_file: str
    organization: Organization | None = None
    responsibilities: list[Responsibility] = field(default_factory=list)
    """Top-level responsibilities (catalogue areas first, then local ones)."""
    decision_domains: list[DecisionDomain] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    raci: list[RaciEntry] = field(default_factory=list)
    priority_rules: list[PriorityRule] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    broken_ids: dict[str, set[str]] = field(default_factory=dict)
    """Ids of elements that failed schema validation, by section: not reported again as unknown."""
    targets: Targets | None = None
    """The targets in force (the root file's, overridden by `[tool.orgdesign.targets]`)."""

    def __post_init__(self) -> None:
        self._index: dict[str, dict[str, Any]] | None = None

    def _build_index(self) -> dict[str, dict[str, Any]]:
        resp: dict[str, Responsibility] = {}
        parent: dict[str, str | None] = {}
        for top in self.responsibilities:
            for item, up in top.walk():
                resp.setdefault(item.id, item)
                parent.setdefault(item.id, up.id if up else None)
        return {
            "units": {u.id: u for u in self.units},
            "positions": {p.id: p for p in self.positions},
            "responsibilities": resp,
            "resp_parent": parent,
            "decision_domains": {d.id: d for d in self.decision_domains},
            "priority_rules": {r.id: r for r in self.priority_rules},
            "projects": {p.id: p for p in self.projects},
        }

    @property
    def index(self) -> dict[str, dict[str, Any]]:
        if self._index is None:
            self._index = self._build_index()
        return self._index

    @property
    def unit_by_id(self) -> dict[str, Unit]:
        return self.index["units"]

    @property
    def position_by_id(self) -> dict[str, Position]:
        return self.index["positions"]

    @property
    def responsibility_by_id(self) -> dict[str, Responsibility]:
        return self.index["responsibilities"]

    @property
    def responsibility_parent(self) -> dict[str, str | None]:
        return self.index["resp_parent"]

    @property
    def domain_by_id(self) -> dict[str, DecisionDomain]:
        return self.index["decision_domains"]

    @property
    def archetype(self) -> str | None:
        return self.organization.archetype if self.organization else None

    def is_broken(self, section: str, ident: str) -> bool:
        return ident in self.broken_ids.get(section, set())

    def leaf_responsibilities(self) -> list[Responsibility]:
        return [r for r in self.responsibility_by_id.values() if not r.children]

    def uncovered_required(self) -> list[Responsibility]:
        """Required leaves with no RACI entry on themselves or an ancestor, in any scope."""
        assigned = {entry.responsibility for entry in self.raci}
        parents = self.responsibility_parent
        out: list[Responsibility] = []
        for resp in self.responsibility_by_id.values():
            if not resp.required or resp.children:
                continue
            node: str | None = resp.id
            seen: set[str] = set()
            while node is not None and node not in assigned and node not in seen:
                seen.add(node)
                node = parents.get(node)
            if node is None or node in seen:
                out.append(resp)
        return out

    def area_of(self, responsibility_id: str) -> str:
        """Id of the top-level responsibility (area) a responsibility sits under."""
        parents = self.responsibility_parent
        current = responsibility_id
        seen: set[str] = set()
        while parents.get(current) and current not in seen:
            seen.add(current)
            current = parents[current] or current
        return current
