"""Native directory formats in and out: Backstage catalog, SCIM 2.0, LDIF, W3C ORG.

Each sample keeps every person and every line (membership or manager) through
import, and through export back to the same format; W3C ORG output is read
back with rdflib.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import ldif
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph
from rdflib.namespace import FOAF, ORG
from scim2_models import EnterpriseUser, ListResponse, User
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.cli.app import app
from orgdesign.findings import Severity
from orgdesign.model import Org

runner = CliRunner()
DATA = Path(__file__).parent / "data" / "hris"
REPO = Path(__file__).parent.parent


def load(path: Path) -> Org:
    result = api.validate([(path, str(path))]).results[0]
    assert result.org is not None, [f.message for f in result.findings]
    assert not [f for f in result.findings if f.severity is Severity.ERROR and f.rule < "P"]
    return result.org


def do_import(src: Path, out: Path, *args: str) -> Org:
    result = runner.invoke(app, ["import", str(src), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return load(out)


def do_export(org_file: Path, out: Path, *args: str) -> str:
    result = runner.invoke(app, ["export", str(org_file), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out.read_text("utf-8")


def lines_by_id(org: Org) -> set[tuple[str, str | None]]:
    """(employee id, manager's employee id) of every holder: the reporting lines of people."""
    first = {p.id: (p.holder_ids or [None])[0] for p in org.positions}
    return {
        (hid or name, first.get(p.reports_to) if p.reports_to else None)
        for p in org.positions
        for name, hid in zip(p.holders, p.holder_ids, strict=True)
    }


# --- SCIM -----------------------------------------------------------------------------------


def scim_lines(text: str) -> set[tuple[str, str | None]]:
    response = ListResponse[User[EnterpriseUser]].model_validate(
        {
            **json.loads(text),
            "Resources": [
                r for r in json.loads(text)["Resources"] if "Group" not in r["schemas"][0]
            ],
        }
    )
    by_scim = {u.id: u[EnterpriseUser].employee_number for u in response.resources or []}
    out = set()
    for user in response.resources or []:
        ext = user[EnterpriseUser]
        manager = ext.manager.value if ext.manager else None
        out.add((ext.employee_number, by_scim.get(manager) if manager else None))
    return out


def test_scim_sample_keeps_people_and_lines_and_exports_back(tmp_path: Path) -> None:
    src = DATA / "scim-users.json"
    org = do_import(src, tmp_path / "org.yaml")
    expected = scim_lines(src.read_text("utf-8"))
    assert len(expected) == 12
    assert lines_by_id(org) == expected
    assert "王芳" in {h for p in org.positions for h in p.holders}
    assert "Neena Kochhar" in {h for p in org.positions for h in p.holders}  # given + family
    text = do_export(tmp_path / "org.yaml", tmp_path / "back.json")
    assert scim_lines(text) == expected
    again = do_import(tmp_path / "back.json", tmp_path / "again.yaml")
    assert lines_by_id(again) == expected


# --- LDIF -----------------------------------------------------------------------------------


def ldif_lines(data: bytes) -> set[tuple[str, str | None]]:
    entries = [(dn, e) for dn, e in ldif.LDIFParser(io.BytesIO(data)).parse() if "cn" in e]
    number = {dn.lower(): e["employeeNumber"][0] for dn, e in entries}
    return {
        (e["employeeNumber"][0], number.get(e["manager"][0].lower()) if "manager" in e else None)
        for _, e in entries
    }


def test_ldif_sample_keeps_people_and_lines_and_exports_back(tmp_path: Path) -> None:
    src = DATA / "directory.ldif"
    org = do_import(src, tmp_path / "org.yaml")
    expected = ldif_lines(src.read_bytes())
    assert len(expected) == 12
    assert lines_by_id(org) == expected
    names = {h for p in org.positions for h in p.holders}
    assert "王芳" in names  # a base64 value (cn::)
    titles = {p.title for p in org.positions}
    assert any("Application Runtime and Tooling" in t for t in titles)  # a folded line
    text = do_export(tmp_path / "org.yaml", tmp_path / "back.ldif")
    assert "cn:: " in text  # non-ASCII values written base64, as RFC 2849 requires
    assert ldif_lines(text.encode("utf-8")) == expected
    again = do_import(tmp_path / "back.ldif", tmp_path / "again.yaml")
    assert lines_by_id(again) == expected


# --- Backstage ------------------------------------------------------------------------------


def catalog(path: Path) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Group parents and (user, group) memberships of a catalog file or folder."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    docs = [d for f in files for d in yaml.safe_load_all(f.read_text("utf-8")) if d]
    parents = {
        d["metadata"]["name"]: d["spec"].get("parent", "") for d in docs if d["kind"] == "Group"
    }
    members = {
        (d["spec"]["profile"]["displayName"], g)
        for d in docs
        if d["kind"] == "User"
        for g in d["spec"]["memberOf"]
    }
    return parents, members


def memberships(org: Org) -> set[tuple[str, str]]:
    return {(h, p.unit or "") for p in org.positions for h in p.holders}


def test_backstage_catalog_keeps_every_user_and_group_and_exports_back(tmp_path: Path) -> None:
    src = DATA / "backstage-acme"
    org = do_import(src, tmp_path / "org.yaml")
    parents, members = catalog(src)
    assert memberships(org) == members  # 16 users, one of them in two teams
    assert {u.id: u.parent or "" for u in org.units} == parents
    types = {u.id: u.type for u in org.units}
    assert types["acme-corp"] == "company" and types["backstage"] == "department"
    do_export(tmp_path / "org.yaml", tmp_path / "catalog.yaml")
    assert catalog(tmp_path / "catalog.yaml") == (parents, members)
    again = do_import(tmp_path / "catalog.yaml", tmp_path / "again.yaml")
    assert memberships(again) == members
    assert {p.title for p in again.positions} == {p.title for p in org.positions}


def test_backstage_multi_seat_user_is_reported(tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    do_import(DATA / "backstage-acme", tmp_path / "org.yaml", "--report", str(report))
    data = json.loads(report.read_text("utf-8"))
    assert [p["name"] for p in data["multi_seat_people"]] == ["Tara MacGovern"]
    assert any("group leader" in n for n in data["not_carried"])


# --- W3C ORG --------------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "fmt"), [(".ttl", "turtle"), (".jsonld", "json-ld")])
@pytest.mark.parametrize("sample", sorted((REPO / "sample_orgs").glob("*.yaml")), ids=str)
def test_w3c_org_parses_with_rdflib(tmp_path: Path, sample: Path, suffix: str, fmt: str) -> None:
    org = load(sample)
    text = do_export(sample, tmp_path / f"org{suffix}")
    graph = Graph().parse(data=text, format=fmt)
    posts = set(graph.subjects(RDF.type, ORG.Post))
    assert len(posts) == len(org.positions)
    assert len(set(graph.subject_objects(ORG.reportsTo))) == sum(
        1 for p in org.positions if p.reports_to
    )
    assert len(set(graph.subject_objects(ORG.hasSubOrganization))) == len(org.units)
    holders = sum(len(p.holders) for p in org.positions)
    assert len(set(graph.subjects(RDF.type, FOAF.Person))) == holders
    assert len(set(graph.subject_objects(ORG.holds))) == holders


def test_export_kind_from_the_option(tmp_path: Path) -> None:
    sample = REPO / "sample_orgs" / "lean.yaml"
    text = do_export(sample, tmp_path / "org.data", "--to", "turtle")
    assert "org:Post" in text
    result = runner.invoke(
        app, ["import", str(tmp_path / "org.data"), "-o", str(tmp_path / "x.yaml")]
    )
    assert result.exit_code == 2 and "--from" in result.stderr


# --- generated round trips ------------------------------------------------------------------

NAME = st.text(alphabet=st.sampled_from("Ab éZ'-=+@王磊#,;\""), min_size=1, max_size=8).filter(
    lambda s: s.strip() == s and s.strip()
)


@st.composite
def orgs(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 8))
    empty_units = draw(st.integers(0, 2))
    units = [{"id": "hq", "name": "HQ", "type": "company", "head": "p0"}]
    units += [
        {"id": f"u{i}", "name": draw(NAME), "type": "team", "parent": "hq"}
        for i in range(empty_units)
    ]
    positions = []
    used_ids: set[str] = set()
    for i in range(count):
        pos: dict[str, object] = {"id": f"p{i}", "title": draw(NAME), "unit": "hq"}
        if i:
            pos["reports_to"] = f"p{draw(st.integers(0, i - 1))}"
        seats = draw(st.integers(1, 3))
        if seats > 1:
            pos["headcount"] = seats
        holders: list[object] = []
        for _ in range(draw(st.integers(0, seats))):
            name = draw(NAME)
            hid = draw(st.one_of(st.none(), st.from_regex(r"[A-Z]?[0-9]{1,4}", fullmatch=True)))
            if hid is not None and hid not in used_ids:
                used_ids.add(hid)
                holders.append({"name": name, "id": hid})
            else:
                holders.append(name)
        if holders:
            pos["holders"] = holders
        if draw(st.booleans()):
            pos["cost"] = draw(st.integers(0, 10**6))
        if draw(st.booleans()):
            pos["description"] = draw(NAME)
        positions.append(pos)
    data = {
        "orgdesign": 1,
        "organization": {"id": "gen", "name": "Gen"},
        "units": units,
        "positions": positions,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def shape(org: Org) -> Any:
    return (
        sorted(
            (
                p.id,
                p.title,
                p.reports_to,
                p.headcount,
                # Holders are written in employee-id order (row order must not matter).
                tuple(sorted(zip(p.holders, p.holder_ids, strict=True), key=str)),
                p.cost,
                p.description,
            )
            for p in org.positions
        ),
        sorted((u.id, u.name, u.type, u.parent, u.head) for u in org.units),
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=orgs(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_export_then_import_gives_the_same_org(tmp_path: Path, text: str, suffix: str) -> None:
    src = tmp_path / "org.yaml"
    src.write_text(text, "utf-8")
    original = api.validate([(src, "org")]).results[0].org
    assert original is not None
    table = tmp_path / f"t{suffix}"
    assert runner.invoke(app, ["export", str(src), "-o", str(table)]).exit_code == 0
    result = runner.invoke(app, ["import", str(table), "-o", str(tmp_path / "back.yaml")])
    assert result.exit_code == 0, result.output
    back = api.validate([(tmp_path / "back.yaml", "back")]).results[0].org
    assert back is not None
    assert shape(back) == shape(original)
