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
    """Solid-line manager before, by its new id (None at the top)."""
    new_manager: str | None
    old_unit: str | None
    """Unit before, by its new id."""
    new_unit: str | None


@dataclass(frozen=True)
class HolderChange:
    """A position (matched in both versions) whose people or seats changed."""

    id: str
    title: str
    joined: list[str]
    """Holders in the new version only."""
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


@dataclass(frozen=True)
class Line:
    """A dotted line: `position` reports on a dotted line to `manager`."""

    position: str
    manager: str


@dataclass
class OrgDiff:
    """Everything that changed from `old` to `new`."""

    old_name: str
    new_name: str
    added: list[PositionRef]
    """Positions of the new version that match none of the old one."""
    removed: list[PositionRef]
    """Positions of the old version that match none of the new one, with their holders."""
    renamed: list[Renamed]
    moved: list[Moved]
    dotted_added: list[Line]
    dotted_removed: list[Line]
    holders: list[HolderChange]
    total_old: Figures
    """Figures of the whole old organisation."""
    total_new: Figures
    units: list[UnitDelta]
    """Units whose figures (including sub-units) changed, added or removed."""
    raci: list[RaciChange]
    findings_appeared: list[FindingRef]
    findings_gone: list[FindingRef]
    units_moved: list[UnitMove]
    costs: list[CostChange]
    """Positions whose cost per seat changed."""
    priority_rules: list[PriorityChange]
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
