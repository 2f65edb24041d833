"""`orgdesign raci -o matrix.tsv`: the example format added through the registry."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.output import escape
from orgdesign.output.tables.raci import build_matrix, table_rows

GOLDEN_ORG = Path(__file__).parent / "golden" / "raci" / "org.yaml"
runner = CliRunner()


def test_raci_as_tsv_holds_the_csv_table(tmp_path: Path) -> None:
    out = tmp_path / "matrix.tsv"
    result = runner.invoke(app, ["raci", str(GOLDEN_ORG), "-o", str(out)])
    assert result.exit_code == 1, result.output  # the golden org has RACI errors
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    org, findings = api.load_org(GOLDEN_ORG, GOLDEN_ORG.name)
    assert org is not None
    expected = table_rows(build_matrix(org, OrgGraph(org), findings))
    assert [[escape.formula_unguard(c) for c in row] for row in rows] == expected
    assert "tsv" in runner.invoke(app, ["raci", "--help"]).output
