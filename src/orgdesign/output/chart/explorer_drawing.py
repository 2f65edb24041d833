"""The explorer's drawing: the shared chart layout as plain JSON data.

This module owns what the explorer draws: the one-drawing (unpaginated)
layout of `orgdesign.layout.chart.build_layout`, exactly the layout the
printed SVG is drawn from, turned into compact JSON values (boxes with their
text lines, solid and dotted line routes with labels, unit frames). The
explorer's script positions nothing itself; it only draws these values.

The explorer always lays out every position (`depth` is how many layers are
open when the page opens, not a cut), so its layout is the printed chart's
layout without `--depth`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from orgdesign.assemble.graph import OrgGraph
from orgdesign.layout.model import Box, Frame, Label, Line, Page, Text
from orgdesign.model import Org
from orgdesign.output import ChartOptions


def _r(v: float) -> float:
    return round(v, 2)


def text_data(t: Text) -> list[Any]:
    """[text, x, y, size, width, role, colour, bold, italic, anchor]."""
    return [
        t.text,
        _r(t.x),
        _r(t.y),
        _r(t.size),
        _r(t.width),
        t.role,
        t.colour,
        int(t.bold),
        int(t.italic),
        t.anchor,
    ]


def box_data(b: Box) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": b.id,
        "x": _r(b.x),
        "y": _r(b.y),
        "w": _r(b.w),
        "h": _r(b.h),
        "band": _r(b.band),
        "fill": b.fill,
        "stroke": b.stroke,
        "lines": [text_data(t) for t in b.lines],
    }
    if b.stub:
        item["stub"] = True
    return item


def _label_data(lb: Label) -> dict[str, Any]:
    lines = [text_data(t) for t in lb.lines]
    return {"x": _r(lb.x), "y": _r(lb.y), "w": _r(lb.w), "h": _r(lb.h), "lines": lines}


def line_data(ln: Line) -> dict[str, Any]:
    item: dict[str, Any] = {
        "s": ln.source,
        "t": ln.target,
        "style": ln.style,
        "pts": [_r(v) for pt in ln.points for v in pt],
        "colour": ln.colour,
        "width": _r(ln.width),
    }
    if ln.label is not None:
        item["label"] = _label_data(ln.label)
    return item


def frame_data(f: Frame) -> dict[str, Any]:
    return {
        "unit": f.unit,
        "x": _r(f.x),
        "y": _r(f.y),
        "w": _r(f.w),
        "h": _r(f.h),
        "fill": f.fill,
        "stroke": f.stroke,
        "depth": f.depth,
        "title": text_data(f.title) if f.title else None,
    }


def explorer_page(org: Org, graph: OrgGraph, options: ChartOptions) -> Page:
    """The page the explorer draws: the printed SVG's one drawing, every layer laid out."""
    from orgdesign.output.chart.layoutchart import chart_layout

    whole = replace(options, depth=None, paginate=False)
    return chart_layout(org, graph, whole, ".svg").pages[0]


def drawing_data(page: Page) -> dict[str, Any]:
    """Boxes, lines and frames of `page` as JSON values (frames outermost first)."""
    x, y, w, h = page.content
    return {
        "bounds": [_r(x), _r(y), _r(w), _r(h)],
        "boxes": [box_data(b) for b in page.boxes],
        "lines": [line_data(ln) for ln in page.lines],
        "frames": [frame_data(f) for f in page.frames],
    }


def tree_parents(page: Page) -> dict[str, str]:
    """The manager each box hangs under in the drawing: the source of its solid line."""
    return {
        ln.target: ln.source for ln in page.lines if ln.style == "solid" and ln.source and ln.target
    }
