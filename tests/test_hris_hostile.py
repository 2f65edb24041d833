"""Hostile and careless input for every importer: no traceback, no hang, no unbounded memory,
and never an org file that fails validation (issues 18 class 4, 20 items 3 and 4)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.analysis import hris
from orgdesign.analysis.tables import TableError, read_table
from orgdesign.cli.app import app
from orgdesign.findings import Severity
from orgdesign.model import Org

runner = CliRunner()
DATA = Path(__file__).parent / "data" / "hris"
REPO = Path(__file__).parent.parent


def run_import(src: Path, out: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["import", str(src), "-o", str(out), *args])
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def valid(path: Path) -> list[str]:
    findings = api.validate([(path, str(path))]).results[0].findings
    return [f"{f.rule} {f.message}" for f in findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json", ".ldif", ".yaml"])
def test_a_fifo_is_refused_without_hanging(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    code, err = run_import(fifo, tmp_path / "org.yaml")
    assert code == 1 and "not a regular file" in err


@pytest.mark.parametrize("kind", ["csv", "xlsx", "scim", "ldif", "backstage"])
def test_a_device_is_refused(tmp_path: Path, kind: str) -> None:
    code, err = run_import(Path("/dev/zero"), tmp_path / "org.yaml", "--from", kind)
    assert code == 1 and "not a regular file" in err


def test_size_is_capped_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("id,title,manager\n" + "1,CEO,\n" * 2000, encoding="utf-8")
    with pytest.raises(TableError, match="MiB"):
        hris.import_hris(big, hris.ImportOptions(max_bytes=1000))


def bomb(path: Path, size: int) -> Path:
    """A valid workbook plus one part that decompresses to `size` bytes of zeros."""
    book = openpyxl.Workbook()
    book.active.append(["id", "title", "manager"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\0" * size)
    path.write_bytes(buffer.getvalue())
    return path


def test_zip_bomb_workbook_is_refused_by_declared_size(tmp_path: Path) -> None:
    src = bomb(tmp_path / "bomb.xlsx", 2_000_000)
    assert src.stat().st_size < 20_000
    with pytest.raises(TableError, match="would expand to"):
        read_table(src, max_bytes=1_000_000)


def test_zip_bomb_through_the_cli(tmp_path: Path) -> None:
    src = bomb(tmp_path / "bomb.xlsx", 201 * 1024 * 1024)  # past the 200 MiB default
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 1 and "would expand to" in err


def _rewrite(src: Path, part: str, text: str) -> None:
    data = io.BytesIO(src.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            new.writestr(item, text if item.filename == part else old.read(item))
    src.write_bytes(out.getvalue())


def test_workbook_without_a_sheet(tmp_path: Path) -> None:
    src = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(src)
    _rewrite(
        src,
        "xl/workbook.xml",
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/>'
        "</workbook>",
    )
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 1 and str(src) in err


def test_entity_amplified_workbook(tmp_path: Path) -> None:
    src = tmp_path / "lol.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["id", "title", "manager"])
    book.save(src)
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    _rewrite(
        src,
        "xl/worksheets/sheet1.xml",
        f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "lol">{lol}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row>'
        "</sheetData></worksheet>",
    )
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 1 and "workbook" in err


@pytest.mark.parametrize("encoding", ["punycode", "rot13", "idna", "no-such-codec", "base64"])
def test_odd_encodings_are_usage_errors(tmp_path: Path, encoding: str) -> None:
    code, err = run_import(DATA / "employees.csv", tmp_path / "org.yaml", "--encoding", encoding)
    assert code == 2 and "encoding" in err


def test_bad_bytes_name_the_encoding_option(tmp_path: Path) -> None:
    src = tmp_path / "latin.csv"
    src.write_bytes("id,name,title,manager\n1,Jos\xe9,CEO,\n".encode("latin-1"))
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 1 and "--encoding" in err
    code, _ = run_import(src, tmp_path / "org.yaml", "--encoding", "cp1252")
    assert code == 0


def test_huge_fields_and_wide_headers(tmp_path: Path) -> None:
    src = tmp_path / "huge.csv"
    src.write_text("id,name,title,manager\n1," + "x" * 200_000 + ",CEO,\n", encoding="utf-8")
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 1 and "field" in err
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n", encoding="utf-8")
    code, err = run_import(wide, tmp_path / "org.yaml")
    assert code == 1 and "columns" in err


def test_every_skipped_row_and_holder_is_reported(tmp_path: Path) -> None:
    out, report = tmp_path / "org.yaml", tmp_path / "r.json"
    code, err = run_import(
        DATA / "problems.csv", out, "--on-error", "skip", "--report", str(report)
    )
    assert code == 0
    skipped = json.loads(report.read_text("utf-8"))["skipped"]
    assert sorted({s["row"] for s in skipped}) == [5, 6, 7, 8, 9, 10, 11, 12]
    assert "6 row(s) skipped" in err or "8 row(s) skipped" in err
    assert not valid(out)


def test_a_vacant_row_with_a_name_keeps_the_person(tmp_path: Path) -> None:
    src = tmp_path / "v.csv"
    src.write_text("id,name,title,manager,vacant\n1,Ann,CEO,,\n2,Bo,Analyst,1,yes\n", "utf-8")
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 0 and "marked vacant but names 'Bo'" in err
    assert "Bo" in (tmp_path / "org.yaml").read_text("utf-8")


ODD_UNITS = {
    # unit loops from parent columns never reach the file
    "unit-loop": "id,title,manager,department_id,department,parent_department_id\n"
    "1,CEO,,hq,HQ,b\n2,Head A,1,a,A,b\n3,Head B,2,b,B,a\n4,Analyst,3,b,B,a\n",
    # the case that raised StopIteration: a named head below another member of its unit
    "head-inside-own-department": "id,title,manager,department,department_head,position_id\n"
    "1,CEO,,Ops,p3,p1\n2,Manager,1,Ops,p3,p2\n3,Analyst,2,Ops,p3,p3\n",
}


@pytest.mark.parametrize("case", sorted(ODD_UNITS))
def test_odd_unit_columns_import_to_a_valid_file(tmp_path: Path, case: str) -> None:
    src = tmp_path / f"{case}.csv"
    src.write_text(ODD_UNITS[case], encoding="utf-8")
    code, _ = run_import(src, tmp_path / "org.yaml")
    assert code == 0
    assert not valid(tmp_path / "org.yaml")


def round_trip(tmp_path: Path, org_text: str, suffix: str) -> tuple[Path, Org]:
    """Export `org_text` to a `suffix` file and import that back (both must succeed)."""
    src = tmp_path / "org.yaml"
    src.write_text(org_text, encoding="utf-8")
    out = tmp_path / f"exported{suffix}"
    assert runner.invoke(app, ["export", str(src), "-o", str(out)]).exit_code == 0
    code, _ = run_import(out, tmp_path / "back.yaml")
    assert code == 0
    back = api.validate([(tmp_path / "back.yaml", "back")]).results[0].org
    assert back is not None
    return out, back


def test_empty_units_survive_export_and_import(tmp_path: Path) -> None:
    _, back = round_trip(
        tmp_path,
        "orgdesign: 1\norganization: {id: t, name: T}\nunits:\n"
        "  - {id: hq, name: HQ, type: company, head: boss}\n"
        "  - {id: lab, name: Future Lab, type: center, parent: hq}\n"
        "  - {id: lab-east, name: Lab East, type: team, parent: lab}\n"
        "positions:\n  - {id: boss, title: Boss, unit: hq, holders: [{name: Ann, id: '7'}]}\n",
        ".csv",
    )
    assert {(u.id, u.name, u.type, u.parent) for u in back.units} == {
        ("hq", "HQ", "company", None),
        ("lab", "Future Lab", "center", "hq"),
        ("lab-east", "Lab East", "team", "lab"),
    }
    assert back.positions[0].holder_ids == ["7"]


# --- native formats --------------------------------------------------------------------------


def test_scim_cycles_missing_managers_and_bad_documents(tmp_path: Path) -> None:
    def user(i: str, manager: str | None) -> dict[str, object]:
        ext: dict[str, object] = {"employeeNumber": i}
        if manager:
            ext["manager"] = {"value": manager}
        return {
            "schemas": [
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            ],
            "id": i,
            "userName": f"u{i}",
            "title": '=HYPERLINK("x")',
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ext,
        }

    doc = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 5,
        "Resources": [user("1", None), user("2", "3"), user("3", "2"), user("4", "99")],
    }
    src = tmp_path / "u.json"
    src.write_text(json.dumps(doc), "utf-8")
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 1 and "reporting cycle" in err and "'99' is not an employee id" in err
    code, _ = run_import(src, tmp_path / "org.yaml", "--on-error", "skip")
    assert code == 0 and not valid(tmp_path / "org.yaml")
    for bad in ("{", '{"Resources": 5}', "[]", '"x"', "{" * 100_000):
        src.write_text(bad, "utf-8")
        code, err = run_import(src, tmp_path / "org.yaml")
        assert code == 1 and str(src) in err


def test_ldif_missing_manager_bad_base64_and_url_values(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read", "utf-8")
    src = tmp_path / "d.ldif"
    src.write_text(
        "dn: uid=a,o=x\ncn: Ann\ntitle: CEO\n\n"
        f"dn: uid=b,o=x\ncn: Bo\ntitle:< file://{secret}\nmanager: uid=a,o=x\n\n"
        "dn: uid=c,o=x\ncn: Cy\ntitle: Analyst\nmanager: uid=nobody,o=x\n",
        "utf-8",
    )
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 1 and "uid=nobody,o=x" in err
    code, _ = run_import(src, tmp_path / "org.yaml", "--on-error", "skip")
    assert code == 0
    assert "do not read" not in (tmp_path / "org.yaml").read_text("utf-8")
    src.write_text("dn: uid=a,o=x\ncn:: !!!notbase64\n", "utf-8")
    code, err = run_import(src, tmp_path / "org.yaml")
    assert code == 1 and str(src) in err


def test_ldif_export_cannot_be_injected(tmp_path: Path) -> None:
    out, back = round_trip(
        tmp_path,
        "orgdesign: 1\norganization: {id: t, name: T}\nunits: [{id: hq, name: HQ, head: boss}]\n"
        'positions:\n  - {id: boss, title: "CEO\\ndn: uid=root,o=t", unit: hq,'
        " holders: [{name: \"Eve\\nuid: root\", id: 'a,b=c'}]}\n",
        ".ldif",
    )
    text = out.read_text("utf-8")
    assert [line for line in text.splitlines() if line.startswith("dn:")] == [
        "dn: uid=a\\,b\\=c,ou=people,o=t"
    ]
    assert "Eve\nuid: root" in back.positions[0].holders


def test_backstage_hostile_catalogs(tmp_path: Path) -> None:
    src = tmp_path / "c.yaml"
    cases = {
        "loop": "kind: Group\nmetadata: {name: a}\nspec: {parent: b}\n---\n"
        "kind: Group\nmetadata: {name: b}\nspec: {parent: a}\n---\n"
        "kind: User\nmetadata: {name: u}\nspec: {memberOf: [a]}\n",
        "aliases": "kind: Group\nmetadata: {name: &n a}\n"
        "spec: {children: [*n, *n], members: [*n]}\n",
        "cross-document alias": "kind: Group\nmetadata: {name: &n a}\n---\nkind: User\n"
        "metadata: {name: *n}\n",
        "types": "kind: Group\nmetadata: {name: [1]}\nspec: 5\n---\nkind: User\nmetadata: 3\n",
        "no groups": "kind: User\nmetadata: {name: u}\n",
        "not yaml": "kind: [\n",
        "deep": "[" * 10_000,
    }
    outcomes = {}
    for name, text in cases.items():
        src.write_text(text, "utf-8")
        code, err = run_import(src, tmp_path / "org.yaml", "--on-error", "skip")
        outcomes[name] = code
        if code == 0:
            assert not valid(tmp_path / "org.yaml"), name
        else:
            assert str(src) in err, name
    assert outcomes == {
        "loop": 0,
        "aliases": 0,
        "cross-document alias": 1,
        "types": 1,
        "no groups": 1,
        "not yaml": 1,
        "deep": 1,
    }


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.lists(
        st.lists(
            st.sampled_from(["", "1", "2", "3", "a", "=x", "\x00", "é", "1;2", "yes"]),
            min_size=7,
            max_size=7,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_fuzzed_tables_never_crash_or_write_invalid_files(
    tmp_path: Path, data: list[list[str]]
) -> None:
    header = "id,title,manager,department_id,parent_department_id,department_head,position_id\n"
    src = tmp_path / "f.csv"
    src.write_text(header + "\n".join(",".join(r) for r in data) + "\n", "utf-8")
    out = tmp_path / "org.yaml"
    out.unlink(missing_ok=True)
    code, _ = run_import(src, out, "--on-error", "skip")
    assert code in (0, 1, 2)
    if code == 0:
        assert not [e for e in valid(out) if e.startswith("ORG")], out.read_text("utf-8")
