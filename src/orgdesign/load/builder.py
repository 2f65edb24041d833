"""Building positioned values from libyaml's event stream.

This module owns `Builder`: it turns the events of one document into
`YMap`/`YSeq`/scalars and is where duplicate keys are reported (ORG003, naming
both places), aliases are capped in number and expanded size, self-references
and non-core tags are refused, nesting depth is capped and `<<` merge keys are
applied.
"""

from __future__ import annotations

from typing import Any

import yaml

from orgdesign.findings import Finding, Severity
from orgdesign.load.limits import Limits, LoadError
from orgdesign.load.nodes import YMap, YSeq
from orgdesign.load.scalars import (
    CORE,
    FIRST_NUMERIC,
    MAP_TAGS,
    SCALAR_TAGS,
    SEQ_TAGS,
    WORDS,
    resolve_plain,
    tagged_scalar,
)

_MORE_DOCUMENTS = (
    "more than one YAML document in the file; an org file holds one "
    "(remove the `---` separator or split the file and use `include`)"
)


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


class Builder:
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
        """Each distinct text once, keys and values: `id` written 100,000 times, or a unit id
        named by every position in it, is one string in memory (and once in a cache entry)."""
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def build(self, events: Any) -> Any:
        """The document's value (None for an empty one); raises LoadError at a problem."""
        # The hot path (13 scalars per position): plain scalars are placed inline; anything
        # rarer (tags, anchors, `<<`, duplicates, containers) goes through the methods.
        frame: _Frame | None = None
        keys = self.keys
        words, first_numeric = WORDS, FIRST_NUMERIC
        scalar_event = yaml.ScalarEvent
        starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        for event in events:
            kind = type(event)
            if kind is not scalar_event:
                if kind in starts:
                    frame = self._start(kind, event)
                elif kind in ends:
                    frame = self._end()
                else:
                    self._other(kind, event, frame)
                continue
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            value = event.value
            if event.tag is not None:
                value = self._scalar(event, line, col)
            # Most plain scalars are words: they stay text without resolve_plain.
            elif (
                not event.style
                and event.implicit[0]
                and (value in words or value[0] in first_numeric)
            ):
                value = resolve_plain(value)
            else:
                value = keys.setdefault(value, value)
            if event.anchor:
                self.anchors[event.anchor] = (value, 1)
            if frame is None:
                self.root = value
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
        return self.root

    def _start(self, kind: type, event: Any) -> _Frame:
        """Open a mapping or a sequence: its frame is the new top of the stack."""
        line, col = _mark(event)
        if len(self.stack) >= self.limits.max_depth:
            raise LoadError("ORG001", self.limits.too_deep(), line, col)
        if event.tag is None:
            opened = YMap(line, col) if kind is yaml.MappingStartEvent else YSeq(line, col)
        else:
            opened = self._open(kind, event, line, col)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        frame = _Frame(opened, event.anchor)
        self.stack.append(frame)
        return frame

    def _end(self) -> _Frame | None:
        """Close the innermost container and place it in its parent (the new top)."""
        stack = self.stack
        done = stack.pop()
        frame = stack[-1] if stack else None
        if done.merges:
            self._merge(done)
        if done.anchor:
            self.open_anchors.discard(done.anchor)
            self.anchors[done.anchor] = (done.container, done.nodes)
        c = done.container
        if frame is None:
            self.root = c
            return None
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
        return frame

    def _other(self, kind: type, event: Any, frame: _Frame | None) -> None:
        """An alias, or the start of a document (only one is allowed); others say nothing."""
        if kind is yaml.AliasEvent:
            line, col = _mark(event)
            value, nodes = self._alias(event.anchor, line, col)
            if frame is not None:
                self._add(frame, value, line, col, nodes)
            else:
                self.root = value
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise LoadError("ORG001", _MORE_DOCUMENTS, *_mark(event))

    def _open(self, kind: type, event: Any, line: int, col: int) -> YMap | YSeq:
        if kind is yaml.MappingStartEvent:
            self._check_tag(event.tag, MAP_TAGS, line, col)
            return YMap(line, col)
        self._check_tag(event.tag, SEQ_TAGS, line, col)
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
        if tag in SCALAR_TAGS:
            return tagged_scalar(tag, event.value, line, col)
        self._check_tag(tag, frozenset(), line, col)
        return None  # unreachable: _check_tag raised

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
