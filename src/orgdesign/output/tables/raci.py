"""The RACI matrix: built from the model, written as Markdown, HTML, CSV or XLSX.

This module owns `RaciMatrix` (rows are responsibilities per scope, grouped by
area in catalogue order; columns are positions, or units with `by="unit"`;
cells are letters), how rows are flagged (a required responsibility nobody is
assigned, an entry that breaks a RACI rule according to the validation
findings), and the four writers. `write_raci` picks the writer from the output
suffix and writes the file whole or not at all.

The XLSX writer and its print set-up live in `render.raci_xlsx`.
Text that reaches a spreadsheet goes through `neutralise`: a cell beginning
with `= + - @` (or a tab or carriage return) gets a leading apostrophe, so no
spreadsheet reads it as a formula; XLSX cells are also stored as plain strings.
HTML goes through jinja2 autoescaping; Markdown through `templating.md_escape`, which also
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

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.load.fsio import write_bytes_atomic
from orgdesign.load.theme import DEFAULT_THEME, Theme
from orgdesign.model import Org, RaciEntry
from orgdesign.output import escape, templating
from orgdesign.output.documents.cards import responsibility_order

SUFFIXES: tuple[str, ...] = (".md", ".html", ".csv", ".xlsx")
GROUPINGS: tuple[str, ...] = ("position", "unit")

LETTER_FILLS: dict[str, str] = DEFAULT_THEME.palette.letters()
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


def entry_of(
    starts: dict[str, tuple[list[tuple[int, int]], list[RaciEntry]]], f: Finding
) -> RaciEntry | None:
    """The RACI entry a finding on a responsibility points into, if any."""
    places, entries = starts.get(f.file, ([], []))
    at = bisect.bisect_right(places, (f.line, f.column)) - 1
    found = entries[at] if at >= 0 else None
    return found if found is not None and found.responsibility == f.element else None


def attach_findings(
    org: Org, rows: dict[tuple[str, str | None], Row], findings: Iterable[Finding]
) -> None:
    """Hang each finding on a responsibility onto its row: the row of the entry the finding
    points into (the last entry starting at or before it), or every row of the
    responsibility when it points elsewhere (e.g. RACI204 at the `catalogs:` line).
    A finding inside an entry that has no row here (another scope's) is left off."""
    starts = entry_starts(org)
    for f in findings:
        if f.element not in org.responsibility_by_id:
            continue
        found = entry_of(starts, f)
        if found is not None:
            if found.key in rows:
                rows[found.key].findings.append(f)
            continue
        for key, row in rows.items():
            if key[0] == f.element:
                row.findings.append(f)


def scope_findings(
    org: Org, graph: OrgGraph, findings: Sequence[Finding], entries: list[RaciEntry], scope: str
) -> list[Finding]:
    """The findings that belong to the matrix scoped to `scope`.

    Left off: findings inside a RACI entry the scope does not show, and findings
    on positions or units outside the scope's unit subtree that no shown entry names.
    """
    starts = entry_starts(org)
    shown = {id(e) for e in entries}
    units = graph.unit_subtree(scope)
    used = {pid for entry in entries for _, pid, _ in entry.letters()}
    kept = []
    for f in findings:
        found = entry_of(starts, f)
        if found is not None:
            if id(found) not in shown:
                continue
        elif f.element in org.position_by_id:
            if f.element not in used and graph.unit_of(f.element) not in units:
                continue
        elif f.element in graph.units and f.element not in units:
            continue
        kept.append(f)
    return kept


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
    if scope is not None:
        findings = scope_findings(org, graph, findings, entries, scope)
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


def render_raci(
    matrix: RaciMatrix, suffix: str, theme: Theme = DEFAULT_THEME, paper: str | None = None
) -> bytes:
    """The document for an output suffix, as bytes."""
    if suffix == ".md":
        return to_markdown(matrix).encode("utf-8")
    if suffix == ".html":
        return to_html(matrix, theme).encode("utf-8")
    if suffix == ".csv":
        return to_csv(matrix).encode("utf-8-sig")
    if suffix == ".xlsx":
        return to_xlsx(matrix, theme, paper)
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
    theme: Theme = DEFAULT_THEME,
    paper: str | None = None,
) -> None:
    """Build the matrix and write it to `out` in the format of its suffix, atomically
    (`paper`: the XLSX's paper, chosen from the matrix's width when None)."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise RaciError(
            f"cannot write a RACI matrix as {suffix or 'a file without suffix'!r}; "
            f"use one of: {', '.join(SUFFIXES)}"
        )
    matrix = build_matrix(org, graph, findings, lang=lang, by=by, scope=scope)
    write_bytes_atomic(out, render_raci(matrix, suffix, theme, paper))
