#!/usr/bin/env python3
"""CI at scale: the figures of issue 16, side by side, measured in one run.

    .venv/bin/python bench/ci_scale.py --positions 100000 --files 20      # quick
    .venv/bin/python bench/ci_scale.py --positions 1000000 --files 200    # the issue's size

Every command runs in a fresh process (wall time and peak RSS by GNU time, as in
`bench/run.py`); with `--repeat N` the median is shown. Rows:

1. **parse floor**: libyaml's event stream (`yaml.parse` with `CSafeLoader`) over
   the same files, nothing built: what no YAML tool in Python can go below;
2. **cold validate**: `orgdesign validate ROOT` with an empty `.orgdesign_cache`
   (the entries are written during the run, as in a first CI run);
3. **cold, --no-cache -j 1** (and with `--parallel`, `-j 2`): without the cache;
4. **after one file changes**: one part file edited (a title), validated again
   with the cache of run 2 (only that file is parsed; the rules run on the whole);
5. **50k positions in one file** against check-jsonschema with the schema of
   `orgdesign schema` (ruamel.yaml's C parser);
6. **one small file** (whole process) against check-jsonschema.

The machine load (`/proc/loadavg`) is printed before and after: on a shared
machine, compare the rows of one run with each other rather than across runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402 - the measuring helpers of bench/run.py
from generate_multi import write_multi  # noqa: E402
from tables import print_head  # noqa: E402

FLOOR = r"""
import sys, yaml
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        text = handle.read().decode("utf-8")
    for _event in yaml.parse(text, Loader=yaml.CSafeLoader):
        pass
