"""Analysis commands: stats and diff (import and export are in `commands.hrdata`).

Each command parses its options, calls `orgdesign.analysis` and prints or
writes (through `orgdesign.load.fsio`). Exit codes: 0 success, 1 an input that
cannot be read or imported, 2 wrong usage (bad option, unknown column).
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated

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

MAX_PROBLEMS_SHOWN = 200


class StatsFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class DiffFormat(enum.StrEnum):
    text = "text"
    md = "md"
    json = "json"


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
        StatsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatsFormat.table,
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
    if format is StatsFormat.table:
        if output is not None:
            raise fail("--output needs --format json, csv or md")
        Console(highlight=False).print(stats.render_rich(figures, lang))
        raise finish(loaded)
    renderers: dict[StatsFormat, Callable[[stats.OrgStats], str]] = {
        StatsFormat.json: stats.render_json,
        StatsFormat.csv: partial(stats.render_csv, lang=lang),
        StatsFormat.md: partial(stats.render_markdown, lang=lang),
    }
    _emit(renderers[format](figures), output)
    raise finish(loaded)


def diff_cmd(
    old: Annotated[Path, typer.Argument(help="The as-is org file.", dir_okay=False)],
    new: Annotated[Path, typer.Argument(help="The to-be org file.", dir_okay=False)],
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Output format (md for a pull request).")
    ] = DiffFormat.text,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Also draw the new structure with the changes coloured (.svg .png .pdf .dot).",
            dir_okay=False,
        ),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    map_pairs: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Pair an old id with a new one, OLD=NEW (positions or units); repeatable.",
        ),
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map-file",
            help="A YAML file of `old-id: new-id` lines (e.g. one written by --write-map).",
            dir_okay=False,
        ),
    ] = None,
    write_map: Annotated[
        Path | None,
        typer.Option(
            "--write-map",
            help="Write the suggested pairs as a map file to check and pass to --map-file.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """What changed between two versions: positions, lines, holders, cost, RACI, findings.

    A to-be drafted from a template names things its own way: pair ids with --map or
    --map-file; likely pairs are suggested for you to confirm.
    """
    from orgdesign.output.reports import diff as diffing

    if chart is not None and chart.suffix.lower() not in diffing.CHART_SUFFIXES:
        raise fail(
            f"--chart {chart}: unknown format {chart.suffix or '(no suffix)'!r}; "
            f"use one of {', '.join(diffing.CHART_SUFFIXES)}"
        )
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
    renderers: dict[DiffFormat, Callable[[diffing.OrgDiff], str]] = {
        DiffFormat.text: partial(diffing.render_text, lang=lang),
        DiffFormat.md: partial(diffing.render_markdown, lang=lang),
        DiffFormat.json: diffing.render_json,
    }
    if chart is not None:
        try:
            image = diffing.render_chart(result, before.org, after.org, chart.suffix.lower(), lang)
        except Exception as exc:  # graphviz.ExecutableNotFound, CalledProcessError
            raise fail(f"cannot draw {chart}: {exc}", EXIT_FINDINGS) from exc
        write_bytes_atomic(chart, image)
    _emit(renderers[format](result), output)
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
