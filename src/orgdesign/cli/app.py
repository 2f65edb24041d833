"""The `orgdesign` command line: the typer app, its `--version` and its last-resort errors.

The commands live in `orgdesign.cli.commands` and are imported only when one
runs (`LazyGroup`), so `orgdesign --version` and `orgdesign --help` stay quick;
`orgdesign.cli.entry` is the console script and owns the interrupt policy.
Exit codes: 0 success, 1 findings (or an internal error), 2 wrong usage.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from orgdesign import __version__
from orgdesign.cli.commands import LazyGroup
from orgdesign.cli.interrupts import interrupt_behind

EXIT_FINDINGS, EXIT_USAGE = 1, 2

app = typer.Typer(
    name="orgdesign",
    help="Organisation as code: lint org structures written in YAML and turn them into documents.",
    cls=LazyGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


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


def main() -> None:
    """Run the command line; an OSError or a bug ends in one line, never a traceback.

    Interrupts are `orgdesign.cli.entry.main`'s: they pass through here untouched.
    """
    try:
        app()
    except OSError as exc:  # an output that cannot be written, a folder that cannot be made
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}{exc.strerror or exc}", EXIT_USAGE)
    except (typer.Exit, SystemExit):
        raise
    except Exception as exc:  # pragma: no cover - last resort
        if interrupt_behind(exc) is not None:  # Ctrl-C inside a hook that wraps what it raises
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (please report this as a bug)")


def _fail(message: str, code: int = EXIT_FINDINGS) -> None:
    from orgdesign.cli.commands.common import fail  # only on this rare path

    fail(message, code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    from orgdesign.cli.entry import main as entry_main

    entry_main()
