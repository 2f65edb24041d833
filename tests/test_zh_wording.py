"""Chinese deliverables say everything in Chinese: severity words, sheet tabs, notes, archetypes.

Each test here was written against a defect a reviewer found using the `--lang zh`
deliverables as a consultant would; machine formats (JSON, SARIF, `validate` text) keep
their ids in every language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from orgdesign import api, i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.cli.app import app
from orgdesign.findings import Finding
from orgdesign.layout.text import NO_LINE_END, NO_LINE_START, break_units, load_fonts
from orgdesign.layout.text import wrap as layout_wrap
from orgdesign.model import Org
from orgdesign.output.build import build_pack
from orgdesign.output.chart.boxtext import display_width
from orgdesign.output.chart.boxtext import wrap as graphviz_wrap
from orgdesign.output.formats import ChartWriter, Formats
from orgdesign.output.tables.raci import build_matrix, to_markdown, to_xlsx

GOLDEN_ORG = Path(__file__).parent / "golden" / "raci" / "org.yaml"
SAMPLES = Path(__file__).parent.parent / "sample_orgs"
NO_CHARTS: Formats[ChartWriter] = Formats("chart", ChartWriter, ())
runner = CliRunner()


@pytest.fixture(scope="module")
def golden() -> tuple[Org, OrgGraph, list[Finding]]:
    org, findings = api.load_org(GOLDEN_ORG, GOLDEN_ORG.name)
    assert org is not None
    return org, OrgGraph(org), findings


# --- severity words -----------------------------------------------------------------------


def severity_cells(html: str) -> list[str]:
    return re.findall(r'<td class="sev-[a-z]+">([^<]*)</td>', html)


def test_validation_report_says_severity_in_its_language(
    golden: tuple[Org, OrgGraph, list[Finding]], tmp_path: Path
) -> None:
    build_pack(*golden, tmp_path / "zh", charts=NO_CHARTS, lang="zh")
    build_pack(*golden, tmp_path / "en", charts=NO_CHARTS)
    zh = severity_cells((tmp_path / "zh" / "validation.html").read_text(encoding="utf-8"))
    en = severity_cells((tmp_path / "en" / "validation.html").read_text(encoding="utf-8"))
    assert set(zh) == {"错误", "警告"} and set(en) == {"error", "warning"}
    sheet = load_workbook(tmp_path / "zh" / "raci.xlsx")[i18n.sheet_name("findings", "zh")]
    assert {sheet.cell(row=r, column=2).value for r in range(2, sheet.max_row + 1)} == {
        "错误",
        "警告",
    }


def test_explorer_names_each_finding_s_severity_in_its_language(
    golden: tuple[Org, OrgGraph, list[Finding]],
) -> None:
    from orgdesign.output import ChartOptions
    from orgdesign.output.chart.explorer import build_payload, script

    zh = build_payload(*golden, ChartOptions(lang="zh"))["findings"]
    en = build_payload(*golden, ChartOptions())["findings"]
    assert {f["severity_name"] for f in zh} == {"错误", "警告"}
    assert all(f["severity_name"] == f["severity"] for f in en)
    assert "f.severity + ' '" not in script() and "f.severity_name + ' '" in script()


def test_raci_markdown_and_html_say_severity_in_chinese(
    golden: tuple[Org, OrgGraph, list[Finding]],
) -> None:
    matrix = build_matrix(*golden, lang="zh")
    md = to_markdown(matrix)
    assert "** 警告" in md and "** 错误" in md
    assert " warning" not in md and " error" not in md


def test_diff_text_says_severity_in_chinese(tmp_path: Path) -> None:
    args = ["diff", str(SAMPLES / "lean.yaml"), str(GOLDEN_ORG)]
    zh = runner.invoke(app, [*args, "--lang", "zh"]).stdout
    en = runner.invoke(app, args).stdout
    assert "警告 ORG106" in zh and "warning ORG106" not in zh
    assert "warning ORG106" in en
    machine = runner.invoke(app, ["validate", str(GOLDEN_ORG)]).stdout
    assert "warning ORG106" in machine


# --- workbook tabs ------------------------------------------------------------------------


def test_workbook_tabs_are_in_the_language_and_valid_excel_names(
    golden: tuple[Org, OrgGraph, list[Finding]], tmp_path: Path
) -> None:
    for lang, expected in (("en", ["RACI", "Legend", "Findings"]), ("zh", None)):
        path = tmp_path / f"{lang}.xlsx"
        path.write_bytes(to_xlsx(build_matrix(*golden, lang=lang)))
        names = load_workbook(path).sheetnames
        assert names == [i18n.sheet_name(s, lang) for s in ("raci", "legend", "findings")]
        if expected:
            assert names == expected
        else:
            assert not {"Legend", "Findings"} & set(names)
            assert all(re.search(r"[\u4e00-\u9fff]", n) for n in names)
    for sheet in i18n.group("document.sheet").values():
        for name in (sheet.en, sheet.zh):
            assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_chinese_tabs_keep_their_print_set_up(
    golden: tuple[Org, OrgGraph, list[Finding]], tmp_path: Path
) -> None:
    path = tmp_path / "zh.xlsx"
    path.write_bytes(to_xlsx(build_matrix(*golden, lang="zh")))
    wb = load_workbook(path)
    matrix = wb[i18n.sheet_name("raci", "zh")]
    assert matrix.print_title_rows == "$1:$2" and matrix.print_title_cols == "$A:$B"
    assert matrix.oddFooter.right.text.endswith("&A")  # the footer prints the tab name
    for tab in ("legend", "findings"):
        assert wb[i18n.sheet_name(tab, "zh")].print_title_rows == "$1:$1"


def test_long_findings_get_rows_tall_enough_to_print(
    golden: tuple[Org, OrgGraph, list[Finding]], tmp_path: Path
) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(to_xlsx(build_matrix(*golden, lang="zh")))
    sheet = load_workbook(path)[i18n.sheet_name("findings", "zh")]
    rows = {sheet.cell(row=r, column=3).value: r for r in range(2, sheet.max_row + 1)}
    longest = max(rows, key=len)
    assert len(longest) > 130  # wraps in the 90-character message column
    assert (sheet.row_dimensions[rows[longest]].height or 0) >= 2 * 12.75


# --- deck speaker notes -------------------------------------------------------------------


def deck_notes(lang: str, tmp_path: Path) -> list[str]:
    from pptx import Presentation

    out = tmp_path / f"deck-{lang}.pptx"
    result = runner.invoke(
        app, ["chart", str(SAMPLES / "divisional.yaml"), "-o", str(out), "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    return [s.notes_slide.notes_text_frame.text for s in Presentation(str(out)).slides]


def test_deck_notes_are_in_chinese(tmp_path: Path) -> None:
    zh = "\n".join(deck_notes("zh", tmp_path))
    assert "seats" not in zh and "slide" not in zh and "vacant" not in zh
    assert "个编制（" in zh and "本页岗位（" in zh
    assert re.search(r"^2\. 集团总裁$", zh, re.M), "the overview names each slide by its number"
    en = "\n".join(deck_notes("en", tmp_path))
    assert re.search(r", \d seats \(", en) and "Positions on this slide (" in en


# --- archetype names and reasons ----------------------------------------------------------

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_stats_in_chinese_names_archetypes_and_gives_chinese_reasons() -> None:
    path = str(SAMPLES / "matrix.yaml")
    for fmt in ("table", "md"):
        zh = runner.invoke(app, ["stats", path, "--lang", "zh", "-f", fmt]).stdout
        tail = zh[zh.index("组织原型") :]
        assert "推断：矩阵型（声明为矩阵型；一致）" in tail
        assert all(word in tail for word in ("精简型", "功能型", "事业部型"))
        assert not re.search(r"\b(lean|functional|matrix|divisional|Fits|business lines?)\b", tail)
        assert "3 条业务线中有 3 条存在双重汇报。" in tail
    en = runner.invoke(app, ["stats", path, "-f", "md"]).stdout
    assert "Fits matrix (矩阵型)" in en and "| matrix | 1.0 |" in en


def test_recommend_in_chinese_names_the_archetypes_it_scores() -> None:
    zh = runner.invoke(app, ["recommend", str(SAMPLES / "matrix.yaml"), "--lang", "zh"]).stdout
    assert "声明：矩阵型；推断：矩阵型（得分：精简型 0.00、功能型 " in zh
    en = runner.invoke(app, ["recommend", str(SAMPLES / "matrix.yaml")]).stdout
    assert "lean 0.00, functional " in en
    args = ["recommend", str(SAMPLES / "matrix.yaml"), "-f", "json"]
    data = json.loads(runner.invoke(app, [*args, "--lang", "zh"]).stdout)
    assert data["current"]["reasons"][0].startswith("符合矩阵型：")
    assert json.loads(runner.invoke(app, args).stdout)["current"]["reasons"][0].startswith("Fits")


@pytest.mark.parametrize("sample", ["lean", "functional", "matrix", "divisional"])
def test_every_reason_of_every_archetype_has_chinese(sample: str) -> None:
    from orgdesign.domain.archetypes import SIGNALS, analyse, infer_archetype

    org, _findings = api.load_org(SAMPLES / f"{sample}.yaml", sample)
    assert org is not None
    structure = analyse(org, OrgGraph(org))
    for archetype, signals in SIGNALS.items():
        for sig in signals(structure):
            for said in (sig.held, sig.missed):
                assert CJK.search(said.zh) and not CJK.search(said.en.split("(")[0]), archetype
                assert "{" not in said.zh + said.en
    inference = infer_archetype(org, OrgGraph(org))
    zh = inference.reasons_in("zh")
    assert len(zh) == len(inference.reasons) and all(CJK.search(r) for r in zh)
    assert inference.reasons[0].startswith(f"Fits {sample} (")


def test_declared_archetype_contradicting_the_structure_says_so_in_chinese(tmp_path: Path) -> None:
    from orgdesign.domain.archetypes import signature_gaps

    text = (SAMPLES / "matrix.yaml").read_text(encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_text(text.replace("archetype: matrix", "archetype: divisional"), encoding="utf-8")
    org, _findings = api.load_org(path, "m.yaml")
    assert org is not None
    (gap,) = signature_gaps(org, OrgGraph(org), "divisional")
    assert gap.message.startswith("declared divisional (事业部型: each business unit")
    assert "but the structure fits matrix (矩阵型) best (score 1.00 against 0.30)" in gap.message
    zh = gap.says("zh")
    assert zh.startswith("声明为事业部型（") and "但结构最符合矩阵型（得分 1.00" in zh
    assert "business line" not in zh


# --- Chinese line breaking ----------------------------------------------------------------

REVIEWED = [
    "社交媒体与社群经理（微博、小红书、抖音）",
    "虚线汇报至数字与电商总监（第 3 页）",
    "虚线下属：华东大区市场经理（第 5 页）、华南大区市场经理（第 5 页）、华北大区（第 4 页）",
    "电商运营经理（天猫/京东）。下一句：好！",
]


def kinsoku_ok(lines: list[str]) -> bool:
    starts = all(line[:1] not in NO_LINE_START for line in lines[1:])
    return starts and all(line[-1:] not in NO_LINE_END for line in lines[:-1])


def test_break_units_keep_marks_and_numbers_with_their_neighbours() -> None:
    assert break_units("经理（微博、小红书）") == ["经", "理", "（微", "博、", "小", "红", "书）"]
    assert break_units("总监（第 3 页）") == ["总", "监", "（第 3 页）"]
    assert break_units("Sales (East), Brand") == ["Sales", " ", "(East),", " ", "Brand"]
    assert break_units("Head of Sales") == ["Head", " ", "of", " ", "Sales"]
    assert "".join(break_units("a  b （c）")) == "a b （c）"


def test_reviewed_titles_never_put_a_mark_at_the_wrong_end() -> None:
    fonts = load_fonts()
    for text in REVIEWED:
        for width in range(60, 260, 4):
            lines = layout_wrap(fonts, text, width, 8)
            assert kinsoku_ok(lines), (width, lines)
            assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for columns in range(16, 40):  # titles wrap at 24 columns, names at 30
            lines = graphviz_wrap(text, columns, 6)
            assert kinsoku_ok(lines), (columns, lines)
            assert not any(line.endswith("（第") or line.endswith("第 3") for line in lines)


PIECES = st.sampled_from(
    [
        "经",
        "理",
        "市",
        "场",
        "（",
        "）",
        "、",
        "，",
        "。",
        "：",
        "「",
        "」",
        " ",
        "(",
        ")",
        ",",
        "Brand",
        "KOL",
        "3",
        "第",
        "页",
        "！",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=40), st.integers(min_value=16, max_value=40))
def test_no_wrapped_line_starts_with_a_closing_mark(pieces: list[str], columns: int) -> None:
    text = "".join(pieces)
    units = [u for u in break_units(" ".join(text.split())) if u != " "]
    if any(display_width(u) > columns for u in units):
        return  # a unit wider than the line is cut between characters
    assert kinsoku_ok(graphviz_wrap(text, columns, 99))
    fonts = load_fonts()
    width = columns * 4.0  # 8-pt text: a CJK character is 8 pt, two columns
    if all(fonts.width(u, 8) <= width for u in units):
        assert kinsoku_ok(layout_wrap(fonts, text, width, 8))


def test_chinese_chart_lists_use_chinese_separators() -> None:
    from orgdesign.layout.chart import LayoutOptions, build_layout

    org, _findings = api.load_org(SAMPLES / "divisional.yaml", "divisional.yaml")
    assert org is not None
    layout = build_layout(org, OrgGraph(org), LayoutOptions(paper="a4", lang="zh"))
    lines = [t.text for page in layout.pages for box in page.boxes for t in box.lines]
    holders = [line for line in lines if "Alice Fang" in line]
    assert holders and all("、" in line and ", " not in line for line in holders)
    assert all(kinsoku_ok([line]) for line in lines)


# --- role cards: full-width punctuation ---------------------------------------------------

ASCII_AFTER_CJK = re.compile(r"[\u4e00-\u9fff][:,(]|[\u4e00-\u9fff] \(|\) [\u4e00-\u9fff]")


def docx_text(blob: bytes) -> str:
    import io

    from docx import Document

    doc = Document(io.BytesIO(blob))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_chinese_role_cards_use_full_width_punctuation(
    golden: tuple[Org, OrgGraph, list[Finding]], tmp_path: Path
) -> None:
    from orgdesign.output.documents.docx_cards import docx_documents

    org, graph, _findings = golden
    files = {p.id: f"{p.id}.docx" for p in org.positions}
    zh = docx_text(docx_documents(org, graph, files, "zh")["cmo.docx"])
    assert "直接下属：" in zh and "个岗位，" in zh and "空缺：" in zh
    assert "（Ada Lin）" in zh and not ASCII_AFTER_CJK.search(zh), ASCII_AFTER_CJK.findall(zh)
    en = docx_text(docx_documents(org, graph, files, "en")["cmo.docx"])
    assert "Direct reports: 1 · " in en and " (Ada Lin)" in en
    out = tmp_path / "roles"
    result = runner.invoke(
        app, ["roles", str(GOLDEN_ORG), "-o", str(out), "--lang", "zh", "--format", "html"]
    )
    assert result.exit_code in (0, 1), result.output
    html = re.sub(r"<[^>]+>", "", (out / "cmo.html").read_text(encoding="utf-8"))
    assert "（Ada Lin）" in html and not ASCII_AFTER_CJK.search(html)


def test_the_governed_count_says_it_counts_business_lines_only(tmp_path: Path) -> None:
    """The count of dual-reporting positions under priority rules stands under a table of
    every dual-reporting position: it must say that it counts those in business lines."""
    org = tmp_path / "org.yaml"
    text = (SAMPLES / "matrix.yaml").read_text(encoding="utf-8")
    org.write_text(text, encoding="utf-8")
    en = runner.invoke(app, ["stats", str(org), "-f", "md"]).stdout
    assert re.search(r"\d+ of \d+ dual-reporting positions in business lines are governed", en)
    zh = runner.invoke(app, ["stats", str(org), "--lang", "zh", "-f", "md"]).stdout
    assert re.search(r"业务线中 \d+ 个双重汇报岗位有 \d+ 个受优先级规则约束", zh)
