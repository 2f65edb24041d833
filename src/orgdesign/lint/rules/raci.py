"""RACI rules: one accountable, someone responsible, required work covered, load (RACI201-RACI207).

Entries are checked per (responsibility, scope). An entry on a responsibility
that has children covers its leaves: assigning the area `brand` covers every
brand leaf that has no entry of its own.
"""

from __future__ import annotations

from collections import Counter

from pydantic import Field

from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.rules.common import LINES, OWNERS, RuleOptions
from orgdesign.model import RaciEntry

FAMILY = "raci"


def _label(entry: RaciEntry) -> str:
    scope = f" in scope {entry.scope!r}" if entry.scope else ""
    return f"{entry.responsibility!r}{scope}"


@reads(*OWNERS)
@rule("RACI201", "no-accountable", Severity.ERROR, family=FAMILY)
def no_accountable(ctx: RuleContext) -> None:
    """
    A RACI entry has no A (accountable).

    **Why it matters**: work that nobody is accountable for is work nobody
    signs off, and a gap between two teams' boundaries is where it is lost.

    **Fails**:
    ```yaml
    responsibilities:
      - {id: brand-consistency, name: Brand consistency}
    positions:
      - {id: brand-director, title: Brand Director, holders: [Mei]}
      - {id: brand-manager, title: Brand Manager, reports_to: brand-director, holders: [Li]}
    raci:
      - {responsibility: brand-consistency, R: [brand-manager]}
    ```
    **Passes**:
    ```diff
    -  - {responsibility: brand-consistency, R: [brand-manager]}
    +  - {responsibility: brand-consistency, A: brand-director, R: [brand-manager]}
    ```
    """
    for entry in ctx.org.raci:
        if not entry.A:
            at = entry.loc("A") if "A" in (entry.src.raw or {}) else entry.loc("responsibility")
            ctx.report(
                f"{_label(entry)} has no A: name the one accountable position",
                at,
                entry,
                entry.responsibility,
            )


@reads(*OWNERS)
@rule("RACI202", "several-accountable", Severity.ERROR, family=FAMILY)
def several_accountable(ctx: RuleContext) -> None:
    """
    A RACI entry has more than one A.

    **Why it matters**: two accountable people means none: decisions stall
    while each waits for the other. Make one A and the other R or C.

    **Fails**:
    ```yaml
    responsibilities:
      - {id: brand-consistency, name: Brand consistency}
    positions:
      - {id: cmo, title: CMO, holders: [Zhou]}
      - {id: brand-director, title: Brand Director, reports_to: cmo, holders: [Mei]}
    raci:
      - responsibility: brand-consistency
        A: [cmo, brand-director]
        R: [brand-director]
    ```
    **Passes**: one A; the other is consulted.
    ```diff
    -    A: [cmo, brand-director]
    +    A: brand-director
    @@
         R: [brand-director]
    +    C: [cmo]
    ```
    """
    for entry in ctx.org.raci:
        if len(entry.A) > 1:
            ctx.report(
                f"{_label(entry)} has {len(entry.A)} A ({', '.join(entry.A)}); keep exactly one "
                "and make the others R or C",
                entry.loc("A", 1),
                entry,
                entry.responsibility,
            )


@reads(*OWNERS)
@rule("RACI203", "no-responsible", Severity.ERROR, family=FAMILY)
def no_responsible(ctx: RuleContext) -> None:
    """
    A RACI entry has no R (responsible).

    **Why it matters**: an accountable position with nobody doing the work is
    a plan, not an organisation. The A may also be the R: then list it twice.

    **Fails**:
    ```yaml
    responsibilities: [{id: customer-research, name: Customer research}]
    positions:
      - {id: cmo, title: CMO, holders: [Zhou]}
      - {id: research-lead, title: Research Lead, reports_to: cmo, holders: [Sun]}
    raci:
      - {responsibility: customer-research, A: cmo}
    ```
    **Passes**:
    ```diff
    -  - {responsibility: customer-research, A: cmo}
    +  - {responsibility: customer-research, A: cmo, R: [research-lead]}
    ```
    """
    for entry in ctx.org.raci:
        if not entry.R:
            at = entry.loc("R") if "R" in (entry.src.raw or {}) else entry.loc("responsibility")
            ctx.report(
                f"{_label(entry)} has no R: name who does the work", at, entry, entry.responsibility
            )


