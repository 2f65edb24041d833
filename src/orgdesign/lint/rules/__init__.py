"""The rule families and the registry that gathers them.

Each family module owns its rules and lists them in `RULES`; this module
names the families explicitly, so adding a rule is one function in its family
and adding a family is one line here.

Ids by family: ORG001-ORG003 loading (`load`), ORG004 and ORG1xx structure
(`structure`), RACI2xx (`raci`), DUAL3xx (`dual`). ARCH4xx (archetypes) and
PROJ5xx (projects) have their ranges reserved for the domain rules; TGT6xx
(`targets`) check declared targets; SCN7xx (`scenario`) are scenario changes
that cannot be applied.
"""

from __future__ import annotations

from orgdesign.lint.engine import Registry, Rule
from orgdesign.lint.rules import archetype, dual, load, projects, raci, scenario, structure, targets

FAMILIES = (load, structure, raci, dual, archetype, projects, targets, scenario)


def all_rules() -> list[Rule]:
    return [item for family in FAMILIES for item in family.RULES]


def registry() -> Registry:
    """A fresh registry of every built-in rule."""
    return Registry(all_rules())
