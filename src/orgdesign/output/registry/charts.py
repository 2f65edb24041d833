"""The chart writers of `orgdesign chart -o` (and the pack), and of `diff --chart`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesign.output.formats import (
    ChartWriter,
    DiffChartWriter,
    Format,
    Formats,
    Kind,
)

if TYPE_CHECKING:
    pass


# --- chart -o, the pack's charts ---------------------------------------------------------------


def _dot() -> ChartWriter:
    from orgdesign.output.chart.dot import render

    return render


def _drawn() -> ChartWriter:
    from orgdesign.output.chart.layoutchart import render

    return render


def _mermaid() -> ChartWriter:
    from orgdesign.output.chart.mermaid import render

    return render


def _explorer() -> ChartWriter:
    from orgdesign.output.chart.explorer import render

    return render


def _deck() -> ChartWriter:
    from orgdesign.output.chart.deck import render

    return render


C = Kind.chart
CHARTS: Formats[ChartWriter] = Formats(
    "chart",
    ChartWriter,
    (
        Format("dot", (".dot",), C, "Graphviz source", _dot, pages=True),
        Format("svg", (".svg",), C, "vector drawing", _drawn, pages=True),
        Format("png", (".png",), C, "picture", _drawn, pages=True),
        Format("pdf", (".pdf",), C, "PDF to print, --paginate: pages of paper", _drawn),
        Format("mermaid", (".mmd",), C, "Mermaid source", _mermaid, pages=True),
        Format("html", (".html",), C, "interactive explorer", _explorer),
        Format("pptx", (".pptx",), C, "PowerPoint deck", _deck),
    ),
)


# --- diff --chart ------------------------------------------------------------------------------


def _diff_svg() -> DiffChartWriter:
    from orgdesign.output.chart.diffchart import svg

    return svg


def _diff_png() -> DiffChartWriter:
    from orgdesign.output.chart.diffchart import png

    return png


def _diff_pdf() -> DiffChartWriter:
    from orgdesign.output.chart.diffchart import pdf

    return pdf


def _diff_dot() -> DiffChartWriter:
    from orgdesign.output.chart.diffchart import dot

    return dot


DIFF_CHARTS: Formats[DiffChartWriter] = Formats(
    "diff chart",
    DiffChartWriter,
    (
        Format("svg", (".svg",), C, "vector drawing", _diff_svg),
        Format("png", (".png",), C, "picture", _diff_png),
        Format("pdf", (".pdf",), C, "print", _diff_pdf),
        Format("dot", (".dot",), C, "Graphviz source", _diff_dot),
    ),
)
