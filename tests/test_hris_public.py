"""A public HR data set's columns, imported with no options (issue 15, "done when").

`hrdataset-v14-columns.csv` has the 36 published columns of the public
`HRDataset_v14` (Huebner & Patalano), 310 rows written for these tests:
`Employee_Name` as "Last, First", `ManagerName` as "First Last" with a
`ManagerID` in a numbering of its own (sometimes empty), `PositionID` a job
code, a third of the rows leavers, the chief executive reporting to "Board of
Directors", `Department` with trailing spaces.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.analysis import hris
from orgdesign.analysis.hris.hr_quirks import name_keys
from orgdesign.cli.app import app
from orgdesign.findings import Severity

runner = CliRunner()
REPO = Path(__file__).parent.parent
SRC = Path(__file__).parent / "data" / "hris" / "hrdataset-v14-columns.csv"


def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(SRC.read_text("utf-8"))))


def first_last(name: str) -> str:
    last, first = name.split(",", 1)
    return " ".join(f"{first} {last}".split())


def test_imports_with_no_options_and_keeps_every_line(tmp_path: Path) -> None:
    out, report = tmp_path / "org.yaml", tmp_path / "report.json"
    result = runner.invoke(app, ["import", str(SRC), "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.output
    run = api.validate([(out, str(out))])
    assert not [f for f in run.results[0].findings if f.severity is Severity.ERROR]
    org = run.results[0].org
    assert org is not None
    staying = [r for r in rows() if r["EmploymentStatus"] == "Active"]
    holder_of = {i: p for p in org.positions for i in p.holder_ids if i}
    assert set(holder_of) == {r["EmpID"] for r in staying}  # leavers are not holders
    by_name = {first_last(r["Employee_Name"]): r["EmpID"] for r in staying}
    for row in staying:  # every reporting line of the file, through ManagerName
        pos = holder_of[row["EmpID"]]
        if row["ManagerName"] == "Board of Directors":
            assert pos.reports_to is None and pos.title == "President & CEO"
            continue
        boss = holder_of[by_name[" ".join(row["ManagerName"].split())]]
        assert pos.reports_to == boss.id, row
    names = {h for p in org.positions for h in p.holders}
    assert "Janet King" in names and not any("," in n for n in names)
    assert {u.name for u in org.units} >= {"Production", "IT/IS", "Executive Office"}
    assert not any(p.id.isdigit() for p in org.positions)  # PositionID is a job code
    data = json.loads(report.read_text("utf-8"))
    assert data["columns"]["used"]["manager's name"] == "ManagerName"
    assert data["columns"]["used"]["employment status"] == "EmploymentStatus"
    kinds = [n["kind"] for n in data["notes"]]
    leavers = len(rows()) - len(staying)
    assert kinds.count("leaver") == leavers and leavers > 50
    for kind in ("managers by name", "name order", "top outside the file", "job codes"):
        assert kind in kinds


def test_shuffled_rows_give_the_same_file(tmp_path: Path) -> None:
    text = SRC.read_text("utf-8").splitlines(keepends=True)
    body = text[1:]
    random.Random(3).shuffle(body)
    shuffled = tmp_path / SRC.name
    shuffled.write_text(text[0] + "".join(body), "utf-8")
    assert hris.import_hris(shuffled).text == hris.import_hris(SRC).text


def test_name_forms() -> None:
    assert name_keys("King, Steven  K.") == ["steven k. king", "steven king"]
    assert name_keys("Brandon R. LeBlanc") == ["brandon r. leblanc", "brandon leblanc"]
    assert name_keys("王磊") == ["王磊"]


def _import(tmp_path: Path, text: str) -> hris.ImportResult:
    src = tmp_path / "hr.csv"
    src.write_text(text, "utf-8")
    return hris.import_hris(src)


def test_a_leaver_who_still_has_reports_is_kept_with_a_note(tmp_path: Path) -> None:
    result = _import(
        tmp_path,
        "id,name,title,manager,status\n1,Ann,CEO,,Active\n2,Bo,CFO,1,Terminated\n"
        "3,Cy,Accountant,2,Active\n4,Di,Clerk,1,Resigned\n",
    )
    titles = {p["title"] for p in result.data["positions"]}
    assert titles == {"CEO", "CFO", "Accountant"}
    kinds = {n.row: n.kind for n in result.notes}
    assert kinds[3] == "leaver kept" and kinds[5] == "leaver"


def test_two_rows_reporting_outside_the_file_are_not_guessed(tmp_path: Path) -> None:
    with pytest.raises(hris.ImportInputError, match="no top of the organisation"):
        _import(tmp_path, "id,name,title,manager\n1,Ann,CEO,board\n2,Bo,CFO,1\n3,Cy,COO,owner\n")
    one = _import(tmp_path, "id,name,title,manager\n1,Ann,CEO,board\n2,Bo,CFO,1\n")
    assert [n.kind for n in one.notes] == ["top outside the file"]
    assert one.data["positions"][0]["title"] == "CEO"


LEAVERS = {
    "a Chinese status column (状态: 离职)": (
        "工号,姓名,职位,直属上级工号,部门,状态\n1001,王建国,总经理,,总经办,在职\n"
        "1002,李娜,市场总监,1001,市场部,在职\n1003,郑浩,品牌专员,1002,市场部,离职\n",
        {"总经理", "市场总监"},
    ),
    "no status column, a passed end date": (
        "id,name,title,manager,Termination Date\n1,Ann,CEO,\n2,Bo,CFO,1,2019-03-31\n"
        "3,Cy,COO,1,2999-01-31\n",
        {"CEO", "COO"},
    ),
}


@pytest.mark.parametrize("case", list(LEAVERS))
def test_leavers_are_not_imported(tmp_path: Path, case: str) -> None:
    table, kept = LEAVERS[case]
    result = _import(tmp_path, table)
    assert {p["title"] for p in result.data["positions"]} == kept
    summary = next(n for n in result.notes if n.kind == "leavers")
    assert summary.text("hr.csv") == (
        "hr.csv: 1 leaver(s) not imported (rows listed below and in --report)"
    ), "a note about the whole table names no row"


@pytest.mark.parametrize("names", [("Smith, John", "Doe, Jane", "Li, Wei"), (";,;", ";,;", ",x,")])
def test_own_export_keeps_names_written_with_commas(tmp_path: Path, names: tuple[str, ...]) -> None:
    """'Last, First' is turned round only in HR files: orgdesign's own export comes back as is."""
    lines = (REPO / "sample_orgs" / "lean.yaml").read_text(encoding="utf-8").splitlines()
    seats = [i for i, line in enumerate(lines) if line.strip().startswith("holders: [")]
    for n, at in enumerate(seats):  # every holder, so that the file looks written 'Last, First'
        name = names[n % len(names)]
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        lines[at] = f"{indent}holders: [{json.dumps(name)}]"
    src = tmp_path / "org.yaml"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def holders(path: Path) -> list[str]:
        org = api.validate([(path, path.stem)]).results[0].org
        assert org is not None
        return sorted(h for p in org.positions for h in p.holders)

    before = holders(src)
    assert set(names) <= set(before)
    table = tmp_path / "t.csv"
    assert runner.invoke(app, ["export", str(src), "-o", str(table)]).exit_code == 0
    result = runner.invoke(app, ["import", str(table), "-o", str(tmp_path / "back.yaml")])
    assert result.exit_code == 0, result.output
    assert holders(tmp_path / "back.yaml") == before
