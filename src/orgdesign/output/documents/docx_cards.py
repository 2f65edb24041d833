"""Role cards as Word documents: one .docx per position and one combined document.

This module owns turning the data of `render.cards.role_card` into Word content, in the
order of seed document 002 (the CMO's duties): the title (Heading 1), positioning, duties by
dimension (one Heading 3 section per dimension, kept on one page), KPIs by family,
reporting lines with the decision rights of dual reporting, RACI assignments by letter and
projects. `docx_documents` gives every position's document and `COMBINED`, all cards behind
a table of contents (titles with their page numbers), each card starting on a new page.
The frame (fonts, header, footer, fields) is `render.docx_base`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.load.theme import DEFAULT_THEME, Theme
from orgdesign.model import Org
from orgdesign.output.documents.cards import Card, role_cards
from orgdesign.output.documents.docx_base import (
    Body,
    Package,
    add_text,
    bookmark,
    document_bytes,
    header_footer,
    new_document,
    table_of_contents,
)

COMBINED = "role-cards.docx"
"""File name of the document with every card."""


def who(ref: Mapping[str, Any] | None, h: Mapping[str, str], lang: str | None = None) -> str:
    """A position as text: title and holders, or "vacant" (`首席执行官（王建国）` in Chinese)."""
    if ref is None:
        return h["top_position"]
    if ref["holders"]:
        return i18n.bracketed(ref["title"], i18n.join(ref["holders"], lang), lang)
    return i18n.bracketed(ref["title"], h["vacant"], lang) if ref["known"] else ref["title"]


class CardWriter:
    """Writes role cards into one python-docx document."""

    def __init__(self, doc: Any, theme: Theme, lang: str | None) -> None:
        self.doc, self.theme, self.lang = doc, theme, lang
        self.body = Body(doc)
        self.h = i18n.headings(lang)
        self.marks = 0
        self.punct = i18n.punctuation(lang)
        self.sep, self.colon = self.punct["sep"], self.punct["colon"]
        self.people = self.punct["semicolon"]
        """Between positions shown with their holders in brackets."""

    def who(self, ref: Mapping[str, Any] | None) -> str:
        return who(ref, self.h, self.lang)

    def bracketed(self, text: str, inner: str) -> str:
        return i18n.bracketed(text, inner, self.lang)

    def scoped(self, name: str, scope: Mapping[str, Any] | None) -> str:
        """A duty with the unit it is scoped to in brackets."""
        return self.bracketed(name, scope["name"]) if scope else name

    def everyone(self, refs: list[Mapping[str, Any]]) -> str:
        """Positions with their holders, between semicolons."""
        return self.people.join(self.who(r) for r in refs)

    def para(self, text: str = "", style: str | None = None, **font: Any) -> Any:
        paragraph = self.body.paragraph(style)
        if text:
            add_text(paragraph, text, self.theme, **font)
        return paragraph

    def heading(
        self, text: str, level: int, new_page: bool = False, mark: str | None = None
    ) -> Any:
        paragraph = self.body.paragraph(f"Heading {level}")
        add_text(paragraph, text, self.theme)
        if mark is not None:
            self.marks += 1
            bookmark(paragraph, mark, self.marks)
        paragraph.paragraph_format.keep_with_next = True
        if new_page:
            paragraph.paragraph_format.page_break_before = True
        return paragraph

    def fact(self, label: str, value: str, style: str | None = None) -> Any:
        paragraph = self.body.paragraph(style)
        add_text(paragraph, f"{label}{self.colon}", self.theme, bold=True)
        add_text(paragraph, value, self.theme)
        return paragraph

    def bullet(self, text: str, lead: str = "", note: str = "") -> Any:
        paragraph = self.body.paragraph("List Bullet")
        if lead:
            add_text(paragraph, f"{lead} ", self.theme, bold=True)
        add_text(paragraph, text, self.theme)
        if note:
            add_text(paragraph, f" — {note}", self.theme, color=self.theme.palette.muted)
        return paragraph

    def card(self, c: Card, new_page: bool, mark: str | None = None) -> None:
        h = self.h
        self.heading(c["title"], 1, new_page, mark)
        unit = c["unit"]["name"] if c["unit"] else h["no_unit"]
        holders = self.sep.join(c["holders"]) if c["holders"] else h["vacant"]
        self.para(f"{h['role_card']} · {unit} · {holders}", color=self.theme.palette.muted)
        self.positioning(c)
        self.dimensions(c)
        self.kpis(c)
        self.profile(c)
        self.reporting(c)
        self.responsibilities(c)
        self.projects(c)

    def positioning(self, c: Card) -> None:
        h, p = self.h, c["positioning"]
        self.heading(h["positioning"], 2)
        if c["description"]:
            self.para(c["description"])
        if p["heads"]:
            self.fact(h["heads"], self.sep.join(u["name"] for u in p["heads"]))
        if p["oversees"]:
            self.fact(h["oversees"], self.sep.join(u["name"] for u in p["oversees"]))
        if p["is_root"]:
            self.fact(h["reports_to"], h["top_position"])
        elif p["reports_to_top"]:
            self.fact(h["reports_to"], f"{self.who(c['reports_to'])} — {h['reports_top']}")
        team = f"{h['direct_reports']}{self.colon}{len(c['direct_reports'])} · "
        team += f"{p['team_positions']} {h['positions_word']}{self.punct['comma']}"
        self.fact(h["team_size"], f"{team}{p['team_seats']} {h['seats_word']}")
        if p["layer"]:
            self.fact(h["layer"], str(p["layer"]))
        seats = f"{c['headcount']} · {h['vacancies']}{self.colon}{c['vacancies']}"
        self.fact(h["headcount"], seats)

    def dimensions(self, c: Card) -> None:
        from docx.shared import Pt

        if not c["dimensions"]:
            return
        h = self.h
        self.heading(h["duties_by_dimension"], 2)
        for n, d in enumerate(c["dimensions"], start=1):
            self.heading(f"{n}. {d['name']}", 3)
            paragraphs = []
            for item in d["items"]:
                kpis = self.sep.join(k["name"] for k in item["kpis"])
                name = self.scoped(item["name"], item["scope"])
                bullet = self.bullet(name, "/".join(item["letters"]), kpis)
                paragraphs.append(bullet)
                if item["description"]:
                    desc = self.para(item["description"], color=self.theme.palette.muted, size=9)
                    desc.paragraph_format.left_indent = Pt(18)
                    paragraphs.append(desc)
            if not d["items"]:
                paragraphs.append(self.para(h["not_assigned"], italic=True))
                for e in d["elsewhere"]:
                    owners = self.sep.join(self.who(a) for a in e["accountable"])
                    name = self.scoped(e["name"], e["scope"])
                    paragraphs.append(self.bullet(f"{name} → {owners}"))
            for paragraph in paragraphs[:-1]:  # the dimension stays on one page
                paragraph.paragraph_format.keep_with_next = True
            for paragraph in paragraphs:
                paragraph.paragraph_format.keep_together = True

    def listed(self, c: Card, key: str) -> list[Any]:
        """The heading of the card's `key` list and its items; an empty list says `no_<key>`."""
        self.heading(self.h[key], 2)
        if not c[key]:
            self.para(self.h[f"no_{key}"], italic=True)
        items: list[Any] = c[key]
        return items

    def kpis(self, c: Card) -> None:
        for fam in self.listed(c, "kpis"):
            self.fact(fam["name"], self.sep.join(k["name"] for k in fam["kpis"]), "List Bullet")

    def profile(self, c: Card) -> None:
        """Roles, competencies, work methods, evaluation, career path (`role_profile`)."""
        p = c.get("profile") or {}
        h = self.h
        if p.get("roles"):
            self.fact(h["roles"], " · ".join(p["roles"]))
        for key, detail in (
            ("competencies", "items"),
            ("work_methods", "how"),
            ("evaluation", "how"),
        ):
            if not p.get(key):
                continue
            self.heading(h[key], 2)
            for item in p[key]:
                how = item.get(detail)
                self.bullet("; ".join(how) if isinstance(how, list) else how or "", item["name"])
        if p.get("career_path"):
            self.heading(h["career_path"], 2)
            self.para(" → ".join(p["career_path"]))
        if p.get("catalogue_note"):
            self.para(p["catalogue_note"], italic=True, color=self.theme.palette.muted)

    def reporting(self, c: Card) -> None:
        h = self.h
        self.heading(h["reporting"], 2)
        self.fact(h["reports_to"], self.who(c["reports_to"]))
        for line in c["dotted_lines"]:
            decides = self.sep.join(d["name"] for d in line["decides"])
            extra = f" — {h['decided_by']}{self.colon}{decides}" if decides else ""
            self.fact(h["dotted_to"], self.who(line["manager"]) + extra)
        if c["direct_reports"]:
            self.fact(h["direct_reports"], self.everyone(c["direct_reports"]))
        if c["dotted_reports"]:
            self.fact(h["dotted_reports"], self.everyone(c["dotted_reports"]))
        for a in c["arbitrates"]:
            names = self.sep.join(self.who(r) for r in a["positions"])
            self.fact(h["arbitrates"], f"{a['name']}{self.colon}{names}")
        if c["dotted_lines"]:
            self.decision_rights(c)

    def decision_rights(self, c: Card) -> None:
        h = self.h
        self.heading(h["decision_rights"], 3)
        if not c["priority_rules"]:
            self.para(f"⚠ {h['no_rule']}", bold=True)
        for rule in c["priority_rules"]:
            self.fact(h["priority_rule"], rule["name"])
            table = self.body.table(rows=1, cols=2)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells, (h["decision_domain"], h["decided_by"]), strict=True
            ):
                add_text(cell.paragraphs[0], text, self.theme, bold=True)
            rows = [(r["domain"]["name"], self.decider(r)) for r in rule["decisions"]]
            escalation = self.who(rule["escalation"]) if rule["escalation"] else f"⚠ {h['none']}"
            for left, right in [*rows, (h["escalation"], escalation)]:
                cells = table.add_row().cells
                add_text(cells[0].paragraphs[0], left, self.theme)
                add_text(cells[1].paragraphs[0], right, self.theme)
            self.para()

    def decider(self, row: Mapping[str, Any]) -> str:
        h = self.h
        if row["decider"] == "undecided":
            return f"⚠ {h['undecided']}"
        names = self.sep.join(self.who(b) for b in row["by"])
        kind = {"solid": h["solid_line"], "dotted": h["dotted_line"]}.get(row["decider"])
        return self.bracketed(names, kind) if kind else names

    def responsibilities(self, c: Card) -> None:
        h = self.h
        for g in self.listed(c, "responsibilities"):
            self.heading(self.bracketed(f"{g['letter']} — {g['name']}", g["help"]), 3)
            for area in g["areas"]:
                self.para(area["name"], bold=True).paragraph_format.keep_with_next = True
                for item in area["items"]:
                    name = item["name"]
                    if item["scope"]:
                        scope = f"{h['scope']}{self.colon}{item['scope']['name']}"
                        name = self.bracketed(name, scope)
                    kpis = self.sep.join(k["name"] for k in item["kpis"])
                    self.bullet(name, note=kpis)

    def projects(self, c: Card) -> None:
        if not c["projects"]:
            return
        h = self.h
        self.heading(h["projects"], 2)
        for p in c["projects"]:
            role = h["project_lead"] if p["role"] == "lead" else h["project_member"]
            kpis = self.sep.join(k["name"] for k in p["kpis"])
            self.bullet(self.bracketed(p["name"], role), note=kpis)
            for m in p["milestones"]:
                done = " ✓" if m["done"] else ""
                self.para(f"{m['due'] or ''} {m['name']}{done}".strip(), "List Bullet 2")


