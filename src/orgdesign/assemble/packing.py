"""A file's validated content packed for the per-file cache, apart from its positioned tree.

This module owns the `orgdesign.load.entries.Codec` of org and catalogue files. A
section's elements are stored as columns: each field's values, the element's set of
written keys (one of the file's few shared sets), its other slots, and where it was
written as an index into the section of the file's tree. Reading back makes each
element from its values in one step, with a `LazySrc` instead of its raw mapping
(measured: a file of 5,000 positions read back 4-5x faster than pickled elements),
and the file's raw top level without the sections' items. Whatever is not a plain
element of a section (the header, targets, nested elements, an element whose place is
not its item of the tree) is pickled as it is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from itertools import repeat
from typing import Any

from orgdesign.assemble.validate import FileContent
from orgdesign.load.entries import Parsed, TreeRef, cached_result
from orgdesign.load.loader import LoadResult, YMap, YSeq
from orgdesign.model import Element, Src
from orgdesign.model.element import LazySrc, SectionSource, kept_names

_WHERE = "_src"


@dataclass(frozen=True, slots=True)
class _Columns:
    """One section's elements, by column."""

    cls: type[Element]
    names: tuple[str, ...]
    """The fields, in `__dict__` order."""
    values: list[list[Any]]
    fields_sets: list[set[str]]
    fields_set: list[int]
    where: list[Any]
    """Per element: its index in the tree's section, or its `Src` (or None) as it is."""
    slots: dict[str, list[Any]]
    """The other slots (`Position._holder_ids`), None where unset."""


@dataclass(frozen=True, slots=True)
class Packed:
    """What a file's content entry stores."""

    result: LoadResult
    content: FileContent | None
    columns: dict[str, _Columns | list[Any]]
    """Each section of `content`: its columns, or its elements as they are."""
    whole: bool = False
    """Nothing was packed (the file did not load as a mapping): `result` keeps its data."""


class ContentCodec:
    """`orgdesign.load.entries.Codec` for `FileContent`."""

    def pack(self, parsed: Parsed) -> Packed:
        result, content = parsed
        bare = LoadResult(result.file, None, result.findings, result.loaded)
        if not isinstance(content, FileContent) or not isinstance(content.raw, YMap):
            return Packed(result, content, {}, whole=True)
        columns = {
            section: _columns(items, content.file, content.raw.get(section))
            for section, items in content.sections.items()
        }
        top = _top(content.raw, columns)
        shell = replace(content, raw=top, sections={})
        return Packed(bare, shell, columns)

    def unpack(self, packed: Any, tree: TreeRef) -> Parsed | None:
        if not isinstance(packed, Packed):
            return None
        content = packed.content
        if packed.whole or content is None:
            return packed.result, content
        sections = {
            section: _elements(cols, content.file, section, tree)
            if isinstance(cols, _Columns)
            else cols
            for section, cols in packed.columns.items()
        }
        return cached_result(packed.result, tree), replace(content, sections=sections)


CODEC = ContentCodec()


def _columns(items: list[Any], file: str, raws: Any) -> _Columns | list[Any]:
    """A section by column; the elements as they are when they are not all alike."""
    if not items or not isinstance(raws, YSeq):
        return items
    cls: type[Element] = type(items[0])
    names = tuple(items[0].__dict__)
    if not all(type(e) is cls and tuple(e.__dict__) == names for e in items):
        return items
    index = {id(raw): i for i, raw in enumerate(raws)}
    shared: dict[int, int] = {}
    fields_sets: list[set[str]] = []
    fields_set: list[int] = []
    for e in items:
        keys = e.__pydantic_fields_set__
        if id(keys) not in shared:
            shared[id(keys)] = len(fields_sets)
            fields_sets.append(keys)
        fields_set.append(shared[id(keys)])
    others = [name for name in kept_names(cls) if name != _WHERE]
    return _Columns(
        cls,
        names,
        [[e.__dict__[name] for e in items] for name in names],
        fields_sets,
        fields_set,
        [_where(e.kept(_WHERE), file, index) for e in items],
        {name: [e.kept(name) for e in items] for name in others},
    )


def _where(src: Src | None, file: str, index: dict[int, int]) -> Any:
    """The element's index in its section of the tree when that is all its `Src` says."""
    if (
        type(src) is Src
        and src.raw is not None
        and src.file == file
        and (src.line, src.column) == (1, 1)
        and id(src.raw) in index
    ):
        return index[id(src.raw)]
    return src


def _top(raw: YMap, columns: dict[str, _Columns | list[Any]]) -> YMap:
    """The file's top level with the items of the packed sections left out (the rest of the
    run reads only its keys and text lists)."""
    top = YMap(raw.line, raw.column)
    for key, value in raw.items():
        if isinstance(columns.get(key), _Columns) and isinstance(value, YSeq):
            value = YSeq(value.line, value.column)
        top[key] = value
    top.pos = raw.pos
    return top


def _elements(cols: _Columns, file: str, section: str, tree: TreeRef) -> list[Any]:
    """The section's elements again, each with a `LazySrc` where it had its tree item.

    Made column by column with `map` over C functions: no Python bytecode runs per
    element (a loop over a million elements cost 2.7 us each, this about a third)."""
    cls, count, setattr_ = cols.cls, len(cols.fields_set), object.__setattr__
    if any(len(column) != count for column in (*cols.values, cols.where)):
        raise ValueError("a packed section with columns of different lengths")
    out: list[Any] = list(map(cls.__new__, repeat(cls, count)))
    rows = map(dict, map(zip, repeat(cols.names), zip(*cols.values, strict=True)))
    _each(map(setattr_, out, repeat("__dict__"), rows))
    keys = map(cols.fields_sets.__getitem__, cols.fields_set)
    _each(map(setattr_, out, repeat("__pydantic_fields_set__"), keys))
    _each(map(setattr_, out, repeat("__pydantic_extra__"), repeat(None, count)))
    _each(map(setattr_, out, repeat("__pydantic_private__"), repeat(None, count)))
    if set(map(type, cols.where)) <= {int}:
        srcs = list(map(object.__new__, repeat(LazySrc, count)))
        _each(map(setattr_, srcs, repeat("_of"), repeat(SectionSource(file, section, tree))))
        _each(map(setattr_, srcs, repeat("_index"), cols.where))
        _each(map(setattr_, out, repeat(_WHERE), srcs))
    else:
        of = SectionSource(file, section, tree)
        for element, where in zip(out, cols.where, strict=True):
            _place(element, where, of)
    for name, column in cols.slots.items():
        if None not in column:  # every element had it set (`Position._holder_ids` always is)
            _each(map(setattr_, out, repeat(name), column))
            continue
        for element, value in zip(out, column, strict=True):
            if value is not None:
                setattr_(element, name, value)
    return out


def _place(element: Element, where: Any, of: SectionSource) -> None:
    """Give one element its `LazySrc` (an index) or the `Src` it had (None: none)."""
    if type(where) is int:
        src = object.__new__(LazySrc)
        object.__setattr__(src, "_of", of)
        object.__setattr__(src, "_index", where)
        element.with_src(src)
    elif where is not None:
        element.with_src(where)


_each: Callable[[Iterable[Any]], None] = deque(maxlen=0).extend
"""Run an iterator to its end, keeping nothing."""
