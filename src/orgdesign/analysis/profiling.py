"""What `recommend` reads from the structure itself: an inferred business profile,
the size of the marketing team, the additions already in place, and profiles
that contradict themselves or the file.

This module owns those readings; `orgdesign.analysis.recommend` decides with
them. Every sentence comes in English and Simplified Chinese (`lang` "en"/"zh").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes import analyse
from orgdesign.i18n import Text
from orgdesign.model import Org, Profile, Unit

SMALL_TEAM = 5
"""Up to this many marketing seats, a team cannot staff discipline groups: lean at most."""
MID_TEAM = 12
"""Below this many seats, matrix and divisional (group functions plus marketers in every
line) cannot be staffed: functional at most, and digital work is a group, not a centre."""

DIGITAL_WORDS = ("digital", "数字", "ecommerce", "e-commerce", "电商")
SUPPLIER_WORDS = ("supplier", "vendor", "agency", "procurement", "供应商", "采购")

PROFILE_KEYS: Mapping[str, Text] = MappingProxyType(
    {
        "categories": Text("categories", "品类数"),
        "regions": Text("regions", "区域数"),
        "customer_segments": Text("customer segments", "客群数"),
        "digital_maturity": Text("digital maturity", "数字化成熟度"),
        "third_party_reliance": Text("third-party reliance", "第三方依赖度"),
        "unit_similarity": Text("unit similarity", "业务单元相似度"),
        "budget": Text("budget", "预算"),
    }
)
PROFILE_VALUES: Mapping[str, Text] = MappingProxyType(
    {
        "low": Text("low", "低"),
        "medium": Text("medium", "中"),
        "high": Text("high", "高"),
        "similar": Text("similar", "相似"),
        "different": Text("different", "差异大"),
        "small": Text("small", "有限"),
        "large": Text("large", "充足"),
    }
)


def profile_line(profile: Profile, lang: str) -> str:
    """`categories: 3, regions: 2` or `品类数：3，区域数：2`: keys and values translated."""
    items = profile.model_dump(exclude_none=True).items()
    if lang == "zh":
        return "，".join(
            f"{PROFILE_KEYS[k].zh}：{PROFILE_VALUES[v].zh if v in PROFILE_VALUES else v}"
            for k, v in items
        )
    return ", ".join(f"{PROFILE_KEYS[k].en}: {v}" for k, v in items)


@dataclass(frozen=True)
class StructureReading:
    """What the file shows: business lines by kind, marketing seats, units already there."""

    categories: tuple[Unit, ...]
    regions: tuple[Unit, ...]
    team_size: int
    digital_unit: Unit | None
    supplier_unit: Unit | None
    notes: list[str] = field(default_factory=list)


def _names(units: tuple[Unit, ...], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(u.label(lang) for u in units)


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
    )


def infer_profile(reading: StructureReading, lang: str) -> tuple[Profile, list[str]]:
    """A profile from the structure and a sentence per inferred field saying from what."""
    said: list[str] = []
    categories = max(len(reading.categories), 1)
    regions = max(len(reading.regions), 1)
    if reading.categories:
        names = _names(reading.categories, lang)
        said.append(
            Text(
                "categories: {n}, from the business-line units ({names})",
                "品类数：{n}，依据业务线单元（{names}）",
            )(lang, n=categories, names=names)
        )
    else:
        said.append(
            Text(
                "categories: 1, as no unit is a product line, division or business unit",
                "品类数：1，因为没有类型为产品线、事业部或业务单元的单元",
            )(lang)
        )
    if reading.regions:
        said.append(
            Text(
                "regions: {n}, from the region units ({names})",
                "区域数：{n}，依据区域单元（{names}）",
            )(lang, n=regions, names=_names(reading.regions, lang))
        )
    else:
        said.append(Text("regions: 1, as no unit is a region", "区域数：1，因为没有区域单元")(lang))
    if reading.digital_unit is not None:
        said.append(
            Text(
                "digital maturity: high, as the file has a digital unit ({name})",
                "数字化成熟度：高，因为文件中已有数字化单元（{name}）",
            )(lang, name=reading.digital_unit.label(lang))
        )
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
        out.append(
            Text(
                "The profile says 1 category with very different business units "
                "(unit_similarity: different): with one category there are no units to differ; "
                "check `categories` or `unit_similarity`.",
                "业务画像写的是 1 个品类、业务单元差异大（unit_similarity: different）：只有一个"
                "品类就没有可以相互差异的业务单元；请核对 `categories` 或 `unit_similarity`。",
            )(lang)
        )
    if reading is None:
        return out
    for key, units in (("categories", reading.categories), ("regions", reading.regions)):
        given = getattr(profile, key)
        if given is not None and len(units) > 1 and given < len(units):
            out.append(
                Text(
                    "The profile says {key} {given}, but the file has {n} such units ({names}).",
                    "业务画像写的是{key} {given}，但文件中有 {n} 个此类单元（{names}）。",
                )(
                    lang,
                    key=PROFILE_KEYS[key](lang),
                    given=given,
                    n=len(units),
                    names=_names(units, lang),
                )
            )
    return out
