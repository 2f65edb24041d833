"""DUAL301-DUAL305: cases in cases/dual.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import check_case, load_cases


@pytest.mark.parametrize("case", load_cases("dual"))
def test_dual_rules(tmp_path: Path, case: dict[str, Any]) -> None:
    check_case(tmp_path, case)


def test_dual301_is_an_error_when_the_structure_is_inferred_matrix(tmp_path: Path) -> None:
    """No declared archetype: the matrix sample without its priority rules is still a matrix."""
    from conftest import REPO, run_org

    text = (REPO / "sample_orgs" / "matrix.yaml").read_text(encoding="utf-8")
    text = text.replace("  archetype: matrix\n", "")
    text = text[: text.index("\npriority_rules:")] + "\n"
    findings = [f for f in run_org(tmp_path, text) if f.rule == "DUAL301"]
    assert findings and {f.severity.value for f in findings} == {"error"}
