"""Seat rules: holders against `headcount`, one person in several seats (ORG109, ORG110)."""

from __future__ import annotations

from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.model.people import multi_seat_people

FAMILY = "structure"


@reads("positions.headcount", "positions.holders")
@rule("ORG109", "over-filled", Severity.WARNING, family=FAMILY)
def over_filled(ctx: RuleContext) -> None:
    """
    A position has more holders than seats (`headcount`).

    **Why it matters**: headcount and cost figures are computed from seats; an
    extra holder is a person nobody budgeted for.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: analyst, title: Analyst, reports_to: ceo, headcount: 1, holders: [Ann, Bo]}
    ```
    **Passes**:
    ```diff
    -  - {id: analyst, title: Analyst, reports_to: ceo, headcount: 1, holders: [Ann, Bo]}
    +  - {id: analyst, title: Analyst, reports_to: ceo, headcount: 2, holders: [Ann, Bo]}
    ```
    """
    for pos in ctx.org.positions:
        if len(pos.holders) > pos.headcount:
            ctx.report_at(
                pos,
                "holders",
                f"{pos.id!r} has {len(pos.holders)} holders for {pos.headcount} "
                f"seat{'s' if pos.headcount != 1 else ''}; raise `headcount` or move a holder",
            )


@reads("positions.holders")
@rule("ORG110", "holder-in-several-seats", Severity.INFO, family=FAMILY)
def holder_in_several_seats(ctx: RuleContext) -> None:
    """
    One person holds seats in several positions (same employee id, else same name).

    **Why it matters**: headcount counts seats, not people: a person in three seats is
    one person doing three jobs (a chair of several committees, an interim manager), or
    a name typed twice. HR imports often carry such rows.

    **Fails**:
    ```yaml
    positions:
      - {id: chair, title: Chair, holders: [{name: Ann Lee, id: "7"}]}
      - {id: apps-chair, title: Apps Chair, reports_to: chair, holders: [{name: Ann Lee, id: "7"}]}
    ```
    **Passes**: each person in one position, or an intended double role silenced with
    `ignore: [ORG110]` on the position:
    ```diff
    -  - {id: chair, title: Chair, holders: [{name: Ann Lee, id: "7"}]}
    +  - id: chair
    +    title: Chair
    +    holders: [{name: Ann Lee, id: "7"}]
    +    ignore: [ORG110]  # on the position the finding names first
    ```
    """
    by_id = ctx.org.position_by_id
    for person in multi_seat_people(ctx.org):
        first = by_id[person.positions[0]]
        same = f"employee id {person.employee_id!r}" if person.employee_id else "name"
        ctx.report_at(
            first,
            "holders",
            f"{person.name!r} holds seats in {len(person.positions)} positions "
            f"({', '.join(person.positions)}; same {same}); headcount counts seats, not people",
        )


RULES: list[Rule] = [
    over_filled,
    holder_in_several_seats,
]
