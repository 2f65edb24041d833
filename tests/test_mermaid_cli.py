"""Mermaid output checked by its consumer: mermaid-cli renders every `.mmd` in headless Chromium.

mermaid-cli comes from npm into tools/mermaid (`make mermaid-cli`, or the first
test here runs `npm ci` there); the browser is the system's Chromium
(PUPPETEER_EXECUTABLE_PATH, default /usr/bin/chromium), run without a sandbox.
Tests that need mermaid-cli are skipped only when node or npm is not installed.
Rendering takes ~0.1-0.3 s a diagram, so the suite renders a small batch;
`make fuzz-escape` (ORGDESIGN_FUZZ=N) renders N generated organisations.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hostile import budget, build, organisations
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.model import Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart.mermaid import MERMAID_MAX_TEXT, MermaidTooLarge, chart_mermaid

REPO = Path(__file__).parent.parent
TOOLS = REPO / "tools" / "mermaid"
MMDC = TOOLS / "node_modules" / ".bin" / "mmdc"
HAS_NODE = shutil.which("node") is not None and shutil.which("npm") is not None
needs_node = pytest.mark.skipif(not HAS_NODE, reason="node/npm not installed: no mermaid-cli")
runner = CliRunner()


def browser_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PUPPETEER_EXECUTABLE_PATH", shutil.which("chromium") or "/usr/bin/chromium")
    env["PUPPETEER_SKIP_DOWNLOAD"] = "1"  # never fetch a browser: the system's is used
    return env


@pytest.fixture(scope="session")
def mermaid_cli() -> Path:
    """The tools/mermaid folder with mermaid-cli installed (npm ci on first use)."""
    if not MMDC.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=TOOLS, env=browser_env(), check=True, timeout=900,
        )  # fmt: skip
    browser = browser_env()["PUPPETEER_EXECUTABLE_PATH"]
    assert Path(browser).exists(), f"no Chromium at {browser}: `make system` installs it"
    return TOOLS


def render_batch(tools: Path, files: list[Path]) -> dict[str, str | None]:
    """File -> None if mermaid-cli rendered it, else its error."""
    done = subprocess.run(
        ["node", str(tools / "render-batch.mjs"), *map(str, files)],
        env=browser_env(), capture_output=True, text=True, timeout=60 + 5 * len(files),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {r["file"]: (None if r["ok"] else r["error"]) for r in results}


def assert_rendered(files: list[Path], outcome: dict[str, str | None]) -> None:
    failed = {f: outcome.get(str(f), "not rendered") for f in files if outcome.get(str(f), "x")}
    detail = "\n\n".join(f"{f}: {e}\n{f.read_text(encoding='utf-8')[:1500]}" for f, e in
                         list(failed.items())[:3])  # fmt: skip
    assert not failed, f"{len(failed)} of {len(files)} diagrams failed:\n{detail}"
    for f in files:
        svg = Path(str(f) + ".svg").read_text(encoding="utf-8")
        root = ET.fromstring(svg)  # mermaid's SVG is XML
        # a failed layout draws at translate(NaN, ...) (a holder may be called NaN)
        assert not [v for el in root.iter() for v in el.attrib.values() if "NaN" in v], f
        tags = {el.tag.rsplit("}", 1)[-1].lower() for el in root.iter()}
        assert "script" not in tags and "iframe" not in tags and "img" not in tags, f


OPTIONS = st.builds(ChartOptions, lang=st.sampled_from([None, "zh"]), clusters=st.booleans(),
                    stack=st.booleans())  # fmt: skip


@needs_node
def test_mermaid_cli_renders_every_hostile_chart(mermaid_cli: Path, tmp_path: Path) -> None:
    files: list[Path] = []
    refused = 0

    @settings(max_examples=budget(8), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(organisations(), OPTIONS)
    def write(og: tuple[Org, OrgGraph], options: ChartOptions) -> None:
        nonlocal refused
        org, graph = og
        try:
            source = chart_mermaid(org, graph, options)
        except MermaidTooLarge:  # the writer refuses with a message: allowed
            refused += 1
            return
        path = tmp_path / f"{len(files):05d}.mmd"
        path.write_text(source, encoding="utf-8")
        files.append(path)

    write()
    for start in range(0, len(files), 250):  # one browser per 250 diagrams
        chunk = files[start : start + 250]
        assert_rendered(chunk, render_batch(mermaid_cli, chunk))
    # The figures of a long run (`make fuzz-escape`, shown with -s): rendered + refused.
    print(f"\nmermaid-cli: {len(files)} charts rendered, {refused} refused by the writer")


CROSSING = {
    "organization": {"id": "t", "name": "T"},
    "units": [
        {"id": "top", "name": "Top", "type": "company", "head": "ceo"},
        {"id": "ua", "name": "A", "type": "department", "parent": "top", "head": "a"},
        {"id": "ub", "name": "B", "type": "department", "parent": "top", "head": "b"},
    ],
    "positions": [
        {"id": "ceo", "title": "CEO", "unit": "top"},
        {"id": "a", "title": "Head A", "unit": "ua", "reports_to": "ceo"},
        {"id": "b", "title": "Head B", "unit": "ub", "reports_to": "ceo"},
        {"id": "a1", "title": "A1", "unit": "ua", "reports_to": "a", "dotted_to": ["b2"]},
        {"id": "a2", "title": "A2", "unit": "ua", "reports_to": "a"},
        {"id": "b1", "title": "B1", "unit": "ub", "reports_to": "b", "dotted_to": ["a2"]},
        {"id": "b2", "title": "B2", "unit": "ub", "reports_to": "b", "holders": ["x]]"]},
    ],
}


def test_dotted_lines_across_units_drop_the_frames() -> None:
    org, graph = build(CROSSING)
    crossing = chart_mermaid(org, graph, ChartOptions())
    assert "subgraph u_" not in crossing and "classDef" in crossing  # unit colours stay
    assert "p_b2 -. " in crossing  # the dotted lines are still drawn
    within = {**CROSSING, "positions": [{**p, "dotted_to": []} for p in CROSSING["positions"]]}
    org, graph = build(within)
    assert "subgraph u_ua" in chart_mermaid(org, graph, ChartOptions())


@needs_node
def test_mmdc_draws_dotted_lines_across_units(mermaid_cli: Path, tmp_path: Path) -> None:
    org, graph = build(CROSSING)
    source = tmp_path / "chart.mmd"
    source.write_text(chart_mermaid(org, graph, ChartOptions()), encoding="utf-8")
    out = tmp_path / "chart.svg"
    done = subprocess.run(
        [str(MMDC), "-q", "-p", str(mermaid_cli / "puppeteer.json"), "-i", str(source),
         "-o", str(out)],
        env=browser_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    svg = out.read_text(encoding="utf-8")
    assert "NaN" not in svg and "x]]" in svg  # drawn, with the holder's name


def test_chart_past_mermaids_limit_is_refused(tmp_path: Path) -> None:
    positions = [{"id": "p0", "title": "Chief", "unit": "u0"}] + [
        {"id": f"p{i}", "title": f"Specialist number {i}", "unit": "u0", "reports_to": "p0",
         "holders": [f"Person {i}"]}
        for i in range(1, 700)
    ]  # fmt: skip
    lines = ["orgdesign: 1", "organization: {id: big, name: Big}",
             "units: [{id: u0, name: Unit, type: department, head: p0}]",
             "positions:", *(f"  - {json.dumps(p)}" for p in positions)]  # fmt: skip
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "big.mmd"
    result = runner.invoke(app, ["chart", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "--root" in result.stderr and "--depth" in result.stderr
    assert f"{MERMAID_MAX_TEXT:,}" in result.stderr
    assert not out.exists()
    part = runner.invoke(app, ["chart", str(path), "-o", str(out), "--depth", "1"])
    assert part.exit_code == 0 and out.exists()
