#!/usr/bin/env python3
"""Every builder on deep and wide organisations: is each one linear in the organisation's size?

    python bench/deep.py                                  # chain + wide, 1,000 and 10,000
    python bench/deep.py --sizes 1000,10000,100000 --shapes chain --commands chart-html
    python bench/deep.py --shapes units --sizes 5000      # deeply nested units

Shapes: `chain` (every position reports to the one before: the deepest tree), `wide`
(`bench/generate.py`: 6-8 layers, spans of 2-12, the realistic case) and `units` (units each
inside the one before, each led by a head reporting up the chain). Each command runs in its
own process (as a user runs it) with a time limit; a row that hits the limit says `timeout`.
The table gives n (positions), wall seconds, CPU seconds of the command's process (what
counts on a shared machine, where wall time depends on the other load) and CPU seconds per
1,000 positions: a linear builder keeps that column about flat as n grows (start-up
dominates the smallest size). A timed-out row's CPU is what it used until killed.
Generated files are written to a temporary folder.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate
from tables import print_head

COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{f}"],
    "stats": ["stats", "{f}", "--format", "json", "-o", "{d}/stats.json"],
    "chart-svg": ["chart", "{f}", "-o", "{d}/chart.svg"],
    "chart-pdf": ["chart", "{f}", "-o", "{d}/chart.pdf"],
    "chart-a4": ["chart", "{f}", "-o", "{d}/a4.pdf", "--paginate", "--paper", "a4"],
    "chart-html": ["chart", "{f}", "-o", "{d}/explorer.html"],
    "chart-pptx": ["chart", "{f}", "-o", "{d}/deck.pptx"],
    "raci": ["raci", "{f}", "-o", "{d}/raci.html"],
    "roles": ["roles", "{f}", "-o", "{d}/roles"],
    "roles-docx": ["roles", "{f}", "-o", "{d}/roles-docx", "--format", "docx"],
    "export": ["export", "{f}", "-o", "{d}/export.csv"],
    "build": ["build", "{f}", "-o", "{d}/pack"],
}
DEFAULT_COMMANDS = (
    "validate,stats,chart-svg,chart-pdf,chart-a4,chart-html,chart-pptx,raci,roles,roles-docx,build"
)


def chain_org(depth: int) -> str:
    """One unit, `depth` positions each reporting to the one before."""
    lines = [
        "orgdesign: 1",
        "organization: {id: chain, name: Chain}",
        "units:",
        "  - {id: hq, name: HQ, type: company, head: p0}",
        "positions:",
        "  - {id: p0, title: Chief, unit: hq}",
    ]
    lines += [
        f"  - {{id: p{i}, title: Level {i}, unit: hq, reports_to: p{i - 1}}}"
        for i in range(1, depth)
    ]
    return "\n".join(lines) + "\n"


def nested_units_org(depth: int) -> str:
    """`depth` units each inside the one before, each led by a head reporting up the chain."""
    lines = ["orgdesign: 1", "organization: {id: nest, name: Nest}", "units:"]
    lines.append("  - {id: u0, name: Unit 0, type: company, head: h0}")
    lines += [
        f"  - {{id: u{i}, name: Unit {i}, parent: u{i - 1}, head: h{i}}}" for i in range(1, depth)
    ]
    lines.append("positions:")
    lines.append("  - {id: h0, title: Head 0, unit: u0}")
    lines += [
        f"  - {{id: h{i}, title: Head {i}, unit: u{i}, reports_to: h{i - 1}}}"
        for i in range(1, depth)
    ]
    return "\n".join(lines) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "chain": chain_org,
    "wide": lambda n: generate(n, 1),
    "units": nested_units_org,
}


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], timeout: float) -> tuple[float | None, float, str]:
    """Wall seconds (None on timeout), CPU seconds of the process and its exit code."""
    start, cpu = time.perf_counter(), cpu_of_children()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, cpu_of_children() - cpu, "-"
    return time.perf_counter() - start, cpu_of_children() - cpu, str(proc.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="positions, comma-separated")
    parser.add_argument("--shapes", default="chain,wide", help=",".join(SHAPES))
    parser.add_argument("--commands", default=DEFAULT_COMMANDS, help=",".join(COMMANDS))
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("orgdesign"))
    sizes = [int(s) for s in args.sizes.split(",")]
    print_head("shape | n | command | seconds | CPU s | CPU s per 1k | exit")
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            for n in sizes:
                folder = Path(tmp) / f"{shape}-{n}"
                folder.mkdir()
                org = folder / "org.yaml"
                org.write_text(SHAPES[shape](n), encoding="utf-8")
                for name in args.commands.split(","):
                    cmd = [exe, *(a.format(f=org, d=folder) for a in COMMANDS[name])]
                    seconds, cpu, code = run(cmd, args.timeout)
                    shown = "timeout" if seconds is None else f"{seconds:.2f}"
                    row = f"| {shape} | {n:,} | {name} | {shown} | {cpu:.2f} | {cpu * 1000 / n:.2f}"
                    print(f"{row} | {code} |", flush=True)


if __name__ == "__main__":
    main()
