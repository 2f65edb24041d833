"""HR system import and export: one row per employee in, one row per seat out.

This module owns turning an HR system's export (CSV or XLSX, one row per
employee: employee id, name, job title, manager id, department; column names
recognised in their common spellings or named by the user) into an org file,
and an org file back into such a table.

Import:
- rows that cannot be placed are problems reported with their row number: an
  empty employee id, a duplicate id, an empty job title, a manager id that is
  no employee, a reporting cycle, a second top of the organisation; with
  `on_error="skip"` they are left out (and so is everyone who reports through
  them), with `"fail"` nothing is written;
- employees sharing a job title, a manager and a department are folded into
  one position with `headcount` seats (by default only those who manage
  nobody, so every manager keeps the span of control they really have);
- departments become units; a unit's head is its highest-placed position and
  its parent the unit of the head's manager;
- every employee kept is a holder of one position.

Export writes one row per seat (vacant seats included) with extra columns
(position id, unit id, parent, head, type, dotted lines, cost, vacancy,
translations) that import reads back, so that importing an export gives the
same positions, units, reporting lines and holders. RACI, priority rules,
projects and descriptions are not part of the table.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from orgdesign.analysis.tables import Cell, Sheet, read_table
from orgdesign.graph import OrgGraph
from orgdesign.model import SLUG_PATTERN, Org, UnitType

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

OnError = Literal["fail", "skip"]
Fold = Literal["leaves", "all", "none"]
UNIT_TYPES: tuple[str, ...] = get_args(UnitType)
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "x", "vacant", "open", "是", "空缺"})
SLUG = re.compile(SLUG_PATTERN)
LANG_COLUMN = re.compile(r"^(?P<base>.+)@(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")


# --- columns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """A column the importer understands: its name in messages and the spellings it knows."""

    name: str
    label: str
    spellings: tuple[str, ...]


def _spellings(words: str) -> tuple[str, ...]:
    """Known spellings of a column, as `normalise_header` leaves them."""
    return tuple(words.split())


ROLES: tuple[Role, ...] = (
    Role(
        "id",
        "employee id",
        _spellings(
            "employeeid empid employeeno employeenumber empno employeecode staffid staffno "
            "staffnumber workerid personid personnelnumber personnelno id "
            "工号 员工编号 员工工号 员工id 編號 编号"
        ),
    ),
    Role(
        "name",
        "name",
        _spellings(
            "name fullname employeename displayname preferredname workername legalname 姓名 "
            "员工姓名 名字"
        ),
    ),
    Role(
        "title",
        "job title",
        _spellings(
            "jobtitle title positiontitle position job role jobname jobrole designation "
            "businesstitle 职位 岗位 职务 岗位名称 职位名称 職位"
        ),
    ),
    Role(
        "manager",
        "manager id",
        _spellings(
            "managerid manageremployeeid managerempid manageremployeeno managerno "
            "managernumber managerstaffid supervisorid supervisor reportsto reportstoid "
            "linemanagerid linemanager manager "
            "上级工号 直属上级工号 直属上级 上级 汇报对象 经理工号"
        ),
    ),
    Role(
        "department",
        "department",
        _spellings(
            "department dept departmentname deptname orgunit orgunitname organizationalunit "
            "organisationalunit organisationunit organizationunit unit unitname team "
            "division 部门 部门名称 所属部门 部門"
        ),
    ),
    Role(
        "position",
        "position id",
        _spellings("positionid positioncode positionnumber 岗位编号"),
    ),
    Role(
        "department_id",
        "department id",
        _spellings("departmentid deptid orgunitid unitid"),
    ),
    Role(
        "parent_department",
        "parent department id",
        _spellings("parentdepartmentid parentdeptid parentunitid parentorgunitid"),
    ),
    Role(
        "department_head",
        "department head",
        _spellings("departmenthead depthead unithead"),
    ),
    Role(
        "department_type",
        "department type",
        _spellings("departmenttype depttype unittype"),
    ),
    Role(
        "dotted",
        "dotted-line manager ids",
        _spellings(
            "dottedmanagerids dottedmanagerid dottedlinemanagerid dottedlinemanager "
            "dottedlinemanagers matrixmanagerid matrixmanager secondarymanagerid "
            "functionalmanagerid"
        ),
    ),
    Role(
        "cost",
        "cost per year",
        _spellings("cost annualcost costperyear yearlycost salary annualsalary"),
    ),
    Role(
        "vacant",
        "vacant",
        _spellings("vacant isvacant vacancy"),
    ),
    Role(
        "assistant",
        "assistant",
        _spellings("assistant isassistant"),
    ),
    Role(
        "org_id",
        "organization id",
        _spellings("organizationid organisationid orgid"),
    ),
    Role(
        "org_name",
        "organization",
        _spellings("organization organisation organizationname"),
    ),
)
ROLE_BY_NAME = {role.name: role for role in ROLES}
REQUIRED = ("id", "title", "manager")
ROLE_OPTION = {
    "id": "--id-col",
    "name": "--name-col",
    "title": "--title-col",
    "manager": "--manager-col",
    "department": "--department-col",
}


class ImportUsageError(Exception):
    """Wrong usage: an unknown or missing column, a bad option (exit code 2)."""


class ImportInputError(Exception):
    """The input cannot be imported (exit code 1)."""


def normalise_header(text: str) -> str:
    """Lower case without spaces and punctuation: `Employee ID` and `employee_id` are alike."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


