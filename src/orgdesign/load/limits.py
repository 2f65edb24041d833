"""The limits of loading one file, and the error that stops the builder.

This module owns the resource limits (size, depth, aliases) a load applies and
`LoadError`, the internal exception the builder raises at a located problem
(the loader turns it into a finding).
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Resource limits applied while loading one file."""

    max_bytes: int = 10 * MIB
    max_depth: int = 64
    max_aliases: int = 100
    max_alias_nodes: int = 10_000

    def too_deep(self) -> str:
        """The message for nesting beyond `max_depth`."""
        return (
            f"nesting is deeper than {self.max_depth} levels; "
            "an org file never needs this much: flatten the structure"
        )


class LoadError(Exception):
    """Internal: stops the builder at a located problem (turned into a finding)."""

    def __init__(self, rule: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column
