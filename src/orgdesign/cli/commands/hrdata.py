"""HR data commands: `import` (HR tables and directory formats to an org file) and `export`.

Each command parses its options, calls `orgdesign.analysis.hris` and writes
through `orgdesign.load.fsio`. `import` validates the organisation it built before
writing it, and writes nothing when that finds an error (naming the rows
behind it). Exit codes: 0 success, 1 an input that cannot be read or
imported, 2 wrong usage (bad option, unknown column or format).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from orgdesign import api
from orgdesign.analysis import hris
from orgdesign.analysis.hris.build import Fold
from orgdesign.analysis.hris.check_output import element_rows
from orgdesign.analysis.hris.run import OnError
from orgdesign.analysis.tables import TableError, TableUsageError, kind_of
from orgdesign.cli.commands.choices import (
    choice_of,
    format_choice,
    format_help,
    literal_choice,
    suffix_help,
)
from orgdesign.cli.commands.common import (
    EXIT_FINDINGS,
    ConfigOption,
    err_console,
    fail,
    finish,
    load_or_exit,
)
from orgdesign.findings import Finding, Severity, terminal_safe
from orgdesign.load.config import MAX_FILE_SIZE_MIB, Config
from orgdesign.load.fsio import MIB, write_text_atomic
from orgdesign.output.escape import json_document
from orgdesign.output.formats import Kind
from orgdesign.output.registry import EXPORTS

MAX_PROBLEMS_SHOWN = 200


if TYPE_CHECKING:
    SourceChoice = str
    OnErrorChoice = OnError
    FoldChoice = Fold
else:
    SourceChoice = choice_of("SourceChoice", hris.FORMATS)
    """`import --from`: one per reader of `analysis.hris`."""
    OnErrorChoice = literal_choice("OnErrorChoice", OnError)
    FoldChoice = literal_choice("FoldChoice", Fold)


if TYPE_CHECKING:
    TargetChoice = str
else:
    TargetChoice = format_choice(EXPORTS)
    """`export --to`: one per export format of the registry."""


def _column_overrides(pairs: list[str], named: dict[str, str | None]) -> dict[str, str]:
    columns = {role: header for role, header in named.items() if header}
    for pair in pairs:
        role, sep, header = pair.partition("=")
        if not sep or not role.strip() or not header.strip():
            raise fail(f"--column {pair!r}: write it as ROLE=HEADER, e.g. manager=Supervisor ID")
        columns[role.strip()] = header.strip()
    return columns


def _say(console: Console, text: str) -> None:
    # Names from an HR export reach the terminal: escape control and bidi characters.
    console.print(terminal_safe(text), markup=False, highlight=False, soft_wrap=True)


def _print_problems(
    console: Console, source: str, problems: list[hris.Problem], label: str
) -> None:
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        _say(console, f"{label}{problem.text(source)}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        _say(console, f"{label}... and {len(problems) - MAX_PROBLEMS_SHOWN} more")


def _print_findings(console: Console, found: list[tuple[Finding, list[int]]], label: str) -> None:
    for finding, rows in found[:MAX_PROBLEMS_SHOWN]:
        where = f" (from rows {', '.join(map(str, rows[:20]))})" if rows else ""
        _say(console, f"{label}{finding.rule} {finding.message}{where}")


def _previous(path: Path | None, config: Path | None) -> hris.Previous | None:
    if path is None:
        return None
    loaded = load_or_exit(path, config)
    return hris.Previous.of(loaded.org)


def _validate_built(result: hris.ImportResult, output: Path) -> list[tuple[Finding, list[int]]]:
    """Error findings of the org file about to be written, each with the rows behind it."""
    with tempfile.TemporaryDirectory(prefix=".orgdesign-import.") as tmp:
        path = Path(tmp) / output.name
        path.write_text(result.text, encoding="utf-8")
        run = api.validate([(path, str(output))], Config(max_file_size=_size_limit(result)))
    rows = element_rows(result.text, result.rows_of)
    errors = [f for f in run.results[0].findings if f.severity is Severity.ERROR]
    return [(f, rows.get(f.line, [])) for f in errors]


def _size_limit(result: hris.ImportResult) -> float:
    """`max-file-size` to check the built file: it is the import's own output, whatever its size."""
    size = len(result.text.encode("utf-8")) / MIB
    return float(min(MAX_FILE_SIZE_MIB, max(Config().max_file_size, math.ceil(size) + 1)))


