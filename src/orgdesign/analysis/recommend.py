"""Archetype recommendation from a business profile (`orgdesign recommend`).

This module owns the seed brief's "dynamic considerations" (document 000,
section II) turned into a decision: the business profile (categories,
regions, customer segments, digital maturity, third-party reliance, unit
similarity, budget) gives the recommended archetype with the reasons, the
strengths and risks to manage, structural additions (digital marketing centre,
supplier management group, career ladder) and the mechanisms of section III.
Given an organisation, `compare` says what its structure would need to change.

The decision, sentence by sentence from the brief:

- a single business (one category, one market) with a small or unknown budget
  is lean; with a medium or large budget functional ("single category ->
  functional");
- some scale (several categories, a regional expansion) is functional;
- many categories, regions and customer groups (all three several, or any one
  at `MANY` or more) is matrix when the units are similar, divisional when they
  differ a lot; very different units are divisional at any scale above one;
- matrix and divisional are designs for large groups: with a small budget the
  recommendation stays functional.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from orgdesign.archetypes import (
    ARCHETYPE_INFO,
    ArchetypeInference,
    analyse,
    archetype_gaps,
    infer_from,
    unit_lines,
)
from orgdesign.graph import OrgGraph
from orgdesign.model import Org, Profile

SEVERAL = 2
"""Categories, regions or segments from which a dimension counts as several."""
MANY = 4
"""Categories, regions or segments from which one dimension alone makes the business complex."""

DIGITAL_AREA = "digital"
"""Catalogue area whose owner is the digital marketing centre."""
SUPPLIER_RESPONSIBILITY = "collaboration.supplier-management"
"""Catalogue responsibility whose owner is the supplier management group."""


@dataclass(frozen=True)
class Risk:
    risk: str
    manage: str


@dataclass(frozen=True)
class Addition:
    """A structural addition the brief's dynamic considerations call for."""

    id: str
    name: str
    name_zh: str
    why: str


@dataclass(frozen=True)
class Recommendation:
    archetype: str
    profile: Profile
    reasons: list[str]
    assumptions: list[str]
    strengths: list[str]
    risks: list[Risk]
    additions: list[Addition]
    mechanisms: list[str]


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


MECHANISMS: tuple[str, ...] = (
    "Project-based collaboration: for big projects (launches, annual promotions) a cross-group "
    "team with a project lead, members seconded from the groups, milestones, KPIs and a "
    "project bonus.",
    "Data transparency: a marketing data platform with core data (channel ROI, customer "
    "behaviour paths) open to everyone.",
    "Agile culture: MVP tests before roll-outs (a small regional launch first; three video "
    "styles, then scale the best).",
    "External ecosystem: partnerships with associations, media, KOL/KOC and cross-industry brands.",
)

TRANSITIONS: Mapping[str, str] = MappingProxyType(
    {
        "lean": "Fold the groups into one marketing (or marketing & sales) team under one head "
        "who stays accountable for the plan and the budget.",
        "functional": "Split marketing into discipline groups (market research, brand "
        "promotion, digital marketing, customer operations, campaign planning), each with a "
        "lead reporting to the marketing director; run cross-group work as projects.",
        "matrix": "Give each business line (product line, region, customer group) its own "
        "marketing positions reporting to the line head, with a dotted line to the group "
        "functions (brand, digital); write priority rules deciding each decision domain; keep "
        "a group-level A for brand consistency.",
        "divisional": "Give each division (type division, business-unit, product-line or "
        "region) a complete marketing team that is R or A for research, planning, promotion "
        "and operation in its scope; keep only strategy, resource coordination and brand "
        "consistency at group level.",
    }
)


# --- the decision ------------------------------------------------------------------------


