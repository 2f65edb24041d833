"""The Word document frame of orgdesign: page, styles, fonts, header, footer, fields.

This module owns making a python-docx `Document` that follows the theme (the Latin font on
every style, the East Asian font through `w:eastAsia` on every style and on every run that
holds CJK text, headings in the accent colour), the header (logo, company, document kind),
the footer (page x of y as PAGE/NUMPAGES fields), the contents of a combined document (page
numbers as PAGEREF fields, which Word and LibreOffice both compute), and `add_text`: the one
way text is added to a paragraph (through `office.office_text`, so no control character
reaches the XML). The content of a
role card is `render.docx_cards`.
"""

from __future__ import annotations

import io
from typing import Any

from orgdesign.load.theme import Theme
from orgdesign.output.office import has_cjk, office_text
from orgdesign.output.paper import paper_size

BODY_PT = 10.5
HEADING_PT = {"Title": 22, "Heading 1": 18, "Heading 2": 13.5, "Heading 3": 11.5}


def new_document(theme: Theme, lang: str | None, paper: str = "a4") -> Any:
    """An empty document on `paper` (portrait) with the theme's fonts and colours."""
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    section = doc.sections[0]
    width, height = paper_size(paper, landscape=False)
    section.page_width, section.page_height = Pt(width), Pt(height)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Pt(62))
    section.top_margin, section.bottom_margin = Pt(64), Pt(56)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
        _style_fonts(doc.styles[name], theme, HEADING_PT.get(name, BODY_PT))
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _accent(doc.styles[name], theme)
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)
    _default_language(doc, lang)
    doc.core_properties.author = theme.company or "orgdesign"
    return doc


class Body:
    """Where a document's paragraphs and tables go, in constant time each.

    python-docx adds a paragraph to the body by finding the section properties at its end
    among all the body's children, so a long document (every role card in one) costs the
    square of its length. Here each paragraph or table is made in an empty scratch container
    (same document part, so styles resolve) and moved in front of the section properties,
    found once. Styles are set by id: python-docx resolves a style object by walking every
    style of the document for each paragraph."""

    def __init__(self, doc: Any) -> None:
        from docx.blkcntnr import BlockItemContainer
        from docx.oxml import OxmlElement

        self.doc = doc
        self.element = doc.element.body
        self.end = self.element.sectPr
        self.scratch = BlockItemContainer(OxmlElement("w:body"), doc._body)
        self.style_ids: dict[str, str] = {}

    def _place(self, element: Any) -> None:
        if self.end is None:
            self.element.append(element)
        else:
            self.end.addprevious(element)

    def style_id(self, name: str) -> str:
        if name not in self.style_ids:
            self.style_ids[name] = self.doc.styles[name].style_id
        return self.style_ids[name]

    def paragraph(self, style: str | None = None) -> Any:
        paragraph = self.scratch.add_paragraph()
        if style is not None:
            paragraph._p.style = self.style_id(style)
        self._place(paragraph._p)
        return paragraph

    def table(self, rows: int, cols: int) -> Any:
        table = self.scratch.add_table(rows, cols, self.doc._block_width)
        self._place(table._tbl)
        return table

    def clear(self) -> None:
        """Remove the content, keep the section properties."""
        for child in list(self.element):
            if child is not self.end:
                self.element.remove(child)


class Package:
    """A saved document whose body and properties are replaced to make more like it.

    Opening and saving a python-docx document costs tens of milliseconds; a role card per
    position would spend most of its time there. The frame (styles, header, footer,
    settings) is saved once; each document is that package with its own main part and
    core properties."""

    def __init__(self, doc: Any) -> None:
        import zipfile

        self.doc = doc
        with zipfile.ZipFile(io.BytesIO(document_bytes(doc))) as frame:
            self.members = [(info, frame.read(info)) for info in frame.infolist()]

    def current(self) -> bytes:
        """The package with the document's body and core properties as they are now."""
        import zipfile

        parts = (self.doc.part, self.doc.part.package._core_properties_part)
        own = {part.partname.membername: part.blob for part in parts}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in self.members:
                out.writestr(info, own.get(info.filename, data))
        return buffer.getvalue()


