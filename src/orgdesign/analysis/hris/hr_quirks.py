"""What real HR exports do that their columns do not say, found and resolved with a note.

Tried on a table with the published columns of a public HR data set (311 rows
of `HRDataset_v14`: `Employee_Name` as "Last, First", `ManagerName` as
"First Last", a `ManagerID` in a numbering of its own, leavers still in the
file, the chief executive reporting to "Board of Directors"):

- **leavers**: rows whose status column says terminated, inactive, resigned...
  (or, without a status column, whose termination date has passed) are left out,
  each with a note, unless someone who stays reports to them;
- **managers by name**: when most manager ids match no employee id and the
  file has a manager-name column (or the manager column holds names), the
  names are matched to employees, "Last, First M." and "First M. Last" alike,
  by a form that only one employee has;
- **a top outside the file**: when no row has an empty manager and exactly one
  row names a manager who is in no row, that row is the top of the organisation;
- **"Last, First"**: names written so in (nearly) every row are written
  "First Last";
- **job codes**: a "position id" column whose ids are shared by rows under
  different managers numbers jobs, not positions, and is not used.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from orgdesign.analysis.hris.columns import Columns
from orgdesign.analysis.hris.common import Problem
from orgdesign.analysis.hris.read import Employee, read_employees
from orgdesign.analysis.tables import Sheet

LEAVER_WORDS = re.compile(
    r"terminat|inactive|resign|retired|deceased|withdrawn|former|left|leaver|离职|離職",
    re.IGNORECASE,
)
INITIAL = re.compile(r"^\w\.?$")


def name_keys(name: str) -> list[str]:
    """Forms of a name to match on: "King, Steven K." -> "steven k. king", "steven king"."""
    text = " ".join(name.split()).casefold()
    if "," in text:
        last, first = (part.strip() for part in text.split(",", 1))
        text = f"{first} {last}".strip()
    keys = [text] if text else []
    words = text.split()
    if len(words) > 2:  # without middle names and initials
        keys.append(f"{words[0]} {words[-1]}")
        kept = [w for w in words if not INITIAL.match(w)]
        if len(kept) >= 2:
            keys.append(" ".join(kept))
    return list(dict.fromkeys(keys))


def _cell(cells: list[str], at: int | None) -> str:
    return cells[at].strip() if at is not None and at < len(cells) else ""


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y", "%Y年%m月%d日")


def _in_the_future(text: str, today: dt.date) -> bool:
    """An end date still to come (a notice period, a fixed-term contract): not a leaver yet."""
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text[:10] if "T" in text else text, form).date() > today
        except ValueError:
            continue
    return False


def leave_out_leavers(
    employees: list[Employee], sheet: Sheet, columns: Columns
) -> tuple[list[Employee], list[Problem]]:
    """The employees without the leavers who manage nobody who stays, and a note per leaver."""
    status_at, end_at = columns.index.get("status"), columns.index.get("end_date")
    if status_at is None and end_at is None:
        return employees, []
    left: dict[str, str] = {}
    today = dt.date.today()
    for emp, (_, cells) in zip(employees, sheet.rows, strict=True):
        status, end = _cell(cells, status_at), _cell(cells, end_at)
        if status_at is not None and LEAVER_WORDS.search(status):
            left[emp.id] = f"{columns.header[status_at]} {status!r}"
        elif status_at is None and end and not _in_the_future(end, today):
            left[emp.id] = f"{columns.header[end_at or 0]} {end!r}"
    if not left:
        return employees, []
    needed = {e.manager for e in employees if e.id not in left}
    kept = [e for e in employees if e.id not in left or e.id in needed]
    notes: list[Problem] = []
    for emp in employees:
        if emp.id in left and emp.id in needed:
            notes.append(
                Problem(
                    emp.row,
                    "leaver kept",
                    f"{left[emp.id]}, but people who stay report "
                    "to this row: kept as the holder; mark the seat vacant",
                )
            )
        elif emp.id in left:
            notes.append(Problem(emp.row, "leaver", f"{left[emp.id]}: a leaver, not imported"))
    gone = len(employees) - len(kept)
    summary = f"{gone} leaver(s) not imported (rows listed below and in --report)"
    return kept, [Problem(0, "leavers", summary), *notes]


def _mostly_unknown(employees: list[Employee]) -> bool:
    ids = {e.id for e in employees}
    given = [e for e in employees if e.manager]
    return bool(given) and sum(1 for e in given if e.manager not in ids) * 2 > len(given)


def _by_key(employees: list[Employee]) -> dict[str, str]:
    """Each name form that exactly one employee has -> that employee's id."""
    owners: dict[str, set[str]] = {}
    for emp in employees:
        for key in name_keys(emp.name):
            owners.setdefault(key, set()).add(emp.id)
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}


