"""Text measured with the chart font's real metrics, and wrapped to a width.

This module owns how wide a line of chart text is and where it wraps. Widths
come from the advance widths (`hmtx`) of the installed Noto Sans CJK font,
read with fontTools: the same font the PDF/PNG writers draw with, so a
measured line never runs out of its box. Noto Sans CJK covers Latin, Chinese,
Japanese and Korean; characters it lacks are measured as one em (wider than
any glyph a fallback font would draw).

Wrapping breaks at spaces and between CJK characters, but never before a closing
mark or after an opening one (`break_units`, the line-breaking rule of every chart
surface); a word wider than the line is broken between characters, so text is
wrapped, never clipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
)
"""Where Debian, Fedora and Arch put fonts-noto-cjk, and user font folders."""

FONT_FILES = {False: "NotoSansCJK-Regular.ttc", True: "NotoSansCJK-Bold.ttc"}
FAMILY = "Noto Sans CJK SC"


class FontMissing(Exception):
    """The chart font is not installed."""


@dataclass
class FontMetrics:
    """Advance widths of one font face, in font units, and its vertical metrics."""

    advances: dict[int, int]
    units_per_em: int
    ascent: float
    """Ascender, in em."""
    descent: float
    """Descender (positive), in em."""
    _cache: dict[str, float] = field(default_factory=dict)

    def width(self, text: str, size: float) -> float:
        """Advance width of `text` at `size` points."""
        em = self._cache.get(text)
        if em is None:
            default = self.units_per_em
            units = sum(self.advances.get(ord(ch), default) for ch in text)
            em = units / self.units_per_em
            if len(self._cache) < 200_000:
                self._cache[text] = em
        return em * size


@dataclass(frozen=True)
class Fonts:
    """Regular and bold metrics of the chart font."""

    regular: FontMetrics
    bold: FontMetrics
    family: str = FAMILY

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return (self.bold if bold else self.regular).width(text, size)

    def line_height(self, size: float) -> float:
        """Baseline-to-baseline distance for `size` points."""
        return size * 1.25


def find_font(name: str) -> Path:
    for folder in FONT_DIRS:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise FontMissing(
        f"the chart font {name} (Noto Sans CJK) is not installed; install it with "
        "`sudo apt-get install fonts-noto-cjk` (Debian/Ubuntu)"
    )


def _read(path: Path) -> FontMetrics:
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(path), lazy=True)
    face = collection.fonts[0]
    for candidate in collection.fonts:
        if "SC" in str(candidate["name"].getDebugName(1)):
            face = candidate
            break
    cmap = face.getBestCmap()
    metrics = face["hmtx"].metrics
    advances = {code: metrics[glyph][0] for code, glyph in cmap.items()}
    upm = int(face["head"].unitsPerEm)
    os2 = face["OS/2"]
    return FontMetrics(
        advances=advances,
        units_per_em=upm,
        ascent=os2.sTypoAscender / upm,
        descent=-os2.sTypoDescender / upm,
    )


@lru_cache(maxsize=1)
def load_fonts() -> Fonts:
    """The chart font's metrics (read once per process: font files do not change)."""
    return Fonts(
        regular=_read(find_font(FONT_FILES[False])), bold=_read(find_font(FONT_FILES[True]))
    )


_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKENS = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}]+")


def clean(text: object) -> str:
    """One line: whitespace runs become one space; characters XML forbids are dropped."""
    return " ".join(_INVALID.sub("", str(text)).split())


NO_LINE_START = "）〕］｝〉》」』】〗〙〛”’，、。．：；！？・…‥％)]},.:;!?%"
"""Closing brackets and punctuation: never the first character of a line (kinsoku)."""
NO_LINE_END = "（〔［｛〈《「『【〖〘〚“‘([{"
"""Opening brackets: never the last character of a line."""


_CJK_CHAR = re.compile(rf"[{_CJK}]")
_NUMBER = re.compile(r"[0-9][0-9.,/:%+-]*")
_ENDS_IN_NUMBER = re.compile(rf"(?:^|[{_CJK}] ?)[0-9][0-9.,/:%+-]*$")


def _joins(last: str, token: str) -> bool:
    """Whether no line may break between `last` and `token` (a space between or not)."""
    if token[0] in NO_LINE_START:
        return True
    cjk_before = bool(_CJK_CHAR.match(last[-1])) and last[-1] not in NO_LINE_START
    if _NUMBER.fullmatch(token) and cjk_before:
        return True  # 第 5 页, 有 3 个: a number stays with the characters around it
    return bool(_CJK_CHAR.match(token[0])) and bool(_ENDS_IN_NUMBER.search(last))


def break_units(text: str) -> list[str]:
    """The pieces a line may break between (one space for each run of spaces): words and
    single CJK characters, with a closing mark joined to what comes before it and an
    opening mark to what follows, so no line starts with `）、，` or ends with `（` (kinsoku);
    a number is joined to the CJK characters beside it (`（第 5 页）` stays whole).
    Every chart wrapper (this layout's and Graphviz's) breaks only between these."""
    units: list[str] = []
    for token in _TOKENS.findall(text):
        last = units[-1] if units else ""
        if token.isspace():
            if last and last[-1] in NO_LINE_END:
                units[-1] += " "  # `「 a`: the opening mark keeps its space and what follows
            elif last and last != " ":
                units.append(" ")
        elif last == " " and len(units) > 1 and _joins(units[-2], token):
            units.pop()
            units[-1] += " " + token
        elif last and last != " " and (last[-1] in NO_LINE_END + " " or _joins(last, token)):
            units[-1] += token
        else:
            units.append(token)
    return units


def wrap(fonts: Fonts, text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width` points (at least one line), only
    between `break_units`."""
    lines: list[str] = []
    current, used = "", 0.0
    space = fonts.width(" ", size, bold)
    pending = False
    for token in break_units(clean(text)):
        if token.isspace():
            pending = bool(current)
            continue
        tw = fonts.width(token, size, bold)
        gap = space if pending and current else 0.0
        pending = False
        if current and used + gap + tw <= width + 1e-9:
            current, used = current + (" " if gap else "") + token, used + gap + tw
            continue
        if current:
            lines.append(current)
        while tw > width + 1e-9:
            head = _fit(fonts, token, width, size, bold)
            lines.append(head)
            token = token[len(head) :].lstrip()
            tw = fonts.width(token, size, bold)
        current, used = token, tw
    if current:
        lines.append(current)
    return lines or [""]


def _fit(fonts: Fonts, token: str, width: float, size: float, bold: bool) -> str:
    """The longest prefix of `token` (at least one character) at most `width` wide."""
    out = token[0]
    for ch in token[1:]:
        if fonts.width(out + ch, size, bold) > width:
            break
        out += ch
    return out
