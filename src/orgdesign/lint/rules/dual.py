"""Dual-reporting rules: every dotted line governed by an explicit priority rule (DUAL301-DUAL305).

The seed brief's matrix archetype names the risk: dual reporting causes
decision friction, so explicit priority rules are required. A priority rule
says, per decision domain, which of a position's managers has the final word
(`solid`, `dotted` or a named manager) and who arbitrates (`escalation`).
"""

from __future__ import annotations

from orgdesign.domain.archetypes import effective_archetype
from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, rule
from orgdesign.model import PriorityRule

FAMILY = "dual"


def _names(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


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
    settled by whoever shouts louder: the decision friction the seed brief
    warns about.

    **Fails**:
    ```yaml
    - id: lipstick-mkt
      reports_to: lipstick-head
      dotted_to: [brand-director]
    ```
    **Passes**:
    ```yaml
    priority_rules:
      - id: product-line-marketing
        applies_to: {positions: [lipstick-mkt]}
        decides: {results: solid, brand: dotted}
        escalation: ceo
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


@rule("DUAL302", "domain-undecided", Severity.ERROR, family=FAMILY)
def domain_undecided(ctx: RuleContext) -> None:
    """
    A priority rule leaves a decision domain undecided.

    Every domain of `decision_domains` must appear in every rule's `decides`.
    (When the file declares no `decision_domains`, those of its catalogues are
    used.)

    **Why it matters**: the undecided domain is exactly where the two managers
    will collide.

    **Fails**: domains `results` and `brand`, a rule with `decides: {results: solid}`.

    **Passes**: `decides: {results: solid, brand: dotted}`.
    """
    domains = [d.id for d in ctx.org.decision_domains]
    for prule in ctx.org.priority_rules:
        if not domains:
            if not prule.decides:
                ctx.report(
                    f"priority rule {prule.id!r} decides nothing: declare `decision_domains` "
                    "and say who decides each",
                    prule.loc("id"),
                    prule,
                )
            continue
        missing = [d for d in domains if d not in prule.decides]
        if missing:
            at = prule.loc("decides") if "decides" in (prule.src.raw or {}) else prule.loc("id")
            ctx.report(
                f"priority rule {prule.id!r} does not decide {', '.join(missing)}; add "
                + ", ".join(f"`{d}: solid|dotted|<position>`" for d in missing),
                at,
                prule,
            )


def _decider(ctx: RuleContext, pid: str, decider: str) -> str:
    """The manager a decider means for one position: `solid` and `dotted` resolved to ids."""
    if decider == "solid":
        return ctx.graph.manager(pid) or decider
    if decider == "dotted":
        dotted = ctx.graph.dotted_managers(pid)
        return dotted[0] if len(dotted) == 1 else decider
    return decider


def _dual_covered(ctx: RuleContext, prule: PriorityRule) -> list[str]:
    dual = set(ctx.graph.dual_positions)
    return [p for p in ctx.graph.covered_by(prule) if p in dual]


@rule("DUAL303", "decider-not-manager", Severity.ERROR, family=FAMILY)
def decider_not_manager(ctx: RuleContext) -> None:
    """
    A priority rule names a decider who is not one of the position's managers.

    A decider is `solid`, `dotted`, or the id of the position's solid or
    dotted manager.

    **Why it matters**: giving the final word to someone outside both lines
    creates a third line nobody drew.

    **Fails**: `decides: {brand: cmo}` for a position whose managers are
    `lipstick-head` and `brand-director`.

    **Passes**: `decides: {brand: brand-director}` or `brand: dotted`.
    """
    graph = ctx.graph
    for prule in ctx.org.priority_rules:
        covered = _dual_covered(ctx, prule)
        for domain, decider in prule.decides.items():
            if decider in ("solid", "dotted") or decider not in graph.positions:
                continue
            wrong = [p for p in covered if decider not in graph.managers(p)]
            if wrong:
                ctx.report(
                    f"priority rule {prule.id!r} gives {domain!r} to {decider!r}, who is not a "
                    f"manager of {_names(wrong)}; use `solid`, `dotted` or one of their managers",
                    prule.src.at_path("decides", domain),
                    prule,
                )


@rule("DUAL304", "escalation-not-common-superior", Severity.WARNING, family=FAMILY)
def escalation_not_common_superior(ctx: RuleContext) -> None:
    """
    A priority rule's `escalation` is missing or is not a common superior of both managers.

    The escalation must be, along solid lines, a superior (or the same
    position) of the solid manager and of every dotted manager of each
    position the rule covers. The message names the lowest common superior.

    **Why it matters**: arbitration by someone who is not above both managers
    is advice, not a decision.

    **Fails**: `escalation: brand-director` when the lines are `lipstick-head` (under the
    CEO) and `brand-director` (under the CMO).

    **Passes**: `escalation: ceo`.
    """
    graph = ctx.graph
    for prule in ctx.org.priority_rules:
        covered = _dual_covered(ctx, prule)
        if not covered:
            continue
        pairs = [
            (p, solid, dotted)
            for p in covered
            if (solid := graph.manager(p)) is not None
            for dotted in graph.dotted_managers(p)
        ]
        lowest = {graph.lowest_common_superior(s, d) for _p, s, d in pairs} - {None}
        suggestion = (
            f" (lowest common superior: {', '.join(sorted(str(x) for x in lowest))})"
            if lowest
            else ""
        )
        if not prule.escalation:
            ctx.report(
                f"priority rule {prule.id!r} has no `escalation`: name who arbitrates when the "
                f"two lines disagree{suggestion}",
                prule.loc("id"),
                prule,
            )
            continue
        if prule.escalation not in graph.positions:
            continue
        wrong = [p for p, s, d in pairs if prule.escalation not in graph.common_superiors(s, d)]
        if wrong:
            ctx.report(
                f"escalation {prule.escalation!r} of priority rule {prule.id!r} is not above both "
                f"managers of {_names(list(dict.fromkeys(wrong)))}{suggestion}",
                prule.loc("escalation"),
                prule,
            )


@rule("DUAL305", "conflicting-rules", Severity.ERROR, family=FAMILY)
def conflicting_rules(ctx: RuleContext) -> None:
    """
    A position is covered by two priority rules that decide a domain differently.

    **Why it matters**: two rules that disagree are no rule at all for the
    positions they share.

    Deciders are compared by the manager they mean for each position, so
    `brand: dotted` and `brand: brand-director` agree when the brand director
    is that position's dotted-line manager.

    **Fails**: rule `by-unit` (`applies_to: {units: [lipstick]}`, `brand: dotted`) and rule
    `by-person` (`applies_to: {positions: [lipstick-mkt]}`, `brand: solid`).

    **Passes**: one rule per position, or rules that agree.
    """
    graph = ctx.graph
    conflicts: dict[tuple[str, str], tuple[PriorityRule, PriorityRule, set[str], list[str]]] = {}
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
                    key = (first.id, second.id)
                    entry = conflicts.setdefault(key, (first, second, set(), []))
                    entry[2].update(differ)
                    entry[3].append(pid)
    for first, second, domains, positions in conflicts.values():
        ctx.report(
            f"priority rules {first.id!r} and {second.id!r} both cover {_names(positions)} and "
            f"disagree on {', '.join(sorted(domains))}; make them agree or narrow `applies_to`",
            second.loc("applies_to"),
            second,
        )


RULES: list[Rule] = [
    dotted_without_rule,
    domain_undecided,
    decider_not_manager,
    escalation_not_common_superior,
    conflicting_rules,
]
