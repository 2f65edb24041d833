"""What `orgdesign diff` found, as data: the dataclasses of one comparison.

`analysis.diff.compare` fills an `OrgDiff`; `orgdesign.output.reports.diff_*`
write it (text, Markdown, JSON, a change chart).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdesign.analysis.diffmap import Suggestion
from orgdesign.analysis.diffparts import CostChange, PriorityChange, UnitMove
from orgdesign.analysis.stats import Figures


@dataclass(frozen=True)
class PositionRef:
    id: str
    title: str
    holders: tuple[str, ...] = ()
    """The people in the position (named for removed positions: who is affected)."""


@dataclass(frozen=True)
class Renamed:
    """A position whose id or title changed."""

    old_id: str
    new_id: str
    old_title: str
    new_title: str


@dataclass(frozen=True)
class Moved:
    """A position with a new solid-line manager or a new unit (ids of the new version)."""

    id: str
    title: str
    old_manager: str | None
    new_manager: str | None
    old_unit: str | None
    new_unit: str | None


@dataclass(frozen=True)
class Line:
    """A dotted line: `position` reports on a dotted line to `manager`."""

    position: str
    manager: str


@dataclass(frozen=True)
class HolderChange:
    id: str
    title: str
    joined: list[str]
    left: list[str]
    old_seats: int
    new_seats: int


@dataclass(frozen=True)
class UnitDelta:
    """A unit whose figures (including sub-units) changed; `status` added, removed or changed."""

    id: str
    name: str
    status: str
    old: Figures
    new: Figures


@dataclass(frozen=True)
class RaciChange:
    """One RACI entry (responsibility and scope) added, removed or changed, letter by letter."""

    responsibility: str
    scope: str | None
    status: str
    added: dict[str, list[str]]
    removed: dict[str, list[str]]


@dataclass(frozen=True)
class FindingRef:
    rule: str
    severity: str
    element: str | None
    message: str


@dataclass
class OrgDiff:
    """Everything that changed from `old` to `new`."""

    old_name: str
    new_name: str
    added: list[PositionRef] = field(default_factory=list)
    removed: list[PositionRef] = field(default_factory=list)
    renamed: list[Renamed] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    dotted_added: list[Line] = field(default_factory=list)
    dotted_removed: list[Line] = field(default_factory=list)
    holders: list[HolderChange] = field(default_factory=list)
    total_old: Figures = field(default_factory=Figures)
    total_new: Figures = field(default_factory=Figures)
    units: list[UnitDelta] = field(default_factory=list)
    raci: list[RaciChange] = field(default_factory=list)
    findings_appeared: list[FindingRef] = field(default_factory=list)
    findings_gone: list[FindingRef] = field(default_factory=list)
    units_moved: list[UnitMove] = field(default_factory=list)
    costs: list[CostChange] = field(default_factory=list)
    priority_rules: list[PriorityChange] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)
    """Old id -> new id the user mapped (`--map`, `--map-file`), positions and units."""
    suggestions: list[Suggestion] = field(default_factory=list)
    """Likely pairs among what is still unmatched, for the user to confirm (not applied)."""

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.renamed
            or self.moved
            or self.dotted_added
            or self.dotted_removed
            or self.holders
            or self.units
            or self.raci
            or self.findings_appeared
            or self.findings_gone
            or self.units_moved
            or self.costs
            or self.priority_rules
            or self.total_old != self.total_new
        )
