"""Suggestions for an unknown id ("did you mean 'ceo'?"), within a budget of comparisons.

This module owns `Hints`. difflib compares an unknown id with every known one: at a
million positions one search takes about a second, and a file that cannot be read
leaves thousands of references unknown at once (100,000 positions with one broken
file of twenty: 5 min 31 s, nearly all of it in these searches). So the searches of
one rule stop once they have compared `BUDGET` ids in all; the references after that
are still reported, without a suggestion.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection

BUDGET = 1_000_000
"""Known ids compared, summed over the searches of one rule (about a second)."""


class Hints:
    """The closest known id of each unknown one, while the budget lasts."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.left = budget

    def closest(self, word: str, known: Collection[str]) -> str | None:
        """The known id closest to `word` (similarity at least 0.75), or None."""
        if len(known) > self.left:
            return None
        self.left -= len(known)
        found = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
        return found[0] if found else None
