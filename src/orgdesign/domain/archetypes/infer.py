"""The inference of the archetype that fits a structure best, with scores and reasons.

This module owns the evidence (`Signal`) each archetype is scored on, its
weights, and the English reasons the inference gives (`infer_from`,
`infer_archetype`, `effective_archetype`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes.info import (
    ARCHETYPE_INFO,
    FUNCTIONAL_MIN_GROUPS,
    LEAN_MAX_LAYERS,
    LEAN_MAX_SEATS,
    ArchetypeInference,
    _names,
    _plural,
)
from orgdesign.domain.archetypes.structure import Structure, analyse
from orgdesign.model import ARCHETYPES, Org


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for an archetype: its weight, how far it holds, and why."""

    weight: float
    degree: float
    """0 (absent) to 1 (fully present)."""
    held: str
    """Sentence saying what was found."""
    missed: str
    """Sentence saying what is missing."""


def _lean_signals(s: Structure) -> list[Signal]:
    seats = _plural(s.marketing_seats, "marketing seat")
    return [
        Signal(
            0.3,
            float(s.marketing_seats <= LEAN_MAX_SEATS),
            f"{seats}: a small team where people wear several hats.",
            f"{seats}: more than the {LEAN_MAX_SEATS} of a lean team.",
        ),
        Signal(
            0.1,
            float(s.marketing_layers <= LEAN_MAX_LAYERS),
            f"Marketing sits at most {s.marketing_layers} layers deep: a short decision chain.",
            f"Marketing sits {s.marketing_layers} layers deep, more than a lean {LEAN_MAX_LAYERS}.",
        ),
        Signal(
            0.2,
            float(len(s.groups) < FUNCTIONAL_MIN_GROUPS),
            "No discipline groups side by side under one head.",
            f"{_plural(len(s.groups), 'discipline group')} under {s.head!r}.",
        ),
        Signal(
            0.4,
            float(not s.lines_with_marketing and not s.dual),
            "No business lines with their own marketing and no dual reporting.",
            "There are business lines with their own marketing or dual reporting.",
        ),
    ]


def _functional_signals(s: Structure) -> list[Signal]:
    groups = f"{_plural(len(s.groups), 'discipline group')} ({_names(s.groups)}) under {s.head!r}"
    return [
        Signal(
            0.3,
            float(len(s.groups) >= FUNCTIONAL_MIN_GROUPS),
            f"{groups}: marketing is split by discipline under one head.",
            f"Fewer than {FUNCTIONAL_MIN_GROUPS} discipline groups under one marketing head.",
        ),
        Signal(
            0.2,
            float(len(s.groups) >= FUNCTIONAL_MIN_GROUPS + 1),
            "Three or more disciplines have a group of their own.",
            "Fewer than three disciplines have a group of their own.",
        ),
        Signal(
            0.2,
            float(not s.lines_with_marketing),
            "No business line runs marketing of its own.",
            f"Business lines run marketing of their own ({_names(s.lines_with_marketing)}).",
        ),
        Signal(
            0.2,
            float(not s.dual),
            "No dual reporting: every position has one manager.",
            f"{_plural(len(s.dual), 'position')} report on a dotted line too ({_names(s.dual)}).",
        ),
        Signal(
            0.1,
            float(s.marketing_seats > LEAN_MAX_SEATS),
            "The team is larger than a lean one.",
            "The team is small enough to be lean.",
        ),
    ]


def _matrix_signals(s: Structure) -> list[Signal]:
    lines_dual = {s.line_of[p] for p in s.dual_in_lines}
    governed_set = set(s.governed)
    governed = [p for p in s.dual_in_lines if p in governed_set]
    return [
        Signal(
            0.4,
            float(bool(s.dual_in_lines)),
            f"{_plural(len(s.dual_in_lines), 'position')} in business lines report to the line "
            f"and, on a dotted line, to a shared function ({_names(s.dual_in_lines)}).",
            "No position in a business line has a dotted line to a shared function.",
        ),
        Signal(
            0.2,
            len(lines_dual) / len(s.lines) if s.lines else 0.0,
            f"{len(lines_dual)} of {_plural(len(s.lines), 'business line')} have dual reporting.",
            "Not every business line has dual reporting.",
        ),
        Signal(
            0.2,
            float(len(s.lines_with_marketing) >= 2),
            f"{len(s.lines_with_marketing)} business lines carry marketing "
            f"({_names(s.lines_with_marketing)}): the vertical axis.",
            "Fewer than two business lines carry marketing.",
        ),
        Signal(
            0.2,
            len(governed) / len(s.dual_in_lines) if s.dual_in_lines else 0.0,
            f"{len(governed)} of {len(s.dual_in_lines)} dual-reporting positions are governed "
            "by priority rules.",
            "Not every dual-reporting position is governed by a priority rule.",
        ),
    ]


