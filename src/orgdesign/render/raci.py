"""The RACI matrix: built from the model, written as Markdown, HTML, CSV or XLSX.

This module owns `RaciMatrix` (rows are responsibilities per scope, grouped by
area in catalogue order; columns are positions, or units with `by="unit"`;
cells are letters), how rows are flagged (a required responsibility nobody is
assigned, an entry that breaks a RACI rule according to the validation
findings), and the four writers. `write_raci` picks the writer from the output
suffix and writes the file whole or not at all.

Text that reaches a spreadsheet goes through `neutralise`: a cell beginning
with `= + - @` (or a tab or carriage return) gets a leading apostrophe, so no
spreadsheet reads it as a formula; XLSX cells are also stored as plain strings.
HTML goes through jinja2 autoescaping; Markdown through `i18n.md_escape`, which also
turns `<` and `>` into entities because Markdown viewers pass raw HTML on.
"""

from __future__ import annotations

import bisect
import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgdesign import escape
from orgdesign.findings import Finding
from orgdesign.fsio import write_bytes_atomic
from orgdesign.graph import OrgGraph
from orgdesign.model import Org, RaciEntry
from orgdesign.render import i18n
from orgdesign.render.cards import responsibility_order

SUFFIXES: tuple[str, ...] = (".md", ".html", ".csv", ".xlsx")
GROUPINGS: tuple[str, ...] = ("position", "unit")

LETTER_FILLS: dict[str, str] = {
    "A": "F4B183",
    "R": "A9D08E",
    "S": "9DC3E6",
    "C": "FFE699",
    "I": "D9D9D9",
}
"""Background colour (RGB hex) of a cell by its strongest letter."""

LETTER_STRENGTH: tuple[str, ...] = ("A", "R", "S", "C", "I")
MAX_XLSX_COLUMNS = 16384
"""Columns of one Excel sheet (A to XFD)."""
FORMULA_STARTS: tuple[str, ...] = escape.FORMULA_STARTS


class RaciError(ValueError):
    """The matrix cannot be made as asked (unknown scope unit, grouping or suffix)."""


@dataclass(frozen=True)
class Column:
    """A column of the matrix: a position (or a unit when grouped by unit)."""

    key: str
    label: str
    group: str
    """Label of the unit the column sits under (its own label when grouped by unit)."""
    known: bool = True
    vacant: bool = False
    flags: tuple[str, ...] = ()
    """Rule ids of findings on this position (e.g. RACI206)."""


@dataclass
class Row:
    """One responsibility in one scope."""

    responsibility: str
    name: str
    area: str
    area_name: str
    scope: str | None
    scope_name: str | None
    required: bool
    uncovered: bool = False
    cells: dict[str, list[str]] = field(default_factory=dict)
    """Column key -> letters, strongest first."""
    who: dict[str, list[str]] = field(default_factory=dict)
    """Column key -> "position: letters" lines (when grouped by unit)."""
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return bool(self.findings)

    @property
    def rules(self) -> list[str]:
        return sorted({f.rule for f in self.findings})

    def cell(self, key: str) -> str:
        return "/".join(self.cells.get(key, []))


@dataclass
class Area:
    id: str
    name: str
    rows: list[Row]


@dataclass
class RaciMatrix:
    """Everything a RACI document shows."""

    title: str
    by: str
    scope: str | None
    scope_name: str | None
    columns: list[Column]
    areas: list[Area]
    findings: list[Finding]
    lang: str | None

    @property
    def rows(self) -> list[Row]:
        return [row for area in self.areas for row in area.rows]

    def column_groups(self) -> list[tuple[str, int]]:
        """Consecutive columns under the same unit: (unit label, number of columns)."""
        groups: list[tuple[str, int]] = []
        for col in self.columns:
            if groups and groups[-1][0] == col.group:
                groups[-1] = (col.group, groups[-1][1] + 1)
            else:
                groups.append((col.group, 1))
        return groups


# --- building the matrix ------------------------------------------------------------------


def unit_order(org: Org, graph: OrgGraph) -> list[str]:
    """Units depth-first from the roots, children in file order; stray units last."""
    order: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(graph.unit_roots))
    while stack:
        uid = stack.pop()
        if uid in seen or uid not in graph.units:
            continue
        seen.add(uid)
        order.append(uid)
        stack.extend(reversed(list(graph.unit_tree.successors(uid))))
    return order + [u.id for u in org.units if u.id not in seen]


