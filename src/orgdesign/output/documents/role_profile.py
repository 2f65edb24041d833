"""The role profile on a card: roles, competencies, work methods, evaluation, career path.

This module owns the part of a role card that seed document 002 gives the head
of marketing beyond its duties: the four roles of its positioning, six
competency areas, the work methods worth modelling, the evaluation beyond KPI
names and the career path. A position's own `roles`, `competencies` and
`career_path` win; the head of marketing (A for a `leadership.*` duty of
`builtin:marketing`) gets the catalogue's defaults
(`catalogs/roles/head-of-marketing.yaml`) for what it does not set. Data only:
every card format renders what `role_profile` returns.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from orgdesign.i18n import headings, text_lang
from orgdesign.load.loader import load_bytes
from orgdesign.model import Org, Position

HEAD_DUTY_PREFIX = "leadership."
"""Ids of the head of marketing's duties in builtin:marketing (document 002)."""

Defaults = dict[str, Any]


def head_of_marketing_defaults() -> Defaults:
    """The catalogue's defaults for the head of marketing (empty if the file is missing)."""
    ref = resources.files("orgdesign").joinpath("catalogs", "roles", "head-of-marketing.yaml")
    if not ref.is_file():
        return {}
    result = load_bytes(ref.read_bytes(), "builtin:marketing/roles")
    return dict(result.data) if result.ok and isinstance(result.data, dict) else {}


def is_head_of_marketing(org: Org, pid: str) -> bool:
    """A for a built-in head-of-marketing duty (`leadership.*` of builtin:marketing)."""
    return any(
        pid in entry.A
        and entry.responsibility.startswith(HEAD_DUTY_PREFIX)
        and entry.responsibility in org.responsibility_by_id
        for entry in org.raci
    )


def _text(value: Any, lang: str | None) -> str:
    if isinstance(value, dict):
        return str(value.get(text_lang(lang)) or value.get("en") or "")
    return str(value)


def _named(items: Any, lang: str | None, detail: str) -> list[dict[str, Any]]:
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        value = item.get(detail)
        out.append(
            {
                "name": _text(item.get("name", ""), lang),
                detail: [_text(x, lang) for x in value]
                if isinstance(value, list)
                else _text(value, lang)
                if value
                else None,
            }
        )
    return out


def role_profile(org: Org, pos: Position, defaults: Defaults, lang: str | None) -> dict[str, Any]:
    """Roles, competencies, work methods, evaluation and career path of one position's card.

    Each list says where it came from in `sources` (`position` or `catalogue`), so that
    a reader knows what the organisation wrote and what is the seed's default.
    """
    head = bool(defaults) and is_head_of_marketing(org, pos.id)
    base = defaults if head else {}
    sources: dict[str, str] = {}

    def pick(own: list[str], key: str) -> list[str]:
        if own:
            sources[key] = "position"
            return list(own)
        found = [_text(x, lang) for x in base.get(key, [])]
        if found:
            sources[key] = "catalogue"
        return found

    roles = pick(pos.roles, "roles")
    if pos.competencies:
        competencies = [{"name": c, "items": []} for c in pos.competencies]
        sources["competencies"] = "position"
    else:
        competencies = _named(base.get("competencies"), lang, "items")
        if competencies:
            sources["competencies"] = "catalogue"
    methods = _named(base.get("work_methods"), lang, "how")
    evaluation = _named(base.get("evaluation"), lang, "how")
    for key, value in (("work_methods", methods), ("evaluation", evaluation)):
        if value:
            sources[key] = "catalogue"
    career_path = pick(pos.career_path, "career_path")
    return {
        "roles": roles,
        "competencies": competencies,
        "work_methods": methods,
        "evaluation": evaluation,
        "career_path": career_path,
        "sources": sources,
        "catalogue_note": catalogue_note(sources, lang),
    }


_REPLACEABLE = ("roles", "competencies", "career_path")
"""Sections a position can write itself (the others are the profile's alone)."""


def catalogue_note(sources: dict[str, str], lang: str | None) -> str:
    """Which sections of the card are the built-in defaults, and the keys that replace them
    ("" when none is): it never asks for a key the position already has."""
    defaults = [key for key, source in sources.items() if source == "catalogue"]
    if not defaults:
        return ""
    h = headings(lang)
    joined = h["list_and"]
    note = h["catalogue_default"].format(sections=joined.join(h[k] for k in defaults))
    fields = [key for key in _REPLACEABLE if key in defaults]
    if fields:
        note += h["catalogue_replace"].format(fields=joined.join(fields))
    return note
