"""Drawing one page of the org-chart layout onto a PowerPoint slide.

This module owns `SlideWriter.page`: every element of an `orgdesign.layout.model.Page`
as editable shapes, back to front as the model says (frames, lines, boxes, labels,
header, footer, legend). Each position is one shape holding its text (title, holders or
"vacant", seats) with the baselines where the layout put them; solid lines are elbow
connectors bound to the boxes at both ends (`deck_shapes`), dotted lines dashed with an
arrow and their label. Text uses the theme's Latin font and East Asian font on every run,
shrunk where the Latin font is wider than the layout font it was measured with, so no text
leaves its box. The deck itself (slides, overview, notes) is `render.deck`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from orgdesign import i18n
from orgdesign.layout.model import Box, Frame, Layout, Legend, Line, Page, Text
from orgdesign.load.theme import Theme
from orgdesign.output.chart.deck_shapes import (
    add_bent,
    add_polyline,
    add_run,
    bent_geometry,
    bind,
    emu,
    plain,
    rgb,
    site,
    style_line,
)
from orgdesign.output.office import office_text, text_width_pt


@dataclass(frozen=True)
class Place:
    """Where a layout page lands on a slide: slide point = offset + scale * page point."""

    scale: float
    dx: float
    dy: float

    def x(self, v: float) -> float:
        return self.dx + v * self.scale

    def y(self, v: float) -> float:
        return self.dy + v * self.scale

    def n(self, v: float) -> float:
        return v * self.scale


def place_on(page: Page, slide: tuple[float, float]) -> Place:
    """Scale a page to fit the slide, centred."""
    s = min(slide[0] / page.width, slide[1] / page.height)
    return Place(s, (slide[0] - page.width * s) / 2, (slide[1] - page.height * s) / 2)


MAX_ZOOM = 1.6
"""Largest enlargement of a page's drawing on its slide."""
SLIDE_MARGIN = 24.0


def zoom_on(page: Page, at: Place, slide: tuple[float, float]) -> Place:
    """Where the drawing (frames, boxes, lines) goes: enlarged (up to `MAX_ZOOM`) into the room
    between the header and the legend, across the slide's width. A page of a few boxes then
    fills its slide instead of sitting small at its top; nothing gets smaller than on paper."""
    cx, cy, cw, ch = page.content
    if cw <= 0 or ch <= 0:
        return at
    top = max((at.y(t.y) for t in page.header), default=SLIDE_MARGIN) + 10
    bottom = at.y(page.legend.y) - 8 if page.legend else slide[1] - SLIDE_MARGIN * 2
    room_w, room_h = slide[0] - 2 * SLIDE_MARGIN, bottom - top
    z = min(room_w / (cw * at.scale), room_h / (ch * at.scale), MAX_ZOOM)
    if z <= 1.0:
        return at
    s = at.scale * z
    return Place(s, (slide[0] - cw * s) / 2 - cx * s, top - cy * s)


