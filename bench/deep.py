#!/usr/bin/env python3
"""Deep structures: time every command on a long reporting chain and on deeply nested units.

    python bench/deep.py                     # 10,000-deep chain, 5,000-deep unit tree
    python bench/deep.py --chain 2000 --units 1000 --commands validate,stats

Prints one row per (organisation, command): seconds and exit code. Each command runs
in its own process (as a user runs it) with a time limit; a row that hits the limit
says `timeout`. Generated files are written to a temporary folder.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{f}"],
    "stats": ["stats", "{f}", "--format", "json", "-o", "{d}/stats.json"],
    "explorer": ["chart", "{f}", "-o", "{d}/explorer.html"],
    "roles": ["roles", "{f}", "-o", "{d}/roles"],
    "raci": ["raci", "{f}", "-o", "{d}/raci.html"],
    "export": ["export", "{f}", "-o", "{d}/export.csv"],
    "build": ["build", "{f}", "-o", "{d}/pack"],
}


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


def run(cmd: list[str], timeout: float) -> tuple[str, str]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "timeout", "-"
    return f"{time.perf_counter() - start:.2f}", str(proc.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chain", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=5_000)
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("orgdesign"))
    orgs = {
        f"chain of {args.chain:,}": chain_org(args.chain),
        f"{args.units:,} nested units": nested_units_org(args.units),
    }
    print("| organisation | command | seconds | exit |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, text in orgs.items():
            folder = Path(tmp) / label.replace(" ", "_").replace(",", "")
            folder.mkdir()
            org = folder / "org.yaml"
            org.write_text(text, encoding="utf-8")
            for name in args.commands.split(","):
                cmd = [exe, *(a.format(f=org, d=folder) for a in COMMANDS[name])]
                seconds, code = run(cmd, args.timeout)
                print(f"| {label} | {name} | {seconds} | {code} |", flush=True)


if __name__ == "__main__":
    main()
