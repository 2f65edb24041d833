"""Paper sizes and the print set-up of spreadsheets.

This module owns the paper names a user can ask for (`--paper a4|a3|letter|tabloid`), their
sizes in points, and `print_setup`: how an openpyxl worksheet is made to print (orientation,
paper, scale or fit to width, header rows and label columns repeated on every page, a header
with the organisation and a footer with page x of y). Both the RACI workbook and `export`'s
table use it; deciding *which* paper and scale a sheet needs is left to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PAPERS: dict[str, tuple[float, float]] = {
    "a4": (595.28, 841.89),
    "a3": (841.89, 1190.55),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}
"""Paper name -> (width, height) in points, portrait."""

XLSX_PAPER_CODES: dict[str, int] = {"letter": 1, "tabloid": 3, "a3": 8, "a4": 9}
"""Paper name -> the `paperSize` code of SpreadsheetML (ECMA-376 part 1, 18.3.1.63)."""

MARGIN_IN = 0.4
"""Left/right/bottom margin of printed sheets, inches; the top leaves room for the header."""


class PaperError(ValueError):
    """A paper name orgdesign does not know."""


def paper_size(name: str, landscape: bool = True) -> tuple[float, float]:
    """(width, height) in points of a paper by name."""
    try:
        w, h = PAPERS[name.lower()]
    except KeyError:
        raise PaperError(f"unknown paper {name!r}; use one of: {', '.join(PAPERS)}") from None
    return (h, w) if landscape else (w, h)


def printable_width(name: str, landscape: bool = True) -> float:
    """Width in points inside the left and right margins."""
    return paper_size(name, landscape)[0] - 2 * MARGIN_IN * 72


def header_text(text: str) -> str:
    """Text for a header or footer section: `&` starts a code there, so it is doubled;
    control characters and line breaks would end the section or break the file."""
    clean = "".join(ch if ch.isprintable() else " " for ch in text)
    return clean.replace("&", "&&")[:120]


@dataclass(frozen=True)
class PrintSetup:
    """How one worksheet prints."""

    paper: str = "a4"
    landscape: bool = True
    fit_width: int | None = 1
    """Pages across (height follows); None prints at `scale`."""
    scale: int = 100
    """Percent, when `fit_width` is None."""
    title_rows: str | None = None
    """Rows repeated on every page, e.g. "1:2"."""
    title_cols: str | None = None
    """Columns repeated on every page, e.g. "A:B"."""
    header_left: str = ""
    header_centre: str = ""
    font: str = "Arial"


def print_setup(sheet: Any, setup: PrintSetup, page_of: str = "Page &P of &N") -> None:
    """Apply `setup` to an openpyxl worksheet (normal or write-only); `page_of` is the footer
    with the codes `&P` (this page) and `&N` (pages in all)."""
    sheet.page_setup.orientation = "landscape" if setup.landscape else "portrait"
    sheet.page_setup.paperSize = XLSX_PAPER_CODES[setup.paper]
    if setup.fit_width is not None:
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = setup.fit_width
        sheet.page_setup.fitToHeight = 0
    else:
        sheet.page_setup.scale = setup.scale
    if setup.title_rows:
        sheet.print_title_rows = setup.title_rows
    if setup.title_cols:
        sheet.print_title_cols = setup.title_cols
    margins = sheet.page_margins
    margins.left = margins.right = margins.bottom = MARGIN_IN
    margins.top, margins.header, margins.footer = 0.75, 0.3, 0.3
    sheet.print_options.gridLines = False
    font = f'&"{header_text(setup.font)},Bold"&10'
    if setup.header_left:
        sheet.oddHeader.left.text = f"{font}{header_text(setup.header_left)}"
    if setup.header_centre:
        sheet.oddHeader.center.text = f"&10{header_text(setup.header_centre)}"
    sheet.oddHeader.right.text = "&8&D"
    sheet.oddFooter.center.text = f"&9{page_of}"
    sheet.oddFooter.right.text = "&8&A"
