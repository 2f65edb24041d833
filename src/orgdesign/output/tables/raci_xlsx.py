"""The RACI matrix as an Excel workbook that prints.

This module owns the XLSX writer of `render.raci`: the RACI sheet (unit
headers over their positions, position titles written upwards, one fill per
letter, flagged rows shaded, header rows and label columns frozen), the Legend
and Findings sheets, and how each prints: landscape, header rows and the
responsibility/scope columns repeated on every page, a header with the
organisation and a footer with page x of y (see `orgdesign.output.paper`).

The paper, scale and column breaks come from `render.raci_print.plan_pages`, so that
no printed letter falls below 6 pt and each page carries whole units beside the labels.

Every text cell is a plain string through `raci.xlsx_text` (control characters
replaced, formula starts neutralised).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from typing import Any

from orgdesign import i18n
from orgdesign.load.theme import DEFAULT_THEME, Theme
from orgdesign.output.paper import PrintSetup, print_setup
from orgdesign.output.tables import raci_model
from orgdesign.output.tables.raci import xlsx_text
from orgdesign.output.tables.raci_model import (
    LETTER_STRENGTH,
    RaciError,
    RaciMatrix,
    legend,
    status_text,
)
from orgdesign.output.tables.raci_print import (
    FONT_PT,
    Pages,
    column_pt,
    plan_pages,
    text_pt,
    wrapped_lines,
)

WIDTHS = {"name": 40.0, "scope": 16.0, "letters": 4.6, "status": 26.0}
"""Column widths in Excel's character units."""
AREA_FILL = "D9E1F2"
FINDING_WIDTHS = (10, 10, 90, 36, 28)
"""Widths of the Findings sheet's columns: rule, severity, message, location, element."""
LINE_PT = 12.75
"""Height of one line of 10-pt text in a row."""


def to_xlsx(matrix: RaciMatrix, theme: Theme = DEFAULT_THEME, paper: str | None = None) -> bytes:
    """The matrix as an Excel workbook (RACI, Legend and Findings sheets) that prints."""
    from openpyxl import Workbook

    wb = Workbook()
    default_font(wb, theme.font, FONT_PT)
    _named_styles(wb, theme)
    _xlsx_matrix(wb.active, matrix, theme, paper)
    _xlsx_legend(wb.create_sheet(), matrix.lang, theme)
    _xlsx_findings(wb.create_sheet(), matrix, theme)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def default_font(wb: Any, name: str, size: float) -> None:
    """Make `name` the workbook's default font. Column widths are counted in the default
    font's digit widths: left at Calibri, which LibreOffice replaces by a wider font where
    Calibri is missing, every column prints wider than planned and pages break early."""
    from openpyxl.styles import Font

    font = Font(name=name, size=size)
    wb._fonts = type(wb._fonts)([font, *list(wb._fonts)[1:]])  # the font of style 0
    wb._named_styles["Normal"].font = font


def put(sheet: Any, row: int, col: int, value: str | int | None, **style: Any) -> Any:
    """Write one cell as plain text (cleaned and neutralised) or a number, with styles."""
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    for name, val in style.items():
        setattr(cell, name, val)
    return cell


def _named_styles(wb: Any, theme: Theme) -> None:
    """Register the sheet's styles once: a cell then takes a style by name, far cheaper than
    setting font, fill, border and alignment on each of thousands of cells."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    pal = theme.palette
    thin = Side(style="thin", color="BFBFBF")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap: dict[str, Any] = {"wrap_text": True, "vertical": "center"}

    def font(bold: bool = False, **kw: Any) -> Any:
        return Font(name=theme.font, size=kw.pop("size", FONT_PT), bold=bold, **kw)

    def style(name: str, **kw: Any) -> Any:
        return NamedStyle(name, font=kw.pop("font", font()), **kw)

    styles = [
        style("raci-title", font=font(True, size=13, color=pal.accent)),
        style("raci-head", font=font(True), border=box, alignment=Alignment(vertical="bottom")),
        style("raci-area", font=font(True), fill=PatternFill("solid", fgColor=AREA_FILL)),
        style("raci-name", border=box, alignment=Alignment(indent=1, **wrap)),
        style("raci-text", border=box, alignment=Alignment(**wrap)),
        style("raci-plain"),
        style("raci-bold", font=font(True)),
    ]
    soft = PatternFill("solid", fgColor=pal.soft)
    for rotation in (0, 90):
        styles.append(
            style(
                f"raci-group-{rotation}",
                font=font(True),
                border=box,
                fill=soft,
                alignment=Alignment(
                    horizontal="center", vertical="center", wrap_text=True, text_rotation=rotation
                ),
            )
        )
    styles.append(
        style(
            "raci-column",
            font=font(True),
            border=box,
            alignment=Alignment(
                text_rotation=90, horizontal="center", vertical="bottom", wrap_text=True
            ),
        )
    )
    styles += _marked_styles(style, font, box, wrap, pal)
    for item in styles:
        wb.add_named_style(item)


def _marked_styles(
    style: Callable[..., Any], font: Callable[..., Any], box: Any, wrap: dict[str, Any], pal: Any
) -> list[Any]:
    """The styles that colour a cell: uncovered and broken rows, and each letter."""
    from openpyxl.styles import Alignment, PatternFill

    centre = Alignment(horizontal="center", vertical="center")
    styles: list[Any] = []
    for flag, colour in (("uncovered", pal.vacant), ("broken", pal.bad)):
        fill = PatternFill("solid", fgColor=colour)
        styles.append(
            style(
                f"raci-name-{flag}",
                border=box,
                fill=fill,
                alignment=Alignment(indent=1, **wrap),
            )
        )
        styles.append(
            style(f"raci-text-{flag}", border=box, fill=fill, alignment=Alignment(**wrap))
        )
    for letter, colour in pal.letters().items():
        fill = PatternFill("solid", fgColor=colour)
        styles.append(
            style(
                f"raci-{letter}", font=font(letter == "A"), fill=fill, alignment=centre, border=box
            )
        )
    return styles


def group_rotation(label: str, span: int) -> int:
    """0 when a unit's name fits across its columns in at most three wrapped lines, else 90."""
    room = span * column_pt(WIDTHS["letters"]) - 6
    longest_word = max((text_pt(w) for w in label.split()), default=0.0)
    return 0 if longest_word <= room and text_pt(label) <= 3 * room else 90


