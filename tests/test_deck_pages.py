"""Page references in the PowerPoint deck name the slide a reader sees.

The deck's first slide is the overview, so page N of the chart is slide N + 1:
every footer ("page 3 of 9"), every "continued on page N" box, every "reports
to …, page N" note and every overview entry must use the deck's own numbering
(the reviewer found "continued on page 5" leading to slide 6, and "page 4 of 6"
on a deck of 7 slides).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.output import ChartOptions
from orgdesign.output.chart.deck import render

SAMPLES = Path(__file__).parent.parent / "sample_orgs"
PATTERNS = {
    None: {
        "footer": r"^page (\d+) of (\d+)$",
        "continued": r"continued on page (\d+)",
        "reports": r"reports to .*?, page (\d+)",
    },
    "zh": {
        "footer": r"^第 (\d+) 页，共 (\d+) 页$",
        "continued": r"续见第 (\d+) 页",
        "reports": r"上级：.*?（第 (\d+) 页）",
    },
}


def texts(slide: Any) -> list[tuple[Any, str]]:
    return [(s, s.text_frame.text.replace("\n", " ")) for s in slide.shapes if s.has_text_frame]


def full_boxes(slide: Any, ids: set[str]) -> set[str]:
    """Positions drawn in full on a slide (stubs have a dashed border)."""
    return {
        s.name
        for s in slide.shapes
        if s.name in ids and s.has_text_frame and s.line.dash_style is None
    }


@pytest.mark.parametrize(
    ("sample", "lang", "paper"),
    [("matrix", None, None), ("matrix", "zh", None), ("functional", None, "a4")],
)
def test_every_page_number_is_the_slide_number(
    tmp_path: Path, sample: str, lang: str | None, paper: str | None
) -> None:
    org, findings = api.load_org(SAMPLES / f"{sample}.yaml", f"{sample}.yaml")
    assert org is not None
    graph = OrgGraph(org)
    out = tmp_path / "deck.pptx"
    render(org, graph, findings, ChartOptions(lang=lang, paper=paper, min_font=9.0), out)
    slides = list(Presentation(str(out)).slides)
    assert len(slides) > 3
    ids = set(org.position_by_id)
    where = {pid: n for n, s in enumerate(slides, start=1) for pid in full_boxes(s, ids)}
    pattern = PATTERNS[lang]
    continued = reports = 0
    for number, slide in enumerate(slides[1:], start=2):
        footers = [m for _, t in texts(slide) if (m := re.search(pattern["footer"], t))]
        assert [(int(m[1]), int(m[2])) for m in footers] == [(number, len(slides))]
        for shape, text in texts(slide):
            if (m := re.search(pattern["continued"], text)) and shape.name in ids:
                continued += 1
                assert where[shape.name] == int(m[1]), (number, text)
                assert shape.click_action.target_slide == slides[int(m[1]) - 1]
            if (m := re.search(pattern["reports"], text)) and shape.name in ids:
                reports += 1
                boss = graph.manager(shape.name)
                assert boss is not None and where[boss] == int(m[1]), (number, text)
    assert continued and reports
    overview = " ".join(t for _, t in texts(slides[0]))
    entries = re.findall(r"(\d+)\. [^(（]*[(（](?:slide |第 )(\d+)", overview)
    assert entries and all(a == b for a, b in entries), entries


@pytest.mark.parametrize(("paper", "wanted"), [(None, "screen16x9"), ("a3", None)])
def test_slide_size_type_matches_the_slide(
    tmp_path: Path, paper: str | None, wanted: str | None
) -> None:
    """A 16:9 deck says so (it said "screen4x3"); a paper-sized one names no preset."""
    org, findings = api.load_org(SAMPLES / "lean.yaml", "lean.yaml")
    assert org is not None
    out = tmp_path / "deck.pptx"
    render(org, OrgGraph(org), findings, ChartOptions(paper=paper), out)
    with zipfile.ZipFile(out) as package:
        xml = package.read("ppt/presentation.xml").decode("utf-8")
    size = re.search(r"<p:sldSz [^>]*>", xml)
    assert size is not None
    kind = re.search(r'type="([^"]+)"', size[0])
    assert (kind[1] if kind else None) == wanted, size[0]
