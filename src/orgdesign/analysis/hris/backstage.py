"""Backstage software catalog in and out: Group and User entities (a file or a folder).

Groups become units (`spec.parent`, `spec.children`, `spec.type`,
`spec.profile.displayName`); Users become holders of a member seat in each
group of `spec.memberOf` (and of the groups whose `spec.members` name them).
Backstage has no field for who leads a group, so each group gets a vacant
lead seat that its members report to and that reports to the parent group's
lead; the report says so. A user in several groups holds several seats (the
multi-seat report lists them). The `spec.owner` of Components, APIs,
Systems, Resources and Domains becomes RACI (`backstage_owners`). Written
catalogs have one Group per unit and one User per person, with the title and
employee id as annotations that `import` reads back.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from orgdesign.analysis.hris.backstage_owners import (
    KINDS,
    NOT_KEPT,
    add_to_file,
    owned,
    owned_documents,
    part_of,
    responsibilities,
    seats,
    split_ref,
    text_of,
)
from orgdesign.analysis.hris.drafts import ImportReport
from orgdesign.analysis.hris.run import ImportOptions, ImportResult, import_sheet
from orgdesign.analysis.tables import Sheet, TableError, decode_text, read_input
from orgdesign.model import Org

HEADER = [
    "employee_id",
    "name",
    "job_title",
    "manager_id",
    "department_id",
    "department",
    "parent_department_id",
    "department_type",
    "vacant",
    "holder_id",
    "email",
]
TITLE = "orgdesign.dev/title"
EMPLOYEE_ID = "orgdesign.dev/employee-id"
MAX_FILES = 10_000
KNOWN_KINDS = {"group", "user", *KINDS}

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def _files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    found: list[Path] = []
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root) / n for n in sorted(names) if n.endswith((".yaml", ".yml"))]
        if len(found) > MAX_FILES:
            raise TableError(f"{path}: more than {MAX_FILES} YAML files in the folder")
    return found


def entities(path: Path, max_bytes: int) -> list[dict[str, Any]]:
    """Every mapping document with a `kind` in the file or folder."""
    out: list[dict[str, Any]] = []
    budget = max_bytes
    for file in _files(path):
        data = read_input(file, budget)
        budget -= len(data)
        try:
            docs = list(yaml.load_all(decode_text(data, file, "utf-8-sig"), Loader=_Loader))
        except (yaml.YAMLError, RecursionError) as exc:
            raise TableError(f"{file}: not readable YAML: {exc}") from exc
        out += [d for d in docs if isinstance(d, dict) and isinstance(d.get("kind"), str)]
    return out


def _ref(value: Any, kind: str) -> str:
    """`group:default/team-a`, `group:team-a` or `team-a` as `team-a` (empty: another kind)."""
    found, name = split_ref(value, kind)
    return name if found == kind else ""


def _spec(entity: dict[str, Any]) -> dict[str, Any]:
    return part_of(entity, "spec")


def _meta(entity: dict[str, Any]) -> dict[str, Any]:
    return part_of(entity, "metadata")


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _groups(items: list[tuple[int, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for number, ent in items:
        name = text_of(_meta(ent).get("name"))
        if ent["kind"].lower() != "group" or not name or name in groups:
            continue
        spec = _spec(ent)
        profile = _map(spec.get("profile"))
        groups[name] = {
            "row": number,
            "display": text_of(profile.get("displayName"))
            or text_of(_meta(ent).get("title"))
            or name,
            "type": text_of(spec.get("type")),
            "parent": _ref(spec.get("parent"), "group"),
            "members": [_ref(m, "user") for m in _list(spec.get("members"))],
            "children": [_ref(c, "group") for c in _list(spec.get("children"))],
        }
    for name, group in groups.items():
        for ref in group["children"]:
            if ref in groups and not groups[ref]["parent"]:
                groups[ref]["parent"] = name
    return groups


def _lead(group: str) -> str:
    return f"lead:{group}"


def _group_rows(groups: dict[str, dict[str, Any]], root: str) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    for name, g in groups.items():
        parent = g["parent"] if g["parent"] in groups else ""
        if not parent and name != root:
            parent = root
        manager = _lead(parent) if parent else ""
        rows.append(
            (
                g["row"],
                [
                    _lead(name),
                    "",
                    f"Lead, {g['display']}",
                    manager,
                    name,
                    g["display"],
                    parent,
                    g["type"],
                    "yes",
                    "",
                    "",
                ],
            )
        )
    return rows


def _user_rows(
    items: list[tuple[int, dict[str, Any]]],
    groups: dict[str, dict[str, Any]],
    root: str,
    users: dict[str, tuple[int, str]],
) -> list[tuple[int, list[str]]]:
    """A row per user and group; `users` gets each user's row and first group."""
    listed: dict[str, list[str]] = {}
    for name, g in groups.items():
        for member in g["members"]:
            listed.setdefault(member, []).append(name)
    rows: list[tuple[int, list[str]]] = []
    for number, ent in items:
        name = text_of(_meta(ent).get("name"))
        if ent["kind"].lower() != "user" or not name:
            continue
        spec, meta = _spec(ent), _meta(ent)
        profile = _map(spec.get("profile"))
        notes = _map(meta.get("annotations"))
        member_of = [_ref(g, "group") for g in _list(spec.get("memberOf"))]
        member_of += [g for g in listed.get(name, []) if g not in member_of]
        member_of = [g for g in member_of if g in groups] or [root]
        display = text_of(profile.get("displayName")) or text_of(meta.get("title")) or name
        person = text_of(notes.get(EMPLOYEE_ID)) or name
        title = text_of(notes.get(TITLE)) or "Member"
        users.setdefault(name, (number, member_of[0]))
        for i, group in enumerate(dict.fromkeys(member_of)):
            row_id = name if i == 0 else f"{name}@{group}"
            rows.append(
                (
                    number,
                    [
                        row_id,
                        display,
                        title,
                        _lead(group),
                        group,
                        groups[group]["display"],
                        "",
                        "",
                        "",
                        person,
                        text_of(profile.get("email")),
                    ],
                )
            )
    return rows


