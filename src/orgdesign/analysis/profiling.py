"""What `recommend` reads from the structure itself: an inferred business profile,
the size of the marketing team, the additions already in place, and profiles
that contradict themselves or the file.

This module owns those readings; `orgdesign.analysis.recommend` decides with
them. Every sentence comes in English and Simplified Chinese (`lang` "en"/"zh"),
from the catalogue (`orgdesign/i18n/messages/profile.yaml`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes import analyse
from orgdesign.i18n import Text, group, join, text
from orgdesign.model import Org, Position, Profile, Unit

SMALL_TEAM = 5
"""Up to this many marketing seats, a team cannot staff discipline groups: lean at most."""
MID_TEAM = 12
"""Below this many seats, matrix and divisional (group functions plus marketers in every
line) cannot be staffed: functional at most, and digital work is a group, not a centre."""

DIGITAL_WORDS = ("digital", "数字", "ecommerce", "e-commerce", "电商")
SUPPLIER_WORDS = ("supplier", "vendor", "agency", "procurement", "供应商", "采购")

PROFILE_KEYS: Mapping[str, Text] = group("profile.key")
"""The profile's fields as a reader calls them (`categories` / `品类数`)."""
PROFILE_VALUES: Mapping[str, Text] = group("profile.value")


def _said(ident: str) -> Text:
    return text(f"profile.{ident}")


def _value(value: object, lang: str) -> str:
    return (
        PROFILE_VALUES[value](lang)
        if isinstance(value, str) and value in PROFILE_VALUES
        else str(value)
    )


def profile_line(profile: Profile, lang: str) -> str:
    """`categories: 3, regions: 2` or `品类数：3，区域数：2`: keys and values translated."""
    items = profile.model_dump(exclude_none=True).items()
    item = _said("item")
    return (
        _said("separator")
        .get(lang)
        .join(item(lang, key=PROFILE_KEYS[k](lang), value=_value(v, lang)) for k, v in items)
    )


@dataclass(frozen=True)
class StructureReading:
    """What the file shows: business lines by kind, marketing seats, units already there."""

    categories: tuple[Unit, ...]
    regions: tuple[Unit, ...]
    team_size: int
    digital_unit: Unit | None
    supplier_unit: Unit | None
    notes: list[str] = field(default_factory=list)
    career_paths: tuple[Position, ...] = ()
    """Positions whose file writes a `career_path`: the career ladder is already there."""


def _names(units: tuple[Unit, ...], lang: str) -> str:
    return join((u.label(lang) for u in units), lang)


def _has_word(unit: Unit, words: tuple[str, ...]) -> bool:
    text = f"{unit.id} {unit.name} {' '.join(unit.names.values())}".lower()
    return any(word in text for word in words)


def read_structure(
    org: Org, graph: OrgGraph, digital_units: list[str], supplier_units: list[str]
) -> StructureReading:
    """The business lines, the marketing team size and the units that already do the
    work of a digital marketing centre or a supplier management group.

    `digital_units` and `supplier_units` are the units the RACI shows owning that work;
    a unit named for it (e.g. "Digital Marketing Centre", "供应商管理组") counts too.
    """
    by_type: dict[str, list[Unit]] = {}
    for unit in org.units:
        by_type.setdefault(unit.type, []).append(unit)
    lines = by_type.get("product-line") or [
        *by_type.get("division", []),
        *by_type.get("business-unit", []),
    ]
    digital = [graph.units[u] for u in digital_units if u in graph.units]
    digital += [u for u in org.units if u.type not in ("company",) and _has_word(u, DIGITAL_WORDS)]
    supplier = [graph.units[u] for u in supplier_units if u in graph.units]
    supplier += [u for u in org.units if _has_word(u, SUPPLIER_WORDS)]
    return StructureReading(
        categories=tuple(lines),
        regions=tuple(by_type.get("region", [])),
        team_size=analyse(org, graph).marketing_seats,
        digital_unit=digital[0] if digital else None,
        supplier_unit=supplier[0] if supplier else None,
        career_paths=tuple(p for p in org.positions if p.career_path),
    )


def infer_profile(reading: StructureReading, lang: str) -> tuple[Profile, list[str]]:
    """A profile from the structure and a sentence per inferred field saying from what."""
    said: list[str] = []
    categories = max(len(reading.categories), 1)
    regions = max(len(reading.regions), 1)
    if reading.categories:
        names = _names(reading.categories, lang)
        said.append(_said("inferred.categories")(lang, n=categories, names=names))
    else:
        said.append(_said("inferred.one_category")(lang))
    if reading.regions:
        said.append(_said("inferred.regions")(lang, n=regions, names=_names(reading.regions, lang)))
    else:
        said.append(_said("inferred.one_region")(lang))
    if reading.digital_unit is not None:
        said.append(_said("inferred.digital")(lang, name=reading.digital_unit.label(lang)))
    profile = Profile(
        categories=categories,
        regions=regions,
        digital_maturity="high" if reading.digital_unit is not None else None,
    )
    return profile, said


def contradictions(profile: Profile, reading: StructureReading | None, lang: str) -> list[str]:
    """Warnings for a profile at odds with itself or with the file's structure."""
    out: list[str] = []
    if profile.categories == 1 and profile.unit_similarity == "different":
        out.append(_said("warning.one_category_different")(lang))
    if reading is None:
        return out
    for key, units in (("categories", reading.categories), ("regions", reading.regions)):
        given = getattr(profile, key)
        if given is not None and len(units) > 1 and given < len(units):
            out.append(
                _said("warning.fewer")(
                    lang,
                    key=PROFILE_KEYS[key](lang),
                    given=given,
                    n=len(units),
                    names=_names(units, lang),
                )
            )
    return out
