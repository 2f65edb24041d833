"""The HTML explorer without a browser: payload, escaping, self-containment, options."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.findings import Finding, Severity
from orgdesign.model import Org
from orgdesign.output import ChartOptions
from orgdesign.output.chart.explorer import build_payload, json_for_script, render, render_html
from orgdesign.output.registry import CHARTS

REPO = Path(__file__).parent.parent
SAMPLES = REPO / "sample_orgs"

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    "</script><script>window.__pwned = 3</script>",
    "{{SCRIPT}} {{DATA}}",
    "line\u2028sep\u2029para & <!-- -->",
]

XSS_ORG = """\
orgdesign: 1
organization: {id: xss, name: "<script>window.__pwned = 0</script>Evil & Co"}
units:
  - {id: co, name: "<img src=x onerror=\\"window.__pwned = 4\\">", type: company, head: ceo}
positions:
  - {id: ceo, title: "<script>window.__pwned = 1</script>", unit: co, holders: ["<b>Ada</b>"]}
  - id: cmo
    title: "<img src=x onerror=\\"window.__pwned = 2\\">"
    unit: co
    reports_to: ceo
    holders: ["</script><script>window.__pwned = 3</script>"]
  - {id: ops, title: "{{SCRIPT}} \\u2028 & <!--", unit: co, reports_to: ceo, holders: [Bo]}
