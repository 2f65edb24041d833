"""What a priority rule says: each domain decided (DUAL302) by a manager (DUAL303), an escalation
above both lines (DUAL304).
"""

from __future__ import annotations

from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.common import PLACES, names
from orgdesign.model import PriorityRule

FAMILY = "dual"


def _dual_covered(ctx: RuleContext, prule: PriorityRule) -> list[str]:
    dual = set(ctx.graph.dual_positions)
    return [p for p in ctx.graph.covered_by(prule) if p in dual]


@reads("priority_rules.decides")
@rule("DUAL302", "domain-undecided", Severity.ERROR, family=FAMILY)
def domain_undecided(ctx: RuleContext) -> None:
    """
    A priority rule leaves a decision domain undecided.

    Every domain of `decision_domains` must appear in every rule's `decides`.
    (When the file declares no `decision_domains`, those of its catalogues are
    used.)

    **Why it matters**: the undecided domain is exactly where the two managers
    will collide.

    **Fails**: the rule says who decides targets, not who decides campaigns.
    ```yaml
    decision_domains:
      - {id: targets, name: Sales targets}
      - {id: campaigns, name: Campaigns}
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reports_to: ceo}
      - {id: north-gm, title: GM North, reports_to: ceo}
      - {id: north-mkt, title: Marketing North, reports_to: north-gm, dotted_to: [cmo]}
    priority_rules:
      - id: regions
        applies_to: {positions: [north-mkt]}
        decides: {targets: solid}
        escalation: ceo
    ```
    **Passes**:
    ```diff
    -    decides: {targets: solid}
    +    decides: {targets: solid, campaigns: dotted}
    ```
    """
    domains = [d.id for d in ctx.org.decision_domains]
    for prule in ctx.org.priority_rules:
        if not domains:
            if not prule.decides:
                ctx.report_at(
                    prule,
                    "id",
                    f"priority rule {prule.id!r} decides nothing: declare `decision_domains` "
                    "and say who decides each",
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


@reads(*PLACES, "priority_rules.applies_to", "priority_rules.decides")
@rule("DUAL303", "decider-not-manager", Severity.ERROR, family=FAMILY)
def decider_not_manager(ctx: RuleContext) -> None:
    """
    A priority rule names a decider who is not one of the position's managers.

    A decider is `solid`, `dotted`, or the id of the position's solid or
    dotted manager.

    **Why it matters**: giving the final word to someone outside both lines
    creates a third line nobody drew.

    **Fails**: the CEO is above both lines but is neither of the app marketer's managers.
    ```yaml
    decision_domains: [{id: roadmap, name: Roadmap}, {id: content, name: Content}]
    positions:
      - {id: ceo, title: CEO}
      - {id: digital-director, title: Digital Director, reports_to: ceo}
      - {id: app-head, title: Head of App, reports_to: ceo}
      - id: app-marketer
        title: App Marketer
        reports_to: app-head
        dotted_to: [digital-director]
    priority_rules:
      - id: app
        applies_to: {positions: [app-marketer]}
        decides: {roadmap: solid, content: ceo}
        escalation: ceo
    ```
    **Passes**: `content: digital-director` (or `content: dotted`).
    ```diff
    -    decides: {roadmap: solid, content: ceo}
    +    decides: {roadmap: solid, content: digital-director}
    ```
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
                    f"manager of {names(wrong)}; use `solid`, `dotted` or one of their managers",
                    prule.src.at_path("decides", domain),
                    prule,
                )


def _manager_pairs(ctx: RuleContext, covered: list[str]) -> list[tuple[str, str, str]]:
    """(position, solid manager, dotted manager) for every dotted line of the positions."""
    graph = ctx.graph
    return [
        (p, solid, dotted)
        for p in covered
        if (solid := graph.manager(p)) is not None
        for dotted in graph.dotted_managers(p)
    ]


def _lowest_superiors(ctx: RuleContext, pairs: list[tuple[str, str, str]]) -> str:
    """` (lowest common superior: ceo)` for a message, or nothing when there is none."""
    lowest = {ctx.graph.lowest_common_superior(s, d) for _p, s, d in pairs} - {None}
    if not lowest:
        return ""
    return f" (lowest common superior: {', '.join(sorted(str(x) for x in lowest))})"


@reads(*PLACES, "priority_rules.applies_to", "priority_rules.escalation")
@rule("DUAL304", "escalation-not-common-superior", Severity.WARNING, family=FAMILY)
def escalation_not_common_superior(ctx: RuleContext) -> None:
    """
    A priority rule's `escalation` is missing or is not a common superior of both managers.

    The escalation must be, along solid lines, a superior (or the same
    position) of the solid manager and of every dotted manager of each
    position the rule covers. The message names the lowest common superior.

    **Why it matters**: arbitration by someone who is not above both managers
    is advice, not a decision.

    **Fails**: the CMO is above the brand director, but not above the sales VP.
    ```yaml
    decision_domains: [{id: accounts, name: Key accounts}, {id: creative, name: Creative}]
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reports_to: ceo}
      - {id: brand-director, title: Brand Director, reports_to: cmo}
      - {id: sales-vp, title: VP Sales, reports_to: ceo}
      - id: account-marketer
        title: Key Account Marketer
        reports_to: sales-vp
        dotted_to: [brand-director]
    priority_rules:
      - id: accounts-first
        applies_to: {positions: [account-marketer]}
        decides: {accounts: solid, creative: dotted}
        escalation: cmo
    ```
    **Passes**: `escalation: ceo`, above both.
    ```diff
    -    escalation: cmo
    +    escalation: ceo
    ```
    """
    for prule in ctx.org.priority_rules:
        _check_escalation(ctx, prule)


def _check_escalation(ctx: RuleContext, prule: PriorityRule) -> None:
    covered = _dual_covered(ctx, prule)
    if not covered:
        return
    # Managers whose line up is cut by an unreadable position cannot be judged.
    pairs = [
        (p, s, d)
        for p, s, d in _manager_pairs(ctx, covered)
        if not (ctx.line_cut(s) or ctx.line_cut(d))
    ]
    suggestion = _lowest_superiors(ctx, pairs)
    if not prule.escalation:
        ctx.report_at(
            prule,
            "id",
            f"priority rule {prule.id!r} has no `escalation`: name who arbitrates when the "
            f"two lines disagree{suggestion}",
        )
        return
    if prule.escalation not in ctx.graph.positions:
        return
    wrong = [p for p, s, d in pairs if prule.escalation not in ctx.graph.common_superiors(s, d)]
    if wrong:
        ctx.report_at(
            prule,
            "escalation",
            f"escalation {prule.escalation!r} of priority rule {prule.id!r} is not above both "
            f"managers of {names(list(dict.fromkeys(wrong)))}{suggestion}",
        )


RULES: list[Rule] = [
    domain_undecided,
    decider_not_manager,
    escalation_not_common_superior,
]
