"""The RACI matrix as tab-separated values (`raci -o matrix.tsv`): the CSV table with tabs.

Cells are neutralised like the CSV's (no spreadsheet reads a cell as a formula) and tabs
or line breaks inside a cell become spaces, so every line is one row.
"""

from __future__ import annotations

from orgdesign.output.formats import TableOptions
from orgdesign.output.tables.raci import neutralise, table_rows
from orgdesign.output.tables.raci_model import RaciMatrix


def _cell(text: str) -> str:
    return neutralise(" ".join(text.replace("\t", " ").splitlines()))


def tsv_file(matrix: RaciMatrix, options: TableOptions) -> bytes:
    del options
    lines = ["\t".join(_cell(cell) for cell in row) for row in table_rows(matrix)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
