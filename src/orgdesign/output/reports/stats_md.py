"""`orgdesign stats --format md`: the figures as a Markdown document.

Every name, title and id from the org file goes through `escape.markdown_text`
(the one Markdown escaper); numbers through `analysis.numbers`. The wording is
English or, for a `zh*` language tag, Simplified Chinese (catalogue `stats.*`).
"""

from __future__ import annotations

from collections.abc import Sequence

from orgdesign.analysis.numbers import money, percent
from orgdesign.analysis.stats import RACI_LETTERS, ArchetypeFigures, Figures, OrgStats
from orgdesign.domain.archetypes import archetype_word
from orgdesign.i18n import group, texts
from orgdesign.output.escape import markdown_text as md
from orgdesign.output.reports.stats_data import side_word

W = group("stats.text")
SEVERAL = group("stats.several")
FIGURE_COLUMNS = texts("stats.figure_columns")


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    """A Markdown table of cells already escaped (or numbers)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def cost_text(fig: Figures, lang: str | None) -> str:
    """The cost of the figures, with the seats whose cost is unknown."""
    uncosted = W["uncosted"](lang, seats=fig.uncosted_seats) if fig.uncosted_seats else ""
    return money(fig.cost) + uncosted


def _figure_cells(fig: Figures, lang: str | None) -> list[object]:
    return [
        fig.positions,
        fig.seats,
        fig.holders,
        fig.vacancies,
        percent(fig.vacancy_rate),
        cost_text(fig, lang),
    ]


def span_line(stats: OrgStats, lang: str | None) -> str:
    summary = stats.span.summary()
    if not summary["managers"]:
        return W["no_managers"](lang)
    span = stats.span
    return W["span_line"](lang, **summary, range_min=span.range_min, range_max=span.range_max)


def archetype_line(arch: ArchetypeFigures, lang: str | None) -> str:
    declared = (
        W["declared"](lang, declared=archetype_word(arch.declared, lang))
        if arch.declared
        else W["none_declared"](lang)
    )
    agree = ""
    if arch.declared:
        agree = W["matches"](lang) if arch.declared == arch.inferred else W["differs"](lang)
    inferred = archetype_word(arch.inferred, lang)
    return W["inferred"](lang, inferred=inferred, declared=declared, agree=agree)


def several_line(stats: OrgStats, lang: str | None) -> str:
    """How many people hold seats in several positions (or that nobody does)."""
    count = len(stats.multi_seat)
    return SEVERAL["count"](lang, count=count) if count else SEVERAL["none"](lang)


def _figures(stats: OrgStats, lang: str | None) -> list[str]:
    header = [c(lang) for c in FIGURE_COLUMNS]
    lines = [f"## {W['total'](lang)}", ""]
    lines += md_table(header, [_figure_cells(stats.total, lang)])
    lines += ["", f"## {W['per_unit'](lang)}", ""]
    units = [
        ["\u2003" * u.depth + md(f"{u.name} ({u.id})"), *_figure_cells(u.total, lang)]
        for u in stats.units
    ]
    lines += md_table([W["unit"](lang), *header], units)
    lines += ["", f"## {W['layers'](lang)}", "", W["layer_count"](lang, layers=stats.layers), ""]
    layers = [[layer, fig.positions, fig.seats] for layer, fig in stats.per_layer.items()]
    lines += md_table([W["layer"](lang), *header[:2]], layers)
    return lines


def _spans(stats: OrgStats, lang: str | None) -> list[str]:
    lines = ["", f"## {W['span_of_control'](lang)}", "", span_line(stats, lang), ""]
    if stats.span.distribution:
        spread = [[k, v] for k, v in stats.span.distribution.items()]
        lines += md_table([W["span"](lang), W["managers"](lang)], spread)
        lines.append("")
    if stats.span.outliers:
        lines.append(W["outside"](lang))
        for o in stats.span.outliers:
            side = side_word(o.side, lang)
            lines.append(
                "- " + md(W["outlier"](lang, title=o.title, id=o.id, span=o.span, side=side))
            )
        lines.append("")
    return lines


def _dual(stats: OrgStats, lang: str | None) -> list[str]:
    lines = [f"## {W['dual'](lang)}", ""]
    if not stats.dual:
        return [*lines, W["no_dual"](lang)]
    rows = [
        [md(f"{d.title} ({d.id})"), md(d.solid or ""), md(", ".join(d.dotted))] for d in stats.dual
    ]
    return lines + md_table([W["position"](lang), W["solid"](lang), W["dotted"](lang)], rows)


def _raci(stats: OrgStats, lang: str | None) -> list[str]:
    lines = ["", f"## {W['raci_md'](lang, max_a=stats.raci_max_a)}", ""]
    if not stats.raci:
        return [*lines, W["no_raci"](lang)]
    flags = [W["overloaded"](lang) if r.overloaded else "" for r in stats.raci]
    rows = [
        [md(f"{r.title} ({r.id})"), *(r.counts[x] for x in RACI_LETTERS), flag]
        for r, flag in zip(stats.raci, flags, strict=True)
    ]
    return lines + md_table([W["position"](lang), *RACI_LETTERS, W["flag"](lang)], rows)


def _several(stats: OrgStats, lang: str | None) -> list[str]:
    lines = ["", f"## {SEVERAL['heading'](lang)}", "", several_line(stats, lang)]
    if not stats.multi_seat:
        return lines
    header = [SEVERAL["person"](lang), SEVERAL["employee_id"](lang), SEVERAL["positions"](lang)]
    rows = [
        [md(p.name), md(p.employee_id or ""), md(", ".join(p.positions))] for p in stats.multi_seat
    ]
    return [*lines, "", *md_table(header, rows)]


def _archetype(stats: OrgStats, lang: str | None) -> list[str]:
    arch = stats.archetype
    lines = ["", f"## {W['archetype'](lang)}", "", md(archetype_line(arch, lang)), ""]
    scores = [(archetype_word(name, lang), score) for name, score in arch.scores.items()]
    lines += md_table([W["archetype_col"](lang), W["score"](lang)], scores)
    return lines + [""] + [f"- {md(reason)}" for reason in arch.reasons]


def render_markdown(stats: OrgStats, lang: str | None = None) -> str:
    title = md(stats.name or stats.organization)
    lines = [W["figures"](lang, title=title), "", *_figures(stats, lang), *_spans(stats, lang)]
    lines += _dual(stats, lang) + _raci(stats, lang) + _several(stats, lang)
    lines += _archetype(stats, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
