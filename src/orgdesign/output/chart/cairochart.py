"""PDF and PNG of a laid-out chart, drawn with cairo (through cairocffi).

This module owns drawing `orgdesign.layout.model` pages with cairo: a PDF
with one page per layout page (each exactly the page's paper size, fonts
embedded as subsets, one bookmark per page), or a PNG of one page. cairo
draws with the same Noto Sans CJK font the layout measured with, so Latin
and CJK text fit their boxes. A PNG larger than cairo's 32,767-pixel limit
is refused with a message (never silently shrunk).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

from orgdesign.layout.model import Box, Frame, Layout, Legend, Line, Page, Text
from orgdesign.layout.scope import ChartError

PNG_SCALE = 2.0
"""Pixels per point of PNG charts (144 dpi)."""
MAX_PIXELS = 32_767
"""cairo's largest image side."""


def _cairo() -> Any:
    try:
        import cairocffi
    except (ImportError, OSError) as exc:  # OSError: libcairo itself is missing
        raise ChartError(
            "PDF and PNG charts need cairo: `sudo apt-get install libcairo2` (Debian/Ubuntu); "
            "or write an .svg chart"
        ) from exc
    return cairocffi


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


class _Painter:
    def __init__(self, cairo: Any, cr: Any, font: str) -> None:
        self.cairo = cairo
        self.cr = cr
        self.font = font
        self.face: tuple[bool, bool, float] | None = None

    def text(self, t: Text, dx: float = 0.0, dy: float = 0.0) -> None:
        cr, c = self.cr, self.cairo
        if self.face != (t.italic, t.bold, t.size):  # font changes cost a lookup each
            slant = c.FONT_SLANT_ITALIC if t.italic else c.FONT_SLANT_NORMAL
            weight = c.FONT_WEIGHT_BOLD if t.bold else c.FONT_WEIGHT_NORMAL
            cr.select_font_face(self.font, slant, weight)
            cr.set_font_size(t.size)
            self.face = (t.italic, t.bold, t.size)
        x = dx + t.x
        if t.anchor == "middle":
            x -= t.width / 2
        elif t.anchor == "end":
            x -= t.width
        cr.set_source_rgb(*_rgb(t.colour))
        cr.move_to(x, dy + t.y)
        cr.show_text(t.text)

    def rounded(self, x: float, y: float, w: float, h: float, r: float) -> None:
        cr = self.cr
        r = min(r, w / 2, h / 2)
        cr.new_sub_path()
        cr.arc(x + w - r, y + r, r, -math.pi / 2, 0)
        cr.arc(x + w - r, y + h - r, r, 0, math.pi / 2)
        cr.arc(x + r, y + h - r, r, math.pi / 2, math.pi)
        cr.arc(x + r, y + r, r, math.pi, 3 * math.pi / 2)
        cr.close_path()

    def filled(self, fill: str, stroke: str, width: float = 0.8, dashed: bool = False) -> None:
        """Fill the current path with `fill` and outline it with `stroke` (solid or dashed)."""
        cr = self.cr
        cr.set_source_rgb(*_rgb(fill))
        cr.fill_preserve()
        cr.set_source_rgb(*_rgb(stroke))
        cr.set_line_width(width)
        cr.set_dash([3, 2] if dashed else [])
        cr.stroke()

    def frame(self, f: Frame) -> None:
        self.rounded(f.x, f.y, f.w, f.h, 6)
        self.filled(f.fill, f.stroke)
        if f.title:
            self.text(f.title)

    def line(self, ln: Line) -> None:
        cr = self.cr
        cr.set_source_rgb(*_rgb(ln.colour))
        cr.set_line_width(ln.width)
        cr.set_dash([4 * ln.width, 3 * ln.width] if ln.style == "dotted" else [])
        cr.move_to(*ln.points[0])
        for pt in ln.points[1:]:
            cr.line_to(*pt)
        cr.stroke()

    def label(self, ln: Line) -> None:
        lb = ln.label
        if lb is None:
            return
        self.cr.set_source_rgba(1, 1, 1, 0.9)
        self.cr.rectangle(lb.x, lb.y, lb.w, lb.h)
        self.cr.fill()
        for t in lb.lines:
            self.text(t, lb.x, lb.y)

    def box(self, b: Box) -> None:
        cr = self.cr
        r = 3 * (b.h / max(b.h, 1))
        self.rounded(b.x, b.y, b.w, b.h, r)
        cr.set_source_rgb(1, 1, 1)
        cr.fill()
        cr.save()
        self.rounded(b.x, b.y, b.w, b.h, r)
        cr.clip()
        cr.rectangle(b.x, b.y, b.w, b.band)
        cr.set_source_rgb(*_rgb(b.fill))
        cr.fill()
        cr.restore()
        self.rounded(b.x, b.y, b.w, b.h, r)
        cr.set_source_rgb(*_rgb(b.highlight or b.stroke))
        cr.set_line_width(b.border)
        cr.set_dash([3, 2] if b.stub else [])
        cr.stroke()
        for t in b.lines:
            self.text(t, b.x, b.y)

    def legend(self, lg: Legend | None) -> None:
        if lg is None:
            return
        cr = self.cr
        for it in lg.items:
            if it.kind in ("solid", "dotted"):
                cr.set_source_rgb(*_rgb(it.stroke))
                cr.set_line_width(1.2)
                cr.set_dash([4, 3] if it.kind == "dotted" else [])
                cr.move_to(it.x, it.y + it.h / 2)
                cr.line_to(it.x + it.w, it.y + it.h / 2)
                cr.stroke()
            elif it.fill != it.stroke:
                cr.rectangle(it.x, it.y, it.w, it.h)
                self.filled(it.fill, it.stroke, it.border, it.dashed)
            self.text(it.text)

    def page(self, page: Page) -> None:
        cr = self.cr
        cr.set_source_rgb(1, 1, 1)
        cr.paint()
        for f in page.frames:
            self.frame(f)
        for ln in page.lines:
            self.line(ln)
        for b in page.boxes:
            self.box(b)
        for ln in page.lines:
            self.label(ln)
        for t in (*page.header, *page.footer):
            self.text(t)
        self.legend(page.legend)


