"""Reporters: findings of a validation run as text for people and formats for machines.

This package owns the name -> implementation registry used by
`orgdesign validate --format`. A reporter is a function taking the run and
returning the whole output as text; a new format is one module and one line in
`REPORTERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from orgdesign.output.findings import github, jsonfmt, junit, sarif, text

if TYPE_CHECKING:
    from orgdesign.lint.run import ValidationRun


@dataclass(frozen=True)
class ReportOptions:
    """How a reporter should write: with rich colour markup, and without the summary line.

    `base` is the folder machine formats (SARIF, GitHub, JUnit) name files from
    (`orgdesign.output.findings.paths.report_base`); None keeps the names as given.
    """

    colour: bool = False
    quiet: bool = False
    base: Path | None = None


Reporter = Callable[["ValidationRun", ReportOptions], str]
"""(run, options) -> the whole output."""

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": jsonfmt.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
}
