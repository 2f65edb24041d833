"""Reporters: findings of a validation run as text for people and formats for machines.

This package owns the reporters of `orgdesign validate --format` and the options they
take. A reporter takes the run and returns the whole output as text
(`orgdesign.output.formats.FindingsWriter`); which name is which reporter is
`orgdesign.output.registry.FINDINGS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReportOptions:
    """How a reporter should write: with rich colour markup, and without the summary line.

    `base` is the folder machine formats (SARIF, GitHub, JUnit) name files from
    (`orgdesign.output.findings.paths.report_base`); None keeps the names as given.
    """

    colour: bool = False
    quiet: bool = False
    base: Path | None = None