@dataclass(frozen=True)
class Columns:
    """Which column (index) holds each role, and the translation columns by language."""

    index: dict[str, int]
    header: list[str]
    title_names: dict[str, int] = field(default_factory=dict)
    department_names: dict[str, int] = field(default_factory=dict)

    def has(self, role: str) -> bool:
        return role in self.index

    def describe(self) -> str:
        return ", ".join(
            f"{ROLE_BY_NAME[r].label}={self.header[i]!r}" for r, i in self.index.items()
        )


def _find_header(header: list[str], wanted: str) -> int | None:
    if wanted in header:
        return header.index(wanted)
    norm = normalise_header(wanted)
    for i, name in enumerate(header):
        if normalise_header(name) == norm:
            return i
    return None


def map_columns(header: list[str], explicit: dict[str, str], source: str) -> Columns:
    """Assign columns to roles: those named by the user, then the known spellings."""
    index: dict[str, int] = {}
    listing = ", ".join(repr(h) for h in header)
    for role, wanted in explicit.items():
        if role not in ROLE_BY_NAME:
            known = ", ".join(r.name for r in ROLES)
            raise ImportUsageError(f"unknown column role {role!r}; the roles are: {known}")
        found = _find_header(header, wanted)
        if found is None:
            raise ImportUsageError(
                f"{source}: no column named {wanted!r} (given for the {ROLE_BY_NAME[role].label}); "
                f"its columns are: {listing}"
            )
        index[role] = found
    used = set(index.values())
    for known_role in ROLES:
        if known_role.name in index:
            continue
        for i, name in enumerate(header):
            if i not in used and normalise_header(name) in known_role.spellings:
                index[known_role.name] = i
                used.add(i)
                break
    missing = [r for r in REQUIRED if r not in index]
    if missing:
        hints = "; ".join(
            f"no {ROLE_BY_NAME[r].label} column found (name it with {ROLE_OPTION[r]})"
            for r in missing
        )
        raise ImportUsageError(f"{source}: {hints}; its columns are: {listing}")
    title_names, department_names = _language_columns(header, used)
    return Columns(index, header, title_names, department_names)


def _language_columns(header: list[str], used: set[int]) -> tuple[dict[str, int], dict[str, int]]:
    """`job_title@zh` and `department@zh`: translations of titles and unit names."""
    titles: dict[str, int] = {}
    departments: dict[str, int] = {}
    for i, name in enumerate(header):
        match = LANG_COLUMN.match(name)
        if i in used or not match:
            continue
        base = normalise_header(match["base"])
        if base in ROLE_BY_NAME["title"].spellings:
            titles[match["lang"]] = i
        elif base in ROLE_BY_NAME["department"].spellings:
            departments[match["lang"]] = i
    return titles, departments


# --- rows ----------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Problem:
    """A row that cannot be imported as it is (or, as a note, a value that was adjusted)."""

    row: int
    kind: str
    message: str

    def text(self, source: str) -> str:
        return f"{source}: row {self.row}: {self.message}"


