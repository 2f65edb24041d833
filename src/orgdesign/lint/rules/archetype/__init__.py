"""Archetype rules: the declared (or inferred) archetype checked against the structure (ARCH4xx).

The four archetypes of a marketing organisation each have a shape and a
risk: lean (a few people wearing many hats; no strategic view), functional
(discipline groups under one marketing director; department walls), matrix
(business lines reporting to group functions too; decision friction, brand
drift), divisional (each division owns the whole chain; duplicated resources,
group brand consistency). The knowledge lives in `orgdesign.domain.archetypes`; these
rules report its gaps. When `organization.archetype` is absent, ARCH402-ARCH405
judge the inferred archetype; ARCH401 needs a declared one.
"""

from __future__ import annotations

from orgdesign.lint.engine import Rule
from orgdesign.lint.rules.archetype import gaps, signature

RULES: list[Rule] = [rule for module in (signature, gaps) for rule in module.RULES]
