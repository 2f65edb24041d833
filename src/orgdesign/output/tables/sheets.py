"""Tables out: CSV and XLSX files of text and number cells, safe against formula injection.

This module owns writing the tables `orgdesign export` (and the HR benches)
hand to spreadsheets: every text cell goes through `escape.formula_guard`
(`analysis.tables` undoes it on reading), an XLSX gets print set-up (landscape,
one page wide, the header row on every page, page x of y).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from orgdesign.analysis.tables import Cell, TableError, cell_text, kind_of
from orgdesign.load.fsio import write_bytes_atomic, write_text_atomic
from orgdesign.output import escape
from orgdesign.output.paper import PrintSetup, print_setup

neutralise = escape.formula_guard


def csv_text(header: list[str], rows: Iterable[list[Cell]]) -> str:
    """CSV text with every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(c) if isinstance(c, str) else cell_text(c) for c in row])
    return buffer.getvalue()


def xlsx_bytes(header: list[str], rows: Iterable[list[Cell]], title: str = "Sheet1") -> bytes:
    """An XLSX workbook of one sheet; text cells neutralised, numbers kept as numbers."""
    import openpyxl

    rows = list(rows)
    for row in rows:  # checked before the workbook exists: nothing is left half-written
        bad = next((c for c in row if isinstance(c, str) and escape.xml_chars(c) != c), None)
        if bad is not None:
            raise TableError(
                f"{bad!r} holds a control character an Excel cell cannot store; "
                "remove it or export to .csv"
            )
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=title[:31] or "Sheet1")
    worksheet.freeze_panes = "A2"
    # Print set-up: landscape, one page wide, the header row on every page, page x of y.
    paper = "a4" if len(header) <= 18 else "a3"
    print_setup(worksheet, PrintSetup(paper=paper, title_rows="1:1", header_centre=title))
    worksheet.append([neutralise(escape.office_text(h)) for h in header])
    for row in rows:
        worksheet.append(
            [neutralise(escape.office_text(c)) if isinstance(c, str) else c for c in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_table(
    path: Path, header: list[str], rows: Iterable[list[Cell]], title: str = "Sheet1"
) -> None:
    """Write a CSV (UTF-8 with BOM, so that Excel reads it as UTF-8) or XLSX table atomically."""
    if kind_of(path) == "csv":
        write_text_atomic(path, "\ufeff" + csv_text(header, rows))
    else:
        write_bytes_atomic(path, xlsx_bytes(header, rows, title))
