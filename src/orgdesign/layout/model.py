"""The org-chart layout as plain data: what every chart surface draws.

This module owns the data model of a laid-out org chart. It holds no
behaviour: `orgdesign.layout` computes it from an `OrgGraph`; the SVG, PDF and
PNG writers, the HTML explorer, the diff chart and the PowerPoint deck only
draw it. Keep it stable: writers in other packages depend on every field.

Units and coordinates
---------------------
* Every length, coordinate and font size is in **points** (1/72 inch).
* Coordinates are **page coordinates**: origin at the top-left corner of the
  page, x to the right, y **down** (as in SVG and PowerPoint; a PDF writer
  flips y itself).
* Everything on a `Page` is already placed and scaled for that page: a writer
  draws it as it is, with no transform of its own. A font size is the size
  printed on paper (the minimum printed size is checked by the layout, see
  `Page.scale`).
* Colours are `#RRGGBB` strings.

Structure
---------
`Layout` — the chart: pages plus what the header and footer say.
  `Page` — one sheet of paper (or one drawing when not paginated):
    `Frame` — a unit drawn as a rounded, tinted region behind its boxes;
    `Box`   — a position (or a stub standing for a position drawn on another
              page), with its `Text` lines placed relative to the box;
    `Line`  — a reporting line: an orthogonal polyline, solid or dotted, with
              an optional `Label` placed where no box, frame title or other
              label is;
    `Marker` — a "continued on page N" / "reports to ..., page N" / dotted
              line to another page reference (also written in a box's text);
    `Text`  — header and footer lines (absolute page coordinates);
    `Legend` — unit colours and line styles, each item placed.

Drawing order (back to front): frames (outermost first), lines, boxes,
labels, header, footer, legend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Anchor = Literal["start", "middle", "end"]
"""Horizontal alignment of a `Text` at its x: left edge, centre or right edge."""

TextRole = Literal[
    "title",
    "holders",
    "vacant",
    "seats",
    "note",
    "continued",
    "dotted",
    "frame",
    "header",
    "footer",
    "legend",
    "label",
]
"""What a line of text is, for writers that style or filter by it (e.g. the deck)."""


@dataclass(frozen=True)
class Text:
    """One line of text, never wider than the room the layout measured it for.

    Inside a `Box` or `Label`, `x` and `y` are relative to that box's top-left
    corner; everywhere else (page header, footer, frame titles, legend) they
    are absolute page coordinates."""

    text: str
    """The characters, already wrapped and cleaned (one line, no control characters)."""
    x: float
    """Anchor point's x (see `anchor`), points."""
    y: float
    """Baseline y, points (y grows downwards)."""
    size: float
    """Font size as printed, points."""
    width: float
    """Measured advance width of `text` at `size` with the chart font, points."""
    bold: bool = False
    italic: bool = False
    colour: str = "#222222"
    anchor: Anchor = "start"
    role: TextRole = "title"


@dataclass(frozen=True)
class Area:
    """A rectangle: top-left corner (x, y) and size (w, h), page coordinates, points."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Box(Area):
    """A position's box (its `Area`). The top `band` points are filled with the unit colour
    (the title sits there); the rest is white; the border has the unit's line colour."""

    id: str
    """Position id (for a stub: the id of the position it stands for)."""
    lines: tuple[Text, ...]
    """Title, holders or "vacant", seats, notes: coordinates relative to (x, y)."""
    band: float
    """Height of the coloured title band at the top of the box, points."""
    fill: str
    """Unit fill colour (the title band)."""
    stroke: str
    """Unit line colour (the border)."""
    unit: str | None = None
    """Unit id of the position (None without a known unit)."""
    vacant: bool = False
    """No holder is named."""
    seats: int = 1
    """Headcount of the position."""
    filled: int = 0
    """Holders named."""
    assistant: bool = False
    stub: bool = False
    """True when the position's box is drawn in full on another page (`page_ref`)."""
    page_ref: int | None = None
    """Page where this position's own page starts (a cut subtree), or None."""
    highlight: str | None = None
    """Border colour that marks the box (diff charts: added, changed, moved), or None."""
    border: float = 0.8
    """Border width, points."""


@dataclass(frozen=True)
class Label(Area):
    """Text placed beside a line (what a dotted line decides), in a white rectangle that no
    box, frame title or other label overlaps."""

    lines: tuple[Text, ...]
    """Coordinates relative to (x, y)."""


