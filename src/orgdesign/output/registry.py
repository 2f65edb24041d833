"""Every output format orgdesign writes, grouped by what it writes (one line per format).

This module owns the entries of the format registry (`orgdesign.output.formats`): the
reporters of `validate --format`, the chart writers of `chart -o`, the pack and
`diff --chart`, the RACI writers, role documents and exports, and the reports of `stats`,
`diff`, `catalog`, `scenario compare` and `recommend`.

Each subject has one loader that imports its writer modules and returns the writers by
format name; it runs only when one of its formats is used, and the modules import their
heavy libraries (openpyxl, python-pptx, cairo, python-docx, rdflib) only when they write,
so `orgdesign validate` loads none of them. Adding a format is one writer module, its
writer in the subject's loader and one `Format` line; `tests/test_formats.py` loads every
entry and checks it is a writer of its subject's protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from orgdesign.output.formats import (
    ChartWriter,
    DiffChartWriter,
    DocumentWriter,
    ExportWriter,
    FindingsWriter,
    Format,
    Formats,
    Kind,
    ReportWriter,
    TableWriter,
    Writers,
    ignoring_lang,
)

if TYPE_CHECKING:
    from orgdesign.analysis.catalog import CatalogListing
    from orgdesign.analysis.diff import OrgDiff
    from orgdesign.analysis.recommend import Comparison, Recommendation
    from orgdesign.analysis.scenario.compare import Column
    from orgdesign.analysis.stats import OrgStats

W = TypeVar("W")
T = TypeVar("T")
SUFFIX_OF = {"text": ".txt"}
"""The suffix of a format name that is not the name itself (see `_by_suffix`)."""
F, C, TB, D, R = Kind.findings, Kind.chart, Kind.table, Kind.document, Kind.report


def _by_suffix(
    subject: str, protocol: type, load: Callable[[], Mapping[str, W]], kind: Kind, **described: str
) -> Formats[W]:
    """The formats of a subject of one kind, each named by its suffix (`text` is `.txt`),
    in the order given: `name="what it is"` is one format."""
    make = Writers(load)
    formats = (
        make(name, (SUFFIX_OF.get(name, f".{name}"),), kind, what)
        for name, what in described.items()
    )
    return Formats(subject, protocol, tuple(formats))


def _reports(
    subject: str, load: Callable[[], Mapping[str, ReportWriter[T]]], **described: str
) -> Formats[ReportWriter[T]]:
    """The formats of a report subject (`stats`, `diff` ...): report writers, by suffix."""
    return _by_suffix(subject, ReportWriter, load, R, **described)


def _text_md_json(
    text: ReportWriter[T], md: ReportWriter[T], json: Callable[[T], str]
) -> Mapping[str, ReportWriter[T]]:
    """The writers of a report in text, Markdown and JSON (JSON is the same in any language)."""
    return {"text": text, "md": md, "json": ignoring_lang(json)}


def _reporters() -> Mapping[str, FindingsWriter]:
    from orgdesign.output.findings import github, jsonfmt, junit, sarif, text

    machines = {"json": jsonfmt.render, "sarif": sarif.render, "junit": junit.render}
    return {"text": text.render, **machines, "github": github.render}


report = Writers(_reporters)
FINDINGS: Formats[FindingsWriter] = Formats(
    "findings",
    FindingsWriter,
    (
        report("text", (".txt",), F, "file:line:col findings for people"),
        report("json", (".json",), F, "every finding and the summary as JSON"),
        report("sarif", (".sarif",), F, "SARIF 2.1.0 for code scanning"),
        report("junit", (".xml",), F, "JUnit XML, one test case per file"),
        report("github", (), F, "GitHub Actions annotations"),
    ),
)


def _charts() -> Mapping[str, ChartWriter]:
    from orgdesign.output.chart import deck, dot, explorer, layoutchart, mermaid

    drawn = layoutchart.render  # orgdesign's own layout; Graphviz with --engine graphviz
    sources = {"dot": dot.render, "mermaid": mermaid.render}
    drawings = {"svg": drawn, "png": drawn, "pdf": drawn}
    return {**sources, **drawings, "html": explorer.render, "pptx": deck.render}


chart = Writers(_charts)
CHARTS: Formats[ChartWriter] = Formats(
    "chart",
    ChartWriter,
    (
        chart("dot", (".dot",), C, "Graphviz source", pages=True),
        chart("svg", (".svg",), C, "vector drawing", pages=True),
        chart("png", (".png",), C, "picture", pages=True),
        chart("pdf", (".pdf",), C, "PDF to print, --paginate: pages of paper"),
        chart("mermaid", (".mmd",), C, "Mermaid source", pages=True),
        chart("html", (".html",), C, "interactive explorer"),
        chart("pptx", (".pptx",), C, "PowerPoint deck"),
    ),
)


def _diff_charts() -> Mapping[str, DiffChartWriter]:
    from orgdesign.output.chart import diffchart

    return {"svg": diffchart.svg, "png": diffchart.png, "pdf": diffchart.pdf, "dot": diffchart.dot}


DIFF_CHARTS = _by_suffix(
    "diff chart",
    DiffChartWriter,
    _diff_charts,
    C,
    svg="vector drawing",
    png="picture",
    pdf="print",
    dot="Graphviz source",
)


def _raci() -> Mapping[str, TableWriter]:
    from orgdesign.output.tables import raci

    pages = {"md": raci.markdown_file, "html": raci.html_file}
    return {**pages, "csv": raci.csv_file, "xlsx": raci.xlsx_file}


RACI = _by_suffix(
    "RACI",
    TableWriter,
    _raci,
    TB,
    md="Markdown table",
    html="web page",
    csv="CSV (UTF-8 with BOM)",
    xlsx="Excel workbook set up for printing",
)


def _role_documents() -> Mapping[str, DocumentWriter]:
    from orgdesign.output.documents import roles

    return {"md": roles.markdown_cards, "html": roles.html_cards, "docx": roles.word_cards}


ROLES = _by_suffix(
    "role card",
    DocumentWriter,
    _role_documents,
    D,
    md="Markdown, one file per position and an index",
    html="web pages, one per position and an index",
    docx="Word, one per position and role-cards.docx",
)


def _exports() -> Mapping[str, ExportWriter]:
    from orgdesign.output import exports

    tables = {"csv": exports.table, "xlsx": exports.table}
    directories = {"backstage": exports.backstage, "scim": exports.scim, "ldif": exports.ldif}
    return tables | directories | {"turtle": exports.turtle, "jsonld": exports.jsonld}


export = Writers(_exports)
EXPORTS: Formats[ExportWriter] = Formats(
    "export",
    ExportWriter,
    (
        export("csv", (".csv", ".tsv", ".txt"), TB, "HR table, one row per person"),
        export("xlsx", (".xlsx", ".xlsm"), TB, "HR table as a workbook"),
        export("backstage", (".yaml", ".yml"), D, "Backstage catalog"),
        export("scim", (".json",), D, "SCIM 2.0 users"),
        export("ldif", (".ldif",), D, "LDAP directory entries"),
        export("turtle", (".ttl",), D, "W3C ORG as Turtle"),
        export("jsonld", (".jsonld",), D, "W3C ORG as JSON-LD"),
    ),
)


def _stats() -> Mapping[str, ReportWriter[OrgStats]]:
    from orgdesign.output.reports import stats

    figures = ignoring_lang(stats.render_json)
    return {"json": figures, "csv": stats.render_csv, "md": stats.render_markdown}


STATS = _reports(
    "stats",
    _stats,
    json="every figure as JSON",
    csv="one figure per line",
    md="Markdown tables",
)


def _diffs() -> Mapping[str, ReportWriter[OrgDiff]]:
    from orgdesign.output.reports import diff

    return _text_md_json(diff.render_text, diff.render_markdown, diff.render_json)


DIFF = _reports(
    "diff",
    _diffs,
    text="for the terminal",
    md="Markdown for a pull request",
    json="every change as JSON",
)


def _listings() -> Mapping[str, ReportWriter[CatalogListing]]:
    from orgdesign.output.documents import catalog

    return _text_md_json(catalog.render_text, catalog.render_markdown, catalog.render_json)


CATALOG = _reports(
    "catalogue",
    _listings,
    text="aligned columns",
    md="a Markdown table",
    json="every field as JSON",
)


def _comparisons() -> Mapping[str, ReportWriter[list[Column]]]:
    from orgdesign.output.reports import scenario_compare as compare

    text, md = ignoring_lang(compare.render_text), ignoring_lang(compare.render_markdown)
    return _text_md_json(text, md, compare.render_json)


COMPARE = _reports(
    "comparison",
    _comparisons,
    text="aligned columns",
    md="a Markdown table",
    json="the figures as JSON",
)


Advice = tuple["Recommendation", "Comparison | None"]
"""A recommendation and, given an org file, how that file compares with it."""


def _advice() -> Mapping[str, ReportWriter[Advice]]:
    from orgdesign.output.documents import advice

    return {"text": advice.text, "json": advice.json_text}


RECOMMEND = _reports(
    "recommendation",
    _advice,
    text="the advice with its reasons",
    json="as JSON (keys and ids in English)",
)


ALL: tuple[Formats[Any], ...] = (
    FINDINGS,
    CHARTS,
    DIFF_CHARTS,
    RACI,
    ROLES,
    EXPORTS,
    STATS,
    DIFF,
    CATALOG,
    COMPARE,
    RECOMMEND,
)
"""Every subject's formats (what the registry test loads)."""


def of_kind(kind: Kind) -> tuple[Format[Any], ...]:
    """Every format of one kind, whatever command writes it."""
    return tuple(f for formats in ALL for f in formats.of_kind(kind))
