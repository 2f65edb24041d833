"""Archetype rules and prose apply to the marketing function only (issue 14, item 5).

An IT and shipping company (like the Oracle HR sample) got ARCH405 about "big
campaigns" for its Shipping and IT departments. The archetypes describe a
marketing function: a unit marked `function: marketing`, the units holding
marketing responsibilities, or a unit named for marketing.
"""

from __future__ import annotations

from pathlib import Path

from orgdesign import api
from orgdesign.analysis.stats import archetype_figures
from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes import analyse
from orgdesign.domain.marketing_scope import find_marketing
from orgdesign.findings import Finding
from orgdesign.model import Org

COMPANY = """\
orgdesign: 1
organization: {id: ship, name: Harbour Shipping and IT}
units:
  - {id: "90", name: Executive, type: company, head: king}
  - {id: "50", name: Shipping, parent: "90", head: ship-head}
  - {id: "51", name: Docks, parent: "50", head: dock-lead}
  - {id: "52", name: Warehouse, parent: "50", head: wh-lead}
  - {id: "60", name: IT, parent: "90", head: it-head}
  - {id: "61", name: Infrastructure, parent: "60", head: infra-lead}
  - {id: "62", name: Applications, parent: "60", head: app-lead}
positions:
  - {id: king, title: President, unit: "90", holders: [Steven King]}
  - {id: coo, title: Operations Director, unit: "90", reports_to: king, holders: [N]}
  - {id: ship-head, title: Shipping Manager, unit: "50", reports_to: coo, holders: [A]}
  - {id: dock-lead, title: Dock Lead, unit: "51", reports_to: ship-head, holders: [T1]}
  - {id: dock-clerk, title: Dock Clerk, unit: "51", reports_to: dock-lead, headcount: 4}
  - {id: wh-lead, title: Warehouse Lead, unit: "52", reports_to: ship-head, holders: [T2]}
  - {id: wh-clerk, title: Stock Clerk, unit: "52", reports_to: wh-lead, headcount: 4}
  - {id: it-head, title: IT Manager, unit: "60", reports_to: coo, holders: [H]}
  - {id: infra-lead, title: Infrastructure Lead, unit: "61", reports_to: it-head, holders: [B]}
  - {id: infra-eng, title: Engineer, unit: "61", reports_to: infra-lead, headcount: 3}
  - {id: app-lead, title: Applications Lead, unit: "62", reports_to: it-head, holders: [D]}
  - {id: programmer, title: Programmer, unit: "62", reports_to: app-lead, headcount: 3}
"""

MARKETING_DEPT = """\
  - {id: "20", name: Marketing, parent: "90", head: mkt-head}
"""
MARKETING_PEOPLE = """\
  - {id: mkt-head, title: Marketing Manager, unit: "20", reports_to: king, holders: [M H]}
  - {id: mkt-rep, title: Marketing Representative, unit: "20", reports_to: mkt-head}
"""
WORDS = ("campaign", "marketing director", "discipline group", "marketing")


def load(tmp_path: Path, text: str) -> tuple[Org, OrgGraph, list[Finding]]:
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    org, findings = api.load_org(path, "org.yaml")
    assert org is not None
    return org, OrgGraph(org), findings


def with_marketing(extra_unit: str = MARKETING_DEPT) -> str:
    return COMPANY.replace("positions:\n", extra_unit + "positions:\n") + MARKETING_PEOPLE


def test_a_company_without_marketing_gets_no_archetype_findings_or_prose(tmp_path: Path) -> None:
    org, graph, findings = load(tmp_path, COMPANY)
    assert not [f for f in findings if f.rule.startswith("ARCH")]
    assert not any(w in f.message.lower() for f in findings for w in WORDS)
    figures = archetype_figures(org, graph)
    assert figures.inferred == "none"
    assert not any("campaign" in r for r in figures.reasons)
    assert "function: marketing" in figures.reasons[0]


def test_a_named_marketing_department_is_the_only_part_judged(tmp_path: Path) -> None:
    org, graph, findings = load(tmp_path, with_marketing())
    scope = find_marketing(org, graph)
    assert scope.source == "named" and scope.units == {"20"}
    assert scope.positions == {"mkt-head", "mkt-rep"}
    # Shipping and IT are not the functional design's discipline groups.
    assert not [f for f in findings if f.rule == "ARCH405"]
    groups = analyse(org, graph).groups
    assert "50" not in groups and "60" not in groups
    reasons = archetype_figures(org, graph).reasons
    assert reasons[-1] == "Judged on the marketing function only: Marketing (20)."


def test_a_unit_marked_function_marketing_wins_over_names(tmp_path: Path) -> None:
    growth = (
        '  - {id: "70", name: Growth, parent: "90", head: growth-head, function: marketing}\n'
        '  - {id: "71", name: Content, parent: "70", head: content-lead}\n'
        '  - {id: "72", name: Performance, parent: "70", head: perf-lead}\n'
    )
    people = (
        '  - {id: growth-head, title: Head of Growth, unit: "70", reports_to: king}\n'
        '  - {id: content-lead, title: Content Lead, unit: "71", reports_to: growth-head}\n'
        '  - {id: perf-lead, title: Performance Lead, unit: "72", reports_to: growth-head}\n'
        '  - {id: writer, title: Writer, unit: "71", reports_to: content-lead, headcount: 6}\n'
        '  - {id: buyer, title: Media Buyer, unit: "72", reports_to: perf-lead, headcount: 6}\n'
    )
    text = COMPANY.replace("positions:\n", growth + "positions:\n") + people
    org, graph, findings = load(tmp_path, text)
    scope = find_marketing(org, graph)
    assert scope.source == "marked" and scope.units == {"70", "71", "72"}
    walls = [f for f in findings if f.rule == "ARCH405"]
    assert len(walls) == 1
    assert "71" in walls[0].message and "72" in walls[0].message
    assert "50" not in walls[0].message and "60" not in walls[0].message


def test_marketing_responsibilities_place_the_function(tmp_path: Path) -> None:
    text = (
        COMPANY.replace(
            "organization: {id: ship, name: Harbour Shipping and IT}\n",
            "organization: {id: ship, name: Harbour Shipping and IT}\n"
            "catalogs: [builtin:marketing]\n",
        )
        + "raci:\n  - {responsibility: brand.pr, A: coo, R: [wh-lead]}\n"
    )
    org, graph, _ = load(tmp_path, text)
    scope = find_marketing(org, graph)
    assert scope.source == "raci"
    assert scope.positions == {"coo", "wh-lead"}


def test_sample_organisations_keep_their_archetypes() -> None:
    samples = Path(__file__).parent.parent / "sample_orgs"
    for name in ("lean", "functional", "matrix", "divisional"):
        org, findings = api.load_org(samples / f"{name}.yaml")
        assert org is not None
        assert archetype_figures(org, OrgGraph(org)).inferred == name
        assert not [f for f in findings if f.rule.startswith("ARCH")]
