"""Graphviz layout failures found by the escaping fuzz (issue 19), kept as regression cases.

About one generated organisation in a hundred and fifty made `dot` fail with
"lost bus.pX.0 bus.pX.m edge" whatever its names (the same shapes fail with plain
names): a manager's reports hang from a horizontal bar of invisible points, and the
bar crossed a unit frame that Graphviz cannot route through. Two shapes: the
manager's frame sits inside the frame that holds the bar (a report is in an outer
unit), or a frame around a report also holds a box higher up (here the top
position). Such a manager's reports now get a line each; ordinary trees keep
their bars.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from hostile import build
from orgdesign.cli.app import app
from orgdesign.output import ChartOptions
from orgdesign.output.chart.dot import chart_dot

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz `dot`")


def org(units: list[tuple[str, str | None]], positions: list[tuple[str, str, str | None]]) -> str:
    return yaml.safe_dump(
        {
            "orgdesign": 1,
            "organization": {"id": "acme", "name": "Acme"},
            "units": [
                {"id": u, "name": f"Unit {u}", "type": "department"} | ({"parent": p} if p else {})
                for u, p in units
            ],
            "positions": [
                {"id": i, "title": f"Role {i}", "unit": u} | ({"reports_to": m} if m else {})
                for i, u, m in positions
            ],
        },
        sort_keys=False,
    )


NESTED = [("u0", None), ("u1", "u0"), ("u2", "u1")]

FAILED = {
    # the frame of p3 (u2, inside u1) holds nothing above p3 but u1 holds the top p0
    "frame-around-a-report-holds-the-top": org(
        NESTED,
        [
            ("p1", "u0", "p0"),
            ("p2", "u0", "p1"),
            ("p0", "u1", None),
            ("p4", "u1", "p3"),
            ("p3", "u2", "p1"),
        ],
    ),
    # the manager p0 is in u2; its reports are in u2 and in the outer units u1 and u0
    "manager-inside-the-frame-of-its-bar": org(
        NESTED,
        [
            ("p4", "u0", "p0"),
            ("p5", "u0", "p0"),
            ("p3", "u0", "p1"),
            ("p1", "u1", "p0"),
            ("p0", "u2", None),
            ("p2", "u2", "p0"),
        ],
    ),
}


def dot_accepts(source: str) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=False)
    assert done.returncode == 0 and b"Error" not in done.stderr, done.stderr.decode()
    return done


@pytest.mark.parametrize("name", list(FAILED))
@pytest.mark.parametrize("stack", [True, False])
def test_charts_dot_could_not_draw(name: str, stack: bool) -> None:
    org_, graph = build(yaml.safe_load(FAILED[name]))
    svg = dot_accepts(chart_dot(org_, graph, ChartOptions(stack=stack))).stdout.decode()
    for pos in org_.positions:
        assert pos.title in svg


@pytest.mark.parametrize("name", list(FAILED))
def test_they_chart_through_the_command(tmp_path: Path, name: str) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(FAILED[name], encoding="utf-8")
    out = tmp_path / "chart.svg"
    result = CliRunner().invoke(app, ["chart", str(path), "-o", str(out), "--engine", "graphviz"])
    assert result.exit_code == 0, result.output
    assert b"Role p0" in out.read_bytes()


def test_ordinary_trees_keep_their_bars() -> None:
    """A head with reports in their own sub-units, each with a team: bars everywhere."""
    text = org(
        [("top", None), ("a", "top"), ("b", "top")],
        [("ceo", "top", None), ("ha", "a", "ceo"), ("hb", "b", "ceo"), ("a1", "a", "ha"),
         ("a2", "a", "ha"), ("b1", "b", "hb"), ("b2", "b", "hb")],
    )  # fmt: skip
    org_, graph = build(yaml.safe_load(text))
    source = chart_dot(org_, graph, ChartOptions(stack=False))
    assert '"ceo":s -> "bus.ceo.m"' in source
    assert '"ha":s -> "bus.ha.m"' in source and '"hb":s -> "bus.hb.m"' in source
    dot_accepts(source)
