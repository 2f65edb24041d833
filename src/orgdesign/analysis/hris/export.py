"""An org file as an HR table: one row per person, then one per vacant seat and empty unit.

Each holder's row carries the holder's employee id when the org file has one
(else a seat id `position#n`); a person in several seats gets a seat id on
the later rows and the employee id in `holder_id`. Extra columns (position
id, unit id, parent, head, type, dotted lines, cost per seat, vacancy,
translations) are read back by `import`, so that importing an export gives
the same units, positions, reporting lines, holders and employee ids.
"""

from __future__ import annotations

from collections.abc import Iterable

from orgdesign.analysis.hris.emit import number
from orgdesign.analysis.tables import Cell
from orgdesign.model import Org, Position, Unit

EXPORT_COLUMNS = [
    "employee_id",
    "name",
    "job_title",
    "manager_id",
    "department",
    "position_id",
    "department_id",
    "parent_department_id",
    "department_head",
    "department_type",
    "dotted_manager_ids",
    "cost",
    "vacant",
    "assistant",
    "organization_id",
    "organization",
    "holder_id",
    "description",
    "department_description",
]
NOT_CARRIED = (
    "RACI, priority rules, projects, responsibilities and catalogues, decision domains, "
    "translated descriptions, the organisation's own translations, description and "
    "business profile, the declared archetype, `ignore` lists, role-card fields and the "
    "file's includes are not part of the table"
)


def seat_id(position_id: str, number: int) -> str:
    """Employee id of a seat in an export: `cmo#1`."""
    return f"{position_id}#{number}"


def _languages(items: Iterable[dict[str, str]]) -> list[str]:
    langs: dict[str, None] = {}
    for names in items:
        langs.update(dict.fromkeys(names))
    return list(langs)


def seat_rows(org: Org) -> dict[str, list[tuple[str, str | None, str]]]:
    """Per position: (row id, holder name or None, holder id column) of each seat."""
    seen: set[str] = set()
    out: dict[str, list[tuple[str, str | None, str]]] = {}
    for pos in org.positions:
        seats: list[tuple[str, str | None, str]] = []
        for n, (name, hid) in enumerate(zip(pos.holders, pos.holder_ids, strict=True), start=1):
            if hid and hid not in seen and "#" not in hid:
                seen.add(hid)
                seats.append((hid, name, ""))
            else:
                seats.append((seat_id(pos.id, n), name, hid or ""))
        for n in range(len(pos.holders) + 1, max(pos.headcount, len(pos.holders)) + 1):
            seats.append((seat_id(pos.id, n), None, ""))
        out[pos.id] = seats
    return out


def _unit_cells(unit: Unit | None, fallback: str) -> list[Cell]:
    if unit is None:
        return ["", fallback, "", "", ""]
    return [unit.name, unit.id, unit.parent or "", unit.head or "", unit.type]


def _position_row(
    pos: Position, seat: tuple[str, str | None, str], first: dict[str, str], units: dict[str, Unit]
) -> list[Cell]:
    row_id, holder, _ = seat
    unit = units.get(pos.unit or "")
    cells = _unit_cells(unit, pos.unit or "")
    return [
        row_id,
        holder or "",
        pos.title,
        first.get(pos.reports_to, "") if pos.reports_to else "",
        cells[0],
        pos.id,
        *cells[1:],
        ";".join(first.get(t, seat_id(t, 1)) for t in pos.dotted_to),
        number(pos.cost) if pos.cost is not None else "",
        "yes" if holder is None else "",
        "yes" if pos.assistant else "",
    ]


def export_table(org: Org) -> tuple[list[str], list[list[Cell]]]:
    """One row per person, vacant seat and empty unit: header and rows."""
    title_langs = _languages(p.names for p in org.positions)
    unit_langs = _languages(u.names for u in org.units)
    header = (
        EXPORT_COLUMNS
        + [f"job_title@{lang}" for lang in title_langs]
        + [f"department@{lang}" for lang in unit_langs]
    )
    orgn = org.organization
    org_cells: list[Cell] = [orgn.id if orgn else "", orgn.name if orgn else ""]
    units = {u.id: u for u in org.units}
    seats = seat_rows(org)
    first = {pid: rows[0][0] for pid, rows in seats.items() if rows}
    rows: list[list[Cell]] = []
    for pos in org.positions:
        unit = units.get(pos.unit or "")
        for seat in seats[pos.id]:
            row = _position_row(pos, seat, first, units) + org_cells + [seat[2]]
            row += [pos.description or "", unit.description or "" if unit else ""]
            row += [pos.names.get(lang, "") for lang in title_langs]
            row += [unit.names.get(lang, "") if unit else "" for lang in unit_langs]
            rows.append(row)
    staffed = {p.unit for p in org.positions}
    for unit in org.units:
        if unit.id not in staffed:
            row = ["", "", "", "", *_unit_cells(unit, "")[:1], "", *_unit_cells(unit, "")[1:]]
            row += ["", "", "", "", *org_cells, "", "", unit.description or ""]
            row += ["" for _ in title_langs] + [unit.names.get(lang, "") for lang in unit_langs]
            rows.append(row)
    return header, rows
