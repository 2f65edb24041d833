"""Output commands: `orgdesign raci`, `orgdesign roles` and `orgdesign build`.

Each command loads one org file (`common.load_or_exit`), calls a renderer of
`orgdesign.output` and says what it wrote. A file with error-level findings
is still rendered (a draft with gaps is what people want to see) and the exit
code is then 1; wrong usage (an output suffix or folder that cannot be used,
an unknown unit for `--scope`) exits 2 before anything is written.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # imported where used: `orgdesign validate` starts faster
    from orgdesign.output.build import ProgressFn


from orgdesign.cli.commands.choices import format_choice, format_help, format_of_path, suffix_help
from orgdesign.cli.commands.common import (
    ConfigOption,
    LangOption,
    Paper,
    err_console,
    fail,
    finish,
    load_or_exit,
    note_missing_glyphs,
    say,
)
from orgdesign.cli.commands.scenario import scenario_charts
from orgdesign.output.build import PackIncomplete, ProgressFn, build_pack
from orgdesign.output.documents.roles import OutputDirError, check_output_dir, write_roles
from orgdesign.output.registry import RACI, ROLES
from orgdesign.output.tables.raci import RaciError, write_raci

FileArg = Annotated[
    Path,
    typer.Argument(help="The org file (YAML).", dir_okay=False, show_default=False),
]


class Grouping(enum.StrEnum):
    """`raci --by`: one column per position, or per unit."""

    position = "position"
    unit = "unit"


if TYPE_CHECKING:
    CardFormat = str
else:
    CardFormat = format_choice(ROLES)
    """`roles --format`: one per role document format of the registry."""


def raci(
    file: FileArg,
    out: Annotated[
        Path,
        typer.Option("--output", "-o", help=suffix_help(RACI, "Output file"), show_default=False),
    ],
    by: Annotated[
        Grouping, typer.Option("--by", help="Columns: one per position, or one per unit.")
    ] = Grouping.position,
    scope: Annotated[
        str | None,
        typer.Option("--scope", help="Only what holds inside this unit (a unit id)."),
    ] = None,
    lang: LangOption = None,
    paper: Annotated[
        Paper | None,
        typer.Option(
            "--paper",
            help="Paper the .xlsx prints on (landscape); default A4, A3 when the matrix is wide.",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """RACI matrix: responsibilities by area against positions, with gaps and rule breaks marked."""

    format_of_path(RACI, out)
    loaded = load_or_exit(file, config)
    if scope is not None and scope not in loaded.graph.units:
        raise fail(f"unknown unit {scope!r} for --scope; units: {', '.join(loaded.graph.units)}")
    try:
        write_raci(
            loaded.org,
            loaded.graph,
            loaded.findings,
            out,
            lang=lang,
            by=by.value,
            scope=scope,
            theme=loaded.config.theme,
            paper=paper.value if paper else None,
        )
    except (RaciError, OSError) as exc:
        raise fail(str(exc)) from exc
    say(f"wrote {out}")
    raise finish(loaded)


def roles(
    file: FileArg,
    out: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Output folder (one card per position).", show_default=False
        ),
    ],
    format: Annotated[
        CardFormat,
        typer.Option("--format", "-f", help=format_help(ROLES, lead="Format of the cards")),
    ] = "md",
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """Role cards: one page per position (reporting lines, duties, KPIs, projects)."""

    _check_dir(out, "roles")
    loaded = load_or_exit(file, config)
    try:
        names = write_roles(
            loaded.org, loaded.graph, out, fmt=format, lang=lang, theme=loaded.config.theme
        )
    except (OutputDirError, OSError) as exc:
        raise fail(str(exc)) from exc
    combined = "role-cards.docx with all of them" if format == "docx" else "an index"
    say(f"wrote {len(names) - 1} role cards and {combined} to {out}")
    raise finish(loaded)


def build(
    file: FileArg,
    out: Annotated[
        Path,
        typer.Option("--output", "-o", help="Output folder of the pack.", show_default=False),
    ],
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """The whole deliverable: validation report, charts, RACI, role cards and an index.html."""
    from orgdesign.output.documents.roles import OutputDirError

    _check_dir(out, "build")
    loaded = load_or_exit(file, config)
    extra = scenario_charts(file, loaded, lang)  # a scenario's pack adds before/after charts
    try:
        with _progress() as progress:
            build_pack(
                loaded.org,
                loaded.graph,
                loaded.findings,
                out,
                lang=lang,
                progress=progress,
                extra=extra,
                theme=loaded.config.theme,
                complete=True,
            )
    except PackIncomplete as exc:  # a pack without its charts must not look delivered
        for part in exc.missing:
            say(f"orgdesign: cannot make {part.path}: {part.note}")
        raise fail(f"nothing written to {out}: the pack would be incomplete", 1) from exc
    except (OutputDirError, OSError) as exc:
        raise fail(str(exc)) from exc
    note_missing_glyphs(loaded.org, lang, "the PDF chart of the pack")
    say(f"wrote {out / 'index.html'}")
    raise finish(loaded)


def _check_dir(out: Path, kind: str) -> None:

    try:
        check_output_dir(out, kind)
    except OutputDirError as exc:
        raise fail(str(exc)) from exc


@contextmanager
def _progress() -> Iterator[ProgressFn | None]:
    """A rich progress bar on a terminal; nothing when stderr is a pipe or a file."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = err_console()
    if not console.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]build[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    with bar:
        task = bar.add_task("", total=None)

        def advance(label: str, done: int, total: int) -> None:
            bar.update(task, description=label, completed=done, total=total)

        yield advance


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("raci")(raci)
    app.command("roles")(roles)
    app.command("build")(build)
