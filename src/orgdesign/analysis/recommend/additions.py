"""Structural additions the brief's dynamic considerations call for, scaled to the team.

This module owns which additions a profile calls for (a digital marketing
centre for high digital maturity, a supplier management group for heavy
reliance on third parties, always a career ladder), their smaller form for a
team too small to staff them (one owner instead), and marking those the file
already has. Names and reasons are `recommend.addition.<id>` in the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType

from orgdesign.analysis.profiling import MID_TEAM, SMALL_TEAM, StructureReading
from orgdesign.analysis.recommend.model import SUPPLIER_RESPONSIBILITY, Addition, message
from orgdesign.model import Profile, Unit

SCALED: Mapping[str, str] = MappingProxyType(
    {
        "digital-marketing-centre": "digital-owner",
        "supplier-management-group": "supplier-owner",
    }
)
"""The addition a team of at most `SMALL_TEAM` seats gets instead of a centre or a group."""


def addition(ident: str, lang: str, **fields: object) -> Addition:
    """The addition `ident` in a language, its reason filled in with `fields`."""
    name = message(f"addition.{ident}.name")
    why = message(f"addition.{ident}.why")
    return Addition(ident, name(lang), name.zh, why(lang, **fields))


def wanted(profile: Profile) -> list[str]:
    """The additions a profile calls for, in the order they are given."""
    found = ["digital-marketing-centre"] if profile.digital_maturity == "high" else []
    if profile.third_party_reliance == "high":
        found.append("supplier-management-group")
    return [*found, "career-ladder"]


def _scaled(ident: str, team_size: int | None) -> str:
    small = team_size is not None and team_size < MID_TEAM and team_size <= SMALL_TEAM
    return SCALED.get(ident, ident) if small else ident


def _present(reading: StructureReading, ident: str) -> Unit | None:
    """The unit of the file that already does an addition's work."""
    if ident.startswith("digital-"):
        return reading.digital_unit
    if ident.startswith("supplier-"):
        return reading.supplier_unit
    return None


def _mark(item: Addition, reading: StructureReading, lang: str) -> Addition:
    if item.id == "career-ladder" and reading.career_paths:
        first = reading.career_paths[0]
        return replace(item, present=f"{first.label(lang)} ({first.id})")
    unit = _present(reading, item.id)
    return item if unit is None else replace(item, present=f"{unit.label(lang)} ({unit.id})")


def additions(
    profile: Profile,
    lang: str = "en",
    team_size: int | None = None,
    reading: StructureReading | None = None,
) -> list[Addition]:
    """Structural additions from the brief's dynamic considerations, scaled to the team.

    A team too small for a centre or a group gets an owner instead; an addition
    the file already has names the unit that does the work.
    """
    fields = {"n": team_size, "responsibility": SUPPLIER_RESPONSIBILITY}
    out = [addition(_scaled(ident, team_size), lang, **fields) for ident in wanted(profile)]
    return out if reading is None else [_mark(item, reading, lang) for item in out]
