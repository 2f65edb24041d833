#!/usr/bin/env python3
"""Benchmark `orgdesign validate` against `check-jsonschema` on generated org files.

    .venv/bin/python bench/run.py --sizes 1000,10000,50000 --repeat 1

For each size, a file is generated with bench/generate.py (cached in
--workdir), then each tool is run as a subprocess, in a fresh process per run:

* `orgdesign validate FILE --format json` (findings counted from its JSON);
* `check-jsonschema --schemafile SCHEMA -o json FILE`, SCHEMA being the output
  of `orgdesign schema` written to a file first.

Wall time is measured around the subprocess; peak memory is the child's
maximum resident set size (GNU `/usr/bin/time` when present, otherwise
`resource.getrusage(RUSAGE_CHILDREN)` in a fresh wrapper process). With
--repeat N the best (lowest) wall time and the lowest peak memory of the N
runs are shown. A run longer than --timeout seconds is killed and shown as
`timeout`. Prints a Markdown table and the environment it was measured in.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
GNU_TIME = "/usr/bin/time"

# Fallback measurer: run the command in this fresh child, report wall and the
# peak RSS of its (only) grandchild.
WRAPPER = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": p.returncode, "wall": wall, "maxrss_kb": ru.ru_maxrss}))
"""


@dataclass
class Run:
    rc: int | None = None
    wall: float | None = None
    maxrss_kb: int | None = None
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""


@dataclass
class Best:
    runs: list[Run] = field(default_factory=list)

    @property
    def ok_runs(self) -> list[Run]:
        return [r for r in self.runs if not r.timed_out and r.wall is not None]

    @property
    def timed_out(self) -> bool:
        return bool(self.runs) and not self.ok_runs

    @property
    def best(self) -> Run | None:
        ok = self.ok_runs
        return min(ok, key=lambda r: r.wall or 0.0) if ok else None

    @property
    def wall(self) -> float | None:
        b = self.best
        return b.wall if b else None

    @property
    def maxrss_kb(self) -> int | None:
        vals = [r.maxrss_kb for r in self.ok_runs if r.maxrss_kb]
        return min(vals) if vals else None


CHILD_ENV: dict[str, str] | None = None  # environment of measured commands (None: inherit)


def child_env(workdir: Path, bytecode: str) -> dict[str, str] | None:
    """With `cache`, let children write bytecode to a private cache (as a pip install would)."""
    if bytecode != "cache":
        return None
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def measure(cmd: list[str], timeout: float) -> Run:
    """Run `cmd` once in a fresh process; wall time, peak RSS, exit code, output."""
    run = Run()
    with tempfile.TemporaryDirectory(prefix="orgbench-") as tmp:
        out_path = Path(tmp) / "stdout"
        err_path = Path(tmp) / "stderr"
        time_path = Path(tmp) / "time"
        use_gnu = Path(GNU_TIME).exists()
        if use_gnu:
            full = [GNU_TIME, "-f", "%e %M", "-o", str(time_path), *cmd]
        else:
            full = [sys.executable, "-c", WRAPPER, *cmd]
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                full,
                stdout=out,
                stderr=err,
                start_new_session=True,  # so a timeout kills the whole group
                env=CHILD_ENV,
            )
            try:
                rc = proc.wait(timeout=timeout)
                wall = time.perf_counter() - t0
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                run.timed_out = True
                return run
        run.stdout = out_path.read_text(encoding="utf-8", errors="replace")
        run.stderr = err_path.read_text(encoding="utf-8", errors="replace")
        if use_gnu:
            run.rc = rc
            run.wall = wall
            try:
                last = time_path.read_text().strip().splitlines()[-1].split()
                run.maxrss_kb = int(last[-1])
            except (OSError, IndexError, ValueError):
                pass
            # GNU time reports a signal-killed child as "Command terminated by signal"
            # and exits 128+sig; keep the code it gives.
        else:
            info = json.loads(run.stdout.strip().splitlines()[-1])
            run.rc, run.wall, run.maxrss_kb = info["rc"], info["wall"], info["maxrss_kb"]
            run.stdout = ""
    return run


