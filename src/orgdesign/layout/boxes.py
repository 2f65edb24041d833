"""What a position's box says and how big it is, measured with the chart font.

This module owns the content of a box (title, holders or "vacant", seats
filled, notes such as page references) as `Text` lines placed inside it, and
the box's size: as wide as its longest line needs between `INNER_MIN` and
`INNER_MAX`, the title wrapped to that width, as tall as its lines. Text is
wrapped, never cut: a box grows to hold it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from orgdesign.i18n import join
from orgdesign.layout.model import Text, TextRole
from orgdesign.layout.style import words
from orgdesign.layout.text import Fonts, clean, wrap
from orgdesign.model import Position

TITLE_SIZE = 9.0
BODY_SIZE = 8.0
SMALL_SIZE = 7.0
"""Design font sizes, points; `SMALL_SIZE` is the smallest text of a chart."""
PAD_X = 6.0
PAD_Y = 4.0
INNER_MIN = 72.0
INNER_MAX = 116.0
"""Width of a box's text column, points."""
NAMES_SHOWN = 4
"""Holder names written in a box before "+N more"."""

VACANT_COLOUR = "#B0403D"
NOTE_COLOUR = "#8A5A00"
SMALL_COLOUR = "#555555"


@dataclass(frozen=True)
class BoxContent:
    """What goes in a position's box, at design size (before a page scales it)."""

    w: float
    h: float
    """Size of the box, points."""
    band: float
    """Height of the coloured title band, points."""
    lines: tuple[Text, ...]
    """Coordinates relative to the box's top-left corner."""


@dataclass(frozen=True)
class _Run:
    """One piece of a box's text, one style, before it is wrapped into lines."""

    text: str
    size: float
    """Design size, points."""
    bold: bool
    italic: bool
    colour: str
    role: TextRole
    """What the text is (the layout's `Text.role`)."""


def _runs(pos: Position, lang: str | None, notes: Sequence[str]) -> tuple[_Run, list[_Run]]:
    """The title and the body parts of a box, unwrapped."""
    w = words(lang)
    title = _Run(clean(pos.label(lang)), TITLE_SIZE, True, False, "#1A1A1A", "title")
    body: list[_Run] = []
    names = [clean(n) for n in pos.holders if clean(n)]
    if names:
        shown = join(names[:NAMES_SHOWN], lang)
        if len(names) > NAMES_SHOWN:
            shown += " " + w["more_names"].format(n=len(names) - NAMES_SHOWN)
        body.append(_Run(shown, BODY_SIZE, False, False, "#222222", "holders"))
    else:
        body.append(_Run(w["vacant"], BODY_SIZE, False, True, VACANT_COLOUR, "vacant"))
    small: list[str] = []
    if pos.headcount > 1:
        small.append(w["filled"].format(filled=len(pos.holders), total=pos.headcount))
    if pos.assistant:
        small.append(w["assistant"])
    if small:
        body.append(_Run(" · ".join(small), SMALL_SIZE, False, False, SMALL_COLOUR, "seats"))
    for note in notes:
        role: TextRole = "continued" if "page" in note or "页" in note else "note"
        body.append(_Run(clean(note), SMALL_SIZE, False, True, NOTE_COLOUR, role))
    return title, body


def box_content(
    fonts: Fonts, pos: Position, lang: str | None, notes: Sequence[str] = ()
) -> BoxContent:
    """Lines and size of a position's box at design size."""
    title, body = _runs(pos, lang, notes)
    natural = max(fonts.width(r.text, r.size, r.bold) for r in [title, *body])
    inner = min(max(natural, INNER_MIN), INNER_MAX)
    width = inner + 2 * PAD_X
    lines: list[Text] = []
    y = PAD_Y
    for part in wrap(fonts, title.text, inner, title.size, True):
        y = _line(fonts, lines, title, part, width, y)
    band = y + PAD_Y - 1
    y = band + PAD_Y - 1
    for run in body:
        for part in wrap(fonts, run.text, inner, run.size, run.bold):
            y = _line(fonts, lines, run, part, width, y)
    return BoxContent(w=width, h=y + PAD_Y, band=band, lines=tuple(lines))


def _line(fonts: Fonts, out: list[Text], run: _Run, part: str, width: float, y: float) -> float:
    """Append one centred line whose top is at `y`; the next line's top."""
    height = fonts.line_height(run.size)
    baseline = y + height * 0.8
    out.append(
        Text(
            text=part,
            x=width / 2,
            y=baseline,
            size=run.size,
            width=fonts.width(part, run.size, run.bold),
            bold=run.bold,
            italic=run.italic,
            colour=run.colour,
            anchor="middle",
            role=run.role,
        )
    )
    return y + height
