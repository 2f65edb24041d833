"""The CMO role card carries all of seed document 002 (issue 14, item 6).

Roles, competencies, work methods, evaluation and career path: the position's own
`roles`, `competencies` and `career_path`, or the catalogue's defaults for the head
of marketing; rendered in every card format (on the card data for the Word writer).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org, json_schema
from orgdesign.output.documents.cards import role_card
from orgdesign.output.documents.roles import card_files, render_card

SAMPLES = Path(__file__).parent.parent / "sample_orgs"
HEAD = "mkt-director"  # A for the leadership.* duties of builtin:marketing in functional.yaml


def load(path: Path) -> tuple[Org, OrgGraph]:
    org, _ = api.load_org(path, path.name)
    assert org is not None
    return org, OrgGraph(org)


def text_of(org: Org, graph: OrgGraph, pid: str, fmt: str, lang: str | None = None) -> str:
    return render_card(org, role_card(org, graph, pid, lang), fmt, card_files(org, fmt), lang)


def test_head_of_marketing_gets_document_002s_profile() -> None:
    org, graph = load(SAMPLES / "functional.yaml")
    profile = role_card(org, graph, HEAD)["profile"]
    assert profile["roles"] == [
        "strategic decision-maker",
        "resource integrator",
        "team leader",
        "market innovator",
    ]
    assert len(profile["competencies"]) == 6
    assert all(len(c["items"]) == 3 for c in profile["competencies"])
    methods = [m["name"] for m in profile["work_methods"]]
    assert methods[0] == "Goal cascade" and "Alert thresholds on live metrics" in methods
    assert "Standard processes with an owner and a time limit" in methods
    assert "Opportunity-resource-risk scoring" in methods
    assert [e["name"] for e in profile["evaluation"]][:3] == [
        "Business results",
        "Process efficiency",
        "Strategic alignment",
    ]
    assert profile["career_path"] == [
        "junior marketing manager",
        "marketing director",
        "marketing VP",
    ]
    assert set(profile["sources"].values()) == {"catalogue"}
    json.dumps(profile)  # the card stays JSON for every writer


def test_every_format_renders_the_profile() -> None:
    org, graph = load(SAMPLES / "functional.yaml")
    md = text_of(org, graph, HEAD, "md")
    html = text_of(org, graph, HEAD, "html")
    for text in (md, html):
        for fragment in (
            "strategic decision-maker",
            "Risk control and compliance",
            "Goal cascade",
            "Strategic alignment",
            "junior marketing manager",
            "marketing VP",
        ):
            assert fragment in text, fragment
    assert "## Career path" in md and "1. junior marketing manager" in md
    assert '<ol class="career"><li>junior marketing manager</li>' in html
    zh = text_of(org, graph, HEAD, "html", "zh")
    assert "战略决策者" in zh and "职业发展路径" in zh and "初阶营销管理者" in zh


def test_a_position_own_fields_win_and_others_get_nothing(tmp_path: Path) -> None:
    text = (SAMPLES / "functional.yaml").read_text(encoding="utf-8")
    own = (
        "    roles: [brand guardian]\n"
        "    competencies: [visual judgement, copywriting]\n"
        "    career_path: [designer, brand lead, brand director]\n"
    )
    marker = "  - id: brand-lead\n"
    assert marker in text
    start = text.index(marker)
    line_end = text.index("\n", text.index("    title:", start)) + 1
    path = tmp_path / "org.yaml"
    path.write_text(text[:line_end] + own + text[line_end:], encoding="utf-8")
    org, graph = load(path)
    profile = role_card(org, graph, "brand-lead")["profile"]
    assert profile["roles"] == ["brand guardian"]
    assert [c["name"] for c in profile["competencies"]] == ["visual judgement", "copywriting"]
    assert profile["career_path"] == ["designer", "brand lead", "brand director"]
    assert profile["work_methods"] == [] and profile["evaluation"] == []
    md = text_of(org, graph, "brand-lead", "md")
    assert "brand guardian" in md and "3. brand director" in md
    assert "the built-in role profile" not in md
    other = role_card(org, graph, "data-analyst")["profile"]
    assert other["roles"] == [] and other["competencies"] == [] and other["career_path"] == []
    assert "## Competencies" not in text_of(org, graph, "data-analyst", "md")


def _with_own_profile(tmp_path: Path, pid: str) -> Path:
    text = (SAMPLES / "functional.yaml").read_text(encoding="utf-8")
    own = (
        "    roles: [strategic decision-maker]\n"
        "    competencies: [strategic thinking]\n"
        "    career_path: [marketing manager, CMO]\n"
    )
    start = text.index(f"  - id: {pid}\n")
    line_end = text.index("\n", text.index("    title:", start)) + 1
    path = tmp_path / "org.yaml"
    path.write_text(text[:line_end] + own + text[line_end:], encoding="utf-8")
    return path


def test_the_defaults_note_names_only_the_sections_that_are_defaults(tmp_path: Path) -> None:
    """A head of marketing who wrote roles, competencies and a career path is not asked to."""
    org, graph = load(SAMPLES / "functional.yaml")
    note = role_card(org, graph, HEAD)["profile"]["catalogue_note"]
    assert note.startswith("Roles, Competencies, Work methods, Evaluation, Career path: defaults")
    assert note.endswith("Set roles, competencies, career_path on the position to replace them.")
    org, graph = load(_with_own_profile(tmp_path, HEAD))
    md = text_of(org, graph, HEAD, "md")
    assert "_Work methods, Evaluation: defaults of the head of marketing" in md
    assert "Set " not in role_card(org, graph, HEAD)["profile"]["catalogue_note"]
    zh = role_card(org, graph, HEAD, "zh")["profile"]["catalogue_note"]
    assert zh == "工作方法与工具、绩效评估与持续改进：营销总岗位的目录默认内容（内置岗位档案）。"


def test_default_texts_are_english_and_chinese_pairs() -> None:
    raw = resources.files("orgdesign").joinpath("catalogs", "roles", "head-of-marketing.yaml")
    data = yaml.safe_load(raw.read_text(encoding="utf-8"))

    def pairs(node: Any) -> list[dict[str, str]]:
        if isinstance(node, dict) and set(node) <= {"en", "zh"}:
            return [node]
        if isinstance(node, dict):
            return [p for v in node.values() for p in pairs(v)]
        if isinstance(node, list):
            return [p for v in node for p in pairs(v)]
        raise AssertionError(f"unexpected value {node!r}")

    found = pairs(data)
    assert len(found) > 40
    for pair in found:
        assert set(pair) == {"en", "zh"} and all(isinstance(v, str) and v for v in pair.values())


def test_schema_describes_the_new_optional_fields() -> None:
    defs = json_schema()["$defs"]
    position = defs["Position"]["properties"]
    for key in ("roles", "competencies", "career_path"):
        assert position[key]["type"] == "array" and position[key]["description"]
    assert "function" in defs["Unit"]["properties"]
    assert "function" in defs["Organization"]["properties"]


def test_the_word_card_carries_the_profile_too() -> None:
    import io

    import docx

    from orgdesign.load.theme import DEFAULT_THEME
    from orgdesign.output.documents.roles import docx_documents

    org, graph = load(SAMPLES / "functional.yaml")
    blob = docx_documents(org, graph, None, DEFAULT_THEME)[f"{HEAD}.docx"]
    paragraphs = [p.text for p in docx.Document(io.BytesIO(blob)).paragraphs]
    text = "\n".join(paragraphs)
    for heading in ("Competencies", "Work methods", "Evaluation", "Career path"):
        assert heading in paragraphs, heading
    for fragment in ("strategic decision-maker", "Goal cascade", "marketing VP"):
        assert fragment in text, fragment
    assert "junior marketing manager → " in text
