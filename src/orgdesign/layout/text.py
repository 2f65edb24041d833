"""Text measured with the chart font's real metrics, and wrapped to a width.

This module owns how wide a line of chart text is and where it wraps. Widths
come from the advance widths (`hmtx`) of the installed Noto Sans CJK font,
read with fontTools: the same font the PDF/PNG writers draw with, so a
measured line never runs out of its box. Noto Sans CJK covers Latin, Chinese,
Japanese and Korean; characters it lacks are measured as one em (wider than
any glyph a fallback font would draw).

Wrapping breaks at spaces and between CJK characters; a word wider than the
line is broken between characters, so text is wrapped, never clipped.
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


def wrap(fonts: Fonts, text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width` points (at least one line)."""
    lines: list[str] = []
    current, used = "", 0.0
    space = fonts.width(" ", size, bold)
    pending = False
    for token in _TOKENS.findall(clean(text)):
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
            token = token[len(head) :]
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
