"""Writers: the organisation turned into files people hand around.

This package owns the options every chart writer takes (`ChartOptions`). Which writer
makes which format is the typed registry: the record and the writer protocols in
`orgdesign.output.formats`, the entries in `orgdesign.output.registry`. A chart writer is
`render(org, graph, findings, options, out) -> None` (`formats.ChartWriter`) and writes
`out` whole or not at all (see `orgdesign.load.fsio`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from orgdesign.layout.scope import Selection

if TYPE_CHECKING:
    from orgdesign.load.theme import Theme


@dataclass(frozen=True)
class ChartOptions(Selection):
    """Options shared by chart renderers: what to draw (`Selection`), on what paper, how."""

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