def _divisional_signals(s: Structure) -> list[Signal]:
    full = s.full_chain_lines()
    return [
        Signal(
            0.2,
            float(len(s.lines) >= 2),
            f"{_plural(len(s.lines), 'business line')} ({_names(s.lines)}).",
            "Fewer than two business lines (units of type division, business-unit, "
            "product-line or region).",
        ),
        Signal(
            0.5,
            len(full) / len(s.lines) if s.lines else 0.0,
            f"{len(full)} of {len(s.lines)} business lines cover the whole chain research -> "
            "planning -> promotion -> operation themselves.",
            "Not every business line covers the whole chain research -> planning -> "
            "promotion -> operation.",
        ),
        Signal(
            0.2,
            float(bool(s.lines) and not s.dual_in_lines),
            "No dotted lines out of the business lines: they decide on their own.",
            "Business-line positions also report to a shared function.",
        ),
        Signal(
            0.1,
            float(len(s.lines_with_marketing) >= 2),
            "Marketing sits inside the business lines.",
            "Fewer than two business lines have marketing positions.",
        ),
    ]


SIGNALS = MappingProxyType(
    {
        "lean": _lean_signals,
        "functional": _functional_signals,
        "matrix": _matrix_signals,
        "divisional": _divisional_signals,
    }
)


def score(signals: Iterable[Signal]) -> float:
    return round(sum(sig.weight * max(0.0, min(sig.degree, 1.0)) for sig in signals), 2)


def explain(signals: Iterable[Signal]) -> list[str]:
    """What supports an archetype, then what it lacks."""
    items = list(signals)
    held = [sig.held for sig in items if sig.degree > 0]
    missed = [f"However: {sig.missed}" for sig in items if sig.degree < 1]
    return held + missed


NO_FUNCTION = "none"
"""The inferred archetype of an organisation without a marketing function."""


def infer_from(structure: Structure) -> ArchetypeInference:
    """The best-fitting archetype for analysed features (ties go to the earlier archetype).

    Without a marketing function there is nothing the archetypes describe: the
    inference is `none`, with the reason and how to mark the function.
    """
    if not structure.scope.found:
        return ArchetypeInference(
            NO_FUNCTION,
            dict.fromkeys(ARCHETYPES, 0.0),
            [
                "No marketing function found (no unit with `function: marketing`, no "
                "marketing responsibilities, no unit named for marketing): the archetypes "
                "describe a marketing function, so none is inferred; mark the marketing unit "
                "with `function: marketing` to have it judged."
            ],
        )
    signals = {name: SIGNALS[name](structure) for name in ARCHETYPES}
    scores = {name: score(signals[name]) for name in ARCHETYPES}
    best = max(ARCHETYPES, key=lambda name: scores[name])
    info = ARCHETYPE_INFO[best]
    reasons = [f"Fits {info.name.lower()} ({info.name_zh}): {info.shape}.", *explain(signals[best])]
    if structure.scope.source in ("marked", "named"):
        reasons.append(f"Judged on the marketing function only: {structure.scope.label}.")
    return ArchetypeInference(best, scores, reasons)


def infer_archetype(org: Org, graph: OrgGraph) -> ArchetypeInference:
    """Name the archetype that fits the structure best, with scores and reasons."""
    return infer_from(analyse(org, graph))


def effective_archetype(org: Org, graph: OrgGraph) -> str:
    """The declared archetype, or the inferred one when none is declared."""
    return org.archetype or infer_archetype(org, graph).archetype