def pdf_bytes(layout: Layout) -> bytes:
    """Every page of the layout as one PDF, each at its own paper size, with bookmarks."""
    cairo = _cairo()
    with tempfile.TemporaryDirectory(prefix="orgdesign-pdf-") as tmp:
        path = str(Path(tmp) / "chart.pdf")
        _draw_pdf(cairo, layout, path)
        return Path(path).read_bytes()


def _draw_pdf(cairo: Any, layout: Layout, path: str) -> None:
    # cairo writes the file itself: with a Python stream it would call back into Python for
    # every chunk, and an interrupt raised inside a cffi callback is swallowed, not raised.
    first = layout.pages[0]
    surface = cairo.PDFSurface(path, first.width, first.height)
    surface.set_metadata(cairo.PDF_METADATA_TITLE, f"{layout.org_name} · {layout.title}")
    surface.set_metadata(cairo.PDF_METADATA_CREATOR, "orgdesign")
    cr = cairo.Context(surface)
    painter = _Painter(cairo, cr, layout.font)
    for i, page in enumerate(layout.pages):
        if i:
            surface.set_size(page.width, page.height)
        painter.face = None
        painter.page(page)
        surface.add_outline(
            cairo.PDF_OUTLINE_ROOT, page.title or str(page.number), f"page={i + 1}", 0
        )
        cr.show_page()
    surface.finish()


def png_bytes(layout: Layout, page: Page, scale: float = PNG_SCALE) -> bytes:
    """One page as PNG at `scale` pixels per point; ChartError when cairo cannot hold it."""
    width, height = math.ceil(page.width * scale), math.ceil(page.height * scale)
    if max(width, height) > MAX_PIXELS:
        raise ChartError(
            f"the chart would be {width} x {height} pixels, more than the {MAX_PIXELS:,} a PNG "
            "can hold; draw it on pages (--paginate, one PNG per page), or write .svg or .pdf"
        )
    cairo = _cairo()
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, width, height)
    cr = cairo.Context(surface)
    cr.scale(scale, scale)
    _Painter(cairo, cr, layout.font).page(page)
    with tempfile.TemporaryDirectory(prefix="orgdesign-png-") as tmp:
        path = str(Path(tmp) / "chart.png")
        surface.write_to_png(path)  # a file cairo writes itself, as for PDF
        return Path(path).read_bytes()
