"""Issue 18 review: the sites the review of every read, JSON, number and recursion left open."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgdesign.cli.app import app

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parent.parent / "sample_orgs" / "lean.yaml"


def _cli(args: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgdesign", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        **kw,  # type: ignore[arg-type]
    )


def test_deeply_nested_toml_config_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "deep.toml"
    config.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--config", str(config), str(SAMPLE)])
    assert result.exit_code == 2, result.output
    assert "nested too deeply" in result.output and "internal error" not in result.output


def test_import_of_a_fifo_without_suffix_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "export"
    os.mkfifo(fifo)
    result = _cli(["import", str(fifo), "-o", str(tmp_path / "org.yaml")], tmp_path)
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr


def _limit_memory() -> None:  # 900 MB of address space: the tool needs far less for one file
    resource.setrlimit(resource.RLIMIT_AS, (900 * 1024 * 1024, 900 * 1024 * 1024))


def test_the_file_size_limit_is_not_allocated(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "lean.yaml")
    (tmp_path / ".orgdesign.toml").write_text("max-file-size = 1024\n", encoding="utf-8")
    result = _cli(["validate", "--no-cache", "lean.yaml"], tmp_path, preexec_fn=_limit_memory)
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr


def test_an_odd_source_date_epoch_falls_back_to_today(monkeypatch: object) -> None:
    from orgdesign.output.chart.layoutchart import chart_date

    mp = monkeypatch  # pytest.MonkeyPatch
    for epoch in ("\u00b2", "99999999999999999", "253402300800", "9" * 5000):
        mp.setenv("SOURCE_DATE_EPOCH", epoch)  # type: ignore[attr-defined]
        assert len(chart_date()) == 10
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")  # type: ignore[attr-defined]
    assert chart_date() == "2023-11-14"


def test_a_huge_logo_is_refused_when_the_config_is_read(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    with logo.open("wb") as handle:  # sparse: 3 GiB on paper, nothing on disk
        handle.truncate(3 * 1024**3)
    config = tmp_path / ".orgdesign.toml"
    config.write_text('[theme]\nlogo = "logo.png"\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "--config", str(config), str(SAMPLE)])
    assert result.exit_code == 2, result.output
    assert "more than the 10 MiB a logo may have" in result.output


def test_a_float_tag_on_a_huge_integer_is_a_located_finding(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "cost: 480000", "cost: !!float " + "9" * 400, 1
    )
    org = tmp_path / "org.yaml"
    org.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(org)])
    assert result.exit_code == 1, result.output
    assert "ORG001" in result.output and "too large for a !!float" in result.output


SRC = Path(__file__).resolve().parent.parent / "src" / "orgdesign"


def test_every_json_writer_refuses_non_finite_numbers() -> None:
    """`allow_nan=False` behind the model's bounds: JSON the tool writes is RFC 8259 JSON.

    The config reader is the one exception: it hands TOML's `inf` to pydantic, which
    refuses it with a located message (tested with `max-file-size = inf`)."""
    unguarded = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "json.dumps(" in line and "allow_nan=False" not in line
        and path.relative_to(SRC).as_posix() != "load/config.py"
    ]  # fmt: skip
    assert unguarded == []


def test_a_non_finite_number_that_got_past_the_model_writes_no_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orgdesign.output.escape import json_document
    from orgdesign.output.reports import stats_data

    with pytest.raises(ValueError, match="JSON"):
        json_document({"cost": float("inf")})
    monkeypatch.setattr(stats_data, "to_dict", lambda stats: {"cost": float("nan")})
    target = tmp_path / "stats.json"
    result = runner.invoke(app, ["stats", str(SAMPLE), "--format", "json", "-o", str(target)])
    assert result.exit_code != 0
    assert not target.exists(), "nothing is written rather than NaN"
