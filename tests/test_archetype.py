"""ARCH401-ARCH405: cases in cases/archetype.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, check_case, load_cases, run_org
from orgdesign import api
from orgdesign.assemble.graph import OrgGraph
from orgdesign.assemble.project import assemble
from orgdesign.domain.archetypes import infer_archetype
from orgdesign.model import Org


@pytest.mark.parametrize("case", load_cases("archetype"))
def test_archetype_rules(tmp_path: Path, case: dict[str, Any]) -> None:
    check_case(tmp_path, case)


# --- the samples --------------------------------------------------------------------------

SAMPLES = REPO / "sample_orgs"
ARCHETYPE_NAMES = ("lean", "functional", "matrix", "divisional")


def _load(path: Path) -> tuple[Org, OrgGraph]:
    org = assemble(path).org
    return org, OrgGraph(org)


def _line_of(text: str, fragment: str) -> int:
    """1-based number of the first line containing `fragment`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


@pytest.mark.parametrize("name", ARCHETYPE_NAMES)
def test_sample_is_clean_and_inferred_as_its_own_archetype(name: str) -> None:
    path = SAMPLES / f"{name}.yaml"
    run = api.validate([(path, str(path))])
    assert run.findings == []
    org, graph = _load(path)
    inference = infer_archetype(org, graph)
    assert inference.archetype == name, inference
    assert set(inference.scores) == set(ARCHETYPE_NAMES)
    assert inference.scores[name] == max(inference.scores.values())
    assert all(
        score < inference.scores[name] for key, score in inference.scores.items() if key != name
    )
    assert inference.reasons and all(isinstance(r, str) and r for r in inference.reasons)


def test_matrix_sample_without_priority_rules(tmp_path: Path) -> None:
    text = (SAMPLES / "matrix.yaml").read_text(encoding="utf-8")
    cut = text[: text.index("\npriority_rules:")] + "\n"
    findings = run_org(tmp_path, cut)
    got = sorted((f.rule, f.line) for f in findings)
    dotted = [
        i for i, line in enumerate(cut.splitlines(), 1) if line.strip().startswith("dotted_to:")
    ]
    assert len(dotted) == 3
    expected = [("ARCH401", _line_of(cut, "archetype: matrix"))]
    expected += [("DUAL301", line) for line in dotted]
    assert got == sorted(expected), findings
    arch = next(f for f in findings if f.rule == "ARCH401")
    assert "without priority rules" in arch.message and "decision friction" in arch.message
    assert {f.severity.value for f in findings if f.rule == "DUAL301"} == {"error"}


def _drop_entries(text: str, scope: str, responsibilities: set[str]) -> str:
    """The file without the RACI entries on `responsibilities` scoped to `scope`."""
    head, raci = text.split("\nraci:\n", 1)
    blocks = raci.split("\n  - responsibility: ")
    kept = [blocks[0]] + [
        block
        for block in blocks[1:]
        if not (block.split("\n", 1)[0] in responsibilities and f"scope: {scope}\n" in block)
    ]
    return head + "\nraci:\n" + "\n  - responsibility: ".join(kept)


def test_divisional_sample_without_one_divisions_promotion(tmp_path: Path) -> None:
    path = SAMPLES / "divisional.yaml"
    text = path.read_text(encoding="utf-8")
    org, _graph = _load(path)
    promotion = {r.id for r in org.leaf_responsibilities() if r.stage == "promotion"}
    cut = _drop_entries(text, "casarte", promotion)
    assert cut.count("scope: casarte") == text.count("scope: casarte") - 3
    findings = run_org(tmp_path, cut)
    assert [(f.rule, f.line) for f in findings] == [
        ("ARCH402", _line_of(cut, "- {id: casarte, name: Casarte Division"))
    ], findings
    message = findings[0].message
    assert "'casarte'" in message and "promotion (推广)" in message
    assert "research" not in message.split("for", 1)[1].split("inside")[0]


def test_divisional_sample_without_group_brand_owner(tmp_path: Path) -> None:
    text = (SAMPLES / "divisional.yaml").read_text(encoding="utf-8")
    cut = text.replace(
        "  - responsibility: brand.consistency\n    A: group-cmo\n",
        "  - responsibility: brand.consistency\n    scope: leader\n    A: leader-mkt-director\n",
    )
    assert cut != text
    findings = [f for f in run_org(tmp_path, cut) if f.rule.startswith("ARCH")]
    assert [(f.rule, f.line) for f in findings] == [
        ("ARCH404", _line_of(cut, "archetype: divisional"))
    ]
    assert "brand consistency" in findings[0].message


# --- inference on small structures --------------------------------------------------------

TINY = """\
orgdesign: 1
organization: {id: t, name: T, function: marketing}
positions:
  - {id: ceo, title: CEO}
"""


def test_a_single_position_is_lean(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(TINY, encoding="utf-8")
    inference = infer_archetype(*_load(path))
    assert inference.archetype == "lean"
    assert inference.scores["lean"] == 1.0


def test_dotted_lines_from_business_lines_make_a_matrix(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        TINY
        + "  - {id: brand, title: Brand, unit: co, reports_to: ceo}\n"
        + "".join(
            f"  - {{id: {x}-gm, title: GM, unit: {x}, reports_to: ceo}}\n"
            f"  - {{id: {x}-mkt, title: Mkt, unit: {x}, reports_to: {x}-gm, dotted_to: brand}}\n"
            for x in ("a", "b")
        )
        + "units:\n  - {id: co, name: Co, head: ceo}\n"
        + "  - {id: a, name: A, type: product-line, parent: co, head: a-gm}\n"
        + "  - {id: b, name: B, type: region, parent: co, head: b-gm}\n",
        encoding="utf-8",
    )
    inference = infer_archetype(*_load(path))
    assert inference.archetype == "matrix"
    assert any("on a dotted line, to a shared function" in r for r in inference.reasons)
    assert any(r.startswith("However: Not every dual-reporting") for r in inference.reasons)
