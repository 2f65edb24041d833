"""Chart files drawn from the orgdesign layout: .svg, .pdf and .png.

This module owns `chart -o X.svg|.pdf|.png` with the default engine: it asks
`orgdesign.layout.chart.build_layout` for the pages (on paper or as one
drawing), and writes them whole or not at all: one SVG or PNG, a folder of
page files (`--paginate`), or one PDF of every page. A PDF is on paper by
default (A4 landscape; more pages when one page would print text below the
minimum size), `--poster` puts it on one large page. With `--engine
graphviz`, Graphviz `dot` lays the chart out instead (`render.chart`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from unicodedata import category

from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.layout.chart import LayoutOptions, build_layout
from orgdesign.layout.model import Layout
from orgdesign.layout.scope import ChartError
from orgdesign.layout.text import FontMissing, load_fonts
from orgdesign.load.fsio import write_bytes_atomic, write_text_atomic
from orgdesign.model import SLUG_PATTERN, Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart import dot as graphviz_chart
from orgdesign.output.chart.cairochart import pdf_bytes, png_bytes
from orgdesign.output.chart.graphviz_run import write_pages
from orgdesign.output.chart.svgchart import page_svg

DEFAULT_PAPER = "a4"


def version_of(org: Org) -> str:
    """A short hash of the organisation's file (of its content when it has no file)."""
    path = Path(org.root_file)
    if org.root_file and path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    digest = hashlib.sha256()
    for pos in org.positions:
        digest.update(pos.model_dump_json().encode("utf-8"))
    return digest.hexdigest()[:8]


def chart_date() -> str:
    """Today (UTC), or the date of `SOURCE_DATE_EPOCH` for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = dt.datetime.now(dt.UTC)
    if epoch.isascii() and epoch.isdigit() and len(epoch) <= 12:  # `²` is a digit to isdigit
        with contextlib.suppress(OverflowError, OSError, ValueError):  # beyond year 9999
            when = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return when.date().isoformat()


def layout_options(org: Org, options: ChartOptions, paper: str | None) -> LayoutOptions:
    return LayoutOptions(
        lang=options.lang,
        root=options.root,
        depth=options.depth,
        clusters=options.clusters,
        stack=options.stack,
        paper=paper,
        landscape=options.landscape,
        min_font=options.min_font,
        version=version_of(org),
        date=chart_date(),
    )


@dataclass(frozen=True)
class Marks:
    """Boxes a chart singles out (a diff chart's changes), drawn the same in every format."""

    highlight: Mapping[str, str] = field(default_factory=dict)
    """Position id -> border colour (`#RRGGBB`)."""
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Position id -> lines written first in its box ("added", "was cmo")."""
    legend: tuple[tuple[str, str], ...] = ()
    """(what it means, border colour) for each colour used, named in the legend."""


def chart_layout(
    org: Org, graph: OrgGraph, options: ChartOptions, suffix: str, marks: Marks | None = None
) -> Layout:
    """The layout a chart file of `suffix` is drawn from."""
    paper: str | None = None
    if options.paginate or (suffix == ".pdf" and not options.poster):
        paper = options.paper or DEFAULT_PAPER
    settings = layout_options(org, options, paper)
    if marks is not None:
        settings = replace(
            settings,
            highlight=marks.highlight,
            extra_notes=marks.notes,
            highlight_legend=marks.legend,
        )
    try:
        return build_layout(org, graph, settings)
    except FontMissing as exc:
        raise ChartError(str(exc)) from exc


def chart_bytes(
    org: Org, graph: OrgGraph, options: ChartOptions, suffix: str, marks: Marks | None = None
) -> bytes:
    """One chart file (.dot .svg .png .pdf, one drawing) with `marks`, through the one
    pipeline every chart takes: Graphviz source for .dot, the orgdesign layout otherwise."""
    marks = marks or Marks()
    if suffix == ".dot":
        highlight = dict(marks.highlight)
        source = graphviz_chart.chart_dot(
            org, graph, options, highlight=highlight, notes=marks.notes
        )
        return source.encode("utf-8")
    if suffix not in (".svg", ".png", ".pdf"):
        raise ChartError(f"the chart renderer cannot write {suffix or 'files without a suffix'}")
    layout = chart_layout(org, graph, options, suffix, marks)
    if suffix == ".pdf":
        return pdf_bytes(layout)
    page = layout.pages[0]
    return page_svg(layout, page).encode("utf-8") if suffix == ".svg" else png_bytes(layout, page)


def _stem(layout: Layout, number: int) -> str:
    top = layout.pages[number - 1].top
    name = top if top and re.fullmatch(SLUG_PATTERN, top) else "positions"
    return f"{number:03d}-{name}"


def render(
    org: Org, graph: OrgGraph, findings: list[Finding], options: ChartOptions, out: Path
) -> None:
    """Write the chart to `out` (.svg .png .pdf) from the orgdesign layout."""
    del findings
    suffix = out.suffix.lower()
    if options.engine == "graphviz" or suffix == ".dot":
        graphviz_chart.render(org, graph, [], options, out)
        return
    if suffix not in (".svg", ".png", ".pdf"):
        raise ChartError(f"the chart renderer cannot write {suffix or 'files without a suffix'}")
    layout = chart_layout(org, graph, options, suffix)
    if suffix == ".pdf":
        write_bytes_atomic(out, pdf_bytes(layout))
        return
    if not options.paginate:
        page = layout.pages[0]
        if suffix == ".svg":
            write_text_atomic(out, page_svg(layout, page))
        else:
            write_bytes_atomic(out, png_bytes(layout, page))
        return
    files: list[tuple[str, bytes]] = []
    for page in layout.pages:
        data = (
            page_svg(layout, page).encode("utf-8") if suffix == ".svg" else png_bytes(layout, page)
        )
        files.append((f"{_stem(layout, page.number)}{suffix}", data))
    write_pages(out, files)


def missing_glyphs(org: Org, lang: str | None) -> list[str]:
    """Characters of the chart's names and titles that the chart font cannot draw, in order.

    The PDF and PNG charts are drawn with that font, so these print as empty boxes (an
    emoji in a title, a rare script); SVG viewers and PowerPoint fall back on their own
    fonts. Marks that draw nothing by themselves (variation selectors, joiners) are left
    out. Empty when the font is not installed (drawing then says so)."""
    try:
        drawn = load_fonts().regular.advances
    except FontMissing:
        return []
    texts = [org.organization.label(lang)] if org.organization else []
    texts += [u.label(lang) for u in org.units]
    texts += [t for p in org.positions for t in (p.label(lang), *p.holders)]
    found = (
        ch
        for text in texts
        for ch in text
        if ord(ch) not in drawn and not ch.isspace() and category(ch)[0] not in "MC"
    )
    return list(dict.fromkeys(found))
