#!/usr/bin/env python3
"""Run `suggest` on generated organisations and print a Markdown table.

    .venv/bin/python bench/suggest_times.py --positions 100 1000 10000 --time-limit 10

For each size: generate an org with bench/generate.py, judge it by the targets
(span `--span-min`..`--span-max`, at most `--layers-max` layers), propose
changes with each solver (CP-SAT with its greedy fallback, and the greedy
heuristic alone), apply the proposal and judge it again. Prints the managers
outside the span target and the layer findings (TGT601, TGT602) before and
after, the moves and new positions proposed, whether the result has a
reporting cycle (ORG101, must be never), and the wall seconds of `suggest`
against the time limit. Nothing here is a test: run it by hand.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tables import print_head

from orgdesign import api
from orgdesign.analysis.scenario.apply import apply_scenario
from orgdesign.analysis.scenario.load import read_scenario
from orgdesign.analysis.scenario.suggest import suggest
from orgdesign.analysis.scenario.write import scenario_text
from orgdesign.assemble.project import FileCache
from orgdesign.lint.engine import check_config, run_rules
from orgdesign.lint.rules import registry
from orgdesign.load.config import Config
from orgdesign.model import Targets

HERE = Path(__file__).parent
RULES = ["TGT601", "TGT602", "ORG101"]


def counts(org: object, targets: Targets) -> dict[str, int]:
    org.targets = targets  # type: ignore[attr-defined]
    settings = check_config(Config(select=RULES), registry())
    found = run_rules(org, registry(), settings)  # type: ignore[arg-type]
    return {rule: sum(1 for f in found if f.rule == rule) for rule in RULES}


def one(folder: Path, n: int, targets: Targets, seconds: float, method: str) -> str:
    org_file = folder / f"org{n}.yaml"
    if not org_file.exists():
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "-n", str(n), "-o", str(org_file)],
            check=True,
        )
    org = api.validate([(org_file, org_file.name)], Config(select=["ORG1"])).results[0].org
    assert org is not None
    before = counts(org, targets)
    started = time.monotonic()
    result = suggest(
        org,
        targets,
        seconds=seconds,
        allow_new=method.endswith("+new"),
        method="heuristic" if method.startswith("heuristic") else "auto",
    )
    took = time.monotonic() - started
    text = scenario_text("s", "s", org_file.name, result.changes, [])
    scenario = folder / f"s{n}-{method}.yaml"
    scenario.write_text(text, encoding="utf-8")
    doc = read_scenario(scenario, scenario.name, FileCache())
    applied = apply_scenario(org, doc)
    after = counts(applied.org, targets)
    moves = sum(1 for c in result.changes if c.kind == "move")
    adds = len(result.changes) - moves
    refused = len(applied.findings) + len(doc.findings)
    return (
        f"| {n:,} | {method} | {result.method} | {before['TGT601']} → {after['TGT601']} | "
        f"{before['TGT602']} → {after['TGT602']} | {moves} | {adds} | {refused} | "
        f"{after['ORG101']} | {took:.1f} / {seconds:g} |"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--positions", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--span-min", type=int, default=3)
    ap.add_argument("--span-max", type=int, default=8)
    ap.add_argument("--layers-max", type=int, default=6)
    ap.add_argument("--methods", nargs="+", default=["auto", "heuristic", "auto+new"])
    args = ap.parse_args()
    targets = Targets.model_validate(
        {"span": {"min": args.span_min, "max": args.span_max}, "layers": {"max": args.layers_max}}
    )
    print(
        f"Targets: span {args.span_min}..{args.span_max}, at most {args.layers_max} layers; "
        f"time limit {args.time_limit:g} s\n"
    )
    print_head(
        "positions | asked | solved by | TGT601 | TGT602 | moves | new | refused | "
        "cycles | seconds / limit",
        right={0, 5, 6, 7, 8},
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.positions:
            for method in args.methods:
                print(one(Path(tmp), n, targets, args.time_limit, method), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
