#!/usr/bin/env python3
"""CI at scale: the figures of issue 16, side by side, measured in one run.

    .venv/bin/python bench/ci_scale.py --positions 100000 --files 20      # quick
    .venv/bin/python bench/ci_scale.py --positions 1000000 --files 200    # the issue's size

Every command runs in a fresh process (wall time and peak RSS by GNU time, as in
`bench/run.py`); with `--repeat N` the median is shown. Rows 1, 2 and 4 are measured
in rounds (floor, cold, each edit), and each round's ratios are printed too: on a
machine whose speed drifts from minute to minute, those are the ones to compare. Rows:

1. **parse floor**: libyaml's event stream (`yaml.parse` with `CSafeLoader`) over
   the same files, nothing built: what no YAML tool in Python can go below;
2. **cold validate**: `orgdesign validate ROOT` with an empty `.orgdesign_cache`
   (the entries are written during the run, as in a first CI run);
3. **cold, --no-cache -j 1** (and with `--parallel`, `-j 2`): without the cache;
4. **after one file changes**: one part file edited, validated again with the
   cache of the run before: a title (no rule reads it: the run memo reuses the
   findings, moved), then also a holder (read by ORG110: the rules run on the whole);
5. **50k positions in one file** against check-jsonschema with the schema of
   `orgdesign schema` (ruamel.yaml's C parser);
6. **one small file** (whole process) against check-jsonschema, and `orgdesign --version`
   (`--small-only`: these rows alone, in seconds).

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
    tree_kb: int | None = None
    """Peak of the summed RSS of every process of the run (the workers too), sampled."""


def _session_rss_kb(session: int) -> int:
    """The resident memory of every process in a session, summed (from /proc/PID/statm,
    which costs the measured process nothing; smaps_rollup's PSS stalled it by seconds).
    Pages a worker still shares with the main process count twice: an upper bound."""
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:  # after the name: state, ppid, pgrp, session
                continue
            total += int((stat.parent / "statm").read_text().split()[1]) * page_kb
        except (OSError, IndexError, ValueError):
            continue
    return total


def _wait_sampling(proc: subprocess.Popen[bytes], timeout: float) -> int:
    """Wait for the process, sampling its session's memory; the peak in KB."""
    peak, waited = 0, 0.0
    while True:
        try:
            proc.wait(timeout=0.25)
            return peak
        except subprocess.TimeoutExpired:
            waited += 0.25
            peak = max(peak, _session_rss_kb(proc.pid))
            if waited >= timeout:
                raise


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
            tree = _wait_sampling(proc, timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return Timed(timed_out=True)
        wall, rss, user, system = stats.read_text().strip().splitlines()[-1].split()
        return Timed(
            proc.returncode, float(wall), float(user) + float(system), int(rss), False, tree
        )


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
    if r.tree_kb and r.maxrss_kb and r.tree_kb > r.maxrss_kb * 1.02:
        mem += f" ({r.tree_kb / 1024:,.0f} all)"
    return f"{wall} | {cpu} | {mem}"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a and b else "-"


def _row(what: str, ours: Timed, ref: Timed | None, ref_name: str, target: str) -> str:
    if ref is None:
        return f"| {what} | {_fmt(ours)} | | | | | | | {target} |"
    ratios = f"{_ratio(ours.wall, ref.wall)} | {_ratio(ours.cpu, ref.cpu)}"
    return f"| {what} | {_fmt(ours)} | {ref_name} | {_fmt(ref)} | {ratios} | {target} |"


def _print_head() -> None:
    print_head(
        "measure | wall s | CPU s | peak MB | reference | wall s | CPU s | peak MB "
        "| ratio wall | ratio CPU | target",
        right={1, 2, 3, 5, 6, 7, 8, 9},
    )


def _loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()
    except OSError:
        return "?"


def small_file(
    orgdesign: list[str], cjs: str, schema: Path, repeat: int
) -> tuple[Timed, Timed, Timed]:
    """Row 6: one sample file, orgdesign against check-jsonschema, and `orgdesign --version`."""
    print("# one small file", file=sys.stderr)
    small = HERE.parent / "sample_orgs" / "lean.yaml"
    nothing = lambda: None  # noqa: E731
    for cmd in ([*orgdesign, "--version"], [cjs, "--version"]):  # untimed warm-up (bytecode)
        subprocess.run(cmd, capture_output=True, env=bench.CHILD_ENV)
    ours = median_run([*orgdesign, "validate", str(small), "--no-cache", "-q"], repeat, 60, nothing)
    ref = median_run([cjs, "--schemafile", str(schema), str(small)], repeat, 60, nothing)
    version = median_run([*orgdesign, "--version"], repeat, 60, nothing)
    return ours, ref, version


def _small_rows(ours: Timed, ref: Timed, version: Timed) -> str:
    return "\n".join(
        (
            _row("one small file (sample lean.yaml)", ours, ref, "check-jsonschema", "≤ 1×"),
            _row("orgdesign --version (pre-commit pays it)", version, None, "", ""),
        )
    )


def small_only(orgdesign: list[str], cjs: str, schema: Path, repeat: int, src: Path | None) -> int:
    """`--small-only`: the start-up rows alone, for before/after tables of issue 16 item 1."""
    start = _loadavg()
    ours, ref, version = small_file(orgdesign, cjs, schema, repeat)
    what = f"the sources in {src}" if src is not None else "the installed orgdesign"
    print(f"\n{what}: median of {repeat} runs (by wall time), wall and CPU seconds.\n")
    _print_head()
    print(_small_rows(ours, ref, version))
    print(f"\nexit code {ours.rc}; load average before {start}, after {_loadavg()}.")
    return 0


def _parser() -> argparse.ArgumentParser:
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
        "--small-only",
        action="store_true",
        help="only the start-up rows: one small file and --version (seconds, not minutes)",
    )
    ap.add_argument(
        "--src",
        type=Path,
        help="measure the orgdesign sources in this folder instead (e.g. an older checkout's "
        "src/, run as `python -m orgdesign` with it first on PYTHONPATH): before/after tables",
    )
    return ap


def _cold_and_warm(
    commands: tuple[list[str], list[str]],
    args: argparse.Namespace,
    clear: Callable[[], None],
    edits: list[Callable[[], None]],
) -> tuple[list[Timed], list[list[Timed]]]:
    """Rows 1, 2 and 4, in rounds: the parse floor, a run with an empty cache, then one after
    each edit of one file. Each row's median, and every round's runs: on a machine whose
    speed drifts, the ratios within a round are the ones to compare."""
    floor_cmd, validate = commands
    rounds: list[list[Timed]] = []
    for _ in range(args.repeat):
        clear()
        print("# parse floor", file=sys.stderr)
        floor = measure(floor_cmd, args.timeout)
        print("# cold validate", file=sys.stderr)
        one = [floor, measure(validate, args.timeout)]  # fills the cache
        for i, edit in enumerate(edits, 1):
            edit()
            print(f"# after one file changes ({i})", file=sys.stderr)
            one.append(measure(validate, args.timeout))
        rounds.append(one)
    columns = [sorted(column, key=lambda t: t.wall or 0.0) for column in zip(*rounds, strict=True)]
    return [column[len(column) // 2] for column in columns], rounds


def _per_round(rounds: list[list[Timed]]) -> str:
    """Each round's ratios (wall): cold to floor, each edit to cold; and their medians."""

    def ratios(i: int, j: int) -> list[float]:
        walls = [(r[i].wall, r[j].wall) for r in rounds]
        return [a / b for a, b in walls if a is not None and b]

    parts = []
    for label, (i, j) in (("cold/floor", (1, 0)), ("title/cold", (2, 1)), ("holder/cold", (3, 1))):
        found = ratios(i, j)
        if found:
            shown = ", ".join(f"{x:.3f}" for x in found)
            parts.append(f"{label} {shown} (median {sorted(found)[len(found) // 2]:.3f})")
    return "ratios in each round (floor, cold and edits measured one after the other): " + (
        "; ".join(parts)
    )


def multi_file(args: argparse.Namespace, orgdesign: list[str]) -> tuple[list[str], str]:
    """Rows 1 to 4 over the generated organisation in many files; the rows and a note."""
    folder = multi_org(args.workdir, args.positions, args.files, args.seed)
    parts = sorted(folder.glob("part-*.yaml"))
    all_files = [str(folder / "org.yaml"), *map(str, parts)]
    cache_dir = folder / ".orgdesign_cache"
    changed, original = parts[len(parts) // 2], parts[len(parts) // 2].read_text(encoding="utf-8")

    def clear() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)
        changed.write_text(original, encoding="utf-8")

    def edit() -> None:  # one title changes: the file's bytes differ, no finding can
        changed.write_text(original.replace('title: "', 'title: "Changed ', 1), encoding="utf-8")

    def edit_holder() -> None:  # one holder changes (after the title edit): checked in full
        text = original.replace('title: "', 'title: "Changed ', 1)
        changed.write_text(text.replace('holders: ["', 'holders: ["Changed ', 1), encoding="utf-8")

    validate = [*orgdesign, "validate", str(folder / "org.yaml"), "--format", "json", "-q"]
    # untimed warm-up of both tools (bytecode, disk cache of the OS)
    subprocess.run([*orgdesign, "--version"], capture_output=True, env=bench.CHILD_ENV)
    floor_cmd = [sys.executable, "-c", FLOOR, *all_files]
    old_cwd = os.getcwd()
    os.chdir(folder)  # the cache lives in the working folder
    extra: list[tuple[str, Timed]] = []
    try:
        (floor, cold, warm, warm_full), rounds = _cold_and_warm(
            (floor_cmd, validate), args, clear, [edit, edit_holder]
        )
        for wanted, jobs in ((not args.skip_serial, "1"), (args.parallel, "2")):
            if wanted:
                print(f"# cold --no-cache -j {jobs}", file=sys.stderr)
                cmd = [*validate, "--no-cache", "-j", jobs]
                extra.append((jobs, median_run(cmd, args.repeat, args.timeout, clear)))
    finally:
        clear()
        os.chdir(old_cwd)
    rows = [
        _row("parse floor (libyaml events, nothing built)", floor, None, "", ""),
        _row("cold validate (empty cache)", cold, floor, "floor", "≤ 4× floor, < 3 GB"),
        *(_row(f"cold validate --no-cache -j {j}", t, floor, "floor", "") for j, t in extra),
        _row("after one file changes: a title (cache)", warm, cold, "cold", "≤ 0.15× cold"),
        _row("after one file changes: a holder (cache)", warm_full, cold, "cold", "≤ 0.15× cold"),
    ]
    size = sum(Path(f).stat().st_size for f in all_files) / 1e6
    what = f"{args.positions:,} positions in {len(all_files)} files ({size:.0f} MB)"
    codes = f"cold {cold.rc}, after a title {warm.rc}, after a holder {warm_full.rc}"
    return rows, f"{what}; exit codes: {codes}\n{_per_round(rounds)}"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
    if args.small_only:
        return small_only(orgdesign, cjs, schema, max(5, args.repeat), args.src)
    load_start = _loadavg()
    rows, note = multi_file(args, orgdesign)
    print(f"# one file of {args.single:,} positions", file=sys.stderr)
    single = bench.generated_file(args.workdir, args.single, args.seed)
    nothing = lambda: None  # noqa: E731
    one = [*orgdesign, "validate", str(single), "--no-cache", "-q"]
    one_ours = median_run(one, args.repeat, args.timeout, nothing)
    one_cjs = median_run(
        [cjs, "--schemafile", str(schema), str(single)], args.repeat, args.timeout, nothing
    )
    small_ours, small_cjs, version = small_file(orgdesign, cjs, schema, max(5, args.repeat))
    what = f"the sources in {args.src}" if args.src is not None else "the installed orgdesign"
    print(f"\n{what}: {note.split(';')[0]};")
    print(
        f"median of {args.repeat} run(s) ({max(5, args.repeat)} for the small file), "
        "wall and CPU seconds.\n"
    )
    _print_head()
    print("\n".join(rows))
    print(_row(f"{args.single:,} in one file", one_ours, one_cjs, "check-jsonschema", "≤ 0.2×"))
    print(_small_rows(small_ours, small_cjs, version))
    codes, per_round = note.split("; ", 1)[1].split("\n", 1)
    print(
        f"\n{codes}; load average before "
        f"{load_start}, after {_loadavg()} (2 cores: above 2 the runs shared the CPUs)."
    )
    print(per_round)
    print(f"check-jsonschema {bench.version_of('check-jsonschema')}: {bench.cjs_loader()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
