"""The fuzz harness: mutated organisations and HR tables through the CLI of every command.

Each input runs in-process through `orgdesign`'s command line (click's `CliRunner` on the
command built once from the typer app: building it costs more than most commands), in a
fresh folder, under a time limit. An outcome is a crash when the command raised,
printed "internal error" or a traceback, or exited with a code the spec does not
have (0, 1, 2); a hang when it ran past the limit. Families run one after another, each
in its own child process at low priority (`nice`), so that a family's peak memory is its
own resident peak (`ru_maxrss`) and the machine stays usable.

    python -m tests.fuzz.harness --inputs 10000          # what `make fuzz` runs
    python -m tests.fuzz.harness --inputs 200 --families validate,stats
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import click
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.main import get_command

from orgdesign.cli.app import app

from .strategies import hr_tables, org_files

FAMILIES: dict[str, list[list[str]]] = {
    "validate": [
        ["validate", "{f}", "-f", fmt] for fmt in ("text", "json", "sarif", "junit", "github")
    ],
    "stats": [["stats", "{f}", "-f", fmt] for fmt in ("table", "json", "csv", "md")],
    "diff": [["diff", "{base}", "{f}", "-f", fmt] for fmt in ("text", "md", "json")],
    "chart": [
        ["chart", "{f}", "-o", "{d}/c" + ext] for ext in (".dot", ".mmd", ".html", ".svg", ".pptx")
    ],
    "raci": [["raci", "{f}", "-o", "{d}/r" + ext] for ext in (".md", ".html", ".xlsx")],
    "roles": [["roles", "{f}", "-o", "{d}/roles", "-f", fmt] for fmt in ("md", "html", "docx")],
    "export": [["export", "{f}", "-o", "{d}/e" + ext] for ext in (".csv", ".xlsx")],
    "recommend": [["recommend", "{f}"], ["recommend", "{f}", "--format", "json"]],
    "build": [["build", "{f}", "-o", "{d}/pack"]],
    "import": [
        ["import", "{t}", "-o", "{d}/o.yaml"],
        ["import", "{t}", "-o", "{d}/o.yaml", "--on-error", "skip"],
    ],
}
"""Command families and their variants; `{f}` is the mutated org file, `{t}` the HR table."""

EXIT_CODES = frozenset({0, 1, 2})
PEAK_LIMIT_MIB = 1024
"""A family whose process grew past this resident size fails the run."""


class Hang(BaseException):
    """The input ran past the time limit (BaseException: nothing on the way catches it)."""


class OutOfTime(BaseException):
    """The family's share of the run's time is spent: stop generating inputs."""


@dataclass
class Counts:
    inputs: int = 0
    crashes: int = 0
    hangs: int = 0
    seconds: float = 0.0
    peak_mib: float = 0.0
    examples: list[str] = field(default_factory=list)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expired(signum: int, frame: FrameType | None) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_one(
    command: click.Command, family: str, data: bytes, variant: int, folder: Path, limit: float
) -> str | None:
    """Run one input; None when it behaved, else what went wrong."""
    for child in folder.iterdir():
        if child.is_dir() and child.name != "base":
            shutil.rmtree(child, ignore_errors=True)
        elif child.name not in ("base.yaml",):
            child.unlink()
    target = folder / ("t.csv" if family == "import" else "org.yaml")
    target.write_bytes(data)
    templates = FAMILIES[family]
    args = [
        a.format(f=target, t=target, d=folder, base=folder / "base.yaml")
        for a in templates[variant % len(templates)]
    ]
    runner = CliRunner()
    try:
        with time_limit(limit):
            result = runner.invoke(command, args, catch_exceptions=True)
    except Hang:
        return f"hang: {' '.join(args[:1])}"
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return f"{type(result.exception).__name__}: {result.exception}"
    if "internal error" in output or "Traceback" in output:
        return output.strip().splitlines()[-1][:300]
    if result.exit_code not in EXIT_CODES:
        return f"exit {result.exit_code}"
    return None


def fuzz(
    family: str, inputs: int, limit: float, folder: Path, seconds: float | None = None
) -> Counts:
    """Up to `inputs` inputs of one family, or as many as `seconds` allow."""
    counts = Counts()
    stop = time.monotonic() + seconds if seconds else None
    command = get_command(app)
    strategy = hr_tables() if family == "import" else org_files()

    @settings(
        max_examples=inputs,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(data=strategy, variant=st.integers(0, 1000))
    def one(data: bytes, variant: int) -> None:
        if stop is not None and time.monotonic() > stop:
            raise OutOfTime()
        start = time.perf_counter()
        try:
            problem = run_one(command, family, data, variant, folder, limit)
        except Exception as error:
            # Hypothesis would replay a raising input and report a "flaky" run, losing it.
            problem = f"harness: {type(error).__name__}: {error}"[:300]
        counts.seconds += time.perf_counter() - start
        counts.inputs += 1
        if problem is not None:
            counts.hangs += problem.startswith("hang")
            counts.crashes += not problem.startswith("hang")
            if len(counts.examples) < 10:
                saved = (
                    folder.parent
                    / f"{family}-{len(counts.examples)}{'.csv' if family == 'import' else '.yaml'}"
                )
                saved.write_bytes(data)
                counts.examples.append(f"{saved}: {problem}")

    with suppress(OutOfTime):
        one()
    counts.peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return counts


BASE_ORG = """\
orgdesign: 1
organization: {id: acme, name: Acme}
responsibilities: [{id: r1, name: Work}]
units:
  - {id: u0, name: Top, type: company, head: p0}
  - {id: u1, name: Sales, parent: u0, head: p1}
