"""Validating a scenario: its own findings, its base's, and the rules on the applied result.

Findings the changes caused are located in the scenario file (see `apply`);
findings about what the scenario leaves alone stay located in the base.
Targets in force: the base's, overridden by the scenario's `targets:`, then by
`[tool.orgdesign.targets]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orgdesign.analysis.scenario.apply import Applied, apply_scenario
from orgdesign.analysis.scenario.load import ScenarioDoc, read_scenario
from orgdesign.assemble.project import Assembly, FileCache, assemble
from orgdesign.assemble.targets import effective
from orgdesign.findings import Finding, Severity
from orgdesign.lint.engine import Registry, Settings, apply_config, run_rules, unknown_ignores
from orgdesign.load.loader import YMap
from orgdesign.model import Org


@dataclass
class ScenarioRun:
    """A scenario read, applied and checked."""

    doc: ScenarioDoc
    findings: list[Finding] = field(default_factory=list)
    base: Assembly | None = None
    applied: Applied | None = None
    base_raw: YMap | None = None
    """The base root file's raw content (what `scenario apply` writes back, changed)."""
    included_raw: list[YMap] = field(default_factory=list)
    """Raw content of the org files the base includes (not catalogues)."""

    @property
    def org(self) -> Org | None:
        return self.applied.org if self.applied else None


def _base(run: ScenarioRun, cache: FileCache, settings: Settings) -> Assembly | None:
    doc = run.doc
    path = doc.base_path
    if path is None:
        return None
    if not path.is_file():
        run.findings.append(
            Finding.at(
                "ORG001",
                Severity.ERROR,
                f"cannot read the base {doc.info.base if doc.info else ''!r}: no such file "
                "(the path is relative to the scenario file)",
                doc.base_at(),
            )
        )
        return None
    base = assemble(path, doc.base_display, cache)
    run.findings.extend(apply_config(base.findings, base.org if base.loaded else None, settings))
    if not base.loaded or base.is_catalog:
        return None
    data = cache.loaded_data(path.resolve())
    run.base_raw = data if isinstance(data, YMap) else None
    for key in sorted(base.included):
        other = cache.loaded_data(Path(key))
        if isinstance(other, YMap) and "catalog" not in other:
            run.included_raw.append(other)
    return base


def run_scenario(
    path: Path, display: str, cache: FileCache, registry: Registry, settings: Settings
) -> ScenarioRun:
    """Read the scenario, assemble its base, apply the changes and run every rule."""
    run = ScenarioRun(read_scenario(path, display, cache))
    run.findings.extend(apply_config(run.doc.findings, None, settings))
    run.base = _base(run, cache, settings)
    if run.base is None:
        return run
    run.applied = apply_scenario(run.base.org, run.doc)
    org = run.applied.org
    org.targets = effective(org.targets, settings.config.targets)
    run.findings.extend(apply_config(run.applied.findings, org, settings))
    run.findings.extend(apply_config(unknown_ignores(org, registry), org, settings))
    run.findings.extend(run_rules(org, registry, settings))
    run.findings.sort(key=Finding.sort_key)
    return run
