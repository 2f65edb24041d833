"""Scenario commands: `scenario apply`, `scenario compare` and `suggest`.

Each parses its options, calls `orgdesign.analysis.scenario` and prints or
writes through `orgdesign.load.fsio` (whole or not at all). `validate`, `chart`,
`stats`, `diff` and `build` read a scenario file like an org file: they see the
base with the changes applied. Exit codes: 0 success, 1 a scenario whose
changes cannot be applied or an input that cannot be read, 2 wrong usage.
"""

from __future__ import annotations

import enum
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError
from rich.markup import escape

from orgdesign import api
from orgdesign.analysis.scenario import compare as comparing
from orgdesign.analysis.scenario.load import is_scenario, read_scenario
from orgdesign.analysis.scenario.suggest import Suggestion, suggest
from orgdesign.analysis.scenario.validate import ScenarioRun, run_scenario
from orgdesign.analysis.scenario.write import org_text, scenario_text
from orgdesign.assemble.project import FileCache
from orgdesign.assemble.targets import override
from orgdesign.cli.commands.choices import format_choice, format_help
from orgdesign.cli.commands.common import (
    EXIT_FINDINGS,
    ConfigOption,
    Loaded,
    config_or_exit,
    err_console,
    fail,
    load_or_exit,
)
from orgdesign.findings import Finding, Severity
from orgdesign.lint.engine import check_config, run_rules
from orgdesign.lint.rules import registry as default_registry
from orgdesign.load.config import Config, ConfigError
from orgdesign.load.fsio import write_text_atomic
from orgdesign.load.loader import MIB, Limits
from orgdesign.model import Targets
from orgdesign.output.build import Part
from orgdesign.output.documents.scenario import before_after
from orgdesign.output.registry import COMPARE

ScenarioArg = Annotated[
    Path, typer.Argument(help="The scenario file (YAML).", dir_okay=False, show_default=False)
]
OutOption = Annotated[
    Path, typer.Option("--output", "-o", help="The org file to write.", dir_okay=False)
]


if TYPE_CHECKING:
    CompareFormat = str
else:
    CompareFormat = format_choice(COMPARE)
    """`scenario compare --format`: one per comparison format of the registry."""


def _say_findings(findings: list[Finding]) -> None:
    console = err_console()
    for f in findings:
        console.print(
            escape(f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.rule} {f.printable()}"),
            soft_wrap=True,
        )


def scenario_run(file: Path, config: Config) -> ScenarioRun:
    """Read, apply and check a scenario file, or exit (2 not a scenario, 1 unreadable)."""
    registry = default_registry()
    try:
        settings = check_config(config, registry)
    except ConfigError as exc:
        raise fail(str(exc)) from exc
    cache = FileCache(Limits(max_bytes=int(config.max_file_size * MIB)))
    if not file.is_file():
        raise fail(f"{file}: no such file", EXIT_FINDINGS)
    if not is_scenario(file, str(file), cache):
        raise fail(f"{file} is not a scenario file (it needs `scenario: {{id, name, base}}`)")
    try:
        return run_scenario(file, str(file), cache, registry, settings)
    except ConfigError as exc:
        raise fail(str(exc)) from exc


def blocking(run: ScenarioRun) -> list[Finding]:
    """Findings that keep the scenario from being applied as written: in the scenario file
    itself (a change refused, a change written wrongly) or a base that cannot be read."""
    if run.applied is None:
        return [f for f in run.findings if f.severity is Severity.ERROR] or run.findings
    refused = [*run.doc.findings, *run.applied.findings]
    return [f for f in refused if f.severity is Severity.ERROR]