@reads("raci.responsibility", "responsibilities.name", "responsibilities.required")
@rule("RACI204", "required-uncovered", Severity.ERROR, family=FAMILY)
def required_uncovered(ctx: RuleContext) -> None:
    """
    A responsibility marked `required: true` is not assigned anywhere.

    A required leaf is covered by a RACI entry on itself or on any of its
    parents, in any scope. Required responsibilities of `builtin:marketing`
    are reported at the `catalogs:` line that imported them.

    **Why it matters**: these are what every marketing organisation must do
    (the core responsibilities of `builtin:marketing`, or those your own catalogue
    marks `required`); an uncovered one is a gap in the
    design, the first thing a reviewer asks about.

    **Fails**:
    ```yaml
    responsibilities:
      - {id: brand-consistency, name: Brand consistency, required: true}
    positions:
      - {id: brand-director, title: Brand Director, holders: [Mei]}
    ```
    **Passes**:
    ```diff
       - {id: brand-director, title: Brand Director, holders: [Mei]}
    +raci:
    +  - {responsibility: brand-consistency, A: brand-director, R: [brand-director]}
    ```
    """
    for resp in ctx.org.uncovered_required():
        ctx.report_at(
            resp,
            "id",
            f"required responsibility {resp.id!r} ({resp.name}) is not assigned: add a "
            "`raci` entry with one A and at least one R",
        )


@reads(*LINES, *OWNERS, "positions.holders")
@rule("RACI205", "vacant-owner", Severity.WARNING, family=FAMILY)
def vacant_owner(ctx: RuleContext) -> None:
    """
    The A of an entry is a vacant position, or every R is.

    A position is vacant when it has no holders.

    **Why it matters**: on paper the work is owned; in practice nobody does it
    until the seat is filled. Plan an interim owner.

    **Fails**:
    ```yaml
    responsibilities:
      - {id: brand-consistency, name: Brand consistency}
    positions:
      - {id: cmo, title: CMO, holders: [Zhou]}
      - {id: brand-director, title: Brand Director, reports_to: cmo}
      - {id: brand-manager, title: Brand Manager, reports_to: cmo, holders: [Li]}
    raci:
      - {responsibility: brand-consistency, A: brand-director, R: [brand-manager]}
    ```
    **Passes**: an interim A who has holders until the seat is filled.
    ```diff
    -  - {responsibility: brand-consistency, A: brand-director, R: [brand-manager]}
    +  - {responsibility: brand-consistency, A: cmo, R: [brand-manager]}
    ```
    """
    positions = ctx.graph.positions
    for entry in ctx.org.raci:
        known = [positions[p] for p in entry.R if p in positions]
        all_r_vacant = bool(known) and all(p.vacant for p in known)
        for i, pid in enumerate(entry.A):
            pos = positions.get(pid)
            if pos is not None and pos.vacant:
                also = " and so is every R" if all_r_vacant else ""
                ctx.report(
                    f"accountable {pid!r} for {_label(entry)} is vacant{also}; name an interim A",
                    entry.loc("A", i),
                    entry,
                    entry.responsibility,
                )
                all_r_vacant = False  # said once, on the A
        if all_r_vacant:
            ctx.report(
                f"every responsible position for {_label(entry)} is vacant "
                f"({', '.join(p.id for p in known)})",
                entry.loc("R"),
                entry,
                entry.responsibility,
            )


class AccountableOptions(RuleOptions):
    max: int = Field(default=15, ge=1)
    """Most responsibilities one position may be accountable for."""


