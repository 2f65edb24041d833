"""Backstage owners as RACI (issue 15): `spec.owner` of Components, APIs, Systems, Resources
and Domains; the import report; the round trip; mutated catalogs never crash the import."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fuzz.strategies import structurally_mutated
from orgdesign import api
from orgdesign.analysis import hris
from orgdesign.analysis.tables import TableError
from orgdesign.cli.app import app
from orgdesign.findings import Severity
from orgdesign.model import Org

runner = CliRunner()
CATALOG = Path(__file__).parent / "data" / "hris" / "catalog-info.yaml"


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stderr


def load(path: Path) -> Org:
    run = api.validate([(path, str(path))])
    errors = [f for f in run.results[0].findings if f.severity is Severity.ERROR]
    assert not errors, errors
    org = run.results[0].org
    assert org is not None
    return org


def raci_of(org: Org) -> dict[str, tuple[str, list[str]]]:
    return {e.responsibility: (e.A[0], list(e.R)) for e in org.raci}


def holders_of(org: Org, position: str) -> list[str]:
    return next(p.holders for p in org.positions if p.id == position)


def test_owners_become_raci_with_the_group_lead_accountable(tmp_path: Path) -> None:
    out, report = tmp_path / "org.yaml", tmp_path / "report.json"
    err = cli("import", str(CATALOG), "-o", str(out), "--report", str(report))
    org = load(out)
    raci = raci_of(org)
    heads = {u.id: u.head for u in org.units}
    # A group owner: its lead seat is A, its member seat(s) R.
    assert raci["component.artist-web"] == (heads["team-a"], ["member-team-a"])
    assert holders_of(org, "member-team-a") == ["Breanna Davison", "Janelle Dawe"]
    # `group:team-b` (kind given, no namespace); the member listed by the group's `members`.
    assert raci["component.wayback-search"] == (heads["team-b"], ["member-team-b"])
    # A user owner is A and R through the seat the user holds.
    assert raci["component.podcast-api"] == ("member-team-a", ["member-team-a"])
    # A bare name that is a User (the owner's default kind is Group).
    guest_seat = raci["resource.artists-db"][0]
    assert "Guest User" in holders_of(org, guest_seat)
    assert raci["api.artist-api"][0] == heads["team-a"]
    assert raci["domain.artists"][0] == heads["team-a"]
    # Owners the catalog does not know: from the System (a System: from its Domain).
    assert raci["component.queue-proxy"][0] == heads["team-a"]
    assert raci["system.podcast"][0] == heads["team-a"]
    assert "component.shuffle-api" not in raci
    names = {r.id: r.name for r in org.responsibilities}
    assert names["component.wayback-search"] == "Wayback search"  # metadata.title
    described = {r.id: r.description for r in org.responsibilities}
    assert described["component.artist-web"] == "The place to be, for great artists"
    data = json.loads(report.read_text("utf-8"))
    status = {o["entity"]: o["status"] for o in data["owners"]}
    assert status["Component artist-web"] == "mapped"
    assert status["Component queue-proxy"] == "inferred"
    assert status["System podcast"] == "inferred"
    assert status["Component shuffle-api"] == "ignored"
    assert len(status) == 10
    ignored = next(o for o in data["owners"] if o["status"] == "ignored")
    assert ignored["row"] == 19 and ignored["owner"] == "group:default/nobody"
    assert "7 mapped" in err and "2 inferred" in err and "1 ignored" in err
    assert "row 19: Component shuffle-api" in err
    assert any("1 Location, 1 Template" in n for n in data["not_carried"])
    assert any("spec.lifecycle" in n for n in data["not_carried"])


def test_the_round_trip_keeps_the_raci(tmp_path: Path) -> None:
    first, back, again = tmp_path / "org.yaml", tmp_path / "catalog.yaml", tmp_path / "again.yaml"
    cli("import", str(CATALOG), "-o", str(first))
    cli("export", str(first), "-o", str(back))
    docs = [d for d in yaml.safe_load_all(back.read_text("utf-8")) if d]
    owners = {d["metadata"]["name"]: d["spec"]["owner"] for d in docs if d["kind"] == "Component"}
    assert owners["artist-web"] == "group:team-a"
    assert owners["podcast-api"].startswith("user:")
    kinds = {"Group", "User", "Component", "API", "System", "Resource", "Domain"}
    assert {d["kind"] for d in docs} == kinds
    api_doc = next(d for d in docs if d["kind"] == "API")
    assert {"type", "lifecycle", "owner", "definition"} <= set(api_doc["spec"])
    cli("import", str(back), "-o", str(again))
    strip = lambda p: p.read_text("utf-8").split("\n", 1)[1]  # noqa: E731 - the header names the source
    assert strip(again) == strip(first)
    assert raci_of(load(again)) == raci_of(load(first))


def test_a_catalog_without_owned_entities_has_no_raci(tmp_path: Path) -> None:
    docs = [d for d in yaml.safe_load_all(CATALOG.read_text("utf-8")) if d]
    src = tmp_path / "people.yaml"
    src.write_text(yaml.safe_dump_all([d for d in docs if d["kind"] in ("Group", "User")]), "utf-8")
    result = hris.import_hris(src)
    assert "raci" not in result.data and "responsibilities:" not in result.text
    assert result.report is not None and result.report.owners == []


# --- mutated catalogs -------------------------------------------------------------------------

DOCS: list[Any] = [d for d in yaml.safe_load_all(CATALOG.read_text("utf-8")) if d]
NAMES = [
    *("team-a", "group:team-a", "user:janelle.dawe", "group:default/ghost", "system:podcast"),
    *("artist-engagement-portal", "artists", "", ":", "a/b/c", "Group", "组", "x" * 300),
]


@st.composite
def catalogs(draw: st.DrawFn) -> list[Any]:
    """The catalog with parts changed, dropped, added, duplicated or nested (the fuzz mutations),
    then some owners and references pointed at names that may or may not exist."""
    mutated = draw(structurally_mutated({"docs": copy.deepcopy(DOCS)}))
    docs = mutated.get("docs") if isinstance(mutated, dict) else None
    docs = docs if isinstance(docs, list) else []
    for doc in docs:
        spec = doc.get("spec") if isinstance(doc, dict) else None
        if isinstance(spec, dict) and draw(st.booleans()):
            field = draw(st.sampled_from(["owner", "system", "domain", "parent", "memberOf"]))
            spec[field] = draw(st.sampled_from(NAMES) | st.lists(st.sampled_from(NAMES)))
    return docs


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(docs=catalogs())
def test_mutated_catalogs_never_crash_the_import(tmp_path: Path, docs: list[Any]) -> None:
    try:
        text = yaml.safe_dump_all(docs, allow_unicode=True)
    except RecursionError:  # nested past what PyYAML can write: not a catalog anyone has
        reject()
    src = tmp_path / "catalog-info.yaml"
    src.write_text(text, "utf-8")
    try:
        result = hris.import_hris(src, hris.ImportOptions(on_error="skip"))
    except (TableError, hris.ImportInputError, hris.ImportUsageError) as exc:
        assert str(src) in str(exc)
        return
    out = tmp_path / "org.yaml"
    out.write_text(result.text, "utf-8")
    findings = api.validate([(out, str(out))]).results[0].findings
    errors = [f for f in findings if f.severity is Severity.ERROR and f.rule.startswith("ORG")]
    assert not errors, (errors, result.text)
    positions = {p["id"] for p in result.data["positions"]}
    for entry in result.data.get("raci", []):
        assert entry["A"] in positions and set(entry["R"]) <= positions
