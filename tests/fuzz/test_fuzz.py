"""A short fuzz budget in the normal suite: every command family, a few dozen inputs each.

`make fuzz` runs the same harness with 10,000 inputs per family.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .harness import BASE_ORG, FAMILIES, fuzz

BUDGET = int(os.environ.get("ORGDESIGN_FUZZ_INPUTS", "15"))


@pytest.mark.parametrize("family", [f for f in FAMILIES if f != "build"] + ["build"])
def test_no_internal_error_or_hang(
    tmp_path: Path, family: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "base.yaml").write_text(BASE_ORG, encoding="utf-8")
    monkeypatch.chdir(work)
    counts = fuzz(family, 5 if family == "build" else BUDGET, 30.0, work)
    assert counts.inputs > 0
    assert (counts.crashes, counts.hangs) == (0, 0), counts.examples
