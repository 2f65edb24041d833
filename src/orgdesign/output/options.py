"""The options every chart writer takes (`ChartOptions`).

A module of its own, reached through `orgdesign.output.ChartOptions` when first used: its
base `Selection` is the layout's (`orgdesign.layout.scope`), which `validate` never loads.
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
