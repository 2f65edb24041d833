"""`orgdesign stats` in a terminal: rich tables of the figures.

Names reach the terminal through `terminal_safe` and rich's markup escape;
numbers through `analysis.numbers`.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from orgdesign.analysis.numbers import money, percent
from orgdesign.analysis.stats import RACI_LETTERS, Figures, OrgStats
from orgdesign.domain.archetypes import archetype_word
from orgdesign.findings import terminal_safe
from orgdesign.i18n import group, texts
from orgdesign.output.reports.stats_data import side_word
from orgdesign.output.reports.stats_md import archetype_line, several_line, span_line

W = group("stats.text")
SEVERAL = group("stats.several")
FIGURE_COLUMNS = texts("stats.figure_columns")
RICH_COLUMNS = texts("stats.rich_columns")


def _cells(fig: Figures) -> list[str]:
    return [
        str(fig.positions),
        str(fig.seats),
        str(fig.holders),
        str(fig.vacancies),
        percent(fig.vacancy_rate),
        money(fig.cost) + ("*" if fig.uncosted_seats else ""),
    ]


def _safe(text: str) -> str:
    return escape(terminal_safe(text))


def _units(stats: OrgStats, lang: str | None) -> Table:
    title = _safe(stats.name or stats.organization)
    heading = f"[bold]{title}[/bold]{W['title_separator'](lang)}{W['per_unit_rich'](lang)}"
    units = Table(title=heading, title_justify="left")
    units.add_column(W["unit"](lang), ratio=1, overflow="fold")
    for column in RICH_COLUMNS:
        units.add_column(column(lang), justify="right", no_wrap=True)
    total = f"[bold]{W['total'](lang).lower()}[/bold]"
    units.add_row(total, *_cells(stats.total), end_section=True)
    for u in stats.units:
        label = _safe("  " * u.depth + u.name) + f" [dim]({_safe(u.id)})[/dim]"
        units.add_row(label, *_cells(u.total))
    return units


def _layers(stats: OrgStats, lang: str | None) -> Table:
    layers = Table(title=W["layers_rich"](lang, layers=stats.layers), title_justify="left")
    for col in (W["layer"](lang), FIGURE_COLUMNS[0](lang), FIGURE_COLUMNS[1](lang)):
        layers.add_column(col, justify="right")
    for layer, fig in stats.per_layer.items():
        layers.add_row(str(layer), str(fig.positions), str(fig.seats))
    return layers


def _spans(stats: OrgStats, lang: str | None) -> list[RenderableType]:
    spans = Table(title=W["span_of_control"](lang), title_justify="left")
    spans.add_column(W["span"](lang), justify="right")
    spans.add_column(W["managers"](lang), justify="right")
    for span, count in stats.span.distribution.items():
        spans.add_row(str(span), str(count))
    parts: list[RenderableType] = [spans, escape(span_line(stats, lang))]
    if not stats.span.outliers:
        return parts
    limits = {"range_min": stats.span.range_min, "range_max": stats.span.range_max}
    outside = Table(title=W["outside_rich"](lang, **limits), title_justify="left")
    outside.add_column(W["manager"](lang), ratio=1, overflow="fold")
    outside.add_column(W["span"](lang), justify="right")
    outside.add_column(W["side"](lang))
    for m in stats.span.outliers:
        side = f"[yellow]{escape(side_word(m.side, lang))}[/yellow]"
        outside.add_row(_safe(f"{m.title} ({m.id})"), str(m.span), side)
    return [*parts, outside]


def _dual(stats: OrgStats, lang: str | None) -> list[RenderableType]:
    if not stats.dual:
        return []
    dual = Table(title=W["dual"](lang), title_justify="left")
    for col in (W["position"](lang), W["solid"](lang), W["dotted"](lang)):
        dual.add_column(col)
    for d in stats.dual:
        dual.add_row(_safe(f"{d.title} ({d.id})"), _safe(d.solid or ""), _safe(", ".join(d.dotted)))
    return [dual]


def _raci(stats: OrgStats, lang: str | None) -> list[RenderableType]:
    if not stats.raci:
        return []
    raci = Table(title=W["raci_rich"](lang, max_a=stats.raci_max_a), title_justify="left")
    raci.add_column(W["position"](lang))
    for letter in RACI_LETTERS:
        raci.add_column(letter, justify="right")
    raci.add_column("")
    for r in stats.raci:
        flag = f"[yellow]{W['overloaded'](lang)}[/yellow]" if r.overloaded else ""
        counts = (str(r.counts[x]) for x in RACI_LETTERS)
        raci.add_row(_safe(f"{r.title} ({r.id})"), *counts, flag)
    return [raci]


def _several(stats: OrgStats, lang: str | None) -> list[RenderableType]:
    if not stats.multi_seat:
        return [escape(several_line(stats, lang))]
    people = Table(title=SEVERAL["heading"](lang), title_justify="left")
    for key in ("person", "employee_id", "positions"):
        people.add_column(SEVERAL[key](lang), overflow="fold")
    for p in stats.multi_seat:
        people.add_row(_safe(p.name), _safe(p.employee_id or ""), _safe(", ".join(p.positions)))
    return [people, escape(several_line(stats, lang))]


def _archetype(stats: OrgStats, lang: str | None) -> list[RenderableType]:
    arch = Table(title=W["archetype"](lang), title_justify="left")
    arch.add_column(W["archetype_col"](lang))
    arch.add_column(W["score"](lang), justify="right")
    for name, score in stats.archetype.scores.items():
        arch.add_row(archetype_word(name, lang), f"{score:.2f}")
    parts: list[RenderableType] = [arch, _safe(archetype_line(stats.archetype, lang))]
    if stats.archetype.reasons:
        parts.append(_safe("\n".join(f"- {r}" for r in stats.archetype.reasons)))
    return parts


def render_rich(stats: OrgStats, lang: str | None = None) -> RenderableType:
    """Tables for a terminal."""
    parts: list[RenderableType] = [_units(stats, lang)]
    if stats.total.uncosted_seats:
        parts.append(W["uncosted_note"](lang, seats=stats.total.uncosted_seats))
    parts += [_layers(stats, lang), *_spans(stats, lang), *_dual(stats, lang)]
    parts += _raci(stats, lang) + _several(stats, lang) + _archetype(stats, lang)
    return Group(*parts)
