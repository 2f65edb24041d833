"""The org chart as an editable PowerPoint deck: `chart -o deck.pptx`.

This module owns the deck: an overview slide first (the organisation, the chart's facts and
every page of the chart with a link to its slide), then one slide per page of the
`orgdesign.layout` pagination, drawn by `render.deck_draw` (editable boxes, elbow connectors
bound to them, dashed dotted lines, unit frames, header, footer, legend). A box standing for
a subtree drawn on another page links to that page's slide; the speaker notes of each slide
list its positions with their holders.

Slides are 16:9 (960 x 540 pt) by default: the layout is made for A4 landscape and scaled
onto the slide, its minimum text size raised so that no text on the slide is smaller than
`ChartOptions.min_font`. With `--paper`, slides have that paper's size and the layout is
drawn 1:1.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.layout.chart import LayoutOptions, build_layout
from orgdesign.layout.context import paper_size
from orgdesign.layout.model import Layout, Page
from orgdesign.load.fsio import write_bytes_atomic
from orgdesign.load.theme import DEFAULT_THEME, Theme
from orgdesign.model import Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart.deck_draw import SlideWriter, place_on, zoom_on
from orgdesign.output.chart.deck_package import linear_package
from orgdesign.output.chart.deck_shapes import add_run, emu
from orgdesign.output.office import office_text

SLIDE_16_9 = (960.0, 540.0)
"""PowerPoint's default widescreen slide, points (13.333 x 7.5 in)."""
LAYOUT_PAPER = "a4"
"""Paper the layout is made for when slides are 16:9."""
OVERVIEW_LIST = 24
"""Pages listed on the overview slide before "+N more"."""


def slide_plan(org: Org, options: ChartOptions) -> tuple[tuple[float, float], LayoutOptions]:
    """The slide size and the layout options that fill it."""
    from orgdesign.output.chart.layoutchart import layout_options

    # The overview is slide 1: page N of the chart is slide N + 1, and says so.
    if options.paper:
        paged = layout_options(org, options, options.paper)
        return paper_size(options.paper, options.landscape), replace(paged, page_offset=1)
    a4 = paper_size(LAYOUT_PAPER, True)
    shrink = min(SLIDE_16_9[0] / a4[0], SLIDE_16_9[1] / a4[1])
    # Text is printed on the slide at least min_font.
    on_a4 = replace(options, landscape=True, min_font=options.min_font / shrink)
    return SLIDE_16_9, replace(layout_options(org, on_a4, LAYOUT_PAPER), page_offset=1)


def render(
    org: Org, graph: OrgGraph, findings: Sequence[Finding], options: ChartOptions, out: Path
) -> None:
    """The chart renderer of `.pptx` (see `orgdesign.output`): writes the deck atomically."""
    from orgdesign.layout.scope import ChartError
    from orgdesign.layout.text import FontMissing

    slide, layout_options = slide_plan(org, options)
    try:
        layout = build_layout(org, graph, layout_options)
    except FontMissing as exc:
        raise ChartError(str(exc)) from exc
    theme = options.theme if options.theme is not None else DEFAULT_THEME
    write_bytes_atomic(out, deck_bytes(org, layout, slide, theme))