@dataclass
class Catalog:
    """The entities of a catalog, its groups and users, and their rows."""

    items: list[tuple[int, dict[str, Any]]]
    groups: dict[str, dict[str, Any]]
    users: dict[str, tuple[int, str]] = field(default_factory=dict)
    """User name -> its entity's row and first group."""


def _roots(groups: dict[str, dict[str, Any]], path: Path, report: ImportReport) -> str:
    """The top group (a made-up `organization` above several tops)."""
    roots = sorted(n for n, g in groups.items() if g["parent"] not in groups)
    if not roots:  # every group has a parent: the parents loop; start from the first name
        roots = [min(groups)]
        groups[roots[0]]["parent"] = ""
        report.not_carried.append(
            f"the group parents form a loop; {roots[0]!r} was taken as the top group"
        )
    if len(roots) == 1:
        return roots[0]
    groups["organization"] = {
        "row": 0,
        "display": path.stem,
        "type": "organization",
        "parent": "",
        "members": [],
        "children": roots,
    }
    for name in roots:
        groups[name]["parent"] = "organization"
    return "organization"


def read_catalog(path: Path, max_bytes: int, report: ImportReport) -> tuple[Sheet, Catalog]:
    """The groups and users of a Backstage catalog as rows (a vacant lead seat per group)."""
    items = list(enumerate(entities(path, max_bytes), start=1))
    groups = _groups(items)
    if not groups:
        raise TableError(f"{path}: no Backstage Group entity (kind: Group) found")
    root = _roots(groups, path, report)
    catalog = Catalog(items, groups)
    rows = _group_rows(groups, root) + _user_rows(items, groups, root, catalog.users)
    report.not_carried.append(
        "Backstage has no group leader field: each group has a vacant lead seat "
        "(fill its holders in the org file)"
    )
    kinds = Counter(str(e["kind"]) for _, e in items if e["kind"].lower() not in KNOWN_KINDS)
    if kinds:
        listed = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        report.not_carried.append(f"entities of other kinds: {listed}")
    if any(e["kind"].lower() in KINDS for _, e in items):
        report.not_carried.append(
            "of Components, APIs, Systems, Resources and Domains only the owner, title and "
            f"description (spec.{', spec.'.join(NOT_KEPT)} are not kept)"
        )
    return Sheet(HEADER, sorted(rows, key=lambda r: r[0]), header_row=0), catalog


def backstage_sheet(path: Path, max_bytes: int, report: ImportReport) -> Sheet:
    """The groups and users of a Backstage catalog as rows (a vacant lead seat per group)."""
    return read_catalog(path, max_bytes, report)[0]


def import_backstage(path: Path, options: ImportOptions) -> ImportResult:
    """A Backstage catalog to an org file; owners of components etc. become RACI."""
    report = ImportReport(str(path), "backstage")
    sheet, catalog = read_catalog(path, options.max_bytes, report)
    result = import_sheet(sheet, options, path, report)
    if not result.data:  # rows with problems and --on-error fail: nothing is built
        return result
    group_rows = {name: g["row"] for name, g in catalog.groups.items()}
    where = seats(result.data, result.rows_of, group_rows, catalog.users)
    duties, raci, report.owners = responsibilities(owned(catalog.items), where)
    result.text = add_to_file(result.data, result.text, duties, raci)
    return result


def backstage_text(org: Org, people: list[dict[str, Any]]) -> str:
    """Group and User entities of the organisation as a multi-document YAML catalog."""
    children: dict[str, list[str]] = {}
    for unit in org.units:
        if unit.parent:
            children.setdefault(unit.parent, []).append(unit.id)
    docs: list[dict[str, Any]] = []
    for unit in org.units:
        spec: dict[str, Any] = {
            "type": unit.type,
            "profile": {"displayName": unit.name},
            "children": children.get(unit.id, []),
        }
        if unit.parent:
            spec["parent"] = unit.parent
        docs.append(_entity("Group", unit.id, spec, {}))
    users: dict[str, dict[str, Any]] = {}
    first_user: dict[str, str] = {}
    for person in people:
        key = person["employee_id"] or person["row_id"]
        user = users.get(key)
        if user is None:
            notes = {TITLE: person["title"]}
            if person["employee_id"]:
                notes[EMPLOYEE_ID] = person["employee_id"]
            name = _entity_name(key) or _entity_name(person["name"]) or "user"
            user = _entity(
                "User", name, {"profile": {"displayName": person["name"]}, "memberOf": []}, notes
            )
            users[key] = user
            docs.append(user)
        first_user.setdefault(person["position_id"], user["metadata"]["name"])
        if person["unit_id"] and person["unit_id"] not in user["spec"]["memberOf"]:
            user["spec"]["memberOf"].append(person["unit_id"])
    docs += owned_documents(org, first_user)
    return yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False, explicit_start=True)


def _entity_name(text: str) -> str:
    """A Backstage entity name: letters, digits and `-_.`, at most 63 characters."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-._")
    return name[:63].strip("-._")


def _entity(kind: str, name: str, spec: dict[str, Any], notes: dict[str, str]) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if notes:
        meta["annotations"] = notes
    return {"apiVersion": "backstage.io/v1alpha1", "kind": kind, "metadata": meta, "spec": spec}
