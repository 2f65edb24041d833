"""SVG of a laid-out chart page, written directly from `orgdesign.layout.model`.

This module owns the SVG drawing of one `Page`: frames, lines, boxes,
labels, header, footer and legend, every name escaped for XML. It makes no
layout decision: positions, sizes, wrapping and colours all come from the
layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from orgdesign.layout.model import Box, Frame, Layout, Legend, Line, Page, Text


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _text(t: Text, dx: float = 0.0, dy: float = 0.0) -> str:
    attrs = [f'x="{_n(dx + t.x)}"', f'y="{_n(dy + t.y)}"', f'font-size="{_n(t.size)}"']
    if t.bold:
        attrs.append('font-weight="bold"')
    if t.italic:
        attrs.append('font-style="italic"')
    if t.anchor != "start":
        attrs.append(f'text-anchor="{t.anchor}"')
    attrs.append(f'fill="{t.colour}"')
    return f"<text {' '.join(attrs)}>{escape(t.text)}</text>"


def _frame(f: Frame) -> str:
    rect = (
        f'<rect x="{_n(f.x)}" y="{_n(f.y)}" width="{_n(f.w)}" height="{_n(f.h)}" rx="6"'
        f' fill="{f.fill}" stroke="{f.stroke}" stroke-width="0.8"/>'
    )
    return rect + (_text(f.title) if f.title else "")


def _points(ln: Line) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in ln.points)


def _line(ln: Line) -> str:
    dash = ' stroke-dasharray="4 3"' if ln.style == "dotted" else ""
    return (
        f'<polyline points="{_points(ln)}" fill="none" stroke="{ln.colour}"'
        f' stroke-width="{_n(ln.width)}"{dash}/>'
    )


def _label(ln: Line) -> str:
    lb = ln.label
    if lb is None:
        return ""
    body = "".join(_text(t, lb.x, lb.y) for t in lb.lines)
    return (
        f'<rect x="{_n(lb.x)}" y="{_n(lb.y)}" width="{_n(lb.w)}" height="{_n(lb.h)}"'
        f' fill="white" fill-opacity="0.9"/>{body}'
    )


def _box(b: Box) -> str:
    border = b.highlight or b.stroke
    title = f"<title>{escape(b.id)}</title>"
    dash = ' stroke-dasharray="3 2"' if b.stub else ""
    parts = [
        f'<g class="box" data-id={quoteattr(b.id)}>{title}',
        f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}" rx="3"'
        f' fill="white" stroke="{border}" stroke-width="{_n(b.border)}"{dash}/>',
        f'<path d="M{_n(b.x)},{_n(b.y + b.band)} v{_n(-b.band + 3)} q0,-3 3,-3'
        f' h{_n(b.w - 6)} q3,0 3,3 v{_n(b.band - 3)} z" fill="{b.fill}"/>',
    ]
    parts.extend(_text(t, b.x, b.y) for t in b.lines)
    parts.append("</g>")
    return "".join(parts)


def _legend(lg: Legend | None) -> Iterable[str]:
    if lg is None:
        return
    for it in lg.items:
        if it.kind in ("solid", "dotted"):
            dash = ' stroke-dasharray="4 3"' if it.kind == "dotted" else ""
            y = it.y + it.h / 2
            yield (
                f'<line x1="{_n(it.x)}" y1="{_n(y)}" x2="{_n(it.x + it.w)}" y2="{_n(y)}"'
                f' stroke="{it.stroke}" stroke-width="1.2"{dash}/>'
            )
        elif it.fill != it.stroke:
            dash = ' stroke-dasharray="3 2"' if it.dashed else ""
            yield (
                f'<rect x="{_n(it.x)}" y="{_n(it.y)}" width="{_n(it.w)}" height="{_n(it.h)}"'
                f' fill="{it.fill}" stroke="{it.stroke}" stroke-width="{it.border}"{dash}/>'
            )
        yield _text(it.text)


def page_svg(layout: Layout, page: Page) -> str:
    """One page as a standalone SVG document (sizes in points)."""
    font = quoteattr(f"{layout.font}, 'Noto Sans CJK SC', 'Liberation Sans', sans-serif")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(page.width)}pt"'
        f' height="{_n(page.height)}pt" viewBox="0 0 {_n(page.width)} {_n(page.height)}"'
        f" font-family={font}>",
        f"<title>{escape(page.title or layout.title)}</title>",
        f'<rect width="{_n(page.width)}" height="{_n(page.height)}" fill="white"/>',
    ]
    out.extend(_frame(f) for f in page.frames)
    out.extend(_line(ln) for ln in page.lines)
    out.extend(_box(b) for b in page.boxes)
    out.extend(_label(ln) for ln in page.lines if ln.label)
    out.extend(_text(t) for t in (*page.header, *page.footer))
    out.extend(_legend(page.legend))
    out.append("</svg>")
    return "\n".join(out) + "\n"