def _style_fonts(style: Any, theme: Theme, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = theme.font
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # a theme font would win over the named one
    fonts.set(qn("w:ascii"), theme.font)
    fonts.set(qn("w:hAnsi"), theme.font)
    fonts.set(qn("w:eastAsia"), theme.cjk_font)


def east_asian_tag(lang: str | None) -> str:
    """Language of East Asian runs: the document's if Japanese or Korean, else Chinese (the
    template says Japanese, which makes viewers pick Japanese glyph forms for Chinese)."""
    if lang and lang.lower()[:2] in ("ja", "ko"):
        return {"ja": "ja-JP", "ko": "ko-KR"}[lang.lower()[:2]]
    if lang and lang.lower().replace("_", "-") in ("zh-hant", "zh-tw", "zh-hk"):
        return "zh-TW"
    return "zh-CN"


def _default_language(doc: Any, lang: str | None) -> None:
    from docx.oxml.ns import qn

    for tag in doc.styles.element.iter(qn("w:lang")):
        tag.set(qn("w:eastAsia"), east_asian_tag(lang))


def _accent(style: Any, theme: Theme) -> None:
    from docx.shared import RGBColor

    style.font.color.rgb = RGBColor.from_string(theme.palette.accent)


def add_text(paragraph: Any, text: str, theme: Theme, **font: Any) -> Any:
    """Add a run of cleaned text; a run with CJK text names the East Asian font itself."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    clean = office_text(text)
    run = paragraph.add_run(clean)
    if has_cjk(clean):
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), theme.cjk_font)
    for key, value in font.items():
        if key == "color":
            run.font.color.rgb = RGBColor.from_string(value)
        elif key == "size":
            run.font.size = Pt(value)
        else:
            setattr(run.font, key, value)
    return run


def add_field(paragraph: Any, code: str, shown: str = "") -> None:
    """A complex field (`PAGE`, `NUMPAGES`, `TOC ...`) with `shown` as its last result."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run.append(fld)
        return run

    instr = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {code} "
    instr.append(text)
    result = OxmlElement("w:r")
    value = OxmlElement("w:t")
    value.text = shown
    result.append(value)
    for part in (char("begin"), instr, char("separate"), result, char("end")):
        paragraph._p.append(part)


def header_footer(doc: Any, theme: Theme, organisation: str, kind: str, page_of: str) -> None:
    """Header: logo, company (or organisation) and the kind of document; footer: page x of y.

    `page_of` is the footer wording with `&P` and `&N` where the numbers go."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = doc.sections[0]
    head = section.header.paragraphs[0]
    if theme.logo is not None:
        head.add_run().add_picture(str(theme.logo), height=Pt(20))
        head.add_run("  ")
    add_text(head, theme.header_name(organisation), theme, bold=True, size=9)
    add_text(head, f"  ·  {kind}", theme, size=9, color=theme.palette.muted)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, rest = page_of.partition("&P")
    middle, _, after = rest.partition("&N")
    for piece, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, None)):
        if piece:
            add_text(foot, piece, theme, size=8, color=theme.palette.muted)
        if field:
            add_field(foot, field, "1")


def bookmark(paragraph: Any, name: str, number: int) -> None:
    """Wrap a paragraph's content in a bookmark (the target of a table-of-contents entry)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def table_of_contents(body: Body, entries: list[tuple[str, str]], theme: Theme) -> None:
    """The contents: one line per (title, bookmark) with a PAGEREF field for its page.

    Not a TOC field: LibreOffice shows a TOC field's stored result as it is (a writer
    cannot know the page numbers), but it computes PAGEREF fields, and Word updates them
    on opening (`w:updateFields`), so the numbers are right in both."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = body.doc
    section = doc.sections[0]
    right = section.page_width - section.left_margin - section.right_margin
    for title, mark in entries:
        paragraph = body.paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            right, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        paragraph.paragraph_format.space_after = 0
        add_text(paragraph, title, theme)
        paragraph.add_run().add_tab()
        add_field(paragraph, f"PAGEREF {mark} \\h", "")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def document_bytes(doc: Any) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
