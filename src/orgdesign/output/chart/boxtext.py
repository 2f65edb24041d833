"""The text of a chart box: fonts, cleaning, wrapping and what each box says.

This module owns how a position's title, holders and notes become the lines of its
box (`box_text`, `wrap` by display width, CJK counted double), the text cleaning
every chart format shares (`clean`), Graphviz label escaping (`html_text`) and the
font Graphviz is told to use for a language (`font_for`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from orgdesign.i18n import join
from orgdesign.layout.style import words
from orgdesign.layout.text import break_units
from orgdesign.model import Position
from orgdesign.output import escape

NAMES_SHOWN = 4
"""Holder names written in a box before "+N more"."""

TITLE_WIDTH = 24
NAME_WIDTH = 30
"""Wrap widths in Latin characters (a CJK character counts as two)."""

CJK_FONTS: Mapping[str, str] = MappingProxyType(
    {
        "zh-hant": "Noto Sans CJK TC",
        "zh-tw": "Noto Sans CJK TC",
        "zh-hk": "Noto Sans CJK HK",
        "ja": "Noto Sans CJK JP",
        "ko": "Noto Sans CJK KR",
    }
)
"""CJK font family by language tag; every other language gets `CJK_FONT`."""

CJK_FONT = "Noto Sans CJK SC"
"""The font that draws Chinese (and Japanese and Korean): Debian's fonts-noto-cjk."""

LATIN_FONTS = "Liberation Sans,Arial"
"""Fonts tried first, for Latin text. Noto Sans CJK draws Latin too, but cairo then embeds
most of the CJK font in every PDF page (~0.9 MB a page); with a Latin font first, Graphviz
(pango) takes each character from the first family in the list that has it."""


def font_for(lang: str | None) -> str:
    """The font list of charts for a language tag: Latin fonts, then the CJK font whose
    glyph forms suit the language, so that Chinese never renders as empty boxes."""
    tag = (lang or "").lower().replace("_", "-")
    cjk = CJK_FONT
    for prefix, family in CJK_FONTS.items():
        if tag == prefix or tag.startswith(prefix + "-"):
            cjk = family
    return f"{LATIN_FONTS},{cjk}"


# --- text ---------------------------------------------------------------------------------


def clean(text: object) -> str:
    """One line of text: whitespace runs (newlines included) become one space; control
    characters and those XML forbids (lone surrogates) are dropped."""
    return " ".join(escape.label_chars(text).split())


def html_text(text: object) -> str:
    """Text for a Graphviz HTML-like label: one line, escaped by `escape.dot_html`."""
    return escape.dot_html(clean(text))


def display_width(text: str) -> int:
    """Width in Latin-character columns: wide (CJK) characters count as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    """Greedy wrap between `break_units` (spaces, CJK characters, never before `）、` or
    after `（`); overlong words are cut; at most `max_lines` lines, the last one ending in
    an ellipsis when text was left out."""
    lines: list[str] = []
    current = ""
    for token in break_units(clean(text)):
        if token.isspace():
            if current:
                current += " "
            continue
        while display_width(token) > width:
            room = width - display_width(current)
            head = _cut(token, room if room > 0 else width)
            if room <= 0 or not head:
                lines.append(current.rstrip())
                current = ""
                continue
            lines.append((current + head).rstrip())
            current, token = "", token[len(head) :].lstrip()
        if display_width(current + token) > width and current.strip():
            lines.append(current.rstrip())
            current = ""
        current += token
    if current.strip():
        lines.append(current.rstrip())
    lines = [line for line in lines if line]
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        while last and display_width(last) + 1 > width:
            last = last[:-1]
        kept[-1] = last.rstrip() + "…"
        return kept
    return lines or [""]


def _cut(token: str, width: int) -> str:
    """The longest prefix of `token` at most `width` columns wide."""
    out = ""
    for ch in token:
        if display_width(out + ch) > width:
            break
        out += ch
    return out


# --- what is drawn ------------------------------------------------------------------------


# --- pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoxText:
    """The text of one position's box, wrapped into lines (any chart format)."""

    title: tuple[str, ...]
    holders: tuple[str, ...]
    """Holder names, wrapped; empty when the position is vacant."""
    small: str
    """Seats filled/total when there are several seats, "assistant"; or ""."""
    notes: tuple[tuple[str, ...], ...]


def box_text(pos: Position, lang: str | None, notes: Sequence[str] = ()) -> BoxText:
    """Title, holder names (at most `NAMES_SHOWN`, then "+N more"), seats and notes of a box."""
    w = words(lang)
    names = [clean(n) for n in pos.holders if clean(n)]
    shown = join(names[:NAMES_SHOWN], lang)
    if len(names) > NAMES_SHOWN:
        shown += " " + w["more_names"].format(n=len(names) - NAMES_SHOWN)
    small: list[str] = []
    if pos.headcount > 1:
        small.append(w["filled"].format(filled=len(pos.holders), total=pos.headcount))
    if pos.assistant:
        small.append(w["assistant"])
    return BoxText(
        title=tuple(wrap(pos.label(lang), TITLE_WIDTH)),
        holders=tuple(wrap(shown, NAME_WIDTH)) if names else (),
        small=" · ".join(small),
        notes=tuple(tuple(wrap(note, NAME_WIDTH, 2)) for note in notes),
    )
