"""The elements of an organisation: organization, responsibilities, units, positions, RACI.

This module owns the models of the list sections of an org file (and of the
`organization` header): what each key means (its docstring is the format's
documentation) and the few derived views an element gives of itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import Field, ModelWrapValidatorHandler, StrictBool, model_validator

from orgdesign.model.element import Element, Ignorable
from orgdesign.model.types import (
    MAX_COST,
    MAX_HEADCOUNT,
    Archetype,
    Count,
    Descriptions,
    HolderList,
    IsoDate,
    Label,
    Level,
    ManagerKind,
    Names,
    Prose,
    Slug,
    SlugList,
    Stage,
    UnitType,
    descriptions_field,
    holder_id,
)


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


_NO_IDS: tuple[str | None, ...] = ()


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
    descriptions: Descriptions = descriptions_field()
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
    descriptions: Descriptions = descriptions_field()
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
    descriptions: Descriptions = descriptions_field()


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
    descriptions: Descriptions = descriptions_field()


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
    descriptions: Descriptions = descriptions_field()

    __slots__ = ("_holder_ids",)  # () unless a holder is written `{name, id}`
    if TYPE_CHECKING:  # a slot, not a field: pydantic must not see the annotation
        _holder_ids: Sequence[str | None]

    @model_validator(mode="wrap")
    @classmethod
    def _keep_holder_ids(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        """`holders` reads as names; the employee ids of `{name, id}` holders are kept aside."""
        position = handler(data)
        raw = data.get("holders") if isinstance(data, dict) else None
        ids: Sequence[str | None] = _NO_IDS
        if isinstance(raw, list) and any(isinstance(item, dict) for item in raw):
            ids = [holder_id(item) for item in raw]
        object.__setattr__(position, "_holder_ids", ids)  # always set: an unset slot is slow
        return position

    @property
    def holder_ids(self) -> list[str | None]:
        """The employee id of each holder (None for a holder written as a plain name)."""
        try:
            ids = list(self._holder_ids[: len(self.holders)])
        except AttributeError:  # made without validation (`model_construct`)
            ids = []
        return ids + [None] * (len(self.holders) - len(ids))

    @property
    def has_holder_ids(self) -> bool:
        """Some holder carries an employee id (else `holder_ids` is all None)."""
        try:
            return any(self._holder_ids)
        except AttributeError:  # made without validation (`model_construct`)
            return False

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
    descriptions: Descriptions = descriptions_field()


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
    descriptions: Descriptions = descriptions_field()
