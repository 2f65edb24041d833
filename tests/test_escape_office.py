"""Escaping of the layout-engine writers, proved by their consumers (issue 19, item 3).

The layout SVG (`output/chart/svgchart.py`) must parse with an XML parser into the
drawing's own elements, every short name as text; the PowerPoint deck must reopen
with python-pptx and the Word role cards with python-docx, every title and holder
there as Office text (`escape.office_text`: XML-illegal characters dropped, CR as
LF). Names, titles and holders are hostile (tests/hostile.py). Small budgets here;
`make fuzz-escape` (ORGDESIGN_FUZZ=N) runs N organisations per property.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from hostile import organisations
from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org
from orgdesign.output import ChartOptions, escape
from orgdesign.output.chart.boxtext import clean
from orgdesign.output.chart.layoutchart import chart_layout
from orgdesign.output.chart.svgchart import page_svg
from test_escape import OPTIONS, fuzz, squash

Case = tuple[tuple[Org, OrgGraph], str | None]
CASES = st.tuples(organisations(), st.sampled_from([None, "zh"]))
"""An organisation of hostile names, and the language of the output."""
SVG_ELEMENTS = {"svg", "title", "rect", "g", "path", "text", "polyline", "line"}
"""What svgchart draws; any other element would have come from a name."""


def short_names(org: Org, lang: str | None) -> list[str]:
    """Titles and holders short enough never to be wrapped or cut on a box."""
    names = [n for p in org.positions for n in (p.label(lang), *p.holders)]
    return [n for n in names if len(clean(n)) <= 10 and squash(clean(n))]


@fuzz(20)
@given(st.tuples(organisations(), OPTIONS))
def test_every_layout_svg_parses_into_its_own_drawing(
    case: tuple[tuple[Org, OrgGraph], ChartOptions],
) -> None:
    (org, graph), options = case
    layout = chart_layout(org, graph, options, ".svg")
    shown = ""
    for page in layout.pages:
        root = ET.fromstring(page_svg(layout, page).encode("utf-8"))
        tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
        assert tags <= SVG_ELEMENTS, tags - SVG_ELEMENTS
        attrs = {a for el in root.iter() for a in el.attrib}
        assert not [a for a in attrs if a.lower().startswith("on")], attrs
        shown += squash(
            "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
        )
    for name in short_names(org, options.lang):
        assert squash(clean(name)) in shown, (name, shown)


def deck_text(blob: bytes) -> str:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(blob))
    parts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "".join(parts)


@fuzz(10)
@given(CASES)
def test_every_deck_reopens_with_every_short_name(case: Case) -> None:
    from orgdesign.layout.chart import build_layout
    from orgdesign.load.theme import DEFAULT_THEME
    from orgdesign.output.chart.deck import deck_bytes, slide_plan

    (org, graph), lang = case
    slide, layout_options = slide_plan(org, ChartOptions(lang=lang))
    blob = deck_bytes(org, build_layout(org, graph, layout_options), slide, DEFAULT_THEME)
    shown = squash(deck_text(blob))
    for name in short_names(org, lang):
        assert squash(escape.office_text(clean(name))) in shown, (name, shown)


def document_text(blob: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(blob))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


@fuzz(10)
@given(CASES)
def test_every_word_card_reopens_with_its_titles_and_holders(case: Case) -> None:
    from orgdesign.output.documents.roles import card_files, docx_documents

    (org, graph), lang = case
    docs = docx_documents(org, graph, lang)
    files = card_files(org, "docx")
    for pos in org.positions:
        shown = squash(document_text(docs[files[pos.id]]))
        for name in (pos.label(lang), *pos.holders):
            assert squash(escape.office_text(name)) in shown, (name, shown)
