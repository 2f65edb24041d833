"""`recommend`: the archetype a business profile calls for, traced to the seed brief; the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import REPO
from orgdesign.analysis.recommend import (
    TRANSITIONS,
    as_dict,
    as_text,
    compare,
    merge_profile,
    recommend,
)
from orgdesign.assemble.graph import OrgGraph
from orgdesign.assemble.project import assemble
from orgdesign.cli.app import app
from orgdesign.model import Org, Profile

runner = CliRunner()
SAMPLES = REPO / "sample_orgs"

# Each business profile, the archetype it must get, the sentence of the seed brief
# (shared/domain/seed-brief.md, document 000 section II) it is traced to, and a
# fragment the recommendation's reasons must carry.
PROFILES: list[tuple[str, dict[str, Any], str, str, str]] = [
    (
        "local-tea-shop",
        {"categories": 1, "regions": 1, "customer_segments": 1, "budget": "small"},
        "lean",
        "lean: single business (one category, local service), small budget, survival and "
        "model validation",
        "survival and model validation",
    ),
    (
        "single-category-with-means",
        {"categories": 1, "regions": 1, "customer_segments": 1, "budget": "medium"},
        "functional",
        "business complexity: single category -> functional",
        '"single category -> functional"',
    ),
    (
        "snacks-expanding-to-a-second-region",
        {"categories": 2, "regions": 2, "customer_segments": 1, "budget": "medium"},
        "functional",
        "functional fits some scale: several categories, regional expansion",
        "several categories and a regional expansion",
    ),
    (
        "beauty-group-similar-lines",
        {
            "categories": 3,
            "regions": 3,
            "customer_segments": 3,
            "unit_similarity": "similar",
            "budget": "large",
        },
        "matrix",
        "matrix fits many categories, regions, customer groups; strength: reuse of shared assets",
        "reuses shared assets",
    ),
    (
        "many-categories-one-market",
        {"categories": 6, "regions": 1, "customer_segments": 1, "unit_similarity": "similar"},
        "matrix",
        "many categories / regions -> matrix or divisional",
        '"many categories / regions"',
    ),
    (
        "consumer-electronics-and-industrial-software",
        {
            "categories": 2,
            "regions": 1,
            "customer_segments": 2,
            "unit_similarity": "different",
            "budget": "large",
        },
        "divisional",
        "divisional fits very different units (consumer electronics vs industrial software), "
        "need for independent fast decisions",
        "consumer electronics vs industrial software",
    ),
    (
        "appliance-brands-for-different-buyers",
        {
            "categories": 6,
            "regions": 4,
            "customer_segments": 2,
            "unit_similarity": "different",
            "budget": "large",
        },
        "divisional",
        "many categories / regions -> matrix or divisional; divisional when units differ a lot "
        "(Haier's Casarte and Leader)",
        "independent, fast decisions",
    ),
    (
        "regional-markets-run-differently",
        {"categories": 1, "regions": 5, "customer_segments": 1, "unit_similarity": "different"},
        "divisional",
        "divisional: each business unit (product line, regional market) has its own complete "
        "marketing team",
        "differ a lot",
    ),
    (
        "complex-but-small-budget",
        {
            "categories": 4,
            "regions": 3,
            "customer_segments": 3,
            "unit_similarity": "similar",
            "budget": "small",
        },
        "functional",
        "matrix and divisional are the large group's designs (大型企业/集团); lean and "
        "functional the small and mid-size company's",
        "designs for large groups",
    ),
]


@pytest.mark.parametrize(
    ("profile", "expected", "sentence", "fragment"),
    [pytest.param(*row[1:], id=row[0]) for row in PROFILES],
)
def test_profile_gets_its_archetype(
    profile: dict[str, Any], expected: str, sentence: str, fragment: str
) -> None:
    rec = recommend(Profile.model_validate(profile))
    assert rec.archetype == expected, (sentence, rec.reasons)
    assert any(fragment in reason for reason in rec.reasons), rec.reasons
    assert rec.strengths and rec.risks and all(r.manage for r in rec.risks)


def test_the_table_covers_every_archetype() -> None:
    assert len(PROFILES) >= 8
    assert {row[2] for row in PROFILES} == {"lean", "functional", "matrix", "divisional"}


@pytest.mark.parametrize("name", ["lean", "functional", "matrix", "divisional"])
def test_each_sample_profile_recommends_its_own_archetype(name: str) -> None:
    org = assemble(SAMPLES / f"{name}.yaml").org
    assert org.organization is not None and org.organization.profile is not None
    assert recommend(org.organization.profile).archetype == name


def test_missing_values_are_assumed_and_said() -> None:
    rec = recommend(Profile())
    assert rec.archetype == "lean"
    assert any("categories not given" in a for a in rec.assumptions)
    assert any("Budget not given" in a for a in rec.assumptions)
    matrix = recommend(Profile(categories=3, regions=3, customer_segments=3))
    assert matrix.archetype == "matrix"
    assert any("Unit similarity not given" in a for a in matrix.assumptions)


def test_risks_are_the_briefs() -> None:
    risks = {
        name: " ".join(r.risk for r in recommend(Profile.model_validate(p)).risks)
        for name, p in {
            "lean": {"budget": "small"},
            "functional": {"categories": 2},
            "matrix": {"categories": 4, "unit_similarity": "similar"},
            "divisional": {"categories": 4, "unit_similarity": "different"},
        }.items()
    }
    assert "no strategic view" in risks["lean"]
    assert "department walls" in risks["functional"]
    assert "decision friction" in risks["matrix"] and "brand drift" in risks["matrix"]
    assert "duplicated resources" in risks["divisional"]
    assert "brand consistency" in risks["divisional"]


@pytest.mark.parametrize(
    ("profile", "wanted"),
    [
        ({"digital_maturity": "high"}, {"digital-marketing-centre", "career-ladder"}),
        ({"digital_maturity": "medium"}, {"career-ladder"}),
        ({"third_party_reliance": "high"}, {"supplier-management-group", "career-ladder"}),
        (
            {"digital_maturity": "high", "third_party_reliance": "high"},
            {"digital-marketing-centre", "supplier-management-group", "career-ladder"},
        ),
        ({"third_party_reliance": "low", "digital_maturity": "low"}, {"career-ladder"}),
    ],
)
def test_structural_additions(profile: dict[str, Any], wanted: set[str]) -> None:
    rec = recommend(Profile.model_validate(profile))
    assert {a.id for a in rec.additions} == wanted
    names = {a.id: a.name_zh for a in rec.additions}
    assert names.get("digital-marketing-centre", "数字营销中心") == "数字营销中心"
    assert names.get("supplier-management-group", "供应商管理组") == "供应商管理组"


def test_merge_profile_options_win() -> None:
    base = Profile(categories=3, regions=2, budget="large")
    merged = merge_profile(base, {"categories": 1, "regions": None, "budget": "small"})
    assert (merged.categories, merged.regions, merged.budget) == (1, 2, "small")
    assert merge_profile(None, {"regions": 4}).regions == 4


# --- against a structure ---------------------------------------------------------------


def _sample(name: str) -> tuple[Org, OrgGraph]:
    org = assemble(SAMPLES / f"{name}.yaml").org
    return org, OrgGraph(org)


@pytest.mark.parametrize("name", ["lean", "functional", "matrix"])
def test_a_sample_needs_no_change_for_its_own_profile(name: str) -> None:
    org, graph = _sample(name)
    assert org.organization is not None and org.organization.profile is not None
    comparison = compare(org, graph, recommend(org.organization.profile))
    assert comparison.declared == name and comparison.current.archetype == name
    assert comparison.changes == []
    assert "nothing: the structure already has the shape" in as_text(
        recommend(org.organization.profile), comparison
    )


def test_lean_sample_growing_into_a_matrix() -> None:
    org, graph = _sample("lean")
    rec = recommend(Profile(categories=3, regions=3, customer_segments=2, digital_maturity="high"))
    assert rec.archetype == "matrix"
    changes = compare(org, graph, rec).changes
    messages = [c.message for c in changes]
    assert changes[0].line is not None and "declares `archetype: lean`" in messages[0]
    assert TRANSITIONS["matrix"] in messages
    assert any(
        "without dual reporting" in m and c.line for m, c in zip(messages, changes, strict=True)
    )
    assert not any("no group-level position is A for brand consistency" in m for m in messages)
    assert any(m.startswith("Add a digital marketing centre") for m in messages)


def test_divisional_sample_lacks_a_digital_centre_for_its_high_maturity() -> None:
    org, graph = _sample("divisional")
    assert org.organization is not None and org.organization.profile is not None
    changes = compare(org, graph, recommend(org.organization.profile)).changes
    assert [c.message.split(" (")[0] for c in changes] == ["Add a digital marketing centre"]


def test_supplier_group_is_found_by_its_accountable_position(tmp_path: Path) -> None:
    text = (SAMPLES / "functional.yaml").read_text(encoding="utf-8")
    org, graph = _sample("functional")
    rec = recommend(Profile(categories=2, regions=2, third_party_reliance="high"))
    assert rec.archetype == "functional"
    before = [c.message for c in compare(org, graph, rec).changes]
    assert any(m.startswith("Add a supplier management group") for m in before)
    path = tmp_path / "org.yaml"
    path.write_text(
        text.replace(
            "raci:\n",
            "raci:\n  - {responsibility: collaboration.supplier-management, A: campaign-lead, "
            "R: [campaign-planner]}\n",
            1,
        ),
        encoding="utf-8",
    )
    org2 = assemble(path).org
    after = [c.message for c in compare(org2, OrgGraph(org2), rec).changes]
    assert not any(m.startswith("Add a supplier management group") for m in after)


def test_as_dict_is_json_ready() -> None:
    org, graph = _sample("matrix")
    assert org.organization is not None and org.organization.profile is not None
    rec = recommend(org.organization.profile)
    data = json.loads(json.dumps(as_dict(rec, compare(org, graph, rec))))
    assert data["archetype"] == "matrix" and data["name_zh"] == "矩阵型"
    assert data["current"]["inferred"] == "matrix" and data["current"]["changes"] == []
    assert [a["id"] for a in data["additions"]] == ["digital-marketing-centre", "career-ladder"]
    assert as_dict(rec)["current"] is None


# --- the command line --------------------------------------------------------------------


def test_cli_recommend_from_a_file_as_json() -> None:
    result = runner.invoke(app, ["recommend", str(SAMPLES / "matrix.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["archetype"] == "matrix"
    assert data["profile"]["categories"] == 3
    assert data["current"]["declared"] == "matrix"


def test_cli_options_override_the_file_profile() -> None:
    path = str(SAMPLES / "matrix.yaml")
    result = runner.invoke(app, ["recommend", path, "--unit-similarity", "different"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Recommended archetype: divisional (事业部型)")
    assert "What would need to change:" in result.stdout
    assert TRANSITIONS["divisional"] in result.stdout


def test_cli_recommend_from_options_only() -> None:
    args = ["recommend", "--categories", "2", "--regions", "2", "--third-party-reliance", "high"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Recommended archetype: functional")
    assert "Supplier management group (供应商管理组)" in result.stdout
    assert "Current structure" not in result.stdout


def test_cli_recommend_usage_errors(tmp_path: Path) -> None:
    no_profile = tmp_path / "org.yaml"
    no_profile.write_text(
        "orgdesign: 1\norganization: {id: t, name: T}\npositions: [{id: ceo, title: CEO}]\n"
    )
    for args in (
        ["recommend"],
        ["recommend", "--categories", "-1"],
        ["recommend", "--budget", "huge"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    assert "no business profile" in runner.invoke(app, ["recommend"]).stderr
    # A file without a profile is read from its structure (issue 14, item 4).
    inferred = runner.invoke(app, ["recommend", str(no_profile)])
    assert inferred.exit_code == 0 and "Inferred from the structure" in inferred.stdout
    missing = runner.invoke(app, ["recommend", str(tmp_path / "missing.yaml")])
    assert missing.exit_code == 1 and "ORG001" in missing.stderr
    with_options = runner.invoke(app, ["recommend", str(no_profile), "--categories", "1"])
    assert with_options.exit_code == 0 and "lean (精简型)" in with_options.stdout


# --- Chinese (--lang zh) -----------------------------------------------------------------

# Each sample, its archetype's Chinese name and phrases of the Chinese seed document its
# recommendation must carry (reasons, strengths, risks and how to manage them).
ZH_SAMPLES: list[tuple[str, str, tuple[str, ...]]] = [
    ("lean", "精简型", ("决策链短", "事务性工作陷阱", "活下去+验证模式")),
    ("functional", "功能型", ("部门墙", "项目制管理", "专业能力纵深发展")),
    ("matrix", "矩阵型", ("决策内耗", "优先级规则", "资源复用", "品牌一致性")),
    ("divisional", "事业部型", ("资源重复投入", "集团品牌一致性难把控", "独立决策、快速试错")),
]


@pytest.mark.parametrize(("name", "name_zh", "phrases"), ZH_SAMPLES, ids=[r[0] for r in ZH_SAMPLES])
def test_cli_recommend_in_chinese(name: str, name_zh: str, phrases: tuple[str, ...]) -> None:
    result = runner.invoke(app, ["recommend", str(SAMPLES / f"{name}.yaml"), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"推荐架构：{name_zh}（{name}）")
    for phrase in (*phrases, "理由：", "优势：", "需要管理的挑战：", "项目制协作"):
        assert phrase in out, phrase
    assert "Why:" not in out and "Risks to manage" not in out
    assert f"无需调整：结构已具备{name_zh}组织的形态" in out or name == "divisional"


@pytest.mark.parametrize("tag", ["zh", "zh-CN", "ZH", "zh_Hans", "zh-Hans-CN"])
def test_every_chinese_tag_means_chinese(tag: str) -> None:
    result = runner.invoke(app, ["recommend", str(SAMPLES / "matrix.yaml"), "--lang", tag])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("推荐架构：矩阵型（matrix）")
    assert "优先级规则" in result.stdout


def test_english_is_the_default_and_en_tags_match_it() -> None:
    path = str(SAMPLES / "matrix.yaml")
    default = runner.invoke(app, ["recommend", path]).stdout
    assert default.startswith("Recommended archetype: matrix (矩阵型)")
    for tag in ("en", "EN", "en-GB", "en_US"):
        assert runner.invoke(app, ["recommend", path, "--lang", tag]).stdout == default


def test_cli_recommend_json_in_chinese() -> None:
    args = ["recommend", str(SAMPLES / "lean.yaml"), "--format", "json", "--lang", "zh-CN"]
    result = runner.invoke(app, [*args, "--categories", "4", "--third-party-reliance", "high"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["archetype"] == "functional" and data["name"] == data["name_zh"] == "功能型"
    assert "专业模块" in data["shape"]
    assert any("功能型" in reason for reason in data["reasons"])
    assert data["strengths"] == ["专业能力纵深发展", "跨组协作可覆盖复杂项目"]
    assert "部门墙" in data["risks"][0]["risk"] and "项目" in data["risks"][0]["manage"]
    assert [a["id"] for a in data["additions"]] == ["supplier-management-group", "career-ladder"]
    assert (
        data["additions"][0]["name"] == "供应商管理组" and "第三方" in data["additions"][0]["why"]
    )
    assert data["mechanisms"][0].startswith("项目制协作")
    changes = [c["message"] for c in data["current"]["changes"]]
    assert "文件声明了 `archetype: lean`" in changes[0]
    assert any("功能型组织在一位营销负责人之下没有专业小组" in m for m in changes)
    assert any(m.startswith("强化供应商管理组") for m in changes)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in changes)


def test_chinese_assumptions_and_gaps() -> None:
    rec = recommend(Profile(), "zh")
    assert rec.archetype == "lean" and rec.lang == "zh"
    assert "未给出品类数量：按 1 计。" in rec.assumptions
    assert any(a.startswith("未给出预算") for a in rec.assumptions)
    org, graph = _sample("lean")
    matrix = recommend(Profile(categories=3, regions=3, customer_segments=2), "zh")
    text = as_text(matrix, compare(org, graph, matrix))
    assert "推荐架构：矩阵型（matrix）" in text and "未给出业务单元的相似度" in text
    assert "矩阵型组织没有双重汇报" in text and "当前架构需要做出的调整：" in text
    org, graph = _sample("divisional")
    div = recommend(
        Profile(categories=3, unit_similarity="different", digital_maturity="high"), "zh"
    )
    assert compare(org, graph, div).changes[-1].message.startswith("增设数字营销中心")


def test_validate_messages_stay_english() -> None:
    org, graph = _sample("lean")
    rec = recommend(Profile(categories=3, regions=3, customer_segments=2), "zh")
    assert recommend(Profile(categories=3, regions=3, customer_segments=2)).reasons != rec.reasons
    english = compare(org, graph, recommend(Profile(categories=3, regions=3, customer_segments=2)))
    assert any(
        c.message.startswith("matrix organisation without dual reporting") for c in english.changes
    )


@pytest.mark.parametrize("tag", ["fr", "de-DE", "klingon", ""])
def test_cli_recommend_unknown_language(tag: str) -> None:
    result = runner.invoke(app, ["recommend", "--categories", "2", "--lang", tag])
    assert result.exit_code == 2, result.output
    assert f"unknown language {tag!r}" in result.stderr and "en, zh" in result.stderr
    assert "Traceback" not in result.output


# --- issue 14, item 4: a profile from the structure, scaled to the team --------------------------


def _matrix_without_profile(tmp_path: Path) -> Path:
    text = (SAMPLES / "matrix.yaml").read_text(encoding="utf-8")
    start, end = text.index("  profile:"), text.index("catalogs:")
    path = tmp_path / "org.yaml"
    path.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    return path


def _with_regions(path: Path) -> Path:
    text = path.read_text(encoding="utf-8").replace(
        "positions:\n",
        "  - {id: r-cn, name: Mainland China, type: region, parent: group}\n"
        "  - {id: r-hk, name: Hong Kong, type: region, parent: group}\n"
        "  - {id: r-sea, name: South-East Asia, type: region, parent: group}\n"
        "\npositions:\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    return path


def recommend_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["recommend", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_profile_is_inferred_from_product_lines_and_regions(tmp_path: Path) -> None:
    path = _with_regions(_matrix_without_profile(tmp_path))
    data = recommend_json(str(path))
    assert data["profile"]["categories"] == 3 and data["profile"]["regions"] == 3
    # The same decision as the profile written out by hand.
    explicit = recommend_json("--categories", "3", "--regions", "3", "--digital-maturity", "high")
    assert data["archetype"] == explicit["archetype"]
    with_segments = recommend_json(str(path), "--segments", "2")
    assert with_segments["archetype"] == "matrix"
    assert any("Lipstick Line" in line for line in data["inferred"])
    assert any("Hong Kong" in line for line in data["inferred"])


def test_options_override_the_inferred_profile(tmp_path: Path) -> None:
    path = _with_regions(_matrix_without_profile(tmp_path))
    data = recommend_json(str(path), "--unit-similarity", "different")
    assert data["archetype"] == "divisional"
    data = recommend_json(str(path), "--categories", "1", "--regions", "1")
    assert data["profile"]["categories"] == 1
    assert not any(line.startswith("categories") for line in data["inferred"])


def test_additions_the_file_already_has_are_not_proposed(tmp_path: Path) -> None:
    data = recommend_json(str(SAMPLES / "matrix.yaml"))
    centre = next(a for a in data["additions"] if a["id"] == "digital-marketing-centre")
    assert centre["present"] == "Digital Marketing Centre (digital-centre)"
    messages = [c["message"] for c in data["current"]["changes"]]
    assert not any("Add a digital marketing centre" in m for m in messages)


def test_a_career_path_in_the_file_is_the_career_ladder_already_there(tmp_path: Path) -> None:
    data = recommend_json(str(SAMPLES / "lean.yaml"))
    ladder = next(a for a in data["additions"] if a["id"] == "career-ladder")
    assert ladder["present"] is None, "lean.yaml writes no career_path"
    text = (SAMPLES / "lean.yaml").read_text(encoding="utf-8")
    start = text.index("\n  - id: ", text.index("positions:"))
    line_end = text.index("\n", text.index("    title:", start)) + 1
    path = tmp_path / "org.yaml"
    path.write_text(text[:line_end] + "    career_path: [manager, head]\n" + text[line_end:])
    ladder = next(a for a in recommend_json(str(path))["additions"] if a["id"] == "career-ladder")
    assert ladder["present"] is not None and ladder["present"].endswith(")")


def test_a_two_person_team_with_heavy_outsourcing_stays_lean_with_owners(tmp_path: Path) -> None:
    path = tmp_path / "duo.yaml"
    path.write_text(
        "orgdesign: 1\norganization:\n  id: duo\n  name: Duo\n"
        "  profile: {categories: 4, regions: 4, customer_segments: 3, digital_maturity: high,\n"
        "            third_party_reliance: high, budget: large}\n"
        "units: [{id: co, name: Duo, type: company, head: owner}]\n"
        "positions:\n  - {id: owner, title: Owner, unit: co, holders: [A]}\n"
        "  - {id: marketer, title: Marketer, unit: co, reports_to: owner, holders: [B]}\n",
        encoding="utf-8",
    )
    data = recommend_json(str(path))
    assert data["team_size"] == 2
    assert data["archetype"] == "lean"
    ids = [a["id"] for a in data["additions"]]
    assert "digital-marketing-centre" not in ids and "supplier-management-group" not in ids
    assert "digital-owner" in ids and "supplier-owner" in ids
    assert any("team of 2" in r for r in data["reasons"])
    # --team-size overrides what the file shows.
    assert recommend_json(str(path), "--team-size", "40")["archetype"] == "matrix"


def test_a_contradictory_profile_is_warned_about() -> None:
    data = recommend_json("--categories", "1", "--unit-similarity", "different")
    assert any("1 category with very different business units" in w for w in data["warnings"])


def test_a_profile_at_odds_with_the_file_is_warned_about(tmp_path: Path) -> None:
    path = _matrix_without_profile(tmp_path)
    data = recommend_json(str(path), "--categories", "1")
    assert any("the file has 3 such units" in w for w in data["warnings"])


def test_chinese_translates_profile_keys_and_unit_names(tmp_path: Path) -> None:
    path = _matrix_without_profile(tmp_path)
    result = runner.invoke(app, ["recommend", str(path), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    profile_line = next(x for x in result.stdout.splitlines() if x.startswith("业务画像"))
    assert "品类数：3" in profile_line and "数字化成熟度：高" in profile_line
    assert "categories" not in profile_line
    assert "口红产品线" in result.stdout and "Lipstick Line" not in result.stdout
