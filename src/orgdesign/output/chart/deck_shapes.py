"""PowerPoint drawing primitives of the deck: attached elbow connectors, runs, lines.

This module owns what python-pptx does not offer directly: an elbow connector that follows
an orthogonal polyline of the layout exactly (the preset `bentConnector2..5`, turned a
quarter for routes that leave downwards, with its bends as adjustment values) and is bound
to the shapes at both ends (`a:stCxn` / `a:endCxn`, so PowerPoint re-routes it when a box
moves); which connection site of a box a line touches; runs with the Latin font and the East
Asian font set (`a:latin`, `a:ea`); dashed lines and arrow heads. All lengths are points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from orgdesign.output.office import has_cjk, office_text

Point = tuple[float, float]
EMU = 12700
"""English Metric Units in a point."""
SITE_TOLERANCE = 2.0
"""How far (points) a line's end may be from a box edge and still attach there."""
QUARTER = 5400000
"""90 degrees in OOXML's 60 000ths of a degree."""


def rgb(colour: str) -> Any:
    """A python-pptx colour from `#RRGGBB` (or `RRGGBB`)."""
    from pptx.dml.color import RGBColor

    r, g, b = bytes.fromhex(colour.lstrip("#")[:6])
    return RGBColor(r, g, b)  # type: ignore[no-untyped-call]  # python-pptx leaves it untyped


def emu(pt: float) -> int:
    return round(pt * EMU)


def simplify(points: Sequence[Point]) -> list[Point]:
    """The polyline without repeated points or points in the middle of a straight run."""
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 0.01 and abs(p[1] - out[-1][1]) < 0.01:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 0.01 and abs(b[0] - p[0]) < 0.01) or (
                abs(a[1] - b[1]) < 0.01 and abs(b[1] - p[1]) < 0.01
            ):
                out[-1] = p
                continue
        out.append(p)
    return out


@dataclass(frozen=True)
class Bent:
    """An elbow connector's preset geometry reproducing one polyline."""

    prst: str
    x: float
    y: float
    w: float
    h: float
    """The connector's unrotated box, points."""
    rot: int = 0
    flip_h: bool = False
    flip_v: bool = False
    adjust: tuple[int, ...] = ()


def _frac(value: float, start: float, end: float) -> int:
    return round((value - start) / (end - start) * 100000)


def bent_geometry(points: Sequence[Point]) -> Bent | None:
    """The connector drawing exactly this orthogonal polyline, or None when no preset can
    (more than five segments, a diagonal, or a route that ends level with its start)."""
    pts = simplify(points)
    segments = len(pts) - 1
    if segments < 1 or segments > 5:
        return None
    (sx, sy), (ex, ey) = pts[0], pts[-1]
    if segments == 1:
        if abs(sx - ex) > 0.01 and abs(sy - ey) > 0.01:
            return None
        x, y = min(sx, ex), min(sy, ey)
        return Bent("straightConnector1", x, y, abs(ex - sx), abs(ey - sy), 0, ex < sx, ey < sy)
    down_first = abs(pts[0][0] - pts[1][0]) < 0.01
    # Along u runs the first segment, along v the second; they alternate at each bend.
    ui, vi = (1, 0) if down_first else (0, 1)
    u0, u1, v0, v1 = pts[0][ui], pts[-1][ui], pts[0][vi], pts[-1][vi]
    if abs(u1 - u0) < 0.01 or abs(v1 - v0) < 0.01:
        return None
    adjust = [
        _frac(pts[i][ui], u0, u1) if i % 2 else _frac(pts[i][vi], v0, v1)
        for i in range(1, segments - 1)
    ]
    prst = f"bentConnector{segments}"
    if not down_first:
        x, y = min(sx, ex), min(sy, ey)
        return Bent(prst, x, y, abs(ex - sx), abs(ey - sy), 0, ex < sx, ey < sy, tuple(adjust))
    # Turned a quarter clockwise: local u points down the page, local v to the left.
    w, h = abs(ey - sy), abs(ex - sx)
    cx, cy = (sx + ex) / 2, (sy + ey) / 2
    return Bent(prst, cx - w / 2, cy - h / 2, w, h, QUARTER, ey < sy, ex > sx, tuple(adjust))


