"""The positions and units of an import before they are written, and what the report says.

Drafts are what `build` makes of the employees and `names` gives ids to;
`ImportReport` collects, with row numbers, everything the import inferred,
mapped, folded or left out, for the printed report and `--report FILE`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from orgdesign.analysis.hris.common import IdKey, id_order
from orgdesign.analysis.hris.read import Employee

MAX_SHOWN = 10


@dataclass(eq=False)
class PositionDraft:
    """One position being built from the rows of its employees."""

    title: str
    """The job title of its rows (the first row's, when they differ: a note says so)."""
    unit_key: str
    """Key of the unit draft it is in."""
    manager: PositionDraft | None
    raw_id: str = ""
    """The position id written in the rows, if any (it may not be a slug)."""
    members: list[Employee] = field(default_factory=list)
    """The employees (rows) in its seats."""
    names: dict[str, str] = field(default_factory=dict)
    """Language tag -> translated title (`job_title@zh` columns)."""
    dotted: list[PositionDraft] = field(default_factory=list)
    """Its dotted-line managers."""
    id: str = ""
    """The position id, set once every draft exists (stable across row orders)."""
    depth: int = 0

    @property
    def description(self) -> str:
        return next((e.description for e in self.members if e.description), "")

    @property
    def key(self) -> IdKey:
        """Order of positions that does not depend on row order: their lowest employee id."""
        return min(id_order(e.id) for e in self.members)

    @property
    def rows(self) -> list[int]:
        return sorted(e.row for e in self.members)


@dataclass(eq=False)
class UnitDraft:
    key: str
    name: str
    names: dict[str, str] = field(default_factory=dict)
    type: str = "department"
    parent: str | None = None
    """Key of the parent unit."""
    head: PositionDraft | None = None
    typed: bool = False
    """The type was given in the rows (else `department`, `company` for the root unit)."""
    explicit_parent: str = ""
    explicit_head: str = ""
    id: str = ""
    rows: list[int] = field(default_factory=list)
    description: str = ""


@dataclass
class ImportReport:
    """What the import did with the input, for people and for `--report FILE`."""

    source: str
    format: str
    columns_used: dict[str, str] = field(default_factory=dict)
    columns_ignored: list[str] = field(default_factory=list)
    inferred_departments: list[dict[str, Any]] = field(default_factory=list)
    mapped_unit_types: list[dict[str, Any]] = field(default_factory=list)
    folded_seats: list[dict[str, Any]] = field(default_factory=list)
    multi_seat_people: list[dict[str, Any]] = field(default_factory=list)
    kept_ids: int = 0
    """Positions and units that kept their id from `--previous`."""
    not_carried: list[str] = field(default_factory=list)
    """What the source holds that an org file does not carry."""
    owners: list[dict[str, Any]] = field(default_factory=list)
    """Backstage owners as RACI: each owned entity `mapped`, `inferred` or `ignored`."""

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "columns": {"used": self.columns_used, "ignored": self.columns_ignored},
            "inferred_departments": self.inferred_departments,
            "mapped_unit_types": self.mapped_unit_types,
            "folded_seats": self.folded_seats,
            "multi_seat_people": self.multi_seat_people,
            "ids_kept_from_previous": self.kept_ids,
            "not_carried": self.not_carried,
            "owners": self.owners,
        }

    def lines(self) -> list[str]:
        """The report as short lines of text (the details are in `--report FILE`)."""
        out: list[str] = []
        if self.columns_used:
            used = ", ".join(f"{k}={v!r}" for k, v in self.columns_used.items())
            out.append(f"columns used: {used}")
        if self.columns_ignored:
            out.append(f"columns ignored: {', '.join(repr(c) for c in self.columns_ignored)}")
        out += [_inferred_line(item) for item in self.inferred_departments]
        out += [_unit_type_line(item) for item in self.mapped_unit_types]
        out += [_folded_line(item) for item in self.folded_seats]
        out += [_multi_seat_line(item) for item in self.multi_seat_people[:MAX_SHOWN]]
        if len(self.multi_seat_people) > MAX_SHOWN:
            out.append(
                f"... and {len(self.multi_seat_people) - MAX_SHOWN} more people in several "
                "seats (all in --report FILE)"
            )
        out.extend(f"not carried: {what}" for what in self.not_carried)
        out.extend(owner_lines(self.owners))
        return out


def owner_lines(owners: list[dict[str, Any]]) -> list[str]:
    """Backstage owners: how many became RACI; each inferred or ignored one with its row."""
    if not owners:
        return []
    count = Counter(item["status"] for item in owners)
    out = [
        f"owners as RACI: {count['mapped']} mapped (A: the owning group's lead seat, "
        f"R: its member seats), {count['inferred']} inferred, {count['ignored']} ignored"
    ]
    for item in [i for i in owners if i["status"] != "mapped"][:MAX_SHOWN]:
        given = f"owner {item['owner']!r}" if item["owner"] else "no owner"
        if item["status"] == "inferred":
            what = f"{given} is no group or user of the catalog; took {item['used']}"
        else:
            what = f"{given}: {item['why']}; no RACI"
        out.append(f"row {item['row']}: {item['entity']}: {what}")
    return out


def _rows(item: dict[str, Any]) -> str:
    rows: list[int] = item["rows"]
    shown = ", ".join(str(r) for r in rows[:12])
    return shown + (f" and {len(rows) - 12} more" if len(rows) > 12 else "")


def _inferred_line(item: dict[str, Any]) -> str:
    manager = f"(the manager's, row {item['manager_row']})"
    return f"row {item['row']}: no department; placed in {item['unit']!r} {manager}"


def _unit_type_line(item: dict[str, Any]) -> str:
    return f"unit type {item['given']!r} mapped to {item['type']!r} (rows {_rows(item)})"


def _folded_line(item: dict[str, Any]) -> str:
    cost = f"; costs {item['costs']} averaged to {item['cost']}" if "costs" in item else ""
    return f"{item['seats']} seats folded into {item['position']!r} (rows {_rows(item)}){cost}"


def _multi_seat_line(item: dict[str, Any]) -> str:
    held = item["positions"]
    seats = ", ".join(held[:5]) + (f" and {len(held) - 5} more" if len(held) > 5 else "")
    same = f"(same {item['matched_by']})"
    return f"{item['name']!r} holds {len(held)} seats {same}: {seats} (rows {_rows(item)})"