def _truthy(text: str) -> bool:
    return text.strip().casefold() in TRUE_WORDS


def parse_cost(text: str) -> float | None:
    """A cost cell as a number: currency signs, spaces and thousands separators ignored."""
    cleaned = re.sub(r"[\s$€£¥,_']|[A-Za-z]{3}$", "", text.strip())
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def read_employees(sheet: Sheet, columns: Columns) -> tuple[list[Employee], list[Problem]]:
    """Employees of every data row, and notes on values that could not be read."""
    notes: list[Problem] = []
    idx = columns.index

    def get(cells: list[str], role: str) -> str:
        return cells[idx[role]] if role in idx else ""

    employees: list[Employee] = []
    for number, cells in sheet.rows:
        cost_text = get(cells, "cost")
        cost = parse_cost(cost_text) if cost_text else None
        if cost_text and cost is None:
            notes.append(
                Problem(number, "bad cost", f"cost {cost_text!r} is not a number; ignored")
            )
        dotted = [d.strip() for d in re.split(r"[;,]", get(cells, "dotted")) if d.strip()]
        employees.append(
            Employee(
                row=number,
                id=get(cells, "id"),
                name=get(cells, "name"),
                title=get(cells, "title"),
                manager=get(cells, "manager"),
                department=get(cells, "department"),
                position=get(cells, "position"),
                department_id=get(cells, "department_id"),
                parent_department=get(cells, "parent_department"),
                department_head=get(cells, "department_head"),
                department_type=get(cells, "department_type"),
                dotted=dotted,
                cost=cost,
                vacant=_truthy(get(cells, "vacant")),
                assistant=_truthy(get(cells, "assistant")),
                title_names={k: cells[i] for k, i in columns.title_names.items() if cells[i]},
                department_names={
                    k: cells[i] for k, i in columns.department_names.items() if cells[i]
                },
                org_id=get(cells, "org_id"),
                org_name=get(cells, "org_name"),
            )
        )
    return employees, notes


# --- checking the reporting lines ----------------------------------------------------------


@dataclass
class Checked:
    """The employees that can be placed, the problems, and the rows left out because of them."""

    kept: list[Employee]
    problems: list[Problem]
    cascaded: list[Problem]
    top: Employee | None


def _unique_employees(employees: list[Employee]) -> tuple[dict[str, Employee], list[Problem]]:
    by_id: dict[str, Employee] = {}
    problems: list[Problem] = []
    for emp in employees:
        if not emp.id:
            problems.append(Problem(emp.row, "empty id", "the employee id is empty"))
        elif emp.id in by_id:
            first = by_id[emp.id].row
            problems.append(
                Problem(
                    emp.row, "duplicate id", f"employee id {emp.id!r} is already on row {first}"
                )
            )
        else:
            by_id[emp.id] = emp
    return by_id, problems


def _cycles(by_id: dict[str, Employee]) -> list[list[Employee]]:
    """Reporting cycles, found by walking up the manager pointers (linear)."""
    state: dict[str, int] = {}
    found: list[list[Employee]] = []
    for start in by_id:
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            manager = by_id[node].manager
            node = manager if manager in by_id else None
        if node is not None and state.get(node) == 1:
            found.append([by_id[e] for e in walk[walk.index(node) :]])
        for visited in walk:
            state[visited] = 2
    return found


def _cycle_text(cycle: list[Employee]) -> str:
    chain = [*cycle, cycle[0]]
    return " -> ".join(f"{e.id} (row {e.row})" for e in chain)


def _line_problems(by_id: dict[str, Employee]) -> tuple[list[Problem], set[str]]:
    """Empty titles, unknown managers and cycles; with the ids of the rows concerned."""
    problems: list[Problem] = []
    bad: set[str] = set()
    for emp in by_id.values():
        if not emp.title:
            problems.append(Problem(emp.row, "empty title", f"{emp.id}: the job title is empty"))
            bad.add(emp.id)
        if emp.manager and emp.manager not in by_id:
            problems.append(
                Problem(
                    emp.row,
                    "missing manager",
                    f"{emp.id}: manager {emp.manager!r} is not an employee id of the file",
                )
            )
            bad.add(emp.id)
    for cycle in _cycles(by_id):
        text = _cycle_text(cycle)
        for emp in cycle:
            problems.append(Problem(emp.row, "cycle", f"{emp.id} is in a reporting cycle: {text}"))
            bad.add(emp.id)
    return problems, bad


