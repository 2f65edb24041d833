"""A file's parsed content in the disk cache: two entries, the positioned tree read only when asked.

This module owns the layout of a file's cache entries. A parsed file is kept as

- its **content** entry, under the file's key: the load result without its data and the
  validated content in a packed form (`Codec`, given by the layer that knows the
  content: `orgdesign.assemble.packing`), which reads back without making the
  positioned mapping (`YMap`) of every element;
- its **tree** entry (`tree_key`): the whole positioned tree the file was loaded as,
  made plain (`nodes.flat_tree`: pickling the nodes themselves cost as much as parsing).

Reading a file back reads only its content entry. The tree is read the first time
something asks for it (`TreeRef`): a finding's place in the file (`Src.at`), the old
version a changed file is compared with, a scenario's base. After a value edit in one
of 201 files, a run reads back a million elements without their trees.

The tree entry is written before the content entry and touched whenever the content
entry is read, so one is not pruned without the other. A tree entry that is gone all
the same (removed by hand, a full disk) is made again from the file, when the file
still has the bytes it was cached under; otherwise `StaleEntry` is raised, and
`orgdesign.api.validate` checks everything again without the cache.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any, Protocol

from orgdesign.load.diskcache import DiskCache
from orgdesign.load.loader import LoadResult
from orgdesign.load.nodes import flat_tree, unflat_tree

Parsed = tuple[LoadResult, Any]
"""A file's load result and its validated content (None when it could not be loaded)."""


class StaleEntry(Exception):
    """A tree was asked for that is neither in the cache nor in the file any longer (the file
    changed while it was being checked, or the cache was emptied meanwhile)."""


class Codec(Protocol):
    """How a file's validated content is packed apart from its tree, and read back."""

    def pack(self, parsed: Parsed) -> Any:
        """What the content entry stores (picklable; the tree is stored apart)."""

    def unpack(self, packed: Any, tree: TreeRef) -> Parsed | None:
        """The parsed file again, its tree read through `tree` when needed (None: unusable)."""


class TreeRef:
    """A file's positioned tree, read from its entry (or the file) on first use, then kept."""

    __slots__ = ("_read", "_tree")

    def __init__(self, read: Callable[[], Any]) -> None:
        self._read: Callable[[], Any] | None = read
        self._tree: Any = None

    def root(self) -> Any:
        if self._read is not None:
            self._tree, self._read = self._read(), None
        return self._tree

    def node(self, section: str, index: int) -> Any:
        """The raw mapping of the `index`-th item of a top-level list."""
        return self.root()[section][index]


class CachedLoadResult(LoadResult):
    """A load result read back from the cache: `data` is the file's tree, read when first used."""

    _tree: TreeRef

    @property
    def data(self) -> Any:
        values = self.__dict__
        if "_data" not in values:
            values["_data"] = values["_tree"].root()
        return values["_data"]

    @data.setter
    def data(self, value: Any) -> None:
        self.__dict__["_data"] = value

    def __reduce__(self) -> Any:  # pickled again (a worker's result): a plain load result
        return (LoadResult, (self.file, self.data, self.findings, self.loaded))


def cached_result(result: LoadResult, tree: TreeRef) -> CachedLoadResult:
    """`result` (stored without its data) as read back, its data read through `tree`."""
    new = CachedLoadResult.__new__(CachedLoadResult)
    values = dict(result.__dict__)
    values.pop("data", None)
    new.__dict__.update(values, _tree=tree)
    return new


def tree_key(cache: DiskCache, key: str) -> str:
    return cache.key(b"tree", key.encode("ascii"))


def put_parsed(cache: DiskCache, key: str, parsed: Parsed, codec: Codec | None) -> bool:
    """Store a parsed file under `key` (False: it could not be stored)."""
    if codec is None:
        return cache.put(key, pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL))
    tree = pickle.dumps(flat_tree(parsed[0].data), pickle.HIGHEST_PROTOCOL)
    if not cache.put(tree_key(cache, key), tree):  # first: a content entry has its tree
        return False
    return cache.put(key, pickle.dumps(codec.pack(parsed), pickle.HIGHEST_PROTOCOL))


def read_parsed(
    cache: DiskCache, key: str, payload: bytes, codec: Codec | None, reparse: Callable[[], Any]
) -> Parsed | None:
    """The parsed file a content entry holds; None for one that does not hold one.

    `reparse` gives the file's tree from the file itself (None when its bytes are no longer
    the ones of `key`): used only when the tree entry is gone.
    """
    if codec is None:
        return loads_plain(payload)
    try:
        value = pickle.loads(payload)  # only payloads signed by this user (diskcache)
    except Exception:  # a signed but unreadable entry (e.g. from a changed class): recompute
        return None
    cache.touch(tree_key(cache, key))
    tree = TreeRef(lambda: _read_tree(cache, key, reparse))
    try:
        return codec.unpack(value, tree)
    except Exception:  # an entry of another layout: recompute
        return None


def _read_tree(cache: DiskCache, key: str, reparse: Callable[[], Any]) -> Any:
    payload = cache.get(tree_key(cache, key))
    if payload is not None:
        try:
            return unflat_tree(pickle.loads(payload))
        except Exception:  # made again from the file below
            pass
    tree = reparse()
    if tree is None:
        raise StaleEntry(f"the cache entry of {key[:12]} lost its tree and the file changed")
    return tree


def _is_parsed(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], LoadResult)


def loads_plain(payload: bytes) -> Parsed | None:
    """A parsed file pickled whole (what a worker sends when it could not store it, or an
    entry of a store without a codec); None for a payload that does not hold one."""
    try:
        value = pickle.loads(payload)  # only payloads signed by this user, or our worker's
    except Exception:  # a signed but unreadable entry (e.g. from a changed class): recompute
        return None
    return value if _is_parsed(value) else None


__all__ = [
    "CachedLoadResult",
    "Codec",
    "Parsed",
    "StaleEntry",
    "TreeRef",
    "cached_result",
    "loads_plain",
    "put_parsed",
    "read_parsed",
    "tree_key",
]
