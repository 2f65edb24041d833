"""ORG004: every id an element refers to must be defined; the message suggests the closest one."""

from __future__ import annotations

from collections.abc import Iterator

from orgdesign.findings import Location, Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.hints import Hints
from orgdesign.lint.rules.common import OWNERS, PLACES
from orgdesign.model import Element, Org, RaciEntry

FAMILY = "structure"


KEY = "<key>"
"""Last item of a reference path that points at a mapping key rather than its value."""

Ref = tuple[str, str, Element, tuple[str | int, ...]]
"""(section the id should be in, the id, the element that refers, path to the reference)."""


def _references(org: Org) -> Iterator[Ref]:
    """Every reference to an id; locations and descriptions are worked out only when reported."""
    for unit in org.units:
        if unit.parent:
            yield "units", unit.parent, unit, ("parent",)
        if unit.head:
            yield "positions", unit.head, unit, ("head",)
    for pos in org.positions:
        if pos.unit:
            yield "units", pos.unit, pos, ("unit",)
        if pos.reports_to:
            yield "positions", pos.reports_to, pos, ("reports_to",)
        for i, target in enumerate(pos.dotted_to):
            yield "positions", target, pos, ("dotted_to", i)
    for entry in org.raci:
        yield "responsibilities", entry.responsibility, entry, ("responsibility",)
        if entry.scope:
            yield "units", entry.scope, entry, ("scope",)
        for letter, pid, i in entry.letters():
            yield "positions", pid, entry, (letter, i)
    for prule in org.priority_rules:
        applies = prule.applies_to
        for i, pid in enumerate(applies.positions):
            yield "positions", pid, prule, ("applies_to", "positions", i)
        for i, uid in enumerate(applies.units):
            yield "units", uid, prule, ("applies_to", "units", i)
        for domain, decider in prule.decides.items():
            yield "decision_domains", domain, prule, ("decides", domain, KEY)
            if decider not in ("solid", "dotted"):
                yield "positions", decider, prule, ("decides", domain)
        if prule.escalation:
            yield "positions", prule.escalation, prule, ("escalation",)


def _where(element: Element, path: tuple[str | int, ...]) -> Location:
    if path and path[-1] == KEY:
        return element.src.at_path(*path[:-1], key=True)
    return element.src.at_path(*path)


def _what(element: Element, path: tuple[str | int, ...]) -> str:
    """`position 'cmo' reports_to`, `RACI entry for 'x': R`, `priority rule 'r' decides brand`."""
    if isinstance(element, RaciEntry):
        head = f"RACI entry for {element.responsibility!r}"
        return head if path[0] == "responsibility" else f"{head}: {path[0]}"
    kind = type(element).__name__.lower().replace("priorityrule", "priority rule")
    where = " ".join(str(p) for p in path if isinstance(p, str) and p != KEY)
    if path[0] == "decides" and path[-1] == KEY:
        where = "decides"
    return f"{kind} {getattr(element, 'id', '?')!r} {where}"


_KIND = {
    "units": "unit",
    "positions": "position",
    "responsibilities": "responsibility",
    "decision_domains": "decision domain",
}


REFERENCES = (
    *PLACES,
    *OWNERS,
    "raci.C",
    "raci.I",
    "raci.S",
    "priority_rules.applies_to",
    "priority_rules.decides",
    "priority_rules.escalation",
)
"""Every value that names another element."""


@reads(*REFERENCES)
@rule("ORG004", "unknown-reference", Severity.ERROR, family=FAMILY)
def unknown_reference(ctx: RuleContext) -> None:
    """
    A reference names an id that is not defined (unit, position, responsibility, domain, scope).

    Checked everywhere an id is referred to: `unit`, `reports_to`, `dotted_to`,
    unit `parent` and `head`, RACI `responsibility`, `scope` and letters,
    priority rule `applies_to`, `decides` and `escalation` (project leads and
    members are checked by PROJ501). The message suggests the closest existing id (in a
    very large organisation with thousands of unknown ids, as when one file cannot be read,
    only the first ones get a suggestion: each search compares every id). An id whose
    element failed schema validation (ORG002) is not reported again.

    **Why it matters**: a typo in `reports_to` detaches a whole branch from the
    chart; a typo in a RACI letter leaves work with nobody.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reports_to: c-e-o}
    ```
    **Passes**:
    ```diff
    -  - {id: cmo, title: CMO, reports_to: c-e-o}
    +  - {id: cmo, title: CMO, reports_to: ceo}
    ```
    """
    org = ctx.org
    tables: dict[str, dict[str, object]] = {
        "units": dict(org.unit_by_id),
        "positions": dict(org.position_by_id),
        "responsibilities": dict(org.responsibility_by_id),
        "decision_domains": dict(org.domain_by_id),
    }
    hints = Hints()
    for section, ident, element, path in _references(org):
        if ident in tables[section] or org.is_broken(section, ident):
            continue
        close = hints.closest(ident, tables[section])
        hint = f"; did you mean {close!r}?" if close else ""
        what = _what(element, path)
        ident_of = element.responsibility if isinstance(element, RaciEntry) else None
        ctx.report(
            f"{what}: unknown {_KIND[section]} {ident!r}{hint}",
            _where(element, path),
            element,
            ident_of,
        )


RULES: list[Rule] = [
    unknown_reference,
]