def _root_of(by_id: dict[str, Employee], bad: set[str]) -> dict[str, str | None]:
    """The top each employee reports up to, or None when the chain passes a bad row."""
    root: dict[str, str | None] = {}
    for start in by_id:
        walk: list[str] = []
        node = start
        result: str | None = None
        while True:
            if node in root:
                result = root[node]
                break
            walk.append(node)
            if node in bad:
                result = None
                break
            manager = by_id[node].manager
            if not manager:
                result = node
                break
            node = manager
        for visited in walk:
            root[visited] = result
    return root


def check_employees(employees: list[Employee]) -> Checked:
    """Find the rows that cannot be placed and those that report through them."""
    by_id, problems = _unique_employees(employees)
    line_problems, bad = _line_problems(by_id)
    problems += line_problems
    roots = _root_of(by_id, bad)
    sizes: dict[str, int] = {}
    for top in roots.values():
        if top is not None:
            sizes[top] = sizes.get(top, 0) + 1
    top_id = max(sizes, key=lambda t: (sizes[t], -by_id[t].row)) if sizes else None
    for other in sizes:
        if other != top_id and top_id is not None:
            head = by_id[top_id]
            problems.append(
                Problem(
                    by_id[other].row,
                    "missing manager",
                    f"{other} has no manager, but {head.id} (row {head.row}) is the top of the "
                    "organisation; give it a manager",
                )
            )
            bad.add(other)
    roots = _root_of(by_id, bad)
    cascaded: list[Problem] = []
    kept: list[Employee] = []
    for emp in by_id.values():
        if roots[emp.id] is not None:
            kept.append(emp)
        elif emp.id not in bad:
            cascaded.append(
                Problem(emp.row, "skipped manager", f"{emp.id}: reports through a skipped row")
            )
    problems.sort(key=lambda p: p.row)
    return Checked(kept, problems, cascaded, by_id[top_id] if top_id is not None else None)


# --- building the organisation -------------------------------------------------------------


def slugify(text: str) -> str:
    """An ASCII slug of `text` (empty when nothing of it is ASCII)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-")


class IdMaker:
    """Unique slugs: `base`, `base-2`, `base-3`..."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.used: set[str] = set(reserved)
        self.next: dict[str, int] = {}

    def make(self, text: str, fallback: str) -> str:
        base = slugify(text) or fallback
        if base not in self.used:
            self.used.add(base)
            return base
        n = self.next.get(base, 2)
        while f"{base}-{n}" in self.used:
            n += 1
        self.next[base] = n + 1
        ident = f"{base}-{n}"
        self.used.add(ident)
        return ident


@dataclass
class PositionDraft:
    id: str
    title: str
    unit_key: str
    manager: str | None
    first_row: int
    members: list[Employee] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    dotted: list[str] = field(default_factory=list)


@dataclass
class UnitDraft:
    key: str
    id: str
    name: str
    names: dict[str, str] = field(default_factory=dict)
    type: str = "department"
    parent: str | None = None
    head: str | None = None
    typed: bool = False
    """The type was given in the rows (else `department`, `company` for the root unit)."""
    explicit_parent: str = ""
    explicit_head: str = ""


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

    @property
    def skipped(self) -> int:
        return self.rows - self.imported_rows


def _children(kept: list[Employee]) -> dict[str, list[Employee]]:
    children: dict[str, list[Employee]] = {}
    for emp in kept:
        if emp.manager:
            children.setdefault(emp.manager, []).append(emp)
    return children


def _top_down(top: Employee, children: dict[str, list[Employee]]) -> list[Employee]:
    """Employees depth first from the top, reports in row order."""
    order: list[Employee] = []
    stack = [top]
    while stack:
        emp = stack.pop()
        order.append(emp)
        stack.extend(reversed(children.get(emp.id, [])))
    return order


