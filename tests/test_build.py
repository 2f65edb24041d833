"""`orgdesign build`: the whole deliverable in one folder, whole or not at all.

The chart parts come from the chart writers of `orgdesign.output.registry.CHARTS`:
these tests pass the chart formats explicitly (with fakes for a writer that works, one
that fails, and none for the explorer) and also build the four samples with the real
registry.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.findings import Finding
from orgdesign.model import Org
from orgdesign.output import ChartOptions
from orgdesign.output import build as build_module
from orgdesign.output.build import build_pack
from orgdesign.output.documents.roles import MARKER
from orgdesign.output.formats import ChartWriter, Format, Formats, Kind, TableWriter
from orgdesign.output.registry import CHARTS, RACI

SAMPLES = Path(__file__).parent.parent / "sample_orgs"
GOLDEN_ORG = Path(__file__).parent / "golden" / "raci" / "org.yaml"
runner = CliRunner()


def fake_svg(
    org: Org, graph: OrgGraph, findings: list[Finding], options: ChartOptions, out: Path
) -> None:
    """A stand-in chart writer with the registry's signature."""
    assert isinstance(options, ChartOptions)
    out.write_text(f"<svg><!-- {len(org.positions)} positions, lang {options.lang} --></svg>")


def broken_pdf(*_: Any) -> None:
    raise RuntimeError("dot not found")


FAKES: Formats[ChartWriter] = Formats(
    "chart",
    ChartWriter,
    (
        Format("svg", (".svg",), Kind.chart, "works", lambda: fake_svg),
        Format("pdf", (".pdf",), Kind.chart, "fails", lambda: broken_pdf),
    ),
)
NO_CHARTS: Formats[ChartWriter] = Formats("chart", ChartWriter, ())


def load_org(path: Path) -> tuple[Org, OrgGraph, list[Finding]]:
    org, findings = api.load_org(path, path.name)
    assert org is not None
    return org, OrgGraph(org), findings