def apply_cmd(file: ScenarioArg, output: OutOption, config: ConfigOption = None) -> None:
    """Write the whole organisation a scenario describes (its base with the changes applied)."""
    run = scenario_run(file, config_or_exit(config))
    problems = blocking(run)
    if problems or run.org is None or run.base_raw is None:
        _say_findings(problems)
        raise fail(
            f"{file}: the scenario cannot be applied as written; nothing written", EXIT_FINDINGS
        )
    info = run.doc.info
    name = info.name if info else file.stem
    header = (
        f"# {name}: scenario {file} applied to {run.doc.base_display} "
        f"({len(run.applied.applied) if run.applied else 0} changes)\n"
    )
    try:
        write_text_atomic(output, org_text(run.org, run.base_raw, run.included_raw, header))
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from exc
    if run.applied is not None:  # what a change left out (SCN702), said as it is written
        _say_findings([f for f in run.applied.findings if f.severity is not Severity.ERROR])
    errors = [f for f in run.findings if f.severity is Severity.ERROR]
    err_console().print(
        escape(
            f"wrote {output}"
            + (
                f" ({len(errors)} error-level finding(s); run `orgdesign validate {file}`)"
                if errors
                else ""
            )
        ),
        soft_wrap=True,
    )
    raise typer.Exit(EXIT_FINDINGS if errors else 0)


def compare_cmd(
    base: Annotated[Path, typer.Argument(help="The base org file.", dir_okay=False)],
    scenarios: Annotated[
        list[Path], typer.Argument(help="Scenario files (or other org files).", dir_okay=False)
    ],
    format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help=format_help(COMPARE))
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file.", dir_okay=False)
    ] = None,
    config: ConfigOption = None,
) -> None:
    """The base and its scenarios side by side: headcount, cost, layers, spans, targets, RACI."""
    cfg = config_or_exit(config)
    loaded = load_or_exit(base, config)
    name = loaded.org.organization.name if loaded.org.organization else base.stem
    columns = [comparing.column(name, loaded.org, loaded.findings)]
    for path in scenarios:
        cache = FileCache()
        if path.is_file() and is_scenario(path, str(path), cache):
            run = scenario_run(path, cfg)
            if run.org is None or blocking(run):
                _say_findings(blocking(run))
                raise fail(f"{path}: the scenario cannot be applied as written", EXIT_FINDINGS)
            label = run.doc.info.name if run.doc.info else path.stem
            columns.append(comparing.column(label, run.org, run.findings))
        else:
            other = load_or_exit(path, config)
            columns.append(comparing.column(path.stem, other.org, other.findings))
    text = COMPARE.named(format).writer()(columns, None)
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text)


def register(app: typer.Typer) -> None:
    """Add `scenario apply|compare` and `suggest` to the app."""
    group = typer.Typer(
        name="scenario",
        help="Scenario files: alternative organisations written as changes to a base.",
        no_args_is_help=True,
    )
    group.command("apply")(apply_cmd)
    group.command("compare")(compare_cmd)
    app.add_typer(group, name="scenario")
    app.command("suggest")(suggest_cmd)


class SolverChoice(enum.StrEnum):
    auto = "auto"
    cp_sat = "cp-sat"
    heuristic = "heuristic"


def _targets(
    org_targets: Targets | None, span_min: int | None, span_max: int | None, layers_max: int | None
) -> tuple[Targets, dict[str, Any]]:
    """The targets to meet, and the part given on the command line (written into the scenario)."""
    given: dict[str, Any] = {}
    if span_min is not None or span_max is not None:
        given["span"] = {k: v for k, v in (("min", span_min), ("max", span_max)) if v is not None}
    if layers_max is not None:
        given["layers"] = {"max": layers_max}
    try:
        extra = Targets.model_validate(given) if given else None
    except ValidationError as exc:
        raise fail(f"targets given as options: {exc.errors(include_url=False)[0]['msg']}") from exc
    merged = override(org_targets, extra)
    if merged is None or not (merged.span or merged.layers or merged.manager_kinds):
        raise fail(
            "no span or layer targets: add `targets: {span: {max: 8}, layers: {max: 6}}` to the "
            "org file, `[tool.orgdesign.targets]` to the configuration, or pass --span-max / "
            "--layers-max"
        )
    return merged, given


def _count(findings: list[Finding], rules: tuple[str, ...]) -> int:
    return sum(1 for f in findings if f.rule in rules)


AllowNewOption = Annotated[
    bool,
    typer.Option("--allow-new", help="Also propose new lead positions below over-span managers."),
]
SolverOption = Annotated[
    SolverChoice,
    typer.Option("--solver", help="auto (CP-SAT, greedy fallback), cp-sat or heuristic."),
]


