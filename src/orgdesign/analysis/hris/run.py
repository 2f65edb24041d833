"""An HR import from start to end: table, columns, employees, checks, drafts, ids, org file.

`import_sheet` is shared by every source: CSV and XLSX tables and the native
formats (Backstage, SCIM, LDIF), which are first turned into a table of the
same roles. The result carries the org file's data and text, the problems
and notes with their rows, the import report, and which rows made each
position and unit (to name the rows behind a finding of the built file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from orgdesign.analysis.hris.build import Builder, Fold
from orgdesign.analysis.hris.check import Checked, check_employees
from orgdesign.analysis.hris.columns import Columns, map_columns
from orgdesign.analysis.hris.common import ImportInputError, ImportUsageError, Problem, slugify
from orgdesign.analysis.hris.drafts import ImportReport
from orgdesign.analysis.hris.emit import body, dump_yaml, seat_cost
from orgdesign.analysis.hris.hr_quirks import read_and_resolve
from orgdesign.analysis.hris.names import Previous, name_positions, name_units
from orgdesign.analysis.hris.read import Employee
from orgdesign.analysis.hris.units import add_empty_units, place_units
from orgdesign.analysis.tables import Sheet
from orgdesign.model import SLUG_PATTERN

OnError = Literal["fail", "skip"]
SLUG = re.compile(SLUG_PATTERN)


@dataclass(frozen=True)
class ImportOptions:
    on_error: OnError = "fail"
    fold: Fold = "leaves"
    columns: dict[str, str] = field(default_factory=dict)
    """Role -> column header, for columns whose names are not recognised."""
    org_id: str | None = None
    org_name: str | None = None
    sheet: str | None = None
    encoding: str = "utf-8-sig"
    previous: Previous | None = None
    max_bytes: int = 200 * 1024 * 1024


@dataclass
class ImportResult:
    """The org file written, what it holds, and what was reported on the way."""

    data: dict[str, Any]
    text: str
    rows: int
    employees: int
    positions: int
    units: int
    vacancies: int
    problems: list[Problem]
    cascaded: list[Problem]
    notes: list[Problem]
    columns: str
    imported_rows: int = 0
    report: ImportReport | None = None
    rows_of: dict[str, list[int]] = field(default_factory=dict)
    """Rows behind each position id and `unit:`+unit id."""

    @property
    def skipped(self) -> int:
        return self.rows - self.imported_rows


def _organization(
    options: ImportOptions, top: Employee, root_name: str, source: Path
) -> dict[str, str]:
    name = options.org_name or top.org_name or root_name or source.stem
    ident = options.org_id or top.org_id or slugify(name) or slugify(source.stem) or "org"
    if not SLUG.match(ident):
        raise ImportUsageError(
            f"organization id {ident!r} is not a slug ([A-Za-z0-9][A-Za-z0-9._-]*)"
        )
    return {"id": ident, "name": name}


def _person_key(emp: Employee) -> tuple[str, str]:
    """Who a row's holder is: the person id, else the email, else the name (spaces, case)."""
    if emp.person:
        return ("person id", emp.person)
    if emp.email:
        return ("email", emp.email.casefold())
    return ("name", " ".join(emp.name.casefold().split()))


def _report_builder(builder: Builder, report: ImportReport) -> None:
    for pos in builder.positions:
        if len(pos.members) > 1:
            cost, costs = seat_cost(pos.members)
            item: dict[str, Any] = {"position": pos.id, "seats": len(pos.members), "rows": pos.rows}
            if costs:
                item["costs"], item["cost"] = costs, cost
            report.folded_seats.append(item)
    seats: dict[tuple[str, str], list[tuple[str, Employee]]] = {}
    for pos in builder.positions:
        for emp in pos.members:
            if emp.vacant and builder.columns.has("vacant"):
                continue
            key = _person_key(emp)
            if key[1]:
                seats.setdefault(key, []).append((pos.id, emp))
    for (matched_by, _), held in seats.items():
        if len({pid for pid, _ in held}) > 1:
            report.multi_seat_people.append(
                {
                    "name": held[0][1].name,
                    "matched_by": matched_by,
                    "positions": sorted({pid for pid, _ in held}),
                    "rows": sorted(e.row for _, e in held),
                }
            )
    report.multi_seat_people.sort(key=lambda i: i["rows"][0])


