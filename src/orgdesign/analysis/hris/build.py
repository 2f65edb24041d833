"""Employees to positions and units, in an order that does not depend on row order.

This module owns the shape of the import: employees are walked from the top
with each manager's reports in employee-id order; alike employees (same
title, manager and unit; by default only those who manage nobody) are folded
into one position with several seats; departments become units, a unit's head
is its highest-placed position (or the one named in the rows) and its parent
the unit of the head's manager; unit parents always form one tree.
"""

from __future__ import annotations

from typing import Literal, get_args

from orgdesign.analysis.hris.columns import Columns
from orgdesign.analysis.hris.common import Problem, id_order
from orgdesign.analysis.hris.drafts import ImportReport, PositionDraft, UnitDraft
from orgdesign.analysis.hris.read import Employee
from orgdesign.model import UnitType

Fold = Literal["leaves", "all", "none"]
UNIT_TYPES: tuple[str, ...] = get_args(UnitType)
# Unit types of HR systems and catalogues that the format names differently.
TYPE_ALIASES = {
    "subdepartment": "department",
    "dept": "department",
    "section": "team",
    "squad": "team",
    "subteam": "team",
    "tribe": "group",
    "chapter": "group",
    "guild": "group",
    "bu": "business-unit",
    "businessunit": "business-unit",
    "productarea": "division",
    "organization": "company",
    "organisation": "company",
    "corporation": "company",
    "legalentity": "company",
    "centre": "center",
    "productline": "product-line",
    "area": "region",
    "root": "company",
    "公司": "company",
    "部门": "department",
    "中心": "center",
    "小组": "team",
    "事业部": "business-unit",
    "区域": "region",
}


def unit_type(given: str) -> str | None:
    """The format's unit type for a type written in the rows (None when unknown)."""
    if given in UNIT_TYPES:
        return given
    norm = "".join(ch for ch in given.casefold() if ch.isalnum())
    if norm in TYPE_ALIASES:
        return TYPE_ALIASES[norm]
    return next((t for t in UNIT_TYPES if t.replace("-", "") == norm), None)


