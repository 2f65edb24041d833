"""Two loads of one file compared: which keys' values differ, and where each place moved.

This module owns what the run memo (`orgdesign.lint.memo`) needs to reuse the
findings of a file's previous version: `changed_keys` says in which keys of which
sections two loaded trees hold other values (numbers compared as written), once
the keys no check reads are left out, or that they differ in more than values;
`Relocator` moves a line and column of the old tree to the
place the same key, value or item has in the new one. Nothing here knows what
an organisation is: the keys to leave out are given by the caller.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from orgdesign.load.nodes import YFloat, YInt, YMap, YSeq

Path = tuple[object, ...]
Skip = Mapping[str, frozenset[str]]
"""Per top-level section, the keys of its elements to leave out (`children` recurse)."""

NESTED = "children"
"""The key under which an element holds elements of its own section (responsibilities)."""


def _same_value(a: Any, b: Any) -> bool:
    """Equal values, numbers also written alike (`1.10` and `1.1` differ)."""
    if isinstance(a, YMap | YSeq) or isinstance(b, YMap | YSeq):
        return _same_node(a, b)
    if type(a) is not type(b):
        return False
    if isinstance(a, YInt | YFloat):
        return bool(a.text == b.text)
    return bool(a == b)


def _same_node(a: Any, b: Any) -> bool:
    if isinstance(a, YMap) and isinstance(b, YMap):
        return list(a) == list(b) and all(_same_value(a[k], b[k]) for k in a)
    if isinstance(a, YSeq) and isinstance(b, YSeq):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
    return False


Changed = set[tuple[str, str]]
"""(section, key) pairs whose value differs in some element of that section."""

FIXED = frozenset({"id", "ignore"})
"""Keys that say which element it is and what it silences: a change there is no key change."""


def _element_keys(section: str, a: Any, b: Any, skip: frozenset[str], out: Changed) -> bool:
    """Add the keys in which two versions of one element differ; False when they are not
    the same element (another id or `ignore`, another kind of node, keys reordered)."""
    if not (isinstance(a, YMap) and isinstance(b, YMap)):
        return _same_value(a, b)
    common = [k for k in a if k in b and k not in skip]
    if common != [k for k in b if k in a and k not in skip]:
        return False
    for key in {*a, *b} - skip:
        if key not in a or key not in b:
            if key in FIXED or key == NESTED:
                return False
            out.add((section, key))
        elif key == NESTED:
            if not _elements(section, a[key], b[key], skip, out):
                return False
        elif not _same_value(a[key], b[key]):
            if key in FIXED:
                return False
            out.add((section, key))
    return True


def _elements(section: str, a: Any, b: Any, skip: frozenset[str], out: Changed) -> bool:
    if isinstance(a, YSeq) and isinstance(b, YSeq):
        return len(a) == len(b) and all(
            _element_keys(section, x, y, skip, out) for x, y in zip(a, b, strict=True)
        )
    return _element_keys(section, a, b, skip, out)


def changed_keys(old: Any, new: Any, skip: Skip) -> Changed | None:
    """The (section, key) pairs in which the elements of two trees differ, once the
    `skip[section]` keys are left out; None when they differ in more than values of keys:
    other sections or other top-level values, elements added, removed, reordered or
    given another id or `ignore`.

    A section is a top-level key of `skip` holding a list of elements (or one element,
    as `organization`); key order matters, because what rules report follows it.
    """
    if not (isinstance(old, YMap) and isinstance(new, YMap)):
        return set() if _same_value(old, new) else None
    if list(old) != list(new):
        return None
    out: Changed = set()
    for key in old:
        if key in skip:
            if not _elements(key, old[key], new[key], skip[key], out):
                return None
        elif not _same_value(old[key], new[key]):
            return None
    return out


def _places(node: Any, path: Path) -> Iterator[tuple[tuple[int, int], Path]]:
    """Every place of a tree with the path that names it (a node, a key, a value, an item)."""
    stack: list[tuple[Any, Path]] = [(node, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, YMap):
            yield (item.line, item.column), (*where, "@")
            keys, values = item.key_pos, item.val_pos
            for key, value in item.items():
                yield keys[key], (*where, key, "key")
                yield values[key], (*where, key, "value")
                stack.append((value, (*where, key)))
        elif isinstance(item, YSeq):
            yield (item.line, item.column), (*where, "@")
            for index, value in enumerate(item):
                yield item.item_pos[index], (*where, index, "item")
                stack.append((value, (*where, index)))


class Relocator:
    """Moves places of an old tree to where the same part of the new tree is.

    A place can name several parts (a block mapping starts where its first key
    does); it moves only when every part that is still there has one new place.
    The places of both trees are listed at the first move: most changed files have
    no finding to move (a file of 5,000 positions: 0.3 s saved).
    """

    def __init__(self, old: Any, new: Any) -> None:
        self._trees: tuple[Any, Any] | None = (old, new)
        self._old: dict[tuple[int, int], list[Path]] = {}
        self._new: dict[Path, tuple[int, int]] = {}

    def _listed(self) -> None:
        if self._trees is None:
            return
        old, new = self._trees
        for place, path in _places(old, ()):
            self._old.setdefault(place, []).append(path)
        self._new = {path: place for place, path in _places(new, ())}
        self._trees = None

    def move(self, line: int, column: int) -> tuple[int, int] | None:
        """The new place of an old one; None when it names nothing, or not one new place."""
        self._listed()
        paths = self._old.get((line, column))
        moved = {self._new[p] for p in paths if p in self._new} if paths is not None else set()
        if (line, column) == (1, 1):
            # The start of the file also stands for the file itself (a finding about the
            # whole): it stays only when what is written first has not moved either.
            return (1, 1) if paths is None or moved == {(1, 1)} else None
        return moved.pop() if len(moved) == 1 else None
