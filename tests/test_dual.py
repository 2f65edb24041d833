"""DUAL301-DUAL305: cases in cases/dual.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import check_case, load_cases


@pytest.mark.parametrize("case", load_cases("dual"))
def test_dual_rules(tmp_path: Path, case: dict[str, Any]) -> None:
    check_case(tmp_path, case)
