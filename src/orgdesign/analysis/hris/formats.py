"""Which kind of source a file is, and reading it as a table of employee rows.

Tables (CSV, XLSX) are read as they are; Backstage catalog YAML, SCIM 2.0
ListResponse JSON and LDIF are turned into a table of the importer's own
column names, with what they hold that an org file cannot carry listed in
the report. The kind comes from `--from`, else the suffix, else the content.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from orgdesign.analysis.hris.common import ImportUsageError
from orgdesign.analysis.hris.drafts import ImportReport
from orgdesign.analysis.tables import Sheet, TableError, read_input, read_table
from orgdesign.load.fsio import ReadError, read_head

if TYPE_CHECKING:
    from orgdesign.analysis.hris.run import ImportOptions

FORMATS = ("csv", "xlsx", "backstage", "scim", "ldif")
SNIFF_BYTES = 4096


def detect_format(path: Path) -> str:
    """The kind of a source from its suffix, or for .json/.yaml/folders from its content."""
    if path.is_dir():
        return "backstage"
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return "xlsx"
    if suffix == ".ldif":
        return "ldif"
    if suffix in (".json", ".scim"):
        return "scim"
    if suffix in (".yaml", ".yml"):
        return "backstage"
    head = _head(path)
    if head.lstrip().startswith(("dn:", "version:")):
        return "ldif"
    if head.lstrip().startswith("{"):
        return "scim"
    if "apiVersion:" in head and "backstage.io" in head:
        return "backstage"
    raise ImportUsageError(
        f"{path}: cannot tell what kind of file this is; name it with --from ({', '.join(FORMATS)})"
    )


def _head(path: Path) -> str:
    try:  # never `open` first: opening a FIFO blocks until a writer comes
        return read_head(path, SNIFF_BYTES).decode("utf-8", "replace")
    except ReadError:
        return ""


def read_source(path: Path, kind: str, options: ImportOptions) -> tuple[Sheet, ImportReport]:
    """The rows of a source and the start of its import report."""
    report = ImportReport(str(path), kind)
    if kind in ("csv", "xlsx"):
        sheet = read_table(
            path,
            sheet=options.sheet,
            encoding=options.encoding,
            max_bytes=options.max_bytes,
            kind=None if path.suffix.lower() == ".xls" else kind,
        )
        return sheet, report
    if kind == "backstage":
        from orgdesign.analysis.hris.backstage import backstage_sheet

        return backstage_sheet(path, options.max_bytes, report), report
    if kind == "scim":
        from orgdesign.analysis.hris.scim import scim_sheet

        text = _text(path, options.max_bytes)
        return scim_sheet(text, path, report), report
    if kind == "ldif":
        from orgdesign.analysis.hris.ldif import ldif_sheet

        return ldif_sheet(read_input(path, options.max_bytes), path, report), report
    raise ImportUsageError(f"unknown source format {kind!r}; use one of {', '.join(FORMATS)}")


def _text(path: Path, max_bytes: int) -> str:
    data = read_input(path, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(f"{path}: not UTF-8 text (byte {exc.start + 1})") from exc
