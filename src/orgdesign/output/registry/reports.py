"""The report writers of `stats`, `diff`, `catalog` and `scenario compare` (`-f`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesign.output.formats import (
    Format,
    Formats,
    Kind,
    ReportWriter,
    ignoring_lang,
)

if TYPE_CHECKING:
    from orgdesign.analysis.catalog import CatalogListing
    from orgdesign.analysis.diff import OrgDiff
    from orgdesign.analysis.recommend import Comparison, Recommendation
    from orgdesign.analysis.scenario.compare import Column
    from orgdesign.analysis.stats import OrgStats


# --- stats, diff, catalog, scenario compare -f -------------------------------------------------


def _stats_json() -> ReportWriter[OrgStats]:
    from orgdesign.analysis.stats import render_json

    return ignoring_lang(render_json)


def _stats_csv() -> ReportWriter[OrgStats]:
    from orgdesign.analysis.stats import render_csv

    return render_csv


def _stats_md() -> ReportWriter[OrgStats]:
    from orgdesign.analysis.stats import render_markdown

    return render_markdown


R = Kind.report
STATS: Formats[ReportWriter[OrgStats]] = Formats(
    "stats",
    ReportWriter,
    (
        Format("json", (".json",), R, "every figure as JSON", _stats_json),
        Format("csv", (".csv",), R, "one figure per line", _stats_csv),
        Format("md", (".md",), R, "Markdown tables", _stats_md),
    ),
)


def _diff_text() -> ReportWriter[OrgDiff]:
    from orgdesign.analysis.diff import render_text

    return render_text


def _diff_md() -> ReportWriter[OrgDiff]:
    from orgdesign.analysis.diff import render_markdown

    return render_markdown


def _diff_json() -> ReportWriter[OrgDiff]:
    from orgdesign.analysis.diff import render_json

    return ignoring_lang(render_json)


DIFF: Formats[ReportWriter[OrgDiff]] = Formats(
    "diff",
    ReportWriter,
    (
        Format("text", (".txt",), R, "for the terminal", _diff_text),
        Format("md", (".md",), R, "Markdown for a pull request", _diff_md),
        Format("json", (".json",), R, "every change as JSON", _diff_json),
    ),
)


def _catalog_text() -> ReportWriter[CatalogListing]:
    from orgdesign.output.documents.catalog import render_text

    return render_text


def _catalog_md() -> ReportWriter[CatalogListing]:
    from orgdesign.output.documents.catalog import render_markdown

    return render_markdown


def _catalog_json() -> ReportWriter[CatalogListing]:
    from orgdesign.output.documents.catalog import render_json

    return ignoring_lang(render_json)


CATALOG: Formats[ReportWriter[CatalogListing]] = Formats(
    "catalogue",
    ReportWriter,
    (
        Format("text", (".txt",), R, "aligned columns", _catalog_text),
        Format("md", (".md",), R, "a Markdown table", _catalog_md),
        Format("json", (".json",), R, "every field as JSON", _catalog_json),
    ),
)


def _compare_text() -> ReportWriter[list[Column]]:
    from orgdesign.analysis.scenario.compare import render_text

    return ignoring_lang(render_text)


def _compare_md() -> ReportWriter[list[Column]]:
    from orgdesign.analysis.scenario.compare import render_markdown

    return ignoring_lang(render_markdown)


def _compare_json() -> ReportWriter[list[Column]]:
    from orgdesign.analysis.scenario.compare import render_json

    return ignoring_lang(render_json)


COMPARE: Formats[ReportWriter[list[Column]]] = Formats(
    "comparison",
    ReportWriter,
    (
        Format("text", (".txt",), R, "aligned columns", _compare_text),
        Format("md", (".md",), R, "a Markdown table", _compare_md),
        Format("json", (".json",), R, "the figures as JSON", _compare_json),
    ),
)


Advice = tuple["Recommendation", "Comparison | None"]
"""A recommendation and, given an org file, how that file compares with it."""


def _advice_text() -> ReportWriter[Advice]:
    from orgdesign.analysis.recommend import as_text

    def write(advice: Advice, lang: str | None) -> str:
        del lang  # the recommendation is made in its language
        return as_text(*advice)

    return write


def _advice_json() -> ReportWriter[Advice]:
    import json

    from orgdesign.analysis.recommend import as_dict

    def write(advice: Advice, lang: str | None) -> str:
        del lang
        return json.dumps(as_dict(*advice), indent=2, ensure_ascii=False) + "\n"

    return write


RECOMMEND: Formats[ReportWriter[Advice]] = Formats(
    "recommendation",
    ReportWriter,
    (
        Format("text", (".txt",), R, "the advice with its reasons", _advice_text),
        Format("json", (".json",), R, "as JSON (keys and ids in English)", _advice_json),
    ),
)
