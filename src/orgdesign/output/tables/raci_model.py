"""The RACI matrix as data: columns, rows grouped by area, cells of letters, and their flags.

This module owns `RaciMatrix` (rows are responsibilities per scope, grouped by area in
catalogue order; columns are positions, or units with `by="unit"`; cells are letters,
strongest first) and what a row says about itself (its status: uncovered, the RACI
rules it breaks). Building it from an organisation is `raci_build`; writing it is `raci`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.load.theme import DEFAULT_THEME
from orgdesign.model import Org

GROUPINGS: tuple[str, ...] = ("position", "unit")

LETTER_FILLS: dict[str, str] = DEFAULT_THEME.palette.letters()
"""Background colour (RGB hex) of a cell by its strongest letter."""

LETTER_STRENGTH: tuple[str, ...] = ("A", "R", "S", "C", "I")
MAX_XLSX_COLUMNS = 16384
"""Columns of one Excel sheet (A to XFD)."""


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


def strongest_first(letters: Iterable[str]) -> list[str]:
    got = set(letters)
    return [x for x in i18n.MATRIX_LETTER_ORDER if x in got]


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