@reads(*LINES, *OWNERS)
@rule(
    "RACI206", "accountable-overload", Severity.WARNING, family=FAMILY, options=AccountableOptions
)
def accountable_overload(ctx: RuleContext) -> None:
    """
    A position is A on more than `max` responsibilities (default 15).

    **Why it matters**: an accountable position that signs off everything
    becomes the bottleneck; delegate accountability to the group leads.

    **Fails**: with `max = 2`, the director is A on all three responsibilities:
    ```toml
    max = 2
    ```
    ```yaml
    responsibilities:
      - {id: plan, name: Marketing plan}
      - {id: ads, name: Advertising}
      - {id: events, name: Events}
    positions:
      - {id: director, title: Marketing Director, holders: [Zhou]}
      - {id: brand-lead, title: Brand Lead, reports_to: director, holders: [Mei]}
      - {id: events-lead, title: Events Lead, reports_to: director, holders: [Li]}
    raci:
      - {responsibility: plan, A: director, R: [director]}
      - {responsibility: ads, A: director, R: [brand-lead]}
      - {responsibility: events, A: director, R: [events-lead]}
    ```
    **Passes**: the director keeps the plan; each group lead is A for their
    group's responsibilities.
    ```diff
    -  - {responsibility: ads, A: director, R: [brand-lead]}
    -  - {responsibility: events, A: director, R: [events-lead]}
    +  - {responsibility: ads, A: brand-lead, R: [brand-lead], I: [director]}
    +  - {responsibility: events, A: events-lead, R: [events-lead], I: [director]}
    ```
    """
    opts: AccountableOptions = ctx.options
    # distinct responsibilities: one responsibility accountable in three scopes counts once
    counts = Counter(pid for pid, _ in {(p, e.responsibility) for e in ctx.org.raci for p in e.A})
    positions = ctx.graph.positions
    for pid, count in counts.items():
        if count > opts.max and pid in positions:
            pos = positions[pid]
            ctx.report_at(
                pos,
                "id",
                f"{pid!r} is accountable for {count} responsibilities, more than {opts.max}; "
                "delegate some A to the people who lead the work",
            )


class ConsultedOptions(RuleOptions):
    max: int = Field(default=6, ge=1)
    """Most positions consulted on one responsibility."""


@reads("raci.responsibility", "raci.scope", "raci.C")
@rule("RACI207", "too-many-consulted", Severity.INFO, family=FAMILY, options=ConsultedOptions)
def too_many_consulted(ctx: RuleContext) -> None:
    """
    More than `max` positions (default 6) are C on one entry.

    **Why it matters**: consulting everyone slows every decision; move some
    to I (informed).

    **Fails**: with `max = 2`,
    ```toml
    max = 2
    ```
    ```yaml
    responsibilities: [{id: launch, name: Product launch}]
    positions:
      - {id: ceo, title: CEO, holders: [Zhou]}
      - {id: cfo, title: CFO, reports_to: ceo, holders: [Qian]}
      - {id: sales-head, title: Head of Sales, reports_to: ceo, holders: [Sun]}
      - {id: cmo, title: CMO, reports_to: ceo, holders: [Li]}
    raci:
      - {responsibility: launch, A: cmo, R: [cmo], C: [ceo, cfo, sales-head]}
    ```
    **Passes**: consult the two who shape the decision; inform the rest.
    ```diff
    -  - {responsibility: launch, A: cmo, R: [cmo], C: [ceo, cfo, sales-head]}
    +  - {responsibility: launch, A: cmo, R: [cmo], C: [sales-head, cfo], I: [ceo]}
    ```
    """
    opts: ConsultedOptions = ctx.options
    for entry in ctx.org.raci:
        consulted = list(dict.fromkeys(entry.C))
        if len(consulted) > opts.max:
            ctx.report(
                f"{_label(entry)} consults {len(consulted)} positions, more than {opts.max}; "
                "inform some of them instead",
                entry.loc("C", opts.max),
                entry,
                entry.responsibility,
            )


RULES: list[Rule] = [
    no_accountable,
    several_accountable,
    no_responsible,
    required_uncovered,
    vacant_owner,
    accountable_overload,
    too_many_consulted,
]