"""


def load_org(path: Path) -> tuple[Org, OrgGraph, list[Finding]]:
    org, findings = api.load_org(path)
    assert org is not None
    return org, OrgGraph(org), findings


def write(tmp_path: Path, text: str, name: str = "org.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def page_data(html: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="org-data">(.*?)</script>', html, re.S)
    assert match, "no data element"
    data: dict[str, object] = json.loads(match.group(1))
    return data


# --- escaping ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_json_for_script_round_trips_and_cannot_close_the_element(text: str) -> None:
    data = {"name": text, "list": [text, {"k": text}]}
    out = json_for_script(data)
    assert json.loads(out) == data
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in out


def test_hostile_names_stay_inside_the_data_element(tmp_path: Path) -> None:
    org, graph, findings = load_org(write(tmp_path, XSS_ORG))
    html = render_html(build_payload(org, graph, findings, ChartOptions()))
    # our two script elements and nothing else
    assert html.count("<script") == 2
    assert html.lower().count("</script") == 2
    assert "<img" not in html
    assert "onerror=" not in html.replace("onerror=\\", "")  # only inside JSON, quote escaped
    # the title is HTML-escaped
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert title.group(1) == "&lt;script&gt;window.__pwned = 0&lt;/script&gt;Evil &amp; Co"
    # the names come back intact from the JSON
    data = page_data(html)
    positions = {p["id"]: p for p in data["positions"]}  # type: ignore[attr-defined]
    assert positions["ceo"]["title"] == "<script>window.__pwned = 1</script>"
    assert positions["cmo"]["holders"] == ["</script><script>window.__pwned = 3</script>"]
    assert positions["ops"]["title"].startswith("{{SCRIPT}}")
    # a slot name inside the data was not substituted
    assert html.count("use strict") == 1


def test_script_builds_the_page_without_inner_html() -> None:
    from orgdesign.output.chart.explorer import script as explorer_script

    script = explorer_script()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script
    assert "new Function" not in script


# --- self-contained ------------------------------------------------------------------------


def test_page_is_self_contained_and_csp_hashes_match(tmp_path: Path) -> None:
    org, graph, findings = load_org(SAMPLES / "matrix.yaml")
    html = render_html(build_payload(org, graph, findings, ChartOptions()))
    assert "<link" not in html
    assert not re.search(r"<script[^>]*\ssrc=", html)
    assert "@import" not in html
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", html)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert csp is not None
    policy = csp.group(1)
    assert "default-src 'none'" in policy
    assert "connect-src" not in policy  # falls back to 'none'
    for kind, tag in (("script", r"<script>(.*?)</script>"), ("style", r"<style>(.*?)</style>")):
        body = re.search(tag, html, re.S)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{kind}-src 'sha256-{digest}'" in policy


# --- payload -------------------------------------------------------------------------------


def test_payload_of_the_matrix_sample() -> None:
    org, graph, findings = load_org(SAMPLES / "matrix.yaml")
    data = build_payload(org, graph, findings, ChartOptions())
    positions = {p["id"]: p for p in data["positions"]}
    assert list(positions) == [p.id for p in org.positions]
    assert "parent" not in positions["ceo"]
    assert positions["cmo"]["parent"] == "ceo"
    assert positions["lipstick-mkt"]["dotted"] == ["brand-director"]
    assert positions["brand-designer"]["holders"] == ["许诺", "Lucas Pang"]
    assert positions["brand-designer"]["headcount"] == 3
    assert positions["brand-designer"]["vacancies"] == 1
    assert "holders" not in positions["fragrance-mkt"]
    assert positions["fragrance-mkt"]["vacancies"] == 1
    lipstick = dict(data["units"]["lipstick"])
    assert lipstick.pop("fill").startswith("#") and lipstick.pop("line").startswith("#")
    assert lipstick == {"name": "Lipstick Line", "type": "product-line", "aka": ["口红产品线"]}
    assert positions["cmo"]["aka"] == ["首席营销官"]
    assert data["org"]["name"] == "Lumière Beauty Group"
    # one role card per position, from render.cards
    assert set(data["cards"]) == set(positions)
    card = data["cards"]["lipstick-mkt"]
    assert card["priority_rules"][0]["id"] == "product-line-marketing"
    assert json.loads(json.dumps(data)) == data


def test_lang_picks_labels_and_keeps_the_original_title() -> None:
    org, graph, findings = load_org(SAMPLES / "matrix.yaml")
    data = build_payload(org, graph, findings, ChartOptions(lang="zh"))
    positions = {p["id"]: p for p in data["positions"]}
    assert positions["cmo"]["title"] == "首席营销官"
    assert positions["cmo"]["aka"] == ["Chief Marketing Officer"]
    assert data["units"]["lipstick"]["name"] == "口红产品线"
    assert data["units"]["lipstick"]["aka"] == ["Lipstick Line"]
    assert data["org"]["name"] == "丽美美妆集团"
    assert data["cards"]["cmo"]["title"] == "首席营销官"
    html = render_html(data)
    assert '<html lang="zh">' in html


def test_root_limits_the_file_to_a_subtree() -> None:
    org, graph, findings = load_org(SAMPLES / "matrix.yaml")
    data = build_payload(org, graph, findings, ChartOptions(root="brand-director", depth=2))
    ids = [p["id"] for p in data["positions"]]
    assert ids == ["brand-director", "brand-manager", "pr-manager", "brand-designer"]
    assert "parent" not in data["positions"][0]
    assert data["options"] == {"root": "brand-director", "depth": 2, "stack": True}
    with pytest.raises(ValueError, match="nobody"):
        build_payload(org, graph, findings, ChartOptions(root="nobody"))


def test_reporting_cycle_is_broken_into_a_tree() -> None:
    org, graph, findings = load_org(SAMPLES / "invalid" / "org101-cycle.yaml")
    data = build_payload(org, graph, findings, ChartOptions())
    parents = {p["id"]: p.get("parent") for p in data["positions"]}
    assert parents["ceo"] is None
    # exactly one member of the cycle a <-> b becomes a top of its own
    assert {parents["a"], parents["b"]} in ({"a", None}, {"b", None})
    assert any(f["rule"] == "ORG101" and f["box"] in ("a", "b") for f in data["findings"])


def test_findings_are_placed_on_the_boxes_they_concern(tmp_path: Path) -> None:
    org, graph, _ = load_org(SAMPLES / "matrix.yaml")
    findings = [
        Finding("ORG106", Severity.WARNING, "span", "f.yaml", 3, 1, "cmo"),
        Finding("ORG104", Severity.WARNING, "unit", "f.yaml", 4, 1, "lipstick"),
        Finding("RACI203", Severity.ERROR, "resp", "f.yaml", 5, 1, "brand.pr"),
        Finding("ORG002", Severity.ERROR, "file", "f.yaml", 1, 1, None),
    ]
    data = build_payload(org, graph, findings, ChartOptions())
    boxes = {f["rule"]: f["box"] for f in data["findings"]}
    assert boxes == {"ORG106": "cmo", "ORG104": "lipstick-head", "RACI203": None, "ORG002": None}
    # errors first
    assert [f["severity"] for f in data["findings"]] == ["error", "error", "warning", "warning"]
    assert data["findings"][0]["line"] in (1, 5)


def test_render_writes_the_file_and_is_registered(tmp_path: Path) -> None:
    assert CHARTS.for_path(Path("org.html")).writer() is render
    org, graph, findings = load_org(SAMPLES / "lean.yaml")
    out = tmp_path / "deep" / "org.html"
    render(org, graph, findings, ChartOptions(), out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert len(page_data(text)["positions"]) == len(org.positions)  # type: ignore[arg-type]
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_chart_command_writes_the_explorer(tmp_path: Path) -> None:
    out = tmp_path / "org.html"
    args = ["chart", str(SAMPLES / "divisional.yaml"), "-o", str(out), "--lang", "zh"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["lang"] == "zh"
    org, _, _ = load_org(SAMPLES / "divisional.yaml")
    assert [p["id"] for p in data["positions"]] == [p.id for p in org.positions]  # type: ignore[attr-defined]


def test_unit_colours_are_those_of_the_printed_chart() -> None:
    from orgdesign.layout.chart import LayoutOptions, build_layout

    org, graph, findings = load_org(SAMPLES / "matrix.yaml")
    data = build_payload(org, graph, findings, ChartOptions())
    page = build_layout(org, graph, LayoutOptions()).pages[0]
    printed = {b.unit: (b.fill, b.stroke) for b in page.boxes if b.unit}
    shown = {u: (v["fill"], v["line"]) for u, v in data["units"].items()}
    assert printed and printed == {u: shown[u] for u in printed}


# --- the drawing is the printed chart's layout ---------------------------------------------

_SVG_BOX = re.compile(
    r'<g class="box" data-id="([^"]+)"><title>[^<]*</title><rect x="([-\d.]+)" y="([-\d.]+)"'
    r' width="([\d.]+)" height="([\d.]+)" rx="3" fill="white" stroke="(#[0-9A-Fa-f]{6})"'
    r'[^>]*/><path d="[^"]*" fill="(#[0-9A-Fa-f]{6})"/>'
)


@pytest.mark.parametrize("sample", ["lean", "functional", "matrix", "divisional"])
def test_explorer_boxes_are_the_printed_charts_boxes(tmp_path: Path, sample: str) -> None:
    # what a user compares: `chart X.yaml -o x.svg` and `chart X.yaml -o x.html`
    svg, page = tmp_path / "x.svg", tmp_path / "x.html"
    for out in (svg, page):
        result = CliRunner().invoke(app, ["chart", str(SAMPLES / f"{sample}.yaml"), "-o", str(out)])
        assert result.exit_code == 0, result.output
    printed = {
        m[0]: (float(m[1]), float(m[2]), float(m[3]), float(m[4]), m[5], m[6])
        for m in _SVG_BOX.findall(svg.read_text(encoding="utf-8"))
    }
    raw = re.search(
        r'<script type="application/json" id="org-data">(.*?)</script>',
        page.read_text(encoding="utf-8"),
        re.S,
    )
    assert raw is not None
    drawing = json.loads(raw.group(1))["drawing"]
    drawn = {
        b["id"]: (b["x"], b["y"], b["w"], b["h"], b["stroke"], b["fill"]) for b in drawing["boxes"]
    }
    org, _ = api.load_org(SAMPLES / f"{sample}.yaml")
    assert org is not None
    assert set(drawn) == set(printed) == {p.id for p in org.positions}
    for pid, (x, y, w, h, stroke, fill) in printed.items():
        got = drawn[pid]
        assert got[:4] == pytest.approx((x, y, w, h), abs=0.011), pid
        assert got[4:] == (stroke, fill), pid


def test_explorer_lines_and_texts_are_the_layouts() -> None:
    from orgdesign.output.chart.explorer_drawing import explorer_page

    sample_matrix, _ = api.load_org(SAMPLES / "matrix.yaml")
    assert sample_matrix is not None
    graph = OrgGraph(sample_matrix)
    payload = build_payload(sample_matrix, graph, [], ChartOptions(depth=2))
    page = explorer_page(sample_matrix, graph, ChartOptions())
    drawing = payload["drawing"]
    # --depth only decides what is open at first: every box is laid out, as printed
    assert len(drawing["boxes"]) == len(page.boxes) == len(sample_matrix.positions)
    routes = [(ln["s"], ln["t"], ln["style"], ln["pts"]) for ln in drawing["lines"]]
    expected = [
        (ln.source, ln.target, ln.style, [round(v, 2) for pt in ln.points for v in pt])
        for ln in page.lines
    ]
    assert routes == expected
    assert sum(1 for r in routes if r[2] == "dotted") == 3
    assert all("label" in ln for ln in drawing["lines"] if ln["style"] == "dotted")
    texts = {b["id"]: [t[0] for t in b["lines"]] for b in drawing["boxes"]}
    assert texts == {b.id: [t.text for t in b.lines] for b in page.boxes}
    assert [f["unit"] for f in drawing["frames"]] == [f.unit for f in page.frames]
    # the tree the script collapses is the drawing's: each report under its solid line
    parents = {p["id"]: p.get("parent") for p in payload["positions"]}
    assert parents == {
        b.id: next(
            (ln.source for ln in page.lines if ln.target == b.id and ln.style == "solid"), None
        )
        for b in page.boxes
    }
