"""The one translation mechanism: the language-tag normaliser, the checked catalogue,
and every surface (documents, charts, recommend, new, the explorer) reading from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orgdesign import i18n
from orgdesign.analysis.recommend import CASES, report_language
from orgdesign.api import load_org
from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes import ARCHETYPE_INFO, starter_language
from orgdesign.i18n import CatalogueError, language, text_lang
from orgdesign.i18n.catalogue import parse
from orgdesign.layout.style import words
from orgdesign.model import ARCHETYPES
from orgdesign.output import ChartOptions
from orgdesign.output.chart.explorer import build_payload, script

SAMPLES = Path(__file__).parent.parent / "sample_orgs"

CHINESE = ["zh", "ZH", "zh-CN", "zh_cn", "zh_Hans", "zh-Hant-TW", " zh-hk "]
ENGLISH = ["en", "EN", "en-GB", "en_us", "en-Latn-IN"]


@pytest.mark.parametrize("tag", CHINESE)
def test_chinese_tags_are_chinese_everywhere(tag: str) -> None:
    assert language(tag) == "zh"
    assert text_lang(tag) == "zh"
    assert report_language(tag) == "zh"
    assert starter_language(tag) == "zh"
    assert words(tag)["vacant"] == "空缺"
    assert i18n.headings(tag)["role_card"] == "岗位说明书"


@pytest.mark.parametrize("tag", ENGLISH)
def test_english_tags_are_english_everywhere(tag: str) -> None:
    assert language(tag) == "en"
    assert report_language(tag) == "en"
    assert starter_language(tag) == "en"
    assert words(tag)["vacant"] == "vacant"


@pytest.mark.parametrize("tag", ["fr", "de-DE", "", "  "])
def test_other_languages_are_refused_by_commands_and_english_in_documents(tag: str) -> None:
    assert report_language(tag) is None
    assert text_lang(tag) == "en"
    assert i18n.headings(tag)["role_card"] == "Role card"


def test_no_tag_is_english() -> None:
    assert language(None) == report_language(None) == starter_language(None) == "en"
    assert starter_language("") == "en"  # `orgdesign new --lang ""` as before


def test_every_message_of_the_package_has_both_languages() -> None:
    files = i18n.all_messages()
    assert {"document", "chart", "explorer", "recommend", "archetypes", "profile"} <= set(files)
    assert i18n.text("chart.vacant").zh == "空缺"
    assert len(i18n.texts("recommend.mechanisms")) == 4


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("a: {en: Hello}", "non-empty"),
        ("a: {en: Hello, zh: ''}", "non-empty"),
        ("a: {en: 'Hello {name}', zh: 你好}", "different fields"),
        ("a: {en: 'Hello {name}', zh: '你好 {who}', fields: [name]}", "not in `fields`"),
        ("a: {en: 'Hello {', zh: 你好}", "format string"),
        ("a: [1, 2]", "expected a message"),
        ("a: {b: {en: x, zh: 1}}", "non-empty"),
        ("a: [unclosed", "not YAML"),
        ("a: {en: x, zh: y, de: z}", "only `en`, `zh` and `fields`"),
    ],
)
def test_a_broken_message_file_is_refused_naming_the_id(source: str, why: str) -> None:
    with pytest.raises(CatalogueError, match=re.escape(why)) as err:
        parse("demo", source)
    assert str(err.value).startswith("demo")


def test_fields_let_one_language_leave_a_value_out() -> None:
    node = parse("demo", "a: {en: '{name} ({name_zh})', zh: '{name_zh}', fields: [name, name_zh]}")
    assert isinstance(node, dict) or hasattr(node, "items")
    message = node["a"]  # type: ignore[index]
    assert message("zh", name="Lean", name_zh="精简型") == "精简型"
    assert message("en", name="Lean", name_zh="精简型") == "Lean (精简型)"


def test_archetype_descriptions_are_data_in_both_languages() -> None:
    for archetype in ARCHETYPES:
        info = ARCHETYPE_INFO[archetype]
        shape_zh, strengths_zh, risks_zh = info.texts("zh-CN")
        assert shape_zh == info.shape_text.zh and strengths_zh and risks_zh
        assert len(info.strengths) == len(strengths_zh)
        assert info.word.en == archetype
    assert ARCHETYPE_INFO["matrix"].name_zh == "矩阵型"


def test_every_decision_case_has_its_reasons() -> None:
    for case in CASES:
        assert i18n.texts(f"recommend.case.{case.id}"), case.id
        assert case.archetype in ARCHETYPES


def test_explorer_script_holds_no_wording_and_every_key_is_in_the_catalogue() -> None:
    code = script()
    assert not re.search(r"[\u4e00-\u9fff]", code), "Chinese wording belongs in the catalogue"
    used = set(re.findall(r"\btr\('(\w+)'", code)) | {"lead", "member"}  # tr(role ? a : b)
    assert used, "the script translates through tr()"
    missing = used - set(i18n.group("explorer"))
    assert not missing


@pytest.mark.parametrize(
    ("lang", "search"),
    [("zh-CN", "搜索名称、职位或任职者…"), ("en", "Search name, title or holder…")],
)
def test_explorer_payload_carries_its_wording(lang: str, search: str) -> None:
    org, findings = load_org(SAMPLES / "matrix.yaml")
    assert org is not None
    payload = build_payload(org, OrgGraph(org), findings, ChartOptions(lang=lang))
    assert payload["strings"]["search"] == search
    assert payload["strings"] == i18n.strings("explorer", lang)
