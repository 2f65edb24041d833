"""Spreadsheets in: CSV and XLSX tables of text cells, safe against formula injection.

This module owns reading a table (header row and data rows with their
spreadsheet row numbers) from a CSV or XLSX file. A cell starting with `=`,
`+`, `-`, `@`, a tab or a carriage return is written with a leading `'`
(`orgdesign.output.tables.sheets` writes tables), and reading removes that `'`
again (`analysis.cells`), so a value written and read back is exactly the value
it was.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import os
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgdesign.analysis.cells import FORMULA_STARTS as FORMULA_STARTS
from orgdesign.analysis.cells import formula_guard, formula_unguard
from orgdesign.load.fsio import ReadError, capped_zip_member, read_capped

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_DELIMITERS = ",;\t|"
MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 200 * MIB
"""Largest input file read, and largest total a workbook may decompress to."""
MAX_ZIP_MEMBERS = 10_000
MAX_COLUMNS = 1000


class TableError(Exception):
    """The file cannot be read as a table; the message names it and says what to do."""


class TableUsageError(TableError):
    """The file kind (suffix) is not one this tool reads or writes."""


@dataclass
class Sheet:
    """A table of text cells: the header and the data rows with their 1-based row numbers."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    header_row: int = 1


neutralise = formula_guard
"""The cell text to write (`cells.formula_guard`): `'` before text a formula could start."""

unneutralise = formula_unguard
"""The value of a cell read back (`cells.formula_unguard`)."""


def kind_of(path: Path) -> str:
    """`csv` or `xlsx` from the file's suffix (TableUsageError otherwise)."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    if suffix == ".xls":
        raise TableUsageError(
            f"{path}: the old Excel .xls format is not read; save it as .xlsx or as CSV UTF-8"
        )
    raise TableUsageError(
        f"{path}: unknown table format {suffix or '(no suffix)'!r}; use .csv or .xlsx"
    )


def cell_text(value: Any) -> str:
    """A cell value as text: integral numbers without `.0`, dates in ISO form, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _table(records: Iterable[tuple[int, list[str]]], path: Path) -> Sheet:
    """First non-empty record is the header; empty records are skipped."""
    sheet: Sheet | None = None
    for number, cells in records:
        cells = [unneutralise(c.strip()) for c in cells]
        if not any(cells):
            continue
        if sheet is None:
            if len(cells) > MAX_COLUMNS:
                raise TableError(
                    f"{path}: the header has {len(cells)} columns; at most {MAX_COLUMNS} are read"
                )
            sheet = Sheet(header=cells, header_row=number)
            continue
        width = len(sheet.header)
        sheet.rows.append((number, (cells + [""] * width)[:width]))
    if sheet is None:
        raise TableError(f"{path}: the file is empty; it needs a header row and one row per person")
    return sheet


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text (`,` `;` tab or `|`; `,` when unsure).

    Only the delimiter is taken from the sniffer: its guesses of quoting
    rules are unreliable, and HR systems quote the standard way.
    """
    first = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(text[:16384], delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    if delimiter not in first:  # a sniff from the data, not the header: trust the header
        counts = {d: first.count(d) for d in CSV_DELIMITERS}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    return delimiter


def read_input(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most `max_bytes` (TableError otherwise).

    Read through `fsio.read_capped`: FIFOs and devices are refused before they
    are opened (reading one could hang or never end), a file whose size is
    above the limit is refused before it is read, and no more than the limit
    is ever read (a file that grows while it is read).
    """
    with contextlib.suppress(OSError, ValueError):  # read_capped says why it cannot read
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise TableError(f"{path}: {info.st_size / MIB:.1f} MiB is {_too_big(max_bytes)}")
    try:
        return read_capped(path, max_bytes)
    except ReadError as exc:
        reason = _too_big(max_bytes) if exc.too_big else exc.reason
        raise TableError(f"{path}: {reason}") from exc


def _too_big(max_bytes: int) -> str:
    return (
        f"more than the {max_bytes / MIB:.0f} MiB an input may have; "
        "is it a real HR export? (split it, or export fewer columns)"
    )


