"""Which column of an HR table holds what: roles, their known spellings, the mapping.

Spellings cover the common HR and org-chart tools (Visio "Reports To",
OrgChart Now "SupervisorID", Pingboard "Manager's Email", draw.io and
d3-org-chart `parentId` / `positionName`, BambooHR, Workday, Personio) and
Chinese headers. A header is compared after `normalise_header` (case, spaces
and punctuation ignored). Columns no role takes are listed as ignored, so the
import report can say what was not carried.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from orgdesign.analysis.hris.common import ImportUsageError

LANG_COLUMN = re.compile(r"^(?P<base>.+)@(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")
MAX_COLUMNS = 1000


@dataclass(frozen=True)
class Role:
    """A column the importer understands: its name in messages and the spellings it knows."""

    name: str
    label: str
    spellings: tuple[str, ...]


def _role(name: str, label: str, words: str) -> Role:
    return Role(name, label, tuple(words.split()))


ROLES: tuple[Role, ...] = (
    _role(
        "id",
        "employee id",
        "employeeid empid employeeno employeenumber empno employeecode staffid staffno "
        "staffnumber workerid personid personnelnumber personnelno uniqueid id employee eid "
        "工号 员工编号 员工工号 员工id 編號 编号 人员编号",
    ),
    _role(
        "name",
        "name",
        "name fullname employeename displayname preferredname workername legalname worker "
        "姓名 员工姓名 名字",
    ),
    _role("first_name", "first name", "firstname givenname forename preferredfirstname 名"),
    _role("last_name", "last name", "lastname surname familyname 姓"),
    _role(
        "title",
        "job title",
        "jobtitle title positiontitle position positionname job role jobname jobrole "
        "designation businesstitle jobprofile 职位 岗位 职务 岗位名称 职位名称 職位",
    ),
    _role(
        "manager",
        "manager id",
        "managerid manageremployeeid managerempid manageremployeeno managerno "
        "managernumber managerstaffid supervisorid supervisoreid supervisoremployeeid "
        "reportstoid linemanagerid managercode parentid pid reportsto supervisor linemanager "
        "manager parent 上级工号 直属上级工号 经理工号 上级编号 直属上级 上级 汇报对象",
    ),
    _role(
        "manager_email",
        "manager's email",
        "managersemail manageremail supervisoremail reportstoemail linemanageremail 上级邮箱",
    ),
    _role(
        "manager_name",
        "manager's name",
        "managername managersname managerfullname supervisorname reportstoname "
        "linemanagername 上级姓名 直属上级姓名 经理姓名",
    ),
    _role("email", "email", "email workemail emailaddress mail businessemail 邮箱 电子邮件 邮件"),
    _role(
        "department",
        "department",
        "department dept departmentname deptname orgunit orgunitname organizationalunit "
        "organisationalunit organisationunit organizationunit unit unitname team "
        "division area supervisoryorganization 部门 部门名称 所属部门 部門",
    ),
    _role("position", "position id", "positionid positioncode positionnumber 岗位编号"),
    _role("person", "person id", "holderid personkey"),
    _role("department_id", "department id", "departmentid deptid orgunitid unitid 部门编号"),
    _role(
        "parent_department",
        "parent department id",
        "parentdepartmentid parentdeptid parentunitid parentorgunitid 上级部门编号",
    ),
    _role("department_head", "department head", "departmenthead depthead unithead"),
    _role("department_type", "department type", "departmenttype depttype unittype"),
    _role(
        "dotted",
        "dotted-line manager ids",
        "dottedmanagerids dottedmanagerid dottedlinemanagerid dottedlinemanager "
        "dottedlinemanagers matrixmanagerid matrixmanager secondarymanagerid "
        "functionalmanagerid",
    ),
    _role(
        "cost", "cost per year", "cost annualcost costperyear yearlycost salary annualsalary 年薪"
    ),
    _role("vacant", "vacant", "vacant isvacant vacancy"),
    _role("assistant", "assistant", "assistant isassistant"),
    _role(
        "description",
        "position description",
        "description positiondescription jobdescription roledescription 岗位描述 职位描述",
    ),
    _role(
        "department_description",
        "department description",
        "departmentdescription unitdescription deptdescription 部门描述",
    ),
    _role(
        "status",
        "employment status",
        "employmentstatus employeestatus activestatus workerstatus empstatus status "
        "在职状态 员工状态 人员状态",
    ),
    _role(
        "end_date",
        "termination date",
        "dateoftermination terminationdate termdate enddate leavingdate exitdate "
        "lastworkingdate lastworkingday 离职日期",
    ),
    _role("org_id", "organization id", "organizationid organisationid orgid"),
    _role("org_name", "organization", "organization organisation organizationname"),
)
ROLE_BY_NAME = {role.name: role for role in ROLES}
ROLE_OPTION = {
    "id": "--id-col",
    "name": "--name-col",
    "title": "--title-col",
    "manager": "--manager-col",
    "department": "--department-col",
}


def normalise_header(text: str) -> str:
    """Lower case without spaces and punctuation: `Employee ID` and `employee_id` are alike."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


