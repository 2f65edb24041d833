#!/usr/bin/env python3
"""Time `orgdesign import` and `export` on generated HR exports and print a Markdown table.

    .venv/bin/python bench/import_times.py --rows 10000 100000

Per size: the in-process import (read, check, build, ids, YAML), the whole
command (which also validates the organisation before writing it), the same
rows shuffled (the bytes must be identical), and `export` of the result back
to CSV; each command's wall time and peak memory (max RSS of its process).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
ORGDESIGN = Path(sys.executable).parent / "orgdesign"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_hris", HERE / "gen_hris.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of one command (its messages go to a file: a pipe could fill)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"{args} failed: {err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def measure(rows: int, tmp: Path) -> list[str]:
    gen = _generator()
    data = gen.generate(rows)
    src = tmp / f"hr{rows}.csv"
    gen.write(src, data)
    body = list(data)
    random.Random(7).shuffle(body)
    shuffled = tmp / f"hr{rows}-shuffled.csv"
    gen.write(shuffled, body)
    from orgdesign.analysis import hris

    start = time.perf_counter()
    result = hris.import_hris(src)
    in_process = time.perf_counter() - start
    out, again, table = tmp / "org.yaml", tmp / "again.yaml", tmp / "back.csv"
    cli, cli_mem = run([str(ORGDESIGN), "import", str(src), "-o", str(out)])
    run([str(ORGDESIGN), "import", str(shuffled), "-o", str(again)])
    same = again.read_bytes().replace(b"-shuffled", b"") == out.read_bytes()
    exp, exp_mem = run([str(ORGDESIGN), "export", str(out), "-o", str(table)])
    return [
        f"{rows:,}",
        f"{result.positions:,}",
        f"{in_process:.1f}",
        f"{cli:.1f}",
        f"{cli_mem:.0f}",
        "yes" if same else "NO",
        f"{exp:.1f}",
        f"{exp_mem:.0f}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args(argv)
    print(
        "| rows | positions | import in-process s | `import` command s | peak MiB "
        "| shuffled identical | `export` s | peak MiB |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            print("| " + " | ".join(measure(rows, Path(tmp))) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
