"""PROJ501-PROJ504 (cases in cases/projects.yaml) and `commitments`, which role cards read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, check_case, load_cases
from orgdesign.assemble.project import assemble
from orgdesign.lint.rules.projects import commitments


@pytest.mark.parametrize("case", load_cases("projects"))
def test_project_rules(tmp_path: Path, case: dict[str, Any]) -> None:
    check_case(tmp_path, case)


def test_commitments_list_each_project_once_per_position(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "orgdesign: 1\norganization: {id: t, name: T}\n"
        "positions:\n  - {id: ceo, title: CEO}\n  - {id: a, title: A, reports_to: ceo}\n"
        "projects:\n"
        "  - {id: p1, name: P1, lead: a, members: [a, ceo, ghost]}\n"
        "  - {id: p2, name: P2, lead: ceo, members: [a]}\n",
        encoding="utf-8",
    )
    found = commitments(assemble(path).org)
    assert [(c.project.id, c.role) for c in found["a"]] == [("p1", "lead"), ("p2", "member")]
    assert [(c.project.id, c.role) for c in found["ceo"]] == [("p1", "member"), ("p2", "lead")]
    assert "ghost" not in found


def test_functional_sample_project_reaches_its_members() -> None:
    org = assemble(REPO / "sample_orgs" / "functional.yaml").org
    found = commitments(org)
    assert [c.role for c in found["campaign-lead"]] == ["lead"]
    members = {pid for pid, items in found.items() if any(c.role == "member" for c in items)}
    assert {"data-analyst", "content-specialist", "research-analyst"} <= members
