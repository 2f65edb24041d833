"""`orgdesign roles`: role-card data (`render.cards.role_card`), the documents and the command.

The golden role cards live in tests/golden/roles/; their input is the organisation
of the RACI golden files, tests/golden/raci/org.yaml. After an intended change of
the output, regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_roles.py

and read the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import check_golden
from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.model import Org, Position
from orgdesign.output.documents.cards import role_card
from orgdesign.output.documents.roles import (
    MARKER,
    OutputDirError,
    card_files,
    render_card,
    role_documents,
    write_roles,
)

GOLDEN = Path(__file__).parent / "golden" / "roles"
GOLDEN_ORG = Path(__file__).parent / "golden" / "raci" / "org.yaml"
SAMPLES = Path(__file__).parent.parent / "sample_orgs"
runner = CliRunner()


def load(path: Path) -> tuple[Org, OrgGraph]:
    org, _ = api.load_org(path, path.name)
    assert org is not None
    return org, OrgGraph(org)


@pytest.fixture(scope="module")
def golden() -> tuple[Org, OrgGraph]:
    return load(GOLDEN_ORG)


def card_text(org: Org, graph: OrgGraph, pid: str, fmt: str, lang: str | None = None) -> str:
    card = role_card(org, graph, pid, lang)
    return render_card(org, card, fmt, card_files(org, fmt), lang)


# --- golden files ---------------------------------------------------------------------------


def test_head_of_marketing_card_golden(golden: tuple[Org, OrgGraph]) -> None:
    check_golden(GOLDEN / "cmo.md", card_text(*golden, "cmo", "md"))


def test_dual_reporting_card_golden(golden: tuple[Org, OrgGraph]) -> None:
    check_golden(GOLDEN / "north-mkt.md", card_text(*golden, "north-mkt", "md"))


def test_chinese_card_golden(golden: tuple[Org, OrgGraph]) -> None:
    check_golden(GOLDEN / "cmo.zh.md", card_text(*golden, "cmo", "md", "zh"))


# --- the data -------------------------------------------------------------------------------


def test_card_is_json_serialisable_for_every_position(golden: tuple[Org, OrgGraph]) -> None:
    org, graph = golden
    for pos in org.positions:
        card = role_card(org, graph, pos.id, "zh")
        assert json.loads(json.dumps(card)) == card


def test_card_reporting_lines_and_priority_rule(golden: tuple[Org, OrgGraph]) -> None:
    card = role_card(*golden, "north-mkt")
    assert card["title"] == "North Marketing Manager"
    assert card["unit"]["name"] == "North Line"
    assert card["reports_to"]["id"] == "north-gm"
    [line] = card["dotted_lines"]
    assert line["manager"]["id"] == "brand-lead"
    assert [d["id"] for d in line["decides"]] == ["brand"]
    assert line["escalation"]["id"] == "ceo"
    [rule] = card["priority_rules"]
    decided = {
        row["domain"]["id"]: (row["decider"], [b["id"] for b in row["by"]])
        for row in rule["decisions"]
    }
    assert decided == {
        "results": ("solid", ["north-gm"]),
        "brand": ("dotted", ["brand-lead"]),
        "people": ("undecided", []),
    }
    assert card["holders"] == [] and card["vacancies"] == 1


def test_card_responsibilities_by_letter_and_area(golden: tuple[Org, OrgGraph]) -> None:
    card = role_card(*golden, "brand-lead")
    letters = [g["letter"] for g in card["responsibilities"]]
    assert letters == ["A", "R", "C"]
    accountable = card["responsibilities"][0]
    assert [a["id"] for a in accountable["areas"]] == ["brand", "leadership"]
    consulted = card["responsibilities"][2]["areas"][0]["items"][0]
    assert consulted["id"] == "campaigns.planning"
    assert consulted["scope"]["id"] == "north"
    assert [k["id"] for k in consulted["kpis"]] == ["conversion-rate", "gmv"]
    # Brand lead is the manager on the dotted line of north-mkt, and its arbiter is the CEO.
    assert [r["id"] for r in card["dotted_reports"]] == ["north-mkt"]
    assert role_card(*golden, "ceo")["arbitrates"][0]["positions"][0]["id"] == "north-mkt"


def test_card_dimensions_for_the_head_of_marketing(golden: tuple[Org, OrgGraph]) -> None:
    card = role_card(*golden, "cmo")
    dims = card["dimensions"]
    ids = [d["id"] for d in dims]
    assert ids[:4] == ["strategy", "team", "insight", "brand"]
    assert ids[4:] == ["sales", "budget", "risk"]
    assert [i["id"] for i in dims[0]["items"]] == ["lead.strategy"]
    assert dims[0]["items"][0]["letters"] == ["A", "R"]
    assert dims[4]["items"] == [] and dims[4]["elsewhere"] == []
    assert dims[6]["elsewhere"][0]["accountable"][0]["id"] == "brand-lead"
    # Positions without leadership duties get no dimension section.
    assert role_card(*golden, "designer")["dimensions"] == []


def test_card_kpis_positioning_projects(golden: tuple[Org, OrgGraph]) -> None:
    card = role_card(*golden, "cmo")
    families = {f["id"]: [k["id"] for k in f["kpis"]] for f in card["kpis"]}
    assert families["results"][:2] == ["sales-growth", "market-share"]
    assert "budget-variance" in families["efficiency"]
    assert "sentiment-health" not in {k for ks in families.values() for k in ks}  # only I on it
    pos = card["positioning"]
    assert [u["id"] for u in pos["heads"]] == ["mkt"]
    assert [u["id"] for u in pos["oversees"]] == ["brand-team"]
    assert pos["reports_to_top"] and not pos["is_root"]
    assert (pos["team_positions"], pos["team_seats"], pos["layer"]) == (2, 3, 2)
    [project] = card["projects"]
    assert project["role"] == "lead"
    assert project["milestones"][0] == {
        "name": "Creative locked",
        "due": "2026-09-01",
        "done": False,
    }
    assert role_card(*golden, "designer")["projects"][0]["role"] == "member"


def test_card_labels_follow_lang(golden: tuple[Org, OrgGraph]) -> None:
    card = role_card(*golden, "north-mkt", "zh")
    assert card["title"] == "北方市场经理"
    assert card["dotted_lines"][0]["decides"][0]["name"] == "品牌形象"
    assert card["responsibilities"][0]["name"] == "负责执行"


def test_unknown_position_raises_key_error(golden: tuple[Org, OrgGraph]) -> None:
    with pytest.raises(KeyError):
        role_card(*golden, "nobody")


def test_sample_head_of_marketing_reads_like_document_002() -> None:
    """The functional sample's marketing director: positioning, seven dimensions, KPIs."""
    org, graph = load(SAMPLES / "functional.yaml")
    text = card_text(org, graph, "mkt-director", "md")
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections[:3] == ["## Positioning", "## Duties by dimension", "## KPIs"]
    assert "- **Reports directly to top management**: [Chief Executive Officer](ceo.md)" in text
    assert "- **Oversees**: Market Research Group, Brand Promotion Group" in text
    dimensions = [line for line in text.splitlines() if line.startswith("### ")][:7]
    assert dimensions == [
        "### 1. Strategic planning",
        "### 2. Team management",
        "### 3. Market insight",
        "### 4. Brand building",
        "### 5. Sales collaboration",
        "### 6. Budget control",
        "### 7. Risk response",
    ]
    assert "Annual marketing budget and monitoring" in text
    assert "- **Business results**: " in text
    zh = card_text(org, graph, "mkt-director", "md", "zh")
    assert "# 市场营销总监" in zh and "### 1. 战略规划" in zh and "## 关键绩效指标" in zh


