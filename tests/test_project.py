"""Assembling an organisation: schema findings, include, catalogues, duplicate ids."""

from __future__ import annotations

from pathlib import Path
from typing import get_type_hints

from conftest import run_org, write_file
from orgdesign.assemble.project import assemble
from orgdesign.model import SECTIONS, Org, OrgFile

HEAD = "orgdesign: 1\norganization: {id: t, name: T}\n"


def where(findings: list, rule: str) -> list[tuple[str, int]]:
    return [(f.file, f.line) for f in findings if f.rule == rule]


def test_sections_table_matches_the_file_model() -> None:
    for section, model in SECTIONS.items():
        annotation = OrgFile.model_fields[section].annotation
        assert annotation == list[model]  # type: ignore[valid-type]


def test_the_merged_org_holds_every_section_of_the_file_model() -> None:
    # OrgFile (the schema) and Org (the merged, hot-path dataclass) each declare the
    # sections; merge and validate walk SECTIONS, so the three must name the same lists.
    hints = get_type_hints(Org)
    for section, model in SECTIONS.items():
        assert hints[section] == list[model]  # type: ignore[valid-type]


def test_schema_errors_point_at_the_key(tmp_path: Path) -> None:
    text = HEAD + (
        "positions:\n"
        "  - {id: ceo, title: CEO, headcount: many}\n"
        "  - {id: 'bad id', title: X}\n"
        "  - {id: a, title: true, reports_to: ceo}\n"
        "  - just-text\n"
        "units: {id: x}\n"
        "colour: blue\n"
    )
    findings = run_org(tmp_path, text)
    got = [(f.line, f.column) for f in findings if f.rule == "ORG002"]
    assert got == [(4, 38), (5, 10), (6, 20), (7, 5), (8, 8), (9, 1)]
    messages = " ".join(f.message for f in findings)
    assert "not a valid id" in messages and "boolean" in messages and "quote it" in messages


def test_missing_header_and_version(tmp_path: Path) -> None:
    findings = run_org(tmp_path, "positions: [{id: ceo, title: CEO}]\n")
    assert [f.rule for f in findings] == ["ORG002", "ORG002"]
    assert "orgdesign: 1" in findings[0].message or "orgdesign: 1" in findings[1].message
    findings = run_org(tmp_path, "orgdesign: 2\norganization: {id: t, name: T}\n")
    assert where(findings, "ORG002") == [("org.yaml", 1)]
    assert "version" in findings[0].message
    assert run_org(tmp_path, "")[0].rule == "ORG002"
    assert run_org(tmp_path, "- a\n")[0].rule == "ORG002"


def test_include_merges_and_findings_name_the_included_file(tmp_path: Path) -> None:
    files = {
        "teams/mkt.yaml": (
            "positions:\n"
            "  - {id: cmo, title: CMO, reports_to: ceo}\n"
            "  - {id: bad, title: X, reports_to: nobody}\n"
        )
    }
    text = HEAD + "include: [teams/mkt.yaml]\npositions:\n  - {id: ceo, title: CEO}\n"
    findings = run_org(tmp_path, text, files)
    assert where(findings, "ORG004") == [("teams/mkt.yaml", 3)]


def test_include_outside_root_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("positions: [{id: x, title: X}]\n")
    root = tmp_path / "orgs"
    text = HEAD + "include:\n  - ../secret.yaml\n  - /etc/passwd\n  - sub/../../secret.yaml\n"
    text += "positions: [{id: ceo, title: CEO}]\n"
    findings = run_org(root, text)
    assert where(findings, "ORG001") == [("org.yaml", 4), ("org.yaml", 5), ("org.yaml", 6)]
    assert all("outside" in f.message or "absolute" in f.message for f in findings)


def test_include_cycle_and_missing(tmp_path: Path) -> None:
    files = {"a.yaml": "include: [b.yaml]\n", "b.yaml": "include: [a.yaml]\n"}
    text = HEAD + "include: [a.yaml, missing.yaml]\npositions: [{id: ceo, title: CEO}]\n"
    findings = run_org(tmp_path, text, files)
    assert where(findings, "ORG001") == [("b.yaml", 1), ("org.yaml", 3)]
    assert "include cycle" in findings[0].message


def test_included_file_may_not_set_organization(tmp_path: Path) -> None:
    files = {"a.yaml": "organization: {id: x, name: X}\n"}
    findings = run_org(
        tmp_path, HEAD + "include: [a.yaml]\npositions: [{id: ceo, title: C}]\n", files
    )
    assert where(findings, "ORG002") == [("a.yaml", 1)]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    files = {"a.yaml": "positions:\n  - {id: ceo, title: Other CEO}\n"}
    text = HEAD + "include: [a.yaml]\npositions:\n  - {id: ceo, title: CEO}\n"
    findings = run_org(tmp_path, text, files)
    assert where(findings, "ORG003") == [("a.yaml", 2)]
    assert "org.yaml:5" in findings[0].message


def test_diamond_include_is_merged_once(tmp_path: Path) -> None:
    files = {
        "a.yaml": "include: [c.yaml]\n",
        "b.yaml": "include: [c.yaml]\n",
        "c.yaml": "positions: [{id: cmo, title: CMO, reports_to: ceo}]\n",
    }
    text = HEAD + "include: [a.yaml, b.yaml]\npositions: [{id: ceo, title: CEO}]\n"
    assert not [f for f in run_org(tmp_path, text, files) if f.severity.value == "error"]


