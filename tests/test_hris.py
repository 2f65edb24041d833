"""HR system import and export: column recognition, folding, problem rows, round trips, scale."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.analysis import hris
from orgdesign.analysis.hris.check import check_employees
from orgdesign.analysis.tables import FORMULA_STARTS, neutralise, read_table, unneutralise
from orgdesign.cli.app import app
from orgdesign.findings import Severity
from orgdesign.model import Org

runner = CliRunner()
REPO = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "hris"
SAMPLES = sorted((REPO / "sample_orgs").glob("*.yaml"))
LOAD_ERRORS = {"ORG001", "ORG002", "ORG003", "ORG004"}


def load(path: Path) -> tuple[Org, list[Any]]:
    run = api.validate([(path, str(path))])
    result = run.results[0]
    assert result.org is not None, [f.message for f in result.findings]
    return result.org, result.findings


def errors(findings: list[Any]) -> list[str]:
    return [f"{f.rule} {f.message}" for f in findings if f.severity is Severity.ERROR]


def import_cli(src: Path, out: Path, *args: str) -> Any:
    return runner.invoke(app, ["import", str(src), "-o", str(out), *args])


def import_ok(src: Path, out: Path, *args: str) -> tuple[Any, Org]:
    """Import `src` to `out`: the command succeeds and writes a file without errors."""
    result = import_cli(src, out, *args)
    assert result.exit_code == 0, result.output
    org, findings = load(out)
    assert not errors(findings)
    return result, org


def import_csv(tmp_path: Path, text: str) -> tuple[Any, Org]:
    """Import `text` as a CSV file; the command must succeed. The result and the org."""
    src = tmp_path / "hr.csv"
    src.write_text(text, encoding="utf-8")
    return import_ok(src, tmp_path / "org.yaml")


def people(org: Org) -> list[str]:
    return [h for p in org.positions for h in p.holders]


# --- plain HR exports ------------------------------------------------------------------------


def test_import_folds_alike_employees_and_keeps_everyone(tmp_path: Path) -> None:
    out = tmp_path / "org.yaml"
    _, org = import_ok(DATA / "employees.csv", out)
    by_id = org.position_by_id
    assert len(people(org)) == 16  # every row of the file is a holder
    assert sorted(people(org)) == sorted(
        row["Full Name"].removeprefix("'")
        for row in csv.DictReader(io.StringIO((DATA / "employees.csv").read_text("utf-8")))
    )
    specialists = by_id["marketing-specialist"]
    assert (specialists.headcount, specialists.holders) == (
        3,
        ["Amy Wu", "Zhang Yi", "Smith, Anna"],
    )
    assert specialists.reports_to == "chief-marketing-officer"
    # Managers are never folded: each account manager keeps their own team. Alike
    # positions are told apart by employee ids (their own, or their manager's), never by
    # row order.
    assert by_id["account-manager-1010"].headcount == 1
    assert by_id["account-manager-1011"].headcount == 1
    first, second = "sales-associate-1010", "sales-associate-1011"
    assert by_id[first].reports_to == "account-manager-1010"
    assert by_id[second].reports_to == "account-manager-1011"
    # The spreadsheet's formula guard is removed; an empty department is the manager's.
    assert by_id[second].holders == ["Ivy Ng", "=SUM(A1:A9)"]
    assert by_id[second].holder_ids == ["1014", "1015"]
    assert by_id[second].unit == "sales"
    assert len(org.positions) == 11
    units = {u.id: (u.parent, u.head, u.type) for u in org.units}
    assert units == {
        "head-office": (None, "chief-executive-officer", "company"),
        "marketing": ("head-office", "chief-marketing-officer", "department"),
        "sales": ("head-office", "sales-director", "department"),
        "brand": ("marketing", "brand-manager", "department"),
    }
    assert org.organization is not None
    assert (org.organization.id, org.organization.name) == ("head-office", "Head Office")


@pytest.mark.parametrize(("fold", "positions"), [("none", 16), ("leaves", 11), ("all", 9)])
def test_fold_options(tmp_path: Path, fold: str, positions: int) -> None:
    out = tmp_path / "org.yaml"
    assert import_cli(DATA / "employees.csv", out, "--fold", fold).exit_code == 0
    org, findings = load(out)
    assert not errors(findings)
    assert len(org.positions) == positions
    assert len(people(org)) == 16
    if fold == "all":
        assert org.position_by_id["sales-associate"].headcount == 4


def test_problem_rows_fail_by_default(tmp_path: Path) -> None:
    out = tmp_path / "org.yaml"
    result = import_cli(DATA / "problems.csv", out)
    assert result.exit_code == 1
    assert not out.exists()
    text = result.stderr
    src = str(DATA / "problems.csv")
    expected = [
        f"{src}: row 5: employee id '3' is already on row 4",
        f"{src}: row 6: 4: the job title is empty",
        f"{src}: row 7: 5: manager '99' is not an employee id of the file",
        f"{src}: row 8: 6 is in a reporting cycle",
        f"{src}: row 9: 7 is in a reporting cycle",
        f"{src}: row 11: 9 has no manager, but 1 (row 2) is the top of the organisation",
    ]
    for line in expected:
        assert line in text, text
    assert "--on-error skip" in text
    assert "row 10" not in text  # reports through a bad row: not a problem of its own


def test_problem_rows_skipped_on_request(tmp_path: Path) -> None:
    out = tmp_path / "org.yaml"
    result, org = import_ok(DATA / "problems.csv", out, "--on-error", "skip")
    assert sorted(people(org)) == ["Ann Able", "Bob Bell", "Root Person"]
    assert "row 10: 8: reports through a skipped row" in result.stderr
    assert "row 12: 10: reports through a skipped row" in result.stderr
    assert "8 row(s) skipped" in result.stderr


def test_check_employees_finds_each_kind() -> None:
    sheet = read_table(DATA / "problems.csv")
    columns = hris.map_columns(sheet.header, {}, "problems.csv")
    employees, _ = hris.read_employees(sheet, columns)
    checked = check_employees(employees)
    kinds = {(p.row, p.kind) for p in checked.problems}
    assert kinds == {
        (5, "duplicate id"),
        (6, "empty title"),
        (7, "missing manager"),
        (8, "cycle"),
        (9, "cycle"),
        (11, "missing manager"),
    }
    assert {p.row for p in checked.cascaded} == {10, 12}
    assert checked.top is not None and checked.top.id == "1"


def test_chinese_headers_and_semicolons(tmp_path: Path) -> None:
    out = tmp_path / "org.yaml"
    _, org = import_ok(DATA / "chinese-semicolon.csv", out, "--org-id", "qingye")
    assert sorted(people(org)) == sorted(["林晓雯", "陈浩", "王一然", "赵敏"])
    folded = [p for p in org.positions if p.title == "市场专员"]
    assert len(folded) == 1 and folded[0].headcount == 2
    assert {u.name for u in org.units} == {"总部", "市场部"}
    assert org.organization is not None and org.organization.id == "qingye"
    # Ids of non-ASCII titles and departments are still slugs.
    assert all(p.id.isascii() for p in org.positions)
    text = out.read_text("utf-8")
    assert "林晓雯" in text  # written as it is, not \u-escaped


def test_column_names_given_by_the_user(tmp_path: Path) -> None:
    src = DATA / "custom-headers.csv"
    out = tmp_path / "org.yaml"
    missing = import_cli(src, out)
    assert missing.exit_code == 2
    assert "no employee id column found (name it with --id-col)" in missing.stderr
    assert "'Badge'" in missing.stderr
    result = import_cli(
        src,
        out,
        "--id-col",
        "Badge",
        "--name-col",
        "Person",
        "--title-col",
        "role name",  # matched however it is spelled
        "--manager-col",
        "Boss Badge",
        "--column",
        "department=Org",
    )
    assert result.exit_code == 0, result.output
    org, _ = load(out)
    assert sorted(people(org)) == ["Root", "Second", "Third"]
    assert org.position_by_id["worker"].headcount == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--manager-col", "Supervisor"], "no column named 'Supervisor'"),
        (["--column", "boss=Manager ID"], "unknown column role 'boss'"),
        (["--column", "manager"], "write it as ROLE=HEADER"),
        (["--sheet", "x"], ""),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = import_cli(DATA / "employees.csv", tmp_path / "org.yaml", *args)
    if args[0] == "--sheet":  # a sheet is meaningless for CSV: ignored
        assert result.exit_code == 0
        return
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unreadable_inputs(tmp_path: Path) -> None:
    out = tmp_path / "org.yaml"
    assert import_cli(tmp_path / "missing.csv", out).exit_code == 1
    legacy = tmp_path / "old.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0")
    result = import_cli(legacy, out)
    assert result.exit_code == 2 and "save it as .xlsx" in result.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,name,title,manager\n1,Jos\xe9,CEO,\n".encode("latin-1"))
    result = import_cli(latin, out)
    assert result.exit_code == 1 and "--encoding" in result.stderr
    assert import_cli(latin, out, "--encoding", "latin-1").exit_code == 0
    assert "José" in out.read_text("utf-8")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    result = import_cli(broken, out)
    assert result.exit_code == 1 and "not a readable Excel workbook" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert import_cli(empty, out).exit_code == 1
    no_top = tmp_path / "no-top.csv"
    no_top.write_text("id,title,manager\n1,A,2\n2,B,1\n", encoding="utf-8")
    result = import_cli(no_top, out, "--on-error", "skip")
    assert result.exit_code == 1 and "no top of the organisation" in result.stderr
    assert import_cli(DATA / "employees.csv", tmp_path / "org.json").exit_code == 2


def test_manager_names_are_matched_by_name_or_get_a_hint(tmp_path: Path) -> None:
    src = tmp_path / "names.csv"
    src.write_text(
        "id,name,title,manager\n1,Ann,CEO,\n2,Bob,CMO,Ann\n3,Cy,Analyst,Bob\n4,Di,Analyst,Bob\n"
        "5,Ed,Analyst,Bob\n",
        encoding="utf-8",
    )
    out = tmp_path / "org.yaml"
    result = import_cli(src, out)  # Visio's "Reports To" holds names: matched by unique name
    assert result.exit_code == 0, result.output
    assert "matched to employees by their name" in result.stderr
    org, _ = load(out)
    assert org.position_by_id["analyst"].reports_to == "cmo"
    src.write_text(
        "id,name,title,manager\n1,Ann,CEO,\n2,Bob,CMO,Zed\n3,Cy,Analyst,Yan\n4,Di,Analyst,Xu\n"
        "5,Ed,Analyst,Wu\n",
        encoding="utf-8",
    )
    result = import_cli(src, out)
    assert result.exit_code == 1
    assert "does the manager column hold names?" in result.stderr


def test_xlsx_import_with_numeric_ids_and_formula_guards(tmp_path: Path) -> None:
    src = tmp_path / "hr.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "People"
    book.create_sheet("Notes").append(["nothing here"])
    sheet.append(["Staff ID", "Employee Name", "Position Title", "Supervisor ID", "Dept"])
    sheet.append([1, "Ann", "CEO", None, "HQ"])
    sheet.append([2, "'+Bob", "'=Chief of Staff", 1, "HQ"])
    sheet.append([3, "'@Cy", "Analyst", 2.0, "HQ"])
    sheet.append([None, None, None, None, None])  # blank rows are ignored
    sheet.append([4, "Di", "Analyst", 2, "HQ"])
    book.save(src)
    out = tmp_path / "org.yaml"
    _, org = import_ok(src, out, "--sheet", "People")
    assert sorted(people(org)) == sorted(["Ann", "+Bob", "@Cy", "Di"])
    assert {p.title for p in org.positions} == {"CEO", "=Chief of Staff", "Analyst"}
    missing = import_cli(src, out, "--sheet", "Nope")
    assert missing.exit_code == 2 and "People, Notes" in missing.stderr


def test_rows_with_problems_name_the_xlsx_row(tmp_path: Path) -> None:
    src = tmp_path / "hr.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A2"] = "Employee ID"  # the header need not be on the first row
    sheet["B2"], sheet["C2"], sheet["D2"] = "Name", "Job Title", "Manager ID"
    sheet.append(["a", "Ann", "CEO", None])
    sheet.append(["b", "Bob", None, "a"])
    book.save(src)
    result = import_cli(src, tmp_path / "org.yaml")
    assert result.exit_code == 1
    assert f"{src}: row 4: b: the job title is empty" in result.stderr


def test_yaml_special_values_are_quoted(tmp_path: Path) -> None:
    tricky = ["yes", "null", "~", "1e3", "010", "- x", "a: b", "#tag", "'q'", "2026-01-01", "*ref"]
    rows = "\n".join(f'{i + 2},"{name}",Analyst,1,Team' for i, name in enumerate(tricky))
    src = tmp_path / "tricky.csv"
    src.write_text(f"id,name,title,manager,department\n1,Boss,Lead,,Team\n{rows}\n", "utf-8")
    out = tmp_path / "org.yaml"
    assert import_cli(src, out).exit_code == 0
    org, findings = load(out)
    assert not [f for f in findings if f.rule in LOAD_ERRORS]
    assert org.position_by_id["analyst"].holders == tricky
    written = yaml.safe_load(out.read_text("utf-8"))["positions"][1]["holders"]
    assert [h["name"] for h in written] == tricky


# --- export and round trips -----------------------------------------------------------------

POSITION_FIELDS = (
    "id",
    "title",
    "names",
    "unit",
    "reports_to",
    "dotted_to",
    "headcount",
    "holders",
    "holder_ids",
    "cost",
    "assistant",
    "description",
)
UNIT_FIELDS = ("id", "name", "names", "type", "parent", "head", "description")


def structure(org: Org) -> dict[str, Any]:
    return {
        "organization": (org.organization.id, org.organization.name) if org.organization else None,
        # The order of positions carries no meaning; an import writes them top down.
        "positions": sorted(
            (tuple(getattr(p, f) for f in POSITION_FIELDS) for p in org.positions), key=str
        ),
        "units": sorted(tuple(str(getattr(u, f)) for f in UNIT_FIELDS) for u in org.units),
    }


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_round_trip_keeps_positions_lines_and_holders(
    tmp_path: Path, sample: Path, suffix: str
) -> None:
    table = tmp_path / f"export{suffix}"
    result = runner.invoke(app, ["export", str(sample), "-o", str(table)])
    assert result.exit_code == 0, result.output
    original, _ = load(sample)
    seats = sum(max(p.headcount, len(p.holders)) for p in original.positions)
    assert f"{seats} seats" in result.stderr
    out = tmp_path / "back.yaml"
    back = import_cli(table, out)
    assert back.exit_code == 0, back.output
    again, findings = load(out)
    assert not [f for f in findings if f.rule in LOAD_ERRORS]
    assert not [e for e in errors(findings) if not e.startswith("DUAL301")]
    assert structure(again) == structure(original)


def test_export_has_one_row_per_seat(tmp_path: Path) -> None:
    sample = REPO / "sample_orgs" / "lean.yaml"
    out = tmp_path / "seats.csv"
    assert runner.invoke(app, ["export", str(sample), "-o", str(out)]).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 7
    growth = [r for r in rows if r["position_id"] == "growth-specialist"]
    assert [(r["employee_id"], r["name"], r["vacant"]) for r in growth] == [
        ("growth-specialist#1", "王磊", ""),
        ("growth-specialist#2", "", "yes"),
    ]
    assert all(r["manager_id"] == "mkt-lead#1" for r in growth)
    assert growth[0]["job_title@zh"] == "活动与社群专员"


HOSTILE = [
    "=1+1",
    "+cmd",
    "-2",
    "@SUM(A1)",
    "\tTab",
    "'=already guarded",
    "''double",
    "'plain quote",
    "'",
    "back\\slash",
    'say "hi"',
    "new\nline",
]


def hostile_org(tmp_path: Path) -> Path:
    holders = ", ".join(yaml.safe_dump(h, default_style='"').strip() for h in HOSTILE)
    title = yaml.safe_dump('=HYPERLINK("http://x")', default_style='"').strip()
    text = f"""orgdesign: 1