def suggest_cmd(
    file: Annotated[Path, typer.Argument(help="The org file.", dir_okay=False, show_default=False)],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The scenario file to write.", dir_okay=False)
    ],
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.5, help="Seconds the search may take.")
    ] = 10.0,
    allow_new: AllowNewOption = False,
    solver: SolverOption = SolverChoice.auto,
    span_min: Annotated[
        int | None, typer.Option("--span-min", min=0, help="Span target minimum.")
    ] = None,
    span_max: Annotated[
        int | None, typer.Option("--span-max", min=1, help="Span target maximum.")
    ] = None,
    layers_max: Annotated[
        int | None, typer.Option("--layers-max", min=1, help="Layer target.")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Propose moves (new leads with --allow-new) that bring spans and layers within the targets."""
    loaded = load_or_exit(file, config)
    targets, given = _targets(loaded.org.targets, span_min, span_max, layers_max)
    result = suggest(
        loaded.org,
        targets,
        seconds=time_limit,
        allow_new=allow_new,
        method=solver.value,
    )
    text = _proposal_text(file, output, result, time_limit, given)
    moves = sum(1 for c in result.changes if c.kind == "move")
    adds = len(result.changes) - moves
    try:
        write_text_atomic(output, text)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from exc
    run = scenario_run(output, loaded.config)
    problems = blocking(run)
    if problems:  # pragma: no cover - the candidates rule this out; say so loudly if not
        _say_findings(problems)
        raise fail(
            f"{output}: the proposal does not apply cleanly (please report this as a bug)",
            EXIT_FINDINGS,
        )
    rules = ("TGT601", "TGT602")
    err_console().print(
        escape(
            f"wrote {output}: {moves} move(s), {adds} new position(s) ({result.method}, "
            f"{result.seconds:.1f} s); span and layer target findings "
            f"{_count(_with_targets(loaded, targets), rules)} -> {_count(run.findings, rules)}"
        ),
        soft_wrap=True,
    )


def _proposal_text(
    file: Path, output: Path, result: Suggestion, time_limit: float, given: dict[str, Any]
) -> str:
    """The scenario file `suggest` writes: a header saying how it was found, then the changes."""
    base = os.path.relpath(file.resolve(), output.resolve().parent)
    moves = sum(1 for c in result.changes if c.kind == "move")
    adds = len(result.changes) - moves
    header = [
        f"Proposed by `orgdesign suggest {file}`: {moves} move(s), {adds} new position(s);",
        f"Search: {result.method}; {result.seconds:.1f} s (time limit {time_limit:g} s).",
        f"Managers outside the span target: {len(result.before.span_violations)} before, "
        f"{len(result.after.span_violations)} after; deepest layer {result.before.deepest} -> "
        f"{result.after.deepest}.",
        *result.notes,
        f"Each change says why above it. Check with: orgdesign validate {output}",
        "",
    ]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", file.stem).strip("-._") or "org"
    name = f"Suggested changes to {file.stem}"
    return scenario_text(f"{slug}-suggested", name, base, result.changes, header, given or None)


def _with_targets(loaded: Loaded, targets: Targets) -> list[Finding]:
    """The base's span and layer findings under the targets `suggest` used."""
    registry = default_registry()
    settings = check_config(Config(select=["TGT601", "TGT602"]), registry)
    saved = loaded.org.targets
    loaded.org.targets = targets
    try:
        return run_rules(loaded.org, registry, settings)
    finally:
        loaded.org.targets = saved


def scenario_charts(
    file: Path, loaded: Loaded, lang: str | None
) -> Callable[[Path], list[Part]] | None:
    """For `build` of a scenario file: the step drawing the base's and the scenario's charts."""
    cache = FileCache()
    if not file.is_file() or not is_scenario(file, str(file), cache):
        return None
    doc = read_scenario(file, str(file), cache)
    if doc.base_path is None or not doc.base_path.is_file():
        return None
    shown = doc.base_display or str(doc.base_path)
    base = api.validate([(doc.base_path, shown)], loaded.config).results[0]
    if base.org is None:
        return None
    return before_after(base.org, base.findings, loaded.org, loaded.findings, lang)