def select_entries(org: Org, graph: OrgGraph, scope: str | None) -> list[RaciEntry]:
    """The entries that hold inside `scope` (all entries when None).

    Inside a unit, each responsibility keeps its most specific covering entry
    (scoped to the unit or its nearest ancestor, else the organisation-wide
    one) and every entry scoped to a unit below it.
    """
    if scope is None:
        return list(org.raci)
    if scope not in graph.units:
        raise RaciError(f"unknown unit {scope!r} for --scope")
    up = [scope, *graph.unit_ancestors(scope)]
    below = graph.unit_subtree(scope) - {scope}
    chosen: list[RaciEntry] = []
    covering: dict[str, tuple[int, list[RaciEntry]]] = {}
    for entry in org.raci:
        if entry.scope in below:
            chosen.append(entry)
            continue
        rank = up.index(entry.scope) if entry.scope in up else len(up) if not entry.scope else -1
        if rank < 0:
            continue
        best = covering.get(entry.responsibility)
        if best is None or rank < best[0]:
            covering[entry.responsibility] = (rank, [entry])
        elif rank == best[0]:
            best[1].append(entry)
    kept = {id(e) for _, entries in covering.values() for e in entries} | {id(e) for e in chosen}
    return [e for e in org.raci if id(e) in kept]


def entry_starts(org: Org) -> dict[str, tuple[list[tuple[int, int]], list[RaciEntry]]]:
    """Per file, the (line, column) where each RACI entry starts, sorted, and the entries."""
    by_file: dict[str, list[tuple[tuple[int, int], int, RaciEntry]]] = {}
    for i, entry in enumerate(org.raci):
        src = entry.src
        start = (src.raw.line, src.raw.column) if src.raw is not None else (src.line, src.column)
        by_file.setdefault(src.file, []).append((start, i, entry))
    out: dict[str, tuple[list[tuple[int, int]], list[RaciEntry]]] = {}
    for file, items in by_file.items():
        items.sort(key=lambda item: (item[0], item[1]))
        out[file] = ([start for start, _, _ in items], [entry for _, _, entry in items])
    return out


def attach_findings(
    org: Org, rows: dict[tuple[str, str | None], Row], findings: Iterable[Finding]
) -> None:
    """Hang each finding on a responsibility onto its row: the row of the entry the finding
    points into (the last entry starting at or before it), or every row of the
    responsibility when it points elsewhere (e.g. RACI204 at the `catalogs:` line)."""
    starts = entry_starts(org)
    for f in findings:
        if f.element not in org.responsibility_by_id:
            continue
        places, entries = starts.get(f.file, ([], []))
        at = bisect.bisect_right(places, (f.line, f.column)) - 1
        found = entries[at] if at >= 0 else None
        if found is not None and found.responsibility == f.element and found.key in rows:
            rows[found.key].findings.append(f)
            continue
        for key, row in rows.items():
            if key[0] == f.element:
                row.findings.append(f)


def strongest_first(letters: Iterable[str]) -> list[str]:
    got = set(letters)
    return [x for x in i18n.MATRIX_LETTER_ORDER if x in got]


def _position_columns(
    org: Org, graph: OrgGraph, used: set[str], flags: dict[str, set[str]], lang: str | None
) -> list[Column]:
    h = i18n.headings(lang)
    rank = {uid: i for i, uid in enumerate(unit_order(org, graph))}
    positions = [p for p in org.positions if p.id in used]
    positions.sort(key=lambda p: rank.get(p.unit or "", len(rank)))
    titles = [p.label(lang) for p in positions]
    repeated = {t for t, n in Counter(titles).items() if n > 1}
    columns = []
    for pos, title in zip(positions, titles, strict=True):
        label = f"{title} ({pos.id})" if title in repeated else title
        unit = graph.units.get(pos.unit or "")
        columns.append(
            Column(
                key=pos.id,
                label=label,
                group=unit.label(lang) if unit else h["no_unit"],
                vacant=pos.vacant,
                flags=tuple(sorted(flags.get(pos.id, ()))),
            )
        )
    for pid in sorted(used - set(org.position_by_id)):
        columns.append(Column(key=pid, label=pid, group=h["no_unit"], known=False))
    return columns


def _unit_columns(
    org: Org, graph: OrgGraph, used: set[str], lang: str | None
) -> tuple[list[Column], dict[str, str]]:
    """Columns per unit and the map position id -> column key."""
    h = i18n.headings(lang)
    key_of = {pid: (graph.unit_of(pid) or "") for pid in used}
    columns = []
    for uid in unit_order(org, graph):
        if uid in key_of.values():
            label = graph.units[uid].label(lang)
            columns.append(Column(key=uid, label=label, group=label))
    if "" in key_of.values():
        columns.append(Column(key="", label=h["no_unit"], group=h["no_unit"]))
    return columns, key_of


