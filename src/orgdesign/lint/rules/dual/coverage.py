"""Rules covering a position with a dotted line: none (DUAL301), two that disagree (DUAL305)."""

from __future__ import annotations

from orgdesign.domain.archetypes import effective_archetype
from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.common import ARCHETYPE, PLACES, names
from orgdesign.model import PriorityRule

FAMILY = "dual"


@reads(*ARCHETYPE)  # the severity follows the archetype, inferred when not declared
@rule(
    "DUAL301",
    "dotted-without-rule",
    Severity.WARNING,
    family=FAMILY,
    severity_note="error when the organisation's archetype is matrix, warning elsewhere",
)
def dotted_without_rule(ctx: RuleContext) -> None:
    """
    A position has a dotted line but no priority rule covers it.

    A rule covers a position named in its `applies_to.positions` or sitting in
    one of its `applies_to.units` (sub-units included). Error in a matrix
    organisation (declared, or inferred from the structure when
    `organization.archetype` is absent), warning elsewhere.

    **Why it matters**: with two managers and no rule, every disagreement is
    settled by whoever shouts louder: decision friction, slow and political
    decisions, and people caught between their two managers.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: brand-director, title: Brand Director, reports_to: ceo}
      - {id: line-head, title: Head of Lipstick, reports_to: ceo}
      - {id: line-mkt, title: Line Marketing, reports_to: line-head, dotted_to: [brand-director]}
    ```
    **Passes**:
    ```diff
       - {id: line-mkt, title: Line Marketing, reports_to: line-head, dotted_to: [brand-director]}
    +priority_rules:
    +  - id: line-marketing
    +    applies_to: {positions: [line-mkt]}
    +    decides: {results: solid, brand: dotted}
    +    escalation: ceo
    +decision_domains: [{id: results, name: Results}, {id: brand, name: Brand}]
    ```
    """
    graph = ctx.graph
    severity: Severity | None = None
    rules_by_position = graph.rules_by_position
    for pid in graph.dual_positions:
        if rules_by_position.get(pid):
            continue
        if severity is None:  # declared archetype, else the inferred one (worked out once)
            matrix = effective_archetype(ctx.org, graph) == "matrix"
            severity = Severity.ERROR if matrix else Severity.WARNING
        pos = graph.positions[pid]
        dotted = ", ".join(graph.dotted_managers(pid))
        ctx.report(
            f"{pid!r} reports to {pos.reports_to!r} and dotted to {dotted} but no priority rule "
            "says who decides what; add a `priority_rules` entry that applies to it",
            pos.loc("dotted_to"),
            pos,
            severity=severity,
        )


def _decider(ctx: RuleContext, pid: str, decider: str) -> str:
    """The manager a decider means for one position: `solid` and `dotted` resolved to ids."""
    if decider == "solid":
        return ctx.graph.manager(pid) or decider
    if decider == "dotted":
        dotted = ctx.graph.dotted_managers(pid)
        return dotted[0] if len(dotted) == 1 else decider
    return decider


Conflict = tuple[PriorityRule, PriorityRule, set[str], list[str]]
"""Two rules, the domains they decide differently, the positions they both cover."""


def _conflicts(ctx: RuleContext) -> dict[tuple[str, str], Conflict]:
    """Pairs of rules covering one position that mean different managers for a domain."""
    graph = ctx.graph
    conflicts: dict[tuple[str, str], Conflict] = {}
    for pid in graph.dual_positions:
        rules = graph.rules_by_position.get(pid, [])
        for i, first in enumerate(rules):
            for second in rules[i + 1 :]:
                differ = sorted(
                    d
                    for d in set(first.decides) & set(second.decides)
                    if _decider(ctx, pid, first.decides[d]) != _decider(ctx, pid, second.decides[d])
                )
                if differ:
                    entry = conflicts.setdefault((first.id, second.id), (first, second, set(), []))
                    entry[2].update(differ)
                    entry[3].append(pid)
    return conflicts


@reads(*PLACES, "priority_rules.applies_to", "priority_rules.decides")
@rule("DUAL305", "conflicting-rules", Severity.ERROR, family=FAMILY)
def conflicting_rules(ctx: RuleContext) -> None:
    """
    A position is covered by two priority rules that decide a domain differently.

    **Why it matters**: two rules that disagree are no rule at all for the
    positions they share.

    Deciders are compared by the manager they mean for each position, so
    `brand: dotted` and `brand: brand-director` agree when the brand director
    is that position's dotted-line manager.

    **Fails**: a rule for the whole region and one for the person disagree on `pricing`.
    ```yaml
    decision_domains:
      - {id: pricing, name: Pricing}
    units:
      - {id: co, name: Co, head: ceo}
      - {id: east, name: East, parent: co, head: east-gm}
    positions:
      - {id: ceo, title: CEO, unit: co}
      - {id: pricing-director, title: Pricing Director, unit: co, reports_to: ceo}
      - {id: east-gm, title: GM East, unit: east, reports_to: ceo}
      - {id: east-mkt, title: Marketing East, unit: east, reports_to: east-gm,
         dotted_to: [pricing-director]}
    priority_rules:
      - {id: region, applies_to: {units: [east]}, decides: {pricing: dotted}, escalation: ceo}
      - id: person
        applies_to: {positions: [east-mkt]}
        decides: {pricing: solid}
        escalation: ceo
    ```
    **Passes**: one rule per position, or rules that agree (`person` names the
    pricing director, the same manager as `dotted`).
    ```diff
    -    decides: {pricing: solid}
    +    decides: {pricing: pricing-director}
    ```
    """
    for first, second, domains, positions in _conflicts(ctx).values():
        ctx.report_at(
            second,
            "applies_to",
            f"priority rules {first.id!r} and {second.id!r} both cover {names(positions)} and "
            f"disagree on {', '.join(sorted(domains))}; make them agree or narrow `applies_to`",
        )


RULES: list[Rule] = [
    dotted_without_rule,
    conflicting_rules,
]
