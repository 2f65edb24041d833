"""What a recommendation is made of: its types, thresholds and the wording lookup.

This module owns the result types of `recommend` (`Recommendation`, `Risk`,
`Addition`, `Comparison`, `Change`), the thresholds of the decision, the
languages a recommendation is written in (`report_language`, through the one
normaliser of `orgdesign.i18n`) and `message`, the lookup of its wording in
the catalogue (`orgdesign/i18n/messages/recommend.yaml`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdesign.domain.archetypes import ArchetypeInference
from orgdesign.i18n import LANGUAGES as LANGUAGES
from orgdesign.i18n import Text, language, text
from orgdesign.model import Profile

SEVERAL = 2
"""Categories, regions or segments from which a dimension counts as several."""
MANY = 4
"""Categories, regions or segments from which one dimension alone makes the business complex."""

DIGITAL_AREA = "digital"
"""Catalogue area whose owner is the digital marketing centre."""
SUPPLIER_RESPONSIBILITY = "collaboration.supplier-management"
"""Catalogue responsibility whose owner is the supplier management group."""


def message(ident: str) -> Text:
    """The recommendation's wording `recommend.<ident>` of the catalogue."""
    return text(f"recommend.{ident}")


def report_language(tag: str | None) -> str | None:
    """`en` or `zh` for a language tag (`zh-CN`, `ZH`, `zh_Hans` -> `zh`); None if unsupported."""
    return language(tag)


@dataclass(frozen=True)
class Risk:
    """A risk of the recommended design and how the brief says to manage it."""

    risk: str
    manage: str


@dataclass(frozen=True)
class Addition:
    """A structural addition the brief's dynamic considerations call for."""

    id: str
    name: str
    name_zh: str
    why: str
    present: str | None = None
    """The unit of the file that already does this work (then nothing is to be added)."""


@dataclass(frozen=True)
class Recommendation:
    """The advice for one business profile, every sentence in `lang`."""

    archetype: str
    profile: Profile
    """The profile decided on (the file's, the options', or inferred from the structure)."""
    reasons: list[str]
    assumptions: list[str]
    strengths: list[str]
    risks: list[Risk]
    additions: list[Addition]
    mechanisms: list[str]
    lang: str = "en"
    """Language of the sentences above (`en` or `zh`)."""
    inferred: list[str] = field(default_factory=list)
    """Profile fields read from the structure (the file has no `organization.profile`)."""
    warnings: list[str] = field(default_factory=list)
    """A profile that contradicts itself or the file."""
    team_size: int | None = None
    """Marketing seats the advice was scaled to."""


@dataclass(frozen=True)
class Change:
    """One thing the current structure would need to change, and where (when known)."""

    message: str
    file: str | None = None
    line: int | None = None
    element: str | None = None


@dataclass(frozen=True)
class Comparison:
    """The current structure against a recommendation."""

    declared: str | None
    current: ArchetypeInference
    changes: list[Change] = field(default_factory=list)
