"""Role cards as documents: one Markdown or HTML file per position, and an index.

This module owns turning the data of `render.cards.role_card` into files
(`role.md.j2`, `role.html.j2`, `roles_index.*.j2`; Word through `render.docx_cards`),
the file name of each position's card, and `document_dir`: how a folder of documents replaces an
older one (whole or not at all, and only if the folder is empty or was made
by orgdesign, so `-o .` can never wipe a folder of someone's own files).
`render.build` writes its pack through the same function.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.load.fsio import atomic_dir
from orgdesign.load.theme import DEFAULT_THEME, Theme
from orgdesign.model import Org
from orgdesign.output import templating
from orgdesign.output.documents.cards import Card, role_cards
from orgdesign.output.formats import DocumentOptions

COMBINED_DOCX = "role-cards.docx"
"""The Word document with every card (see `render.docx_cards`); no position's card takes it."""
MARKER = ".orgdesign-output"
"""File that marks a folder as made by orgdesign (and so safe to replace)."""


class OutputDirError(ValueError):
    """The output folder cannot be used (a file, or a folder orgdesign did not make)."""


def card_files(org: Org, fmt: str) -> dict[str, str]:
    """Position id -> file name of its card; unique even on case-insensitive file systems."""
    taken = {f"index.{fmt}", COMBINED_DOCX}
    names: dict[str, str] = {}
    for pos in org.positions:
        if pos.id in names:
            continue
        stem, n = pos.id, 1
        while f"{stem}.{fmt}".lower() in taken:
            n += 1
            stem = f"{pos.id}-{n}"
        names[pos.id] = f"{stem}.{fmt}"
        taken.add(names[pos.id].lower())
    return names


def org_title(org: Org, lang: str | None) -> str:
    return org.organization.label(lang) if org.organization else Path(org.root_file).stem


def _context(
    org: Org, fmt: str, files: dict[str, str], lang: str | None, theme: Theme = DEFAULT_THEME
) -> dict[str, Any]:
    def link(ref: dict[str, Any] | None) -> str | None:
        return files.get(ref["id"]) if ref else None

    return {
        "h": i18n.headings(lang),
        "pu": i18n.punctuation(lang),
        "lang": i18n.text_lang(lang),
        "title": org_title(org, lang),
        "fills": theme.palette.letters(),
        "theme": theme,
        "link": link,
        "fmt": fmt,
    }


def render_card(org: Org, card: Card, fmt: str, files: dict[str, str], lang: str | None) -> str:
    """One role card as Markdown or HTML text."""
    return render_cards(org, [card], fmt, files, lang)[0]


def render_cards(
    org: Org,
    cards: list[Card],
    fmt: str,
    files: dict[str, str],
    lang: str | None,
    theme: Theme = DEFAULT_THEME,
) -> list[str]:
    """Role cards as Markdown or HTML texts (the template is compiled once)."""
    template = templating.environment().get_template(f"role.{fmt}.j2")
    context = _context(org, fmt, files, lang, theme)
    return [template.render(c=card, **context) for card in cards]


def render_index(
    org: Org,
    cards: list[Card],
    fmt: str,
    files: dict[str, str],
    lang: str | None,
    up: str | None = None,
    theme: Theme = DEFAULT_THEME,
) -> str:
    """The list of every card, grouped by unit (`up`: link to the page above, in a pack)."""
    groups: dict[str, dict[str, Any]] = {}
    for card in cards:
        unit = card["unit"] or {"id": "", "name": i18n.headings(lang)["no_unit"]}
        groups.setdefault(unit["id"], {"unit": unit, "cards": []})["cards"].append(card)
    template = templating.environment().get_template(f"roles_index.{fmt}.j2")
    context = _context(org, fmt, files, lang, theme)
    return template.render(groups=list(groups.values()), up=up, **context)


def role_documents(
    org: Org,
    graph: OrgGraph,
    fmt: str,
    lang: str | None,
    up: str | None = None,
    theme: Theme = DEFAULT_THEME,
) -> dict[str, str]:
    """File name -> text of every Markdown or HTML role card and of the index (which links to
    `up` if given)."""
    if fmt not in ("md", "html"):
        raise ValueError(f"role_documents writes md or html, not {fmt!r}")
    files = card_files(org, fmt)
    cards = list(role_cards(org, graph, lang).values())
    texts = render_cards(org, cards, fmt, files, lang, theme)
    docs = {files[card["id"]]: text for card, text in zip(cards, texts, strict=True)}
    docs[f"index.{fmt}"] = render_index(org, cards, fmt, files, lang, up, theme)
    return docs


