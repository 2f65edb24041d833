"""Checking the reporting lines of employees before anything is built.

This module owns finding the rows that cannot be placed: an empty employee
id, a duplicate id, an empty job title, a manager id that is no employee, a
reporting cycle, a second top of the organisation; and the rows that report
through one of those (left out with them under `--on-error skip`). Every walk
is iterative and linear in the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdesign.analysis.hris.common import Problem, id_order
from orgdesign.analysis.hris.read import Employee


@dataclass
class Checked:
    """The employees that can be placed, the problems, and the rows left out because of them."""

    kept: list[Employee]
    problems: list[Problem]
    cascaded: list[Problem]
    top: Employee | None
    tops: list[Employee] = field(default_factory=list)
    """Every row without a manager that is kept: the top, and other seats of its position."""


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


def _top_key(emp: Employee) -> str:
    return "position:" + emp.position if emp.position else "id:" + emp.id


def check_employees(employees: list[Employee]) -> Checked:
    """Find the rows that cannot be placed and those that report through them."""
    by_id, problems = _unique_employees(employees)
    line_problems, bad = _line_problems(by_id)
    problems += line_problems
    roots = _root_of(by_id, bad)
    # Rows without a manager that are seats of one position (a position id column) are
    # one top: the seats of a root position with several seats.
    sizes: dict[str, int] = {}
    for top in roots.values():
        if top is not None:
            key = _top_key(by_id[top])
            sizes[key] = sizes.get(key, 0) + 1
    top_key = min(sizes, key=lambda t: (-sizes[t], id_order(t))) if sizes else None
    tops = sorted(
        (e for e in by_id.values() if not e.manager and e.id not in bad and _top_key(e) == top_key),
        key=lambda e: id_order(e.id),
    )
    top_id = tops[0].id if tops else None
    for emp in by_id.values():
        if not emp.manager and emp.id not in bad and top_id is not None and emp not in tops:
            head = by_id[top_id]
            problems.append(
                Problem(
                    emp.row,
                    "missing manager",
                    f"{emp.id} has no manager, but {head.id} (row {head.row}) is the top of the "
                    "organisation; give it a manager",
                )
            )
            bad.add(emp.id)
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
    return Checked(kept, problems, cascaded, by_id[top_id] if top_id is not None else None, tops)
