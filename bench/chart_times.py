#!/usr/bin/env python3
"""Time the org-chart layout against plain Graphviz `dot -Tsvg` on the same tree.

    .venv/bin/python bench/chart_times.py --positions 1000 5000 20000 --seed 1

For each size, generates an org file with bench/generate.py, loads it once,
then writes, through the renderers `orgdesign chart` uses: the whole chart as
one SVG, the same paginated onto A4 as one PDF and as a folder of SVG pages;
and runs plain `dot -Tsvg` on a DOT file of the same tree (one box per
position with its title, one edge per solid line, no clusters or styling: the
cheapest thing Graphviz can be asked for). Prints wall seconds and CPU
seconds (this process, or the `dot` child): on a shared machine wall time
grows with the load, CPU time much less. `dot` is stopped after --dot-timeout.
Nothing here is a test: run it by hand.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdf
from tables import print_head

from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart.layoutchart import render

HERE = Path(__file__).parent


def plain_dot(org: Org, graph: OrgGraph) -> str:
    lines = ["digraph g {", "  node [shape=box];"]
    for pos in org.positions:
        lines.append(f"  {json.dumps(pos.id)} [label={json.dumps(pos.title)}];")
    for pos in org.positions:
        boss = graph.manager(pos.id)
        if boss:
            lines.append(f"  {json.dumps(boss)} -> {json.dumps(pos.id)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_dot(source: Path, timeout: float) -> tuple[str, str]:
    if shutil.which("dot") is None:
        return "no dot", ""
    before, started = child_cpu(), time.perf_counter()
    try:
        subprocess.run(
            ["dot", "-Tsvg", "-o", str(source.with_suffix(".svg")), str(source)],
            check=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f}", "(stopped)"
    return f"{time.perf_counter() - started:.1f}", f"{child_cpu() - before:.1f}"


def one_size(n: int, seed: int, tmp: Path, dot_timeout: float) -> None:
    org_file = tmp / f"org{n}.yaml"
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--positions", str(n), "--seed", str(seed),
         "-o", str(org_file)],
        check=True,
    )  # fmt: skip
    org, _ = api.load_org(org_file)
    assert org is not None, "the generated file did not load"
    graph = OrgGraph(org)
    variants = [
        ("orgdesign: one SVG", ChartOptions(), tmp / "c.svg"),
        ("orgdesign: A4 PDF, paginated", ChartOptions(paper="a4"), tmp / "c.pdf"),
        ("orgdesign: A4 SVG pages", ChartOptions(paginate=True, paper="a4"), tmp / "p.svg"),
    ]
    for name, options, out in variants:
        started, cpu = time.perf_counter(), time.process_time()
        render(org, graph, [], options, out)
        wall, used = time.perf_counter() - started, time.process_time() - cpu
        pages = len(pypdf.PdfReader(out).pages) if out.suffix == ".pdf" else ""
        if out.name == "p.svg":
            pages = len(list((tmp / "p").iterdir()))
        print(f"| {n:,} | {name} | {wall:.1f} | {used:.1f} | {pages} |", flush=True)
    source = tmp / "plain.gv"
    source.write_text(plain_dot(org, graph), encoding="utf-8")
    wall_s, cpu_s = time_dot(source, dot_timeout)
    print(f"| {n:,} | plain `dot -Tsvg` | {wall_s} | {cpu_s} | |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", "-n", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dot-timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    print_head("positions | chart | wall s | CPU s | pages", right={0, 2, 3, 4})
    with tempfile.TemporaryDirectory(prefix="orgdesign-chart-bench-") as tmp:
        for n in args.positions:
            one_size(n, args.seed, Path(tmp), args.dot_timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
