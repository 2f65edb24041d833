"""Dual-reporting rules: every dotted line governed by an explicit priority rule (DUAL301-DUAL305).

Dual reporting is the matrix archetype's risk: two managers cause decision
friction unless explicit priority rules settle who decides what. A priority rule
says, per decision domain, which of a position's managers has the final word
(`solid`, `dotted` or a named manager) and who arbitrates (`escalation`).
"""

from __future__ import annotations

from orgdesign.lint.engine import Rule
from orgdesign.lint.rules.dual import coverage, deciders

RULES: list[Rule] = [rule for module in (coverage, deciders) for rule in module.RULES]
