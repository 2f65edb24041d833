"""Archetype recommendation from a business profile (`orgdesign recommend`).

This package owns the seed brief's "dynamic considerations" turned into a
decision: the business profile (categories, regions, customer segments,
digital maturity, third-party reliance, unit similarity, budget) gives the
recommended archetype with the reasons, the strengths and risks to manage,
structural additions (digital marketing centre, supplier management group,
career ladder) and the mechanisms that make any structure work. Given an
organisation, `compare` says what its structure would need to change.

- `model`: the result types, thresholds and the wording lookup;
- `decide`: the decision cases over the profile's facts, capping by team size;
- `additions`: the structural additions;
- `compare`: a structure against a recommendation;
- `report`: the recommendation as JSON-ready data or plain text.

Every sentence comes in English and Simplified Chinese (`lang` "en" or "zh"),
from the catalogue `orgdesign/i18n/messages/recommend.yaml` (the Chinese in
the words of the Chinese seed document); JSON keys and ids stay English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from orgdesign.analysis.profiling import StructureReading, contradictions
from orgdesign.analysis.recommend.additions import SCALED, additions
from orgdesign.analysis.recommend.compare import compare, structure_reading
from orgdesign.analysis.recommend.decide import CAPS, CASES, choose, scale_to_team
from orgdesign.analysis.recommend.model import (
    DIGITAL_AREA,
    LANGUAGES,
    MANY,
    SEVERAL,
    SUPPLIER_RESPONSIBILITY,
    Addition,
    Change,
    Comparison,
    Recommendation,
    Risk,
    message,
    report_language,
)
from orgdesign.analysis.recommend.report import as_dict, as_text
from orgdesign.domain.archetypes import ARCHETYPE_INFO
from orgdesign.i18n import Text, texts
from orgdesign.model import ARCHETYPES, Profile

__all__ = [
    "CAPS",
    "CASES",
    "DIGITAL_AREA",
    "LANGUAGES",
    "MANY",
    "MECHANISM_TEXTS",
    "SCALED",
    "SEVERAL",
    "SUPPLIER_RESPONSIBILITY",
    "TRANSITIONS",
    "TRANSITION_TEXTS",
    "Addition",
    "Change",
    "Comparison",
    "Recommendation",
    "Risk",
    "additions",
    "as_dict",
    "as_text",
    "choose",
    "compare",
    "merge_profile",
    "recommend",
    "report_language",
    "scale_to_team",
    "structure_reading",
]

MECHANISM_TEXTS: tuple[Text, ...] = texts("recommend.mechanisms")
"""The brief's mechanisms that make any structure work."""

TRANSITION_TEXTS: Mapping[str, Text] = {a: message(f"transition.{a}") for a in ARCHETYPES}
"""What a structure does to move to each archetype."""
TRANSITIONS: Mapping[str, str] = {a: t.en for a, t in TRANSITION_TEXTS.items()}


def recommend(
    profile: Profile,
    lang: str = "en",
    *,
    team_size: int | None = None,
    reading: StructureReading | None = None,
    inferred: list[str] | None = None,
) -> Recommendation:
    """The archetype a business profile calls for, with reasons, strengths, risks and additions.

    `lang` ("en" or "zh") is the language of every sentence; see `report_language`.
    `team_size` (marketing seats) scales the design and the additions to what the team
    can staff; `reading` (the file's structure) marks additions already there and
    finds a profile at odds with the file.
    """
    wanted, reasons, assumptions = choose(profile, lang)
    archetype, capped = scale_to_team(wanted, team_size, lang)
    _shape, strengths, risks = ARCHETYPE_INFO[archetype].texts(lang)
    return Recommendation(
        archetype=archetype,
        profile=profile,
        reasons=[*reasons, *capped],
        assumptions=assumptions,
        strengths=list(strengths),
        risks=[Risk(risk, manage) for risk, manage in risks],
        additions=additions(profile, lang, team_size, reading),
        mechanisms=[text.get(lang) for text in MECHANISM_TEXTS],
        lang=lang,
        inferred=list(inferred or []),
        warnings=contradictions(profile, reading, lang),
        team_size=team_size,
    )


def merge_profile(base: Profile | None, overrides: Mapping[str, Any]) -> Profile:
    """The file's profile with the given fields replaced (None values are left out)."""
    data = base.model_dump(exclude_none=True) if base is not None else {}
    data.update({key: value for key, value in overrides.items() if value is not None})
    return Profile.model_validate(data)
