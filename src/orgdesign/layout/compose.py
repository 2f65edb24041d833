"""One page of the layout model from a tree drawing: frames, lines, labels, scale, furniture.

This module owns turning the geometry of one drawing (`tree.Drawing`, in
design points) into a `model.Page`: unit frames around exactly their boxes,
solid connectors, dotted lines routed around boxes with their labels, the
scale that fits the drawing onto the paper, and the header, footer and
legend of the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from orgdesign.assemble.graph import OrgGraph
from orgdesign.layout.boxes import SMALL_SIZE, BoxContent
from orgdesign.layout.frames import TITLE_ROOM, Region, regions
from orgdesign.layout.index import Grid, Rect
from orgdesign.layout.model import Area, Box, Frame, Label, Line, Marker, Text
from orgdesign.layout.route import Route, dotted_routes
from orgdesign.layout.style import NO_UNIT, tint
from orgdesign.layout.text import Fonts, wrap
from orgdesign.layout.tree import Drawing

MARGIN = 24.0
"""Paper margin, points."""
HEADER_H = 34.0
DOTTED_COLOUR = "#4A6FA5"
LINE_COLOUR = "#8A8A8A"
LABEL_WIDTH = 110.0


@dataclass(frozen=True)
class Sheet:
    """What one page shows, before it is placed on paper."""

    number: int
    total: int
    top: str | None
    title: str
    drawing: Drawing
    contents: Mapping[str, BoxContent]
    stubs: Mapping[str, int]
    """Positions drawn as stubs -> page where they are drawn in full."""
    markers: tuple[Marker, ...]
    header: tuple[str, str, str]
    """Organisation name, chart title (with the page's top), date · version."""
    footer: tuple[str, str]
    """Left and right footer text."""
    names: tuple[str, ...] = ()
    """Titles of the positions heading the subtrees of the page (more than one on a shared
    page)."""
    continued: bool = False
    """Whether the page continues the reports of the manager heading it."""


@dataclass(frozen=True)
class Look:
    """What compose needs from the chart: graph, fonts, colours, options."""

    graph: OrgGraph
    fonts: Fonts
    colours: Mapping[str, tuple[str, str]]
    clusters: bool
    highlight: Mapping[str, str]
    dotted_labels: Mapping[tuple[str, str], str]
    unit_names: Mapping[str, str]
    legend_words: Mapping[str, str]


def _rects(sheet: Sheet) -> dict[str, Rect]:
    out: dict[str, Rect] = {}
    for pid, (x, y) in sheet.drawing.pos.items():
        c = sheet.contents[pid]
        out[pid] = (x, y, x + c.w, y + c.h)
    return out


def _frame_title(look: Look, region: Region, rects: Mapping[str, Rect]) -> Text | None:
    """The unit name in the frame's top margin, if it fits before the first line entering a
    top box (otherwise the legend names the unit)."""
    if region.rect[1] + TITLE_ROOM > region.top - 1:
        return None
    name = look.unit_names.get(region.unit, region.unit)
    width = look.fonts.width(name, SMALL_SIZE, True)
    room = min(region.drops, default=region.rect[2]) - region.rect[0] - 8
    if width > min(room, region.rect[2] - region.rect[0] - 8):
        return None
    _, line = look.colours.get(region.unit, NO_UNIT)
    return Text(
        name,
        region.rect[0] + 4,
        region.rect[1] + SMALL_SIZE + 1.5,
        SMALL_SIZE,
        width,
        bold=True,
        colour=line,
        role="frame",
    )


def _frames(look: Look, sheet: Sheet, rects: Mapping[str, Rect]) -> list[Frame]:
    if not look.clusters:
        return []
    manager = {pid: look.graph.manager(pid) for pid in rects}
    out: list[Frame] = []
    for region in regions(look.graph, rects, manager):
        fill, line = look.colours.get(region.unit, NO_UNIT)
        x0, y0, x1, y1 = region.rect
        out.append(
            Frame(
                unit=region.unit,
                x=x0,
                y=y0,
                w=x1 - x0,
                h=y1 - y0,
                fill=tint(fill, 0.55),
                stroke=tint(line, 0.35),
                title=_frame_title(look, region, rects),
                depth=region.depth,
            )
        )
    return out


def _dotted(
    look: Look, sheet: Sheet, rects: Mapping[str, Rect], frames: Sequence[Frame]
) -> list[Line]:
    full = [p for p in rects if p not in sheet.stubs]
    drawn = set(full)
    pairs = [(m, p) for p in full for m in look.graph.dotted_managers(p) if m in drawn]
    if not pairs:
        return []
    obstacles = Grid()
    for pid, rect in rects.items():
        obstacles.add(rect, pid)
    taken = Grid()
    for frame in frames:
        if frame.title:
            t = frame.title
            taken.add((t.x, t.y - t.size, t.x + t.width, t.y + 2), "title")
    label_lines: dict[tuple[str, str], list[str]] = {}
    sizes: dict[tuple[str, str], tuple[float, float]] = {}
    for pair in pairs:
        lines = wrap(look.fonts, look.dotted_labels[pair], LABEL_WIDTH, SMALL_SIZE)
        label_lines[pair] = lines
        width = max(look.fonts.width(t, SMALL_SIZE) for t in lines) + 4
        sizes[pair] = (width, look.fonts.line_height(SMALL_SIZE) * len(lines) + 2)
    d = sheet.drawing
    bounds = (-60.0, -30.0, d.width + 60.0, d.height + 60.0)
    routes = dotted_routes(rects, pairs, sizes, obstacles, taken, bounds)
    return [_dotted_line(look, pair, r, label_lines[pair]) for pair, r in routes.items()]


def _dotted_line(look: Look, pair: tuple[str, str], r: Route, lines: Sequence[str]) -> Line:
    label = None
    if r.label:
        x0, y0, x1, y1 = r.label
        step = look.fonts.line_height(SMALL_SIZE)
        texts = tuple(
            Text(
                t,
                (x1 - x0) / 2,
                1 + step * (i + 0.8),
                SMALL_SIZE,
                look.fonts.width(t, SMALL_SIZE),
                italic=True,
                colour=DOTTED_COLOUR,
                anchor="middle",
                role="label",
            )
            for i, t in enumerate(lines)
        )
        label = Label(x0, y0, x1 - x0, y1 - y0, texts)
    return Line(
        points=r.points,
        style="dotted",
        source=pair[0],
        target=pair[1],
        colour=DOTTED_COLOUR,
        width=1.0,
        label=label,
    )


def _box(look: Look, sheet: Sheet, pid: str, rect: Rect) -> Box:
    pos = look.graph.positions[pid]
    c = sheet.contents[pid]
    fill, line = look.colours.get(pos.unit or "", NO_UNIT)
    highlight = look.highlight.get(pid)
    return Box(
        id=pid,
        x=rect[0],
        y=rect[1],
        w=c.w,
        h=c.h,
        lines=c.lines,
        band=c.band,
        fill=fill,
        stroke=line,
        unit=pos.unit if pos.unit in look.graph.units else None,
        vacant=not pos.holders,
        seats=pos.headcount,
        filled=len(pos.holders),
        assistant=pos.assistant,
        stub=pid in sheet.stubs,
        page_ref=sheet.stubs.get(pid),
        highlight=highlight,
        border=2.4 if highlight else 0.8,
    )


@dataclass(frozen=True)
class Content:
    """A page's drawing in design coordinates, before scaling."""

    boxes: tuple[Box, ...]
    lines: tuple[Line, ...]
    frames: tuple[Frame, ...]
    bbox: Rect


def content(look: Look, sheet: Sheet) -> Content:
    """Boxes, frames, solid and dotted lines of a sheet and their bounding box."""
    rects = _rects(sheet)
    frames = _frames(look, sheet, rects)
    solid = [
        Line(points=w.points, source=w.source, target=w.target, colour=LINE_COLOUR)
        for w in sheet.drawing.wires
    ]
    dotted = _dotted(look, sheet, rects, frames)
    boxes = tuple(_box(look, sheet, pid, rect) for pid, rect in rects.items())
    xs: list[float] = [0.0, sheet.drawing.width]
    ys: list[float] = [0.0, sheet.drawing.height]
    for f in frames:
        xs += [f.x, f.x + f.w]
        ys += [f.y, f.y + f.h]
    for ln in dotted:
        xs += [p[0] for p in ln.points]
        ys += [p[1] for p in ln.points]
        if ln.label:
            xs += [ln.label.x, ln.label.x + ln.label.w]
            ys += [ln.label.y, ln.label.y + ln.label.h]
    bbox = (min(xs), min(ys), max(xs), max(ys))
    return Content(boxes, (*solid, *dotted), tuple(frames), bbox)


# --- scaling ---------------------------------------------------------------------------


def _t(t: Text, s: float, dx: float = 0.0, dy: float = 0.0) -> Text:
    return replace(t, x=dx + t.x * s, y=dy + t.y * s, size=t.size * s, width=t.width * s)


_Placed = TypeVar("_Placed", bound=Area)


def _area(item: _Placed, s: float, ox: float, oy: float, **more: Any) -> _Placed:
    """A box, frame or label with its rectangle scaled by `s` and moved by (ox, oy)."""
    return replace(item, x=ox + item.x * s, y=oy + item.y * s, w=item.w * s, h=item.h * s, **more)


def scaled(c: Content, s: float, ox: float, oy: float) -> Content:
    """The content moved so that design point (0, 0) lands at (ox, oy), scaled by `s`
    (texts inside boxes and labels are relative to them: at scale 1 they stay as they are)."""

    def texts(lines: tuple[Text, ...]) -> tuple[Text, ...]:
        return lines if s == 1.0 else tuple(_t(t, s) for t in lines)

    boxes = tuple(
        _area(b, s, ox, oy, band=b.band * s, border=b.border * s, lines=texts(b.lines))
        for b in c.boxes
    )
    lines = tuple(
        replace(
            ln,
            points=tuple((ox + x * s, oy + y * s) for x, y in ln.points),
            width=ln.width * s,
            label=_area(ln.label, s, ox, oy, lines=texts(ln.label.lines)) if ln.label else None,
        )
        for ln in c.lines
    )
    frames = tuple(
        _area(f, s, ox, oy, title=_t(f.title, s, ox, oy) if f.title else None) for f in c.frames
    )
    x0, y0, x1, y1 = c.bbox
    return Content(boxes, lines, frames, (ox + x0 * s, oy + y0 * s, ox + x1 * s, oy + y1 * s))


def place(c: Content, area: Rect, fit: bool, most: float = 1.0) -> tuple[Content, float]:
    """Scale (when `fit`: down to fit, up to at most `most`) and centre the content in `area`."""
    x0, y0, x1, y1 = c.bbox
    w, h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    aw, ah = area[2] - area[0], area[3] - area[1]
    s = min(max(most, 1.0), aw / w, ah / h) if fit else 1.0
    ox = area[0] + (aw - w * s) / 2 - x0 * s
    oy = area[1] - y0 * s
    return scaled(c, s, ox, oy), s
