"""The base of every element: where it was written, its label and description by language.

This module owns `Src` (an element's file and raw positioned mapping),
`Element` (the pydantic base: unknown keys are errors, ids written as numbers
are text, cheap pickling for the per-file cache) and `Ignorable` (an element
that may silence rules with `ignore`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from orgdesign.findings import Location
from orgdesign.load.loader import YMap, YSeq
from orgdesign.model.types import Label, pick_language


@dataclass(frozen=True, slots=True)
class Src:
    """Where an element was written: its file and its raw mapping."""

    file: str
    raw: YMap | None = None
    line: int = 1
    column: int = 1

    def __reduce__(self) -> tuple[type[Src], tuple[str, YMap | None, int, int]]:
        # Pickled per element by the per-file cache: the dataclass default is 4x slower.
        return (Src, (self.file, self.raw, self.line, self.column))

    def at(self, key: str | None = None, index: int | None = None) -> Location:
        """Location of the element, of one of its keys' values, or of an item of a list value."""
        raw = self.raw
        if raw is None:
            return Location(self.file, self.line, self.column)
        if key is None or key not in raw:
            return Location(self.file, raw.line, raw.column)
        value = raw[key]
        if index is not None and isinstance(value, YSeq) and 0 <= index < len(value):
            line, col = value.item_pos[index]
            return Location(self.file, line, col)
        line, col = raw.val_pos.get(key) or raw.key_pos[key]
        return Location(self.file, line, col)

    def at_path(self, *parts: str | int, key: bool = False) -> Location:
        """Location of a nested value (or, with `key=True`, of the last key) below the element."""
        node: Any = self.raw
        loc = self.at()
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if isinstance(node, YMap) and isinstance(part, str) and part in node:
                pos = node.key_pos[part] if (key and last) else node.val_pos[part]
                loc, node = Location(self.file, *pos), node[part]
            elif isinstance(node, YSeq) and isinstance(part, int) and 0 <= part < len(node):
                loc, node = Location(self.file, *node.item_pos[part]), node[part]
            else:
                break
        return loc


_IN_MEMORY = Src("<memory>")


def _restore_element(
    cls: type[Element], values: dict[str, Any], fields_set: set[str], extra: Any, private: Any
) -> Element:
    """An element as it was pickled (`Element.__reduce__`), without validating it again."""
    new = cls.__new__(cls)
    object.__setattr__(new, "__dict__", values)
    object.__setattr__(new, "__pydantic_fields_set__", fields_set)
    object.__setattr__(new, "__pydantic_extra__", extra)
    object.__setattr__(new, "__pydantic_private__", private)
    return new


class Element(BaseModel):
    """Base of every element: unknown keys are errors; ids written as numbers are text."""

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        populate_by_name=True,
        use_attribute_docstrings=True,
    )
    # None until placed: a constant default costs far less per element than a factory.
    _src: Src | None = PrivateAttr(default=None)

    def __reduce__(self) -> Any:
        # Pickled by the per-file cache: one call with the four parts of a model,
        # instead of pydantic's state dict (cache entries are written 20% faster).
        return (
            _restore_element,
            (
                type(self),
                self.__dict__,
                self.__pydantic_fields_set__,
                self.__pydantic_extra__,
                self.__pydantic_private__,
            ),
        )

    def loc(self, key: str | None = None, index: int | None = None) -> Location:
        return self.src.at(key, index)

    @property
    def src(self) -> Src:
        private = self.__pydantic_private__
        src = private.get("_src") if private else None
        return src if src is not None else _IN_MEMORY

    def with_src(self, src: Src) -> None:
        private = self.__pydantic_private__
        if private is None:  # pragma: no cover - pydantic makes it for every model with one
            self._src = src
        else:  # the hot path of loading: skip BaseModel.__setattr__
            private["_src"] = src

    def describe(self, lang: str | None = None) -> str | None:
        """The element's description in `lang` from `descriptions`, else `description`."""
        base: str | None = getattr(self, "description", None)
        translations = getattr(self, "descriptions", None)
        if lang and isinstance(translations, dict):
            return pick_language(translations, lang) or base
        return base

    def label(self, lang: str | None = None) -> str:
        """The element's name (or title) in `lang` from `names`, falling back to the name itself."""
        base = getattr(self, "name", None) or getattr(self, "title", None)
        base = base or getattr(self, "id", "")
        names = getattr(self, "names", None)
        if lang and isinstance(names, dict):
            return str(pick_language(names, lang) or base)
        return str(base)


class Ignorable(Element):
    ignore: list[Label] = Field(default_factory=list)
    """Rule ids silenced on this element, e.g. `[ORG106]`."""