"""


@dataclass
class Timed:
    """One fresh-process run: wall and CPU seconds (user + system, children included)."""

    rc: int | None = None
    wall: float | None = None
    cpu: float | None = None
    maxrss_kb: int | None = None
    timed_out: bool = False


def measure(cmd: list[str], timeout: float) -> Timed:
    """`bench/run.py`'s way (GNU time, own session, killed at the timeout) plus CPU time.

    On a shared machine CPU seconds move much less than wall seconds: both are shown.
    """
    with tempfile.TemporaryDirectory(prefix="orgci-") as tmp:
        stats = Path(tmp) / "time"
        full = [bench.GNU_TIME, "-f", "%e %M %U %S", "-o", str(stats), *cmd]
        proc = subprocess.Popen(
            full,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=bench.CHILD_ENV,
        )
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return Timed(timed_out=True)
        wall, rss, user, system = stats.read_text().strip().splitlines()[-1].split()
        return Timed(rc, float(wall), float(user) + float(system), int(rss))


def median_run(cmd: list[str], repeat: int, timeout: float, before: Callable[[], None]) -> Timed:
    """The run of median wall time (its peak RSS with it); `before` prepares each run."""
    runs = []
    for _ in range(repeat):
        before()
        runs.append(measure(cmd, timeout))
    done = [r for r in runs if r.wall is not None]
    if not done:
        return runs[0]
    done.sort(key=lambda r: r.wall or 0.0)
    return done[len(done) // 2]


def multi_org(workdir: Path, positions: int, files: int, seed: int) -> Path:
    folder = workdir / f"multi-{positions}-{files}-seed{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"# generating {positions:,} positions in {files + 1} files", file=sys.stderr)
        write_multi(positions, files, seed, folder)
        stamp.write_text("ok")
    return folder


def _fmt(r: Timed) -> str:
    if r.timed_out:
        return "timeout | - | -"
    wall = f"{r.wall:.2f}" if r.wall is not None else "?"
    cpu = f"{r.cpu:.2f}" if r.cpu is not None else "?"
    mem = f"{r.maxrss_kb / 1024:,.0f}" if r.maxrss_kb else "?"
    return f"{wall} | {cpu} | {mem}"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a and b else "-"


def _row(what: str, ours: Timed, ref: Timed | None, ref_name: str, target: str) -> str:
    if ref is None:
        return f"| {what} | {_fmt(ours)} | | | | | | | {target} |"
    ratios = f"{_ratio(ours.wall, ref.wall)} | {_ratio(ours.cpu, ref.cpu)}"
    return f"| {what} | {_fmt(ours)} | {ref_name} | {_fmt(ref)} | {ratios} | {target} |"


def _loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--positions", type=int, default=1_000_000)
    ap.add_argument("--files", type=int, default=200, help="part files besides the root")
    ap.add_argument("--single", type=int, default=50_000, help="positions of the one-file row")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=1200)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "orgdesign-ci")
    ap.add_argument("--skip-serial", action="store_true", help="leave out row 3")
    ap.add_argument("--parallel", action="store_true", help="add a row: --no-cache -j 2")
    ap.add_argument(
        "--src",
        type=Path,
        help="measure the orgdesign sources in this folder instead (e.g. an older checkout's "
        "src/, run as `python -m orgdesign` with it first on PYTHONPATH): before/after tables",
    )
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    bench.CHILD_ENV = bench.child_env(args.workdir, "cache")
    assert bench.CHILD_ENV is not None
    bench.CHILD_ENV["XDG_CACHE_HOME"] = str(args.workdir / "xdg")
    orgdesign = [bench.tool("orgdesign") or "orgdesign"]
    if args.src is not None:
        orgdesign = [sys.executable, "-m", "orgdesign"]
        bench.CHILD_ENV["PYTHONPATH"] = str(args.src.resolve())
    cjs = bench.ensure_check_jsonschema()
    schema = args.workdir / "org-schema.json"
    subprocess.run([*orgdesign, "schema", "-o", str(schema)], check=True, env=bench.CHILD_ENV)

    folder = multi_org(args.workdir, args.positions, args.files, args.seed)
    parts = sorted(folder.glob("part-*.yaml"))
    all_files = [str(folder / "org.yaml"), *map(str, parts)]
    cache_dir = folder / ".orgdesign_cache"
    changed, original = parts[len(parts) // 2], parts[len(parts) // 2].read_text(encoding="utf-8")
    load_start = _loadavg()

    def clear() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)
        changed.write_text(original, encoding="utf-8")

    def edit() -> None:  # one title changes: the file's bytes differ, nothing else
        changed.write_text(original.replace('title: "', 'title: "Changed ', 1), encoding="utf-8")

    root = str(folder / "org.yaml")
    validate = [*orgdesign, "validate", root, "--format", "json", "-q"]
    # untimed warm-up of both tools (bytecode, disk cache of the OS)
    subprocess.run([*orgdesign, "--version"], capture_output=True, env=bench.CHILD_ENV)
    print("# parse floor", file=sys.stderr)
    floor = median_run([sys.executable, "-c", FLOOR, *all_files], args.repeat, args.timeout, clear)
    print("# cold validate", file=sys.stderr)
    old_cwd = os.getcwd()
    os.chdir(folder)  # the cache lives in the working folder
    try:
        cold_runs, warm_runs = [], []
        for _ in range(args.repeat):
            clear()
            cold_runs.append(measure(validate, args.timeout))  # fills the cache
            edit()
            print("# after one file changes", file=sys.stderr)
            warm_runs.append(measure(validate, args.timeout))
        cold, warm = (
            sorted(runs, key=lambda r: r.wall or 0.0)[len(runs) // 2]
            for runs in (cold_runs, warm_runs)
        )
        serial = parallel = None
        if args.parallel:
            print("# cold --no-cache -j 2", file=sys.stderr)
            parallel = median_run(
                [*validate, "--no-cache", "-j", "2"], args.repeat, args.timeout, clear
            )
        if not args.skip_serial:
            print("# cold --no-cache -j 1", file=sys.stderr)
            serial = median_run(
                [*validate, "--no-cache", "-j", "1"], args.repeat, args.timeout, clear
            )
    finally:
        clear()
        os.chdir(old_cwd)

    print(f"# one file of {args.single:,} positions", file=sys.stderr)
    single = bench.generated_file(args.workdir, args.single, args.seed)
    nothing = lambda: None  # noqa: E731
    one_ours = median_run(
        [*orgdesign, "validate", str(single), "--no-cache", "-q"],
        args.repeat,
        args.timeout,
        nothing,
    )
    one_cjs = median_run(
        [cjs, "--schemafile", str(schema), str(single)], args.repeat, args.timeout, nothing
    )
    print("# one small file", file=sys.stderr)
    small = HERE.parent / "sample_orgs" / "lean.yaml"
    small_repeat = max(5, args.repeat)
    small_ours = median_run(
        [*orgdesign, "validate", str(small), "--no-cache", "-q"], small_repeat, 60, nothing
    )
    small_cjs = median_run(
        [cjs, "--schemafile", str(schema), str(small)], small_repeat, 60, nothing
    )

    n, k = args.positions, len(all_files)
    size = sum(Path(f).stat().st_size for f in all_files) / 1e6
    what = f"the sources in {args.src}" if args.src is not None else "the installed orgdesign"
    print(f"\n{what}: {n:,} positions in {k} files ({size:.0f} MB);")
    print(
        f"median of {args.repeat} run(s) ({small_repeat} for the small file), "
        "wall and CPU seconds.\n"
    )
    print_head(
        "measure | wall s | CPU s | peak MB | reference | wall s | CPU s | peak MB "
        "| ratio wall | ratio CPU | target",
        right={1, 2, 3, 5, 6, 7, 8, 9},
    )
    print(_row("parse floor (libyaml events, nothing built)", floor, None, "", ""))
    print(_row("cold validate (empty cache)", cold, floor, "floor", "≤ 4× floor, < 3 GB"))
    if serial is not None:
        print(_row("cold validate --no-cache -j 1", serial, floor, "floor", ""))
    if parallel is not None:
        print(_row("cold validate --no-cache -j 2", parallel, floor, "floor", ""))
    print(_row("after one file changes (cache)", warm, cold, "cold", "≤ 0.15× cold"))
    print(_row(f"{args.single:,} in one file", one_ours, one_cjs, "check-jsonschema", "≤ 0.2×"))
    print(
        _row("one small file (sample lean.yaml)", small_ours, small_cjs, "check-jsonschema", "≤ 1×")
    )
    print(
        f"\nexit codes: cold {cold.rc}, after change {warm.rc}; load average before "
        f"{load_start}, after {_loadavg()} (2 cores: above 2 the runs shared the CPUs)."
    )
    print(f"check-jsonschema {bench.version_of('check-jsonschema')}: {bench.cjs_loader()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