def _header_height(labels: Sequence[str], lines: int = 2) -> float:
    """Height (points) of a row of upward text: the longest label on one line when that
    stays under 170 pt, else wrapped over up to `lines` lines (at most 230 pt)."""
    longest = max((text_pt(x) for x in labels), default=40.0)
    if longest + 14 <= 170:
        return max(60.0, longest + 14)
    return min(230.0, max(170.0, longest / lines + 14))


def _group_row(sheet: Any, matrix: RaciMatrix, first: int) -> None:
    """Row 1: the matrix title over the labels, each unit's name over its positions."""
    col, heights = first, [18.0]
    for label, span in matrix.column_groups():
        rotation = group_rotation(label, span)
        put(sheet, 1, col, label, style=f"raci-group-{rotation}")
        if span > 1:
            sheet.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + span - 1)
        if rotation:
            heights.append(_header_height([label], lines=max(1, span)))
        else:
            room = span * column_pt(WIDTHS["letters"]) - 6
            heights.append(15.0 * math.ceil(text_pt(label) / room) + 4)
        col += span
    put(sheet, 1, 1, matrix.title, style="raci-title")
    sheet.row_dimensions[1].height = max(heights)


def _xlsx_matrix(sheet: Any, matrix: RaciMatrix, theme: Theme, paper: str | None) -> None:
    from openpyxl.utils import get_column_letter

    h = i18n.headings(matrix.lang)
    sheet.title = i18n.sheet_name("raci", matrix.lang)
    first = 3  # columns A-B: responsibility, scope; the status follows the positions
    last = first + len(matrix.columns)
    if last > raci_model.MAX_XLSX_COLUMNS:
        raise RaciError(
            f"{len(matrix.columns)} columns do not fit in one spreadsheet; "
            "group them with --by unit or narrow the matrix with --scope"
        )
    grouped = matrix.by == "position"
    header_row = 2 if grouped else 1
    if grouped:
        _group_row(sheet, matrix, first)
    for col, text in ((1, h["responsibility"]), (2, h["scope"]), (last, h["status"])):
        put(sheet, header_row, col, text, style="raci-head")
    for i, column in enumerate(matrix.columns):
        put(sheet, header_row, first + i, column.label, style="raci-column")
    sheet.row_dimensions[header_row].height = _header_height([c.label for c in matrix.columns])
    _xlsx_body(sheet, matrix, header_row + 1, first, last)
    widths = [WIDTHS["name"], WIDTHS["scope"], *letter_widths(matrix), WIDTHS["status"]]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=first).coordinate
    groups = [span for _, span in matrix.column_groups()] if grouped else [1] * len(matrix.columns)
    pages = plan_pages([column_pt(w) for w in widths], 2, [*groups, 1], paper)
    _apply_pages(sheet, matrix, theme, pages, header_row)


def letter_widths(matrix: RaciMatrix) -> list[float]:
    """Width of each letter column: room for its longest cell ("R/A/C/I" when grouped by unit)."""
    longest = dict.fromkeys((c.key for c in matrix.columns), 1)
    for row in matrix.rows:
        for key in row.cells:
            longest[key] = max(longest[key], len(row.cell(key)))
    return [max(WIDTHS["letters"], 1.3 * longest[c.key] + 1) for c in matrix.columns]