@dataclass(frozen=True)
class Line:
    """A reporting line drawn as an orthogonal polyline (horizontal and vertical segments)."""

    points: tuple[tuple[float, float], ...]
    """Vertices in page coordinates, points; consecutive points share x or y."""
    style: Literal["solid", "dotted"] = "solid"
    source: str = ""
    """Manager's position id ("" for a shared bus segment)."""
    target: str = ""
    """Report's position id ("" for a shared bus segment)."""
    colour: str = "#8A8A8A"
    width: float = 1.0
    """Stroke width, points."""
    arrow: bool = False
    """Draw an arrow head at the last point (dotted lines point to the report)."""
    label: Label | None = None


@dataclass(frozen=True)
class Frame(Area):
    """A unit drawn as a rounded region (its `Area`) behind exactly its unit's boxes on the page."""

    unit: str
    """Unit id."""
    fill: str
    """Tinted unit colour."""
    stroke: str
    title: Text | None
    """Unit name, absolute page coordinates, inside the frame's top-left corner."""
    depth: int = 0
    """Nesting depth of the frame (0 = outermost), frames are drawn outermost first."""


@dataclass(frozen=True)
class Marker:
    """A reference between pages, attached to a box (its text is also in the box)."""

    kind: Literal["continued", "reports_to", "dotted_to", "dotted_from"]
    """continued: the subtree of `position` continues on `page`; reports_to: this page's
    top position reports to `other` on `page`; dotted_to / dotted_from: a dotted line
    between `position` (on this page) and `other` on `page`."""
    position: str
    """The position on this page the marker belongs to."""
    page: int
    """The other page (1-based)."""
    other: str | None = None
    """The position at the other end, if any."""


@dataclass(frozen=True)
class LegendItem(Area):
    """One entry of the legend: a swatch (its `Area`) and its text."""

    kind: Literal["unit", "solid", "dotted", "vacant", "seats", "change", "continued"]
    """What the swatch shows: a unit's colours, a line style, a vacant box, seats, the
    border colour of a kind of change (diff charts), or the dashed box of a position drawn
    in full on another page."""
    fill: str
    """Swatch colours (a line's colour is `stroke`)."""
    stroke: str
    text: Text
    """Absolute page coordinates."""

    @property
    def dashed(self) -> bool:
        """Whether the swatch's outline is dashed (as a box "continued on page N")."""
        return self.kind == "continued"

    @property
    def border(self) -> float:
        """Outline width of a box swatch, points: a change's as thick as a marked box's."""
        return 2.0 if self.kind == "change" else 0.8


@dataclass(frozen=True)
class Legend(Area):
    """The legend's area and its items."""

    items: tuple[LegendItem, ...]


@dataclass(frozen=True)
class Page:
    """One sheet: its paper size and everything placed on it."""

    number: int
    """1-based page number."""
    width: float
    height: float
    """Paper size, points (e.g. A4 landscape 841.89 x 595.28); a chart that is not
    paginated gets one page the size of its drawing plus margins."""
    boxes: tuple[Box, ...]
    lines: tuple[Line, ...] = ()
    frames: tuple[Frame, ...] = ()
    """Outermost first."""
    header: tuple[Text, ...] = ()
    footer: tuple[Text, ...] = ()
    legend: Legend | None = None
    markers: tuple[Marker, ...] = ()
    top: str | None = None
    """The position the page starts from (None for several trees or the overview of a forest)."""
    title: str = ""
    """Short title (PDF bookmark, slide title): "3. Head of Sales"."""
    scale: float = 1.0
    """Factor the drawing was scaled by to fit the paper (fonts included): 1 = design size."""
    content: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """(x, y, w, h) of the area holding frames, boxes and lines, page coordinates."""


@dataclass(frozen=True)
class Layout:
    """A laid-out chart: pages, plus the facts header and footer show."""

    pages: tuple[Page, ...]
    org_name: str = ""
    title: str = ""
    """Chart title ("Organisation chart" in the chart's language)."""
    date: str = ""
    """ISO date the chart was made."""
    version: str = ""
    """Version of the source: a short hash of the org file(s)."""
    font: str = "Noto Sans CJK SC"
    """Font family every text was measured with (writers must draw with it)."""
    lang: str | None = None
    page_of: dict[str, int] = field(default_factory=dict)
    """Page (1-based) where each drawn position's full box is."""