def test_local_catalogue_and_unknown_builtin(tmp_path: Path) -> None:
    files = {
        "cat.yaml": (
            "catalog: {id: mine, name: Mine}\n"
            "responsibilities:\n  - {id: x, name: X, required: true}\n"
        )
    }
    text = HEAD + "catalogs: [cat.yaml, builtin:nope]\npositions: [{id: ceo, title: CEO}]\n"
    findings = run_org(tmp_path, text, files)
    assert where(findings, "RACI204") == [("cat.yaml", 3)]
    assert where(findings, "ORG004") == [("org.yaml", 3)]


def test_builtin_catalogue_loads_with_both_languages(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(HEAD + "catalogs: [builtin:marketing]\n")
    org = assemble(tmp_path / "org.yaml").org
    areas = {r.id for r in org.responsibilities}
    assert {"insight", "brand", "campaigns", "customer", "digital", "collaboration"} <= areas
    leaves = org.leaf_responsibilities()
    assert len(leaves) >= 25
    assert all(r.names.get("zh") for r in org.responsibility_by_id.values())
    assert all(r.stage for r in leaves)
    assert any(r.required for r in leaves)
    assert "brand.consistency" in org.responsibility_by_id
    assert {d.id for d in org.decision_domains} >= {"results", "brand"}


def test_local_definition_replaces_catalogue_entry(tmp_path: Path) -> None:
    text = HEAD + (
        "catalogs: [builtin:marketing]\n"
        "responsibilities:\n  - {id: brand.consistency, name: Mine}\n"
    )
    (tmp_path / "org.yaml").write_text(text)
    assembly = assemble(tmp_path / "org.yaml")
    assert not [f for f in assembly.findings if f.rule == "ORG003"]
    assert assembly.org.responsibility_by_id["brand.consistency"].name == "Mine"


def test_a_catalogue_file_validates_on_its_own(tmp_path: Path) -> None:
    text = "catalog: {id: c, name: C}\nresponsibilities:\n  - {id: x, nam: X}\n"
    findings = run_org(tmp_path, text)
    assert [(f.rule, f.line) for f in findings] == [("ORG002", 3)]


def test_shorthand_and_lists_accept_one_id(tmp_path: Path) -> None:
    text = HEAD + "positions:\n  - {id: ceo, title: CEO}\n"
    text += "  - {id: a, title: A, reports_to: ceo, dotted_to: ceo}\n"
    (tmp_path / "org.yaml").write_text(text)
    org = assemble(tmp_path / "org.yaml").org
    assert org.position_by_id["a"].dotted_to == ["ceo"]


def test_large_org_assembles(tmp_path: Path) -> None:
    lines = [HEAD, "positions:\n  - {id: p0, title: Top}\n"]
    lines += [
        f"  - {{id: p{i}, title: T{i}, reports_to: p{(i - 1) // 8}}}\n" for i in range(1, 5000)
    ]
    (tmp_path / "org.yaml").write_text("".join(lines))
    assembly = assemble(tmp_path / "org.yaml")
    assert len(assembly.org.positions) == 5000 and not assembly.findings


def test_elements_that_share_their_key_sets_never_see_each_others_changes(tmp_path: Path) -> None:
    # Loading shares one set of written keys among elements that wrote the same keys
    # (memory); setting an attribute or copying must still change one element only.
    org_file = write_file(
        tmp_path,
        "org.yaml",
        "orgdesign: 1\norganization: {id: o, name: O}\npositions:\n"
        "  - {id: a, title: A}\n  - {id: b, title: B, reports_to: a}\n  - {id: c, title: C}\n",
    )
    a, _b, c = assemble(org_file).org.positions
    assert a.model_fields_set == c.model_fields_set == {"id", "title"}
    a.reports_to = "b"
    assert c.model_fields_set == {"id", "title"}
    assert c.model_dump(exclude_unset=True) == {"id": "c", "title": "C"}
    copy = c.model_copy(update={"unit": "u"})
    assert copy.model_fields_set == {"id", "title", "unit"}
    assert c.model_fields_set == {"id", "title"}
    assert copy.loc("id") == c.loc("id")  # where it was written goes with the copy


def test_the_index_merge_hands_the_org_is_the_one_it_would_make(tmp_path: Path) -> None:
    write_file(
        tmp_path,
        "org.yaml",
        "orgdesign: 1\norganization: {id: o, name: O}\ninclude: [b.yaml]\n"
        "units: [{id: u, name: U}]\n"
        "positions:\n  - {id: a, title: A}\n  - {id: b, title: B, reports_to: a}\n",
    )
    write_file(tmp_path, "b.yaml", "positions:\n  - {id: b, title: Again}\n  - {id: c, title: C}\n")
    org = assemble(tmp_path / "org.yaml").org
    for section in ("units", "positions", "priority_rules", "projects"):
        made = {item.id: item for item in getattr(org, section)}
        assert org.index[section] == made and list(org.index[section]) == list(made)
    assert org.position_by_id["b"].title == "B", "the first of a duplicate id"
    org.positions.append(org.positions[0].model_copy(update={"id": "d"}))
    org._index = None  # an org changed after merging makes its index again
    assert list(org.position_by_id) == ["a", "b", "c", "d"]
