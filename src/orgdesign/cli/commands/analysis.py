"""Analysis commands: stats and diff (import and export are in `commands.hrdata`).

Each command parses its options, calls `orgdesign.analysis` and prints or
writes (through `orgdesign.load.fsio`). Exit codes: 0 success, 1 an input that
cannot be read or imported, 2 wrong usage (bad option, unknown column).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from orgdesign.analysis.diffmap import (
    IdMap,
    MapError,
    map_file_text,
    parse_pairs,
    read_map_file,
    split_map,
)
from orgdesign.cli.commands.choices import format_choice, format_help, format_of_path, suffix_help
from orgdesign.cli.commands.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    ConfigOption,
    LangOption,
    Loaded,
    fail,
    finish,
    load_or_exit,
)
from orgdesign.findings import terminal_safe
from orgdesign.lint.engine import check_config
from orgdesign.lint.rules import registry
from orgdesign.load.fsio import write_bytes_atomic, write_text_atomic
from orgdesign.model import Org
from orgdesign.output.registry import DIFF, DIFF_CHARTS, STATS

MAX_PROBLEMS_SHOWN = 200


if TYPE_CHECKING:
    StatsFormat = str
    DiffFormat = str
else:
    StatsFormat = format_choice(STATS, "table")
    """`stats --format`: the terminal table, or one of the registry's report formats."""
    DiffFormat = format_choice(DIFF)


FileArg = Annotated[Path, typer.Argument(help="Org file.", dir_okay=False, show_default=False)]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of the terminal.", dir_okay=False
    ),
]


def _emit(text: str, output: Path | None) -> None:
    if output is None:  # names reach a terminal: no control or bidi character acts on it
        sys.stdout.write(terminal_safe(text))
    else:
        write_text_atomic(output, text)


def _span_and_raci_limits(loaded: Loaded) -> tuple[int, int, int]:
    """ORG106 min/max and RACI206 max as configured (the configuration was checked on load)."""
    options = check_config(loaded.config, registry()).options
    span = options["ORG106"]
    return int(span.min), int(span.max), int(options["RACI206"].max)


def stats_cmd(
    file: FileArg,
    format: Annotated[
        StatsFormat,
        typer.Option("--format", "-f", help=format_help(STATS, ("table", "for the terminal"))),
    ] = "table",
    output: OutputOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """Headcount, seats, vacancies, cost, layers, span of control, RACI load, archetype."""
    from orgdesign.output.reports import stats

    loaded = load_or_exit(file, config)
    span_min, span_max, max_a = _span_and_raci_limits(loaded)
    figures = stats.compute_stats(
        loaded.org, loaded.graph, span_min=span_min, span_max=span_max, max_a=max_a, lang=lang
    )
    if format == "table":
        if output is not None:
            *others, last = STATS.names()
            raise fail(f"--output needs --format {', '.join(others)} or {last}")
        Console(highlight=False).print(stats.render_rich(figures, lang))
        raise finish(loaded)
    _emit(STATS.named(format).writer()(figures, lang), output)
    raise finish(loaded)


DiffChartOption = Annotated[
    Path | None,
    typer.Option(
        "--chart",
        help=suffix_help(DIFF_CHARTS, "Also draw the new structure with the changes coloured"),
        dir_okay=False,
    ),
]
MapFileOption = Annotated[
    Path | None,
    typer.Option(
        "--map-file",
        help="A YAML file of `old-id: new-id` lines (e.g. one written by --write-map).",
        dir_okay=False,
    ),
]
WriteMapOption = Annotated[
    Path | None,
    typer.Option(
        "--write-map",
        help="Write the suggested pairs as a map file to check and pass to --map-file.",
        dir_okay=False,
    ),
]


def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The as-is org file.", dir_okay=False)],
    new: Annotated[Path, typer.Argument(help="The to-be org file.", dir_okay=False)],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help=format_help(DIFF))] = "text",
    chart: DiffChartOption = None,
    output: OutputOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    map_pairs: Annotated[
        list[str] | None,
        typer.Option(
            "--map", help="Pair an old id with a new one, OLD=NEW (positions or units); repeatable."
        ),
    ] = None,
    map_file: MapFileOption = None,
    write_map: WriteMapOption = None,
) -> None:
    """What changed between two versions: positions, lines, holders, cost, RACI, findings.

    A to-be drafted from a template names things its own way: pair ids with --map or
    --map-file; likely pairs are suggested for you to confirm.
    """
    from orgdesign.analysis import diff as diffing

    chart_format = format_of_path(DIFF_CHARTS, chart) if chart is not None else None
    before = load_or_exit(old, config)
    after = load_or_exit(new, config)
    mapping = _id_map(before.org, after.org, map_pairs or [], map_file)
    result = diffing.compare(
        before.org, after.org, before.findings, after.findings, lang, mapping=mapping
    )
    if write_map is not None:
        try:
            write_text_atomic(write_map, map_file_text(result.suggestions))
        except OSError as exc:
            raise fail(f"cannot write {write_map}: {exc.strerror or exc}") from exc
    if chart is not None and chart_format is not None:
        try:
            image = chart_format.writer()(result, before.org, after.org, lang)
        except Exception as exc:  # graphviz.ExecutableNotFound, CalledProcessError
            raise fail(f"cannot draw {chart}: {exc}", EXIT_FINDINGS) from exc
        write_bytes_atomic(chart, image)
    _emit(DIFF.named(format).writer()(result, lang), output)
    raise finish(before, after)


def _id_map(old: Org, new: Org, pairs: list[str], map_file: Path | None) -> IdMap:
    """The user's pairs of old and new ids, or exit 2 saying which entry is wrong."""
    try:
        entries = read_map_file(map_file) if map_file is not None else []
        entries += parse_pairs(pairs)
        return split_map(old, new, entries)
    except MapError as exc:
        raise fail(str(exc)) from exc


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("stats")(stats_cmd)
    app.command("diff")(diff_cmd)


__all__ = ["EXIT_USAGE", "register"]
