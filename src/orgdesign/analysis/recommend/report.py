"""A recommendation (and the comparison with a structure) as JSON-ready data or plain text.

This module owns the two forms `orgdesign recommend` prints, in the
recommendation's language (JSON keys and ids stay English); every heading
and sentence frame is `recommend.text.*` in the catalogue.
"""

from __future__ import annotations

from typing import Any

from orgdesign.analysis.profiling import profile_line
from orgdesign.analysis.recommend.model import (
    Addition,
    Change,
    Comparison,
    Recommendation,
    message,
)
from orgdesign.domain.archetypes import ARCHETYPE_INFO, archetype_word
from orgdesign.i18n import join


def _comparison_dict(comparison: Comparison, lang: str) -> dict[str, Any]:
    return {
        "declared": comparison.declared,
        "inferred": comparison.current.archetype,
        "scores": comparison.current.scores,
        "reasons": comparison.current.reasons_in(lang),
        "changes": [
            {"message": c.message, "file": c.file, "line": c.line, "element": c.element}
            for c in comparison.changes
        ],
    }


def as_dict(rec: Recommendation, comparison: Comparison | None = None) -> dict[str, Any]:
    """The recommendation (and the comparison) as JSON-ready data, in the recommendation's
    language (keys and ids stay English)."""
    info = ARCHETYPE_INFO[rec.archetype]
    shape, _strengths, _risks = info.texts(rec.lang)
    return {
        "archetype": rec.archetype,
        "name": info.title.get(rec.lang),
        "name_zh": info.name_zh,
        "shape": shape,
        "profile": rec.profile.model_dump(exclude_none=True),
        "reasons": rec.reasons,
        "assumptions": rec.assumptions,
        "strengths": rec.strengths,
        "risks": [{"risk": r.risk, "manage": r.manage} for r in rec.risks],
        "additions": [
            {"id": a.id, "name": a.name, "name_zh": a.name_zh, "why": a.why, "present": a.present}
            for a in rec.additions
        ],
        "inferred": rec.inferred,
        "warnings": rec.warnings,
        "team_size": rec.team_size,
        "mechanisms": rec.mechanisms,
        "current": _comparison_dict(comparison, rec.lang) if comparison is not None else None,
    }


def _bullets(items: list[str]) -> list[str]:
    return [f"  - {item}" for item in items]


def _section(heading: str, items: list[str], lang: str) -> list[str]:
    """A blank line, the heading `recommend.text.<heading>` and its bullets."""
    return ["", message(f"text.{heading}")(lang), *_bullets(items)]


def _addition_text(a: Addition, lang: str) -> str:
    key = "text.present" if a.present is not None else "text.addition"
    return message(key)(lang, name=a.name, name_zh=a.name_zh, why=a.why, present=a.present)


def _change_text(change: Change) -> str:
    where = f"{change.file}:{change.line}: " if change.file and change.line else ""
    return where + change.message


def _advice(rec: Recommendation) -> list[str]:
    """The recommendation itself: archetype, shape, profile and every list of advice."""
    lang = rec.lang
    info = ARCHETYPE_INFO[rec.archetype]
    shape, _strengths, _risks = info.texts(lang)
    profile = profile_line(rec.profile, lang) or message("text.empty")(lang)
    lines = [
        message("text.title")(lang, archetype=rec.archetype, name_zh=info.name_zh),
        message("text.shape")(lang, shape=shape),
        "",
        message("text.profile")(lang, profile=profile),
        "",
        message("text.why")(lang),
        *_bullets(rec.reasons),
    ]
    for heading, items in (
        ("inferred", rec.inferred),
        ("warnings", rec.warnings),
        ("assumptions", rec.assumptions),
    ):
        lines += _section(heading, items, lang) if items else []
    risk = message("text.risk")
    lines += _section("strengths", rec.strengths, lang)
    lines += _section("risks", [risk(lang, risk=r.risk, manage=r.manage) for r in rec.risks], lang)
    lines += _section("additions", [_addition_text(a, lang) for a in rec.additions], lang)
    return lines + _section("mechanisms", rec.mechanisms, lang)


def _current(rec: Recommendation, comparison: Comparison) -> list[str]:
    """The structure as it is and what it would need to change."""
    lang = rec.lang
    scores = join(
        (f"{archetype_word(k, lang)} {v:.2f}" for k, v in comparison.current.scores.items()), lang
    )
    declared = (
        archetype_word(comparison.declared, lang)
        if comparison.declared
        else message("text.none")(lang)
    )
    inferred = archetype_word(comparison.current.archetype, lang)
    lines = [
        "",
        message("text.current")(lang),
        message("text.declared")(lang, declared=declared, inferred=inferred, scores=scores),
        "",
        message("text.changes")(lang),
    ]
    if comparison.changes:
        return lines + _bullets([_change_text(c) for c in comparison.changes])
    word = ARCHETYPE_INFO[rec.archetype].word.get(lang)
    return [*lines, message("text.nothing")(lang, word=word)]


def as_text(rec: Recommendation, comparison: Comparison | None = None) -> str:
    """The recommendation (and the comparison) as plain text, in the recommendation's language."""
    lines = _advice(rec)
    if comparison is not None:
        lines += _current(rec, comparison)
    return "\n".join(lines) + "\n"
