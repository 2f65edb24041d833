"""HR import on a public-style export: no options needed, ids stable under any row order,
a month-later export diffs as exactly its changes, `--previous`, the import report, spellings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.analysis import diff as diffing
from orgdesign.analysis import hris
from orgdesign.cli.app import app
from orgdesign.findings import Severity
from orgdesign.model import Org

runner = CliRunner()
DATA = Path(__file__).parent / "data" / "hris"
ORACLE = DATA / "oracle-hr-employees.csv"


def load(path: Path) -> tuple[Org, list[Any]]:
    result = api.validate([(path, str(path))]).results[0]
    assert result.org is not None, [f.message for f in result.findings]
    return result.org, result.findings


def oracle_rows() -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(ORACLE.read_text("utf-8"))))
    return rows[0], rows[1:]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def test_public_hr_export_imports_with_no_options(tmp_path: Path) -> None:
    out, report = tmp_path / "org.yaml", tmp_path / "report.json"
    result = runner.invoke(app, ["import", str(ORACLE), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    org, findings = load(out)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    holders = {(h, i) for p in org.positions for h, i in zip(p.holders, p.holder_ids, strict=True)}
    assert len(holders) == 107
    assert ("Steven King", "100") in holders  # first + last name composed, employee id kept
    assert ("Jose Manuel Urman", "112") in holders
    data = json.loads(report.read_text("utf-8"))
    assert data["columns"]["ignored"] == ["PHONE_NUMBER", "HIRE_DATE", "COMMISSION_PCT"]
    assert data["columns"]["used"]["first name"] == "FIRST_NAME"
    # Kimberely Grant (178) has no department: placed in her manager's, and said so.
    assert data["inferred_departments"] == [
        {"row": 80, "id": "178", "unit": "Sales", "manager_row": 51}
    ]
    programmers = next(f for f in data["folded_seats"] if f["position"] == "programmer-it")
    assert programmers["costs"] == [6000, 4800, 4800, 4200] and programmers["cost"] == 4950
    assert data["counts"]["people"] == 107 and data["multi_seat_people"] == []
    assert "columns ignored: 'PHONE_NUMBER'" in result.stderr


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(order=st.permutations(range(107)))
def test_any_row_order_gives_the_same_bytes(tmp_path: Path, order: list[int]) -> None:
    header, rows = oracle_rows()
    shuffled = write_csv(tmp_path / "shuffled.csv", header, [rows[i] for i in order])
    base = hris.import_hris(ORACLE)
    again = hris.import_hris(shuffled)
    assert again.text.replace("shuffled.csv", "oracle-hr-employees.csv") == base.text


def _month_later(rows: list[list[str]]) -> list[list[str]]:
    """Winston Taylor (180, a shipping clerk) leaves; a new stock clerk joins Weiss's team."""
    kept = [r for r in rows if r[0] != "180"]
    hire = ["207", "Ana", "Lima", "ALIMA", "650.124.9999", "2026-11-02", "Stock Clerk", "2600"]
    return [*kept, [*hire, "", "120", "Shipping"]]


def _diff(tmp_path: Path, header: list[str], rows: list[list[str]], *args: str) -> diffing.OrgDiff:
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    assert runner.invoke(app, ["import", str(ORACLE), "-o", str(before)]).exit_code == 0
    later = write_csv(tmp_path / "later.csv", header, rows)
    result = runner.invoke(app, ["import", str(later), "-o", str(after), *args])
    assert result.exit_code == 0, result.output
    (old, old_f), (new, new_f) = load(before), load(after)
    return diffing.compare(old, new, old_f, new_f)


def test_a_month_later_export_diffs_as_one_leaver_and_one_hire(tmp_path: Path) -> None:
    header, rows = oracle_rows()
    for args in ((), ("--previous", str(tmp_path / "before.yaml"))):
        result = _diff(tmp_path, header, _month_later(rows), *args)
        assert not (result.added or result.removed or result.renamed or result.moved)
        changes = {(h.id, tuple(h.joined), tuple(h.left)) for h in result.holders}
        assert changes == {
            ("stock-clerk-120", ("Ana Lima",), ()),
            ("shipping-clerk-120", (), ("Winston Taylor",)),
        }


def test_a_leaving_manager_does_not_rename_the_others(tmp_path: Path) -> None:
    """Stock manager Weiss (120) leaves and his teams move to Fripp (121): the other stock
    managers keep their ids (they carry their own employee id), his seat and teams go."""
    header, rows = oracle_rows()
    later = [r for r in rows if r[0] != "120"]
    later = [[*r[:9], "121" if r[9] == "120" else r[9], r[10]] for r in later]
    result = _diff(tmp_path, header, later)
    assert {r.id for r in result.removed} == {
        "stock-manager-120",
        "stock-clerk-120",
        "shipping-clerk-120",
    }
    assert not result.renamed and not result.added and not result.moved


def test_previous_keeps_ids_that_would_shift(tmp_path: Path) -> None:
    """Hunold (103) leaves and his programmers report to De Haan (102): without `--previous`
    their position, no longer below a `programmer`, would be renamed `programmer`; with it
    it keeps `programmer-it`."""
    header, rows = oracle_rows()
    later = [r for r in rows if r[0] != "103"]
    later = [[*r[:9], "102" if r[9] == "103" else r[9], r[10]] for r in later]
    plain = _diff(tmp_path, header, later)
    assert "programmer-it" in {r.id for r in plain.removed}  # noisy: removed and re-added
    kept = _diff(tmp_path, header, later, "--previous", str(tmp_path / "before.yaml"))
    assert {r.id for r in kept.removed} == {"programmer"}  # Hunold's own seat
    assert {m.id for m in kept.moved} == {"programmer-it"}  # now under De Haan
    after, _ = load(tmp_path / "after.yaml")
    team = next(p for p in after.positions if "Bruce Ernst" in p.holders)
    assert team.id == "programmer-it"