class Builder:
    """Turns checked employees into position and unit drafts (ids come later, from `names`)."""

    def __init__(
        self,
        kept: list[Employee],
        top: Employee,
        columns: Columns,
        fold: Fold,
        report: ImportReport,
    ) -> None:
        self.columns = columns
        self.fold = fold
        self.report = report
        self.children: dict[str, list[Employee]] = {}
        for emp in kept:
            if emp.manager:
                self.children.setdefault(emp.manager, []).append(emp)
        for reports in self.children.values():
            reports.sort(key=lambda e: id_order(e.id))
        self.top = top
        self.tops = [top]
        self.notes: list[Problem] = []
        self.position_of: dict[str, PositionDraft] = {}
        self.positions: list[PositionDraft] = []
        self.units: dict[str, UnitDraft] = {}
        self.raw_position: dict[str, PositionDraft] = {}

    def _top_down(self) -> list[Employee]:
        order: list[Employee] = []
        stack = list(reversed(self.tops))
        while stack:
            emp = stack.pop()
            order.append(emp)
            stack.extend(reversed(self.children.get(emp.id, [])))
        return order

    def _unit_key(self, emp: Employee, inherited: str) -> str:
        if self.columns.has("department_id") and emp.department_id:
            return "id:" + emp.department_id
        if emp.department:
            return "name:" + emp.department
        return inherited or "root:"

    def add_unit(self, key: str, emp: Employee) -> UnitDraft:
        """The unit of `key`, made from the first row that names it."""
        unit = self.units.get(key)
        if unit is None:
            name = emp.department or (key[3:] if key.startswith("id:") else "")
            name = name or (key[5:] if key.startswith("name:") else "")
            mapped = unit_type(emp.department_type) if emp.department_type else None
            unit = UnitDraft(
                key,
                name,
                dict(emp.department_names),
                mapped or "department",
                typed=mapped is not None,
                explicit_parent=emp.parent_department,
                explicit_head=emp.department_head,
                description=emp.department_description,
            )
            self.units[key] = unit
            if emp.department_type and mapped != emp.department_type:
                self._mapped_type(emp, mapped)
        unit.rows.append(emp.row)
        return unit

    def _mapped_type(self, emp: Employee, mapped: str | None) -> None:
        given = emp.department_type
        for item in self.report.mapped_unit_types:
            if item["given"] == given:
                item["rows"].append(emp.row)
                return
        self.report.mapped_unit_types.append(
            {"given": given, "type": mapped or "department", "rows": [emp.row]}
        )

    def assign(self) -> None:
        """Give every employee a position (folding alike ones) and a unit."""
        unit_of: dict[str, str] = {}
        groups: dict[tuple[object, ...], PositionDraft] = {}
        use_raw = self.columns.has("position")
        for emp in self._top_down():
            manager = self.position_of[emp.manager] if emp.manager else None
            key = self._unit_key(emp, unit_of.get(emp.manager, "") if emp.manager else "")
            self._note_inferred(emp, key, manager)
            unit_of[emp.id] = key
            self.add_unit(key, emp)
            if use_raw and emp.position:
                draft = self._raw_seat(emp, key, manager)
            else:
                group_key = self._fold_key(emp, key, manager)
                found = groups.get(group_key) if group_key else None
                draft = found or self._new(PositionDraft(emp.title, key, manager))
                if group_key:
                    groups[group_key] = draft
            draft.members.append(emp)
            for lang, text in emp.title_names.items():
                draft.names.setdefault(lang, text)
            self.position_of[emp.id] = draft

    def _new(self, draft: PositionDraft) -> PositionDraft:
        draft.depth = draft.manager.depth + 1 if draft.manager else 0
        self.positions.append(draft)
        return draft

    def _note_inferred(self, emp: Employee, key: str, manager: PositionDraft | None) -> None:
        named = emp.department or (emp.department_id and self.columns.has("department_id"))
        if (
            named
            or manager is None
            or not (self.columns.has("department") or self.columns.has("department_id"))
        ):
            return
        boss = manager.members[0]
        self.report.inferred_departments.append(
            {"row": emp.row, "id": emp.id, "unit": key.split(":", 1)[1], "manager_row": boss.row}
        )

    def _raw_seat(self, emp: Employee, key: str, manager: PositionDraft | None) -> PositionDraft:
        draft = self.raw_position.get(emp.position)
        if draft is None:
            draft = self._new(PositionDraft(emp.title, key, manager, raw_id=emp.position))
            self.raw_position[emp.position] = draft
            return draft
        first = draft.members[0]
        where = f"position {emp.position!r} (first on row {first.row})"
        if emp.title != draft.title:
            self.notes.append(
                Problem(emp.row, "position", f"job title {emp.title!r} differs from {where}")
            )
        if manager is not draft.manager:
            self.notes.append(
                Problem(emp.row, "position", f"manager {emp.manager!r} differs from {where}")
            )
        if key != draft.unit_key:
            self.notes.append(Problem(emp.row, "position", f"department differs from {where}"))
        return draft

    def _fold_key(
        self, emp: Employee, unit_key: str, manager: PositionDraft | None
    ) -> tuple[object, ...]:
        manages = bool(self.children.get(emp.id))
        if self.fold == "none" or (self.fold == "leaves" and manages) or manager is None:
            return ()
        return (emp.title, id(manager), unit_key, "assistant" if emp.assistant else "")

    def dotted_lines(self) -> None:
        """Dotted-line managers (employee ids) as positions; lines ORG108 would refuse dropped."""
        for pos in self.positions:
            for emp in pos.members:
                for ref in emp.dotted:
                    self._dotted(pos, emp, ref)

    def _dotted(self, pos: PositionDraft, emp: Employee, ref: str) -> None:
        target = self.position_of.get(ref)
        reason = ""
        if target is None:
            reason = f"dotted-line manager {ref!r} is no employee of the import; line dropped"
        elif target is pos or target is pos.manager:
            reason = f"dotted line to {ref!r} duplicates the solid line; dropped"
        elif self._reports_to(target, pos):
            reason = f"dotted line to {ref!r} points into the position's own reports; dropped"
        if reason:
            self.notes.append(Problem(emp.row, "dotted", reason))
        elif target is not None and target not in pos.dotted:
            pos.dotted.append(target)

    @staticmethod
    def _reports_to(low: PositionDraft, high: PositionDraft) -> bool:
        node = low.manager
        while node is not None:
            if node is high:
                return True
            node = node.manager
        return False
