"""Typing plain scalars by the YAML 1.2 core schema (stricter on YAML 1.1 look-alikes).

This module owns what a scalar's text becomes: `no`, `on`, `010` or `1:30` stay
the text that was written; numbers keep their text (`YInt`, `YFloat`); only the
core tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`) may retype a value.
"""

from __future__ import annotations

import math
import re
from typing import Any

from orgdesign.load.limits import LoadError
from orgdesign.load.nodes import YFloat, YInt

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
FIRST_NUMERIC = frozenset("0123456789+-.")
WORDS = _NULLS | _TRUE | _FALSE

CORE = "tag:yaml.org,2002:"
SCALAR_TAGS = frozenset(CORE + t for t in ("str", "int", "float", "bool", "null"))
MAP_TAGS = frozenset({CORE + "map", "!"})
SEQ_TAGS = frozenset({CORE + "seq", "!"})


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
    if not value or value[0] not in FIRST_NUMERIC:
        return value
    if _INT.match(value):
        if len(value) > 1000:  # beyond Python's int-from-text limit: keep the text
            return value
        return _number(int(value), value, YInt)
    if _HEX.match(value):
        return YInt(int(value, 16), value)
    if _OCT.match(value):
        return YInt(int(value[2:], 8), value)
    if _FLOAT.match(value) and any(ch.isdigit() for ch in value):
        if re.match(r"[-+]?0[0-9]", value):  # 010.5: leading zero, keep the text
            return value
        return _number(float(value), value, YFloat)
    if value in _INF:
        return YFloat(math.inf, value)
    if value in _NINF:
        return YFloat(-math.inf, value)
    if value in _NAN:
        return YFloat(math.nan, value)
    return value


def _number(number: int | float, text: str, written: type[YInt] | type[YFloat]) -> Any:
    """The number, remembering its text only where `str()` would not give that text back.

    `3` and `2.5` are plain numbers; `+3`, `-0` and `1.10` keep what was written. A plain
    number is made in C and takes a third of the memory of a `YInt`: at a million
    positions (two numbers each) that is about 170 MB and a Python call per number less.
    """
    return number if str(number) == text else written(number, text)


def tagged_scalar(tag: str, value: str, line: int, col: int) -> Any:
    """A scalar with a core tag (`!!int 3`), checked against its tag."""
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
        try:
            return float(resolved)
        except OverflowError:  # `!!float 99…9` (400 digits): no float holds it
            raise LoadError(
                "ORG001", f"value {value[:40]!r}… is too large for a !!float", line, col
            ) from None
    return resolved
