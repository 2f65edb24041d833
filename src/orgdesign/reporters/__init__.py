"""Reporters: findings of a validation run as text for people and formats for machines.

This package owns the name -> implementation registry used by
`orgdesign validate --format`. A reporter is a function taking the run and
returning the whole output as text; a new format is one module and one line in
`REPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from orgdesign.reporters import jsonfmt, text

if TYPE_CHECKING:
    from orgdesign.api import ValidationRun

Reporter = Callable[["ValidationRun", bool], str]
"""(run, colour) -> the whole output."""

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": jsonfmt.render,
}


def get(name: str) -> Reporter:
    return REPORTERS[name]
