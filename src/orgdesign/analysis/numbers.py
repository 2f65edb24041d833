"""Numbers as every report writes them: one formatter for counts, money, deltas and rates.

This module owns how a figure looks wherever orgdesign writes it (`stats`,
`diff`, the HR import's YAML, scenario files): integral floats as integers
(`420000.0` is `420000`), others to two decimals, money with thousands
separators, deltas with their sign, rates as percentages.
"""

from __future__ import annotations


def plain_number(value: float) -> int | float:
    """Integral floats as ints, others rounded to two decimals (for JSON, CSV and YAML)."""
    return int(value) if float(value).is_integer() else round(value, 2)


def money(value: float) -> str:
    """`1,234,500` or `1,234.50`."""
    number = plain_number(value)
    return f"{number:,}" if isinstance(number, int) else f"{number:,.2f}"


def signed(value: float) -> str:
    """A delta with its sign: `+1,200`, `-3`, `+0`, `-12.50`."""
    number = plain_number(value)
    return f"{number:+,}" if isinstance(number, int) else f"{number:+,.2f}"


def percent(rate: float) -> str:
    """A rate (0..1) as `12.5%`."""
    return f"{rate * 100:.1f}%"
