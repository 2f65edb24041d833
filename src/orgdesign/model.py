"""The org definition format as pydantic v2 models.

This module owns the shape of every element of an org file (organization,
catalogs, responsibilities, decision domains, units, positions, RACI, priority
rules, projects, include), the JSON Schema generated from it, and `Org`: the
merged, indexed organisation that rules and renderers read.

Each element remembers where it was written (`Element.loc`) through the
position-carrying containers built by `orgdesign.loader`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
)

from orgdesign.findings import Location
from orgdesign.loader import YMap, YSeq

FORMAT_VERSION = 1

SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Stage = Literal["research", "planning", "promotion", "operation"]
Level = Literal["low", "medium", "high"]
Archetype = Literal["lean", "functional", "matrix", "divisional"]
ARCHETYPES: tuple[str, ...] = ("lean", "functional", "matrix", "divisional")
STAGES: tuple[str, ...] = ("research", "planning", "promotion", "operation")
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


SlugList = Annotated[
    list[Slug], BeforeValidator(_one_or_many, json_schema_input_type=Slug | list[Slug])
]
Names = dict[str, str]


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
    ignore: list[str] = Field(default_factory=list)
    """Rule ids silenced on this element, e.g. `[ORG106]`."""


class Profile(Element):
    """Business profile of the organisation: the input of `orgdesign recommend`."""

    categories: int | None = Field(default=None, ge=0)
    """Number of product categories."""
    regions: int | None = Field(default=None, ge=0)
    """Number of regional markets served."""
    customer_segments: int | None = Field(default=None, ge=0)
    """Number of distinct customer groups."""
    digital_maturity: Level | None = None
    third_party_reliance: Level | None = None
    """How much marketing work is done by agencies and other suppliers."""
    unit_similarity: Literal["similar", "different"] | None = None
    """Whether the business units sell similar things (consumer vs industrial is `different`)."""
    budget: Literal["small", "medium", "large"] | None = None


class Organization(Ignorable):
    id: Slug
    name: str
    names: Names = Field(default_factory=dict)
    """Translations of `name`, by language tag (e.g. `zh`)."""
    archetype: Archetype | None = None
    """Declared archetype; inferred from the structure when absent."""
    description: str | None = None
    descriptions: Names = Field(default_factory=dict)
    """Translations of `description`, by language tag."""
    profile: Profile | None = None


class Responsibility(Ignorable):
    id: Slug
    name: str
    names: Names = Field(default_factory=dict)
    description: str | None = None
    descriptions: Names = Field(default_factory=dict)
    """Translations of `description`, by language tag."""
    stage: Stage | None = None
    """Stage of the marketing chain this work belongs to."""
    dimension: str | None = None
    """Duty dimension (e.g. strategy, team, insight, brand, sales, budget, risk)."""
    required: bool = False
    """Every organisation using this catalogue must assign it (one A and at least one R)."""
    kpis: list[str] = Field(default_factory=list)
    children: list[Responsibility] = Field(default_factory=list)

    def walk(
        self, parent: Responsibility | None = None
    ) -> Iterator[tuple[Responsibility, Responsibility | None]]:
        yield self, parent
        for child in self.children:
            yield from child.walk(self)


class DecisionDomain(Ignorable):
    id: Slug
    name: str
    names: Names = Field(default_factory=dict)
    description: str | None = None
    descriptions: Names = Field(default_factory=dict)
    """Translations of `description`, by language tag."""


class Unit(Ignorable):
    id: Slug
    name: str
    names: Names = Field(default_factory=dict)
    type: UnitType = "department"
    parent: Slug | None = None
    head: Slug | None = None
    """Position that leads the unit."""
    description: str | None = None
    descriptions: Names = Field(default_factory=dict)
    """Translations of `description`, by language tag."""


class Position(Ignorable):
    id: Slug
    title: str
    names: Names = Field(default_factory=dict)
    """Translations of `title`."""
    unit: Slug | None = None
    reports_to: Slug | None = None
    """Solid line: the one manager (absent only on the root position)."""
    dotted_to: SlugList = Field(default_factory=list)
    """Dotted lines (matrix reporting)."""
    headcount: int = Field(default=1, ge=1)
    """Number of seats."""
    holders: list[str] = Field(default_factory=list)
    """People in the seats; vacancies = headcount - len(holders)."""
    cost: float | None = Field(default=None, ge=0)
    """Cost per seat per year, any currency."""
    assistant: bool = False
    """Staff assistant to the manager: drawn beside the manager, not among the reports."""
    description: str | None = None
    descriptions: Names = Field(default_factory=dict)
    """Translations of `description`, by language tag."""

    @property
    def vacancies(self) -> int:
        return max(self.headcount - len(self.holders), 0)

    @property
    def vacant(self) -> bool:
        return not self.holders


class RaciEntry(Ignorable):
    responsibility: Slug
    scope: Slug | None = None
    """Unit id: the assignment holds inside that unit's subtree."""
    R: SlugList = Field(default_factory=list)
    A: SlugList = Field(default_factory=list)
    C: SlugList = Field(default_factory=list)
    I: SlugList = Field(default_factory=list)  # noqa: E741
    S: SlugList = Field(default_factory=list)
    """Support (RASCI)."""
    note: str | None = None

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
    units: SlugList = Field(default_factory=list)
    """Units (and their sub-units) whose dual-reporting positions the rule covers."""


class PriorityRule(Ignorable):
    id: Slug
    name: str | None = None
    names: Names = Field(default_factory=dict)
    """Translations of `name`."""
    applies_to: AppliesTo
    decides: dict[str, str] = Field(default_factory=dict)
    """Decision domain id -> `solid`, `dotted` or a position id."""
    escalation: Slug | None = None
    """Who arbitrates when the two lines disagree."""
    description: str | None = None
    descriptions: Names = Field(default_factory=dict)
    """Translations of `description`, by language tag."""


class Milestone(Element):
    name: str
    due: dt.date | None = None
    done: bool = False


class Project(Ignorable):
    id: Slug
    name: str
    names: Names = Field(default_factory=dict)
    lead: Slug | None = None
    members: SlugList = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    kpis: list[str] = Field(default_factory=list)
    description: str | None = None
    descriptions: Names = Field(default_factory=dict)
    """Translations of `description`, by language tag."""


class CatalogInfo(Element):
    id: Slug
    name: str
    names: Names = Field(default_factory=dict)
    description: str | None = None
    descriptions: Names = Field(default_factory=dict)
    """Translations of `description`, by language tag."""
    version: str | None = None


class CatalogFile(Element):
    """A responsibility catalogue file."""

    catalog: CatalogInfo
    responsibilities: list[Responsibility] = Field(default_factory=list)
    decision_domains: list[DecisionDomain] = Field(default_factory=list)


class OrgFile(Element):
    """An org definition file (format version 1)."""

    model_config = ConfigDict(title="orgdesign org file")

    orgdesign: Literal[1] | None = None
    """Format version; required in the root file."""
    organization: Organization | None = None
    """Required in the root file; not allowed in included files."""
    catalogs: list[str] = Field(default_factory=list)
    """Catalogues to import: `builtin:NAME` or a path relative to this file."""
    responsibilities: list[Responsibility] = Field(default_factory=list)
    decision_domains: list[DecisionDomain] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    raci: list[RaciEntry] = Field(default_factory=list)
    priority_rules: list[PriorityRule] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    include: list[str] = Field(default_factory=list)
    """More files merged into this one, relative to this file, inside the root file's folder."""


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
    schema = OrgFile.model_json_schema(mode="validation")
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
