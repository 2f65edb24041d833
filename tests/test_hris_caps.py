"""Every table the tool reads goes through the capped readers of `load/fsio.py` (issue 15).

An oversized CSV and a workbook whose parts decompress to more than they
declare are refused with a message naming the file, exit code 1, no
traceback and nothing written.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from orgdesign.analysis import hris
from orgdesign.analysis.tables import TableError, read_input, read_table
from orgdesign.cli.app import app
from orgdesign.load import fsio

runner = CliRunner()
MIB = 1024 * 1024


def run_import(src: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["import", str(src), "-o", str(out)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def test_read_input_reads_through_read_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "hr.csv"
    src.write_text("id,title,manager\n1,CEO,\n", encoding="utf-8")
    calls: list[int] = []
    real = fsio.read_capped

    def spy(path: Path, max_bytes: int, name: str | None = None) -> bytes:
        calls.append(max_bytes)
        return real(path, max_bytes, name)

    monkeypatch.setattr("orgdesign.analysis.tables.read_capped", spy)
    assert read_table(src, max_bytes=5000).rows == [(2, ["1", "CEO", ""])]
    assert calls == [5000]


def test_an_oversized_csv_is_refused_before_it_is_read(tmp_path: Path) -> None:
    src = tmp_path / "huge.csv"
    with open(src, "wb") as handle:  # sparse: 201 MiB on paper, nothing on disk
        handle.write(b"id,title,manager\n1,CEO,\n")
        handle.truncate(201 * MIB)
    out = tmp_path / "org.yaml"
    code, err = run_import(src, out)
    assert code == 1 and str(src) in err and "200 MiB" in err
    assert not out.exists()


def test_a_file_that_grows_past_the_cap_is_cut_off(tmp_path: Path) -> None:
    src = tmp_path / "hr.csv"
    src.write_text("id,title,manager\n" + "1,CEO,\n" * 400, encoding="utf-8")
    with pytest.raises(TableError, match=r"hr\.csv: .*MiB an input may have"):
        read_input(src, 1000)


def _lying_bomb(path: Path, real: int, declared: int) -> Path:
    """A valid workbook with one part of `real` zeros whose headers say `declared` bytes."""
    book = openpyxl.Workbook()
    book.active.append(["id", "title", "manager"])
    book.active.append(["1", "CEO", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\0" * real)
    data = bytearray(buffer.getvalue())
    name = b"xl/media/zeros.bin"
    local = data.find(b"PK\x03\x04" + b"\x14\x00", 0)
    while local != -1:  # the local header of the part: uncompressed size at offset 22
        if data[local + 30 : local + 30 + len(name)] == name:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:  # its central directory entry: uncompressed size at offset 24
        if data[central + 46 : central + 46 + len(name)] == name:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as check:
        assert check.getinfo("xl/media/zeros.bin").file_size == declared
    return path


def test_a_workbook_part_lying_about_its_size_is_refused(tmp_path: Path) -> None:
    src = _lying_bomb(tmp_path / "bomb.xlsx", real=5 * MIB, declared=100)
    assert src.stat().st_size < 40_000
    with pytest.raises(TableError, match=r"bomb\.xlsx: .*zeros\.bin"):
        read_table(src)
    out = tmp_path / "org.yaml"
    code, err = run_import(src, out)
    assert code == 1 and str(src) in err and "zeros.bin" in err
    assert not out.exists()


def test_a_workbook_part_over_what_is_left_of_the_budget(tmp_path: Path) -> None:
    """Declared sizes within the cap in all, but read for real against what is left."""
    book = openpyxl.Workbook()
    book.active.append(["id", "title", "manager"])
    buffer = io.BytesIO()
    book.save(buffer)
    base = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(buffer.getvalue())).infolist())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/zeros.bin", b"\0" * 50_000)
    src = tmp_path / "big.xlsx"
    src.write_bytes(buffer.getvalue())
    with pytest.raises(TableError, match="would expand to"):
        read_table(src, max_bytes=base + 40_000)
    assert read_table(src, max_bytes=base + 60_000).header == ["id", "title", "manager"]


def test_a_workbook_within_the_caps_still_imports(tmp_path: Path) -> None:
    src = tmp_path / "hr.xlsx"
    book = openpyxl.Workbook()
    for row in (["id", "title", "manager"], ["1", "CEO", ""], ["2", "CFO", "1"]):
        book.active.append(row)
    book.save(src)
    result = hris.import_hris(src)
    assert [p["id"] for p in result.data["positions"]] == ["ceo", "cfo"]


def test_a_csv_in_another_encoding_is_read_row_by_row(tmp_path: Path) -> None:
    src = tmp_path / "hr.csv"
    src.write_bytes("工号;姓名;职位;上级工号\n1;王磊;总经理;\n2;李娜;财务总监;1\n".encode("gbk"))
    sheet = read_table(src, encoding="gbk")
    assert sheet.header == ["工号", "姓名", "职位", "上级工号"]
    assert sheet.rows[1] == (3, ["2", "李娜", "财务总监", "1"])
    with pytest.raises(TableError, match=r"hr\.csv: not utf-8-sig text \(byte"):
        read_table(src)


def test_an_org_file_over_max_file_size_is_still_checked_and_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 250,000-row import makes a 17 MiB file: more than the 10 MiB default (here: 8 KiB)."""
    from orgdesign import api
    from orgdesign.cli.commands import hrdata
    from orgdesign.load.config import Config

    class Small(Config):
        max_file_size: float = 8 / 1024

    monkeypatch.setattr(api, "Config", Small)
    monkeypatch.setattr(hrdata, "Config", Small)
    src = tmp_path / "hr.csv"
    lines = ["id,name,title,manager", "1,Ann,CEO,"]
    lines += [f"{n},Person {n},Manager {n},1" for n in range(2, 400)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "org.yaml"
    result = runner.invoke(app, ["import", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 8 * 1024
    assert "max-file-size = 2" in result.stderr
