"""Renderers: the organisation turned into files people hand around.

This package owns the suffix -> implementation registry of `orgdesign chart`
and the options every chart renderer takes. Entries are "module:function"
strings imported on first use, so a renderer's dependencies (Graphviz,
openpyxl, ...) load only when that format is asked for, and a new format is
one module and one line here.

A chart renderer has the signature
`render(org, graph, findings, options, out) -> None` (an `Org`, its `OrgGraph`, the
validation findings, `ChartOptions` and the output `Path`) and writes `out` whole or
not at all (see `orgdesign.load.fsio`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orgdesign.load.theme import Theme

CHART_RENDERERS: dict[str, str] = {
    ".dot": "orgdesign.output.chart.dot:render",
    ".svg": "orgdesign.output.chart.layoutchart:render",
    ".png": "orgdesign.output.chart.layoutchart:render",
    ".pdf": "orgdesign.output.chart.layoutchart:render",
    ".mmd": "orgdesign.output.chart.mermaid:render",
    ".html": "orgdesign.output.chart.explorer:render",
    ".pptx": "orgdesign.output.chart.deck:render",
}
"""Output suffix -> "module:function" of the chart renderer."""


@dataclass(frozen=True)
class ChartOptions:
    """Options shared by chart renderers."""

    lang: str | None = None
    root: str | None = None
    depth: int | None = None
    clusters: bool = True
    stack: bool = True
    paginate: bool = False
    paper: str | None = None
    """a4, a3, letter, tabloid (None: A4 for PDF and for --paginate)."""
    landscape: bool = True
    min_font: float = 6.0
    """Smallest printed text size of a paginated chart, points."""
    poster: bool = False
    """A PDF on one large page instead of pages of paper."""
    engine: str = "orgdesign"
    """orgdesign (own layout) or graphviz (Graphviz dot draws .svg/.png/.pdf)."""
    theme: Theme | None = None
    """Palette, fonts, logo and company of the configuration (None: orgdesign's own look)."""


def load(target: str) -> Callable[..., Any]:
    """Import a "module:function" registry entry."""
    module, _, name = target.partition(":")
    fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return fn
