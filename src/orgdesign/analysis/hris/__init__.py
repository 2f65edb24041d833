"""HR data in and out: HR tables (CSV, XLSX) and native directory formats to org files and back.

The package owns `orgdesign import` and `orgdesign export` apart from the
command line: `columns` (which column holds what), `read` (rows to
employees), `check` (reporting lines), `build`, `units` and `names` (drafts,
one unit tree, stable ids), `emit` (the org file), `run` (the whole import
and its report), `export` (one row per person), and the native formats
`backstage`, `scim`, `ldif` (in and out) and `w3c` (W3C ORG, out).
"""

from __future__ import annotations

from pathlib import Path

from orgdesign.analysis.hris.build import Fold
from orgdesign.analysis.hris.columns import ROLES, Columns, map_columns, normalise_header
from orgdesign.analysis.hris.common import ImportInputError, ImportUsageError, Problem, slugify
from orgdesign.analysis.hris.drafts import ImportReport
from orgdesign.analysis.hris.export import EXPORT_COLUMNS, NOT_CARRIED, export_table, seat_id
from orgdesign.analysis.hris.formats import FORMATS, detect_format, read_source
from orgdesign.analysis.hris.names import Previous
from orgdesign.analysis.hris.read import Employee, parse_cost, read_employees
from orgdesign.analysis.hris.run import (
    ImportOptions,
    ImportResult,
    OnError,
    import_sheet,
    manager_hint,
)


def import_hris(
    path: Path, options: ImportOptions | None = None, source_format: str | None = None
) -> ImportResult:
    """Read an HR export or directory file and build the org file.

    Raises ImportUsageError, ImportInputError, or TableError when the file cannot be read.
    """
    options = options or ImportOptions()
    kind = source_format or detect_format(path)
    if kind == "backstage":  # owners of components become RACI once the seats have ids
        from orgdesign.analysis.hris.backstage import import_backstage

        return import_backstage(path, options)
    sheet, report = read_source(path, kind, options)
    return import_sheet(sheet, options, path, report)


__all__ = [
    "EXPORT_COLUMNS",
    "FORMATS",
    "NOT_CARRIED",
    "ROLES",
    "Columns",
    "Employee",
    "Fold",
    "ImportInputError",
    "ImportOptions",
    "ImportReport",
    "ImportResult",
    "ImportUsageError",
    "OnError",
    "Previous",
    "Problem",
    "detect_format",
    "export_table",
    "import_hris",
    "import_sheet",
    "manager_hint",
    "map_columns",
    "normalise_header",
    "parse_cost",
    "read_employees",
    "seat_id",
    "slugify",
]
