"""LDIF (RFC 2849) in and out: person entries with `manager` DNs.

Read with the `ldif` package (RFC 2849 parsing: folded lines, base64
values; URL values are never fetched). An entry is a person when it has a
`cn` or `displayName` and is not an organisational unit or group; the DN is
the row id (so `manager` DNs resolve, compared case-insensitively), the
holder keeps `employeeNumber` / `employeeID` (else `uid`). `directReports`
and `memberOf` are computed back-links in AD and are not needed. Written
LDIF has one inetOrgPerson per person and seat under `ou=people`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from orgdesign.analysis.hris.drafts import ImportReport
from orgdesign.analysis.tables import Sheet, TableError

HEADER = ["employee_id", "name", "job_title", "manager_id", "department", "email", "holder_id"]
NOT_PEOPLE = {"organizationalunit", "group", "groupofnames", "groupofuniquenames", "domain"}


def _first(entry: dict[str, list[Any]], *names: str) -> str:
    lowered = {k.lower(): v for k, v in entry.items()}
    for name in names:
        values = lowered.get(name.lower())
        if values:
            value = values[0]
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return ""


def _norm_dn(dn: str) -> str:
    return ",".join(part.strip().lower() for part in dn.split(","))


def _department(entry: dict[str, list[Any]], dn: str) -> str:
    given = _first(entry, "department", "departmentNumber", "ou")
    if given:
        return given
    parts = [p.strip() for p in dn.split(",")[1:]]
    return next(
        (p[3:] for p in parts if p.lower().startswith("ou=") and p[3:].lower() != "people"), ""
    )


def _entries(data: bytes, path: Path) -> list[tuple[str, dict[str, list[Any]]]]:
    import ldif  # type: ignore[import-untyped]

    parser = ldif.LDIFParser(io.BytesIO(data), strict=False)
    try:
        return [(dn or "", record) for dn, record in parser.parse() if dn]
    except (ValueError, UnicodeError) as exc:
        raise TableError(f"{path}: not readable LDIF (RFC 2849): {exc}") from exc


def ldif_sheet(data: bytes, path: Path, report: ImportReport) -> Sheet:
    """The person entries of an LDIF file as rows."""
    rows: list[tuple[int, list[str]]] = []
    groups = 0
    for number, (dn, entry) in enumerate(_entries(data, path), start=1):
        classes = {
            c.decode().lower() if isinstance(c, bytes) else str(c).lower()
            for c in entry.get("objectClass", entry.get("objectclass", []))
        }
        if classes & NOT_PEOPLE or not _first(entry, "cn", "displayName"):
            groups += 1
            continue
        manager = _first(entry, "manager")
        rows.append(
            (
                number,
                [
                    _norm_dn(dn),
                    _first(entry, "displayName", "cn"),
                    _first(entry, "title"),
                    _norm_dn(manager) if manager else "",
                    _department(entry, dn),
                    _first(entry, "mail"),
                    _first(entry, "employeeNumber", "employeeID", "uid") or dn,
                ],
            )
        )
    if groups:
        report.not_carried.append(f"{groups} entries that are not people (units, groups)")
    if not rows:
        raise TableError(f"{path}: no person entries (with a cn and a dn) in the LDIF file")
    return Sheet(HEADER, rows, header_row=0)


def _rdn_value(text: str) -> str:
    """A value escaped for a DN (RFC 4514)."""
    out = "".join("\\" + ch if ch in ',+"\\<>;=#' else ch for ch in text)
    return ("\\" + out if out.startswith(" ") else out).rstrip(" ") or "x"


def ldif_text(people: list[dict[str, Any]], org_id: str) -> str:
    import ldif

    base = f"ou=people,o={_rdn_value(org_id)}"
    buffer = io.BytesIO()
    writer = ldif.LDIFWriter(buffer)
    dn_of = {p["row_id"]: f"uid={_rdn_value(p['row_id'])},{base}" for p in people}
    for person in people:
        name = person["name"] or person["row_id"]
        record: dict[str, list[Any]] = {
            "objectClass": ["top", "person", "organizationalPerson", "inetOrgPerson"],
            "uid": [person["row_id"]],
            "cn": [name],
            "sn": [name.split()[-1] if name.split() else name],
            "title": [person["title"]],
            "ou": [person["unit_name"] or person["unit_id"] or "-"],
            "departmentNumber": [person["unit_id"] or "-"],
        }
        if person["employee_id"]:
            record["employeeNumber"] = [person["employee_id"]]
        if person["manager_row_id"] in dn_of:
            record["manager"] = [dn_of[person["manager_row_id"]]]
        writer.unparse(
            dn_of[person["row_id"]], {k: [str(v) for v in vs] for k, vs in record.items()}
        )
    return buffer.getvalue().decode("utf-8")