def build_matrix(
    org: Org,
    graph: OrgGraph,
    findings: Sequence[Finding] = (),
    *,
    lang: str | None = None,
    by: str = "position",
    scope: str | None = None,
) -> RaciMatrix:
    """The RACI matrix of an organisation (raises RaciError for a bad scope or grouping)."""
    if by not in GROUPINGS:
        raise RaciError(f"unknown grouping {by!r}; use one of: {', '.join(GROUPINGS)}")
    entries = select_entries(org, graph, scope)
    resp_rank = responsibility_order(org)
    area_rank = {top.id: i for i, top in enumerate(org.responsibilities)}
    units_rank = {uid: i for i, uid in enumerate(unit_order(org, graph))}
    used = {pid for entry in entries for _, pid, _ in entry.letters()}

    raci_findings = [f for f in findings if f.rule.startswith("RACI")]
    position_flags: dict[str, set[str]] = {}
    for f in raci_findings:
        if f.element in org.position_by_id and f.element not in org.responsibility_by_id:
            position_flags.setdefault(f.element, set()).add(f.rule)
    if by == "unit":
        columns, key_of = _unit_columns(org, graph, used, lang)
    else:
        columns = _position_columns(org, graph, used, position_flags, lang)
        key_of = {pid: pid for pid in used}

    rows: dict[tuple[str, str | None], Row] = {}
    for entry in entries:
        row = rows.get(entry.key) or _new_row(org, graph, entry.responsibility, entry.scope, lang)
        rows[entry.key] = row
        for letter, pid, _ in entry.letters():
            key = key_of[pid]
            row.cells[key] = strongest_first([*row.cells.get(key, []), letter])
            if by == "unit":
                row.who.setdefault(key, []).append(f"{letter}: {_position_label(org, pid, lang)}")
        if entry.note and entry.note not in row.notes:
            row.notes.append(entry.note)
    for rid in (r.id for r in org.uncovered_required()):
        row = _new_row(org, graph, rid, None, lang)
        row.uncovered = True
        rows[(rid, None)] = row

    attach_findings(org, rows, raci_findings)
    ordered = sorted(
        rows.values(),
        key=lambda r: (
            area_rank.get(r.area, len(area_rank)),
            resp_rank.get(r.responsibility, len(resp_rank)),
            r.responsibility,
            -1 if r.scope is None else units_rank.get(r.scope, len(units_rank)),
        ),
    )
    areas: list[Area] = []
    for row in ordered:
        if not areas or areas[-1].id != row.area:
            areas.append(Area(row.area, row.area_name, []))
        areas[-1].rows.append(row)
    title = org.organization.label(lang) if org.organization else Path(org.root_file).stem
    scope_name = graph.units[scope].label(lang) if scope else None
    return RaciMatrix(
        title=title,
        by=by,
        scope=scope,
        scope_name=scope_name,
        columns=columns,
        areas=areas,
        findings=sorted(findings, key=Finding.sort_key),
        lang=lang,
    )


def _position_label(org: Org, pid: str, lang: str | None) -> str:
    pos = org.position_by_id.get(pid)
    return pos.label(lang) if pos else pid


def _new_row(org: Org, graph: OrgGraph, rid: str, scope: str | None, lang: str | None) -> Row:
    resp = org.responsibility_by_id.get(rid)
    area_id = org.area_of(rid)
    area = org.responsibility_by_id.get(area_id)
    unit = graph.units.get(scope) if scope else None
    return Row(
        responsibility=rid,
        name=resp.label(lang) if resp else rid,
        area=area_id,
        area_name=area.label(lang) if area else area_id,
        scope=scope,
        scope_name=(unit.label(lang) if unit else scope) if scope else None,
        required=bool(resp and resp.required),
    )


def status_text(row: Row, lang: str | None) -> str:
    """Short status of a row: uncovered, and the rules it breaks."""
    h = i18n.headings(lang)
    parts = [h["uncovered"]] if row.uncovered else []
    rules = [r for r in row.rules if not (row.uncovered and r == "RACI204")]
    if rules:
        parts.append(", ".join(rules))
    return "; ".join(parts)


