"""The base of every element: where it was written, its label and description by language.

This module owns `Src` (an element's file and raw positioned mapping),
`Element` (the pydantic base: unknown keys are errors, ids written as numbers
are text, cheap pickling for the per-file cache) and `Ignorable` (an element
that may silence rules with `ignore`).
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, Self

from pydantic import BaseModel, ConfigDict, Field

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


class RawSource(Protocol):
    """Where the raw mappings of a file read back from the cache are (`load.entries.TreeRef`)."""

    def node(self, section: str, index: int) -> Any: ...


@dataclass(frozen=True, slots=True)
class SectionSource:
    """One top-level list of one file read back from the cache: where its items' raw
    mappings are, shared by the `LazySrc` of each of its elements."""

    file: str
    section: str
    tree: RawSource


class LazySrc(Src):
    """The `Src` of an element read back from the per-file cache: its raw mapping is read
    from the file's tree the first time it is asked for (to place a finding), not for each
    of a million elements when a run starts: two slots per element (made by
    `orgdesign.assemble.packing`)."""

    __slots__ = ("_index", "_of")
    _of: SectionSource
    _index: int

    @property
    def file(self) -> str:
        return self._of.file

    @property
    def line(self) -> int:
        return 1

    @property
    def column(self) -> int:
        return 1

    @property
    def raw(self) -> YMap | None:
        node = self._of.tree.node(self._of.section, self._index)
        return node if isinstance(node, YMap) else None


_IN_MEMORY = Src("<memory>")


def _restore_element(
    cls: type[Element], values: dict[str, Any], fields_set: set[str], kept: tuple[Any, ...]
) -> Element:
    """An element as it was pickled (`Element.__reduce__`), without validating it again."""
    new = cls.__new__(cls)
    object.__setattr__(new, "__dict__", values)
    object.__setattr__(new, "__pydantic_fields_set__", fields_set)
    object.__setattr__(new, "__pydantic_extra__", None)
    object.__setattr__(new, "__pydantic_private__", None)
    for name, value in zip(kept_names(cls), kept, strict=True):
        if value is not None:
            object.__setattr__(new, name, value)
    return new


@cache
def kept_names(cls: type[Element]) -> tuple[str, ...]:
    """The slots an element class keeps besides its fields (`_src`, ...), base class first."""
    return tuple(
        name
        for klass in reversed(cls.__mro__)
        if issubclass(klass, Element)
        for name in klass.__dict__.get("__slots__", ())
    )


class _NoChange:
    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a default left empty is shared by the elements that did not write it")


class EmptyList(_NoChange, list[Any]):
    """The empty list a loaded element holds for a list key it did not write (read-only)."""

    __slots__ = ()
    append = extend = insert = remove = pop = clear = sort = reverse = _NoChange._refuse
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _NoChange._refuse


class EmptyDict(_NoChange, dict[str, Any]):
    """The empty mapping a loaded element holds for a mapping key it did not write."""

    __slots__ = ()
    update = setdefault = pop = popitem = clear = _NoChange._refuse
    __setitem__ = __delitem__ = __ior__ = _NoChange._refuse


_EMPTY_LIST = EmptyList()
_EMPTY_DICT = EmptyDict()


@cache
def _empty_defaults(cls: type[Element]) -> tuple[tuple[str, Any], ...]:
    """The fields of an element class whose default is a new empty list or mapping."""
    shared = {list: _EMPTY_LIST, dict: _EMPTY_DICT}
    return tuple(
        (name, shared[info.default_factory])
        for name, info in cls.model_fields.items()
        if info.default_factory in shared
    )


class Element(BaseModel):
    """Base of every element: unknown keys are errors; ids written as numbers are text.

    Where it was written is a slot, not a pydantic private attribute: a model with
    private attributes gets a dict for them and a Python-level initialiser per instance
    (measured: ~200 bytes and a tenth of the validation time per element). An unset slot
    reads as None (`kept`).
    """

    __slots__ = ("_src",)
    if TYPE_CHECKING:  # a slot, not a field: pydantic must not see the annotation
        _src: Src

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        populate_by_name=True,
    )  # field docstrings are read only when a schema is made (`types.SchemaGenerator`)

    def kept(self, name: str) -> Any:
        """A slot's value, None while unset."""
        try:
            return object.__getattribute__(self, name)
        except AttributeError:
            return None

    def __reduce__(self) -> Any:
        # Pickled by the per-file cache: one call with the parts of a model (the extra and
        # private parts are always None), instead of pydantic's state dict.
        kept = tuple([getattr(self, name, None) for name in kept_names(type(self))])
        return (_restore_element, (type(self), self.__dict__, self.__pydantic_fields_set__, kept))

    def share_fields_set(self, shared: dict[frozenset[str], set[str]]) -> None:
        """Use one set of the keys written for every element that wrote the same keys.

        pydantic keeps a set per instance (728 bytes for six keys); a file's positions
        write a handful of different key sets. Setting an attribute gives the element its
        own set first (`__setattr__`) and copies get their own (pydantic's `__copy__`), so
        the sharing is never seen; nothing else changes the set.
        """
        keys = self.__pydantic_fields_set__
        object.__setattr__(
            self, "__pydantic_fields_set__", shared.setdefault(frozenset(keys), keys)
        )
        # The same for the empty lists and mappings of keys not written (~480 bytes per
        # position): one read-only empty of each kind, which refuses to be changed.
        values = self.__dict__
        for name, empty in _empty_defaults(type(self)):
            if name not in keys:
                values[name] = empty

    def _own_fields_set(self) -> None:
        object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))

    def __setattr__(self, name: str, value: Any) -> None:
        self._own_fields_set()
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        self._own_fields_set()
        super().__delattr__(name)

    def __copy__(self) -> Self:
        new = super().__copy__()
        for name in kept_names(type(self)):
            value = self.kept(name)
            if value is not None:
                object.__setattr__(new, name, value)
        return new

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        new = super().__deepcopy__(memo)
        for name in kept_names(type(self)):
            value = self.kept(name)
            if value is not None:
                object.__setattr__(new, name, deepcopy(value, memo))
        return new

    def loc(self, key: str | None = None, index: int | None = None) -> Location:
        return self.src.at(key, index)

    @property
    def src(self) -> Src:
        try:
            return self._src  # a plain slot read: elements that were loaded all have one
        except AttributeError:
            return _IN_MEMORY

    def with_src(self, src: Src) -> None:
        object.__setattr__(self, "_src", src)  # the hot path of loading: no BaseModel.__setattr__

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
