"""`orgdesign stats` as data files: one JSON object, or CSV with one figure per row.

JSON keys stay English whatever the language; the CSV's section and metric
words follow the language (catalogue `stats.*`), every cell formula-guarded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from orgdesign.analysis.stats import OrgStats
from orgdesign.i18n import group, texts
from orgdesign.output.escape import formula_guard, json_document

CSV_HEADER = texts("stats.csv_header")
CSV_SECTIONS = group("stats.csv_sections")
"""CSV section id -> its wording."""
CSV_METRICS = group("stats.csv_metrics")
"""CSV metric id -> its wording (RACI letters and archetype ids stay as they are)."""
SIDES = group("stats.sides")


def side_word(side: str | None, lang: str | None) -> str:
    """`below` / `above` in the text language."""
    word = SIDES.get(side or "")
    return word(lang) if word else side or ""


def _span_dict(stats: OrgStats) -> dict[str, Any]:
    span = stats.span
    return {
        **span.summary(),
        "range": {"min": span.range_min, "max": span.range_max},
        "distribution": {str(k): v for k, v in span.distribution.items()},
        "per_manager": [
            {"id": m.id, "title": m.title, "span": m.span, "outside_range": m.side}
            for m in span.managers
        ],
        "outside_range": [
            {"id": o.id, "title": o.title, "span": o.span, "side": o.side} for o in span.outliers
        ],
    }


def to_dict(stats: OrgStats) -> dict[str, Any]:
    """The figures as one JSON-ready object."""
    return {
        "organization": {"id": stats.organization, "name": stats.name},
        "total": stats.total.as_dict(),
        "units": [
            {"id": u.id, "name": u.name, "depth": u.depth, "own": u.own.as_dict()}
            | {"total": u.total.as_dict()}
            for u in stats.units
        ],
        "layers": {
            "max": stats.layers,
            "per_layer": [
                {"layer": layer, **fig.as_dict()} for layer, fig in stats.per_layer.items()
            ],
        },
        "span_of_control": _span_dict(stats),
        "dual_reporting": [
            {"id": d.id, "title": d.title, "solid": d.solid, "dotted": d.dotted} for d in stats.dual
        ],
        "raci_load": {
            "max_a": stats.raci_max_a,
            "positions": [
                {"id": r.id, "title": r.title, **r.counts, "overloaded": r.overloaded}
                for r in stats.raci
            ],
        },
        "people_in_several_seats": {
            "count": len(stats.multi_seat),
            "people": [
                {"name": m.name, "employee_id": m.employee_id, "positions": list(m.positions)}
                for m in stats.multi_seat
            ],
        },
        "archetype": {
            "declared": stats.archetype.declared,
            "inferred": stats.archetype.inferred,
            "scores": stats.archetype.scores,
            "reasons": stats.archetype.reasons,
        },
    }


def render_json(stats: OrgStats) -> str:
    return json_document(to_dict(stats))


Add = Callable[[str, str, str, dict[str, Any]], None]


def _structure_rows(stats: OrgStats, add: Add, lang: str | None) -> None:
    add("total", stats.organization, stats.name, stats.total.as_dict())
    for unit in stats.units:
        add("unit", unit.id, unit.name, unit.total.as_dict())
        add("unit-own", unit.id, unit.name, unit.own.as_dict())
    add("layers", "", "", {"max": stats.layers})
    for layer, fig in stats.per_layer.items():
        add("layer", str(layer), "", fig.as_dict())
    add("span", "", "", stats.span.summary())
    add("span", "", "", {"range_min": stats.span.range_min, "range_max": stats.span.range_max})
    for span, count in stats.span.distribution.items():
        add("span-distribution", str(span), "", {"managers": count})
    for manager in stats.span.managers:
        metrics: dict[str, Any] = {"span": manager.span}
        if manager.side:
            metrics["outside_range"] = side_word(manager.side, lang)
        add("manager", manager.id, manager.title, metrics)


def _people_rows(stats: OrgStats, add: Add) -> None:
    for dual in stats.dual:
        add("dual", dual.id, dual.title, {"solid": dual.solid, "dotted": ";".join(dual.dotted)})
    for load in stats.raci:
        add("raci", load.id, load.title, {**load.counts, "overloaded": load.overloaded})
    add("people-in-several-seats", "", "", {"count": len(stats.multi_seat)})
    for person in stats.multi_seat:
        positions = {"positions_held": ";".join(person.positions)}
        add("several-seats", person.employee_id or "", person.name, positions)
    arch = stats.archetype
    add("archetype", "", "", {"declared": arch.declared, "inferred": arch.inferred})
    add("archetype-score", "", "", arch.scores)


def csv_rows(stats: OrgStats, lang: str | None = None) -> list[list[str]]:
    """One figure per row: section, id, name, metric, value (a tidy table for spreadsheets)."""
    rows: list[list[str]] = [[t(lang) for t in CSV_HEADER]]

    def add(section: str, ident: str, name: str, metrics: dict[str, Any]) -> None:
        label = CSV_SECTIONS[section](lang)
        for metric, value in metrics.items():
            known = CSV_METRICS.get(metric) if section != "archetype-score" else None
            word = known(lang) if known else metric
            rows.append([label, ident, name, word, "" if value is None else str(value)])

    _structure_rows(stats, add, lang)
    _people_rows(stats, add)
    return [[formula_guard(cell) for cell in row] for row in rows]


def render_csv(stats: OrgStats, lang: str | None = None) -> str:
    buffer = io.StringIO()
    # CRLF (RFC 4180): the csv module quotes a field holding a lone CR only when CR is in the
    # line terminator; with "\n" a title "\r" split its row in two for every reader.
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(stats, lang))
    return buffer.getvalue()
