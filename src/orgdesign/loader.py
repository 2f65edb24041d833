"""Safe YAML loading with a position on every element.

This module owns turning bytes into plain Python data. It drives libyaml's
event parser (`yaml.parse` with `CSafeLoader`) and builds dicts and lists
itself, which is ~5x faster than `yaml.load`, keeps the line and column of
every mapping, sequence, key and value, and is the one place where:

- duplicate keys are reported (ORG003, naming both lines) instead of silently
  keeping the last one;
- aliases are capped in number and in expanded size, and self-references are
  refused (no alias bomb can expand);
- nesting depth is capped;
- only the YAML core tags are accepted (`!!python/...` and other tags are
  refused);
- plain scalars are typed by the YAML 1.2 core schema, so `no`, `on`, `010`
  or `1:30` stay the text that was written;
- bytes that are not UTF-8 (with or without BOM) are reported at the line of
  the first bad byte.

A file that cannot be loaded yields findings (ORG001-ORG003), never an exception.
"""

from __future__ import annotations

import math
import re
import stat
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

import yaml

from orgdesign.findings import Finding, Severity

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits applied while loading one file."""

    max_bytes: int = 10 * MIB
    max_depth: int = 64
    max_aliases: int = 100
    max_alias_nodes: int = 10_000


def _positions() -> array[int]:
    return array("I")


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


class YMap(dict[str, Any]):
    """A mapping that remembers where it, each key and each value were written (1-based).

    The places are one compact array, four numbers per key in key order (key line,
    key column, value line, value column), read through `key_pos` and `val_pos`:
    a few bytes per key instead of two dicts and two tuples, which at a million
    positions is the difference between fitting in memory or not.
    """

    __slots__ = ("column", "line", "pos")

    def __init__(self, line: int = 1, column: int = 1) -> None:
        # no super().__init__(): it would only make the container empty, which it is
        self.line = line
        self.column = column
        self.pos = _positions()

    def __reduce__(self) -> Any:
        # Pickled by the per-file cache: the items go as SETITEMS, the rest as arguments,
        # which is half the work of the default for a dict subclass with slots.
        return (_restore_map, (self.line, self.column, self.pos), None, None, iter(self.items()))

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


class YSeq(list[Any]):
    """A sequence that remembers where it and each item were written (1-based).

    Places are one compact array, two numbers per item, read through `item_pos`.
    """

    __slots__ = ("column", "line", "pos")

    def __init__(self, line: int = 1, column: int = 1) -> None:
        # no super().__init__(): it would only make the container empty, which it is
        self.line = line
        self.column = column
        self.pos = _positions()

    def __reduce__(self) -> Any:
        return (_restore_seq, (self.line, self.column, self.pos), None, iter(self))

    @property
    def item_pos(self) -> Sequence[tuple[int, int]]:
        return _ItemPositions(self.pos)


def _restore_map(line: int, column: int, pos: array[int]) -> YMap:
    new = YMap(line, column)
    new.pos = pos
    return new


def _restore_seq(line: int, column: int, pos: array[int]) -> YSeq:
    new = YSeq(line, column)
    new.pos = pos
    return new


@dataclass
class LoadResult:
    """What loading one file gave: the data (None when it could not be loaded) and findings."""

    file: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    loaded: bool = False
    """The YAML was read (an empty document loads as None)."""

    @property
    def ok(self) -> bool:
        return self.loaded


class LoadError(Exception):
    """Internal: stops the builder at a located problem (turned into a finding)."""

    def __init__(self, rule: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column


# --- scalar typing (YAML 1.2 core schema, stricter on YAML 1.1 look-alikes) ---------

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = frozenset({".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})
_NINF = frozenset({"-.inf", "-.Inf", "-.INF"})
_NAN = frozenset({".nan", ".NaN", ".NAN"})
_FIRST_NUMERIC = frozenset("0123456789+-.")
_WORDS = _NULLS | _TRUE | _FALSE

CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(CORE + t for t in ("str", "int", "float", "bool", "null"))
_MAP_TAGS = frozenset({CORE + "map", "!"})
_SEQ_TAGS = frozenset({CORE + "seq", "!"})


class YInt(int):
    """An integer that remembers how it was written (`str()` gives the text back)."""

    text: str

    def __new__(cls, value: int, text: str) -> YInt:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj

    def __str__(self) -> str:
        return self.text

    def __getnewargs__(self) -> tuple[int, str]:  # type: ignore[override]
        return (int(self), self.text)  # pickled (per-file cache) with its text


class YFloat(float):
    """A float that remembers how it was written, so `1.10` used as text stays `1.10`."""

    text: str

    def __new__(cls, value: float, text: str) -> YFloat:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj

    def __str__(self) -> str:
        return self.text

    def __getnewargs__(self) -> tuple[float, str]:  # type: ignore[override]
        return (float(self), self.text)


def resolve_plain(value: str) -> Any:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema.

    Unlike PyYAML's YAML 1.1 resolver, `yes`/`no`/`on`/`off` stay text, as do
    numbers with leading zeros (`010`) and sexagesimals (`1:30`). Numbers keep
    the text they were written as, so a numeric-looking id or name is the text
    the user wrote (`1.10`, not `1.1`).
    """
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if not value or value[0] not in _FIRST_NUMERIC:
        return value
    if _INT.match(value):
        if len(value) > 1000:  # beyond Python's int-from-text limit: keep the text
            return value
        return YInt(int(value), value)
    if _HEX.match(value):
        return YInt(int(value, 16), value)
    if _OCT.match(value):
        return YInt(int(value[2:], 8), value)
    if _FLOAT.match(value) and any(ch.isdigit() for ch in value):
        if re.match(r"[-+]?0[0-9]", value):  # 010.5: leading zero, keep the text
            return value
        return YFloat(float(value), value)
    if value in _INF:
        return YFloat(math.inf, value)
    if value in _NINF:
        return YFloat(-math.inf, value)
    if value in _NAN:
        return YFloat(math.nan, value)
    return value


