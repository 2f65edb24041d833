"""Backstage `spec.owner` of Components, APIs, Systems, Resources and Domains as RACI, and back.

Each owned entity becomes a responsibility `<kind>.<name>` (`component.artist-web`)
named by its title, with its description. What a Backstage user means by
"team-a owns artist-web": the team does the work and its lead answers for
it, so the owning group's lead seat is **A** and the group's member seats
are **R** (the lead seat alone when the group has no members). A User owner
is A and R through the seat that user holds. An entity without a known owner
takes its System's owner (a System its Domain's): the report says it was
inferred. An owner that is no Group or User of the catalog is ignored, with
its row. Export writes the entities back with `spec.owner` = the group of
the A position; type and lifecycle are not kept (written as `unknown`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from orgdesign.analysis.hris.emit import dump_yaml
from orgdesign.model import SLUG_PATTERN, Org

SLUG = re.compile(SLUG_PATTERN)

KINDS = {
    "component": "Component",
    "api": "API",
    "system": "System",
    "resource": "Resource",
    "domain": "Domain",
}
"""Catalog kinds with a `spec.owner`, by their lower-case spelling."""
PARENT_FIELD = {"component": "system", "api": "system", "resource": "system", "system": "domain"}
"""Where an entity without a known owner takes one from."""
NOT_KEPT = (
    "type",
    "lifecycle",
    "dependsOn",
    "providesApis",
    "consumesApis",
    "subcomponentOf",
    "definition",
)


@dataclass
class Owned:
    """One entity with an owner, as the catalog gives it."""

    row: int
    kind: str
    name: str
    title: str
    description: str
    owner: str
    parent: str
    """The System (or Domain) it belongs to, `kind:name`."""


@dataclass
class Seats:
    """Where the groups and users of the catalog sit in the built org file."""

    lead: dict[str, str]
    """Group name -> its lead position id."""
    members: dict[str, list[str]]
    """Group name -> its member position ids."""
    user: dict[str, str]
    """User name -> the first position id the user holds."""


def text_of(value: Any) -> str:
    """A scalar of the catalog as text; anything else (a list, a mapping, a boolean) empty."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value)


def part_of(ent: dict[str, Any], part: str) -> dict[str, Any]:
    """`metadata` or `spec` of an entity; empty when it is not a mapping."""
    value = ent.get(part)
    return value if isinstance(value, dict) else {}


def split_ref(value: Any, default_kind: str) -> tuple[str, str]:
    """`group:default/team-a`, `user:jdoe` or `team-a` as (kind, name), lower-case kind."""
    text = text_of(value).strip()
    kind = default_kind
    if ":" in text:
        kind, text = text.split(":", 1)
    return kind.strip().lower(), text.rsplit("/", 1)[-1].strip()


def owned(items: list[tuple[int, dict[str, Any]]]) -> list[Owned]:
    """The entities of an owned kind, in catalog order."""
    out: list[Owned] = []
    for number, ent in items:
        kind = str(ent["kind"]).lower()
        meta, spec = part_of(ent, "metadata"), part_of(ent, "spec")
        name = text_of(meta.get("name")).strip()
        if kind not in KINDS or not name:
            continue
        parent_field = PARENT_FIELD.get(kind, "")
        parent = ""
        if parent_field and text_of(spec.get(parent_field)):
            ref_kind, ref = split_ref(spec.get(parent_field), parent_field)
            parent = f"{ref_kind}:{ref}"
        title = text_of(meta.get("title")).strip() or name
        description = text_of(meta.get("description")).strip()
        owner = text_of(spec.get("owner"))
        out.append(Owned(number, kind, name, title, description, owner, parent))
    return out


def seats(
    data: dict[str, Any],
    rows_of: dict[str, list[int]],
    group_rows: dict[str, int],
    users: dict[str, tuple[int, str]],
) -> Seats:
    """Each group's lead and member seats, each user's seat, found by the rows behind them.

    `users` gives each user's row and first group: a user in several groups
    owns through the seat in the first one.
    """
    unit_of_row: dict[int, str] = {}
    position_rows: dict[str, list[int]] = {}
    for key, rows in rows_of.items():
        if key.startswith("unit:"):
            unit_of_row.update((row, key[5:]) for row in rows if row not in unit_of_row)
        else:
            position_rows[key] = rows
    heads = {u["id"]: u.get("head", "") for u in data["units"]}
    in_unit: dict[str, list[str]] = {}
    for pos in data["positions"]:
        in_unit.setdefault(pos["unit"], []).append(pos["id"])
    lead: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for group, row in group_rows.items():
        unit = unit_of_row.get(row, "")
        if unit and heads.get(unit):
            lead[group] = heads[unit]
            members[group] = [p for p in in_unit.get(unit, []) if p != heads[unit]]
    user: dict[str, str] = {}
    for name, (row, first) in users.items():
        held = sorted(pid for pid, rows in position_rows.items() if row in rows)
        preferred = [pid for pid in held if pid in members.get(first, [])]
        if preferred or held:
            user[name] = (preferred or held)[0]
    return Seats(lead, members, user)


