"""HR data commands: `import` (HR tables and directory formats to an org file) and `export`.

Each command parses its options, calls `orgdesign.analysis.hris` and writes
through `orgdesign.load.fsio`. `import` validates the organisation it built before
writing it, and writes nothing when that finds an error (naming the rows
behind it). Exit codes: 0 success, 1 an input that cannot be read or
imported, 2 wrong usage (bad option, unknown column or format).
"""

from __future__ import annotations

import enum
import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from orgdesign import api
from orgdesign.analysis import hris
from orgdesign.analysis.hris.check_output import element_rows
from orgdesign.analysis.tables import TableError, TableUsageError, kind_of
from orgdesign.cli.commands.common import (
    EXIT_FINDINGS,
    ConfigOption,
    err_console,
    fail,
    finish,
    load_or_exit,
)
from orgdesign.findings import Finding, Severity, terminal_safe
from orgdesign.load.fsio import write_text_atomic
from orgdesign.output.tables.sheets import write_table

MAX_PROBLEMS_SHOWN = 200


class OnErrorChoice(enum.StrEnum):
    fail = "fail"
    skip = "skip"


class FoldChoice(enum.StrEnum):
    leaves = "leaves"
    all = "all"
    none = "none"


class SourceChoice(enum.StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    backstage = "backstage"
    scim = "scim"
    ldif = "ldif"


class TargetChoice(enum.StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    backstage = "backstage"
    scim = "scim"
    ldif = "ldif"
    turtle = "turtle"
    jsonld = "jsonld"


TARGET_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".yaml": "backstage",
    ".yml": "backstage",
    ".json": "scim",
    ".ldif": "ldif",
    ".ttl": "turtle",
    ".jsonld": "jsonld",
}


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
        run = api.validate([(path, str(output))])
    rows = element_rows(result.text, result.rows_of)
    errors = [f for f in run.results[0].findings if f.severity is Severity.ERROR]
    return [(f, rows.get(f.line, [])) for f in errors]


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
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def import_(
    file: Annotated[
        Path,
        typer.Argument(
            help="HR export (.csv, .xlsx; one row per employee), Backstage catalog (.yaml or a "
            "folder), SCIM 2.0 ListResponse (.json) or LDIF (.ldif)."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Org file to write (.yaml).", dir_okay=False)
    ],
    source_format: Annotated[
        SourceChoice | None,
        typer.Option("--from", help="Kind of input (default: from the suffix or the content)."),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            help="An earlier import of the same HR system: positions and units that match "
            "keep their ids, so `diff` shows only real changes.",
            dir_okay=False,
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write the import report as JSON.", dir_okay=False),
    ] = None,
    on_error: Annotated[
        OnErrorChoice,
        typer.Option(
            "--on-error",
            help="Rows with a missing manager, a cycle, a duplicate id or an empty title: "
            "fail (write nothing) or skip them (and whoever reports through them; every "
            "row left out is reported).",
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
            help="ROLE=HEADER for any column role (id, name, first_name, last_name, title, "
            "manager, manager_email, email, department, position, person, department_id, "
            "parent_department, department_head, department_type, dotted, cost, vacant, "
            "assistant, org_id, org_name); repeatable.",
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
        on_error=on_error.value,
        fold=fold.value,
        columns=_column_overrides(column or [], named),
        org_id=org_id,
        org_name=org_name,
        sheet=sheet,
        encoding=encoding,
        previous=_previous(previous, config),
    )
    try:
        result = hris.import_hris(file, options, source_format.value if source_format else None)
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
    if result.problems and on_error is OnErrorChoice.fail:
        _print_problems(console, source, result.problems, "error: ")
        hint = hris.manager_hint(result)
        if hint:
            _say(console, f"hint: {hint}")
        raise fail(
            f"{len(result.problems)} row(s) cannot be imported; fix them, or pass "
            "--on-error skip to leave them out. Nothing was written.",
            EXIT_FINDINGS,
        )
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
            help="File to write: .csv or .xlsx (HR table), .yaml (Backstage catalog), .json "
            "(SCIM 2.0), .ldif, .ttl or .jsonld (W3C ORG).",
            dir_okay=False,
        ),
    ],
    target: Annotated[
        TargetChoice | None, typer.Option("--to", help="Kind of output (default: from the suffix).")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Write an org file as an HR table (one row per person) or a directory format."""
    kind = target.value if target else TARGET_SUFFIXES.get(output.suffix.lower())
    if kind is None:
        raise fail(
            f"--output {output}: unknown kind {output.suffix or '(no suffix)'!r}; use .csv, "
            ".xlsx, .yaml, .json, .ldif, .ttl or .jsonld, or name it with --to"
        )
    if kind in ("csv", "xlsx"):
        try:
            kind_of(output)
        except TableUsageError as exc:
            raise fail(str(exc)) from exc
    loaded = load_or_exit(file, config)
    try:
        count = _write_export(loaded.org, output, kind)
    except TableError as exc:
        raise fail(str(exc), EXIT_FINDINGS) from exc
    _say(err_console(), f"wrote {output}: {count}")
    raise finish(loaded)


def _write_export(org: Any, output: Path, kind: str) -> str:
    if kind in ("csv", "xlsx"):
        header, rows = hris.export_table(org)
        write_table(output, header, rows, title="positions")
        seats = sum(max(p.headcount, len(p.holders)) for p in org.positions)
        return f"{seats} seats in {len(rows)} rows (one per person, vacant seat and empty unit)"
    from orgdesign.analysis.hris.native import export_native

    text, what = export_native(org, kind)
    write_text_atomic(output, text)
    return what


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("import")(import_)
    app.command("export")(export)
