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
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

import yaml

from orgdesign.findings import Finding, Severity
from orgdesign.load.fsio import ReadError, read_capped

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
                        self._add(frame, value, line, col, 0)
                        continue
                    frame.key = None
                    container[key] = value
                    container.pos.extend((frame.key_line, frame.key_col, line, col))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                mark = event.start_mark
                line = mark.line + 1
                col = mark.column + 1
                if len(stack) >= max_depth:
                    raise LoadError("ORG001", _too_deep(self.limits), line, col)
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
                    self._add(frame, c, c.line, c.column, done.nodes)
                else:
                    frame.nodes += done.nodes
                    frame.key = None
                    parent[pending] = c
                    parent.pos.extend((frame.key_line, frame.key_col, c.line, c.column))
            elif kind is yaml.AliasEvent:
                line, col = _mark(event)
                value, nodes = self._alias(event.anchor, line, col)
                if frame is not None:
                    self._add(frame, value, line, col, nodes)
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

    def _add(self, frame: _Frame, value: Any, line: int, col: int, nodes: int) -> None:
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


_FLOW_SCAN = re.compile(r"[\[\]{}\"'#]")
_QUOTE_END = {'"': re.compile(r'"|\\.', re.S), "'": re.compile(r"'")}
# After these (and at a line's start) a quote or bracket starts a new node; elsewhere it is
# part of a plain scalar such as `People's` or `Sales [EMEA]` and opens nothing.
_NODE_START_AFTER = frozenset("-?:,[{")


def _starts_node(text: str, index: int, in_flow: bool) -> bool:
    """Whether the indicator at `index` begins a node (it follows a line start or an indicator)."""
    j = index - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] in "\n\r\ufeff":
        return True
    prev = text[j]
    if prev not in _NODE_START_AFTER:
        return False
    # Outside flow context `-`, `?` and `:` are indicators only when white space follows them.
    return (in_flow and prev in ",[{:") or j < index - 1


def _skip_quoted(text: str, index: int) -> int:
    """Index just past the quoted scalar that starts at `index` (or the end of the text)."""
    end = _QUOTE_END[text[index]]
    pos = index + 1
    while (m := end.search(text, pos)) is not None:
        if m.group() == "'" and text.startswith("''", m.start()):
            pos = m.start() + 2
        elif len(m.group()) == 2:
            pos = m.end()
        else:
            return m.end()
    return len(text)


def flow_depth_overflow(text: str, max_depth: int) -> int | None:
    """Index of the first flow opener nested deeper than `max_depth`, or None.

    libyaml reads a whole run of `[`/`{` ahead before it hands over the first event (any of them
    could start a key), so the builder's own depth check comes too late for flow collections:
    this linear pre-scan of brackets outside quotes and comments is the limit that holds first.
    """
    if text.count("[") + text.count("{") <= max_depth:
        return None
    depth, pos = 0, 0
    while (m := _FLOW_SCAN.search(text, pos)) is not None:
        char, i = m.group(), m.start()
        pos = i + 1
        if char == "#":
            if i == 0 or text[i - 1] in " \t\n\r":
                newline = text.find("\n", i)
                pos = len(text) if newline < 0 else newline
        elif char in "\"'":
            if _starts_node(text, i, depth > 0):
                pos = _skip_quoted(text, i)
        elif char in "[{":
            if depth > 0 or _starts_node(text, i, False):
                depth += 1
                if depth > max_depth:
                    return i
        elif depth > 0:
            depth -= 1
    return None


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _reader_position(text: str, index: int) -> tuple[int, int]:
    """Line and column of libyaml's reader position, a UTF-8 byte offset."""
    before = text.encode("utf-8")[:index].decode("utf-8", errors="ignore")
    index = len(before)
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


# --- line numbers as editors count them ------------------------------------------------

# libyaml follows YAML 1.1, where NEL (U+0085), LS (U+2028) and PS (U+2029) also end a
# line. YAML 1.2, the spec of org files and every editor break lines only at LF, CR and
# CRLF, so marks after one of those characters are moved back to the real line.
_YAML11_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EXTRA_BREAKS = ("\x85", "\u2028", "\u2029")


def _line_map(text: str) -> list[tuple[int, int]] | None:
    """For each libyaml line (0-based): the real line (1-based) and the columns before it.

    None when the text has no YAML 1.1-only line break (then libyaml's marks are right).
    """
    if not any(ch in text for ch in _EXTRA_BREAKS):
        return None
    table = [(1, 0)]
    real_line, real_start = 1, 0
    for match in _YAML11_BREAKS.finditer(text):
        end = match.end()
        if match.group() not in _EXTRA_BREAKS:
            real_line, real_start = real_line + 1, end
        table.append((real_line, end - real_start))
    return table


def _real_mark(mark: Any, table: list[tuple[int, int]]) -> Any:
    line, offset = table[min(mark.line, len(table) - 1)]
    return yaml.Mark(mark.name, mark.index, line - 1, mark.column + offset, None, 0)


def _remapped(events: Any, table: list[tuple[int, int]] | None) -> Any:
    if table is None:
        yield from events
        return
    for event in events:
        event.start_mark = _real_mark(event.start_mark, table)
        yield event


# --- public API ------------------------------------------------------------------------


def _tab_at(text: str, mark: Any) -> bool:
    """libyaml stopped at a tab (its own words, "cannot start any token", say nothing of it)."""
    if mark is None:
        return False
    lines = text.split("\n")
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return 0 <= mark.column < len(line) and line[mark.column] == "\t"


def load_text(text: str, file: str, limits: Limits | None = None) -> LoadResult:
    """Load YAML text. Never raises: problems become findings."""
    limits = limits or Limits()
    result = LoadResult(file)
    builder = _Builder(file, limits)
    overflow = flow_depth_overflow(text, limits.max_depth)
    if overflow is not None:
        line, col = _position(text, overflow)
        finding = Finding("ORG001", Severity.ERROR, _too_deep(limits), file, line, col)
        result.findings.append(finding)
        return result
    table = _line_map(text)
    try:
        parser = _EventLoader(text)
        try:  # get_event until None: the events of `yaml.parse` without its generator
            events = iter(parser.get_event, None)
            data = builder.build(events if table is None else _remapped(events, table))
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
        if mark is not None and table is not None:
            mark = _real_mark(mark, table)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        if "nesting" in problem:  # libyaml's own depth limit, when it is reached first
            problem = f"{problem}; an org file never needs this much: flatten the structure"
        if _tab_at(text, mark):
            problem = "tabs cannot indent YAML; use spaces (replace the tab at this position)"
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
        data = read_capped(path, limits.max_bytes, name)
    except ReadError as exc:
        if exc.too_big:
            return LoadResult(name, findings=[_too_big(name, None, limits)])
        return LoadResult(name, findings=[_unreadable(name, exc.reason)])
    return load_bytes(data, name, limits)


def _too_deep(limits: Limits) -> str:
    return (
        f"nesting is deeper than {limits.max_depth} levels; "
        "an org file never needs this much: flatten the structure"
    )


def _too_big(file: str, size: int | None, limits: Limits) -> Finding:
    how_big = "file is larger than" if size is None else f"file is {size / MIB:.1f} MiB, above"
    return Finding(
        "ORG001",
        Severity.ERROR,
        f"{how_big} the limit of {limits.max_bytes / MIB:.1f} MiB; "
        "split it with `include` or raise `max-file-size` in the configuration",
        file,
        1,
        1,
    )


def _unreadable(file: str, why: str) -> Finding:
    return Finding("ORG001", Severity.ERROR, f"cannot read the file: {why}", file, 1, 1)
