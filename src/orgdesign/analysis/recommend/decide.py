"""The decision of `recommend`: which archetype a business profile calls for, and why.

This module owns the seed brief's "dynamic considerations" turned into a
decision over data. The profile gives a few facts (`Facts`: how many
categories, regions and segments, whether the units differ, the budget); the
first decision case (`CASES`) whose condition holds names the archetype, and
its reasons are the case's sentences in the catalogue
(`recommend.case.<id>`), after a lead sentence when the case has one:

- a single business (one category, one market) with a small or unknown budget
  is lean; with a medium or large budget functional ("single category ->
  functional");
- some scale (several categories, a regional expansion) is functional;
- many categories, regions and customer groups (all three several, or any one
  at `MANY` or more) is matrix when the units are similar, divisional when they
  differ a lot; very different units are divisional at any scale above one;
- matrix and divisional are designs for large groups: with a small budget the
  recommendation stays functional.

A team too small for the design caps it (`scale_to_team`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from orgdesign.analysis.profiling import MID_TEAM, SMALL_TEAM
from orgdesign.analysis.recommend.model import MANY, SEVERAL, message
from orgdesign.domain.archetypes import ARCHETYPE_INFO
from orgdesign.i18n import join, texts
from orgdesign.model import Profile

DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("categories", "categories"),
    ("regions", "regions"),
    ("segments", "customer_segments"),
)
"""(catalogue key, profile field) of the dimensions of a business."""


@dataclass(frozen=True)
class Facts:
    """What the decision reads from a profile, and the shape sentence (`3 categories, ...`)."""

    shape: str
    several: bool
    complex: bool
    different: bool
    budget: str | None
    similarity: str | None


@dataclass(frozen=True)
class Case:
    """One decision case: its archetype, when it applies, its lead sentence and assumption."""

    id: str
    """The case's reasons are `recommend.case.<id>`."""
    archetype: str
    applies: Callable[[Facts], bool]
    lead: Callable[[Facts], str | None] = lambda facts: None
    """`recommend.lead.<id>` said before the reasons, when the facts call for one."""
    assumes: Callable[[Facts], str | None] = lambda facts: None
    """`recommend.assume.<id>` added to the assumptions, when a fact was not given."""


def _complex_or(other: str) -> Callable[[Facts], str | None]:
    return lambda facts: "complex" if facts.complex else other


CASES: tuple[Case, ...] = (
    Case(
        "single-funded", "functional", lambda f: not f.several and f.budget in ("medium", "large")
    ),
    Case(
        "single-lean",
        "lean",
        lambda f: not f.several,
        assumes=lambda f: "budget" if f.budget is None else None,
    ),
    Case(
        "small-budget",
        "functional",
        lambda f: f.budget == "small" and (f.complex or f.different),
        lead=_complex_or("different"),
    ),
    Case("divisional", "divisional", lambda f: f.different, lead=_complex_or("several")),
    Case(
        "matrix",
        "matrix",
        lambda f: f.complex,
        lead=lambda f: "complex",
        assumes=lambda f: "similarity" if f.similarity is None else None,
    ),
    Case("some-scale", "functional", lambda f: True),
)
"""The decision, first case that applies wins; the last always applies."""


def _counts(profile: Profile) -> dict[str, int | None]:
    return {key: getattr(profile, name) for key, name in DIMENSIONS}


def _describe(dims: Mapping[str, int], lang: str) -> str:
    """`2 categories, 1 region, 1 customer segment` or `2 个品类、1 个区域、1 个客户群体`."""
    parts = [
        message(f"count.{key}.{'one' if count == 1 else 'many'}")(lang, n=count)
        for key, count in dims.items()
    ]
    return join(parts, lang)


def facts(profile: Profile, lang: str = "en") -> tuple[Facts, list[str]]:
    """The facts of a profile (a dimension not given counts 1) and the assumptions made."""
    given = _counts(profile)
    dims = {key: max(value, 1) if value is not None else 1 for key, value in given.items()}
    assumed = [
        message("assume.count")(lang, name=message(f"dimension.{key}")(lang))
        for key, value in given.items()
        if value is None
    ]
    several = [key for key, count in dims.items() if count >= SEVERAL]
    found = Facts(
        shape=_describe(dims, lang),
        several=bool(several),
        complex=len(several) == len(dims) or any(count >= MANY for count in dims.values()),
        different=profile.unit_similarity == "different",
        budget=profile.budget,
        similarity=profile.unit_similarity,
    )
    return found, assumed


def case_for(found: Facts) -> Case:
    """The first decision case whose condition holds."""
    return next(case for case in CASES if case.applies(found))


def reasons(case: Case, found: Facts, lang: str) -> list[str]:
    """The case's lead sentence (if any) and reasons, filled in with the facts."""
    budget = message(f"budget.{found.budget}")(lang) if found.budget else ""
    lead = case.lead(found)
    said = [message(f"lead.{lead}")] if lead else []
    said += texts(f"recommend.case.{case.id}")
    return [t(lang, shape=found.shape, budget=budget) for t in said]


def choose(profile: Profile, lang: str = "en") -> tuple[str, list[str], list[str]]:
    """The recommended archetype, the reasons (from the brief) and the assumptions made."""
    found, assumptions = facts(profile, lang)
    case = case_for(found)
    assumed = case.assumes(found)
    if assumed:
        assumptions.append(message(f"assume.{assumed}")(lang))
    return case.archetype, reasons(case, found, lang), assumptions


ORDER: tuple[str, ...] = ("lean", "functional", "matrix", "divisional")
"""The archetypes from the fewest people they need to the most."""

CAPS: tuple[tuple[int, str], ...] = ((SMALL_TEAM, "lean"), (MID_TEAM - 1, "functional"))
"""Team size at or below which the archetype is capped, and the cap."""


def scale_to_team(archetype: str, team_size: int | None, lang: str) -> tuple[str, list[str]]:
    """The archetype a team of `team_size` marketing seats can staff, and why if capped."""
    if team_size is None:
        return archetype, []
    for limit, cap in CAPS:
        if team_size <= limit and ORDER.index(archetype) > ORDER.index(cap):
            why = message("scaled")(
                lang,
                n=team_size,
                wanted=ARCHETYPE_INFO[archetype].word.get(lang),
                cap=ARCHETYPE_INFO[cap].word.get(lang),
            )
            return cap, [why]
    return archetype, []


def check_cases() -> Mapping[str, int]:
    """Every case's reasons and lead sentences are in the catalogue (KeyError if not):
    run at import, so a missing sentence fails the first test, not a user's command."""
    sizes = {case.id: len(texts(f"recommend.case.{case.id}")) for case in CASES}
    for lead in ("complex", "different", "several"):
        message(f"lead.{lead}")
    return MappingProxyType(sizes)


check_cases()