def _own_errors(
    found: list[tuple[Finding, list[int]]],
) -> tuple[list[tuple[Finding, list[int]]], list[tuple[Finding, list[int]]]]:
    """Errors of the file's structure (ORG rules: the import's doing) and the others.

    The others are about what a table cannot hold (a dotted line needs a priority rule,
    DUAL301): the file is written and they are listed for the user to complete it.
    """
    own = [item for item in found if item[0].rule.startswith("ORG")]
    return own, [item for item in found if not item[0].rule.startswith("ORG")]


def _report_json(result: hris.ImportResult, skipped: list[hris.Problem]) -> str:
    report: dict[str, Any] = result.report.as_json() if result.report else {}
    report["counts"] = {
        "rows": result.rows,
        "people": result.employees,
        "positions": result.positions,
        "units": result.units,
        "vacant_seats": result.vacancies,
        "rows_skipped": result.skipped,
        "multi_seat_people": len(result.report.multi_seat_people) if result.report else 0,
    }
    report["skipped"] = [{"row": p.row, "kind": p.kind, "message": p.message} for p in skipped]
    report["notes"] = [{"row": p.row, "kind": p.kind, "message": p.message} for p in result.notes]
    return json_document(report)


def _named(help: str) -> Any:
    """An option whose flag typer derives from the parameter (`id_col`: `--id-col`)."""
    return typer.Option(help=help)


InputArg = Annotated[
    Path,
    typer.Argument(
        help="HR export (.csv, .xlsx; one row per employee), Backstage catalog (.yaml or a "
        "folder), SCIM 2.0 ListResponse (.json) or LDIF (.ldif)."
    ),
]
OrgFileOption = Annotated[
    Path, typer.Option("--output", "-o", help="Org file to write (.yaml).", dir_okay=False)
]
FromOption = Annotated[
    SourceChoice | None,
    typer.Option("--from", help="Kind of input (default: from the suffix or the content)."),
]
PreviousOption = Annotated[
    Path | None,
    typer.Option(
        "--previous",
        help="An earlier import of the same HR system: positions and units that match "
        "keep their ids, so `diff` shows only real changes.",
        dir_okay=False,
    ),
]
ReportOption = Annotated[
    Path | None,
    typer.Option("--report", help="Write the import report as JSON.", dir_okay=False),
]
OnErrorOption = Annotated[
    OnErrorChoice,
    typer.Option(
        "--on-error",
        help="Rows with a missing manager, a cycle, a duplicate id or an empty title: "
        "fail (write nothing) or skip them (and whoever reports through them; every "
        "row left out is reported).",
    ),
]
FoldOption = Annotated[
    FoldChoice,
    typer.Option(
        "--fold",
        help="Fold employees with the same title, manager and department into one position: "
        "leaves (those who manage nobody), all, or none.",
    ),
]
ColumnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--column",
        help="ROLE=HEADER for any column role (id, name, first_name, last_name, title, "
        "manager, manager_email, manager_name, email, department, position, person, "
        "department_id, parent_department, department_head, department_type, dotted, cost, "
        "vacant, assistant, status, end_date, org_id, org_name); repeatable.",
    ),
]