def links(page: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', page)


def test_pack_holds_every_part_and_the_index_links_them(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    steps: list[tuple[str, int, int]] = []
    parts = build_pack(
        *load_org(GOLDEN_ORG), out, charts=FAKES, progress=lambda *a: steps.append(a)
    )
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    positions = ("ceo", "cmo", "brand-lead", "designer", "north-gm", "north-mkt")
    cards = [f"roles/{p}.{ext}" for p in positions for ext in ("html", "docx")]
    pages = [MARKER, "index.html", "validation.html", "chart.svg", "raci.html", "raci.xlsx"]
    assert files == sorted([*pages, "roles/index.html", "roles/role-cards.docx", *cards])
    assert "6 positions, lang None" in (out / "chart.svg").read_text()
    assert '<img src="chart.svg"' in (out / "index.html").read_text(encoding="utf-8")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert links(index) == [
        "validation.html",  # the findings in the summary
        "chart.svg",  # the preview
        "validation.html",
        "chart.svg",
        "raci.html",
        "raci.xlsx",
        "roles/index.html",
        "roles/role-cards.docx",
    ]
    # The parts that could not be made are named, with the reason, and not linked.
    assert "chart.pdf: RuntimeError: dot not found" in index
    assert "explorer.html: no chart writer for .html" in index
    assert [p.path for p in parts if not p.ok] == ["chart.pdf", "explorer.html", "deck.pptx"]
    assert [s[0] for s in steps] == [
        "validation.html",
        "chart.svg",
        "chart.pdf",
        "explorer.html",
        "deck.pptx",
        "raci.html",
        "raci.xlsx",
        "roles/",
        "roles/role-cards.docx",
        "index.html",
        "done",
    ]
    assert steps[-1][1] == steps[-1][2]


def test_validation_report_lists_findings_errors_first(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    build_pack(*load_org(GOLDEN_ORG), out, charts=NO_CHARTS)
    report = (out / "validation.html").read_text(encoding="utf-8")
    rules = re.findall(r'<td class="rule">([A-Z]+\d+)</td>', report)
    assert rules[:3] == ["RACI204", "RACI202", "DUAL302"]
    assert set(rules[3:]) == {"ARCH401", "ORG106", "RACI205"}
    assert "org.yaml:72:45" in report


def test_missing_registry_entries_are_said_in_the_index(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    build_pack(*load_org(GOLDEN_ORG), out, charts=NO_CHARTS, lang="zh")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("不可用") == 4
    assert "no chart writer for .svg" in index
    assert "RACI 责任矩阵" in index and 'lang="zh"' in index


def test_failed_build_leaves_nothing_and_keeps_the_old_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org, graph, findings = load_org(GOLDEN_ORG)
    out = tmp_path / "pack"
    build_pack(org, graph, findings, out, charts=NO_CHARTS)
    before = (out / "index.html").read_text(encoding="utf-8")

    def explode(*_: Any) -> bytes:
        raise RuntimeError("disk on fire")

    xlsx = Format("xlsx", (".xlsx",), Kind.table, "explodes", lambda: explode)
    raci = Formats("RACI", TableWriter, tuple(xlsx if f.name == "xlsx" else f for f in RACI))
    monkeypatch.setattr(build_module, "RACI", raci)
    with pytest.raises(RuntimeError, match="disk on fire"):
        build_pack(org, graph, findings, out, charts=NO_CHARTS)
    assert (out / "index.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]  # no temporary folder left
    with pytest.raises(RuntimeError):
        build_pack(org, graph, findings, tmp_path / "fresh", charts=NO_CHARTS)
    assert not (tmp_path / "fresh").exists()


@pytest.mark.parametrize("sample", ["lean", "functional", "matrix", "divisional"])
def test_samples_build_with_the_real_registry(tmp_path: Path, sample: str) -> None:
    out = tmp_path / sample
    parts = build_pack(*load_org(SAMPLES / f"{sample}.yaml"), out)
    index = (out / "index.html").read_text(encoding="utf-8")
    for part in parts:
        if part.ok:
            assert (out / part.path).is_file(), part
            assert f'href="{part.path}"' in index
        else:
            assert part.note and part.note in index
    # Every chart of the pack has a registered writer.
    for _, suffix, _ in build_module.CHART_PARTS:
        assert CHARTS.get_suffix(suffix) is not None
    assert load_workbook(out / "raci.xlsx").sheetnames == ["RACI", "Legend", "Findings"]
    for pos in load_org(SAMPLES / f"{sample}.yaml")[0].positions:
        assert (out / "roles" / f"{pos.id}.html").is_file()


def test_command_build(tmp_path: Path) -> None:
    out = tmp_path / "out" / "lean"
    result = runner.invoke(app, ["build", str(SAMPLES / "lean.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and (out / "roles" / "mkt-lead.html").is_file()
    assert f"wrote {out / 'index.html'}" in result.output.replace("\n", "")
    again = runner.invoke(app, ["build", str(SAMPLES / "lean.yaml"), "-o", str(out)])
    assert again.exit_code == 0  # an earlier pack is replaced


def test_command_build_refuses_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SAMPLES / "lean.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "did not make" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_command_build_of_a_draft_with_errors_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    result = runner.invoke(app, ["build", str(GOLDEN_ORG), "-o", str(out)])
    assert result.exit_code == 1
    assert "RACI202" in (out / "validation.html").read_text(encoding="utf-8")


def test_command_build_of_an_unreadable_file_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe not utf-8")
    result = runner.invoke(app, ["build", str(bad), "-o", str(tmp_path / "pack")])
    assert result.exit_code == 1
    assert not (tmp_path / "pack").exists()
    assert "Traceback" not in result.output


def test_pack_groups_a_wide_matrix_by_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "PACK_MAX_POSITION_COLUMNS", 3)
    out = tmp_path / "pack"
    build_pack(*load_org(GOLDEN_ORG), out, charts=NO_CHARTS)
    assert "RACI matrix (HTML, one column per unit)" in (out / "index.html").read_text("utf-8")
    header = [c.value for c in load_workbook(out / "raci.xlsx")["RACI"][1]]
    assert header == [
        "Responsibility",
        "Scope",
        "Golden Tea Co",
        "Marketing",
        "Brand Team",
        "North Line",
        "Status",
    ]