# --- files and the command ----------------------------------------------------------------


def test_card_files_unique_case_insensitively() -> None:
    org = Org(root_file="x.yaml")
    org.positions = [
        Position(id="CEO", title="a"),
        Position(id="ceo", title="b"),
        Position(id="index", title="c"),
    ]
    names = card_files(org, "md")
    assert names == {"CEO": "CEO.md", "ceo": "ceo-2.md", "index": "index-2.md"}


def test_role_documents_link_each_other(golden: tuple[Org, OrgGraph]) -> None:
    docs = role_documents(*golden, "html", None)
    assert set(docs) == {f"{p.id}.html" for p in golden[0].positions} | {"index.html"}
    assert '<a href="north-gm.html">North Line GM</a>' in docs["north-mkt.html"]
    assert '<a href="cmo.html">Head of Marketing</a>' in docs["index.html"]


def test_write_roles_replaces_only_its_own_output(
    golden: tuple[Org, OrgGraph], tmp_path: Path
) -> None:
    out = tmp_path / "cards"
    names = write_roles(*golden, out, fmt="md")
    assert "cmo.md" in names and (out / MARKER).is_file()
    write_roles(*golden, out, fmt="html")  # its own earlier output is replaced whole
    assert not (out / "cmo.md").exists() and (out / "cmo.html").is_file()
    (out / "notes.md").write_text("mine", encoding="utf-8")  # a file added by someone
    with pytest.raises(OutputDirError, match="did not write"):
        write_roles(*golden, out, fmt="md")
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"
    (out / "notes.md").unlink()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious", encoding="utf-8")
    with pytest.raises(OutputDirError, match="did not make"):
        write_roles(*golden, foreign)
    assert (foreign / "thesis.docx").read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards", "mine"]  # no temporary left


def test_html_cards_have_no_live_markup(tmp_path: Path) -> None:
    from test_raci_render import assert_inert_html, evil_org_yaml

    path = tmp_path / "evil.yaml"
    path.write_text(evil_org_yaml(), encoding="utf-8")
    org, graph = load(path)
    docs = role_documents(org, graph, "html", None)
    for name, page in docs.items():
        if name == "index.html":
            continue
        assert_inert_html(page)
    for page in role_documents(org, graph, "md", None).values():
        assert "<script" not in page and "<img" not in page


def test_command_roles(tmp_path: Path) -> None:
    out = tmp_path / "cards"
    args = ["roles", str(SAMPLES / "matrix.yaml"), "-o", str(out), "--format", "html"]
    result = runner.invoke(app, [*args, "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "集团品牌总监" in (out / "lipstick-mkt.html").read_text(encoding="utf-8")
    assert (out / "index.html").is_file()


def test_command_roles_refuses_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["roles", str(SAMPLES / "lean.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "did not make" in result.output
    assert (tmp_path / "notes.txt").exists()


def test_command_roles_bad_format_exits_2(tmp_path: Path) -> None:
    args = ["roles", str(SAMPLES / "lean.yaml"), "-o", str(tmp_path / "c"), "--format", "pdf"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert not (tmp_path / "c").exists()


def test_role_cards_share_one_index_and_match_single_cards(golden: tuple[Org, OrgGraph]) -> None:
    from orgdesign.output.documents.cards import role_cards

    cards = role_cards(*golden, "zh")
    assert list(cards) == [p.id for p in golden[0].positions]
    assert cards["north-mkt"] == role_card(*golden, "north-mkt", "zh")