positions:
  - {id: p0, title: CEO, unit: u0, holders: [Ann]}
  - {id: p1, title: Sales lead, unit: u1, reports_to: p0, cost: 1000}
  - {id: p2, title: Rep, unit: u1, reports_to: p1, headcount: 3, holders: [Bo]}
raci:
  - {responsibility: r1, A: p0, R: [p1]}
"""
"""The `old` side of `diff`."""


def run_family(family: str, inputs: int, limit: float, keep: Path, seconds: float) -> Counts:
    """One family in a child process at low priority; its counts come back as JSON."""
    command = [sys.executable, "-m", "tests.fuzz.harness", "--child", family]
    command += ["--inputs", str(inputs), "--limit", str(limit), "--keep", str(keep)]
    command += ["--minutes", str(seconds / 60)]
    done = subprocess.run(
        command, capture_output=True, text=True, preexec_fn=lambda: os.nice(10), check=False
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:  # the child itself died (e.g. killed for memory)
        tail = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return Counts(crashes=1, examples=[f"the {family} process died: {tail}"])
    return Counts(**json.loads(lines[-1]))


def child(family: str, inputs: int, limit: float, keep: Path, seconds: float) -> int:
    work = keep / f"work-{family}"
    work.mkdir(parents=True, exist_ok=True)
    (work / "base.yaml").write_text(BASE_ORG, encoding="utf-8")
    os.chdir(work)  # no configuration of the repository applies
    counts = fuzz(family, inputs, limit, work, seconds or None)
    os.chdir(keep)
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(counts.__dict__))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="orgdesign fuzz harness")
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per command family")
    parser.add_argument("--families", default=",".join(FAMILIES))
    parser.add_argument(
        "--limit", type=float, default=20.0, help="seconds per input before it is a hang"
    )
    parser.add_argument("--keep", type=Path, default=None, help="folder for crashing inputs")
    parser.add_argument(
        "--minutes",
        type=float,
        default=0.0,
        help="time for the whole run, shared evenly by the families (0: no limit); a family "
        "out of time stops early and its row says how many inputs it ran",
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    keep = (args.keep or Path(tempfile.mkdtemp(prefix="orgdesign-fuzz-"))).resolve()
    keep.mkdir(parents=True, exist_ok=True)
    families = args.families.split(",")
    if args.child:
        return child(args.child, args.inputs, args.limit, keep, args.minutes * 60)
    share = args.minutes * 60 / len(families)
    print(
        "| family | inputs | internal errors | hangs | peak MiB | seconds | inputs/s |\n"
        "|---|---|---|---|---|---|---|",
        flush=True,
    )
    bad = 0
    for family in families:
        start = time.perf_counter()
        counts = run_family(family, args.inputs, args.limit, keep, share)
        wall = time.perf_counter() - start
        bad += counts.crashes + counts.hangs + (counts.peak_mib >= PEAK_LIMIT_MIB)
        rate = counts.inputs / wall if wall else 0.0
        row = [family, counts.inputs, counts.crashes, counts.hangs, f"{counts.peak_mib:.0f}"]
        row += [f"{wall:.0f}", f"{rate:.1f}"]
        print("| " + " | ".join(map(str, row)) + " |", flush=True)
        for line in counts.examples:
            print(f"    {line}", file=sys.stderr)
    if share and bad == 0:
        print(f"(time limit: {share:.0f} s per family; a family below {args.inputs} ran out of it)")
    if bad == 0 and args.keep is None:
        shutil.rmtree(keep, ignore_errors=True)
    elif bad:
        print(f"crashing inputs kept in {keep}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
