"""The people of an org file, seat by seat, for the directory formats; and writing those.

Directory formats (SCIM, LDIF, Backstage, W3C ORG) list people, not seats:
each holder becomes one entry with the same row id the table export uses
(the employee id, else `position#n`), its manager the first holder of the
manager's position. Vacant seats have no person and are not written there.
"""

from __future__ import annotations

from typing import Any

from orgdesign.analysis.hris.export import seat_rows
from orgdesign.model import Org


def people(org: Org) -> list[dict[str, Any]]:
    """One record per holder: row id, employee id, name, title, unit, manager's row id."""
    seats = seat_rows(org)
    first = {pid: rows[0][0] for pid, rows in seats.items() if rows}
    units = {u.id: u for u in org.units}
    org_name = org.organization.name if org.organization else ""
    out: list[dict[str, Any]] = []
    for pos in org.positions:
        unit = units.get(pos.unit or "")
        hids = pos.holder_ids
        for n, (row_id, name, _) in enumerate(seats[pos.id]):
            if name is None:
                continue
            out.append(
                {
                    "row_id": row_id,
                    "employee_id": hids[n] if n < len(hids) and hids[n] else "",
                    "name": name,
                    "title": pos.title,
                    "position_id": pos.id,
                    "unit_id": unit.id if unit else "",
                    "unit_name": unit.name if unit else "",
                    "manager_row_id": first.get(pos.reports_to, "") if pos.reports_to else "",
                    "org_name": org_name,
                }
            )
    return out


def export_native(org: Org, kind: str) -> tuple[str, str]:
    """The text of `org` in a directory format, and what it holds (for the message)."""
    records = people(org)
    vacant = sum(p.vacancies for p in org.positions)
    gone = f"; {vacant} vacant seat(s) not written (no person)" if vacant else ""
    if kind == "scim":
        from orgdesign.analysis.hris.scim import scim_text

        return scim_text(records), f"{len(records)} SCIM users{gone}"
    if kind == "ldif":
        from orgdesign.analysis.hris.ldif import ldif_text

        ident = org.organization.id if org.organization else "org"
        return ldif_text(records, ident), f"{len(records)} LDIF entries{gone}"
    if kind == "backstage":
        from orgdesign.analysis.hris.backstage import backstage_text

        return backstage_text(org, records), f"{len(org.units)} groups, {len(records)} users"
    from orgdesign.analysis.hris.w3c import w3c_text

    return w3c_text(org, records, kind), (
        f"W3C ORG: {len(org.units)} units, {len(org.positions)} posts, {len(records)} people"
    )
