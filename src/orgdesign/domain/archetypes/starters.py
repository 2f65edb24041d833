"""The commented starting file of each archetype (`orgdesign new`).

This module owns `domain/starters/ARCHETYPE.LANG.yaml` and the languages they
are written in; a language tag is read by the one normaliser of
`orgdesign.i18n`.
"""

from __future__ import annotations

from importlib import resources

from orgdesign.i18n import language
from orgdesign.model import ARCHETYPES

STARTER_LANGUAGES: tuple[str, ...] = ("en", "zh")
"""Languages of the commented starting files in `orgdesign/domain/starters/`."""


def starter_language(lang: str | None) -> str | None:
    """The starting-file language for a language tag (`zh-CN` -> `zh`), or None if there is none."""
    found = language(lang or None)
    return found if found in STARTER_LANGUAGES else None


def starting_file(archetype: str, lang: str = "en") -> str:
    """The commented starting file of an archetype in a language (`orgdesign new`)."""
    if archetype not in ARCHETYPES or lang not in STARTER_LANGUAGES:
        raise ValueError(f"no starting file for archetype {archetype!r} in language {lang!r}")
    ref = resources.files("orgdesign.domain").joinpath("starters", f"{archetype}.{lang}.yaml")
    return ref.read_text(encoding="utf-8")