def _assignment(kind: str, name: str, where: Seats) -> dict[str, Any] | None:
    if kind == "group" and name in where.lead:
        return {"A": where.lead[name], "R": where.members[name] or [where.lead[name]]}
    if kind == "user" and name in where.user:
        return {"A": where.user[name], "R": [where.user[name]]}
    return None


def _owner_of(item: Owned, by_ref: dict[str, Owned], where: Seats) -> tuple[Any, str, str]:
    """The RACI letters of an entity, `mapped`/`inferred`/`ignored`, and the owner used."""
    kind, name = split_ref(item.owner, "group")
    letters = _assignment(kind, name, where) if name else None
    if letters is None and kind == "group" and name in where.user:
        kind, letters = "user", _assignment("user", name, where)  # `owner: jdoe` naming a User
    if letters is not None:
        return letters, "mapped", f"{kind}:{name}"
    seen = {f"{item.kind}:{item.name}"}
    parent = by_ref.get(item.parent)
    while parent is not None and f"{parent.kind}:{parent.name}" not in seen:
        seen.add(f"{parent.kind}:{parent.name}")
        p_kind, p_name = split_ref(parent.owner, "group")
        letters = _assignment(p_kind, p_name, where) if p_name else None
        if letters is not None:
            return (
                letters,
                "inferred",
                f"{p_kind}:{p_name}, owner of {KINDS[parent.kind]} {parent.name}",
            )
        parent = by_ref.get(parent.parent)
    return None, "ignored", ""


def responsibilities(
    owned_items: list[Owned], where: Seats
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Responsibilities, RACI entries and the report items (one per owned entity)."""
    by_ref = {f"{o.kind}:{o.name}": o for o in owned_items}
    duties: list[dict[str, Any]] = []
    raci: list[dict[str, Any]] = []
    report: list[dict[str, Any]] = []
    for item in owned_items:
        ident = f"{item.kind}.{item.name}"
        letters, status, used = _owner_of(item, by_ref, where)
        entry: dict[str, Any] = {
            "row": item.row,
            "entity": f"{KINDS[item.kind]} {item.name}",
            "owner": item.owner,
            "status": status,
        }
        if any(d["id"] == ident for d in duties) or not _is_slug(ident):
            letters, entry["status"] = None, "ignored"
            entry["why"] = (
                "a second entity of this kind and name"
                if _is_slug(ident)
                else ("its name is not an id the org file can hold")
            )
        elif status == "ignored":
            entry["why"] = "no group or user of the catalog" if item.owner else "no owner"
        report.append(entry)
        if letters is None:
            continue
        duty: dict[str, Any] = {"id": ident, "name": item.title}
        if item.description:
            duty["description"] = item.description
        duties.append(duty)
        raci.append({"responsibility": ident, "A": letters["A"], "R": list(letters["R"])})
        entry.update(
            {"used": used, "responsibility": ident, "A": letters["A"], "R": list(letters["R"])}
        )
    return duties, raci, report


def _is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def add_to_file(
    data: dict[str, Any], text: str, duties: list[dict[str, Any]], raci: list[dict[str, Any]]
) -> str:
    """The org file's data and text with the owners' responsibilities and RACI appended."""
    if not duties:
        return text
    data["responsibilities"], data["raci"] = duties, raci
    return text + dump_yaml({"responsibilities": duties, "raci": raci}, "")


def owned_documents(org: Org, first_user: dict[str, str]) -> list[dict[str, Any]]:
    """Catalog entities of the responsibilities `import` made of owners (`component.x`, ...).

    The owner is the group of the A position when A heads its unit (the lead
    seat), else the first user in the A seat (`first_user`: position id ->
    User entity name), so that importing the export gives the same RACI.
    """
    unit_of = {p.id: p.unit for p in org.positions}
    heads = {u.head for u in org.units if u.head}
    owner: dict[str, str] = {}
    for entry in org.raci:
        if entry.scope is not None or not entry.A or entry.responsibility in owner:
            continue
        accountable = entry.A[0]
        if accountable not in heads and accountable in first_user:
            owner[entry.responsibility] = f"user:{first_user[accountable]}"
        elif unit_of.get(accountable):
            owner[entry.responsibility] = f"group:{unit_of[accountable]}"
    docs: list[dict[str, Any]] = []
    for duty in org.responsibilities:
        kind, _, name = duty.id.partition(".")
        if kind not in KINDS or not name or not owner.get(duty.id):
            continue
        meta: dict[str, Any] = {"name": name}
        if duty.name != name:
            meta["title"] = duty.name
        if duty.description:
            meta["description"] = duty.description
        spec: dict[str, Any] = {"owner": owner[duty.id]}
        if kind in ("component", "api", "resource"):  # fields Backstage requires
            spec = {"type": "unknown", **spec}
        if kind in ("component", "api"):
            spec["lifecycle"] = "unknown"
        if kind == "api":
            spec["definition"] = "unknown"
        docs.append(
            {
                "apiVersion": "backstage.io/v1alpha1",
                "kind": KINDS[kind],
                "metadata": meta,
                "spec": spec,
            }
        )
    return docs
