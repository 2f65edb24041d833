"""The positioned values the loader builds: `YMap`, `YSeq`, `YInt`, `YFloat`.

This module owns the containers that remember where each mapping, sequence,
key and value was written (1-based line and column, kept compactly), and the
numbers that remember the text they were written as. They pickle cheaply (the
per-file cache stores them).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload


class _Placed:
    """Where a container was written, and the places of its items (`pos`)."""

    __slots__ = ()  # the slots are the containers' own: a dict or list base allows no others
    line: int
    column: int
    pos: array[int]

    def __init__(self, line: int = 1, column: int = 1) -> None:
        # no super().__init__(): it would only make the container empty, which it is.
        # The slots are the subclasses' (mypy looks for them here).
        self.line = line  # type: ignore[misc]
        self.column = column  # type: ignore[misc]
        self.pos = array("I")  # type: ignore[misc]

    def _places(self) -> tuple[None, dict[str, Any]]:
        """The slots as pickle's BUILD state (set by C when a cached file is read back)."""
        return (None, {"line": self.line, "column": self.column, "pos": self.pos})


class _KeyPositions(Mapping[str, tuple[int, int]]):
    """`key -> (line, column)` of a YMap's keys (offset 0) or values (offset 2), read-only."""

    __slots__ = ("_map", "_offset")

    def __init__(self, owner: YMap, offset: int) -> None:
        self._map = owner
        self._offset = offset

    def __getitem__(self, key: str) -> tuple[int, int]:
        if key not in self._map:
            raise KeyError(key)
        for index, name in enumerate(self._map):  # maps are small; looked up only to report
            if name == key:
                at = 4 * index + self._offset
                pos = self._map.pos
                return (pos[at], pos[at + 1])
        raise KeyError(key)  # pragma: no cover - `key in self._map` said otherwise

    def __iter__(self) -> Iterator[str]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)


class YMap(_Placed, dict[str, Any]):
    """A mapping that remembers where it, each key and each value were written (1-based).

    The places are one compact array, four numbers per key in key order (key line,
    key column, value line, value column), read through `key_pos` and `val_pos`:
    a few bytes per key instead of two dicts and two tuples, which at a million
    positions is the difference between fitting in memory or not.
    """

    __slots__ = ("column", "line", "pos")

    def __reduce__(self) -> Any:
        # Pickled by the per-file cache. Rebuilt by C alone (`dict.__new__`, the slots set
        # by BUILD, the items by SETITEMS): no Python call per mapping when a run reads
        # a cached file back, which is most of the time of a run after one file changed.
        return (dict.__new__, (YMap,), self._places(), None, iter(self.items()))

    def put(self, key: str, value: Any, key_at: tuple[int, int], val_at: tuple[int, int]) -> None:
        """Add a new key with its places (the key must not be there yet)."""
        self[key] = value
        self.pos.extend((*key_at, *val_at))

    @property
    def key_pos(self) -> Mapping[str, tuple[int, int]]:
        return _KeyPositions(self, 0)

    @property
    def val_pos(self) -> Mapping[str, tuple[int, int]]:
        return _KeyPositions(self, 2)


class _ItemPositions(Sequence[tuple[int, int]]):
    """`(line, column)` of each item of a YSeq, read-only."""

    __slots__ = ("_pos",)

    def __init__(self, pos: array[int]) -> None:
        self._pos = pos

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return (self._pos[2 * index], self._pos[2 * index + 1])

    def __len__(self) -> int:
        return len(self._pos) // 2

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class YSeq(_Placed, list[Any]):
    """A sequence that remembers where it and each item were written (1-based).

    Places are one compact array, two numbers per item, read through `item_pos`.
    """

    __slots__ = ("column", "line", "pos")

    def __reduce__(self) -> Any:
        return (list.__new__, (YSeq,), self._places(), iter(self))

    @property
    def item_pos(self) -> Sequence[tuple[int, int]]:
        return _ItemPositions(self.pos)


class _Written:
    """A number that remembers how it was written (`str()` gives the text back)."""

    text: str
    _number: Any  # int or float: the type of the value

    def __new__(cls, value: Any, text: str) -> Any:
        obj = cls._number.__new__(cls, value)
        obj.text = text
        return obj

    def __str__(self) -> str:
        return self.text

    def __reduce__(self) -> Any:
        # Rebuilt by C alone (the number's `__new__`, then its text as state): no Python call.
        return (self._number.__new__, (type(self), self._number(self)), {"text": self.text})


class YInt(_Written, int):
    """An integer that remembers how it was written (`str()` gives the text back)."""

    _number = int


class YFloat(_Written, float):
    """A float that remembers how it was written, so `1.10` used as text stays `1.10`."""

    _number = float


_MAP, _SEQ, _INT, _FLOAT = 0, 1, 2, 3


def flat_tree(node: Any) -> Any:
    """A loaded tree as plain lists and tuples (what the per-file cache stores of it).

    Pickling `YMap`s one by one calls Python for every mapping, sequence and number
    written: as long as parsing the file. This walk makes builtins pickle copies in C
    (a file of 5,000 positions: 0.25 s -> about a tenth). A node shared through a YAML
    alias is written once per place it is used (the loader caps what aliases expand to).
    """
    kind = type(node)
    if kind is YMap:
        values = [flat_tree(value) for value in node.values()]
        return (_MAP, node.line, node.column, node.pos.tobytes(), list(node), values)
    if kind is YSeq:
        items = [flat_tree(item) for item in node]
        return (_SEQ, node.line, node.column, node.pos.tobytes(), items)
    if kind is YInt or kind is YFloat:
        return (_INT if kind is YInt else _FLOAT, node._number(node), node.text)
    return node  # str, int, float, bool, None: YAML gives no tuples


def unflat_tree(flat: Any) -> Any:
    """The tree `flat_tree` made plain, again (read only when a place or an old version is
    needed)."""
    if type(flat) is not tuple:
        return flat
    kind = flat[0]
    if kind == _MAP:
        _, line, column, pos, keys, values = flat
        node = YMap(line, column)
        node.update(zip(keys, map(unflat_tree, values), strict=True))
        node.pos.frombytes(pos)
        return node
    if kind == _SEQ:
        _, line, column, pos, items = flat
        seq = YSeq(line, column)
        seq.extend(map(unflat_tree, items))
        seq.pos.frombytes(pos)
        return seq
    number = YInt if kind == _INT else YFloat
    return number(flat[1], flat[2])
