"""How the RACI sheet goes onto paper: paper, scale and column breaks.

This module owns the page planning of `render.raci_xlsx`: the printed width of Excel
columns and of text in them, how many lines a label wraps to, and `plan_pages`: A4 when
the matrix fits one A4 width at `A4_COMFORT` or more, else A3 (or the paper asked for);
fitted to one page wide when the text stays at `MIN_PRINT_PT` or more, otherwise printed
at the largest such scale with column breaks, preferably between units, so every page
carries whole units beside the repeated label columns.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from orgdesign.output.paper import printable_width

FONT_PT = 10
"""Size of the sheet's text."""
MIN_PRINT_PT = 6.0
"""Smallest printed text size the page set-up allows (points)."""
A4_COMFORT = 0.8
"""A matrix that fits one A4 width at this scale or more prints on A4; wider ones on A3."""


def column_pt(width: float) -> float:
    """Printed width in points of a column of `width` characters (Excel: 7 px a character
    plus 5 px padding at 96 px an inch)."""
    return (width * 7 + 5) * 0.75


def wrapped_lines(text: str, width: float, indent: bool = False) -> int:
    """Lines a text takes wrapped in a column of `width` characters (an estimate)."""
    room = column_pt(width) - (12 if indent else 5)
    return max(1, math.ceil(text_pt(text) / room)) if text else 1


def text_pt(text: str, size: float = FONT_PT) -> float:
    """Rough printed length of a text in Arial: wide (CJK) characters 1 em, capitals and
    digits 0.62 em, other characters 0.48 em."""
    return sum(_em(ch) for ch in text) * size


def _em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    return 0.62 if ch.isupper() or ch.isdigit() else 0.48


@dataclass(frozen=True)
class Pages:
    """How the RACI sheet goes onto paper."""

    paper: str
    fit_width: int | None
    scale: int
    breaks: tuple[int, ...]
    """1-based column numbers that end a printed page (none when fitted)."""


def plan_pages(
    widths: Sequence[float], labels: int, groups: Sequence[int], paper: str | None
) -> Pages:
    """Paper, scale and column breaks for columns of these widths (points).

    `labels` is how many leading columns repeat on every page; `groups` the
    sizes of consecutive column groups (units) after them, whose boundaries
    are where a page is broken when it can be.
    """
    total = sum(widths)
    label = sum(widths[:labels])
    chosen = paper or ("a4" if total * A4_COMFORT <= printable_width("a4") else "a3")
    avail = printable_width(chosen)
    min_scale = MIN_PRINT_PT / FONT_PT
    if total * min_scale <= avail:
        return Pages(chosen, 1, 100, ())
    scale = int(min_scale * 100)
    breaks = _column_breaks(widths, labels, groups, avail * 100 / scale - label)
    # Use the room the breaks leave: the widest page decides the scale.
    widest = max(_page_widths(widths, labels, breaks)) + label
    scale = max(scale, min(100, math.floor(avail / widest * 100)))
    return Pages(chosen, None, scale, tuple(breaks))


def _column_breaks(
    widths: Sequence[float], labels: int, groups: Sequence[int], room: float
) -> list[int]:
    """Last column of each page but the final one, preferring ends of groups."""
    ends = set()
    at = labels
    for size in groups:
        at += size
        ends.add(at)
    breaks: list[int] = []
    used, last_end = 0.0, None
    for col in range(labels + 1, len(widths) + 1):
        w = widths[col - 1]
        if used + w > room and col > labels + 1:
            prev = col - 1
            cut = last_end if last_end is not None and last_end > (breaks or [labels])[-1] else prev
            if cut != prev and _width(widths, cut + 1, prev) > room * 0.4:
                cut = prev  # a break at the unit boundary would waste too much of the page
            breaks.append(cut)
            used = _width(widths, cut + 1, col)
            last_end = None
        else:
            used += w
        if col in ends:
            last_end = col
    return breaks


def _width(widths: Sequence[float], first: int, last: int) -> float:
    return sum(widths[first - 1 : last])


def _page_widths(widths: Sequence[float], labels: int, breaks: Sequence[int]) -> list[float]:
    edges = [labels, *breaks, len(widths)]
    return [_width(widths, a + 1, b) for a, b in itertools.pairwise(edges)]
