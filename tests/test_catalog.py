"""`orgdesign catalog`: the built-in responsibility ids are discoverable (issue 14, item 7)."""

from __future__ import annotations

import json
from importlib import resources

import yaml
from typer.testing import CliRunner

from orgdesign.cli.app import app

runner = CliRunner()


def builtin_leaves() -> dict[str, dict[str, object]]:
    text = resources.files("orgdesign").joinpath("catalogs", "marketing.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {
        leaf["id"]: {**leaf, "area": top["id"]}
        for top in data["responsibilities"]
        for leaf in top["children"]
    }


def test_json_lists_every_builtin_id_with_area_stage_required_and_kpis() -> None:
    result = runner.invoke(app, ["catalog", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["catalog"] == "builtin:marketing"
    rows = {r["id"]: r for r in data["responsibilities"]}
    leaves = builtin_leaves()
    assert set(rows) == set(leaves)
    for rid, leaf in leaves.items():
        assert rows[rid]["area"] == leaf["area"]
        assert rows[rid]["stage"] == leaf.get("stage")
        assert rows[rid]["required"] == leaf.get("required", False)
        assert [k["id"] for k in rows[rid]["kpis"]] == leaf.get("kpis", [])


def test_chinese_markdown_uses_catalogue_names() -> None:
    result = runner.invoke(app, ["catalog", "--lang", "zh", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "| `insight.customer-research` | 用户需求调研 | 市场洞察与战略锚定 | 调研 | 是 |" in (
        result.stdout
    )
    assert "`catalogs: [builtin:marketing]`" in result.stdout


def test_text_marks_required_and_names_areas() -> None:
    result = runner.invoke(app, ["catalog"])
    assert result.exit_code == 0
    assert "  * insight.customer-research  Customer research" in result.stdout
    assert "    insight.macro-environment  Macro-environment watch" in result.stdout
    assert "Market insight & strategic anchoring (insight)" in result.stdout


def test_unknown_catalogue_and_language_exit_2() -> None:
    assert runner.invoke(app, ["catalog", "nosuch"]).exit_code == 2
    assert runner.invoke(app, ["catalog", "--lang", "fr"]).exit_code == 2
    assert runner.invoke(app, ["catalog", "builtin:marketing"]).exit_code == 0


def test_schema_descriptions_point_to_the_catalog_command() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.stdout.count("orgdesign catalog") >= 2
