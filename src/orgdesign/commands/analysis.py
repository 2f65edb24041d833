"""Analysis commands: stats, diff, import, export.

Each command parses its options, calls `orgdesign.analysis` and prints or
writes (through `orgdesign.fsio`). Exit codes: 0 success, 1 an input that
cannot be read or imported, 2 wrong usage (bad option, unknown column).
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:  # imported where used: `orgdesign validate` starts faster
    from orgdesign.analysis import diff as diffing
    from orgdesign.analysis import hris, stats

from orgdesign.commands.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    ConfigOption,
    LangOption,
    Loaded,
    err_console,
    fail,
    finish,
    load_or_exit,
)
from orgdesign.engine import check_config
from orgdesign.fsio import write_bytes_atomic, write_text_atomic
from orgdesign.rules import registry

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


class OnErrorChoice(enum.StrEnum):
    fail = "fail"
    skip = "skip"


class FoldChoice(enum.StrEnum):
    leaves = "leaves"
    all = "all"
    none = "none"


FileArg = Annotated[Path, typer.Argument(help="Org file.", dir_okay=False, show_default=False)]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of the terminal.", dir_okay=False
    ),
]


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
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
    from orgdesign.analysis import stats

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
) -> None:
    """What changed between two versions: positions, lines, holders, cost, RACI, findings."""
    from orgdesign.analysis import diff as diffing

    if chart is not None and chart.suffix.lower() not in diffing.CHART_SUFFIXES:
        raise fail(
            f"--chart {chart}: unknown format {chart.suffix or '(no suffix)'!r}; "
            f"use one of {', '.join(diffing.CHART_SUFFIXES)}"
        )
    before = load_or_exit(old, config)
    after = load_or_exit(new, config)
    result = diffing.compare(before.org, after.org, before.findings, after.findings, lang)
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


def _column_overrides(pairs: list[str], named: dict[str, str | None]) -> dict[str, str]:
    columns = {role: header for role, header in named.items() if header}
    for pair in pairs:
        role, sep, header = pair.partition("=")
        if not sep or not role.strip() or not header.strip():
            raise fail(f"--column {pair!r}: write it as ROLE=HEADER, e.g. manager=Supervisor ID")
        columns[role.strip()] = header.strip()
    return columns


def _print_problems(
    console: Console, source: str, problems: list[hris.Problem], label: str
) -> None:
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        console.print(
            f"{label}{problem.text(source)}", markup=False, highlight=False, soft_wrap=True
        )
    if len(problems) > MAX_PROBLEMS_SHOWN:
        console.print(f"{label}... and {len(problems) - MAX_PROBLEMS_SHOWN} more", markup=False)


def import_(
    file: Annotated[
        Path,
        typer.Argument(help="HR export, one row per employee (.csv or .xlsx).", dir_okay=False),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Org file to write (.yaml).", dir_okay=False)
    ],
    on_error: Annotated[
        OnErrorChoice,
        typer.Option(
            "--on-error",
            help="Rows with a missing manager, a cycle, a duplicate id or an empty title: "
            "fail (write nothing) or skip them (and whoever reports through them).",
        ),
    ] = OnErrorChoice.fail,
    fold: Annotated[
        FoldChoice,
        typer.Option(
            "--fold",
            help="Fold employees with the same title, manager and department into one position: "
            "leaves (those who manage nobody), all, or none.",
        ),
    ] = FoldChoice.leaves,
    id_col: Annotated[str | None, typer.Option("--id-col", help="Employee id column.")] = None,
    name_col: Annotated[str | None, typer.Option("--name-col", help="Name column.")] = None,
    title_col: Annotated[str | None, typer.Option("--title-col", help="Job title column.")] = None,
    manager_col: Annotated[
        str | None, typer.Option("--manager-col", help="Column of the manager's employee id.")
    ] = None,
    department_col: Annotated[
        str | None, typer.Option("--department-col", help="Department column.")
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            help="ROLE=HEADER for any column role (id, name, title, manager, department, "
            "position, department_id, parent_department, department_head, department_type, "
            "dotted, cost, vacant, assistant, org_id, org_name); repeatable.",
        ),
    ] = None,
    org_id: Annotated[str | None, typer.Option("--org-id", help="Organization id.")] = None,
    org_name: Annotated[str | None, typer.Option("--org-name", help="Organization name.")] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="XLSX sheet (default: first).")
    ] = None,
    encoding: Annotated[
        str, typer.Option("--encoding", help="CSV encoding, e.g. gbk or cp1252.")
    ] = "utf-8-sig",
) -> None:
    """Build an org file from an HR system export (one row per employee)."""
    from orgdesign.analysis import hris
    from orgdesign.analysis.tables import TableError, TableUsageError

    if output.suffix.lower() not in (".yaml", ".yml"):
        raise fail(f"--output {output}: the org file must end in .yaml or .yml")
    named = {
        "id": id_col,
        "name": name_col,
        "title": title_col,
        "manager": manager_col,
        "department": department_col,
    }
    options = hris.ImportOptions(
        on_error=on_error.value,
        fold=fold.value,
        columns=_column_overrides(column or [], named),
        org_id=org_id,
        org_name=org_name,
        sheet=sheet,
        encoding=encoding,
    )
    try:
        result = hris.import_hris(file, options)
    except (TableUsageError, hris.ImportUsageError) as exc:
        raise fail(str(exc)) from exc
    except (TableError, hris.ImportInputError) as exc:
        raise fail(str(exc), EXIT_FINDINGS) from exc
    console = err_console()
    source = str(file)
    if result.problems and on_error is OnErrorChoice.fail:
        _print_problems(console, source, result.problems, "error: ")
        hint = hris.manager_hint(result)
        if hint:
            console.print(f"hint: {hint}", markup=False, soft_wrap=True)
        raise fail(
            f"{len(result.problems)} row(s) cannot be imported; fix them, or pass "
            "--on-error skip to leave them out. Nothing was written.",
            EXIT_FINDINGS,
        )
    _print_problems(console, source, result.problems, "skipped: ")
    _print_problems(console, source, result.cascaded, "skipped: ")
    _print_problems(console, source, result.notes, "note: ")
    write_text_atomic(output, result.text)
    skipped = f", {result.skipped} row(s) skipped" if result.skipped else ""
    console.print(
        f"wrote {output}: {result.employees} people and {result.vacancies} vacant seat(s) in "
        f"{result.positions} positions and {result.units} units from {result.rows} rows{skipped}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def export(
    file: FileArg,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Table to write: .csv or .xlsx.", dir_okay=False),
    ],
    config: ConfigOption = None,
) -> None:
    """Write one row per position seat (.csv or .xlsx), readable back by `orgdesign import`."""
    from orgdesign.analysis import hris
    from orgdesign.analysis.tables import TableError, TableUsageError, kind_of, write_table

    try:
        kind_of(output)
    except TableUsageError as exc:
        raise fail(str(exc)) from exc
    loaded = load_or_exit(file, config)
    header, rows = hris.export_table(loaded.org)
    try:
        write_table(output, header, rows, title="positions")
    except TableError as exc:
        raise fail(str(exc), EXIT_FINDINGS) from exc
    err_console().print(
        f"wrote {output}: {len(rows)} seats", markup=False, highlight=False, soft_wrap=True
    )
    raise finish(loaded)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("stats")(stats_cmd)
    app.command("diff")(diff_cmd)
    app.command("import")(import_)
    app.command("export")(export)


__all__ = ["EXIT_USAGE", "register"]
