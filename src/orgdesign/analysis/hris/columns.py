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
from importlib import resources
from typing import Any

import yaml

from orgdesign.analysis.hris.common import ImportUsageError

LANG_COLUMN = re.compile(r"^(?P<base>.+)@(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$")
MAX_COLUMNS = 1000


@dataclass(frozen=True)
class Role:
    """A column the importer understands: its name in messages and the spellings it knows."""

    name: str
    label: str
    spellings: tuple[str, ...]


def _catalogue() -> dict[str, dict[str, Any]]:
    """Role name -> label, spellings and option, in the order roles are tried."""
    source = resources.files(__package__).joinpath("columns.yaml").read_text("utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(source)
    return data


_CATALOGUE = _catalogue()
ROLES: tuple[Role, ...] = tuple(
    Role(name, str(entry["label"]), tuple(str(s) for s in entry["spellings"]))
    for name, entry in _CATALOGUE.items()
)
"""Every column role with its known spellings (data: `columns.yaml`)."""
ROLE_BY_NAME = {role.name: role for role in ROLES}
ROLE_OPTION = {name: str(e["option"]) for name, e in _CATALOGUE.items() if "option" in e}
"""Role -> the option that names its column."""


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
