"""Structure rules (ORG004, ORG1xx), one module per concern.

`references` (ORG004 unknown ids), `lines` (reporting lines: ORG101 cycles,
ORG102 one top, ORG105 managers across units, ORG108 dotted lines), `units`
(ORG103 unit tree, ORG104 unit heads), `spans` (ORG106 span of control,
ORG107 layers) and `seats` (ORG109 over-filled, ORG110 one person in several
seats). `RULES` gathers them for the registry.
"""

from __future__ import annotations

from orgdesign.lint.engine import Rule
from orgdesign.lint.rules.structure import lines, references, seats, spans, units

RULES: list[Rule] = [
    rule for module in (references, lines, units, spans, seats) for rule in module.RULES
]