def legend(lang: str | None) -> list[tuple[str, str, str]]:
    """(letter, name, what it means) for the legend."""
    return [
        (x, i18n.letter_name(x, lang), i18n.letter_help(x, lang)) for x in i18n.MATRIX_LETTER_ORDER
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
    return i18n.environment().get_template("raci.md.j2").render(**_context(matrix))


def to_html(matrix: RaciMatrix) -> str:
    """The matrix as a standalone HTML page (no script; sticky header and first column)."""
    return i18n.environment().get_template("raci.html.j2").render(**_context(matrix))


def _context(matrix: RaciMatrix) -> dict[str, Any]:
    lang = matrix.lang
    return {
        "m": matrix,
        "h": i18n.headings(lang),
        "lang": i18n.text_lang(lang),
        "legend": legend(lang),
        "fills": LETTER_FILLS,
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


def to_xlsx(matrix: RaciMatrix) -> bytes:
    """The matrix as an Excel workbook: RACI, Legend and Findings sheets.

    The RACI sheet has its header row(s) and the responsibility columns frozen,
    position titles written upwards in narrow columns, one fill per letter and
    flagged rows shaded; every text cell is a neutralised plain string.
    """
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    _xlsx_matrix(sheet, matrix)
    _xlsx_legend(wb.create_sheet(), matrix.lang)
    _xlsx_findings(wb.create_sheet(), matrix)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _put(sheet: Any, row: int, col: int, value: str | int | None, **style: Any) -> Any:
    """Write one cell as plain text (neutralised) or a number, with optional styles."""
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"
    else:
        cell.value = value
    for name, val in style.items():
        setattr(cell, name, val)
    return cell


def _named_styles(wb: Any) -> None:
    """Register the RACI sheet's styles once: a cell then takes a style by name, which is
    far cheaper than setting font, fill, border and alignment on each of thousands of cells."""
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="BFBFBF")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center")
    solid = {x: PatternFill("solid", fgColor=c) for x, c in LETTER_FILLS.items()}
    styles = [
        NamedStyle("raci-title", font=Font(bold=True, size=13)),
        NamedStyle("raci-group", font=Font(bold=True), alignment=centre, border=box),
        NamedStyle(
            "raci-head", font=Font(bold=True), border=box, alignment=Alignment(vertical="bottom")
        ),
        NamedStyle(
            "raci-column",
            font=Font(bold=True),
            border=box,
            alignment=Alignment(
                text_rotation=90, horizontal="center", vertical="bottom", wrap_text=True
            ),
        ),
        NamedStyle("raci-area", font=Font(bold=True), fill=PatternFill("solid", fgColor="D9E1F2")),
        NamedStyle("raci-name", border=box, alignment=Alignment(indent=1)),
        NamedStyle("raci-text", border=box),
    ]
    for flag, colour in (("uncovered", "FFF2CC"), ("broken", "F8CBAD")):
        fill = PatternFill("solid", fgColor=colour)
        styles.append(
            NamedStyle(f"raci-name-{flag}", border=box, fill=fill, alignment=Alignment(indent=1))
        )
        styles.append(NamedStyle(f"raci-text-{flag}", border=box, fill=fill))
    for letter, fill in solid.items():
        font = Font(bold=letter == "A")
        styles.append(
            NamedStyle(f"raci-{letter}", font=font, fill=fill, alignment=centre, border=box)
        )
    for style in styles:
        wb.add_named_style(style)


def _xlsx_matrix(sheet: Any, matrix: RaciMatrix) -> None:
    from openpyxl.utils import get_column_letter

    h = i18n.headings(matrix.lang)
    sheet.title = "RACI"
    _named_styles(sheet.parent)
    first = 3  # columns A-B: responsibility, scope; the status follows the positions
    last = first + len(matrix.columns)
    if last > MAX_XLSX_COLUMNS:
        raise RaciError(
            f"{len(matrix.columns)} columns do not fit in one spreadsheet; "
            "group them with --by unit or narrow the matrix with --scope"
        )
    column_of = {c.key: first + i for i, c in enumerate(matrix.columns)}
    grouped = matrix.by == "position"
    header_row = 2 if grouped else 1
    if grouped:
        col = first
        for label, span in matrix.column_groups():
            _put(sheet, 1, col, label, style="raci-group")
            if span > 1:
                sheet.merge_cells(
                    start_row=1, start_column=col, end_row=1, end_column=col + span - 1
                )
            col += span
        _put(sheet, 1, 1, matrix.title, style="raci-title")
    for col, text in ((1, h["responsibility"]), (2, h["scope"]), (last, h["status"])):
        _put(sheet, header_row, col, text, style="raci-head")
    for column in matrix.columns:
        _put(sheet, header_row, column_of[column.key], column.label, style="raci-column")
    sheet.row_dimensions[header_row].height = 150
    r = header_row + 1
    for area in matrix.areas:
        _put(sheet, r, 1, area.name, style="raci-area")
        for c in range(2, last + 1):
            sheet.cell(row=r, column=c).style = "raci-area"
        r += 1
        for row in area.rows:
            flag = "-uncovered" if row.uncovered else "-broken" if row.broken else ""
            _put(sheet, r, 1, row.name, style=f"raci-name{flag}")
            _put(sheet, r, 2, row.scope_name or "", style=f"raci-text{flag}")
            _put(sheet, r, last, status_text(row, matrix.lang), style=f"raci-text{flag}")
            for key, letters in row.cells.items():
                strongest = min(letters, key=LETTER_STRENGTH.index)
                _put(sheet, r, column_of[key], row.cell(key), style=f"raci-{strongest}")
            r += 1
    sheet.column_dimensions["A"].width = 46
    sheet.column_dimensions["B"].width = 18
    for i in range(len(matrix.columns)):
        sheet.column_dimensions[get_column_letter(first + i)].width = 6.5
    sheet.column_dimensions[get_column_letter(last)].width = 36
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=first).coordinate


