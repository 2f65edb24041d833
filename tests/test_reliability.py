"""Reliability (issue 18): numbers, schema agreement, paths, configuration, terminal
safety, line numbers and linear walks. Each test names the class it guards and fails
when that fix is removed."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_org
from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.assemble.lines import Lines
from orgdesign.cli.app import app
from orgdesign.findings import printable, terminal_safe
from orgdesign.load import fsio
from orgdesign.load.config import ConfigError, load_config
from orgdesign.load.loader import load_text
from orgdesign.model import json_schema
from orgdesign.output import ChartOptions

runner = CliRunner()
HEAD = "orgdesign: 1\norganization: {id: acme, name: Acme}\n"
ORG = HEAD + (
    "units:\n  - {id: hq, name: HQ, type: company, head: ceo}\n"
    "positions:\n  - {id: ceo, title: CEO, unit: hq}\n"
)


def _org2(position_extra: str) -> str:
    return ORG + f"  - {{id: a, title: A, unit: hq, reports_to: ceo, {position_extra}}}\n"


def _org002(tmp_path: Path, text: str) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in run_org(tmp_path, text) if f.rule == "ORG002"]


# --- class 1 and 2: numbers are finite and bounded; validation agrees with the schema ----


@pytest.mark.parametrize(
    "extra",
    [
        "cost: .inf",
        "cost: -.inf",
        "cost: .nan",
        "cost: 1e400",
        "cost: " + "9" * 500,
        "cost: 1e16",
        "headcount: 2000000000",
        "headcount: " + "9" * 500,
        "headcount: 0",
        "headcount: true",
        "headcount: 2.0",
        'headcount: "3"',
        'cost: "1000"',
        "cost: true",
        'assistant: "yes"',
        "assistant: 1",
    ],
)
def test_out_of_range_or_mistyped_numbers_are_located_org002(tmp_path: Path, extra: str) -> None:
    text = _org2(extra)
    line = text.splitlines()[6]
    column = line.index(extra) + extra.index(":") + 3  # where the value starts
    assert _org002(tmp_path, text) == [(7, column)]


@pytest.mark.parametrize("version", ["1.0", "true", '"1"'])
def test_the_format_version_is_the_integer_1(tmp_path: Path, version: str) -> None:
    text = ORG.replace("orgdesign: 1", f"orgdesign: {version}")
    assert _org002(tmp_path, text) == [(1, 12)]


@pytest.mark.parametrize("due", ["2026-02-30", "2026-13-01", "20260101", "1700000000", "next week"])
def test_dates_that_do_not_exist_are_org002(tmp_path: Path, due: str) -> None:
    text = ORG + f"projects:\n  - {{id: p, name: P, milestones: [{{name: m, due: {due}}}]}}\n"
    findings = [f for f in run_org(tmp_path, text) if f.rule == "ORG002"]
    assert [f.line for f in findings] == [8], findings


def test_valid_bounds_and_numeric_ids_still_load(tmp_path: Path) -> None:
    text = _org2("headcount: 100000, cost: 1e15") + "  - {id: 2024, title: 2024, reports_to: ceo}\n"
    assert _org002(tmp_path, text) == []


def test_stats_json_is_strict_json_even_with_bad_numbers(tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(_org2("cost: .inf") + "  - {id: b, title: B, reports_to: ceo, cost: 1e308}\n")
    result = runner.invoke(app, ["stats", str(org), "--format", "json"])
    assert result.exit_code == 1, result.output  # the ORG002 finding, said on stderr

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    json.loads(result.stdout, parse_constant=refuse)


def _schema_props(schema: dict) -> list[tuple[str, str, dict]]:
    out = [("OrgFile", k, v) for k, v in schema["properties"].items()]
    for name, definition in schema["$defs"].items():
        out += [(name, k, v) for k, v in definition.get("properties", {}).items()]
    return out


def test_every_schema_property_has_a_description_and_the_id_is_a_url() -> None:
    schema = json_schema()
    missing = [f"{m}.{p}" for m, p, v in _schema_props(schema) if not v.get("description")]
    assert missing == []
    assert schema["$id"].startswith("https://") and schema["$id"].endswith(".json")


def test_field_docstrings_are_read_when_a_schema_is_made_not_at_start_up() -> None:
    """Every `validate` builds the models; only `schema` needs their field documentation."""
    from pydantic import BaseModel

    from orgdesign.model import Position
    from orgdesign.model.types import field_docstring

    assert Position.model_fields["reports_to"].description is None
    props = {(m, p): v for m, p, v in _schema_props(json_schema())}
    assert props[("Position", "reports_to")]["description"].startswith("Solid line")

    class Base(BaseModel):
        a: int = 0
        """Documented in the base."""
        b: int = 0
        """Also documented."""

    class Child(Base):
        b: int = 1  # declared again without a docstring: pydantic gives it none either

    assert field_docstring(Child, "a") == "Documented in the base."
    assert field_docstring(Child, "b") is None


def test_the_schema_states_the_bounds_validation_applies() -> None:
    props = {(m, p): v for m, p, v in _schema_props(json_schema())}
    headcount = props[("Position", "headcount")]
    assert headcount["type"] == "integer" and headcount["maximum"] == 100_000
    cost = props[("Position", "cost")]["anyOf"][0]
    assert cost["type"] == "number" and cost["maximum"] == 1e15
    assert props[("Position", "assistant")]["type"] == "boolean"
    # Ids written as numbers are text to validation, so the schema accepts numbers there.
    assert props[("Position", "id")]["type"] == ["string", "number"]


# --- class 3: paths ------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["include", "catalogs"])
@pytest.mark.parametrize(
    "ref", ['"a\\0b.yaml"', '"' + "a" * 5000 + '.yaml"', '"' + "b/" * 3000 + 'c"']
)
def test_unusable_paths_are_located_org001(tmp_path: Path, key: str, ref: str) -> None:
    findings = run_org(tmp_path, ORG + f"{key}: [{ref}]\n")
    assert [(f.rule, f.line) for f in findings if f.rule.startswith("ORG00")] == [("ORG001", 7)]
    assert all(len(f.message) < 300 for f in findings)


def test_a_chain_of_600_includes_loads_without_recursion(tmp_path: Path) -> None:
    files = {
        f"f{i}.yaml": f"units: [{{id: u{i}, name: U{i}, parent: hq}}]\ninclude: [f{i + 1}.yaml]\n"
        for i in range(600)
    }
    files["f600.yaml"] = "units: [{id: last, name: Last, parent: hq}]\n"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(300)  # a recursive walk would need one frame (or more) per file
    try:
        findings = run_org(tmp_path, ORG + "include: [f0.yaml]\n", files)
    finally:
        sys.setrecursionlimit(limit)
    assert [f for f in findings if f.severity.value == "error"] == []


def test_an_include_cycle_deep_in_a_chain_is_still_found(tmp_path: Path) -> None:
    files = {f"f{i}.yaml": f"include: [f{i + 1}.yaml]\n" for i in range(50)}
    files["f50.yaml"] = "include: [f10.yaml]\n"
    findings = run_org(tmp_path, ORG + "include: [f0.yaml]\n", files)
    assert [f.file for f in findings if "include cycle" in f.message] == ["f50.yaml"]


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "fifo"])
def test_devices_and_fifos_are_refused_without_reading(tmp_path: Path, special: str) -> None:
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "f.yaml"
        os.mkfifo(path)
    with pytest.raises(fsio.ReadError, match="not a regular file"):
        fsio.read_capped(path, 1024)


def test_the_read_cap_is_never_allocated_up_front(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = tmp_path / "s.yaml"
    small.write_bytes(b"x" * 10)
    sizes: list[int] = []
    real = fsio._read_limited

    def spy(handle, max_bytes, shown):  # type: ignore[no-untyped-def]
        read = handle.read
        handle_read = lambda n=-1: (sizes.append(n), read(n))[1]  # noqa: E731
        return real(type("H", (), {"read": staticmethod(handle_read)})(), max_bytes, shown)

    monkeypatch.setattr(fsio, "_read_limited", spy)
    assert fsio.read_capped(small, 10**15) == b"x" * 10
    assert max(sizes) <= fsio.CHUNK


def test_oversized_files_and_zip_members_are_refused(tmp_path: Path) -> None:
    import zipfile

    big = tmp_path / "big.bin"
    big.write_bytes(b"0" * 5000)
    with pytest.raises(fsio.ReadError) as info:
        fsio.read_capped(big, 4999)
    assert info.value.too_big
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/sheet.xml", b"0" * 1_000_000)
    with zipfile.ZipFile(archive) as zf:
        with pytest.raises(fsio.ReadError, match="decompresses"):
            fsio.capped_zip_member(zf, "xl/sheet.xml", 100_000)
        assert len(fsio.capped_zip_member(zf, "xl/sheet.xml", 1_000_000)) == 1_000_000


# --- class 5: configuration ----------------------------------------------------------------


@pytest.mark.parametrize(
    "setting", ["max-file-size = inf", "max-file-size = 1e13", "max-file-size = 100000",
                "max-file-size = true", "max-file-size = nan", 'max-file-size = "10"',
                'strict = "yes"', "strict = 1"],
)  # fmt: skip
def test_unusable_settings_are_config_errors(tmp_path: Path, setting: str) -> None:
    path = tmp_path / ".orgdesign.toml"
    path.write_text(setting + "\n")
    with pytest.raises(ConfigError):
        load_config(path)


def test_a_large_max_file_size_allocates_nothing(tmp_path: Path) -> None:
    (tmp_path / ".orgdesign.toml").write_text("max-file-size = 1024\n")
    org = tmp_path / "org.yaml"
    org.write_text(ORG)
    run = api.validate([(org, "org.yaml")], load_config(tmp_path / ".orgdesign.toml"))
    assert run.exit_code() == 0


def test_a_bom_at_the_start_of_the_config_is_fine(tmp_path: Path) -> None:
    path = tmp_path / ".orgdesign.toml"
    path.write_bytes(b"\xef\xbb\xbfstrict = true\n")
    assert load_config(path).strict is True


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_fifo_as_config_is_an_exit_2(tmp_path: Path, special: str) -> None:
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "c.toml"
        os.mkfifo(path)
    org = tmp_path / "org.yaml"
    org.write_text(ORG)
    result = runner.invoke(app, ["validate", str(org), "--config", str(path)])
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_a_pyproject_that_is_not_toml_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.orgdesign\nstrict = true\n")
    org = tmp_path / "org.yaml"
    org.write_text(ORG)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "org.yaml"])
    assert result.exit_code == 2 and "pyproject.toml" in result.output


# --- class 6 and issue 20 item 5: terminal safety --------------------------------------------


def test_every_control_and_format_character_is_escaped() -> None:
    unsafe = [
        chr(c)
        for c in range(0x110000)
        if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp") and c not in (0x200C, 0x200D)
    ]
    assert [hex(ord(c)) for c in unsafe if printable(c) == c] == []
    assert (
        printable("\x1b[2J\x9b31m\u202egnp.exe\u2066") == "\\x1b[2J\\u009b31m\\u202egnp.exe\\u2066"
    )
    assert terminal_safe("a\tb\nc\x07") == "a\tb\nc\\x07"
    assert printable("营销部 Zoë\u200d") == "营销部 Zoë\u200d"


def _nasty_org(tmp_path: Path, name: str, boss: str = "CEO") -> Path:
    path = tmp_path / name
    path.write_text(
        ORG.replace("name: HQ", 'name: "HQ\\e]0;pwned\\a\\x9b2J\\u202Eevil"').replace(
            "title: CEO", f'title: "{boss}"'
        )
        + '  - {id: a, title: "T\\e[31m\\u2067x", unit: hq, reports_to: ceo, holders: ["\\x9b1m"],'
        + ' "bo\\u202egus\\x9b": 1}\n'
    )
    return path


def _assert_safe(text: str) -> None:
    bad = [c for c in text if (unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t")]
    assert bad == [], [hex(ord(c)) for c in bad]


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{a}", "-f", "text"],
        ["validate", "{a}", "-f", "github"],
        ["stats", "{a}"],
        ["stats", "{a}", "-f", "md"],
        ["stats", "{a}", "-f", "json"],
        ["diff", "{a}", "{b}"],
        ["diff", "{a}", "{b}", "-f", "json"],
        ["export", "{a}", "-o", "{t}/nope.txt"],
    ],
)
def test_no_raw_control_or_bidi_character_reaches_the_terminal(
    tmp_path: Path, args: list[str]
) -> None:
    a = _nasty_org(tmp_path, "a.yaml")
    b = tmp_path / "b.yaml"
    b.write_text(
        a.read_text().replace("holders", "dotted_to: [ceo], holders").replace("CEO", "Boss\\e[5m")
    )
    result = runner.invoke(app, [x.format(a=a, b=b, t=tmp_path) for x in args])
    assert "internal error" not in result.output
    _assert_safe(result.stdout)
    _assert_safe(result.stderr)


# --- class 7: line numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_yaml11_only_line_breaks_do_not_shift_findings(tmp_path: Path, char: str) -> None:
    text = (
        ORG.replace("name: Acme", f'name: "Ac{char}me"')
        + "  - {id: a, title: A, reports_to: ceo, bogus: 1}\n"
    )
    findings = [f for f in run_org(tmp_path, text) if f.rule == "ORG002"]
    assert [(f.line, f.column) for f in findings] == [(7, 40)]
    broken = load_text(f'a: "x{char}y"\nb: [1,\n', "f.yaml")
    assert [(f.line, f.column) for f in broken.findings] == [(3, 1)]


# --- class 8 and issue 20 item 6: walks are linear --------------------------------------------


def _deep_orgs() -> dict[str, str]:
    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    import deep

    return {"chain": deep.chain_org(600), "nest": deep.nested_units_org(400)}


@pytest.mark.parametrize("kind", ["chain", "nest"])
def test_deep_structures_need_no_walk_per_element(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validate, stats, cards and the explorer never walk a subtree or ancestry per element.

    Each such walk is linear in the depth, so one per element is quadratic on deep
    chains and unit trees (the bench in bench/deep.py measures it).
    """
    from orgdesign.analysis import stats
    from orgdesign.output.chart import explorer
    from orgdesign.output.documents import cards

    org_file = tmp_path / "org.yaml"
    org_file.write_text(_deep_orgs()[kind])
    calls = {"walks": 0}
    real = Lines.descendants

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["walks"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(Lines, "descendants", counted)
    real_ancestors = OrgGraph.unit_ancestors

    def counted_ancestors(self, uid):  # type: ignore[no-untyped-def]
        calls["walks"] += 1
        return real_ancestors(self, uid)

    monkeypatch.setattr(OrgGraph, "unit_ancestors", counted_ancestors)
    run = api.validate([(org_file, "org.yaml")])
    org = run.results[0].org
    assert org is not None
    graph = OrgGraph(org)
    stats.compute_stats(org, graph, span_min=2, span_max=12, max_a=15)
    cards.role_cards(org, graph)
    explorer.build_payload(org, graph, [], ChartOptions())
    assert calls["walks"] <= 5, calls
