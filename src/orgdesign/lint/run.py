"""The result of one `validate` call: each root file's findings and the rules that ran.

This module owns `ValidationRun`, what every findings reporter writes and what
decides the exit code; `orgdesign.api.validate` makes one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from orgdesign.findings import Finding, Severity
from orgdesign.lint.engine import Registry
from orgdesign.lint.rules import registry as default_registry
from orgdesign.model import Org


@dataclass
class FileResult:
    """One root file validated."""

    file: str
    findings: list[Finding]
    org: Org | None


@dataclass
class ValidationRun:
    """Every root file of one `validate` call, with their findings."""

    results: list[FileResult] = field(default_factory=list)
    registry: Registry = field(default_factory=default_registry)
    """The rules the run used (reporters describe them, e.g. in SARIF)."""
    reused: bool = False
    """The findings are the previous run's, moved (`orgdesign.lint.memo`); `org` is then None."""
    rules_reused: frozenset[str] = frozenset()
    """Rules not run again after an edit of values they do not read: their findings are the
    previous run's, moved."""

    @property
    def findings(self) -> list[Finding]:
        seen: set[Finding] = set()
        out: list[Finding] = []
        for result in self.results:
            for finding in result.findings:
                if finding not in seen:
                    seen.add(finding)
                    out.append(finding)
        return sorted(out, key=Finding.sort_key)

    def counts(self) -> Counter[str]:
        return Counter(f.severity.value for f in self.findings)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        threshold = fail_on.rank
        return 1 if any(f.severity.rank >= threshold for f in self.findings) else 0

    def summary(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "files": len(self.results),
            "findings": sum(counts.values()),
            "errors": counts.get("error", 0),
            "warnings": counts.get("warning", 0),
            "infos": counts.get("info", 0),
            "rules": dict(sorted(Counter(f.rule for f in self.findings).items())),
        }
