"""What every command that reads an organisation shares: loading it, or saying why not."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding, Severity, printable, terminal_safe
from orgdesign.load.config import Config, ConfigError
from orgdesign.model import Org

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Configuration file (.orgdesign.toml or pyproject.toml); default: the nearest one.",
        dir_okay=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of labels and headings, e.g. en or zh (from `names`)."),
]


class Paper(enum.StrEnum):
    """`--paper` of `chart` and `raci`."""

    a4 = "a4"
    a3 = "a3"
    letter = "letter"
    tabloid = "tabloid"


def err_console() -> Console:
    from rich.console import Console  # rich only when there is something to say

    return Console(stderr=True, highlight=False)


def say(message: str, *, soft_wrap: bool = False) -> None:
    """Print `message` on stderr as it is written: no markup, control characters shown."""
    err_console().print(terminal_safe(message), markup=False, soft_wrap=soft_wrap)


def escape(text: str) -> str:
    """`text` with rich markup made literal."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print `orgdesign: message` on stderr; return the Exit to raise."""
    err_console().print(
        f"[bold red]orgdesign:[/bold red] {escape(terminal_safe(message))}", soft_wrap=True
    )
    return typer.Exit(code)


def config_or_exit(path: Path | None) -> Config:
    try:
        return api.resolve_config(path)
    except ConfigError as exc:
        raise fail(str(exc)) from exc


@dataclass
class Loaded:
    """An organisation read for an output command, with its validation findings."""

    org: Org
    graph: OrgGraph
    findings: list[Finding]
    config: Config

    @property
    def exit_code(self) -> int:
        """1 when the file has error-level findings (the output is still written), else 0."""
        return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in self.findings) else 0


def finish(*loaded: Loaded) -> typer.Exit:
    """The exit of a command that read these files: 1 if any has error-level findings."""
    return typer.Exit(max((item.exit_code for item in loaded), default=EXIT_OK))


def load_or_exit(file: Path, config_path: Path | None) -> Loaded:
    """Load and validate one org file; exit 1 (with the findings on stderr) if it cannot be read.

    Files with error-level findings are still returned: a draft with gaps is
    exactly what people want to see drawn. The count of errors is said on stderr.
    """
    config = config_or_exit(config_path)
    try:
        run = api.validate([(file, str(file))], config)
    except ConfigError as exc:
        raise fail(str(exc)) from exc
    result = run.results[0]
    if result.org is None or any(f.rule == "ORG001" for f in result.findings):
        console = err_console()
        for f in result.findings:
            line = f"{printable(f.file)}:{f.line}:{f.column}: {f.severity.value} {f.rule} "
            line += f.printable()
            console.print(escape(line))
        raise typer.Exit(EXIT_FINDINGS)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    if errors:
        sys.stderr.write(
            f"orgdesign: {printable(str(file))} has {len(errors)} error-level finding(s); "
            f"run `orgdesign validate {file}` to see them\n"
        )
    return Loaded(result.org, OrgGraph(result.org), result.findings, config)


def note_missing_glyphs(org: Org, lang: str | None, where: str) -> None:
    """Say which characters of the names print as empty boxes in `where` (PDF, PNG)."""
    from orgdesign.output.chart.layoutchart import missing_glyphs

    missing = missing_glyphs(org, lang)
    if missing:
        shown = " ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        say(
            f"note: the chart font has no glyph for {shown}: these print as empty boxes "
            f"in {where} (the SVG chart and the deck use the viewer's fonts)",
            soft_wrap=True,
        )
