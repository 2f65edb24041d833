"""What `orgdesign export` writes: an org as an HR table or in a directory format.

This module owns the registry's export writers (`orgdesign.output.registry.EXPORTS`):
each writes its file whole or not at all and returns what it holds, for the message.
The records and texts themselves come from `orgdesign.analysis.hris`.
"""

from __future__ import annotations

from pathlib import Path

from orgdesign.load.fsio import write_text_atomic
from orgdesign.model import Org


def table(org: Org, out: Path) -> str:
    """One row per person, vacant seat and empty unit, as CSV or XLSX by the suffix."""
    from orgdesign.analysis import hris
    from orgdesign.output.tables.sheets import write_table

    header, rows = hris.export_table(org)
    write_table(out, header, rows, title="positions")
    seats = sum(max(p.headcount, len(p.holders)) for p in org.positions)
    return f"{seats} seats in {len(rows)} rows (one per person, vacant seat and empty unit)"


def _native(org: Org, out: Path, kind: str) -> str:
    from orgdesign.analysis.hris.native import export_native

    text, what = export_native(org, kind)
    write_text_atomic(out, text)
    return what


def backstage(org: Org, out: Path) -> str:
    return _native(org, out, "backstage")


def scim(org: Org, out: Path) -> str:
    return _native(org, out, "scim")


def ldif(org: Org, out: Path) -> str:
    return _native(org, out, "ldif")


def turtle(org: Org, out: Path) -> str:
    return _native(org, out, "turtle")


def jsonld(org: Org, out: Path) -> str:
    return _native(org, out, "jsonld")
