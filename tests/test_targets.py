"""TGT601-TGT605: cases in cases/targets.yaml; targets from the configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import check_case, load_cases, run_org
from orgdesign.load.config import ConfigError


@pytest.mark.parametrize("case", load_cases("targets"))
def test_target_rules(tmp_path: Path, case: dict[str, Any]) -> None:
    check_case(tmp_path, case)


def test_bad_config_targets_is_a_config_error(tmp_path: Path) -> None:
    org = "orgdesign: 1\norganization: {id: t, name: T}\npositions: [{id: ceo, title: CEO}]\n"
    with pytest.raises(ConfigError, match=r"tool.orgdesign.targets"):
        run_org(tmp_path, org, config={"targets": {"span": {"max": "many"}}})
