"""Messages that help (issue 14, items 8 and 9).

Tabs, a comma cut in a flow mapping, ORG107's wording, units named by name when
their ids are numbers, and one typo that no longer cascades into several findings.
"""

from __future__ import annotations

from pathlib import Path

from orgdesign import api
from orgdesign.findings import Finding

SAMPLES = Path(__file__).parent.parent / "sample_orgs"


def findings_of(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    _, findings = api.load_org(path, "org.yaml")
    return findings


def with_unit(unit: str) -> str:
    """An organisation of one unit `u`, written as `unit`, headed by its one position `boss`."""
    return (
        "orgdesign: 1\norganization: {id: x, name: X}\n"
        f"units:\n{unit}"
        "positions:\n  - {id: boss, title: Boss, unit: u}\n"
    )


def the_finding(tmp_path: Path, text: str, rule: str) -> Finding:
    """The one finding of `rule` in `text` (fails when there is none or several)."""
    (finding,) = [f for f in findings_of(tmp_path, text) if f.rule == rule]
    return finding


def test_a_tab_in_indentation_says_use_spaces(tmp_path: Path) -> None:
    findings = findings_of(tmp_path, "orgdesign: 1\norganization:\n\tid: x\n")
    assert [(f.rule, f.line, f.column) for f in findings] == [("ORG001", 3, 1)]
    assert "tabs cannot indent YAML; use spaces" in findings[0].message


def test_a_tab_after_chinese_text_is_found_on_its_line(tmp_path: Path) -> None:
    text = "orgdesign: 1\norganization: {id: 公司, name: 中文}\nunits:\n  - id: 部门\n\t  name: y\n"
    findings = findings_of(tmp_path, text)
    assert [(f.rule, f.line) for f in findings] == [("ORG001", 5)]
    assert "use spaces" in findings[0].message


def test_an_unquoted_comma_in_a_flow_mapping_suggests_quoting(tmp_path: Path) -> None:
    text = with_unit("  - {id: u, name: Sales, Marketing, head: boss}\n")
    finding = the_finding(tmp_path, text, "ORG002")
    assert "unknown key 'Marketing'" in finding.message
    assert 'quote the value: name: "Sales, Marketing"' in finding.message


def test_a_key_without_value_on_its_own_line_gets_no_comma_hint(tmp_path: Path) -> None:
    text = with_unit("  - id: u\n    name: Sales\n    Marketing:\n    head: boss\n")
    finding = the_finding(tmp_path, text, "ORG002")
    assert "quote" not in finding.message


DEEP = """\
orgdesign: 1
organization: {id: x, name: X}
units: [{id: u, name: U, head: p1}]
positions:
  - {id: p1, title: P1, unit: u}
  - {id: p2, title: P2, unit: u, reports_to: p1}
  - {id: p3, title: P3, unit: u, reports_to: p2}
"""


def test_org107_says_the_position_is_past_the_limit(tmp_path: Path) -> None:
    (tmp_path / ".orgdesign.toml").write_text("[options.ORG107]\nmax = 2\n", encoding="utf-8")
    path = tmp_path / "org.yaml"
    path.write_text(DEEP, encoding="utf-8")
    config = api.resolve_config(tmp_path / ".orgdesign.toml")
    _, findings = api.load_org(path, "org.yaml", config)
    (finding,) = [f for f in findings if f.rule == "ORG107"]
    assert "below the maximum" not in finding.message
    assert "'p3' is 3 layers deep, one more than the maximum of 2" in finding.message


NUMERIC = """\
orgdesign: 1
organization: {id: x, name: X}
units:
  - {id: "10", name: Executive, head: ceo}
  - {id: "20", name: Shipping, parent: "10"}
  - {id: "30", name: IT, parent: "10", head: it-head}
positions:
  - {id: ceo, title: CEO, unit: "10"}
  - {id: it-head, title: IT Head, unit: "30", reports_to: ceo}
  - {id: clerk, title: Clerk, unit: "20", reports_to: it-head}
"""


def test_units_with_numeric_ids_are_named_by_name(tmp_path: Path) -> None:
    findings = findings_of(tmp_path, NUMERIC)
    by_rule = {f.rule: f.message for f in findings}
    assert "unit 'Shipping' (id 20) has no head" in by_rule["ORG104"]
    assert "(unit 'Shipping' (id 20)) reports to 'it-head' (unit 'IT' (id 30))" in by_rule["ORG105"]


def test_units_with_word_ids_keep_their_ids(tmp_path: Path) -> None:
    text = NUMERIC.replace('"10"', "exec").replace('"20"', "ship").replace('"30"', "it")
    by_rule = {f.rule: f.message for f in findings_of(tmp_path, text)}
    assert "unit 'ship' has no head" in by_rule["ORG104"]


def test_a_unit_typo_is_one_finding_that_names_what_it_causes(tmp_path: Path) -> None:
    lines = (SAMPLES / "matrix.yaml").read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "- id: lipstick-mkt")
    unit_line = next(i for i in range(at, at + 6) if lines[i].strip() == "unit: lipstick")
    lines[unit_line] = "    unit: lipstik"
    findings = findings_of(tmp_path, "\n".join(lines))
    assert [f.rule for f in findings] == ["ORG004"]
    message = findings[0].message
    assert "unknown unit 'lipstik'" in message
    # Nothing is lost silently: the ORG004 names what it stands for.
    assert "DUAL301 on 'lipstick-mkt'" in message and "ORG105 on 'lipstick-mkt-exec'" in message


def test_an_unrelated_finding_is_not_folded_into_a_typo(tmp_path: Path) -> None:
    text = NUMERIC.replace("reports_to: it-head}", "reports_to: it-hed}")
    rules = sorted(f.rule for f in findings_of(tmp_path, text))
    # The typo on clerk folds clerk's own findings; the head-less unit 20 stays visible.
    assert "ORG004" in rules and "ORG104" in rules


def test_a_parent_typo_folds_the_heads_sideways_line(tmp_path: Path) -> None:
    text = (SAMPLES / "matrix.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "type: product-line, parent: group, head: skincare-head",
        "type: product-line, parent: grup, head: skincare-head",
    )
    findings = findings_of(tmp_path, text)
    assert [f.rule for f in findings] == ["ORG004"]
    assert "ORG105 on 'skincare-head'" in findings[0].message
