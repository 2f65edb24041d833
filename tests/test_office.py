"""Office documents: the RACI workbook's print set-up, Word role cards, the PowerPoint deck,
the theme, and hostile names in all three formats. Every file is reopened with its library."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation
from pptx.oxml.ns import qn
from typer.testing import CliRunner

from conftest import DUTY_DIMENSIONS_EN
from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.layout.chart import LayoutOptions, build_layout
from orgdesign.load.config import ConfigError, load_config
from orgdesign.load.theme import Theme
from orgdesign.model import Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart.deck import deck_bytes, render
from orgdesign.output.chart.deck_shapes import bent_geometry, site
from orgdesign.output.documents.docx_cards import COMBINED
from orgdesign.output.documents.roles import docx_documents, role_documents
from orgdesign.output.paper import header_text
from orgdesign.output.tables.raci import build_matrix, to_xlsx
from orgdesign.output.tables.raci_print import plan_pages
from test_raci_render import EVIL, evil_org_yaml

SAMPLES = Path(__file__).parent.parent / "sample_orgs"
GOLDEN = Path(__file__).parent / "golden" / "raci" / "org.yaml"
runner = CliRunner()
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def load(path: Path) -> tuple[Org, OrgGraph, list[Any]]:
    org, findings = api.load_org(path, path.name)
    assert org is not None
    return org, OrgGraph(org), findings


@pytest.fixture(scope="module")
def matrix_org() -> tuple[Org, OrgGraph, list[Any]]:
    return load(SAMPLES / "matrix.yaml")


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> tuple[Org, OrgGraph, list[Any]]:
    path = tmp_path_factory.mktemp("evil") / "evil.yaml"
    path.write_text(evil_org_yaml(), encoding="utf-8")
    return load(path)


# --- the RACI workbook prints ---------------------------------------------------------------


def test_raci_sheet_print_setup(tmp_path: Path) -> None:
    org, graph, findings = load(GOLDEN)
    path = tmp_path / "m.xlsx"
    path.write_bytes(to_xlsx(build_matrix(org, graph, findings)))
    ws = load_workbook(path)["RACI"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9  # A4: a small matrix
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$2" and ws.print_title_cols == "$A:$B"
    assert "Golden Tea Co" in ws.oddHeader.left.text
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    # Unit names that cannot fit across their columns are written upwards.
    rotations = {ws.cell(1, c).value: ws.cell(1, c).alignment.text_rotation for c in range(3, 9)}
    assert rotations["Golden Tea Co"] == 90
    assert ws.row_dimensions[1].height >= 60
    for name in ("Legend", "Findings"):
        assert load_workbook(path)[name].print_title_rows == "$1:$1"


def test_raci_by_unit_and_paper_option(tmp_path: Path) -> None:
    out = tmp_path / "u.xlsx"
    args = ["raci", str(GOLDEN), "-o", str(out), "--by", "unit", "--paper", "a3"]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    ws = load_workbook(out)["RACI"]
    assert ws.page_setup.paperSize == 8
    assert ws.print_title_rows == "$1:$1" and ws.print_title_cols == "$A:$B"
    assert ws.cell(1, 3).alignment.text_rotation == 90
    bad = runner.invoke(app, ["raci", str(GOLDEN), "-o", str(out), "--paper", "a9"])
    assert bad.exit_code == 2


def test_wide_matrix_goes_on_a3_with_legible_scale_and_breaks_between_units() -> None:
    widths = [214.0, 87.0, *[27.9] * 95, 140.0]
    groups = [10] * 9 + [5, 1]
    pages = plan_pages(widths, 2, groups, None)
    assert pages.paper == "a3" and pages.fit_width is None
    assert pages.scale >= 60  # 10-pt text prints at 6 pt or more
    assert pages.breaks and all(b in {2 + 10 * k for k in range(1, 10)} for b in pages.breaks)
    narrow = plan_pages([214.0, 87.0, *[27.9] * 8, 140.0], 2, [8, 1], None)
    assert narrow.paper == "a4" and narrow.fit_width == 1 and not narrow.breaks
    assert plan_pages(widths, 2, groups, "letter").paper == "letter"


def test_export_workbook_prints(tmp_path: Path) -> None:
    out = tmp_path / "seats.xlsx"
    result = runner.invoke(app, ["export", str(SAMPLES / "matrix.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = load_workbook(out).worksheets[0]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$1"


def test_header_text_escapes_codes() -> None:
    assert header_text("R&D\x07 team\n") == "R&&D  team "


# --- Word role cards ------------------------------------------------------------------------


def docx_text(blob: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(blob)).paragraphs)


def test_word_cards_one_per_position_and_a_combined_one(
    matrix_org: tuple[Org, OrgGraph, list[Any]],
) -> None:
    org, graph, _ = matrix_org
    docs = docx_documents(org, graph, None)
    assert set(docs) == {f"{p.id}.docx" for p in org.positions} | {COMBINED}
    cmo = Document(io.BytesIO(docs["cmo.docx"]))
    heads = [(p.style.name, p.text) for p in cmo.paragraphs if p.style.name.startswith("Head")]
    assert heads[0] == ("Heading 1", "Chief Marketing Officer")
    level2 = [t for s, t in heads if s == "Heading 2"]
    assert level2[:3] == ["Positioning", "Duties by dimension", "KPIs"]
    assert "Reporting lines" in level2
    dims = [t for s, t in heads if s == "Heading 3" and t[0].isdigit()]
    assert [d.split(". ", 1)[1] for d in dims] == list(DUTY_DIMENSIONS_EN)
    text = docx_text(docs["cmo.docx"])
    assert "Reports to: Chief Executive Officer" in text
    # A dimension is kept on one page: its paragraphs keep with the next one.
    paras = cmo.paragraphs
    start = next(i for i, p in enumerate(paras) if p.text.startswith("1. "))
    assert paras[start].paragraph_format.keep_with_next
    assert paras[start + 1].paragraph_format.keep_with_next
    xml = zipfile.ZipFile(io.BytesIO(docs["cmo.docx"])).read("word/footer1.xml").decode()
    assert "PAGE" in xml and "NUMPAGES" in xml


def test_combined_document_has_contents_with_page_fields(
    matrix_org: tuple[Org, OrgGraph, list[Any]],
) -> None:
    org, graph, _ = matrix_org
    blob = docx_documents(org, graph, None)[COMBINED]
    doc = Document(io.BytesIO(blob))
    xml = zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml").decode()
    assert xml.count("PAGEREF _Toc_card") == len(org.positions)
    assert xml.count('w:name="_Toc_card') == len(org.positions)
    h1 = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert len(h1) == len(org.positions) and all(p.paragraph_format.page_break_before for p in h1)
    assert b"updateFields" in zipfile.ZipFile(io.BytesIO(blob)).read("word/settings.xml")


def test_word_cards_in_chinese_name_the_east_asian_font(
    matrix_org: tuple[Org, OrgGraph, list[Any]], tmp_path: Path
) -> None:
    org, graph, _ = matrix_org
    blob = docx_documents(org, graph, "zh")["cmo.docx"]
    doc = Document(io.BytesIO(blob))
    assert doc.paragraphs[0].text == "首席营销官"
    run = doc.paragraphs[0].runs[0]._r
    assert run.rPr.rFonts.get(qn("w:eastAsia")) == "Microsoft YaHei"
    styles = zipfile.ZipFile(io.BytesIO(blob)).read("word/styles.xml").decode()
    assert 'w:eastAsia="zh-CN"' in styles and 'w:eastAsia="Microsoft YaHei"' in styles


def test_roles_command_writes_word(tmp_path: Path) -> None:
    out = tmp_path / "cards"
    result = runner.invoke(app, ["roles", str(SAMPLES / "lean.yaml"), "-o", str(out), "-f", "docx"])
    assert result.exit_code == 0, result.output
    assert (out / COMBINED).is_file() and len(list(out.glob("*.docx"))) > 2


# --- the PowerPoint deck --------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck(matrix_org: tuple[Org, OrgGraph, list[Any]], tmp_path_factory: Any) -> Any:
    org, graph, findings = matrix_org
    out = tmp_path_factory.mktemp("deck") / "deck.pptx"
    render(org, graph, findings, ChartOptions(), out)
    return Presentation(str(out))


def names(slide: Any) -> list[str]:
    return [shape.name for shape in slide.shapes]


def test_deck_has_an_overview_and_one_slide_per_page(
    deck: Any, matrix_org: tuple[Org, OrgGraph, list[Any]]
) -> None:
    org = matrix_org[0]
    assert deck.slide_width == 960 * 12700 and deck.slide_height == 540 * 12700
    slides = list(deck.slides)
    assert len(slides) >= 2
    cover = "\n".join(s.text_frame.text for s in slides[0].shapes if s.has_text_frame)
    assert "Lumière Beauty Group" in cover and "Overview" in cover
    # Every position is an editable shape, drawn in full on exactly one slide.
    full: list[str] = []
    for slide in slides[1:]:
        for shape in slide.shapes:
            if shape.name in org.position_by_id and shape.has_text_frame:
                dashed = shape.line.dash_style is not None
                if not dashed:
                    full.append(shape.name)
    assert sorted(full) == sorted(org.position_by_id)
    cmo = next(s for slide in slides[1:] for s in slide.shapes if s.name == "cmo")
    text = cmo.text_frame.text
    assert "Chief Marketing Officer" in text and "李薇" in text


def test_solid_lines_are_connectors_bound_to_their_boxes(deck: Any) -> None:
    bound = 0
    for slide in list(deck.slides)[1:]:
        ids = {shape.shape_id: shape.name for shape in slide.shapes}
        for el in slide.shapes._spTree.iter(qn("p:cxnSp")):
            name = el.find(qn("p:nvCxnSpPr")).find(qn("p:cNvPr")).get("name")
            style, _, pair = name.partition(" ")
            source, _, target = pair.partition(" -> ")
            props = el.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
            start, end = props.find(qn("a:stCxn")), props.find(qn("a:endCxn"))
            assert style == "solid" and start is not None and end is not None, name
            assert ids[int(start.get("id"))] == source and ids[int(end.get("id"))] == target
            assert (
                el.find(qn("p:spPr"))
                .find(qn("a:prstGeom"))
                .get("prst")
                .startswith(("bentConnector", "straightConnector"))
            )
            bound += 1
    assert bound >= 15


def test_dotted_lines_are_dashed_and_notes_list_positions(deck: Any, tmp_path: Path) -> None:
    org, graph, findings = load(GOLDEN)  # its dotted line stays on one page
    out = tmp_path / "g.pptx"
    render(org, graph, findings, ChartOptions(), out)
    dashed = [
        shape
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.name.startswith("dotted ")
    ]
    assert [s.name for s in dashed] == ["dotted brand-lead -> north-mkt"]
    assert all(s.line.dash_style is not None for s in dashed)
    slide = list(deck.slides)[1]
    notes = slide.notes_slide.notes_text_frame.text
    assert "Positions on this slide" in notes and "Chief Executive Officer" in notes


def test_stubs_link_to_their_slide(deck: Any) -> None:
    links = [
        shape.click_action.target_slide
        for slide in list(deck.slides)[1:]
        for shape in slide.shapes
        if shape.click_action.target_slide is not None
    ]
    assert links


def test_paper_sets_the_slide_size(
    matrix_org: tuple[Org, OrgGraph, list[Any]], tmp_path: Path
) -> None:
    org, graph, findings = matrix_org
    out = tmp_path / "a3.pptx"
    render(org, graph, findings, ChartOptions(paper="a3"), out)
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (round(1190.55 * 12700), round(841.89 * 12700))


def test_connector_geometry_follows_the_polyline() -> None:
    down_left = bent_geometry([(100, 50), (100, 70), (40, 70), (40, 90)])
    assert down_left is not None and down_left.rot == 5400000 and down_left.adjust == (50000,)
    assert (down_left.w, down_left.h) == (40, 60) and not down_left.flip_v
    down_right = bent_geometry([(100, 50), (100, 70), (160, 70), (160, 90)])
    assert down_right is not None and down_right.flip_v
    stacked = bent_geometry([(100, 50), (100, 70), (90, 70), (90, 120), (95, 120)])
    assert stacked is not None and stacked.prst == "bentConnector4"
    assert bent_geometry([(0, 0), (10, 10)]) is None
    assert site((10, 10, 100, 40), (60, 50)) == 2 and site((10, 10, 100, 40), (60, 10)) == 0
    assert site((10, 10, 100, 40), (10, 30)) == 1 and site((10, 10, 100, 40), (60, 30)) is None


# --- hostile names --------------------------------------------------------------------------


def test_hostile_names_in_word_and_powerpoint(evil: tuple[Org, OrgGraph, list[Any]]) -> None:
    org, graph, _ = evil
    docs = docx_documents(org, graph, None)
    text = docx_text(docs[COMBINED])
    assert EVIL["script"] in text and EVIL["formula"] in text
    assert "bellchar" in text and not CONTROL.search(text)
    layout = build_layout(org, graph, LayoutOptions(paper="a4"))
    blob = deck_bytes(org, layout, (960.0, 540.0), Theme())
    prs = Presentation(io.BytesIO(blob))
    shown = "\n".join(
        s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame
    )
    assert "<script>" in shown and not CONTROL.search(shown)
    raw = zipfile.ZipFile(io.BytesIO(blob)).read("ppt/slides/slide2.xml").decode()
    assert "<script>" not in raw and "&lt;script&gt;" in raw


def test_hostile_names_in_the_workbook_header(
    evil: tuple[Org, OrgGraph, list[Any]], tmp_path: Path
) -> None:
    org, graph, findings = evil
    path = tmp_path / "evil.xlsx"
    path.write_bytes(to_xlsx(build_matrix(org, graph, findings), Theme(company="R&D <b>")))
    ws = load_workbook(path)["RACI"]
    assert "R&&D <b>" in ws.oddHeader.left.text
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@"))


# --- the theme ------------------------------------------------------------------------------


def write_png(path: Path) -> None:
    import base64

    path.write_bytes(
        base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
    )


def test_theme_from_pyproject_reaches_every_output(tmp_path: Path) -> None:
    write_png(tmp_path / "logo.png")
    (tmp_path / "pyproject.toml").write_text(
        "[tool.orgdesign.theme]\n"
        'company = "Northwind Consulting"\nfont = "Liberation Sans"\nlogo = "logo.png"\n'
        "[tool.orgdesign.theme.palette]\naccent = '#112233'\nA = 'abcdef'\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "pyproject.toml")
    theme = config.theme
    assert theme.company == "Northwind Consulting" and theme.palette.A == "ABCDEF"
    assert theme.logo == tmp_path / "logo.png"
    org, graph, findings = load(GOLDEN)
    path = tmp_path / "m.xlsx"
    path.write_bytes(to_xlsx(build_matrix(org, graph, findings), theme))
    ws = load_workbook(path)["RACI"]
    assert "Northwind Consulting" in ws.oddHeader.left.text
    fills = {c.fill.fgColor.rgb for row in ws.iter_rows() for c in row if c.value == "A"}
    assert fills == {"00ABCDEF"}
    card = Document(io.BytesIO(docx_documents(org, graph, None, theme)["cmo.docx"]))
    assert card.styles["Heading 1"].font.color.rgb == (0x11, 0x22, 0x33)
    assert card.styles["Normal"].font.name == "Liberation Sans"
    page = role_documents(org, graph, "html", None, theme=theme)["cmo.html"]
    assert "--accent: #112233" in page and '"Liberation Sans", system-ui' in page
    assert '<img src="data:image/png;base64,' in page and "Northwind Consulting" in page
    header = card.sections[0].header
    assert "Northwind Consulting" in header.paragraphs[0].text
    assert header.part.rels and any("image" in r.reltype for r in header.part.rels.values())


def test_unthemed_pages_look_as_before() -> None:
    org, graph, _ = load(GOLDEN)
    page = role_documents(org, graph, "html", None)["cmo.html"]
    assert "--accent: #2f5d8a" in page and "font: 15px/1.5 system-ui" in page
    assert 'class="brand"' not in page


def test_bad_theme_is_a_config_error(tmp_path: Path) -> None:
    cfg = tmp_path / ".orgdesign.toml"
    cfg.write_text("[theme.palette]\naccent = 'blue'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"theme\.palette\.accent"):
        load_config(cfg)
    cfg.write_text("[theme]\nlogo = 'missing.png'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no image file"):
        load_config(cfg)
    cfg.write_text("[theme]\nfont = 'x\"; }'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="font"):
        load_config(cfg)
