"""What each of the four archetypes is, as data: `ARCHETYPE_INFO`, thresholds, shared types.

This module owns the archetype descriptions of the seed brief (shape,
strengths, risks and how to manage them, in English and Chinese), read from
the message catalogue (`orgdesign/i18n/messages/archetypes.yaml`) and checked
when loaded: every archetype of `orgdesign.model.ARCHETYPES` has a name, a
shape, strengths and risks with their management. It also owns the
thresholds the inference and the checks share, the result types
(`ArchetypeInference`, `Gap`) and the wording helpers for lists of ids.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from orgdesign.findings import Location
from orgdesign.i18n import CatalogueError, Text, entry, join, text
from orgdesign.model import ARCHETYPES, Element

LINE_TYPES: tuple[str, ...] = ("division", "business-unit", "product-line", "region")
"""Unit types that make a unit a business line (vertical axis, division)."""

LEAN_MAX_SEATS = 12
"""Most marketing seats of a lean team (a head and a few specialists)."""
LEAN_MAX_LAYERS = 3
"""Most layers down to the deepest marketing position in a lean organisation."""
FUNCTIONAL_MIN_GROUPS = 2
"""Fewest discipline groups under one marketing head that make a functional design."""
CONTRADICTION_SCORE = 0.5
"""Below this score the declared archetype is said to contradict the structure."""


@dataclass(frozen=True)
class ArchetypeInfo:
    """One archetype as the seed brief describes it, in English and Chinese."""

    id: str
    title: Text
    """The archetype's name as a title: Lean / 精简型."""
    word: Text
    """The archetype inside a sentence: lean / 精简型."""
    shape_text: Text
    strength_texts: tuple[Text, ...]
    risk_texts: tuple[tuple[Text, Text], ...]
    """(risk, how to manage it)."""

    @property
    def name(self) -> str:
        return self.title.en

    @property
    def name_zh(self) -> str:
        return self.title.zh

    @property
    def shape(self) -> str:
        return self.shape_text.en

    @property
    def strengths(self) -> tuple[str, ...]:
        return self.texts("en")[1]

    @property
    def risks(self) -> tuple[tuple[str, str], ...]:
        return self.texts("en")[2]

    def texts(self, lang: str = "en") -> tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]:
        """Shape, strengths and risks in a language (`en` or `zh`)."""
        return (
            self.shape_text.get(lang),
            tuple(t.get(lang) for t in self.strength_texts),
            tuple((risk.get(lang), manage.get(lang)) for risk, manage in self.risk_texts),
        )


def _risk(item: object, where: str) -> tuple[Text, Text]:
    if not isinstance(item, Mapping) or set(item) != {"risk", "manage"}:
        raise CatalogueError(f"{where}: a risk is `risk` and `manage`")
    risk, manage = item["risk"], item["manage"]
    if not isinstance(risk, Text) or not isinstance(manage, Text):
        raise CatalogueError(f"{where}: `risk` and `manage` are messages")
    return risk, manage


def _info(archetype: str) -> ArchetypeInfo:
    where = f"archetypes.{archetype}"
    strengths, risks = entry(f"{where}.strengths"), entry(f"{where}.risks")
    if not isinstance(strengths, tuple) or not all(isinstance(t, Text) for t in strengths):
        raise CatalogueError(f"{where}.strengths: a list of messages")
    if not isinstance(risks, tuple) or not risks:
        raise CatalogueError(f"{where}.risks: a list of risks")
    return ArchetypeInfo(
        id=archetype,
        title=text(f"{where}.name"),
        word=text(f"{where}.word"),
        shape_text=text(f"{where}.shape"),
        strength_texts=tuple(t for t in strengths if isinstance(t, Text)),
        risk_texts=tuple(_risk(item, f"{where}.risks[{i}]") for i, item in enumerate(risks)),
    )


def load_info() -> Mapping[str, ArchetypeInfo]:
    """Every archetype's description from the catalogue (CatalogueError if one is incomplete)."""
    return MappingProxyType({archetype: _info(archetype) for archetype in ARCHETYPES})


ARCHETYPE_INFO: Mapping[str, ArchetypeInfo] = load_info()


def archetype_word(archetype: str, lang: str | None) -> str:
    """An archetype id inside a sentence: `matrix` / `矩阵型`; `none` (no marketing
    function) / `无`; any other id as it is."""
    info = ARCHETYPE_INFO.get(archetype)
    if info is not None:
        return info.word.get(lang)
    return text("archetypes.inference.none")(lang) if archetype == "none" else archetype


def stage_word(stage: str) -> Text:
    """A stage of the marketing chain inside a sentence: research / 调研."""
    return text(f"archetypes.stage.{stage}")


@dataclass(frozen=True)
class Gap:
    """Where a structure falls short of an archetype: the message and the place to fix it."""

    said: Text
    """The message in English and Simplified Chinese (`recommend --lang zh`)."""
    at: Location
    element: Element | None = None

    @property
    def message(self) -> str:
        """The message in English, as rules report it."""
        return self.said.en

    def says(self, lang: str | None) -> str:
        """The message in a language (`zh`: Chinese)."""
        return self.said.get(lang)


@dataclass(frozen=True)
class ArchetypeInference:
    """The archetype that fits the structure best, every archetype's score, and why."""

    archetype: str
    scores: dict[str, float]
    """Every archetype's score, from 0 (no evidence) to 1."""
    said: tuple[Text, ...]
    """Why, in English and Chinese."""

    @property
    def reasons(self) -> list[str]:
        """Why, in English (JSON output, rule messages)."""
        return self.reasons_in("en")

    def reasons_in(self, lang: str | None) -> list[str]:
        """Why, in a language (`zh`: Chinese)."""
        return [reason.get(lang) for reason in self.said]


def names(ids: Sequence[str], lang: str = "en", limit: int = 4) -> str:
    """The first `limit` ids, then how many more: `a, b, c, d and 2 more` / `a、b、c、d 等 6 个`."""
    shown = join(ids[:limit], lang)
    more = len(ids) - limit
    return shown + (text("common.and_more")(lang, more=more, total=len(ids)) if more > 0 else "")


Fields = Callable[[str], Mapping[str, object]]
"""The values of a gap message in a language (`en` or `zh`)."""


def gap(ident: str, at: Location, element: Element | None, fields: Fields) -> Gap:
    """The gap `archetypes.gap.<ident>` of the catalogue, in English and Chinese."""
    message = text(f"archetypes.gap.{ident}")
    return Gap(Text(message("en", **fields("en")), message("zh", **fields("zh"))), at, element)


def found(ids: Sequence[str], lang: str) -> str:
    """`only a, b` / `仅有 a、b`, or `none` / `一个也没有`."""
    if not ids:
        return text("archetypes.gap.none_found")(lang)
    return text("archetypes.gap.only")(lang, names=names(ids, lang))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