class Builder:
    """Turns checked employees into positions and units."""

    def __init__(self, kept: list[Employee], top: Employee, columns: Columns, fold: Fold) -> None:
        self.columns = columns
        self.fold = fold
        self.children = _children(kept)
        self.order = _top_down(top, self.children)
        self.notes: list[Problem] = []
        self.position_of: dict[str, PositionDraft] = {}
        self.positions: list[PositionDraft] = []
        self.units: dict[str, UnitDraft] = {}
        self.unit_ids = IdMaker()
        self.raw_position: dict[str, PositionDraft] = {}
        """Positions by the position id written in the rows (which may not be a slug)."""

    # units keyed by the department id when there is one, else by the department name
    def _unit_key(self, emp: Employee, inherited: str) -> str:
        if self.columns.has("department_id") and emp.department_id:
            return "id:" + emp.department_id
        if emp.department:
            return "name:" + emp.department
        return inherited

    def _unit_for(self, key: str, emp: Employee) -> None:
        if key in self.units:
            return
        if key.startswith("id:"):
            raw = key[3:]
            ident = raw if SLUG.match(raw) and raw not in self.unit_ids.used else ""
            ident = ident or self.unit_ids.make(raw, "unit")
            self.unit_ids.used.add(ident)
            name = emp.department or raw
        else:
            name = key[5:] if key.startswith("name:") else ""
            ident = self.unit_ids.make(name, "unit" if name else "organization")
        typed = emp.department_type in UNIT_TYPES
        self.units[key] = UnitDraft(
            key,
            ident,
            name,
            dict(emp.department_names),
            emp.department_type if typed else "department",
            typed=typed,
            explicit_parent=emp.parent_department,
            explicit_head=emp.department_head,
        )

    def assign(self) -> None:
        """Give every employee a position (folding alike ones) and a unit."""
        unit_of: dict[str, str] = {}
        id_mode = self.columns.has("position")
        position_ids = IdMaker(e.position for e in self.order if id_mode and SLUG.match(e.position))
        raw_position = self.raw_position
        groups: dict[tuple[str, ...], PositionDraft] = {}
        for emp in self.order:
            manager_pos = self.position_of[emp.manager].id if emp.manager else None
            key = self._unit_key(emp, unit_of.get(emp.manager, "") if emp.manager else "")
            if not key:
                key = "root:"
            unit_of[emp.id] = key
            self._unit_for(key, emp)
            if id_mode and emp.position:
                draft = raw_position.get(emp.position)
                if draft is None:
                    ident = emp.position
                    if not SLUG.match(ident):
                        ident = position_ids.make(ident, "position")
                    draft = PositionDraft(ident, emp.title, key, manager_pos, emp.row)
                    raw_position[emp.position] = draft
                    self.positions.append(draft)
                else:
                    self._check_seat(draft, emp, key, manager_pos)
            else:
                group_key = self._fold_key(emp, key, manager_pos)
                draft = groups.get(group_key) if group_key else None
                if draft is None:
                    ident = position_ids.make(emp.title, "position")
                    draft = PositionDraft(ident, emp.title, key, manager_pos, emp.row)
                    self.positions.append(draft)
                    if group_key:
                        groups[group_key] = draft
            draft.members.append(emp)
            draft.first_row = min(draft.first_row, emp.row)
            for lang, text in emp.title_names.items():
                draft.names.setdefault(lang, text)
            self.position_of[emp.id] = draft
        self.positions.sort(key=lambda p: p.first_row)

    def _fold_key(self, emp: Employee, unit_key: str, manager_pos: str | None) -> tuple[str, ...]:
        manages = bool(self.children.get(emp.id))
        if self.fold == "none" or (self.fold == "leaves" and manages) or manager_pos is None:
            return ()
        return (emp.title, manager_pos, unit_key, "assistant" if emp.assistant else "")

    def _check_seat(
        self, draft: PositionDraft, emp: Employee, unit_key: str, manager_pos: str | None
    ) -> None:
        """Seats of one position id must agree; the first row's values win, with a note."""
        first = draft.members[0]
        where = f"position {emp.position!r} (first on row {first.row})"
        if emp.title != draft.title:
            self.notes.append(
                Problem(emp.row, "position", f"job title {emp.title!r} differs from {where}")
            )
        if manager_pos != draft.manager:
            self.notes.append(
                Problem(emp.row, "position", f"manager {emp.manager!r} differs from {where}")
            )
        if unit_key != draft.unit_key:
            self.notes.append(Problem(emp.row, "position", f"department differs from {where}"))

    # --- lines between positions ---

    def position_cycle(self) -> list[PositionDraft]:
        """Positions in a cycle (possible only when seats of one position id disagree)."""
        by_id = {p.id: p for p in self.positions}
        state: dict[str, int] = {}
        for start in by_id:
            walk: list[str] = []
            node: str | None = start
            while node is not None and node not in state:
                state[node] = 1
                walk.append(node)
                node = by_id[node].manager
            if node is not None and state.get(node) == 1:
                return [by_id[p] for p in walk[walk.index(node) :]]
            for visited in walk:
                state[visited] = 2
        return []

    def layers(self) -> dict[str, int]:
        by_id = {p.id: p for p in self.positions}
        depth: dict[str, int] = {}
        for pos in self.positions:
            chain: list[str] = []
            node: str | None = pos.id
            while node is not None and node not in depth:
                chain.append(node)
                node = by_id[node].manager
            base = depth[node] if node is not None else 0
            for offset, pid in enumerate(reversed(chain), start=1):
                depth[pid] = base + offset
        return depth

    def dotted_lines(self) -> None:
        """Dotted-line managers (employee ids) as positions; lines ORG108 would refuse dropped."""
        by_id = {p.id: p for p in self.positions}

        def above(pid: str) -> set[str]:
            chain: set[str] = set()
            node = by_id[pid].manager
            while node is not None and node not in chain:
                chain.add(node)
                node = by_id[node].manager
            return chain

        for pos in self.positions:
            targets: list[str] = []
            for emp in pos.members:
                for ref in emp.dotted:
                    target = self.position_of.get(ref)
                    if target is None:
                        self.notes.append(
                            Problem(
                                emp.row,
                                "dotted",
                                f"dotted-line manager {ref!r} is no "
                                "employee of the import; line dropped",
                            )
                        )
                    elif target.id == pos.id or target.id == pos.manager:
                        self.notes.append(
                            Problem(
                                emp.row,
                                "dotted",
                                f"dotted line to {ref!r} duplicates the solid line; dropped",
                            )
                        )
                    elif pos.id in above(target.id):
                        self.notes.append(
                            Problem(
                                emp.row,
                                "dotted",
                                f"dotted line to {ref!r} points into "
                                "the position's own reports; dropped",
                            )
                        )
                    elif target.id not in targets:
                        targets.append(target.id)
            pos.dotted = targets

    # --- units ---

    def place_units(self) -> None:
        """Heads (explicit, else the highest-placed position) and parents of the units."""
        layers = self.layers()
        by_unit: dict[str, list[PositionDraft]] = {}
        for pos in self.positions:
            by_unit.setdefault(pos.unit_key, []).append(pos)
        raw = self.raw_position
        for key, unit in self.units.items():
            members = by_unit.get(key, [])
            explicit = raw.get(unit.explicit_head) if unit.explicit_head else None
            if explicit is not None:
                unit.head = explicit.id
            elif members:
                unit.head = min(members, key=lambda p: (layers[p.id], p.first_row)).id
        positions = {p.id: p for p in self.positions}
        inferred: dict[str, str | None] = {}
        for key, unit in self.units.items():
            head = positions.get(unit.head or "")
            manager = positions.get(head.manager or "") if head else None
            parent_key = manager.unit_key if manager else None
            inferred[key] = self.units[parent_key].id if parent_key in self.units else None
        explicit_parents = {
            key: self._explicit_parent(unit) or inferred[key] for key, unit in self.units.items()
        }
        chosen = explicit_parents if _is_tree(explicit_parents, self.units) else inferred
        for key, unit in self.units.items():
            unit.parent = chosen[key]
        for unit in self.units.values():
            if unit.parent is None and not unit.typed:
                unit.type = "company"

    def _explicit_parent(self, unit: UnitDraft) -> str | None:
        parent = self.units.get("id:" + unit.explicit_parent) if unit.explicit_parent else None
        return parent.id if parent is not None and parent is not unit else None


