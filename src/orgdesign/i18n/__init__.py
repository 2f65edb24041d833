"""One translation mechanism: fixed wording in English and Chinese, looked up by id.

This package owns every sentence orgdesign writes that does not come from an
org file: the message catalogue (`catalogue`: YAML files in
`orgdesign/i18n/messages/`, checked when loaded), `Text` (one message in both
languages), and the one language-tag normaliser (`tags.language`,
`text_lang`: `zh`, `zh-CN`, `zh_Hans` are Chinese; `en-GB` and any other
language English). Labels of units, positions and responsibilities come from
the file's `names` (`Element.label`).

The helpers below are the document wording (headings of the RACI matrix, role
cards and build pack; RACI letters; the severity words of findings; the
workbook tab names; the seven duty dimensions; the stages of
the marketing chain; the KPIs of the built-in catalogue and their families).
Unknown ids fall back to a readable form of the id itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType

from orgdesign.i18n.catalogue import (
    CatalogueError,
    Text,
    all_messages,
    entry,
    group,
    strings,
    table,
    text,
    texts,
)
from orgdesign.i18n.tags import LANGUAGES, language, text_lang

__all__ = [
    "KPI_FAMILY",
    "KPI_FAMILY_ORDER",
    "LANGUAGES",
    "LETTER_ORDER",
    "MATRIX_LETTER_ORDER",
    "CatalogueError",
    "Text",
    "all_messages",
    "bracketed",
    "dimension_name",
    "dimension_order",
    "entry",
    "group",
    "headings",
    "humanise",
    "join",
    "kpi_family",
    "kpi_family_name",
    "kpi_name",
    "language",
    "letter_help",
    "letter_name",
    "punctuation",
    "severity_name",
    "sheet_name",
    "stage_name",
    "strings",
    "table",
    "text",
    "text_lang",
    "texts",
]

LETTER_ORDER: tuple[str, ...] = ("A", "R", "S", "C", "I")
"""Order of RACI letters on role cards: who signs off first, who is told last."""

MATRIX_LETTER_ORDER: tuple[str, ...] = ("R", "A", "S", "C", "I")
"""Order of letters inside one matrix cell (the conventional R-A-S-C-I)."""


@cache
def dimension_order() -> tuple[str, ...]:
    """The seven duty dimensions of the head of marketing, in the catalogue's order.

    A function, not a constant: importing i18n (as `validate` does) reads no catalogue.
    """
    return tuple(group("document.dimension"))


KPI_FAMILY: Mapping[str, str] = MappingProxyType(
    {
        "sales-growth": "results",
        "market-share": "results",
        "customer-acquisition-cost": "results",
        "customer-lifetime-value": "results",
        "repurchase-rate": "results",
        "gmv": "results",
        "marketing-roi": "results",
        "campaign-lead-time": "efficiency",
        "channel-conversion": "efficiency",
        "content-quality-score": "efficiency",
        "budget-variance": "efficiency",
        "new-market-penetration": "alignment",
        "brand-awareness": "alignment",
        "innovation-project-share": "alignment",
        "brand-health-index": "alignment",
        "share-of-voice": "team",
        "conversion-rate": "team",
        "sentiment-health": "team",
        "employee-retention": "team",
    }
)
"""KPI id -> KPI family of the built-in catalogue (unknown KPIs are `other`)."""

KPI_FAMILY_ORDER: tuple[str, ...] = ("results", "efficiency", "alignment", "team", "other")


def humanise(ident: str) -> str:
    """A readable label from an id: `share-of-voice` -> `Share of voice`."""
    words = ident.replace("_", " ").replace("-", " ").replace(".", " ").split()
    joined = " ".join(words)
    return joined[:1].upper() + joined[1:] if joined else ident


def join(items: Iterable[str], lang: str | None) -> str:
    """Items of a list in a sentence: `a, b, c` in English, `a、b、c` in Chinese."""
    return text("common.separator").get(lang).join(items)


def _lookup(group_id: str, key: str, lang: str | None) -> str:
    return table(group_id)[text_lang(lang)].get(key) or humanise(key)


def punctuation(lang: str | None) -> Mapping[str, str]:
    """Punctuation of built sentences: `colon`, `comma`, `semicolon`, `open` and `close`
    (brackets), `sep` (between the items of a list): `：，；（）、` in Chinese."""
    marks = dict(table("common.punctuation")[text_lang(lang)])
    return MappingProxyType({**marks, "sep": text("common.separator").get(lang)})


def bracketed(text_: str, inner: str, lang: str | None) -> str:
    """`text (inner)` in English, `text（inner）` in Chinese."""
    marks = punctuation(lang)
    return f"{text_}{marks['open']}{inner}{marks['close']}"


def headings(lang: str | None) -> Mapping[str, str]:
    """Every document heading in the language of `lang`."""
    return table("document.heading")[text_lang(lang)]


def letter_name(letter: str, lang: str | None) -> str:
    return _lookup("document.letter", letter, lang)


def letter_help(letter: str, lang: str | None) -> str:
    return _lookup("document.letter_help", letter, lang)


def severity_name(severity: str, lang: str | None) -> str:
    """The word for a finding's severity (`error`, `warning`, `info`) in a document:
    `警告` in Chinese. Machine formats (JSON, SARIF, JUnit, `validate` text) keep the id."""
    return _lookup("document.severity", severity, lang)


def sheet_name(sheet: str, lang: str | None) -> str:
    """The tab name of a workbook sheet (`raci`, `legend`, `findings`) in the language."""
    return _lookup("document.sheet", sheet, lang)


def dimension_name(dimension: str, lang: str | None) -> str:
    return _lookup("document.dimension", dimension, lang)


def stage_name(stage: str, lang: str | None) -> str:
    return _lookup("document.stage", stage, lang)


def kpi_name(kpi: str, lang: str | None) -> str:
    return _lookup("document.kpi", kpi, lang)


def kpi_family(kpi: str) -> str:
    return KPI_FAMILY.get(kpi, "other")


def kpi_family_name(family: str, lang: str | None) -> str:
    return _lookup("document.kpi_family", family, lang)