def _tagged_scalar(tag: str, value: str, line: int, col: int) -> Any:
    short = tag[len(CORE) :]
    if short == "str":
        return value
    resolved = resolve_plain(value)
    expected: dict[str, tuple[type, ...]] = {
        "int": (int,),
        "float": (float, int),
        "bool": (bool,),
        "null": (type(None),),
    }
    types = expected[short]
    if isinstance(resolved, bool) and short != "bool":
        types = ()
    if not isinstance(resolved, types):
        raise LoadError("ORG001", f"value {value!r} is not a valid !!{short}", line, col)
    if short == "float" and isinstance(resolved, int):
        return float(resolved)
    return resolved


# --- the builder ------------------------------------------------------------------------


def _mark(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


class _Frame:
    __slots__ = ("anchor", "container", "is_seq", "key", "key_col", "key_line", "merges", "nodes")

    def __init__(self, container: YMap | YSeq, anchor: str | None) -> None:
        self.container = container
        self.is_seq = isinstance(container, YSeq)
        self.anchor = anchor
        self.key: str | None = None
        self.key_line = 0
        self.key_col = 0
        self.nodes = 1
        self.merges: list[tuple[Any, int, int]] | None = None  # made for a `<<` key only


class _Builder:
    """Builds YMap/YSeq/scalars from a libyaml event stream."""

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.limits = limits
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.aliases = 0
        self.alias_nodes = 0
        self.findings: list[Finding] = []
        self.keys: dict[str, str] = {}
        """Each distinct key text once: `id` written 100,000 times is one string in memory."""

    def build(self, events: Any) -> Any:
        # The hot path: about 13 scalar events per position. Plain scalars into an open
        # mapping or list are handled inline (no method call, no isinstance); anything
        # rarer (tags, anchors, `<<`, duplicates, containers) goes through the methods.
        stack: list[_Frame] = []
        frame: _Frame | None = None
        documents = 0
        root: Any = None
        keys = self.keys
        words, first_numeric = _WORDS, _FIRST_NUMERIC
        scalar_event = yaml.ScalarEvent
        max_depth = self.limits.max_depth
        for event in events:
            kind = type(event)
            if kind is scalar_event:
                mark = event.start_mark
                line = mark.line + 1
                col = mark.column + 1
                if event.tag is None:
                    value = event.value
                    # Most plain scalars are words: they stay text without resolve_plain.
                    if (
                        not event.style
                        and event.implicit[0]
                        and (value in words or value[0] in first_numeric)
                    ):
                        value = resolve_plain(value)
                else:
                    value = self._scalar(event, line, col)
                if event.anchor:
                    self._anchor(event.anchor, value, 1, line, col)
                if frame is None:
                    root = value
                    continue
                frame.nodes += 1
                container: Any = frame.container  # YSeq if frame.is_seq else YMap
                if frame.is_seq:
                    container.append(value)
                    container.pos.extend((line, col))
                elif frame.key is None:
                    if value.__class__ is str:
                        frame.key = keys.setdefault(value, value)
                    else:
                        frame.key = self._key_text(value)
                    frame.key_line = line
                    frame.key_col = col
                else:
                    key = frame.key
                    if key == "<<" or key in container:
                        self._add(frame, value, line, col, 0, is_key_candidate=True)
                        continue
                    frame.key = None
                    container[key] = value
                    container.pos.extend((frame.key_line, frame.key_col, line, col))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = event.start_mark
                line = mark.line + 1
                col = mark.column + 1
                if len(stack) >= max_depth:
                    raise LoadError(
                        "ORG001",
                        f"nesting is deeper than {self.limits.max_depth} levels; "
                        "an org file never needs this much: flatten the structure",
                        line,
                        col,
                    )
                if event.tag is None:
                    opened = YMap(line, col) if kind is yaml.MappingStartEvent else YSeq(line, col)
                else:
                    opened = self._open(kind, event, line, col)
                if event.anchor:
                    self.open_anchors.add(event.anchor)
                frame = _Frame(opened, event.anchor)
                stack.append(frame)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                done = stack.pop()
                frame = stack[-1] if stack else None
                if done.merges:
                    self._merge(done)
                if done.anchor:
                    self.open_anchors.discard(done.anchor)
                    self.anchors[done.anchor] = (done.container, done.nodes)
                c = done.container
                if frame is None:
                    root = c
                    continue
                parent: Any = frame.container
                pending = frame.key
                if frame.is_seq:
                    frame.nodes += done.nodes
                    parent.append(c)
                    parent.pos.extend((c.line, c.column))
                elif pending is None or pending == "<<" or pending in parent:
                    self._add(frame, c, c.line, c.column, done.nodes, is_key_candidate=True)
                else:
                    frame.nodes += done.nodes
                    frame.key = None
                    parent[pending] = c
                    parent.pos.extend((frame.key_line, frame.key_col, c.line, c.column))
            elif kind is yaml.AliasEvent:
                line, col = _mark(event)
                value, nodes = self._alias(event.anchor, line, col)
                if frame is not None:
                    self._add(frame, value, line, col, nodes, is_key_candidate=True)
                else:
                    root = value
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, col = _mark(event)
                    raise LoadError(
                        "ORG001",
                        "more than one YAML document in the file; an org file holds one "
                        "(remove the `---` separator or split the file and use `include`)",
                        line,
                        col,
                    )
        return root

    def _open(self, kind: type, event: Any, line: int, col: int) -> YMap | YSeq:
        if kind is yaml.MappingStartEvent:
            self._check_tag(event.tag, _MAP_TAGS, line, col)
            return YMap(line, col)
        self._check_tag(event.tag, _SEQ_TAGS, line, col)
        return YSeq(line, col)

    def _key_text(self, value: Any) -> str:
        """A scalar used as a mapping key, as text (`null` -> ``, `true` -> `true`, `1.10`)."""
        key = "" if value is None else str(value).lower() if isinstance(value, bool) else value
        text = str(key)
        return self.keys.setdefault(text, text)

    def _check_tag(self, tag: str | None, allowed: frozenset[str], line: int, col: int) -> None:
        if tag is not None and tag not in allowed:
            shown = "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag
            raise LoadError(
                "ORG001",
                f"YAML tag {shown} is not allowed; org files use plain YAML only (remove the tag)",
                line,
                col,
            )

    def _scalar(self, event: Any, line: int, col: int) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            if not event.style and tag is None and event.implicit[0]:
                return resolve_plain(event.value)
            return event.value
        if tag in _SCALAR_TAGS:
            return _tagged_scalar(tag, event.value, line, col)
        self._check_tag(tag, frozenset(), line, col)
        return None  # unreachable: _check_tag raised

    def _anchor(self, name: str, value: Any, nodes: int, line: int, col: int) -> None:
        self.anchors[name] = (value, nodes)

    def _alias(self, name: str, line: int, col: int) -> tuple[Any, int]:
        if name in self.open_anchors:
            raise LoadError(
                "ORG001", f"alias *{name} refers to the node that contains it", line, col
            )
        if name not in self.anchors:
            raise LoadError("ORG001", f"alias *{name} has no anchor &{name} before it", line, col)
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise LoadError(
                "ORG001",
                f"more than {self.limits.max_aliases} aliases; write the values out instead",
                line,
                col,
            )
        value, nodes = self.anchors[name]
        self.alias_nodes += nodes
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise LoadError(
                "ORG001",
                f"aliases expand to more than {self.limits.max_alias_nodes} nodes "
                "(an alias bomb?); write the values out instead",
                line,
                col,
            )
        return value, nodes

    def _add(
        self, frame: _Frame, value: Any, line: int, col: int, nodes: int, is_key_candidate: bool
    ) -> None:
        frame.nodes += nodes
        container = frame.container
        if isinstance(container, YSeq):
            container.append(value)
            container.pos.extend((line, col))
            return
        if frame.key is None:
            if isinstance(value, dict | list):
                raise LoadError(
                    "ORG001",
                    "a mapping key must be plain text, not a mapping or a list",
                    line,
                    col,
                )
            frame.key = self._key_text(value)
            frame.key_line = line
            frame.key_col = col
            return
        key = frame.key
        frame.key = None
        if key == "<<":
            if frame.merges is None:
                frame.merges = []
            frame.merges.append((value, line, col))
            return
        key_line, key_col = frame.key_line, frame.key_col
        if key in container:
            first_line, first_col = container.key_pos[key]
            self.findings.append(
                Finding(
                    "ORG003",
                    Severity.ERROR,
                    f"duplicate key {key!r}: first written at line {first_line}, "
                    f"column {first_col}; YAML keeps only one of them, so remove or "
                    "rename one",
                    self.file,
                    key_line,
                    key_col,
                )
            )
            return
        container.put(key, value, (key_line, key_col), (line, col))

    def _merge(self, frame: _Frame) -> None:
        target = frame.container
        assert isinstance(target, YMap)
        for value, line, col in frame.merges or ():
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, YMap):
                    raise LoadError(
                        "ORG001",
                        "a merge key `<<` needs a mapping or a list of mappings",
                        line,
                        col,
                    )
                for key, item in source.items():
                    if key not in target:
                        target.put(key, item, source.key_pos[key], source.val_pos[key])


