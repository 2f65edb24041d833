"""ORG004 and ORG101-ORG109: cases in cases/structure.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import check_case, load_cases


@pytest.mark.parametrize("case", load_cases("structure"))
def test_structure_rules(tmp_path: Path, case: dict[str, Any]) -> None:
    check_case(tmp_path, case)
