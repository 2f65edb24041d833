"""The RACI matrix written as Markdown, HTML, CSV or XLSX.

This module owns the four writers of a `RaciMatrix` (`raci_model`, built by
`raci_build`) and `write_raci`, which takes the writer of the output's suffix from
`orgdesign.output.registry.RACI` and writes the file whole or not at all.

The XLSX writer and its print set-up live in `raci_xlsx`.
Text that reaches a spreadsheet goes through `neutralise`: a cell beginning
with `= + - @` (or a tab or carriage return) gets a leading apostrophe, so no
spreadsheet reads it as a formula; XLSX cells are also stored as plain strings.
HTML goes through jinja2 autoescaping; Markdown through `templating.md_escape`, which also
turns `<` and `>` into entities because Markdown viewers pass raw HTML on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.load.fsio import write_bytes_atomic
from orgdesign.load.theme import DEFAULT_THEME, Theme
from orgdesign.model import Org
from orgdesign.output import escape, templating
from orgdesign.output.formats import TableOptions, UnknownFormat
from orgdesign.output.tables.raci_build import build_matrix
from orgdesign.output.tables.raci_model import (
    LETTER_FILLS,
    LETTER_STRENGTH,
    RaciError,
    RaciMatrix,
    legend,
    status_text,
)

FORMULA_STARTS: tuple[str, ...] = escape.FORMULA_STARTS

__all__ = [
    "FORMULA_STARTS",
    "LETTER_FILLS",
    "RaciError",
    "RaciMatrix",
    "build_matrix",
    "neutralise",
    "table_rows",
    "to_csv",
    "to_html",
    "to_markdown",
    "to_xlsx",
    "write_raci",
]


# --- escaping -----------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """Make a spreadsheet cell inert (`escape.formula_guard`)."""
    return escape.formula_guard(text)


def xlsx_text(text: str) -> str:
    """Text XLSX can hold (`escape.office_text`), neutralised."""
    return escape.formula_guard(escape.office_text(text))


# --- writers ------------------------------------------------------------------------------


def to_markdown(matrix: RaciMatrix) -> str:
    """The matrix as one Markdown table with area rows, a legend and the RACI findings."""
    return templating.environment().get_template("raci.md.j2").render(**_context(matrix))


def to_html(matrix: RaciMatrix, theme: Theme = DEFAULT_THEME) -> str:
    """The matrix as a standalone HTML page (no script; sticky header and first column)."""
    return templating.environment().get_template("raci.html.j2").render(**_context(matrix, theme))


def _context(matrix: RaciMatrix, theme: Theme = DEFAULT_THEME) -> dict[str, Any]:
    lang = matrix.lang
    return {
        "theme": theme,
        "m": matrix,
        "h": i18n.headings(lang),
        "pu": i18n.punctuation(lang),
        "lang": i18n.text_lang(lang),
        "legend": legend(lang),
        "fills": theme.palette.letters(),
        "raci_findings": [f for f in matrix.findings if f.rule.startswith("RACI")],
        "status": lambda row: status_text(row, lang),
        "strongest": lambda letters: letters and min(letters, key=LETTER_STRENGTH.index),
    }


def table_rows(matrix: RaciMatrix) -> list[list[str]]:
    """Header and body of the flat table (CSV): one line per responsibility and scope."""
    h = i18n.headings(matrix.lang)
    header = [h["area"], h["responsibility"], h["scope"]]
    header += [c.label for c in matrix.columns] + [h["status"]]
    body = [
        [
            row.area_name,
            row.name,
            row.scope_name or "",
            *(row.cell(c.key) for c in matrix.columns),
            status_text(row, matrix.lang),
        ]
        for row in matrix.rows
    ]
    return [header, *body]


def to_csv(matrix: RaciMatrix) -> str:
    """The matrix as CSV, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for line in table_rows(matrix):
        writer.writerow([neutralise(cell) for cell in line])
    return buffer.getvalue()


def to_xlsx(matrix: RaciMatrix, theme: Theme = DEFAULT_THEME, paper: str | None = None) -> bytes:
    """The matrix as an Excel workbook that prints (see `render.raci_xlsx`)."""
    from orgdesign.output.tables import raci_xlsx  # openpyxl loads only when a workbook is made

    return raci_xlsx.to_xlsx(matrix, theme, paper)


# --- the registry's writers: (matrix, options) -> bytes ----------------------------------


def markdown_file(matrix: RaciMatrix, options: TableOptions) -> bytes:
    del options
    return to_markdown(matrix).encode("utf-8")


def html_file(matrix: RaciMatrix, options: TableOptions) -> bytes:
    return to_html(matrix, options.theme or DEFAULT_THEME).encode("utf-8")


def csv_file(matrix: RaciMatrix, options: TableOptions) -> bytes:
    del options
    return to_csv(matrix).encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def xlsx_file(matrix: RaciMatrix, options: TableOptions) -> bytes:
    return to_xlsx(matrix, options.theme or DEFAULT_THEME, options.paper)


def write_raci(
    org: Org,
    graph: OrgGraph,
    findings: Sequence[Finding],
    out: Path,
    *,
    lang: str | None = None,
    by: str = "position",
    scope: str | None = None,
    theme: Theme = DEFAULT_THEME,
    paper: str | None = None,
) -> None:
    """Build the matrix and write it to `out` in the format of its suffix, atomically
    (`paper`: the XLSX's paper, chosen from the matrix's width when None)."""
    from orgdesign.output.registry import RACI

    try:
        writer = RACI.for_path(out).writer()
    except UnknownFormat as exc:
        raise RaciError(str(exc)) from exc
    matrix = build_matrix(org, graph, findings, lang=lang, by=by, scope=scope)
    write_bytes_atomic(out, writer(matrix, TableOptions(theme, paper)))