organization: {{id: hostile, name: "-Hostile"}}
units:
  - {{id: hq, name: "@HQ", head: boss}}
positions:
  - {{id: boss, title: {title}, unit: hq, holders: ["+Boss"], cost: 1000.5}}
  - id: team
    title: "-Team"
    unit: hq
    reports_to: boss
    headcount: {len(HOSTILE) + 1}
    holders: [{holders}]
"""
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formula_injection_is_neutralised_and_undone(tmp_path: Path, suffix: str) -> None:
    src = hostile_org(tmp_path)
    original, findings = load(src)
    assert not errors(findings)
    table = tmp_path / f"out{suffix}"
    assert runner.invoke(app, ["export", str(src), "-o", str(table)]).exit_code == 0
    if suffix == ".csv":
        cells = [c for row in csv.reader(io.StringIO(table.read_text("utf-8-sig"))) for c in row]
    else:
        book = openpyxl.load_workbook(table)
        cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
        assert all(
            book.active.cell(r, c).data_type != "f" for r in range(1, 16) for c in range(1, 8)
        )
    texts = [c for c in cells if isinstance(c, str)]
    assert not [c for c in texts if c[:1] in FORMULA_STARTS]
    assert "'=1+1" in texts and "'-2" in texts and "'''double" in texts
    out = tmp_path / "back.yaml"
    result = import_cli(table, out)
    assert result.exit_code == 0, result.output
    again, _ = load(out)
    assert structure(again) == structure(original)


@given(st.text(max_size=12))
def test_neutralise_round_trips_any_text(value: str) -> None:
    guarded = neutralise(value)
    assert guarded[:1] not in FORMULA_STARTS
    assert unneutralise(guarded) == value


def test_export_usage_errors(tmp_path: Path) -> None:
    sample = str(REPO / "sample_orgs" / "lean.yaml")
    result = runner.invoke(app, ["export", sample, "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "use .csv, .xlsx" in result.stderr
    missing = runner.invoke(
        app, ["export", str(tmp_path / "no.yaml"), "-o", str(tmp_path / "x.csv")]
    )
    assert missing.exit_code == 1
    assert not (tmp_path / "x.csv").exists()


# --- scale ---------------------------------------------------------------------------------


def bench_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_hris", REPO / "bench" / "gen_hris.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ten_thousand_rows_import_and_validate(tmp_path: Path) -> None:
    """Counts only: the time is measured by bench/gen_hris.py --time, never asserted."""
    gen = bench_generator()
    src = tmp_path / "hr10k.csv"
    gen.write(src, gen.generate(10_000, seed=3))
    result = hris.import_hris(src)
    assert (result.rows, result.employees, result.skipped) == (10_000, 10_000, 0)
    assert not result.problems
    assert result.positions < 10_000  # teams were folded
    out = tmp_path / "org.yaml"
    out.write_text(result.text, encoding="utf-8")
    org, findings = load(out)
    assert not errors(findings)
    assert len(people(org)) == 10_000
    assert sum(p.headcount for p in org.positions) == 10_000


def test_dotted_lines_costs_and_vacancies_from_optional_columns(tmp_path: Path) -> None:
    result, org = import_csv(
        tmp_path,
        "Employee ID,Name,Job Title,Manager ID,Department,Dotted Line Manager ID,Salary,Vacant\n"
        '1,Ann,CEO,,HQ,,"$200,000",\n'
        "2,Bob,CMO,1,Mkt,,150000,\n"
        "3,Cy,Brand Lead,1,Brand,2;6,120000,\n"
        "4,Di,Analyst,2,Mkt,3;99,50000,\n"
        "5,,Analyst,2,Mkt,3,70000,yes\n"
        "6,Ed,Planner,3,Brand,1,n/a,\n"
        "7,Fe,Helper,2,Mkt,2,10000,\n",
    )
    by_id = org.position_by_id
    assert by_id["brand-lead"].dotted_to == ["cmo"]
    analyst = by_id["analyst"]
    assert (analyst.headcount, analyst.holders, analyst.dotted_to) == (2, ["Di"], ["brand-lead"])
    assert analyst.cost == 60_000  # the mean of the seats' costs
    assert by_id["ceo"].cost == 200_000
    assert by_id["planner"].cost is None
    assert by_id["planner"].dotted_to == ["ceo"]  # a superior, not the manager: allowed
    assert by_id["helper"].dotted_to == []  # the solid manager again
    notes = result.stderr
    assert "row 5: dotted-line manager '99' is no employee of the import" in notes
    assert "row 7: cost 'n/a' is not a number; ignored" in notes
    assert "row 8: dotted line to '2' duplicates the solid line" in notes
    assert "row 4: dotted line to '6' points into the position's own reports" in notes
    assert "1 vacant seat(s)" in notes


def test_seats_of_one_position_that_disagree_get_a_note(tmp_path: Path) -> None:
    result, org = import_csv(
        tmp_path,
        "employee_id,name,job_title,manager_id,department,position_id\n"
        "ceo#1,Ann,CEO,,HQ,ceo\n"
        "rep#1,Bob,Rep,ceo#1,HQ,rep\n"
        "rep#2,Cy,Sales Rep,ceo#1,HQ,rep\n"
        "x#1,Di,Odd one,ceo#1,HQ,not a slug!\n",
    )
    assert org.position_by_id["rep"].holders == ["Bob", "Cy"]
    assert org.position_by_id["rep"].title == "Rep"
    assert "row 4: job title 'Sales Rep' differs from position 'rep' (first on row 3)" in (
        result.stderr
    )
    assert "not-a-slug" in org.position_by_id