def _xlsx_body(sheet: Any, matrix: RaciMatrix, start: int, first: int, last: int) -> None:
    """Area rows and one row per responsibility and scope."""
    column_of = {c.key: first + i for i, c in enumerate(matrix.columns)}
    r = start
    for area in matrix.areas:
        put(sheet, r, 1, area.name, style="raci-area")
        for c in range(2, last + 1):
            sheet.cell(row=r, column=c).style = "raci-area"
        r += 1
        for row in area.rows:
            flag = "-uncovered" if row.uncovered else "-broken" if row.broken else ""
            put(sheet, r, 1, row.name, style=f"raci-name{flag}")
            put(sheet, r, 2, row.scope_name or "", style=f"raci-text{flag}")
            put(sheet, r, last, status_text(row, matrix.lang), style=f"raci-text{flag}")
            for key, letters in row.cells.items():
                strongest = min(letters, key=LETTER_STRENGTH.index)
                put(sheet, r, column_of[key], row.cell(key), style=f"raci-{strongest}")
            lines = max(
                wrapped_lines(row.name, WIDTHS["name"], indent=True),
                wrapped_lines(row.scope_name or "", WIDTHS["scope"]),
                wrapped_lines(status_text(row, matrix.lang), WIDTHS["status"]),
            )
            if lines > 1:  # LibreOffice does not grow a row for wrapped text by itself
                sheet.row_dimensions[r].height = LINE_PT * lines + 2
            r += 1


def _apply_pages(
    sheet: Any, matrix: RaciMatrix, theme: Theme, pages: Pages, header_row: int
) -> None:
    from openpyxl.worksheet.pagebreak import Break

    h = i18n.headings(matrix.lang)
    centre = h["raci_title"] + (f" · {h['scoped_to']} {matrix.scope_name}" if matrix.scope else "")
    setup = PrintSetup(
        paper=pages.paper,
        fit_width=pages.fit_width,
        scale=pages.scale,
        title_rows=f"1:{header_row}",
        title_cols="A:B",
        header_left=theme.header_name(matrix.title),
        header_centre=centre,
        font=theme.font,
    )
    print_setup(sheet, setup, h["page_of"])
    for col in pages.breaks:
        sheet.col_breaks.append(Break(id=col))


def _xlsx_legend(sheet: Any, lang: str | None, theme: Theme) -> None:
    from openpyxl.styles import PatternFill

    h = i18n.headings(lang)
    sheet.title = i18n.sheet_name("legend", lang)
    for i, text in enumerate((h["letter"], h["meaning"], h["description"])):
        put(sheet, 1, i + 1, text, style="raci-bold")
    for r, (letter, name, help_text) in enumerate(legend(lang), start=2):
        put(sheet, r, 1, letter, style=f"raci-{letter}")
        put(sheet, r, 2, name, style="raci-plain")
        put(sheet, r, 3, help_text, style="raci-plain")
    shaded = len(legend(lang)) + 3
    pal = theme.palette
    put(sheet, shaded, 1, "", fill=PatternFill("solid", fgColor=pal.vacant))
    put(sheet, shaded, 2, h["uncovered"], style="raci-plain")
    put(sheet, shaded + 1, 1, "", fill=PatternFill("solid", fgColor=pal.bad))
    put(sheet, shaded + 1, 2, h["breaks_rules"], style="raci-plain")
    for letter, width in zip("ABC", (8, 26, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    setup = PrintSetup(paper="a4", landscape=False, title_rows="1:1", header_left=h["legend"])
    print_setup(sheet, setup, h["page_of"])


def _xlsx_findings(sheet: Any, matrix: RaciMatrix, theme: Theme) -> None:
    from openpyxl.styles import Alignment

    h = i18n.headings(matrix.lang)
    sheet.title = i18n.sheet_name("findings", matrix.lang)
    heads = (h["rule"], h["severity"], h["message"], h["location"], h["element"])
    for i, text in enumerate(heads):
        put(sheet, 1, i + 1, text, style="raci-bold")
    wrap = Alignment(wrap_text=True, vertical="top")  # a tall row reads from its top
    for r, f in enumerate(matrix.findings, start=2):
        put(sheet, r, 1, f.rule, style="raci-plain", alignment=wrap)
        severity = i18n.severity_name(f.severity.value, matrix.lang)
        put(sheet, r, 2, severity, style="raci-plain", alignment=wrap)
        put(sheet, r, 3, f.message, style="raci-plain", alignment=wrap)
        where = f"{f.file}:{f.line}:{f.column}"
        put(sheet, r, 4, where, style="raci-plain", alignment=wrap)
        put(sheet, r, 5, f.element or "", style="raci-plain", alignment=wrap)
        lines = max(
            wrapped_lines(f.message, FINDING_WIDTHS[2]), wrapped_lines(where, FINDING_WIDTHS[3])
        )
        if lines > 1:  # as in the matrix: LibreOffice would print the next row over it
            sheet.row_dimensions[r].height = LINE_PT * lines + 2
    for letter, width in zip("ABCDE", FINDING_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    setup = PrintSetup(
        paper="a4",
        title_rows="1:1",
        header_left=theme.header_name(matrix.title),
        header_centre=h["findings"],
        font=theme.font,
    )
    print_setup(sheet, setup, h["page_of"])