# --- decoding --------------------------------------------------------------------------

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def _decode(data: bytes, file: str) -> str | Finding:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            return Finding(
                "ORG001",
                Severity.ERROR,
                f"file is encoded as {name}; save it as UTF-8",
                file,
                1,
                1,
            )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        return Finding(
            "ORG001",
            Severity.ERROR,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02X}); the file looks like another "
            "encoding (Latin-1? GBK?): save it as UTF-8",
            file,
            line,
            column,
        )


def _reader_position(text: str, index: int) -> tuple[int, int]:
    """Line and column of libyaml's reader position, a UTF-8 byte offset."""
    before = text.encode("utf-8")[:index].decode("utf-8", errors="ignore")
    index = len(before)
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


# --- public API ------------------------------------------------------------------------


def load_text(text: str, file: str, limits: Limits | None = None) -> LoadResult:
    """Load YAML text. Never raises: problems become findings."""
    limits = limits or Limits()
    result = LoadResult(file)
    builder = _Builder(file, limits)
    try:
        parser = _EventLoader(text)
        try:  # get_event until None: the events of `yaml.parse` without its generator
            data = builder.build(iter(parser.get_event, None))
        finally:
            parser.dispose()
    except LoadError as exc:
        result.findings.extend(builder.findings)
        result.findings.append(
            Finding(exc.rule, Severity.ERROR, exc.message, file, exc.line, exc.column)
        )
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        result.findings.append(
            Finding("ORG001", Severity.ERROR, f"invalid YAML: {problem}", file, line, col)
        )
        return result
    except yaml.reader.ReaderError as exc:
        line, col = _reader_position(text, exc.position)
        char = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        result.findings.append(
            Finding(
                "ORG001",
                Severity.ERROR,
                f"invalid character U+{char:04X} ({exc.reason}); remove it",
                file,
                line,
                col,
            )
        )
        return result
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError) as exc:
        result.findings.append(
            Finding("ORG001", Severity.ERROR, f"cannot read YAML: {exc}", file, 1, 1)
        )
        return result
    result.findings.extend(builder.findings)
    result.data = data
    result.loaded = True
    return result