def _is_tree(parents: dict[str, str | None], units: dict[str, UnitDraft]) -> bool:
    """One root unit and no cycle."""
    parent_of = {units[k].id: p for k, p in parents.items()}
    if sum(1 for p in parent_of.values() if p is None) != 1:
        return False
    for start in parent_of:
        seen = {start}
        node = parent_of[start]
        while node is not None:
            if node in seen:
                return False
            seen.add(node)
            node = parent_of.get(node)
    return True


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else round(value, 2)


def _seat_cost(members: list[Employee]) -> int | float | None:
    costs = [e.cost for e in members if e.cost is not None]
    if not costs:
        return None
    if all(c == costs[0] for c in costs):
        return _number(costs[0])
    return _number(round(statistics.fmean(costs), 2))


def _holders(members: list[Employee], columns: Columns) -> list[str]:
    """Names of the people in the seats: vacant rows hold nobody; a row without a name, its id."""
    holders: list[str] = []
    for emp in members:
        if emp.vacant and columns.has("vacant"):
            continue
        holders.append(emp.name or emp.id)
    return holders


def _position_data(pos: PositionDraft, units: dict[str, UnitDraft], columns: Columns) -> Any:
    data: dict[str, Any] = {"id": pos.id, "title": pos.title}
    if pos.names:
        data["names"] = dict(pos.names)
    data["unit"] = units[pos.unit_key].id
    if pos.manager:
        data["reports_to"] = pos.manager
    if pos.dotted:
        data["dotted_to"] = list(pos.dotted)
    if len(pos.members) > 1:
        data["headcount"] = len(pos.members)
    holders = _holders(pos.members, columns)
    if holders:
        data["holders"] = holders
    cost = _seat_cost(pos.members)
    if cost is not None:
        data["cost"] = cost
    if all(e.assistant for e in pos.members):
        data["assistant"] = True
    return data


