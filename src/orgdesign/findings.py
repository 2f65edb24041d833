"""Findings: what a rule (or the loader) reports, and where.

This module owns the `Finding` record, the `Severity` scale and the `Location`
that ties a finding to a file, line and column. Everything downstream
(reporters, exit codes) speaks in these types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


# Characters that change what a terminal (or a code review page) shows rather than being
# shown: C0 and C1 controls (ESC, BEL, U+009B the 8-bit CSI ...), DEL, bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), line and paragraph
# separators and the other invisible format characters (Unicode category Cf), except the
# zero-width (non-)joiners U+200C/U+200D that Persian, Indic scripts and emoji need.
_UNSAFE_REST = (
    "\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE = re.compile("[\x00-\x1f" + _UNSAFE_REST + "]")
# A CR that ends a line (CRLF, as CSV writes it) is a line break too, not a control.
_UNSAFE_KEEP_LINES = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f" + _UNSAFE_REST + "]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: str) -> str:
    """Text on one line with every character a terminal would act on written as an escape.

    C0 controls and DEL become `\\n`, `\\t`, `\\x1b`...; C1 controls, bidirectional
    overrides and other format characters become `\\u009b`, `\\u202e`... (valid in JSON
    strings too, with the same meaning).
    """
    return _UNSAFE.sub(_escape_char, text)


def terminal_safe(text: str) -> str:
    """Like `printable` but line feeds and tabs stay: for multi-line text meant for a terminal."""
    return _UNSAFE_KEEP_LINES.sub(_escape_char, text)


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; line and column are 1-based."""

    file: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem."""

    rule: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    element: str | None = None

    @classmethod
    def at(
        cls,
        rule: str,
        severity: Severity,
        message: str,
        loc: Location,
        element: str | None = None,
    ) -> Finding:
        return cls(rule, severity, message, loc.file, loc.line, loc.column, element)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def printable(self) -> str:
        """The message on one line with control characters shown as escapes (for terminals, XML)."""
        return printable(self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "element": self.element,
        }