@dataclass(frozen=True)
class Columns:
    """Which column (index) holds each role, the translation columns, and the ignored ones."""

    index: dict[str, int]
    header: list[str]
    title_names: dict[str, int] = field(default_factory=dict)
    department_names: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    def has(self, role: str) -> bool:
        return role in self.index

    def used(self) -> dict[str, str]:
        """Role label -> header of every column used."""
        used = {ROLE_BY_NAME[r].label: self.header[i] for r, i in self.index.items()}
        used.update({f"job title ({k})": self.header[i] for k, i in self.title_names.items()})
        used.update({f"department ({k})": self.header[i] for k, i in self.department_names.items()})
        return used

    def describe(self) -> str:
        return ", ".join(f"{label}={header!r}" for label, header in self.used().items())


def _find_header(header: list[str], wanted: str) -> int | None:
    if wanted in header:
        return header.index(wanted)
    norm = normalise_header(wanted)
    for i, name in enumerate(header):
        if normalise_header(name) == norm:
            return i
    return None


def _explicit(header: list[str], explicit: dict[str, str], source: str) -> dict[str, int]:
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
    return index


def _first_spelling(role: Role, normalised: list[str], used: set[int]) -> int | None:
    """The column of the role's most specific spelling (`Supervisor EID` before `Supervisor`)."""
    where: dict[str, int] = {}
    for i, norm in enumerate(normalised):
        if i not in used:
            where.setdefault(norm, i)
    return next((where[s] for s in role.spellings if s in where), None)


def _missing(index: dict[str, int]) -> list[str]:
    missing: list[str] = []
    if "id" not in index and "email" not in index:
        missing.append("id")
    if "title" not in index:
        missing.append("title")
    if not {"manager", "manager_email", "manager_name"} & set(index):
        missing.append("manager")
    return missing


def map_columns(header: list[str], explicit: dict[str, str], source: str) -> Columns:
    """Assign columns to roles: those named by the user, then the known spellings."""
    if len(header) > MAX_COLUMNS:
        raise ImportUsageError(
            f"{source}: the header has {len(header)} columns; at most {MAX_COLUMNS} are read "
            "(is this an HR export with one row per employee?)"
        )
    index = _explicit(header, explicit, source)
    used = set(index.values())
    normalised = [normalise_header(h) for h in header]
    for known_role in ROLES:
        if known_role.name not in index:
            found = _first_spelling(known_role, normalised, used)
            if found is not None:
                index[known_role.name] = found
                used.add(found)
    missing = _missing(index)
    if missing:
        listing = ", ".join(repr(h) for h in header)
        hints = "; ".join(
            f"no {ROLE_BY_NAME[r].label} column found (name it with {ROLE_OPTION[r]})"
            for r in missing
        )
        raise ImportUsageError(f"{source}: {hints}; its columns are: {listing}")
    title_names, department_names = _language_columns(header, used)
    taken = used | set(title_names.values()) | set(department_names.values())
    ignored = [h for i, h in enumerate(header) if i not in taken]
    return Columns(index, header, title_names, department_names, ignored)


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