def import_(
    file: InputArg,
    output: OrgFileOption,
    source_format: FromOption = None,
    previous: PreviousOption = None,
    report: ReportOption = None,
    on_error: OnErrorOption = "fail",
    fold: FoldOption = "leaves",
    id_col: Annotated[str | None, _named("Employee id column.")] = None,
    name_col: Annotated[str | None, _named("Name column.")] = None,
    title_col: Annotated[str | None, _named("Job title column.")] = None,
    manager_col: Annotated[str | None, _named("Column of the manager's employee id.")] = None,
    department_col: Annotated[str | None, _named("Department column.")] = None,
    column: ColumnOption = None,
    org_id: Annotated[str | None, _named("Organization id.")] = None,
    org_name: Annotated[str | None, _named("Organization name.")] = None,
    sheet: Annotated[str | None, _named("XLSX sheet (default: first).")] = None,
    encoding: Annotated[str, _named("CSV encoding, e.g. gbk or cp1252.")] = "utf-8-sig",
    config: ConfigOption = None,
) -> None:
    """Build an org file from an HR export or a directory (Backstage, SCIM, LDIF)."""
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
        on_error=on_error,
        fold=fold,
        columns=_column_overrides(column or [], named),
        org_id=org_id,
        org_name=org_name,
        sheet=sheet,
        encoding=encoding,
        previous=_previous(previous, config),
    )
    try:
        result = hris.import_hris(file, options, str(source_format) if source_format else None)
    except (TableUsageError, hris.ImportUsageError) as exc:
        raise fail(str(exc)) from exc
    except (TableError, hris.ImportInputError) as exc:
        raise fail(str(exc), EXIT_FINDINGS) from exc
    _finish_import(file, output, report, result, on_error)


def _finish_import(
    file: Path,
    output: Path,
    report: Path | None,
    result: hris.ImportResult,
    on_error: OnErrorChoice,
) -> None:
    console = err_console()
    source = str(file)
    if result.problems and on_error == "fail":
        _print_problems(console, source, result.problems, "error: ")
        hint = hris.manager_hint(result)
        if hint:
            _say(console, f"hint: {hint}")
        raise fail(
            f"{len(result.problems)} row(s) cannot be imported; fix them, or pass "
            "--on-error skip to leave them out. Nothing was written.",
            EXIT_FINDINGS,
        )
    result.data = {}  # the text is what is checked and written: free the data before checking
    bad, to_complete = _own_errors(_validate_built(result, output))
    if bad:
        _print_findings(console, bad, "error: ")
        raise fail(
            f"the organisation built from {source} has {len(bad)} error(s); fix the rows named. "
            "Nothing was written.",
            EXIT_FINDINGS,
        )
    skipped = result.problems + result.cascaded
    _print_problems(console, source, skipped, "skipped: ")
    _print_problems(console, source, result.notes, "note: ")
    for line in result.report.lines() if result.report else []:
        _say(console, f"report: {line}")
    _print_findings(console, to_complete, "to complete: ")
    write_text_atomic(output, result.text)
    limit = _size_limit(result)
    if limit > Config().max_file_size:
        _say(
            console,
            f"note: {output} is larger than the {Config().max_file_size:g} MiB other commands "
            f"read by default: set `max-file-size = {limit:g}` under [tool.orgdesign]",
        )
    if report is not None:
        write_text_atomic(report, _report_json(result, skipped))
    lost = f", {result.skipped} row(s) skipped (listed above)" if result.skipped else ""
    _say(
        console,
        f"wrote {output}: {result.employees} people and {result.vacancies} vacant seat(s) in "
        f"{result.positions} positions and {result.units} units from {result.rows} rows{lost}",
    )


def export(
    file: Annotated[Path, typer.Argument(help="Org file to export.")],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=suffix_help(EXPORTS, "File to write"),
            dir_okay=False,
        ),
    ],
    target: Annotated[
        TargetChoice | None,
        typer.Option(
            "--to", help=format_help(EXPORTS, lead="Kind of output (default: from the suffix)")
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Write an org file as an HR table (one row per person) or a directory format."""
    kind = EXPORTS.named(target) if target else EXPORTS.get_suffix(output.suffix)
    if kind is None:
        *others, last = (f.suffixes[0] for f in EXPORTS)
        raise fail(
            f"--output {output}: unknown kind {output.suffix or '(no suffix)'!r}; use "
            f"{', '.join(others)} or {last}, or name it with --to"
        )
    if kind.kind is Kind.table:
        try:
            kind_of(output)
        except TableUsageError as exc:
            raise fail(str(exc)) from exc
    loaded = load_or_exit(file, config)
    try:
        count = kind.writer()(loaded.org, output)
    except TableError as exc:
        raise fail(str(exc), EXIT_FINDINGS) from exc
    _say(err_console(), f"wrote {output}: {count}")
    raise finish(loaded)


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("import")(import_)
    app.command("export")(export)