def _dimensions(profile: Profile) -> tuple[dict[str, int], list[str]]:
    """Categories, regions and segments (1 when not given), and the assumptions made."""
    given = {
        "categories": profile.categories,
        "regions": profile.regions,
        "customer segments": profile.customer_segments,
    }
    dims = {name: max(value, 1) if value is not None else 1 for name, value in given.items()}
    assumed = [
        f"Number of {name} not given: assumed 1." for name, value in given.items() if value is None
    ]
    return dims, assumed


_SINGULAR = MappingProxyType(
    {"categories": "category", "regions": "region", "customer segments": "customer segment"}
)


def _describe(dims: Mapping[str, int]) -> str:
    return ", ".join(
        f"{count} {name if count != 1 else _SINGULAR[name]}" for name, count in dims.items()
    )


def choose(profile: Profile) -> tuple[str, list[str], list[str]]:
    """The recommended archetype, the reasons (from the brief) and the assumptions made."""
    dims, assumptions = _dimensions(profile)
    several = [name for name, count in dims.items() if count >= SEVERAL]
    many = [name for name, count in dims.items() if count >= MANY]
    budget = profile.budget
    different = profile.unit_similarity == "different"
    shape = _describe(dims)
    if not several:
        if budget in ("medium", "large"):
            return (
                "functional",
                [
                    f'A single business ({shape}); the brief: "single category -> functional".',
                    f"A {budget} budget pays for discipline groups that build expertise, which "
                    "a lean team lacks.",
                ],
                assumptions,
            )
        if budget is None:
            assumptions.append(
                "Budget not given: read as small, the survival stage; with a medium or large "
                "budget the recommendation is functional."
            )
        return (
            "lean",
            [
                f"A single business ({shape}): the brief's lean design fits a single business "
                "(one category, local service), a small budget, survival and model validation.",
                "Short decision chain, fast response and low cost matter most at this stage.",
            ],
            assumptions,
        )
    complex_ = len(several) == len(dims) or bool(many)
    why_complex = (
        f"Many categories, regions and customer groups ({shape}): the brief's matrix and "
        'divisional designs fit "many categories / regions".'
    )
    if budget == "small" and (complex_ or different):
        return (
            "functional",
            [
                why_complex if complex_ else f"Business units that differ a lot ({shape}).",
                "Matrix and divisional are the brief's designs for large groups; a small budget "
                "cannot carry their duplicated or shared teams, so start functional, run each "
                "business line's big campaigns as cross-group projects, and revisit as the "
                "budget grows.",
            ],
            assumptions,
        )
    if different:
        return (
            "divisional",
            [
                why_complex if complex_ else f"Several business units ({shape}).",
                "The business units differ a lot: the brief's divisional design fits very "
                "different units (consumer electronics vs industrial software) that need "
                "independent, fast decisions.",
            ],
            assumptions,
        )
    if complex_:
        if profile.unit_similarity is None:
            assumptions.append(
                "Unit similarity not given: assumed similar; if the business units differ a "
                "lot, the recommendation is divisional."
            )
        return (
            "matrix",
            [
                why_complex,
                "The business units are similar, so they can share brand and digital assets: "
                "the matrix reuses shared assets while each business line responds fast.",
            ],
            assumptions,
        )
    return (
        "functional",
        [
            f"A business with some scale ({shape}): the brief's functional design fits several "
            "categories and a regional expansion.",
            "Not yet many categories, regions and customer groups at once, so one marketing "
            "director can still coordinate the disciplines.",
        ],
        assumptions,
    )


def additions(profile: Profile) -> list[Addition]:
    """Structural additions from the brief's dynamic considerations."""
    out: list[Addition] = []
    if profile.digital_maturity == "high":
        out.append(
            Addition(
                "digital-marketing-centre",
                "Digital marketing centre",
                "数字营销中心",
                "High digital maturity: a centre that owns CRM/CDP, marketing automation, the "
                "full-funnel dashboard and new formats (AIGC, livestreams) for everyone.",
            )
        )
    if profile.third_party_reliance == "high":
        out.append(
            Addition(
                "supplier-management-group",
                "Supplier management group",
                "供应商管理组",
                "Heavy reliance on third parties: a group accountable for selecting, briefing "
                f"and evaluating agencies and partners ({SUPPLIER_RESPONSIBILITY}).",
            )
        )
    out.append(
        Addition(
            "career-ladder",
            "Career ladder and rotation",
            "上升通道与轮岗",
            "Leave a career ladder (junior marketing manager -> marketing director -> marketing "
            "VP) and rotate people between groups to grow versatile talent.",
        )
    )
    return out