def check_output_dir(path: Path, kind: str | None = None) -> None:
    """Refuse a path that is a file, a non-empty folder orgdesign did not make, an output of
    another kind (`roles` never replaces a `build` pack), or one where files were added since.

    The marker file lists what orgdesign wrote; anything else in the folder is someone's own
    work, which replacing the folder would delete.
    """
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        raise OutputDirError(f"{path} exists and is not a folder")
    if not path.is_dir() or not any(path.iterdir()):
        return
    marker = path / MARKER
    if not marker.is_file():
        raise OutputDirError(
            f"{path} is a folder orgdesign did not make and is not empty; "
            "name a new or empty folder (an earlier orgdesign output is replaced)"
        )
    lines = marker.read_text(encoding="utf-8", errors="replace").splitlines()
    made_by = lines[0].removeprefix("orgdesign ").strip() if lines else ""
    if kind is not None and made_by and made_by != kind:
        raise OutputDirError(
            f"{path} holds an orgdesign {made_by} output; name another folder for {kind}"
        )
    written = set(lines[1:])
    if written:
        added = sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file())
        foreign = [p for p in added if p != MARKER and p not in written]
        if foreign:
            raise OutputDirError(
                f"{path} holds files orgdesign did not write ({', '.join(foreign[:3])}"
                f"{', ...' if len(foreign) > 3 else ''}); move them or name another folder"
            )


@contextlib.contextmanager
def document_dir(path: Path, kind: str) -> Iterator[Path]:
    """A temporary folder that replaces `path` when the block succeeds (see `fsio.atomic_dir`)."""
    path = Path(os.path.abspath(path))
    check_output_dir(path, kind)
    with atomic_dir(path) as tmp:
        yield tmp
        written = sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*") if p.is_file())
        (tmp / MARKER).write_text(
            "\n".join([f"orgdesign {kind}", *written]) + "\n", encoding="utf-8"
        )


def docx_documents(
    org: Org, graph: OrgGraph, lang: str | None, theme: Theme = DEFAULT_THEME
) -> dict[str, bytes]:
    """File name -> bytes of every position's Word card and of the combined document."""
    from orgdesign.output.documents import docx_cards  # python-docx loads only for Word

    files = card_files(org, "docx")
    return docx_cards.docx_documents(org, graph, files, lang, theme, org_title(org, lang))


def markdown_cards(org: Org, graph: OrgGraph, options: DocumentOptions) -> dict[str, str]:
    """The registry's writer of Markdown role cards and their index."""
    return role_documents(org, graph, "md", options.lang, options.up, _theme(options))


def html_cards(org: Org, graph: OrgGraph, options: DocumentOptions) -> dict[str, str]:
    """The registry's writer of HTML role cards and their index."""
    return role_documents(org, graph, "html", options.lang, options.up, _theme(options))


def word_cards(org: Org, graph: OrgGraph, options: DocumentOptions) -> dict[str, bytes]:
    """The registry's writer of Word role cards and the combined document."""
    return docx_documents(org, graph, options.lang, _theme(options))


def _theme(options: DocumentOptions) -> Theme:
    return options.theme or DEFAULT_THEME


def write_roles(
    org: Org,
    graph: OrgGraph,
    out: Path,
    *,
    fmt: str = "md",
    lang: str | None = None,
    theme: Theme = DEFAULT_THEME,
) -> list[str]:
    """Write every role card and the index (for Word: the combined document) into the folder
    `out`, in the registry's format `fmt` (`UnknownFormat` if there is none); return the
    file names."""
    from orgdesign.output.registry import ROLES

    writer = ROLES.named(fmt).writer()
    docs = writer(org, graph, DocumentOptions(lang=lang, theme=theme))
    with document_dir(out, "roles") as tmp:
        write_documents(tmp, docs)
    return sorted(docs)


def write_documents(folder: Path, docs: Mapping[str, str | bytes]) -> None:
    """Write each document into `folder` (text as UTF-8); the folder itself is made whole or
    not at all by `document_dir`, so its files are written directly."""
    for name, doc in docs.items():
        if isinstance(doc, bytes):
            (folder / name).write_bytes(doc)
        else:
            (folder / name).write_text(doc, encoding="utf-8")
