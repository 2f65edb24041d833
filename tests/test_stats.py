"""`orgdesign stats`: headcount, seats, vacancies, cost, layers, spans, dual lines, RACI load."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.analysis.stats import NO_UNIT, compute_stats
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.domain.archetypes import infer_archetype
from orgdesign.model import ARCHETYPES, Org
from orgdesign.output.reports.stats import render_markdown

runner = CliRunner()
REPO = Path(__file__).parent.parent
SAMPLES = sorted((REPO / "sample_orgs").glob("*.yaml"))
LEAN = REPO / "sample_orgs" / "lean.yaml"
MATRIX = REPO / "sample_orgs" / "matrix.yaml"

HAND_MADE = """orgdesign: 1
organization: {id: t, name: "T | Co"}
units:
  - {id: hq, name: HQ, head: ceo}
  - {id: ops, name: Ops, parent: hq, head: coo}
positions:
  - {id: ceo, title: CEO, unit: hq, holders: [Ann], cost: 100}
  - {id: coo, title: COO, unit: ops, reports_to: ceo, holders: [Bob], cost: 50.5}
  - {id: ops-team, title: Operator, unit: ops, reports_to: coo, headcount: 14, holders: [C, D]}
  - {id: floater, title: Floater, reports_to: ceo, dotted_to: [coo], headcount: 2}
raci:
  - {responsibility: r1, A: coo, R: [ops-team, floater], C: ceo}
  - {responsibility: r2, A: coo, R: coo}
responsibilities:
  - {id: r1, name: One}
  - {id: r2, name: Two}