def check_encoding(encoding: str) -> None:
    """A text encoding Python knows (TableUsageError otherwise: `rot13`, `punycode`...)."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError) as exc:
        raise TableUsageError(
            f"unknown encoding {encoding!r}; use e.g. utf-8, gbk or cp1252"
        ) from exc
    if not getattr(info, "_is_text_encoding", True) or info.name in ("punycode", "idna"):
        raise TableUsageError(
            f"{encoding!r} is not an encoding of text files; use e.g. utf-8, gbk or cp1252"
        )


def decode_text(data: bytes, path: Path, encoding: str = "utf-8-sig") -> str:
    check_encoding(encoding)
    try:
        return data.decode(encoding)
    except UnicodeError as exc:
        where = f" (byte {exc.start + 1})" if isinstance(exc, UnicodeDecodeError) else ""
        raise TableError(
            f"{path}: not {encoding} text{where}; save it as UTF-8, "
            "or name its encoding with --encoding (e.g. gbk, cp1252)"
        ) from exc


SNIFF_BYTES = MIB
"""Bytes decoded to guess the delimiter (the header and the first rows)."""


def read_csv(path: Path, encoding: str = "utf-8-sig", max_bytes: int = DEFAULT_MAX_BYTES) -> Sheet:
    """A CSV table, decoded and split row by row (no copy of the whole text is made)."""
    data = read_input(path, max_bytes)
    check_encoding(encoding)
    head = codecs.getincrementaldecoder(encoding)("replace").decode(data[:SNIFF_BYTES])
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(stream, delimiter=sniff_delimiter(head))
    try:
        return _table(enumerate(reader, start=1), path)
    except UnicodeError:
        decode_text(data, path, encoding)  # raises the TableError naming the byte
        raise
    except csv.Error as exc:
        raise TableError(f"{path}: not a readable CSV file: {exc}") from exc


def check_zip(data: bytes, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse an archive whose members would decompress to more than `max_bytes` in all.

    The declared sizes are checked first (nothing is decompressed for an
    honest bomb); then every member is decompressed through
    `fsio.capped_zip_member` with what is left of the budget, so a member
    that lies about its size, or is damaged, is refused before openpyxl
    parses anything.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            total = sum(m.file_size for m in members)
            if len(members) > MAX_ZIP_MEMBERS or total > max_bytes:
                raise TableError(
                    f"{path}: the workbook would expand to {total / MIB:.0f} MiB in "
                    f"{len(members)} parts, more than the {max_bytes / MIB:.0f} MiB allowed; "
                    "is it a real HR export?"
                )
            left = max_bytes
            for member in members:
                left -= len(capped_zip_member(archive, member.filename, left))
    except ReadError as exc:
        part = exc.path.split(":", 1)[-1]
        raise TableError(
            f"{path}: not a readable Excel workbook (.xlsx): part {part!r}: {exc.reason}"
        ) from exc
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError(f"{path}: not a readable Excel workbook (.xlsx): {exc}") from exc


def read_xlsx(path: Path, sheet: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Sheet:
    import openpyxl  # imported here: it takes a while, and most commands never need it

    data = read_input(path, max_bytes)
    check_zip(data, path, max_bytes)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken parts (zip, XML, KeyError)
        raise TableError(
            f"{path}: not a readable Excel workbook (.xlsx): {type(exc).__name__}"
        ) from exc
    try:
        return _sheet_of(workbook, path, sheet)
    except TableError:
        raise
    except Exception as exc:  # a broken sheet part fails only when it is read
        raise TableError(
            f"{path}: not a readable Excel workbook (.xlsx): {type(exc).__name__}"
        ) from exc
    finally:
        workbook.close()


def _sheet_of(workbook: Any, path: Path, sheet: str | None) -> Sheet:
    if not workbook.worksheets:
        raise TableError(f"{path}: the workbook has no sheet")
    if sheet is not None and sheet not in workbook.sheetnames:
        names = ", ".join(workbook.sheetnames)
        raise TableUsageError(f"{path}: no sheet named {sheet!r}; its sheets are: {names}")
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    # Some HR systems write a wrong sheet size; read every row that is there.
    worksheet.reset_dimensions()
    records = (
        (number, [cell_text(v) for v in values])
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1)
    )
    return _table(records, path)


def read_table(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str = "utf-8-sig",
    max_bytes: int = DEFAULT_MAX_BYTES,
    kind: str | None = None,
) -> Sheet:
    """Read a CSV or XLSX table (TableError if it cannot be read); the kind from the suffix."""
    if (kind or kind_of(path)) == "csv":
        return read_csv(path, encoding, max_bytes)
    return read_xlsx(path, sheet, max_bytes)


Cell = str | int | float
"""A cell a table writer takes: text (guarded) or a number (kept as a number)."""