def _failed(
    employees: int,
    columns: Columns,
    problems: list[Problem],
    cascaded: list[Problem],
    notes: list[Problem],
    report: ImportReport,
) -> ImportResult:
    return ImportResult(
        {}, "", employees, 0, 0, 0, 0, problems, cascaded, notes, columns.describe(), report=report
    )


def _built(
    checked: Checked,
    columns: Columns,
    unit_rows: list[Employee],
    options: ImportOptions,
    report: ImportReport,
) -> Builder:
    """Positions and units of the kept employees, with ids (kept from `--previous`)."""
    assert checked.top is not None
    builder = Builder(checked.kept, checked.top, columns, options.fold, report)
    builder.tops = checked.tops or [checked.top]
    builder.assign()
    add_empty_units(builder, unit_rows)
    place_units(builder, builder.position_of[checked.top.id].unit_key)
    builder.dotted_lines()
    report.kept_ids = name_units(list(builder.units.values()), options.previous)
    report.kept_ids += name_positions(builder.positions, builder.units, options.previous)
    _report_builder(builder, report)
    return builder


def import_sheet(
    sheet: Sheet, options: ImportOptions, source: Path, report: ImportReport
) -> ImportResult:
    """Build the org file from a table of employees (ImportUsageError, ImportInputError)."""
    columns = map_columns(sheet.header, options.columns, str(source))
    report.columns_used.update(columns.used())
    report.columns_ignored.extend(columns.ignored)
    employees, notes = read_and_resolve(sheet, columns)
    unit_rows = [e for e in employees if e.unit_only]
    employees = [e for e in employees if not e.unit_only]
    if not employees:
        raise ImportInputError(f"{source}: no data rows below the header (row {sheet.header_row})")
    checked = check_employees(employees)
    if checked.top is None or not checked.kept:
        raise ImportInputError(
            f"{source}: no employee can be placed: there is no top of the organisation "
            "(a row with an empty manager id) outside the rows with problems"
        )
    if checked.problems and options.on_error == "fail":
        return _failed(len(employees), columns, checked.problems, checked.cascaded, notes, report)
    builder = _built(checked, columns, unit_rows, options, report)
    root_unit = builder.units[builder.position_of[checked.top.id].unit_key]
    if not root_unit.name:
        root_unit.name = options.org_name or checked.top.org_name or source.stem
    units, positions = body(builder)
    data = {
        "orgdesign": 1,
        "organization": _organization(options, checked.top, root_unit.name, source),
        "units": units,
        "positions": positions,
    }
    vacancies = sum(p.get("headcount", 1) - len(p.get("holders", [])) for p in positions)
    people = sum(len(p.get("holders", [])) for p in positions)
    header = (
        f"# Imported by `orgdesign import` from {source.name}: {people} people in "
        f"{len(positions)} positions and {len(units)} units.\n"
    )
    rows_of = {p.id: p.rows for p in builder.positions}
    rows_of.update({"unit:" + u.id: sorted(u.rows) for u in builder.units.values()})
    return ImportResult(
        data=data,
        text=dump_yaml(data, header),
        rows=len(employees) + len(unit_rows),
        employees=people,
        positions=len(positions),
        units=len(units),
        vacancies=vacancies,
        problems=checked.problems,
        cascaded=checked.cascaded,
        notes=notes + builder.notes,
        columns=columns.describe(),
        imported_rows=len(checked.kept) + len(unit_rows),
        report=report,
        rows_of=rows_of,
    )


def manager_hint(result: ImportResult) -> str | None:
    """A hint when most managers are unknown: the column probably holds names, not ids."""
    missing = sum(1 for p in result.problems if p.kind == "missing manager")
    if result.rows >= 4 and missing > result.rows // 2:
        return (
            "most manager ids match no employee id: does the manager column hold names? "
            "name the column of managers' employee ids with --manager-col"
        )
    return None
