#!/usr/bin/env python3
"""Time `orgdesign import` and `export` on generated HR exports and print Markdown tables.

    nice .venv/bin/python bench/import_times.py --rows 10000 100000 250000

Per size, the first table has the whole `import` command (which also
validates the organisation before writing it), the same rows shuffled (the
bytes must be identical) and `export` of the result back to CSV: wall time
and peak memory (max RSS, from `/usr/bin/time -v` where it exists, else from
`wait4`). The second table has the stages of the import in a fresh process
(read the table, employees, build, ids, YAML text, validation of the built
file), each with its time and the process's peak memory after it: where the
memory goes. Run it with `nice` on a shared machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tables import print_head  # bench/tables.py, the script's folder

HERE = Path(__file__).parent
ORGDESIGN = Path(sys.executable).parent / "orgdesign"
TIME = Path("/usr/bin/time")
MAX_RSS = re.compile(rb"Maximum resident set size \(kbytes\): (\d+)")


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_hris", HERE / "gen_hris.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak MiB of one command (its messages go to a file: a pipe could fill)."""
    timed = [str(TIME), "-v", *args] if TIME.exists() else args
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(timed, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        messages = err.read()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{args} failed: {messages.decode(errors='replace')[-2000:]}")
    found = MAX_RSS.search(messages)
    return wall, (int(found[1]) if found else usage.ru_maxrss) / 1024


def stages(src: Path) -> list[tuple[str, float, float]]:
    """The import's stages in this process: (stage, seconds, peak MiB after it)."""
    from orgdesign import api
    from orgdesign.analysis.hris.build import Builder
    from orgdesign.analysis.hris.check import check_employees
    from orgdesign.analysis.hris.columns import map_columns
    from orgdesign.analysis.hris.drafts import ImportReport
    from orgdesign.analysis.hris.emit import body, dump_yaml
    from orgdesign.analysis.hris.names import name_positions, name_units
    from orgdesign.analysis.hris.read import read_employees
    from orgdesign.analysis.hris.units import place_units
    from orgdesign.analysis.tables import read_table
    from orgdesign.load.config import Config

    out: list[tuple[str, float, float]] = []
    clock = time.perf_counter()

    def done(stage: str) -> None:
        nonlocal clock
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out.append((stage, time.perf_counter() - clock, peak))
        clock = time.perf_counter()

    sheet = read_table(src)
    done("read the CSV (capped, row by row)")
    columns = map_columns(sheet.header, {}, str(src))
    employees, _ = read_employees(sheet, columns)
    del sheet
    done("rows to employees")
    checked = check_employees(employees)
    assert checked.top is not None
    builder = Builder(checked.kept, checked.top, columns, "leaves", ImportReport(str(src), "csv"))
    builder.tops = checked.tops or [checked.top]
    builder.assign()
    place_units(builder, builder.position_of[checked.top.id].unit_key)
    done("check lines, build positions and units")
    name_units(list(builder.units.values()), None)
    name_positions(builder.positions, builder.units, None)
    done("stable ids")
    units, positions = body(builder)
    text = dump_yaml({"orgdesign": 1, "units": units, "positions": positions}, "")
    del builder, employees, checked, units, positions
    done(f"YAML text ({len(text) / 2**20:.1f} MiB)")
    path = src.with_suffix(".stage.yaml")
    path.write_text(text, "utf-8")
    del text
    api.validate([(path, str(path))], Config(max_file_size=1024))
    done("validate the built file")
    return out


def _stage_rows(src: Path, cwd: Path) -> list[list[str]]:
    """Run `stages` in a fresh process, so that its peak memory is the import's own."""
    proc = subprocess.run(
        [sys.executable, __file__, "--stages-of", str(src)],
        capture_output=True,
        check=True,
        cwd=cwd,
    )
    return [[name, f"{secs:.1f}", f"{peak:.0f}"] for name, secs, peak in json.loads(proc.stdout)]


def measure(rows: int, tmp: Path) -> tuple[list[str], list[list[str]]]:
    gen = _generator()
    data = gen.generate(rows)
    src = tmp / f"hr{rows}.csv"
    gen.write(src, data)
    body = list(data)
    random.Random(7).shuffle(body)
    shuffled = tmp / f"hr{rows}-shuffled.csv"
    gen.write(shuffled, body)
    out, again, table = tmp / "org.yaml", tmp / "again.yaml", tmp / "back.csv"
    cli, cli_mem = run([str(ORGDESIGN), "import", str(src), "-o", str(out)], tmp)
    run([str(ORGDESIGN), "import", str(shuffled), "-o", str(again)], tmp)
    same = again.read_bytes().replace(b"-shuffled", b"") == out.read_bytes()
    size = out.stat().st_size / 2**20
    # `export` reads the org file like every command: up to max-file-size (10 MiB default).
    (tmp / ".orgdesign.toml").write_text(f"max-file-size = {max(10, math.ceil(size) + 1)}\n")
    exp, exp_mem = run([str(ORGDESIGN), "export", str(out), "-o", str(table)], tmp)
    (tmp / ".orgdesign.toml").unlink()
    summary = [
        f"{rows:,}",
        f"{src.stat().st_size / 2**20:.1f}",
        f"{cli:.1f}",
        f"{cli_mem:.0f}",
        f"{size:.1f}",
        "yes" if same else "NO",
        f"{exp:.1f}",
        f"{exp_mem:.0f}",
    ]
    return summary, _stage_rows(src, tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--stages-of", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stages_of:
        print(json.dumps(stages(args.stages_of)))
        return 0
    results: list[tuple[int, list[str], list[list[str]]]] = []
    print_head(
        "rows | CSV MiB | `import` s | peak MiB | org file MiB "
        "| shuffled identical | `export` s | peak MiB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            summary, staged = measure(rows, Path(tmp))
            results.append((rows, summary, staged))
            print("| " + " | ".join(summary) + " |", flush=True)
    print("\n| rows | import stage (fresh process) | s | peak MiB after it |")
    print("|---|---|---|---|")
    for rows, _, staged in results:
        for stage in staged:
            print(f"| {rows:,} | " + " | ".join(stage) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
