"""Header, footer and legend of a chart page.

This module owns the text around the drawing: the header (organisation
name, chart title with the page's top positions, date and version), the
footer (organisation and title, page x of y) and the legend (line styles,
vacant, the colours of the units drawn on the page), each placed and
measured with the chart font. A header or footer text longer than its room
is cut with an ellipsis ("…"), never left to run off the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from orgdesign.layout.model import Anchor, Legend, LegendItem, Text, TextRole
from orgdesign.layout.text import Fonts

HEAD_SIZE = 12.0
SUB_SIZE = 8.5
META_SIZE = 7.0
LEGEND_SIZE = 7.0
LEGEND_ROW = 11.0
LEGEND_ROWS = 2
SWATCH = (12.0, 7.0)


def legend_row(least: float) -> float:
    """Height of one legend row when no text may be smaller than `least`."""
    return max(LEGEND_SIZE, least) + 4


def footer_height(least: float) -> float:
    return max(META_SIZE, least) + 7


@dataclass(frozen=True)
class Edges:
    """The page the header and footer are placed on: its size and margin, points, the chart
    font, and the least text size allowed (`min_font`; 0 for none)."""

    fonts: Fonts
    margin: float
    width: float
    height: float
    least: float = 0.0

    @property
    def sub_size(self) -> float:
        """Size of the chart title line (never below `least`)."""
        return max(SUB_SIZE, self.least)

    @property
    def meta_size(self) -> float:
        """Size of the date, version and page lines (never below `least`)."""
        return max(META_SIZE, self.least)


ELLIPSIS = "…"
GAP = 12.0
"""Least space between a left and a right text of one line, points."""


def fitted(fonts: Fonts, text: str, room: float, size: float, bold: bool = False) -> str:
    """`text` on one line of at most `room` points: whole, or its longest beginning that
    fits followed by "…"."""
    if fonts.width(text, size, bold) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if fonts.width(text[:mid].rstrip() + ELLIPSIS, size, bold) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def subtitle(
    edges: Edges, lead: str, names: Sequence[str], more: str, each: str = "{title}"
) -> str:
    """The header's second line: `lead · A · B` naming every subtree of the page, or as many
    as fit followed by `more` (with `{n}`, the number left out); the first name is cut with
    "…" when even it does not fit. `each` (with `{title}`) is how a name is written ("…
    (continued)"), kept whole when the name is cut."""
    fonts, size = edges.fonts, edges.sub_size
    room = edges.width - 2 * edges.margin
    written = [each.format(title=n) for n in names]
    for shown in range(len(names), 0, -1):
        left = len(names) - shown
        text = " · ".join([lead, *written[:shown]]) + (f" {more.format(n=left)}" if left else "")
        if fonts.width(text, size) <= room:
            return text
    if not names:
        return fitted(fonts, lead, room, size)
    tail = f" {more.format(n=len(names) - 1)}" if len(names) > 1 else ""
    head = f"{lead} · "
    rest = room - fonts.width(head + each.format(title="") + tail, size)
    return head + each.format(title=fitted(fonts, names[0], rest, size)) + tail


def header(edges: Edges, org: str, title: str, meta: str) -> tuple[Text, ...]:
    """Organisation name and chart title at the top left; date and version at the top right
    (each cut with "…" to its room)."""
    fonts, margin = edges.fonts, edges.margin
    sub_size = edges.sub_size
    top = margin + HEAD_SIZE
    room = edges.width - 2 * margin
    out: list[Text] = []
    if meta:
        size = edges.meta_size
        meta = fitted(fonts, meta, room / 2, size)
        right = edges.width - margin
        out.append(_measured(fonts, meta, right, top, size, "#666666", "header", anchor="end"))
        room -= out[-1].width + GAP
    org = fitted(fonts, org, room, HEAD_SIZE, True)
    title = fitted(fonts, title, edges.width - 2 * margin, sub_size)
    out[:0] = [
        _measured(fonts, org, margin, top, HEAD_SIZE, "#1A1A1A", "header", bold=True),
        _measured(fonts, title, margin, top + sub_size + 5, sub_size, "#444444", "header"),
    ]
    return tuple(out)


def footer(edges: Edges, left: str, right: str) -> tuple[Text, ...]:
    """`left` at the bottom left (organisation and chart), `right` at the bottom right (page);
    `left` is cut with "…" where it would run into `right`."""
    fonts, margin, size = edges.fonts, edges.margin, edges.meta_size
    y = edges.height - margin + size + 2
    page = _measured(fonts, right, edges.width - margin, y, size, "#666666", "footer", anchor="end")
    room = edges.width - 2 * margin - page.width - GAP
    return (
        _measured(fonts, fitted(fonts, left, room, size), margin, y, size, "#666666", "footer"),
        page,
    )


def legend(
    fonts: Fonts,
    x0: float,
    y0: float,
    width: float,
    units: Sequence[tuple[str, str, str]],
    words: Mapping[str, str],
    least: float = 0.0,
    changes: Sequence[tuple[str, str]] = (),
    continued: bool = False,
) -> Legend:
    """Legend items in at most `LEGEND_ROWS` rows from (x0, y0); units that do not fit are
    counted in a last "+N units" item. `changes` (meaning, border colour) come before the
    units, so a diff chart always says what its colours mean. With `continued`, a dashed box
    says what the boxes "continued on page N" are."""
    fixed = [
        ("solid", words["legend_solid"], "#FFFFFF", "#8A8A8A"),
        ("dotted", words["legend_dotted"], "#FFFFFF", "#4A6FA5"),
        ("vacant", words["legend_vacant"], "#FFFFFF", "#B0403D"),
    ]
    if continued:
        fixed.append(("continued", words["legend_continued"], "#FFFFFF", "#8A8A8A"))
    entries = [
        *fixed,
        *(("change", text, "#FFFFFF", colour) for text, colour in changes),
        *(("unit", name, fill, line) for name, fill, line in units),
    ]
    LEGEND_SIZE = max(7.0, least)
    LEGEND_ROW = legend_row(least)
    items: list[LegendItem] = []
    x, row = x0, 0
    right = x0 + width
    for i, (kind, whole, fill, line) in enumerate(entries):
        text = fitted(fonts, whole, width - SWATCH[0] - 13, LEGEND_SIZE)
        need = SWATCH[0] + 3 + fonts.width(text, LEGEND_SIZE) + 10
        before = x
        if x + need > right and x > x0:
            row, x = row + 1, x0
        left_over = len(entries) - i - 1
        more = words["more_units"].format(n=left_over + 1)
        more_w = fonts.width(more, LEGEND_SIZE) + SWATCH[0] + 13
        last = row >= LEGEND_ROWS - 1
        if row >= LEGEND_ROWS or (last and left_over and x + need + more_w > right):
            if row >= LEGEND_ROWS:
                row, x = LEGEND_ROWS - 1, before
            items.append(
                _item(
                    "unit", more, "#FFFFFF", "#FFFFFF", x, y0 + row * LEGEND_ROW, fonts, LEGEND_SIZE
                )
            )
            break
        items.append(_item(kind, text, fill, line, x, y0 + row * LEGEND_ROW, fonts, LEGEND_SIZE))
        x += need
    rows = row + 1
    return Legend(x0, y0, width, rows * LEGEND_ROW, tuple(items))


def _item(
    kind: str,
    text: str,
    fill: str,
    line: str,
    x: float,
    y: float,
    fonts: Fonts,
    size: float = LEGEND_SIZE,
) -> LegendItem:
    LEGEND_SIZE = size
    sw, sh = SWATCH
    label = _measured(
        fonts, text, x + sw + 3, y + LEGEND_SIZE + 1, LEGEND_SIZE, "#444444", "legend"
    )
    swatch_y = y + 2 + (size - 7.0) / 2
    return LegendItem(x, swatch_y, sw, sh, kind, fill, line, label)  # type: ignore[arg-type]


def _measured(
    fonts: Fonts,
    text: str,
    x: float,
    y: float,
    size: float,
    colour: str,
    role: TextRole,
    *,
    bold: bool = False,
    anchor: Anchor = "start",
) -> Text:
    """A line of page text at (x, y), its width measured with the chart font at `size`."""
    width = fonts.width(text, size, bold)
    return Text(text, x, y, size, width, bold=bold, colour=colour, anchor=anchor, role=role)
