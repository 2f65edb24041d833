"""Rows of an HR table as employees: cells by role, names composed, managers resolved.

Besides taking each role's cell, this module composes a name from first and
last name columns, resolves managers given by email (Pingboard) or by name
(Visio's "Reports To", BambooHR's "Reporting to") to employee ids, and notes
every value it adjusted or could not read.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from orgdesign.analysis.hris.columns import Columns
from orgdesign.analysis.hris.common import Problem
from orgdesign.analysis.tables import Sheet

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "x", "vacant", "open", "是", "空缺"})
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SEAT_ID = re.compile(r"^(?P<position>.+)#(?P<n>[0-9]+)$")


@dataclass
class Employee:
    """One row of the HR export."""

    row: int
    id: str
    name: str
    title: str
    manager: str
    department: str = ""
    position: str = ""
    person: str = ""
    """The person's HR id when it is not the row's id (one person in several seats)."""
    email: str = ""
    department_id: str = ""
    parent_department: str = ""
    department_head: str = ""
    department_type: str = ""
    dotted: list[str] = field(default_factory=list)
    cost: float | None = None
    vacant: bool = False
    assistant: bool = False
    title_names: dict[str, str] = field(default_factory=dict)
    department_names: dict[str, str] = field(default_factory=dict)
    org_id: str = ""
    org_name: str = ""
    description: str = ""
    department_description: str = ""

    @property
    def unit_only(self) -> bool:
        """A row that only describes a unit (an empty unit of an export)."""
        return not (self.id or self.title or self.name or self.manager) and bool(self.department_id)

    @property
    def holder_id(self) -> str:
        """The HR id to keep on the holder: none for the seat ids `export` makes."""
        if self.person:
            return self.person
        seat = SEAT_ID.match(self.id)
        if seat and self.position and seat["position"] == self.position:
            return ""
        return self.id


def truthy(text: str) -> bool:
    return text.strip().casefold() in TRUE_WORDS


def parse_cost(text: str) -> float | None:
    """A cost cell as a number: currency signs, spaces and thousands separators ignored."""
    cleaned = re.sub(r"[\s$€£¥,_']|[A-Za-z]{3}$", "", text.strip())
    if not cleaned or len(cleaned) > 40:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value < 1e15 else None


def compose_name(first: str, last: str) -> str:
    """`Steven King`; Chinese names family name first without a space (`王磊`)."""
    if not first or not last:
        return first or last
    if CJK.search(first + last):
        return last + first
    return f"{first} {last}"


def _employee(number: int, cells: list[str], columns: Columns) -> Employee:
    idx = columns.index

    def get(role: str) -> str:
        return cells[idx[role]] if role in idx else ""

    name = get("name") or compose_name(get("first_name"), get("last_name"))
    dotted = [d.strip() for d in re.split(r"[;,]", get("dotted")) if d.strip()]
    return Employee(
        row=number,
        id=get("id") or get("email"),
        name=name,
        title=get("title"),
        manager=get("manager"),
        department=get("department"),
        position=get("position"),
        person=get("person"),
        email=get("email"),
        department_id=get("department_id"),
        parent_department=get("parent_department"),
        department_head=get("department_head"),
        department_type=get("department_type"),
        dotted=dotted,
        vacant=truthy(get("vacant")),
        assistant=truthy(get("assistant")),
        title_names={k: cells[i] for k, i in columns.title_names.items() if cells[i]},
        department_names={k: cells[i] for k, i in columns.department_names.items() if cells[i]},
        org_id=get("org_id"),
        org_name=get("org_name"),
        description=get("description"),
        department_description=get("department_description"),
    )


def read_employees(sheet: Sheet, columns: Columns) -> tuple[list[Employee], list[Problem]]:
    """Employees of every data row, and notes on values that were adjusted or not read."""
    notes: list[Problem] = []
    employees: list[Employee] = []
    cost_at = columns.index.get("cost")
    for number, cells in sheet.rows:
        emp = _employee(number, cells, columns)
        cost_text = cells[cost_at] if cost_at is not None else ""
        emp.cost = parse_cost(cost_text) if cost_text else None
        if cost_text and emp.cost is None:
            notes.append(
                Problem(number, "bad cost", f"cost {cost_text!r} is not a number; ignored")
            )
        if emp.vacant and emp.name and columns.has("vacant"):
            notes.append(
                Problem(
                    number,
                    "vacant with a name",
                    f"marked vacant but names {emp.name!r}; kept as the holder",
                )
            )
            emp.vacant = False
        employees.append(emp)
    if columns.has("manager_email") and not columns.has("manager"):
        notes += _managers_by_email(employees, sheet, columns)
    else:
        notes += _managers_by_name(employees)
    return employees, notes


def _managers_by_email(employees: list[Employee], sheet: Sheet, columns: Columns) -> list[Problem]:
    """Pingboard and similar: the manager column holds the manager's email."""
    by_email = {e.email.casefold(): e.id for e in employees if e.email}
    at = columns.index["manager_email"]
    notes: list[Problem] = []
    for emp, (_, cells) in zip(employees, sheet.rows, strict=True):
        email = cells[at].strip()
        emp.manager = by_email.get(email.casefold(), email)
    if any(e.manager for e in employees):
        notes.append(Problem(0, "managers by email", "managers matched to employees by email"))
    return notes


def _managers_by_name(employees: list[Employee]) -> list[Problem]:
    """A manager column of names (Visio "Reports To"): matched by unique names, with a note."""
    ids = {e.id for e in employees}
    given = [e for e in employees if e.manager]
    unknown = [e for e in given if e.manager not in ids]
    if not given or len(unknown) * 2 <= len(given):
        return []
    counts = Counter(e.name for e in employees if e.name)
    by_name = {e.name: e.id for e in employees if e.name and counts[e.name] == 1}
    if sum(1 for e in unknown if e.manager in by_name) * 2 <= len(unknown):
        return []
    for emp in unknown:
        emp.manager = by_name.get(emp.manager, emp.manager)
    return [
        Problem(
            0,
            "managers by name",
            "the manager column holds names: managers matched to employees by their name",
        )
    ]
