"""Checking commands: `validate`, `rules`, `explain`, `schema`.

This module owns their options and what they print; the checking itself is
`orgdesign.api.validate`. Exit codes: 0 success (warnings allowed unless
`--strict`), 1 error-level findings or a file that cannot be loaded, 2 wrong
usage (including an unusable configuration).
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from orgdesign import api
from orgdesign.cli.commands.choices import format_choice, format_help
from orgdesign.cli.commands.common import ConfigOption, config_or_exit, fail
from orgdesign.findings import Severity
from orgdesign.lint.rules import registry as default_registry
from orgdesign.load.config import Config, ConfigError
from orgdesign.load.fsio import write_text_atomic
from orgdesign.output.findings import ReportOptions
from orgdesign.output.findings.paths import report_base
from orgdesign.output.findings.text import render_statistics
from orgdesign.output.registry import FINDINGS

if TYPE_CHECKING:
    from orgdesign.lint.run import ValidationRun

    Format = str
else:
    Format = format_choice(FINDINGS, "auto")
    """`validate --format` choices: `auto` and one per reporter of the registry."""


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def _write_or_exit(path: Path, text: str) -> None:
    try:
        write_text_atomic(path, text)
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}") from exc


def resolve_format(requested: str, to_file: bool) -> str:
    """`auto`: GitHub annotations inside GitHub Actions, text otherwise."""
    if requested != "auto":
        return str(requested)
    if os.environ.get("GITHUB_ACTIONS") == "true" and not to_file:
        return "github"
    return "text"


FilesArg = Annotated[
    list[str], typer.Argument(help="Org files, folders or globs.", show_default=False)
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help=format_help(FINDINGS, ("auto", "github inside GitHub Actions, else (coloured) text")),
    ),
]
FailOnOption = Annotated[
    FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print the findings only, no summary line.")
]
StatisticsOption = Annotated[
    bool, typer.Option("--statistics", help="Print a count per rule instead of each finding.")
]
ReportFileOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=0, help="Processes parsing included files; 0: auto.")
]
BaseDirOption = Annotated[
    Path | None,
    typer.Option(
        "--base-dir",
        file_okay=False,
        help="SARIF, GitHub and JUnit name files from this folder; default: the git root.",
    ),
]


def validate(
    files: FilesArg,
    format: FormatOption = "auto",
    fail_on: FailOnOption = FailOn.error,
    strict: Annotated[bool, typer.Option("--strict", help="Same as --fail-on warning.")] = False,
    quiet: QuietOption = False,
    statistics: StatisticsOption = False,
    output: ReportFileOption = None,
    config: ConfigOption = None,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="Parse every file; do not read or write .orgdesign_cache."),
    ] = False,
    jobs: JobsOption = 0,
    base_dir: BaseDirOption = None,
) -> None:
    """Check org files against the rules and print the findings."""
    cfg = config_or_exit(config)
    if statistics and format not in ("auto", "text"):
        raise fail("--statistics goes with the text format (JSON has the counts in `summary`)")
    run = _validation_run(files, cfg, no_cache, jobs)
    name = "text" if statistics else resolve_format(format, output is not None)
    colour = name == "text" and output is None and sys.stdout.isatty()
    base = None if name == "text" else report_base(base_dir)
    options = ReportOptions(colour=colour, quiet=quiet, base=base)
    if statistics:
        report = render_statistics(run, options)
    else:
        report = FINDINGS.named(name).writer()(run, options)
    if output is not None:
        _write_or_exit(output, report)
    elif colour:
        from rich.console import Console  # colour only on a terminal

        Console(highlight=False, soft_wrap=True).print(report, end="")
    else:
        sys.stdout.write(report)
    threshold = Severity(fail_on.value)
    if (strict or cfg.strict) and threshold.rank > Severity.WARNING.rank:
        threshold = Severity.WARNING
    raise typer.Exit(run.exit_code(threshold))


def _validation_run(files: list[str], cfg: Config, no_cache: bool, jobs: int) -> ValidationRun:
    """Validate the files the arguments name, or exit 2 when there are none."""
    paths = api.expand_paths(files)
    if not paths:
        raise fail("no org files found in " + ", ".join(files))
    from orgdesign.load.diskcache import DiskCache  # only validate keeps a disk cache
    from orgdesign.load.filestore import default_jobs

    disk = None if no_cache else DiskCache.open()
    try:
        return api.validate(paths, cfg, disk_cache=disk, jobs=jobs or default_jobs())
    except ConfigError as exc:
        raise fail(str(exc)) from exc


class RulesFormat(enum.StrEnum):
    table = "table"
    md = "md"
    json = "json"


def list_rules(
    format: Annotated[
        RulesFormat,
        typer.Option("--format", "-f", help="table, md (the docs/rules.md page) or json."),
    ] = RulesFormat.table,
    config: ConfigOption = None,
) -> None:
    """List every rule with its id, severity (as configured) and what it checks."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from orgdesign.lint.docs import rules_markdown

    cfg = config_or_exit(config)
    registry = default_registry()
    if format is RulesFormat.md:
        sys.stdout.write(rules_markdown(registry))
        return
    rows = [
        {
            "id": rule.id,
            "name": rule.name,
            "severity": cfg.severity.get(rule.id, rule.severity).value,
            "enabled": cfg.enabled(rule.id) or rule.id == "ORG001",
            "summary": rule.summary,
        }
        for rule in registry
    ]
    if format is RulesFormat.json:
        from orgdesign.output.escape import json_document  # validate never needs it

        sys.stdout.write(json_document(rows))
        return
    table = Table(header_style="bold")
    for column in ("id", "name", "severity", "enabled", "checks"):
        table.add_column(column, no_wrap=column != "checks")
    for row in rows:
        enabled = "yes" if row["enabled"] else "no"
        cells = [str(row[k]) for k in ("id", "name", "severity")]
        table.add_row(*cells, enabled, escape(str(row["summary"])))
    Console(highlight=False, width=None if sys.stdout.isatty() else 160).print(table)


def explain(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. ORG106.")]) -> None:
    """Print a rule's documentation (the same text as docs/rules.md)."""
    from orgdesign.lint.docs import rule_markdown

    rule = default_registry().get(rule_id)
    if rule is None:
        raise fail(f"unknown rule {rule_id!r}; `orgdesign rules` lists them")
    sys.stdout.write(rule_markdown(rule, heading="#"))


def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of the org file format (for editors and other validators)."""
    text = api.schema_text()
    if output is None:
        sys.stdout.write(text)
    else:
        _write_or_exit(output, text)


def register(app: typer.Typer) -> None:
    """Add `validate`, `rules`, `explain` and `schema` to `app`."""
    app.command("validate")(validate)
    app.command("rules")(list_rules)
    app.command("explain")(explain)
    app.command("schema")(schema)