def _xlsx_legend(sheet: Any, lang: str | None) -> None:
    from openpyxl.styles import Font, PatternFill

    h = i18n.headings(lang)
    sheet.title = "Legend"
    bold = Font(bold=True)
    for i, text in enumerate((h["letter"], h["meaning"], h["description"])):
        _put(sheet, 1, i + 1, text, font=bold)
    for r, (letter, name, help_text) in enumerate(legend(lang), start=2):
        _put(
            sheet, r, 1, letter, font=bold, fill=PatternFill("solid", fgColor=LETTER_FILLS[letter])
        )
        _put(sheet, r, 2, name)
        _put(sheet, r, 3, help_text)
    shaded = len(legend(lang)) + 3
    _put(sheet, shaded, 1, "", fill=PatternFill("solid", fgColor="FFF2CC"))
    _put(sheet, shaded, 2, h["uncovered"])
    _put(sheet, shaded + 1, 1, "", fill=PatternFill("solid", fgColor="F8CBAD"))
    _put(sheet, shaded + 1, 2, h["breaks_rules"])
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 26
    sheet.column_dimensions["C"].width = 40
    sheet.freeze_panes = "A2"


def _xlsx_findings(sheet: Any, matrix: RaciMatrix) -> None:
    from openpyxl.styles import Font

    h = i18n.headings(matrix.lang)
    sheet.title = "Findings"
    heads = (h["rule"], h["severity"], h["message"], h["location"], h["element"])
    for i, text in enumerate(heads):
        _put(sheet, 1, i + 1, text, font=Font(bold=True))
    for r, f in enumerate(matrix.findings, start=2):
        _put(sheet, r, 1, f.rule)
        _put(sheet, r, 2, f.severity.value)
        _put(sheet, r, 3, f.message)
        _put(sheet, r, 4, f"{f.file}:{f.line}:{f.column}")
        _put(sheet, r, 5, f.element or "")
    for letter, width in zip("ABCDE", (10, 10, 90, 36, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def render_raci(matrix: RaciMatrix, suffix: str) -> bytes:
    """The document for an output suffix, as bytes."""
    if suffix == ".md":
        return to_markdown(matrix).encode("utf-8")
    if suffix == ".html":
        return to_html(matrix).encode("utf-8")
    if suffix == ".csv":
        return to_csv(matrix).encode("utf-8-sig")
    if suffix == ".xlsx":
        return to_xlsx(matrix)
    raise RaciError(f"cannot write a RACI matrix as {suffix!r}; use one of: {', '.join(SUFFIXES)}")


def write_raci(
    org: Org,
    graph: OrgGraph,
    findings: Sequence[Finding],
    out: Path,
    *,
    lang: str | None = None,
    by: str = "position",
    scope: str | None = None,
) -> None:
    """Build the matrix and write it to `out` in the format of its suffix, atomically."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise RaciError(
            f"cannot write a RACI matrix as {suffix or 'a file without suffix'!r}; "
            f"use one of: {', '.join(SUFFIXES)}"
        )
    matrix = build_matrix(org, graph, findings, lang=lang, by=by, scope=scope)
    write_bytes_atomic(out, render_raci(matrix, suffix))
