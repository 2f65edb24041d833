"""SCIM 2.0 in and out: a ListResponse of Users (with the Enterprise User extension).

Read with `scim2-models` (the schema's own pydantic models), so what SCIM
says a User is, is what is read: `employeeNumber` is the employee id (else
the SCIM `id`), `manager.value` the manager's SCIM `id`, `department`,
`title`, and the name from `displayName`, `name.formatted` or the given and
family names. Groups are listed as not carried (an org file has units, not
SCIM groups).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from scim2_models import EnterpriseUser, Group, ListResponse, User

from orgdesign.analysis.hris.drafts import ImportReport
from orgdesign.analysis.hris.read import compose_name
from orgdesign.analysis.tables import Sheet, TableError

HEADER = ["employee_id", "name", "job_title", "manager_id", "department", "email", "holder_id"]


def _name(user: Any) -> str:
    if user.display_name:
        return str(user.display_name)
    if user.name is not None:
        if user.name.formatted:
            return str(user.name.formatted)
        return compose_name(user.name.given_name or "", user.name.family_name or "")
    return str(user.user_name or user.id or "")


def _email(user: Any) -> str:
    for email in user.emails or []:
        if email.value:
            return str(email.value)
    return ""


def scim_sheet(text: str, path: Path, report: ImportReport) -> Sheet:
    """The users of a SCIM ListResponse as rows (TableError when it is not one)."""
    try:
        doc = json.loads(text)
        response = ListResponse[User[EnterpriseUser] | Group].model_validate(doc)
    except (ValueError, RecursionError) as exc:
        first = exc.errors()[0] if isinstance(exc, ValidationError) else None
        where = f" at {'/'.join(map(str, first['loc']))}" if first else ""
        raise TableError(
            f"{path}: not a SCIM 2.0 ListResponse of Users{where}: {first['msg'] if first else exc}"
        ) from exc
    users = [r for r in response.resources or [] if isinstance(r, User)]
    groups = [r for r in response.resources or [] if isinstance(r, Group)]
    scim_id = {str(u.id): u for u in users if u.id}
    employee_id = {str(u.id): _employee_id(u) for u in users if u.id}
    rows: list[tuple[int, list[str]]] = []
    for number, user in enumerate(users, start=1):
        ext = user[EnterpriseUser]
        manager = str(ext.manager.value) if ext and ext.manager and ext.manager.value else ""
        rows.append(
            (
                number,
                [
                    _employee_id(user),
                    _name(user),
                    str(user.title or ""),
                    employee_id.get(manager, manager) if manager in scim_id else manager,
                    str(ext.department or "") if ext else "",
                    _email(user),
                    "",
                ],
            )
        )
    if groups:
        report.not_carried.append(f"{len(groups)} SCIM group(s) (units come from `department`)")
    return Sheet(HEADER, rows, header_row=0)


def _employee_id(user: Any) -> str:
    ext = user[EnterpriseUser]
    if ext is not None and ext.employee_number:
        return str(ext.employee_number)
    return str(user.id or user.user_name or "")


def scim_text(people: list[dict[str, Any]]) -> str:
    """A ListResponse of the people (one User per person and seat) as JSON."""
    resources = []
    for person in people:
        user = User[EnterpriseUser](
            id=person["row_id"],
            user_name=person["row_id"],
            display_name=person["name"],
            title=person["title"],
            active=True,
        )
        user[EnterpriseUser] = EnterpriseUser(
            employee_number=person["employee_id"] or None,
            department=person["unit_name"] or None,
            organization=person["org_name"] or None,
            manager={"value": person["manager_row_id"]} if person["manager_row_id"] else None,
        )
        resources.append(user)
    response = ListResponse[User[EnterpriseUser]](total_results=len(resources), resources=resources)
    return json.dumps(response.model_dump(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
