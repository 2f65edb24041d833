"""Findings: what a rule (or the loader) reports, and where.

This module owns the `Finding` record, the `Severity` scale and the `Location`
that ties a finding to a file, line and column. Everything downstream
(reporters, exit codes) speaks in these types.
"""

from __future__ import annotations

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


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
}


def printable(text: str) -> str:
    """Text with C0 control characters (and DEL) written as escapes such as `\\n`."""
    return text.translate(_CONTROL)


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
