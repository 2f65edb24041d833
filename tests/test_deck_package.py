"""The deck's package bookkeeping (`output.chart.deck_package`): slides added with the
remembered part names and the indexed relationships make a deck PowerPoint can open."""

from __future__ import annotations

import inspect
import io
import itertools
import sys

from pptx import Presentation

from orgdesign.output.chart.deck_package import linear_package


def test_many_slides_with_notes_and_links_reopen() -> None:
    prs = Presentation()
    linear_package(prs)
    blank = prs.slide_layouts[6]
    slides = []
    for n in range(40):
        slide = prs.slides.add_slide(blank)
        slide.notes_slide.notes_text_frame.text = f"slide {n}"
        slides.append(slide)
    link = slides[0].shapes.add_textbox(0, 0, 100, 100)
    link.click_action.target_slide = slides[39]
    again = slides[0].part.relate_to(slides[39].part, "http://x/slide")  # same rel twice
    assert again == slides[0].part.relate_to(slides[39].part, "http://x/slide")
    buffer = io.BytesIO()
    prs.save(buffer)
    reopened = Presentation(io.BytesIO(buffer.getvalue()))
    names = [s.part.partname for s in reopened.slides]
    notes = [s.notes_slide.part.partname for s in reopened.slides]
    assert len(names) == len(set(names)) == 40 and len(set(notes)) == 40
    assert [s.notes_slide.notes_text_frame.text for s in reopened.slides] == [
        f"slide {n}" for n in range(40)
    ]
    target = reopened.slides[0].shapes[0].click_action.target_slide
    assert target is not None and target.notes_slide.notes_text_frame.text == "slide 39"


def test_a_long_chain_of_linked_slides_saves() -> None:
    """Each slide links to the next (pages that continue one another): python-pptx's own
    walk recursed once per slide and failed past the recursion limit."""
    prs = Presentation()
    linear_package(prs)
    blank = prs.slide_layouts[6]
    slides = [prs.slides.add_slide(blank) for _ in range(160)]
    for here, there in itertools.pairwise(slides):
        here.shapes.add_textbox(0, 0, 10, 10).click_action.target_slide = there
    buffer = io.BytesIO()
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(150 + len(inspect.stack()))
    try:
        prs.save(buffer)
    finally:
        sys.setrecursionlimit(limit)
    assert len(Presentation(io.BytesIO(buffer.getvalue())).slides) == 160