def site(box: tuple[float, float, float, float], point: Point) -> int | None:
    """Connection site of a rectangle (0 top, 1 left, 2 bottom, 3 right) the point is on."""
    x, y, w, h = box
    px, py = point
    inside_x = x - SITE_TOLERANCE <= px <= x + w + SITE_TOLERANCE
    inside_y = y - SITE_TOLERANCE <= py <= y + h + SITE_TOLERANCE
    if inside_x and abs(py - y) <= SITE_TOLERANCE:
        return 0
    if inside_x and abs(py - (y + h)) <= SITE_TOLERANCE:
        return 2
    if inside_y and abs(px - x) <= SITE_TOLERANCE:
        return 1
    if inside_y and abs(px - (x + w)) <= SITE_TOLERANCE:
        return 3
    return None


def add_bent(shapes: Any, geometry: Bent) -> Any:
    """Add the connector drawing `geometry` (bind its ends with `bind`)."""
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.oxml.ns import qn

    g = geometry
    kind = MSO_CONNECTOR.STRAIGHT if g.prst.startswith("straight") else MSO_CONNECTOR.ELBOW
    connector = shapes.add_connector(kind, emu(g.x), emu(g.y), emu(g.x + g.w), emu(g.y + g.h))
    element = connector._element
    xfrm = element.spPr.find(qn("a:xfrm"))
    for attr in ("rot", "flipH", "flipV"):
        xfrm.attrib.pop(attr, None)
    if g.rot:
        xfrm.set("rot", str(g.rot))
    if g.flip_h:
        xfrm.set("flipH", "1")
    if g.flip_v:
        xfrm.set("flipV", "1")
    xfrm.find(qn("a:off")).set("x", str(emu(g.x)))
    xfrm.find(qn("a:off")).set("y", str(emu(g.y)))
    xfrm.find(qn("a:ext")).set("cx", str(emu(g.w)))
    xfrm.find(qn("a:ext")).set("cy", str(emu(g.h)))
    geom = element.spPr.find(qn("a:prstGeom"))
    geom.set("prst", g.prst)
    av = geom.find(qn("a:avLst"))
    for i, value in enumerate(g.adjust, start=1):
        gd = av.makeelement(qn("a:gd"), {"name": f"adj{i}", "fmla": f"val {value}"})
        av.append(gd)
    return connector


def bind(connector: Any, begin: tuple[Any, int] | None, end: tuple[Any, int] | None) -> None:
    """Bind the connector's ends to (shape, connection site) where given, so that PowerPoint
    keeps the line on the boxes when one moves."""
    from pptx.oxml.ns import qn

    props = connector._element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
    for tag, ref in (("a:stCxn", begin), ("a:endCxn", end)):
        if ref is not None:
            attrs = {"id": str(ref[0].shape_id), "idx": str(ref[1])}
            props.append(props.makeelement(qn(tag), attrs))


def add_polyline(shapes: Any, points: Sequence[Point]) -> Any:
    """An open freeform through the points (a line no preset connector can follow)."""
    builder = shapes.build_freeform(emu(points[0][0]), emu(points[0][1]), scale=1.0)
    builder.add_line_segments([(emu(x), emu(y)) for x, y in points[1:]], close=False)
    shape = builder.convert_to_shape()
    shape.fill.background()
    return shape


def plain(shape: Any) -> None:
    """Drop the theme style python-pptx gives new connectors and freeforms (its effect is a
    drop shadow, and its fill would close an open polyline)."""
    from pptx.oxml.ns import qn

    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def style_line(shape: Any, colour: str, width: float, dashed: bool, arrow: bool = False) -> None:
    """Colour, width and dash of a connector's or freeform's line; an arrow head at its end."""
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    plain(shape)
    shape.line.color.rgb = rgb(colour)
    shape.line.width = Pt(width)
    if dashed:
        shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    if arrow:
        ln = shape._element.spPr.find(qn("a:ln"))
        ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))


def add_run(
    paragraph: Any,
    text: str,
    size: float,
    fonts: tuple[str, str],
    *,
    bold: bool = False,
    italic: bool = False,
    colour: str = "#222222",
    lang: str | None = None,
) -> Any:
    """A run of cleaned text with the Latin and East Asian fonts of the theme."""
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    clean = office_text(text)
    run = paragraph.add_run()
    run.text = clean
    font = run.font
    font.size = Pt(max(1.0, round(size * 2) / 2))
    font.bold, font.italic = bold, italic
    font.color.rgb = rgb(colour)
    font.name = fonts[0]
    rpr = run._r.get_or_add_rPr()
    latin = rpr.find(qn("a:latin"))
    ea = rpr.makeelement(qn("a:ea"), {"typeface": fonts[1]})
    latin.addnext(ea)
    if lang or has_cjk(clean):
        rpr.set("lang", lang or "zh-CN")
        rpr.set("altLang", "en-US")
    return run