def load_bytes(data: bytes, file: str, limits: Limits | None = None) -> LoadResult:
    """Decode and load the bytes of a file. Never raises."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        return LoadResult(file, findings=[_too_big(file, len(data), limits)])
    text = _decode(data, file)
    if isinstance(text, Finding):
        return LoadResult(file, findings=[text])
    return load_text(text, file, limits)


def load_file(path: Path, file: str | None = None, limits: Limits | None = None) -> LoadResult:
    """Read and load a file; `file` is the name used in findings (default: the path)."""
    name = file if file is not None else str(path)
    limits = limits or Limits()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return LoadResult(name, findings=[_unreadable(name, "is a folder, not a file")])
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would hang or never end
            return LoadResult(name, findings=[_unreadable(name, "not a regular file")])
        if info.st_size > limits.max_bytes:
            return LoadResult(name, findings=[_too_big(name, info.st_size, limits)])
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # the file may grow after stat()
        if len(data) > limits.max_bytes:
            return LoadResult(name, findings=[_too_big(name, len(data), limits)])
    except FileNotFoundError:
        return LoadResult(name, findings=[_unreadable(name, "file not found")])
    except IsADirectoryError:
        return LoadResult(name, findings=[_unreadable(name, "is a folder, not a file")])
    except OSError as exc:
        return LoadResult(name, findings=[_unreadable(name, exc.strerror or str(exc))])
    return load_bytes(data, name, limits)


def _too_big(file: str, size: int, limits: Limits) -> Finding:
    return Finding(
        "ORG001",
        Severity.ERROR,
        f"file is {size / MIB:.1f} MiB, above the limit of {limits.max_bytes / MIB:.1f} MiB; "
        "split it with `include` or raise `max-file-size` in the configuration",
        file,
        1,
        1,
    )


def _unreadable(file: str, why: str) -> Finding:
    return Finding("ORG001", Severity.ERROR, f"cannot read the file: {why}", file, 1, 1)
