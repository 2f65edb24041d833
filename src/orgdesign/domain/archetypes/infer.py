"""The inference of the archetype that fits a structure best, with scores and reasons.

This module owns the evidence (`Signal`) each archetype is scored on, its
weights, and the reasons the inference gives in English and Chinese (wording in
`archetypes.inference.*` of the catalogue; `infer_from`, `infer_archetype`,
`effective_archetype`).
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
    names,
)
from orgdesign.domain.archetypes.structure import Structure, analyse
from orgdesign.i18n import Text, text
from orgdesign.model import ARCHETYPES, Org


@dataclass(frozen=True)
class Signal:
    """One piece of evidence for an archetype: its weight, how far it holds, and why."""

    weight: float
    degree: float
    """0 (absent) to 1 (fully present)."""
    held: Text
    """Sentence saying what was found (English and Chinese)."""
    missed: Text
    """Sentence saying what is missing."""


Ids = tuple[str, ...]
"""A list of ids inside a reason: joined (and cut after four) in each language."""


def say(ident: str, **fields: object) -> Text:
    """The reason `archetypes.inference.<ident>` in both languages; `count` also fills the
    English plural ending `{s}`, and a tuple of ids is joined as each language joins lists."""
    message = text(f"archetypes.inference.{ident}")
    if "count" in fields:
        fields["s"] = "" if fields["count"] == 1 else "s"

    def filled(lang: str) -> dict[str, object]:
        return {k: _in(v, lang) for k, v in fields.items()}

    return Text(message("en", **filled("en")), message("zh", **filled("zh")))


def _in(value: object, lang: str) -> object:
    if isinstance(value, tuple):
        return names(value, lang)
    return value.get(lang) if isinstance(value, Text) else value


def _signal(weight: float, degree: float, ident: str, **fields: object) -> Signal:
    """A signal whose held and missed sentences are `<ident>.held` and `<ident>.missed`."""
    return Signal(weight, degree, say(f"{ident}.held", **fields), say(f"{ident}.missed", **fields))


def _share(weight: float, part: int, whole: int, ident: str, key: str) -> Signal:
    """A signal as strong as the share `part` of `whole` (0 when there is none), its sentence
    given both: "2 of 3 business lines have dual reporting"."""
    return _signal(weight, part / whole if whole else 0.0, ident, count=whole, **{key: part})


def _lean_signals(s: Structure) -> list[Signal]:
    seats, layers, groups = s.marketing_seats, s.marketing_layers, len(s.groups)
    return [
        _signal(0.3, float(seats <= LEAN_MAX_SEATS), "lean.seats", count=seats, max=LEAN_MAX_SEATS),
        _signal(
            0.1, float(layers <= LEAN_MAX_LAYERS), "lean.layers", layers=layers, max=LEAN_MAX_LAYERS
        ),
        _signal(
            0.2, float(groups < FUNCTIONAL_MIN_GROUPS), "lean.groups", count=groups, head=s.head
        ),
        _signal(0.4, float(not s.lines_with_marketing and not s.dual), "lean.lines"),
    ]


def _functional_signals(s: Structure) -> list[Signal]:
    groups = len(s.groups)
    return [
        _signal(
            0.3,
            float(groups >= FUNCTIONAL_MIN_GROUPS),
            "functional.groups",
            count=groups,
            names=tuple(s.groups),
            head=s.head,
            min=FUNCTIONAL_MIN_GROUPS,
        ),
        _signal(0.2, float(groups >= FUNCTIONAL_MIN_GROUPS + 1), "functional.three"),
        _signal(
            0.2,
            float(not s.lines_with_marketing),
            "functional.lines",
            names=tuple(s.lines_with_marketing),
        ),
        _signal(0.2, float(not s.dual), "functional.dual", count=len(s.dual), names=tuple(s.dual)),
        _signal(0.1, float(s.marketing_seats > LEAN_MAX_SEATS), "functional.size"),
    ]


def _matrix_signals(s: Structure) -> list[Signal]:
    lines_dual = {s.line_of[p] for p in s.dual_in_lines}
    governed_set = set(s.governed)
    governed = [p for p in s.dual_in_lines if p in governed_set]
    dual, lines, marketing = len(s.dual_in_lines), len(s.lines), s.lines_with_marketing
    return [
        _signal(0.4, float(bool(dual)), "matrix.dual", count=dual, names=tuple(s.dual_in_lines)),
        _share(0.2, len(lines_dual), lines, "matrix.lines", "dual"),
        _signal(
            0.2,
            float(len(marketing) >= 2),
            "matrix.marketing",
            count=len(marketing),
            names=tuple(marketing),
        ),
        _share(0.2, len(governed), dual, "matrix.governed", "governed"),
    ]


def _divisional_signals(s: Structure) -> list[Signal]:
    full, lines = s.full_chain_lines(), len(s.lines)
    return [
        _signal(0.2, float(lines >= 2), "divisional.lines", count=lines, names=tuple(s.lines)),
        _share(0.5, len(full), lines, "divisional.chain", "full"),
        _signal(0.2, float(bool(s.lines) and not s.dual_in_lines), "divisional.alone"),
        _signal(0.1, float(len(s.lines_with_marketing) >= 2), "divisional.inside"),
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


def explain(signals: Iterable[Signal]) -> list[Text]:
    """What supports an archetype, then what it lacks."""
    items = list(signals)
    held = [sig.held for sig in items if sig.degree > 0]
    missed = [say("however", missed=sig.missed) for sig in items if sig.degree < 1]
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
            NO_FUNCTION, dict.fromkeys(ARCHETYPES, 0.0), (say("no_function"),)
        )
    signals = {name: SIGNALS[name](structure) for name in ARCHETYPES}
    scores = {name: score(signals[name]) for name in ARCHETYPES}
    best = max(ARCHETYPES, key=lambda name: scores[name])
    info = ARCHETYPE_INFO[best]
    fits = Text(
        *(
            text("archetypes.inference.fits")(
                lang, word=info.word.get(lang), name_zh=info.name_zh, shape=shape
            )
            for lang, shape in (("en", info.shape), ("zh", info.shape_text.zh.rstrip("。")))
        )
    )
    reasons = [fits, *explain(signals[best])]
    if structure.scope.source in ("marked", "named"):
        label, roots = structure.scope.label, tuple(structure.scope.roots)
        reasons.append(say("judged", label=label, roots=roots))
    return ArchetypeInference(best, scores, tuple(reasons))


def infer_archetype(org: Org, graph: OrgGraph) -> ArchetypeInference:
    """Name the archetype that fits the structure best, with scores and reasons."""
    return infer_from(analyse(org, graph))


def effective_archetype(org: Org, graph: OrgGraph) -> str:
    """The declared archetype, or the inferred one when none is declared."""
    return org.archetype or infer_archetype(org, graph).archetype
