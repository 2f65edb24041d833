"""The spreadsheet formula guard: which cell text a spreadsheet would run, and its undoing.

Reading a table (`analysis.tables`) removes the guard that writing one
(`output.escape.formula_guard`, re-exported from here) adds, so both sides live
in one place below every writer: a value written and read back is exactly the
value it was.
"""

from __future__ import annotations

FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (or a DDE command)."""


def _guarded(value: str) -> bool:
    """Text that starts with `'` and then a character the guard would have protected."""
    return value[:1] == "'" and len(value) > 1 and (value[1] in FORMULA_STARTS or value[1] == "'")


def formula_guard(value: str) -> str:
    """The text of a CSV or XLSX cell: prefixed with `'` if a spreadsheet could take it
    for a formula.

    Text that already starts with `'` followed by a character `formula_unguard`
    would strip is prefixed too, so that every value reads back unchanged."""
    if value[:1] in FORMULA_STARTS or _guarded(value):
        return "'" + value
    return value


def formula_unguard(value: str) -> str:
    """The value of a cell read back: the `'` added by `formula_guard` removed."""
    return value[1:] if _guarded(value) else value
