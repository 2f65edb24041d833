"""Building the RACI matrix from an organisation: which entries a scope shows, its columns,
its rows, and which findings hang on which row.

`build_matrix` is the one entry point; the result is a `raci_model.RaciMatrix`.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.model import Org, RaciEntry
from orgdesign.output.documents.cards_index import responsibility_order
from orgdesign.output.tables.raci_model import (
    GROUPINGS,
    Area,
    Column,
    RaciError,
    RaciMatrix,
    Row,
    strongest_first,
    unit_order,
)


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
    used = {pid for entry in entries for _, pid, _ in entry.letters()}
    raci_findings = [f for f in findings if f.rule.startswith("RACI")]
    if by == "unit":
        columns, key_of = _unit_columns(org, graph, used, lang)
    else:
        flags = _position_flags(org, raci_findings)
        columns = _position_columns(org, graph, used, flags, lang)
        key_of = {pid: pid for pid in used}
    rows = _rows(org, graph, entries, key_of, by, lang)
    attach_findings(org, rows, raci_findings)
    title = org.organization.label(lang) if org.organization else Path(org.root_file).stem
    return RaciMatrix(
        title=title,
        by=by,
        scope=scope,
        scope_name=graph.units[scope].label(lang) if scope else None,
        columns=columns,
        areas=_areas(org, graph, rows),
        findings=sorted(findings, key=Finding.sort_key),
        lang=lang,
    )


def _position_flags(org: Org, raci_findings: Iterable[Finding]) -> dict[str, set[str]]:
    """Position id -> rules of the RACI findings on the position itself (e.g. RACI206)."""
    flags: dict[str, set[str]] = {}
    for f in raci_findings:
        if f.element in org.position_by_id and f.element not in org.responsibility_by_id:
            flags.setdefault(f.element, set()).add(f.rule)
    return flags


def _rows(
    org: Org,
    graph: OrgGraph,
    entries: list[RaciEntry],
    key_of: dict[str, str],
    by: str,
    lang: str | None,
) -> dict[tuple[str, str | None], Row]:
    """One row per responsibility and scope with its letters per column, and the uncovered."""
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
    return rows


def _areas(org: Org, graph: OrgGraph, rows: dict[tuple[str, str | None], Row]) -> list[Area]:
    """The rows in catalogue order (area, responsibility, organisation-wide before units)."""
    resp_rank = responsibility_order(org)
    area_rank = {top.id: i for i, top in enumerate(org.responsibilities)}
    units_rank = {uid: i for i, uid in enumerate(unit_order(org, graph))}
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
    return areas


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
