"""The `orgdesign` command line.

This module only parses options, calls `orgdesign.api` and prints; it holds no
logic of its own. Exit codes: 0 success (warnings allowed unless `--strict`),
1 error-level findings or a file that cannot be loaded, 2 wrong usage
(including an unusable configuration).
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from orgdesign import __version__, api
from orgdesign.commands import register_all
from orgdesign.config import Config, ConfigError
from orgdesign.findings import Severity
from orgdesign.reporters import REPORTERS
from orgdesign.rules import registry as default_registry

app = typer.Typer(
    name="orgdesign",
    help="Organisation as code: lint org structures written in YAML and turn them into documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Configuration file (.orgdesign.toml or pyproject.toml); default: the nearest one.",
        dir_okay=False,
    ),
]


class Format(enum.StrEnum):
    """`validate --format` choices: one per reporter in `orgdesign.reporters.REPORTERS`."""

    text = "text"
    json = "json"


def _err(message: str) -> Console:
    console = Console(stderr=True, highlight=False)
    console.print(f"[bold red]orgdesign:[/bold red] {escape(message)}")
    return console


def _config(path: Path | None) -> Config:
    try:
        return api.resolve_config(path)
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc


def _version(value: bool) -> None:
    if value:
        typer.echo(f"orgdesign {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Organisation as code."""


@app.command()
def validate(
    files: Annotated[
        list[str], typer.Argument(help="Org files, folders or globs.", show_default=False)
    ],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format[
        "text"
    ],
    strict: Annotated[
        bool, typer.Option("--strict", help="Warnings also make the exit code 1.")
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Check org files against the rules and print the findings."""
    cfg = _config(config)
    paths = api.expand_paths(files)
    if not paths:
        _err("no org files found in " + ", ".join(files))
        raise typer.Exit(EXIT_USAGE)
    try:
        run = api.validate(paths, cfg)
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc
    name = format.value
    colour = name == "text" and sys.stdout.isatty()
    output = REPORTERS[name](run, colour)
    if colour:
        Console(highlight=False, soft_wrap=True).print(output, end="")
    else:
        sys.stdout.write(output)
    fail_on = Severity.WARNING if (strict or cfg.strict) else Severity.ERROR
    raise typer.Exit(run.exit_code(fail_on))


@app.command("rules")
def list_rules(
    config: ConfigOption = None,
) -> None:
    """List every rule with its id, default severity and summary."""
    cfg = _config(config)
    table = Table(show_lines=False, header_style="bold")
    table.add_column("id")
    table.add_column("name")
    table.add_column("severity")
    table.add_column("enabled")
    table.add_column("checks")
    for rule in default_registry():
        severity = cfg.severity.get(rule.id, rule.severity).value
        table.add_row(
            rule.id,
            rule.name,
            severity + (" *" if rule.severity_note else ""),
            "yes" if cfg.enabled(rule.id) or rule.id == "ORG001" else "no",
            rule.summary,
        )
    console = Console(highlight=False)
    console.print(table)
    console.print("* depends on context: see `orgdesign explain ID`.")


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. ORG106.")]) -> None:
    """Print a rule's documentation."""
    rule = default_registry().get(rule_id)
    if rule is None:
        _err(f"unknown rule {rule_id!r}; `orgdesign rules` lists them")
        raise typer.Exit(EXIT_USAGE)
    lines = [f"{rule.id} {rule.name} (default severity: {rule.severity.value})"]
    if rule.severity_note:
        lines.append(f"Severity: {rule.severity_note}.")
    lines += ["", rule.doc]
    options = rule.default_options()
    if options:
        lines += ["", "Options (defaults): " + ", ".join(f"{k} = {v}" for k, v in options.items())]
        lines.append(f"Set them in [tool.orgdesign.options.{rule.id}].")
    typer.echo("\n".join(lines))


@app.command()
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
        api.write_text_atomic(output, text)


register_all(app)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except (typer.Exit, SystemExit):
        raise
    except Exception as exc:  # pragma: no cover - last resort
        _err(f"internal error: {type(exc).__name__}: {exc} (please report this as a bug)")
        sys.exit(EXIT_FINDINGS)


if __name__ == "__main__":  # pragma: no cover
    main()
