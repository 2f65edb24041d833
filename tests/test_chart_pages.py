"""Chart files drawn from the own layout: golden SVGs, PDFs on real paper, PNG limits, CLI.

Golden SVGs live in tests/golden/chart/*.svg; after an intended change run
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_chart_pages.py -k golden` and
review the diff. Dates are fixed with SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import collections
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from conftest import check_golden
from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.layout.chart import PAPERS
from orgdesign.model import Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart.layoutchart import chart_layout, render
from orgdesign.output.chart.svgchart import page_svg

REPO = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "chart"
SAMPLES = sorted((REPO / "sample_orgs").glob("*.yaml"))
runner = CliRunner()


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def load(path: Path) -> tuple[Org, OrgGraph]:
    run = api.validate([(path, str(path.relative_to(REPO)))], api.resolve_config(None))
    org = run.results[0].org
    assert org is not None
    return org, OrgGraph(org)


def words_by_size(pdf: Path) -> list[collections.Counter[float]]:
    """Per page: words by printed font size (Tf size times text and page matrices)."""
    out = []
    for page in pypdf.PdfReader(pdf).pages:
        sizes: collections.Counter[float] = collections.Counter()

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            sizes: collections.Counter[float] = sizes,
        ) -> None:
            if text.strip():
                printed = size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
                sizes[round(printed, 2)] += len(text.split())

        page.extract_text(visitor_text=visit)
        out.append(sizes)
    return out


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_golden_svg(path: Path) -> None:
    org, graph = load(path)
    layout = chart_layout(org, graph, ChartOptions(), ".svg")
    svg = page_svg(layout, layout.pages[0])
    ET.fromstring(svg.encode("utf-8"))
    check_golden(GOLDEN / f"{path.stem}.svg", svg)


def test_golden_svg_chinese() -> None:
    org, graph = load(REPO / "sample_orgs" / "divisional.yaml")
    layout = chart_layout(org, graph, ChartOptions(lang="zh"), ".svg")
    svg = page_svg(layout, layout.pages[0])
    assert "组织架构图" in svg
    check_golden(GOLDEN / "divisional-zh.svg", svg)


def test_svg_escapes_names(tmp_path: Path) -> None:
    from test_chart import EVIL

    path = tmp_path / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    run = api.validate([(path, str(path))], api.resolve_config(None))
    org = run.results[0].org
    assert org is not None
    out = tmp_path / "evil.svg"
    render(org, OrgGraph(org), [], ChartOptions(), out)
    root = ET.fromstring(out.read_bytes())  # raises on anything unescaped
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<script>alert(1)</script>" in texts.replace("  ", " ")
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))


@pytest.mark.parametrize(("paper", "landscape"), [("a4", True), ("a3", False), ("letter", True)])
def test_pdf_pages_are_paper_size_and_text_readable(
    tmp_path: Path, paper: str, landscape: bool
) -> None:
    out = tmp_path / "c.pdf"
    args = ["chart", str(REPO / "sample_orgs" / "matrix.yaml"), "-o", str(out), "--paper", paper]
    result = runner.invoke(app, [*args, "--landscape" if landscape else "--portrait"])
    assert result.exit_code == 0, result.output
    w, h = PAPERS[paper]
    expected = (round(h), round(w)) if landscape else (round(w), round(h))
    reader = pypdf.PdfReader(out)
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == expected
    assert len(reader.outline) == len(reader.pages)  # one bookmark per page
    for sizes in words_by_size(out):
        assert sizes and min(sizes) >= 6.0 - 0.01


def test_pdf_min_font_option_makes_more_pages(tmp_path: Path) -> None:
    sample = str(REPO / "sample_orgs" / "functional.yaml")
    counts = []
    for size in ("6", "9"):
        out = tmp_path / f"c{size}.pdf"
        result = runner.invoke(app, ["chart", sample, "-o", str(out), "--min-font", size])
        assert result.exit_code == 0, result.output
        counts.append(len(pypdf.PdfReader(out).pages))
        assert all(min(s) >= float(size) - 0.01 for s in words_by_size(out))
    assert counts[1] > counts[0]


def test_pdf_draws_chinese_with_embedded_font(tmp_path: Path) -> None:
    out = tmp_path / "zh.pdf"
    result = runner.invoke(
        app,
        ["chart", str(REPO / "sample_orgs" / "divisional.yaml"), "-o", str(out), "--lang", "zh"],
    )
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(out)
    text = "".join(p.extract_text() for p in reader.pages)
    assert "组织架构图" in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            desc = font.get_object().get("/DescendantFonts")
            obj = desc[0].get_object() if desc else font.get_object()
            d = obj.get("/FontDescriptor")
            if d is not None:
                d = d.get_object()
                assert any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts.add(str(obj["/BaseFont"]))
    assert any("NotoSansCJK" in f for f in fonts)


def test_poster_is_one_page(tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    sample = str(REPO / "sample_orgs" / "matrix.yaml")
    result = runner.invoke(app, ["chart", sample, "-o", str(out), "--poster"])
    assert result.exit_code == 0, result.output
    assert len(pypdf.PdfReader(out).pages) == 1


def test_paginated_svg_folder(tmp_path: Path) -> None:
    out = tmp_path / "c.svg"
    sample = str(REPO / "sample_orgs" / "matrix.yaml")
    result = runner.invoke(
        app, ["chart", sample, "-o", str(out), "--paginate", "--paper", "a4", "--portrait"]
    )
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "c").iterdir())
    assert len(pages) > 1 and pages[0].name.startswith("001-")
    for page in pages:
        root = ET.fromstring(page.read_bytes())
        assert root.get("width") == "595.28pt" and root.get("height") == "841.89pt"


def test_png_too_large_is_refused_not_shrunk(tmp_path: Path) -> None:
    lines = ["orgdesign: 1", "organization: {id: wide, name: Wide}", "positions:"]
    lines.append("  - {id: boss, title: Boss}")
    for i in range(300):
        lines.append(f"  - {{id: m{i}, title: Manager {i}, reports_to: boss}}")
        lines.append(f"  - {{id: r{i}, title: Report {i}, reports_to: m{i}}}")
    src = tmp_path / "wide.yaml"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "wide.png"
    result = runner.invoke(app, ["chart", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert "--paginate" in result.output
    assert not out.exists()
    result = runner.invoke(app, ["chart", str(src), "-o", str(out), "--paginate"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "wide").iterdir())) > 1


def test_png_small_chart(tmp_path: Path) -> None:
    out = tmp_path / "c.png"
    result = runner.invoke(app, ["chart", str(REPO / "sample_orgs" / "lean.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