def recommend(profile: Profile) -> Recommendation:
    """The archetype a business profile calls for, with reasons, strengths, risks and additions."""
    archetype, reasons, assumptions = choose(profile)
    info = ARCHETYPE_INFO[archetype]
    return Recommendation(
        archetype=archetype,
        profile=profile,
        reasons=reasons,
        assumptions=assumptions,
        strengths=list(info.strengths),
        risks=[Risk(risk, manage) for risk, manage in info.risks],
        additions=additions(profile),
        mechanisms=list(MECHANISMS),
    )


def merge_profile(base: Profile | None, overrides: Mapping[str, Any]) -> Profile:
    """The file's profile with the given fields replaced (None values are left out)."""
    data = base.model_dump(exclude_none=True) if base is not None else {}
    data.update({key: value for key, value in overrides.items() if value is not None})
    return Profile.model_validate(data)


# --- against a structure ---------------------------------------------------------------


def _owners(org: Org, graph: OrgGraph, responsibility_ids: set[str]) -> list[str]:
    """Units outside the business lines whose positions are A for one of the responsibilities."""
    unit_line = unit_lines(graph)
    found: list[str] = []
    for entry in org.raci:
        if entry.responsibility not in responsibility_ids:
            continue
        for pid in entry.A:
            unit = graph.unit_of(pid)
            if unit is not None and unit not in unit_line and unit not in found:
                found.append(unit)
    return found


def _dedicated_units(org: Org, graph: OrgGraph, area: str) -> list[str]:
    """Units outside the business lines whose main area (most A entries) is `area`."""
    unit_line = unit_lines(graph)
    counts: dict[str, Counter[str]] = {}
    for entry in org.raci:
        if entry.responsibility not in org.responsibility_by_id:
            continue
        for pid in entry.A:
            unit = graph.unit_of(pid)
            if unit is not None and unit not in unit_line:
                counts.setdefault(unit, Counter())[org.area_of(entry.responsibility)] += 1
    return [
        unit
        for unit, by_area in counts.items()
        if by_area[area] and by_area[area] == max(by_area.values())
    ]


def _addition_changes(org: Org, graph: OrgGraph, rec: Recommendation) -> list[Change]:
    wanted = {a.id for a in rec.additions}
    changes: list[Change] = []
    if "digital-marketing-centre" in wanted and not _dedicated_units(org, graph, DIGITAL_AREA):
        changes.append(
            Change(
                "Add a digital marketing centre (数字营销中心): a unit above the business lines "
                f"whose main accountability is the `{DIGITAL_AREA}` area (CRM/CDP, marketing "
                "automation, the funnel dashboard, new formats) for the whole organisation."
            )
        )
    if "supplier-management-group" in wanted and not _owners(org, graph, {SUPPLIER_RESPONSIBILITY}):
        changes.append(
            Change(
                "Add a supplier management group (供应商管理组): nobody above the business lines "
                f"is A for `{SUPPLIER_RESPONSIBILITY}`; give it a unit whose head is."
            )
        )
    return changes