def deck_bytes(org: Org, layout: Layout, slide: tuple[float, float], theme: Theme) -> bytes:
    """The deck of a laid-out chart as .pptx bytes."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    linear_package(prs)
    prs.slide_width, prs.slide_height = Emu(emu(slide[0])), Emu(emu(slide[1]))
    slide_size_type(prs, slide)
    blank = prs.slide_layouts[6]
    writer = SlideWriter(prs, layout, theme)
    cover = prs.slides.add_slide(blank)
    slides, stubs = [], []
    for page in layout.pages:
        current = prs.slides.add_slide(blank)
        sheet = place_on(page, slide)
        shapes = writer.page(current, page, sheet, zoom_on(page, sheet, slide))
        logo(current, theme, slide)
        notes(current, org, page, layout)
        slides.append(current)
        stubs += [(shapes[b.id], b.page_ref) for b in page.boxes if b.page_ref and b.id in shapes]
    for shape, ref in stubs:
        if 1 <= ref <= len(slides):
            shape.click_action.target_slide = slides[ref - 1]
    overview(cover, writer, org, layout, slides, slide)
    prs.core_properties.title = office_text(f"{layout.org_name} · {layout.title}")[:250]
    prs.core_properties.author = office_text(theme.company or "orgdesign")[:250]
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def slide_size_type(prs: Any, slide: tuple[float, float]) -> None:
    """Name the slide size as PowerPoint does: "screen16x9" for 16:9 slides; a paper size
    has no preset of its own (PowerPoint's "A4" is not A4 paper), so no name (custom)."""
    from pptx.oxml.ns import qn

    size = prs.part._element.find(qn("p:sldSz"))
    if size is None:
        return
    if slide == SLIDE_16_9:
        size.set("type", "screen16x9")
    elif "type" in size.attrib:
        del size.attrib["type"]


def logo(slide: Any, theme: Theme, size: tuple[float, float]) -> None:
    """The theme's logo in the top-right corner, 22 pt high."""
    from pptx.util import Emu

    if theme.logo is not None:
        picture = slide.shapes.add_picture(str(theme.logo), 0, emu(8), height=emu(22))
        picture.left = Emu(emu(size[0] - 10) - picture.width)


def position_line(org: Org, pid: str, lang: str | None) -> str:
    """One position of the speaker notes: title, holders (or vacant), seats and id."""
    pos = org.position_by_id.get(pid)
    if pos is None:
        return pid
    note = i18n.group("document.deck_text")
    holders = i18n.join(pos.holders, lang) if pos.holders else i18n.headings(lang)["vacant"]
    seats = note["seats"](lang, count=pos.headcount) if pos.headcount > 1 else ""
    return note["position"](lang, title=pos.label(lang), holders=holders, seats=seats, id=pos.id)


def notes(slide: Any, org: Org, page: Page, layout: Layout) -> None:
    """Speaker notes: the positions drawn in full on the slide, then those shown as links."""
    lang = layout.lang
    note = i18n.group("document.deck_text")
    full = [b.id for b in page.boxes if not b.stub]
    heading = i18n.headings(lang)["slide_positions"]
    lines = [f"{page.title or layout.title}", note["list"](lang, heading=heading, count=len(full))]
    lines += [f"• {position_line(org, pid, lang)}" for pid in full]
    for b in page.boxes:
        if b.stub and b.page_ref:
            where = position_line(org, b.id, lang)
            lines.append(note["link"](lang, position=where, slide=b.page_ref + 1))
    slide.notes_slide.notes_text_frame.text = office_text("\n".join(lines), one_line=False)


def overview(
    slide: Any,
    writer: SlideWriter,
    org: Org,
    layout: Layout,
    slides: list[Any],
    size: tuple[float, float],
) -> None:
    """The first slide: organisation, chart facts and the pages with links to their slides."""
    h = i18n.headings(layout.lang)
    theme = writer.theme
    title = theme.header_name(layout.org_name or Path(org.root_file).stem)
    frame = _text_frame(slide, 48, 40, size[0] - 96, 60)
    add_run(frame.paragraphs[0], title, 28, writer.fonts, bold=True, colour=theme.palette.accent)
    facts = f"{layout.title} · {len(org.positions)} {h['positions_word']}"
    facts += f" · {len(slides)} {h['pages_word']}"
    facts += f" · {layout.date} · {layout.version}".rstrip(" ·")
    sub = frame.add_paragraph()
    add_run(sub, facts, 13, writer.fonts, colour=theme.palette.muted)
    listing = _text_frame(slide, 48, 120, size[0] - 96, size[1] - 150)
    head = listing.paragraphs[0]
    add_run(head, h["overview"], 15, writer.fonts, bold=True, colour=theme.palette.ink)
    for number, (page, target) in enumerate(zip(layout.pages, slides, strict=True), start=1):
        if number > OVERVIEW_LIST:
            more = listing.add_paragraph()
            add_run(more, f"+{len(slides) - OVERVIEW_LIST} …", 11, writer.fonts)
            break
        paragraph = listing.add_paragraph()
        line = i18n.text("document.deck_text.overview_line")
        text = line(layout.lang, title=page.title or number, slide=number + 1)
        run = add_run(paragraph, text, 11, writer.fonts)
        _link_run(run, slide, target)
    logo(slide, theme, size)
    slide.notes_slide.notes_text_frame.text = office_text(
        "\n".join(p.title for p in layout.pages), one_line=False
    )


def _text_frame(slide: Any, x: float, y: float, w: float, h: float) -> Any:
    box = slide.shapes.add_textbox(emu(x), emu(y), emu(w), emu(h))
    frame = box.text_frame
    frame.word_wrap = True
    return frame


def _link_run(run: Any, source: Any, target: Any) -> None:
    """Make a run jump to another slide of the deck when clicked."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    rid = source.part.relate_to(target.part, RT.SLIDE)
    rpr = run._r.get_or_add_rPr()
    link = rpr.makeelement(
        qn("a:hlinkClick"), {qn("r:id"): rid, "action": "ppaction://hlinksldjump"}
    )
    rpr.append(link)