class SlideWriter:
    """Draws layout pages onto slides of one presentation."""

    def __init__(self, prs: Any, layout: Layout, theme: Theme) -> None:
        self.prs, self.layout, self.theme = prs, layout, theme
        self.fonts = (theme.font, theme.cjk_font)
        self.lang = "zh-CN" if i18n.text_lang(layout.lang) == "zh" else None

    def text_box(self, slide: Any, t: Text, at: Place, dx: float = 0, dy: float = 0) -> Any:
        """A one-line text box whose baseline and anchor match the layout's `Text`."""
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

        size = fitted_size(t) * at.scale
        width = max(at.n(t.width) * 1.15, size)
        left = {"start": 0.0, "middle": width / 2, "end": width}[t.anchor]
        x = at.x(dx + t.x) - left
        y = at.y(dy + t.y) - size * 1.05
        shape = slide.shapes.add_textbox(emu(x), emu(y), emu(width), emu(size * 1.4))
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.word_wrap = False
        frame.vertical_anchor = MSO_ANCHOR.TOP
        paragraph = frame.paragraphs[0]
        paragraph.alignment = {"start": PP_ALIGN.LEFT, "middle": PP_ALIGN.CENTER}.get(
            t.anchor, PP_ALIGN.RIGHT
        )
        self.run(paragraph, t, size)
        return shape

    def run(self, paragraph: Any, t: Text, size: float) -> Any:
        return add_run(
            paragraph,
            t.text,
            size,
            self.fonts,
            bold=t.bold,
            italic=t.italic,
            colour=t.colour,
            lang=self.lang,
        )

    def frame(self, slide: Any, f: Frame, at: Place) -> None:
        shape = rounded(slide, f, at, 6)
        fill_and_line(shape, f.fill, f.stroke, 0.8 * at.scale)
        shape.name = office_text(f"unit {f.unit}")[:100]
        if f.title is not None:
            self.text_box(slide, f.title, at)

    def box(self, slide: Any, b: Box, at: Place, vacant: str | None = None) -> Any:
        """One position: a shape with every line of its text as a paragraph; a vacant one
        has the border the legend shows for "vacant"."""
        from pptx.enum.text import MSO_ANCHOR
        from pptx.util import Pt

        shape = rounded(slide, b, at, 3)
        stroke = b.highlight or (vacant if b.vacant and vacant and not b.stub else b.stroke)
        fill_and_line(shape, b.fill, stroke, b.border * at.scale, dashed=b.stub)
        shape.name = office_text(b.id)[:100]
        frame = shape.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.word_wrap = False
        frame.vertical_anchor = MSO_ANCHOR.TOP
        previous = 0.0
        for i, t in enumerate(b.lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.alignment = alignment(t)
            # Exact line spacing puts each baseline where the layout put it.
            gap = t.y + 0.22 * t.size if i == 0 else t.y - previous
            paragraph.line_spacing = Pt(max(1.0, at.n(gap)))
            previous = t.y
            self.run(paragraph, t, fitted_size(t) * at.scale)
        if b.lines and b.lines[0].anchor == "start":
            frame.margin_left = emu(at.n(b.lines[0].x))
        return shape

    def line(self, slide: Any, ln: Line, at: Place) -> tuple[Any, bool]:
        """A solid line as an elbow connector (bound to its boxes later, `bind`), or, where no
        connector can follow the route and for dotted lines, a dashed polyline with an arrow.
        Returns the shape and whether it is a connector."""
        points = [(at.x(x), at.y(y)) for x, y in ln.points]
        geometry = bent_geometry(points) if ln.style == "solid" else None
        if geometry is not None:
            shape = add_bent(slide.shapes, geometry)
        else:
            shape = add_polyline(slide.shapes, points)
        shape.name = office_text(f"{ln.style} {ln.source} -> {ln.target}")[:100]
        style_line(shape, ln.colour, ln.width * at.scale, ln.style == "dotted", ln.arrow)
        return shape, geometry is not None

    def label(self, slide: Any, ln: Line, at: Place) -> None:
        from pptx.enum.shapes import MSO_SHAPE

        lb = ln.label
        assert lb is not None
        back = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, emu(at.x(lb.x)), emu(at.y(lb.y)), emu(at.n(lb.w)), emu(at.n(lb.h))
        )
        fill_and_line(back, "#FFFFFF", None, 0)
        for t in lb.lines:
            self.text_box(slide, t, at, lb.x, lb.y)

    def legend(self, slide: Any, lg: Legend, at: Place) -> None:
        from pptx.enum.shapes import MSO_SHAPE

        for item in lg.items:
            x, y, w, h = at.x(item.x), at.y(item.y), at.n(item.w), at.n(item.h)
            if item.kind in ("solid", "dotted"):
                stroke = add_polyline(slide.shapes, [(x, y + h / 2), (x + w, y + h / 2)])
                style_line(stroke, item.stroke, 1.2 * at.scale, item.kind == "dotted")
            else:
                swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(x), emu(y), emu(w), emu(h))
                fill_and_line(
                    swatch, item.fill, item.stroke, item.border * at.scale, dashed=item.dashed
                )
            self.text_box(slide, item.text, at)

    def page(self, slide: Any, page: Page, sheet: Place, at: Place) -> dict[str, Any]:
        """Everything of one page, back to front: the drawing placed by `at`, the header,
        footer and legend by `sheet`; returns position id -> its shape."""
        for f in page.frames:
            self.frame(slide, f, at)
        drawn = [(ln, *self.line(slide, ln, at)) for ln in page.lines if len(ln.points) >= 2]
        vacant = next(
            (i.stroke for i in (page.legend.items if page.legend else ()) if i.kind == "vacant"),
            None,
        )
        shapes = {b.id: self.box(slide, b, at, vacant) for b in page.boxes}
        for ln, shape, is_connector in drawn:
            if is_connector:
                begin = attach(
                    shapes.get(ln.source), (at.x(ln.points[0][0]), at.y(ln.points[0][1]))
                )
                end = attach(
                    shapes.get(ln.target), (at.x(ln.points[-1][0]), at.y(ln.points[-1][1]))
                )
                bind(shape, begin, end)
        for ln in page.lines:
            if ln.label is not None:
                self.label(slide, ln, at)
        for t in (*page.header, *page.footer):
            self.text_box(slide, t, sheet)
        if page.legend is not None:
            self.legend(slide, page.legend, sheet)
        return shapes


def rounded(slide: Any, r: Box | Frame, at: Place, radius: float) -> Any:
    """A rounded rectangle over a box or frame, corners of `radius` points (design size)."""
    from pptx.enum.shapes import MSO_SHAPE

    x, y, w, h = emu(at.x(r.x)), emu(at.y(r.y)), emu(at.n(r.w)), emu(at.n(r.h))
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, w, h)
    shape.adjustments[0] = min(0.5, radius / max(1.0, min(r.w, r.h)))
    return shape


def fitted_size(t: Text) -> float:
    """The font size at which the text, in Arial-like Latin, stays within its measured width."""
    wide = text_width_pt(t.text, t.size)
    if wide <= t.width * 1.02 or wide == 0:
        return t.size
    return max(t.size * 0.8, t.size * t.width / wide)


def alignment(t: Text) -> Any:
    from pptx.enum.text import PP_ALIGN

    return {"start": PP_ALIGN.LEFT, "middle": PP_ALIGN.CENTER, "end": PP_ALIGN.RIGHT}[t.anchor]


def attach(shape: Any, point: tuple[float, float]) -> tuple[Any, int] | None:
    """(shape, connection site) where the line's end touches the shape, else None."""
    if shape is None:
        return None
    box = (shape.left / 12700, shape.top / 12700, shape.width / 12700, shape.height / 12700)
    idx = site(box, point)
    return None if idx is None else (shape, idx)


def fill_and_line(
    shape: Any, fill: str, stroke: str | None, width: float, dashed: bool = False
) -> None:
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.util import Pt

    plain(shape)
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill)
    if stroke is None:
        shape.line.fill.background()
        return
    shape.line.color.rgb = rgb(stroke)
    shape.line.width = Pt(max(0.25, width))
    if dashed:
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