def tool(name: str) -> str | None:
    cand = BIN / name
    if cand.exists():
        return str(cand)
    return shutil.which(name)


def ensure_check_jsonschema() -> str:
    exe = tool("check-jsonschema")
    have_clib = (
        subprocess.run(
            [sys.executable, "-c", "import _ruamel_yaml"], capture_output=True
        ).returncode
        == 0
    )
    if exe is None or not have_clib:
        uv = tool("uv")
        pkgs = ["check-jsonschema", "ruamel.yaml.clib"]
        cmd = (
            [uv, "pip", "install", "--python", sys.executable, *pkgs]
            if uv
            else [sys.executable, "-m", "pip", "install", *pkgs]
        )
        print(f"# installing: {' '.join(cmd)}", file=sys.stderr)
        subprocess.run(cmd, check=True)
        exe = tool("check-jsonschema")
    if exe is None:
        raise SystemExit("check-jsonschema not found after installing it")
    return exe


def cjs_loader() -> str:
    """Which YAML parser check-jsonschema's primary loader uses in this environment."""
    code = (
        "from check_jsonschema.parsers import yaml as y\n"
        "p = y.construct_yaml_implementation().Parser\n"
        "print(p.__module__ + '.' + p.__name__)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    name = res.stdout.strip() or f"unknown ({res.stderr.strip()[-200:]})"
    if "CParser" in name:
        return f"ruamel.yaml safe loader with the C parser from ruamel.yaml.clib (`{name}`)"
    return f"ruamel.yaml safe loader, pure Python (`{name}`)"


def version_of(dist: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({dist!r}))"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return res.stdout.strip() or "?"


def generated_file(workdir: Path, n: int, seed: int) -> Path:
    path = workdir / f"org-{n}-seed{seed}.yaml"
    gen = HERE / "generate.py"
    stamp = workdir / f"org-{n}-seed{seed}.gen-mtime"
    fresh = path.exists() and stamp.exists() and stamp.read_text() == str(gen.stat().st_mtime_ns)
    if not fresh:
        sys.path.insert(0, str(HERE))
        import generate

        tmp = path.with_suffix(".tmp")
        tmp.write_text(generate.generate(n, seed), encoding="utf-8", newline="\n")
        tmp.replace(path)
        stamp.write_text(str(gen.stat().st_mtime_ns))
    return path


def count_findings(stdout: str) -> tuple[str, dict[str, int]]:
    """`E/W/I` counts from `validate --format json`, and the rules of errors."""
    try:
        doc = json.loads(stdout)
        findings = doc["findings"]
    except (ValueError, KeyError, TypeError):
        return "unparsable", {}
    sev = {"error": 0, "warning": 0, "info": 0}
    by_rule: dict[str, int] = {}
    for f in findings:
        s = f.get("severity", "?")
        sev[s] = sev.get(s, 0) + 1
        key = f"{f.get('rule')} ({s})"
        by_rule[key] = by_rule.get(key, 0) + 1
    return f"{len(findings)} ({sev['error']}/{sev['warning']}/{sev['info']})", by_rule


def count_cjs_errors(stdout: str) -> tuple[str, dict[str, int]]:
    """Error count from `check-jsonschema -o json`, and errors grouped by path and message."""
    try:
        doc = json.loads(stdout)
    except ValueError:
        return "unparsable", {}
    groups: dict[str, int] = {}
    for e in doc.get("errors", []):
        path = re.sub(r"\[\d+\]", "[*]", str(e.get("path", "")))
        msg = re.sub(r"^'[^']*' ", "VALUE ", str(e.get("message", "")))
        key = f"`{path}`: {msg}"
        groups[key] = groups.get(key, 0) + 1
    for e in doc.get("parse_errors", []):
        key = f"parse error: {e.get('message', e)}"
        groups[key] = groups.get(key, 0) + 1
    errs = len(doc.get("errors", []))
    parse = len(doc.get("parse_errors", []))
    return f"{errs}" + (f" (+{parse} parse)" if parse else ""), groups


def fmt_time(b: Best) -> str:
    if b.timed_out:
        return "timeout"
    return f"{b.wall:.2f}" if b.wall is not None else "—"


def fmt_rate(b: Best, n: int, startup: float = 0.0) -> str:
    """Seconds per 1,000 positions, optionally after subtracting the start-up time."""
    if b.wall is None:
        return "—"
    return f"{(b.wall - startup) / (n / 1000):.3f}"


def fmt_mem(b: Best) -> str:
    kb = b.maxrss_kb
    return f"{kb / 1024:.0f}" if kb else "—"


def fmt_rc(b: Best) -> str:
    if b.best is None:
        return "—"
    codes = sorted({x.rc for x in b.ok_runs})
    return "/".join(str(c) for c in codes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,50000", help="comma-separated position counts")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool and size; best is shown")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    ap.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "orgdesign-bench",
        help="where generated files and the schema are kept",
    )
    ap.add_argument(
        "--orgdesign", default=None, help="orgdesign executable (default: next to python)"
    )
    ap.add_argument("--no-jsonschema", action="store_true", help="skip check-jsonschema")
    ap.add_argument(
        "--bytecode",
        choices=["cache", "as-is"],
        default="cache",
        help="cache: children may write .pyc to WORKDIR/pycache (default); "
        "as-is: inherit the environment (e.g. PYTHONDONTWRITEBYTECODE=1)",
    )
    ap.add_argument("--details", action="store_true", help="print findings per rule and stderr")
    args = ap.parse_args(argv)

    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    orgdesign = args.orgdesign or tool("orgdesign")
    if orgdesign is None:
        raise SystemExit("orgdesign executable not found")

    schema_path = args.workdir / "org-schema.json"
    res = subprocess.run([orgdesign, "schema"], capture_output=True, text=True, timeout=120)
    if res.returncode != 0:
        raise SystemExit(f"`orgdesign schema` failed ({res.returncode}): {res.stderr.strip()}")
    json.loads(res.stdout)  # must be JSON
    schema_path.write_text(res.stdout, encoding="utf-8")

    cjs = None if args.no_jsonschema else ensure_check_jsonschema()
    loader = cjs_loader() if cjs else ""

    def bench(path: Path, label: str, v: Best, c: Best) -> None:
        for i in range(args.repeat):
            r = measure([orgdesign, "validate", str(path), "--format", "json"], args.timeout)
            v.runs.append(r)
            status = "timeout" if r.timed_out else f"{r.wall:.2f}s rc={r.rc}"
            print(f"#   {label} validate run {i + 1}: {status}", file=sys.stderr)
            if cjs:
                cmd = [cjs, "--schemafile", str(schema_path), "-o", "json", str(path)]
                r = measure(cmd, args.timeout)
                c.runs.append(r)
                status = "timeout" if r.timed_out else f"{r.wall:.2f}s rc={r.rc}"
                print(f"#   {label} check-jsonschema run {i + 1}: {status}", file=sys.stderr)

    global CHILD_ENV
    CHILD_ENV = child_env(args.workdir, args.bytecode)
    # warm-up (untimed): fills the bytecode cache and the OS file cache
    tiny = generated_file(args.workdir, 1, args.seed)
    subprocess.run([orgdesign, "validate", str(tiny)], capture_output=True, env=CHILD_ENV)
    if cjs:
        cmd = [cjs, "--schemafile", str(schema_path), str(tiny)]
        subprocess.run(cmd, capture_output=True, env=CHILD_ENV)

    # start-up baseline: the same commands on a one-position file, measured before
    # every size (the machine may be busy at times: the best of all runs is kept)
    base_v, base_c = Best(), Best()
    results: list[tuple[int, Path, Best, Best]] = []
    for n in sizes:
        t0 = time.perf_counter()
        path = generated_file(args.workdir, n, args.seed)
        print(f"# {n}: file ready ({time.perf_counter() - t0:.1f}s) {path}", file=sys.stderr)
        bench(tiny, "start-up", base_v, base_c)
        v, c = Best(), Best()
        bench(path, f"{n}:", v, c)
        results.append((n, path, v, c))
    t_base_v = base_v.wall or 0.0
    t_base_c = base_c.wall or 0.0

    rows: list[list[str]] = []
    notes: list[str] = []
    for n, path, v, c in results:
        vb = v.best
        findings, by_rule = count_findings(vb.stdout) if vb else ("—", {})
        if vb and (by_rule or args.details):
            notes.append(
                f"- {n:,}: validate findings by rule: "
                + (", ".join(f"{k} ×{c_}" for k, c_ in sorted(by_rule.items())) or "none")
            )
        if vb and (vb.rc not in (0, 1) or (args.details and vb.stderr.strip())):
            notes.append(f"- {n:,}: validate stderr: `{vb.stderr.strip()[-300:]}`")
        cb = c.best
        cjs_errors, cjs_groups = count_cjs_errors(cb.stdout) if cb else ("—", {})
        if cb and cb.rc != 0:
            if cjs_groups:
                notes.append(
                    f"- {n:,}: check-jsonschema errors: "
                    + "; ".join(f"{k} ×{c_}" for k, c_ in sorted(cjs_groups.items()))
                )
            else:
                notes.append(
                    f"- {n:,}: check-jsonschema output: `{(cb.stdout or cb.stderr).strip()[:300]}`"
                )
        row = [
            f"{n:,}",
            f"{path.stat().st_size / 1e6:.2f}",
            fmt_time(v),
            fmt_rate(v, n),
            fmt_rate(v, n, t_base_v),
            fmt_mem(v),
            fmt_rc(v),
            findings,
        ]
        if cjs:
            row += [
                fmt_time(c),
                fmt_rate(c, n),
                fmt_rate(c, n, t_base_c),
                fmt_mem(c),
                fmt_rc(c),
                cjs_errors,
            ]
        rows.append(row)

    head = [
        "positions",
        "file MB",
        "validate s",
        "validate s/1k pos",
        "net s/1k",
        "validate peak MB",
        "validate exit",
        "findings (E/W/I)",
    ]
    if cjs:
        head += [
            "check-jsonschema s",
            "cjs s/1k pos",
            "net s/1k",
            "cjs peak MB",
            "cjs exit",
            "cjs errors",
        ]
    print(f"| {' | '.join(head)} |")
    print("|" + "|".join("---" if h.startswith("findings") else "---:" for h in head) + "|")
    for row in rows:
        print(f"| {' | '.join(row)} |")
    print()
    print(
        f"- best of {args.repeat} run(s) per cell; timeout {args.timeout:g} s per run; "
        f"seed {args.seed}; peak memory = max RSS "
        f"({'GNU /usr/bin/time %M' if Path(GNU_TIME).exists() else 'getrusage(RUSAGE_CHILDREN)'})"
    )
    if args.bytecode == "cache":
        print(
            "- bytecode: children write and reuse .pyc in WORKDIR/pycache "
            "(PYTHONPYCACHEPREFIX; PYTHONDONTWRITEBYTECODE unset), one untimed warm-up run each"
        )
    else:
        dont = os.environ.get("PYTHONDONTWRITEBYTECODE")
        print(f"- bytecode: environment as is (PYTHONDONTWRITEBYTECODE={dont!r}), warm-up run each")
    print(
        f"- start-up (same commands on a one-position file, subtracted in `net s/1k`): "
        f"validate {fmt_time(base_v)} s, {fmt_mem(base_v)} MB"
        + (f"; check-jsonschema {fmt_time(base_c)} s, {fmt_mem(base_c)} MB" if cjs else "")
    )
    print(f"- `{orgdesign} validate FILE --format json` (orgdesign {version_of('orgdesign')})")
    if cjs:
        print(
            f"- `{cjs} --schemafile {schema_path} -o json FILE` "
            f"(check-jsonschema {version_of('check-jsonschema')}, ruamel.yaml "
            f"{version_of('ruamel.yaml')}, jsonschema {version_of('jsonschema')})"
        )
        print(f"- check-jsonschema YAML loader: {loader}")
    print(
        f"- Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPU(s); files in {args.workdir}"
    )
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