def _document(title: str, theme: Theme, lang: str | None, cards: list[Card], toc: bool) -> bytes:
    h = i18n.headings(lang)
    doc = new_document(theme, lang)
    header_footer(doc, theme, title, h["role_cards"] if toc else h["role_card"], h["page_of"])
    writer = CardWriter(doc, theme, lang)
    if toc:
        writer.para(h["role_cards"], "Title")
        writer.para(theme.header_name(title), color=theme.palette.muted)
        writer.heading(h["contents"], 2)
        marks = [f"_Toc_card{i}" for i in range(len(cards))]
        entries = [(c["title"], m) for c, m in zip(cards, marks, strict=True)]
        table_of_contents(writer.body, entries, theme)
    for i, card in enumerate(cards):
        writer.card(card, new_page=toc or i > 0, mark=f"_Toc_card{i}" if toc else None)
    doc.core_properties.title = office_title(cards[0]["title"] if not toc else h["role_cards"])
    return document_bytes(doc)


def _documents(title: str, theme: Theme, lang: str | None, cards: list[Card]) -> list[bytes]:
    """One document per card: one frame, saved once, filled with each card in turn."""
    h = i18n.headings(lang)
    doc = new_document(theme, lang)
    header_footer(doc, theme, title, h["role_card"], h["page_of"])
    package = Package(doc)
    writer = CardWriter(doc, theme, lang)
    blobs = []
    for card in cards:
        writer.body.clear()
        writer.card(card, new_page=False)
        doc.core_properties.title = office_title(card["title"])
        blobs.append(package.current())
    return blobs


def office_title(text: str) -> str:
    from orgdesign.output.office import office_text

    return office_text(text)[:250]


def docx_documents(
    org: Org,
    graph: OrgGraph,
    files: Mapping[str, str],
    lang: str | None = None,
    theme: Theme = DEFAULT_THEME,
    title: str = "",
) -> dict[str, bytes]:
    """File name -> bytes of every position's card and of `COMBINED`."""
    cards = list(role_cards(org, graph, lang).values())
    blobs = _documents(title, theme, lang, cards)
    docs = {files[c["id"]]: blob for c, blob in zip(cards, blobs, strict=True)}
    if cards:
        docs[COMBINED] = _document(title, theme, lang, cards, toc=True)
    return docs