def _unit_order(units: list[UnitDraft]) -> list[UnitDraft]:
    """Parents before children, children in the order they were met."""
    children: dict[str | None, list[UnitDraft]] = {}
    for unit in units:
        children.setdefault(unit.parent, []).append(unit)
    order: list[UnitDraft] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        unit = stack.pop()
        order.append(unit)
        stack.extend(reversed(children.get(unit.id, [])))
    return order


def _unit_data(unit: UnitDraft) -> dict[str, Any]:
    data: dict[str, Any] = {"id": unit.id, "name": unit.name}
    if unit.names:
        data["names"] = dict(unit.names)
    data["type"] = unit.type
    if unit.parent:
        data["parent"] = unit.parent
    if unit.head:
        data["head"] = unit.head
    return data


def _organization(
    options: ImportOptions, top: Employee, root_unit: UnitDraft, source: Path
) -> dict[str, str]:
    name = options.org_name or top.org_name or root_unit.name or source.stem
    ident = options.org_id or top.org_id or slugify(name) or slugify(source.stem) or "org"
    if not SLUG.match(ident):
        raise ImportUsageError(
            f"organization id {ident!r} is not a slug ([A-Za-z0-9][A-Za-z0-9._-]*)"
        )
    return {"id": ident, "name": name}


def org_data(builder: Builder, options: ImportOptions, top: Employee, source: Path) -> Any:
    """The org file as plain data (format version 1)."""
    units = _unit_order(list(builder.units.values()))
    root_unit = next(u for u in units if u.parent is None)
    if not root_unit.name:
        root_unit.name = options.org_name or top.org_name or source.stem
    return {
        "orgdesign": 1,
        "organization": _organization(options, top, root_unit, source),
        "units": [_unit_data(u) for u in units],
        "positions": [_position_data(p, builder.units, builder.columns) for p in builder.positions],
    }


