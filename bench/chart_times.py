#!/usr/bin/env python3
"""Time `orgdesign chart` on a generated organisation and print a Markdown table.

    .venv/bin/python bench/chart_times.py --positions 5000 --seed 1

Generates an org file with bench/generate.py, loads it once, then writes the
chart in each variant (whole chart with and without stacked leaves and unit
frames, one page per subtree as SVG files and as one PDF, and the Graphviz-free
.dot and .mmd) through the same renderers the command uses, timing each. The
width of single-page SVG charts is read from the SVG. Wall seconds, best of
`--repeat` runs; treat them as orders of magnitude (other work on the machine
shows). Nothing here is a test: run it by hand.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from orgdesign import api
from orgdesign.graph import OrgGraph
from orgdesign.render import CHART_RENDERERS, ChartOptions, load
from orgdesign.render.chart import paginate

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Variant:
    name: str
    suffix: str
    options: ChartOptions


VARIANTS = (
    Variant("stacked leaves, unit frames (default)", ".svg", ChartOptions()),
    Variant("--no-stack", ".svg", ChartOptions(stack=False)),
    Variant("--no-clusters", ".svg", ChartOptions(clusters=False)),
    Variant("--no-stack --no-clusters", ".svg", ChartOptions(stack=False, clusters=False)),
    Variant("--paginate (folder of SVG pages)", ".svg", ChartOptions(paginate=True)),
    Variant("--paginate (one PDF)", ".pdf", ChartOptions(paginate=True)),
    Variant("DOT source only", ".dot", ChartOptions()),
    Variant("Mermaid", ".mmd", ChartOptions()),
)


def svg_width_metres(path: Path) -> str:
    """Width of a single SVG chart in metres (its `width` in points)."""
    if not path.is_file():
        return ""
    head = path.read_bytes()[:4000].decode("utf-8", "replace")
    match = re.search(r'<svg width="([\d.]+)pt"', head)
    return f"{float(match.group(1)) / 72 * 0.0254:.1f} m" if match else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", "-n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", help="run only variants whose name contains this text")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="orgdesign-chart-bench-") as tmp:
        org_file = Path(tmp) / "org.yaml"
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), "--positions", str(args.positions),
             "--seed", str(args.seed), "-o", str(org_file)],
            check=True,
        )  # fmt: skip
        started = time.perf_counter()
        result = api.validate([(org_file, str(org_file))], api.resolve_config(None)).results[0]
        assert result.org is not None, "the generated file did not load"
        org, graph = result.org, OrgGraph(result.org)
        load_s = time.perf_counter() - started
        print(
            f"{args.positions} positions (seed {args.seed}); loading and validating: {load_s:.1f} s"
        )
        print()
        print("| chart | seconds | pages | width |")
        print("|---|---:|---:|---:|")
        for variant in VARIANTS:
            if args.only and args.only not in variant.name:
                continue
            renderer = load(CHART_RENDERERS[variant.suffix])
            best = float("inf")
            out = Path(tmp) / f"chart{variant.suffix}"
            for _ in range(args.repeat):
                started = time.perf_counter()
                renderer(org, graph, [], variant.options, out)
                best = min(best, time.perf_counter() - started)
            pages = len(paginate(org, graph, variant.options)) if variant.options.paginate else 1
            width = "" if variant.options.paginate else svg_width_metres(out)
            print(f"| {variant.name} | {best:.1f} | {pages} | {width} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