SPELLINGS = {
    "d3-org-chart": (
        "id,parentId,name,positionName,office,area\n1,,Ann Lee,CEO,HQ office,Corporate\n"
        "2,1,Bo Chan,CTO,HQ office,Technology\n3,2,Cy Diaz,Engineer,Remote,Technology\n",
        ["office"],
    ),
    "Visio": (
        "Unique ID,Name,Title,Reports To,Department,Telephone\n1,Ann Lee,CEO,,Corporate,1\n"
        "2,Bo Chan,CTO,Ann Lee,Technology,2\n3,Cy Diaz,Engineer,Bo Chan,Technology,3\n",
        ["Telephone"],
    ),
    "OrgChart Now": (
        "EmployeeID,FirstName,LastName,Title,SupervisorID,Department\n1,Ann,Lee,CEO,,Corporate\n"
        "2,Bo,Chan,CTO,1,Technology\n3,Cy,Diaz,Engineer,2,Technology\n",
        [],
    ),
    "Pingboard": (
        "First Name,Last Name,Email,Job Title,Department,Manager's Email,Start Date\n"
        "Ann,Lee,ann@x.org,CEO,Corporate,,2020-01-01\nBo,Chan,bo@x.org,CTO,Technology,ann@x.org,"
        "2021-01-01\nCy,Diaz,cy@x.org,Engineer,Technology,BO@x.org,2022-01-01\n",
        ["Start Date"],
    ),
    "BambooHR": (
        "Employee #,First Name,Last Name,Job Title,Department,Division,Reporting to,"
        "Supervisor EID\n"
        "1,Ann,Lee,CEO,Corporate,HQ,,\n2,Bo,Chan,CTO,Technology,HQ,Ann Lee,1\n"
        "3,Cy,Diaz,Engineer,Technology,HQ,Bo Chan,2\n",
        ["Division", "Reporting to"],
    ),
    "Workday": (
        "Employee ID,Worker,Business Title,Manager ID,Supervisory Organization,Cost Center\n"
        "1,Ann Lee,CEO,,Corporate,C1\n2,Bo Chan,CTO,1,Technology,C2\n3,Cy Diaz,Engineer,2,"
        "Technology,C2\n",
        ["Cost Center"],
    ),
    "Personio": (
        "ID,First name,Last name,Position,Department,Supervisor,Hire date\n"
        "1,Ann,Lee,CEO,Corporate,,2020-01-01\n2,Bo,Chan,CTO,Technology,Ann Lee,2021-01-01\n"
        "3,Cy,Diaz,Engineer,Technology,Bo Chan,2022-01-01\n",
        ["Hire date"],
    ),
    "Chinese": (
        "工号,姓,名,职位,上级工号,部门,入职日期\n1,李,安,CEO,,Corporate,2020-01-01\n"
        "2,陈,博,CTO,1,Technology,2021-01-01\n3,Diaz,Cy,Engineer,2,Technology,2022-01-01\n",
        ["入职日期"],
    ),
}


@pytest.mark.parametrize("tool", sorted(SPELLINGS))
def test_common_spellings_need_no_options(tmp_path: Path, tool: str) -> None:
    text, ignored = SPELLINGS[tool]
    src = tmp_path / "export.csv"
    src.write_text(text, encoding="utf-8")
    result = hris.import_hris(src)
    assert not result.problems
    assert result.report is not None and result.report.columns_ignored == ignored
    positions = {p["title"]: p for p in result.data["positions"]}
    assert positions["Engineer"]["reports_to"] == positions["CTO"]["id"]
    assert positions["CTO"]["reports_to"] == positions["CEO"]["id"]
    names = {
        h["name"] if isinstance(h, dict) else h for p in positions.values() for h in p["holders"]
    }
    expected = (
        {"李安", "陈博", "Cy Diaz"} if tool == "Chinese" else {"Ann Lee", "Bo Chan", "Cy Diaz"}
    )
    assert names == expected
    assert {u["name"] for u in result.data["units"]} >= {"Corporate", "Technology"}


def test_people_in_several_seats_are_reported(tmp_path: Path) -> None:
    src = tmp_path / "sigs.csv"
    src.write_text(
        "id,name,title,manager,department,email\n1,Steering,Chair,,Steering,\n"
        "2,Ann Lee,Chair,1,SIG Apps,ann@k8s.io\n3,Ann Lee,Tech Lead,1,SIG Docs,ann@k8s.io\n"
        "4,Bo Chan,Chair,1,SIG Docs,\n5,bo  chan,Chair,1,SIG Node,\n",
        encoding="utf-8",
    )
    out, report = tmp_path / "org.yaml", tmp_path / "r.json"
    result = runner.invoke(app, ["import", str(src), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text("utf-8"))
    assert [(p["name"], p["rows"], p["matched_by"]) for p in data["multi_seat_people"]] == [
        ("Ann Lee", [3, 4], "email"),
        ("Bo Chan", [5, 6], "name"),
    ]
    assert data["counts"]["multi_seat_people"] == 2
    assert "'Ann Lee' holds 2 seats" in result.stderr