"""


def load(path: Path) -> Org:
    result = api.validate([(path, str(path))]).results[0]
    assert result.org is not None
    return result.org


def write(tmp_path: Path, text: str, name: str = "org.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stats_json(path: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["stats", str(path), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_lean_sample_figures() -> None:
    data = stats_json(LEAN)
    assert data["total"] == {
        "positions": 6,
        "seats": 7,
        "headcount": 6,
        "vacancies": 1,
        "vacancy_rate": round(1 / 7, 4),
        "cost": 1_524_000,  # 480k + 216k + 300k + 144k + 2 x 132k + 120k
        "uncosted_seats": 0,
    }
    units = {u["id"]: u for u in data["units"]}
    assert units["marketing-sales"]["total"]["seats"] == 5
    assert units["marketing-sales"]["total"]["cost"] == 828_000
    assert units["company"]["own"]["positions"] == 2
    assert units["company"]["total"] == data["total"]
    assert data["layers"]["max"] == 3
    span = data["span_of_control"]
    assert (span["min"], span["median"], span["max"], span["managers"]) == (2, 3, 4, 2)
    assert span["distribution"] == {"2": 1, "4": 1}
    assert span["outside_range"] == []
    load_by_id = {p["id"]: p for p in data["raci_load"]["positions"]}
    assert (load_by_id["mkt-lead"]["A"], load_by_id["mkt-lead"]["R"]) == (14, 5)
    assert load_by_id["ceo"]["A"] == 3
    assert data["raci_load"]["positions"][0]["id"] == "mkt-lead"  # most accountable first
    assert data["dual_reporting"] == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_samples_add_up(sample: Path) -> None:
    org = load(sample)
    graph = OrgGraph(org)
    stats = compute_stats(org, graph)
    assert stats.total.seats == sum(p.headcount for p in org.positions)
    assert stats.total.holders == sum(len(p.holders) for p in org.positions)
    assert stats.total.vacancies == sum(p.vacancies for p in org.positions)
    assert sum(u.own.seats for u in stats.units) == stats.total.seats
    root = next(u for u in stats.units if u.depth == 0)
    assert root.total == stats.total
    assert stats.layers == graph.max_layers
    assert sum(f.positions for f in stats.per_layer.values()) == len(org.positions)
    assert [d.id for d in stats.dual] == graph.dual_positions
    inferred = infer_archetype(org, graph)
    assert stats.archetype.inferred == inferred.archetype in ARCHETYPES
    assert stats.archetype.declared == org.archetype
    assert stats.archetype.scores == inferred.scores


def test_matrix_dual_reporting() -> None:
    data = stats_json(MATRIX)
    dual = {d["id"]: (d["solid"], d["dotted"]) for d in data["dual_reporting"]}
    assert dual == {
        "lipstick-mkt": ("lipstick-head", ["brand-director"]),
        "skincare-mkt": ("skincare-head", ["brand-director"]),
        "fragrance-mkt": ("fragrance-head", ["brand-director"]),
    }
    assert data["archetype"]["declared"] == "matrix"


def test_hand_made_org(tmp_path: Path) -> None:
    data = stats_json(write(tmp_path, HAND_MADE))
    total = data["total"]
    assert (total["seats"], total["headcount"], total["vacancies"]) == (18, 4, 14)
    assert total["cost"] == 150.5 and total["uncosted_seats"] == 16
    units = {u["id"]: u for u in data["units"]}
    assert units[NO_UNIT]["total"]["seats"] == 2  # the floater has no unit
    assert units["ops"]["total"]["seats"] == 15
    outside = {o["id"]: (o["span"], o["side"]) for o in data["span_of_control"]["outside_range"]}
    assert outside == {"coo": (14, "above")}
    assert data["span_of_control"]["distribution"] == {"3": 1, "14": 1}
    raci = {p["id"]: (p["A"], p["R"], p["C"]) for p in data["raci_load"]["positions"]}
    assert raci == {"coo": (2, 1, 0), "ops-team": (0, 1, 0), "floater": (0, 1, 0), "ceo": (0, 0, 1)}


def test_configured_span_range_and_raci_maximum(tmp_path: Path) -> None:
    org = write(tmp_path, HAND_MADE)
    write(
        tmp_path,
        "[options.ORG106]\nmin = 4\nmax = 20\n[options.RACI206]\nmax = 1\n",
        ".orgdesign.toml",
    )
    data = stats_json(org, "--config", str(tmp_path / ".orgdesign.toml"))
    span = data["span_of_control"]
    assert span["range"] == {"min": 4, "max": 20}
    assert {o["id"]: o["side"] for o in span["outside_range"]} == {"ceo": "below"}
    overloaded = [p["id"] for p in data["raci_load"]["positions"] if p["overloaded"]]
    assert overloaded == ["coo"]


def test_csv_is_one_figure_per_row(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(LEAN), "-f", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert set(rows[0]) == {"section", "id", "name", "metric", "value"}
    value = {(r["section"], r["id"], r["metric"]): r["value"] for r in rows}
    assert value[("total", "qingye-tea", "seats")] == "7"
    assert value[("unit", "marketing-sales", "cost")] == "828000"
    assert value[("manager", "mkt-lead", "span")] == "4"
    assert value[("raci", "mkt-lead", "A")] == "14"
    assert value[("archetype", "", "declared")] == "lean"


def test_markdown_and_table(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_MADE)
    md = runner.invoke(app, ["stats", str(path), "-f", "md", "-o", str(tmp_path / "s.md")])
    assert md.exit_code == 0
    text = (tmp_path / "s.md").read_text("utf-8")
    assert text.startswith("# T \\| Co: figures")  # the pipe cannot break the tables
    for heading in ("## Total", "## Per unit", "## Layers", "## Span of control", "## Archetype"):
        assert heading in text
    assert "- COO (coo): 14, above the range" in text
    table = runner.invoke(app, ["stats", str(MATRIX)], env={"COLUMNS": "160"})
    assert table.exit_code == 0
    for fragment in ("Group Brand Department", "Span of control", "Dual reporting", "RACI load"):
        assert fragment in table.stdout


def test_lang_labels() -> None:
    org = load(MATRIX)
    stats = compute_stats(org, lang="zh")
    assert stats.name == "丽美美妆集团"
    assert "集团品牌部" in {u.name for u in stats.units}
    assert stats.dual[0].title == "口红产品线市场经理"
    assert "首席营销官" in {r.title for r in stats.raci}
    assert "丽美美妆集团" in render_markdown(stats)


def test_usage_and_input_errors(tmp_path: Path) -> None:
    assert runner.invoke(app, ["stats", str(tmp_path / "missing.yaml")]).exit_code == 1
    bad = write(tmp_path, "orgdesign: 1\norganization: [\n", "bad.yaml")
    assert runner.invoke(app, ["stats", str(bad)]).exit_code == 1
    assert runner.invoke(app, ["stats", str(LEAN), "-f", "xml"]).exit_code == 2
    result = runner.invoke(app, ["stats", str(LEAN), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "--format json, csv or md" in result.stderr
    assert not (tmp_path / "x.txt").exists()


FUNCTIONAL = REPO / "sample_orgs" / "functional.yaml"


@pytest.mark.parametrize("lang", ["zh", "zh-CN", "ZH", "zh_Hans"])
def test_markdown_in_chinese(lang: str) -> None:
    result = runner.invoke(app, ["stats", str(FUNCTIONAL), "--lang", lang, "-f", "md"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# 禾丰食品：组织数据\n")
    for heading in ("## 总计", "## 各部门（含下级部门）", "## 层级", "## 管理幅度", "## 组织原型"):
        assert f"\n{heading}\n" in text
    assert "| 岗位数 | 编制 | 在岗 | 空缺 | 空缺率 | 成本 |" in text
    assert "共 4 个层级。" in text
    assert "没有双线汇报的岗位。" in text
    for english in ("Per unit", "Total", "Layers", "Span of control", "vacancies", "Inferred"):
        assert english not in text


def test_other_languages_fall_back_to_english() -> None:
    english = runner.invoke(app, ["stats", str(FUNCTIONAL), "-f", "md"]).stdout
    assert "## Per unit (including sub-units)" in english
    for lang in ("en", "fr", "zhx"):
        result = runner.invoke(app, ["stats", str(FUNCTIONAL), "--lang", lang, "-f", "md"])
        assert result.stdout == english


def test_csv_and_table_in_chinese(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_MADE)
    result = runner.invoke(app, ["stats", str(path), "--lang", "zh-CN", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["类别", "编号", "名称", "指标", "数值"]
    assert ["总计", "t", "T | Co", "编制", "18"] in rows
    assert ["管理者", "coo", "COO", "超出范围", "高于"] in rows
    assert rows[-4][:4] == ["原型得分", "", "", "lean"]
    table = runner.invoke(app, ["stats", str(path), "--lang", "zh"])
    assert table.exit_code == 0, table.output
    for word in ("各部门（含下级部门）", "编制", "管理幅度", "双线汇报", "RACI 负荷", "组织原型"):
        assert word in table.stdout
    for english in ("per unit", "Layers", "Dual reporting", "Archetype"):
        assert english not in table.stdout


SEVERAL_SEATS = (
    "orgdesign: 1\norganization: {id: k, name: K}\npositions:\n"
    "  - {id: chair, title: Chair, holders: [{name: Ann Lee, id: '7'}, Bo Chan]}\n"
    "  - {id: docs-lead, title: Docs Lead, reports_to: chair,"
    " holders: [{name: Ann Lee, id: '7'}]}\n"
    "  - {id: node-lead, title: Node Lead, reports_to: chair, holders: [bo  chan]}\n"
    "  - {id: apps-lead, title: Apps Lead, reports_to: chair, holders: [Cy]}\n"
)


@pytest.mark.parametrize("lang", [None, "zh"])
def test_people_in_several_seats_in_every_format(tmp_path: Path, lang: str | None) -> None:
    """Issue 15: the people holding several seats are in the text and Markdown too."""
    path = write(tmp_path, SEVERAL_SEATS)
    extra = ["--lang", lang] if lang else []
    md = runner.invoke(app, ["stats", str(path), "-f", "md", *extra])
    table = runner.invoke(app, ["stats", str(path), *extra])
    csv_out = runner.invoke(app, ["stats", str(path), "-f", "csv", *extra])
    assert md.exit_code == table.exit_code == csv_out.exit_code == 0, md.output
    heading = "## 一人多岗" if lang else "## People in several seats"
    count = "在多个岗位任职的人数：2。" if lang else "People holding seats in several positions: 2."
    assert heading in md.stdout and count in md.stdout
    assert "| Ann Lee | 7 | chair, docs-lead |" in md.stdout
    assert "| Bo Chan |  | chair, node-lead |" in md.stdout
    assert "Cy" not in md.stdout.split(heading)[1].split("##")[0]
    flat = " ".join(table.stdout.split())
    assert count in flat and "Ann Lee │ 7 │ chair, docs-lead" in flat
    rows = list(csv.reader(io.StringIO(csv_out.stdout)))
    held = "所任岗位" if lang else "positions_held"
    assert [r[1:] for r in rows if r[3] == held] == [
        ["7", "Ann Lee", held, "chair;docs-lead"],
        ["", "Bo Chan", held, "chair;node-lead"],
    ]
    data = stats_json(path)["people_in_several_seats"]
    assert data["count"] == 2


def test_nobody_in_several_seats_is_said(tmp_path: Path) -> None:
    path = write(tmp_path, SEVERAL_SEATS.replace("holders: [bo  chan]", "holders: [Di]"))
    md = runner.invoke(app, ["stats", str(path), "-f", "md"]).stdout
    assert "People holding seats in several positions: 1." in md
    solo = write(
        tmp_path, "orgdesign: 1\npositions:\n  - {id: a, title: A, holders: [X]}\n", "s.yaml"
    )
    assert (
        "Nobody holds seats in several positions."
        in runner.invoke(app, ["stats", str(solo), "-f", "md"]).stdout
    )