def compare(org: Org, graph: OrgGraph, rec: Recommendation) -> Comparison:
    """What the organisation's structure would need to change to follow the recommendation."""
    current = infer_from(analyse(org, graph))
    declared = org.archetype
    changes: list[Change] = []
    if declared and declared != rec.archetype:
        changes.append(
            Change(
                f"The file declares `archetype: {declared}`; the profile calls for "
                f"{rec.archetype}: change the structure as below, then the declaration.",
                *_place(org),
            )
        )
    if (declared or current.archetype) != rec.archetype:
        changes.append(Change(TRANSITIONS[rec.archetype]))
    for gap in archetype_gaps(org, graph, rec.archetype):
        ident = getattr(gap.element, "id", None) if gap.element is not None else None
        changes.append(Change(gap.message, gap.at.file, gap.at.line, ident))
    changes += _addition_changes(org, graph, rec)
    return Comparison(declared, current, changes)


def _place(org: Org) -> tuple[str | None, int | None, str | None]:
    if org.organization is None:
        return None, None, None
    at = org.organization.loc("archetype")
    return at.file, at.line, org.organization.id


# --- output ------------------------------------------------------------------------------


def as_dict(rec: Recommendation, comparison: Comparison | None = None) -> dict[str, Any]:
    """The recommendation (and the comparison) as JSON-ready data."""
    info = ARCHETYPE_INFO[rec.archetype]
    data: dict[str, Any] = {
        "archetype": rec.archetype,
        "name": info.name,
        "name_zh": info.name_zh,
        "shape": info.shape,
        "profile": rec.profile.model_dump(exclude_none=True),
        "reasons": rec.reasons,
        "assumptions": rec.assumptions,
        "strengths": rec.strengths,
        "risks": [{"risk": r.risk, "manage": r.manage} for r in rec.risks],
        "additions": [
            {"id": a.id, "name": a.name, "name_zh": a.name_zh, "why": a.why} for a in rec.additions
        ],
        "mechanisms": rec.mechanisms,
        "current": None,
    }
    if comparison is not None:
        data["current"] = {
            "declared": comparison.declared,
            "inferred": comparison.current.archetype,
            "scores": comparison.current.scores,
            "reasons": comparison.current.reasons,
            "changes": [
                {"message": c.message, "file": c.file, "line": c.line, "element": c.element}
                for c in comparison.changes
            ],
        }
    return data


def _bullets(items: list[str]) -> list[str]:
    return [f"  - {item}" for item in items]


def as_text(rec: Recommendation, comparison: Comparison | None = None) -> str:
    """The recommendation (and the comparison) as plain text for the terminal."""
    info = ARCHETYPE_INFO[rec.archetype]
    profile = ", ".join(f"{k}: {v}" for k, v in rec.profile.model_dump(exclude_none=True).items())
    lines = [
        f"Recommended archetype: {rec.archetype} ({info.name_zh})",
        f"  {info.shape}.",
        "",
        f"Profile: {profile or '(empty)'}",
        "",
        "Why:",
        *_bullets(rec.reasons),
    ]
    if rec.assumptions:
        lines += ["", "Assumptions:", *_bullets(rec.assumptions)]
    lines += ["", "Strengths:", *_bullets(rec.strengths)]
    lines += ["", "Risks to manage:", *_bullets([f"{r.risk}: {r.manage}" for r in rec.risks])]
    lines += [
        "",
        "Structural additions:",
        *_bullets([f"{a.name} ({a.name_zh}): {a.why}" for a in rec.additions]),
    ]
    lines += ["", "Mechanisms that make any structure work:", *_bullets(rec.mechanisms)]
    if comparison is not None:
        scores = ", ".join(f"{k} {v:.2f}" for k, v in comparison.current.scores.items())
        lines += [
            "",
            "Current structure:",
            f"  declared: {comparison.declared or '(none)'}; inferred: "
            f"{comparison.current.archetype} (scores: {scores})",
            "",
            "What would need to change:",
        ]
        if comparison.changes:
            lines += _bullets([_change_text(c) for c in comparison.changes])
        else:
            lines.append(
                f"  nothing: the structure already has the shape of a {rec.archetype} organisation"
            )
    return "\n".join(lines) + "\n"


def _change_text(change: Change) -> str:
    where = f"{change.file}:{change.line}: " if change.file and change.line else ""
    return where + change.message
