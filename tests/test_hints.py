"""Suggestions for unknown ids ("did you mean") stay within a budget of comparisons."""

from __future__ import annotations

from pathlib import Path

from conftest import run_org
from orgdesign.lint.hints import Hints


def test_the_budget_counts_the_ids_compared_and_then_stops_suggesting() -> None:
    known = [f"p{i:04d}" for i in range(100)]
    hints = Hints(budget=250)
    assert hints.closest("p0012x", known) == "p0012"
    assert hints.closest("p0013x", known) == "p0013"
    assert hints.left == 50
    assert hints.closest("p0014x", known) is None, "no search once the budget is spent"
    assert hints.closest("zzzzzzz", ["p0001"]) is None and hints.left == 49


def test_many_unknown_references_are_all_reported_the_first_with_a_suggestion(
    tmp_path: Path,
) -> None:
    # One file that cannot be read makes every reference into it unknown at once.
    ids = [f"p{i:05d}" for i in range(1200)]
    lines = [f"  - {{id: {pid}, title: T, reports_to: {pid}x}}" for pid in ids]
    text = "orgdesign: 1\norganization: {id: o, name: O}\npositions:\n  - {id: top, title: Top}\n"
    found = run_org(tmp_path, text + "\n".join(lines) + "\n")
    unknown = [f for f in found if f.rule == "ORG004"]
    assert len(unknown) == 1200
    unknown.sort(key=lambda f: f.line)
    assert "did you mean 'p00000'?" in unknown[0].message
    assert "did you mean" not in unknown[-1].message, "the budget ran out before the last"
    assert sum("did you mean" in f.message for f in unknown) == 1_000_000 // 1201
