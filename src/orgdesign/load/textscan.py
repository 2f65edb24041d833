"""Reading the text of a YAML file before and around libyaml.

This module owns what the loader checks or maps on the raw text: decoding
(UTF-8 with or without BOM; UTF-16/32 and bad bytes reported at their line),
the pre-scan that caps flow nesting before libyaml reads ahead, line numbers as
editors count them (YAML 1.1-only line breaks mapped back), and positions of
character and byte offsets.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from orgdesign.findings import Finding, Severity

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def decode(data: bytes, file: str) -> str | Finding:
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


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def reader_position(text: str, index: int) -> tuple[int, int]:
    """Line and column of libyaml's reader position, a UTF-8 byte offset."""
    before = text.encode("utf-8")[:index].decode("utf-8", errors="ignore")
    index = len(before)
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


# libyaml follows YAML 1.1, where NEL (U+0085), LS (U+2028) and PS (U+2029) also end a
# line. YAML 1.2, the spec of org files and every editor break lines only at LF, CR and
# CRLF, so marks after one of those characters are moved back to the real line.
_YAML11_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EXTRA_BREAKS = ("\x85", "\u2028", "\u2029")


def line_map(text: str) -> list[tuple[int, int]] | None:
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


def real_mark(mark: Any, table: list[tuple[int, int]]) -> Any:
    line, offset = table[min(mark.line, len(table) - 1)]
    return yaml.Mark(mark.name, mark.index, line - 1, mark.column + offset, None, 0)


def remapped(events: Any, table: list[tuple[int, int]] | None) -> Any:
    if table is None:
        yield from events
        return
    for event in events:
        event.start_mark = real_mark(event.start_mark, table)
        yield event


def tab_at(text: str, mark: Any) -> bool:
    """libyaml stopped at a tab (its own words, "cannot start any token", say nothing of it)."""
    if mark is None:
        return False
    lines = text.split("\n")
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return 0 <= mark.column < len(line) and line[mark.column] == "\t"