def managers_by_name_forms(
    employees: list[Employee], sheet: Sheet, columns: Columns
) -> list[Problem]:
    """Match managers by name when their ids match no employee (or the column holds names)."""
    if not _mostly_unknown(employees):
        return []
    name_at = columns.index.get("manager_name")
    by_key = _by_key(employees)
    matched = 0
    for emp, (_, cells) in zip(employees, sheet.rows, strict=True):
        given = _cell(cells, name_at) if name_at is not None else emp.manager
        if not given:
            continue
        found = next((by_key[k] for k in name_keys(given) if k in by_key), None)
        matched += found is not None
        emp.manager = found or given
    column = columns.header[name_at] if name_at is not None else "the manager column"
    return [
        Problem(
            0,
            "managers by name",
            f"most manager ids match no employee id: managers matched by name from {column!r} "
            f"({matched} rows; 'Last, First' and 'First Last' alike)",
        )
    ]


def top_outside_the_file(employees: list[Employee]) -> list[Problem]:
    """With no row without a manager, the one row whose manager is in no row is the top."""
    if any(not e.manager for e in employees):
        return []
    ids = {e.id for e in employees}
    outside = [e for e in employees if e.manager not in ids]
    if len(outside) != 1:
        return []
    top = outside[0]
    note = f"manager {top.manager!r} is in no row: taken as the top of the organisation"
    top.manager = ""
    return [Problem(top.row, "top outside the file", note)]


def job_codes(employees: list[Employee], columns: Columns) -> list[Problem]:
    """A position id column whose ids are shared across managers is a job code: not used.

    In a real position column the rows of one id are the seats of one
    position, under one manager; `PositionID` of many HR systems numbers the
    job ("Production Technician I" = 19) for everyone who has it.
    """
    at = columns.index.get("position")
    if at is None:
        return []
    managers: dict[str, set[str]] = {}
    rows: Counter[str] = Counter()
    for emp in employees:
        if emp.position:
            managers.setdefault(emp.position, set()).add(emp.manager)
            rows[emp.position] += 1
    reused = [p for p, n in rows.items() if n > 1]
    shared = [p for p in reused if len(managers[p]) > 1]
    # A few rows: mistakes, which the builder's notes name by row; most rows: job codes.
    if not shared or sum(rows[p] for p in shared) * 2 < sum(rows[p] for p in reused):
        return []
    for emp in employees:
        emp.position = ""
    return [
        Problem(
            0,
            "job codes",
            f"column {columns.header[at]!r} gives the same id to rows under different managers "
            f"({len(shared)} of {len(managers)} ids): a job code, not a position id; "
            "positions are made from title, manager and department instead",
        )
    ]


_PART = r"[^,]*[^\W\d_][^,]*?"  # holds a letter
LAST_FIRST = re.compile(rf"^\s*(?P<last>{_PART})\s*,\s*(?P<first>{_PART})\s*$")
"""Two comma-separated parts that each hold a letter ("King, Janet"; not ";,;")."""
OWN_EXPORT = frozenset({"position_id", "holder_id"})
"""Headers only orgdesign's own export writes: its names are kept as they are."""


def first_names_first(employees: list[Employee], columns: Columns) -> list[Problem]:
    """Names written "King, Janet" in (nearly) every row become "Janet King".

    On a chart, in a list of holders, "Becker, Ebony, Beak-Bacong, Sarah"
    reads as four people; the employee id keeps the HR identity.
    """
    at = columns.index.get("name")
    named = [e for e in employees if e.name]
    if at is None or not named or {h.strip().casefold() for h in columns.header} >= OWN_EXPORT:
        return []
    matches = [(e, LAST_FIRST.match(e.name)) for e in named]
    if sum(1 for _, m in matches if m) * 10 < len(named) * 9:
        return []
    for emp, match in matches:
        if match:
            emp.name = " ".join(f"{match['first']} {match['last']}".split())
    example = next(e.name for e, m in matches if m)
    return [
        Problem(
            0,
            "name order",
            f"names in {columns.header[at]!r} are written 'Last, First': written "
            f"'First Last' ({example!r})",
        )
    ]


def resolve(
    employees: list[Employee], sheet: Sheet, columns: Columns
) -> tuple[list[Employee], list[Problem]]:
    """Employees with the quirks above resolved, and the notes saying what was done."""
    notes = managers_by_name_forms(employees, sheet, columns)
    notes += first_names_first(employees, columns)
    kept, left = leave_out_leavers(employees, sheet, columns)
    return kept, notes + left + top_outside_the_file(kept) + job_codes(kept, columns)


def read_and_resolve(sheet: Sheet, columns: Columns) -> tuple[list[Employee], list[Problem]]:
    """The employees of the rows (`read_employees`) with the quirks resolved, and all notes."""
    employees, notes = read_employees(sheet, columns)
    employees, more = resolve(employees, sheet, columns)
    return employees, notes + more