def dump_yaml(data: Any, header: str) -> str:
    """Safe, quoted YAML keeping Unicode as it is."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None,
        width=100,
        indent=2,
    )
    return header + body


def import_hris(path: Path, options: ImportOptions | None = None) -> ImportResult:
    """Read an HR export and build the org file (ImportUsageError, ImportInputError)."""
    options = options or ImportOptions()
    sheet = read_table(path, sheet=options.sheet, encoding=options.encoding)
    columns = map_columns(sheet.header, options.columns, str(path))
    employees, notes = read_employees(sheet, columns)
    if not employees:
        raise ImportInputError(f"{path}: no data rows below the header (row {sheet.header_row})")
    checked = check_employees(employees)
    if checked.top is None or not checked.kept:
        raise ImportInputError(
            f"{path}: no employee can be placed: there is no top of the organisation "
            "(a row with an empty manager id) outside the rows with problems"
        )
    if checked.problems and options.on_error == "fail":
        return ImportResult(
            {},
            "",
            len(employees),
            0,
            0,
            0,
            0,
            checked.problems,
            checked.cascaded,
            notes,
            columns.describe(),
        )
    builder = Builder(checked.kept, checked.top, columns, options.fold)
    builder.assign()
    cycle = builder.position_cycle()
    if cycle:
        rows = ", ".join(str(p.first_row) for p in cycle)
        raise ImportInputError(
            f"{path}: the seats of positions {', '.join(p.id for p in cycle)} (rows {rows}) report "
            "in a cycle once grouped by position id; make every seat of a position report to "
            "the same position"
        )
    builder.dotted_lines()
    builder.place_units()
    data = org_data(builder, options, checked.top, path)
    vacancies = sum(p.get("headcount", 1) - len(p.get("holders", [])) for p in data["positions"])
    people = sum(len(p.get("holders", [])) for p in data["positions"])
    header = (
        f"# Imported by `orgdesign import` from {path.name}: {people} people in "
        f"{len(data['positions'])} positions and {len(data['units'])} units.\n"
    )
    return ImportResult(
        data=data,
        text=dump_yaml(data, header),
        rows=len(employees),
        employees=people,
        positions=len(data["positions"]),
        units=len(data["units"]),
        vacancies=vacancies,
        problems=checked.problems,
        cascaded=checked.cascaded,
        notes=notes + builder.notes,
        columns=columns.describe(),
        imported_rows=len(checked.kept),
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


# --- export --------------------------------------------------------------------------------

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
]


def seat_id(position_id: str, number: int) -> str:
    """Employee id of a seat in an export: `cmo#1`."""
    return f"{position_id}#{number}"


def _languages(items: Iterable[dict[str, str]]) -> list[str]:
    langs: dict[str, None] = {}
    for names in items:
        langs.update(dict.fromkeys(names))
    return list(langs)


def export_table(org: Org) -> tuple[list[str], list[list[Cell]]]:
    """One row per seat of every position: header and rows."""
    graph = OrgGraph(org)
    title_langs = _languages(p.names for p in org.positions)
    unit_langs = _languages(u.names for u in org.units)
    header = (
        EXPORT_COLUMNS
        + [f"job_title@{lang}" for lang in title_langs]
        + [f"department@{lang}" for lang in unit_langs]
    )
    orgn = org.organization
    rows: list[list[Cell]] = []
    for pos in org.positions:
        unit = graph.units.get(pos.unit or "")
        seats = max(pos.headcount, len(pos.holders))
        for n in range(seats):
            holder = pos.holders[n] if n < len(pos.holders) else None
            row: list[Cell] = [
                seat_id(pos.id, n + 1),
                holder or "",
                pos.title,
                seat_id(pos.reports_to, 1) if pos.reports_to else "",
                unit.name if unit else "",
                pos.id,
                unit.id if unit else (pos.unit or ""),
                unit.parent or "" if unit else "",
                unit.head or "" if unit else "",
                unit.type if unit else "",
                ";".join(seat_id(t, 1) for t in pos.dotted_to),
                _number(pos.cost) if pos.cost is not None else "",
                "yes" if holder is None else "",
                "yes" if pos.assistant else "",
                orgn.id if orgn else "",
                orgn.name if orgn else "",
            ]
            row += [pos.names.get(lang, "") for lang in title_langs]
            row += [unit.names.get(lang, "") if unit else "" for lang in unit_langs]
            rows.append(row)
    return header, rows
