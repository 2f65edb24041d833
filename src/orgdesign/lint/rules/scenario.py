"""Scenario rules: changes of a scenario file that cannot be applied (SCN701).

Their findings come from `orgdesign.analysis.scenario.apply`, located at the
change in the scenario file; they are registered here so that `orgdesign
rules`, `explain` and the configuration know them. A scenario's other problems
use the ordinary ids: ORG002 for a change written wrongly, ORG004 for a change
naming an unknown position or unit, ORG003 for an `add` whose id exists, ORG101
for a move that would create a reporting cycle.
"""

from __future__ import annotations

import inspect

from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule

SCN701 = Rule(
    "SCN701",
    "change-not-applicable",
    Severity.ERROR,
    "scenario",
    inspect.cleandoc(
        """
        A scenario change cannot be applied to its base organisation.

        Reported at the change, which is then left out (the changes after it still
        apply): closing the top position without `to:` naming one of its direct
        reports (who takes its place), closing a position into its own subtree,
        merging a unit into itself or into one of its own sub-units, a `set` that
        changes a position's `id` or names no field, a `move` that names neither
        `reports_to` nor `unit`.

        **Why it matters**: a change that is silently dropped makes the scenario's
        figures describe something nobody proposed.

        **Fails**: a scenario (the second file) closes the top position of its base
        `org.yaml` without naming who takes its place.
        ```yaml
        # org.yaml
        orgdesign: 1
        organization: {id: acme, name: Acme}
        positions:
          - {id: ceo, title: CEO}
          - {id: coo, title: COO, reports_to: ceo}
        ```
        ```yaml
        orgdesign: 1
        scenario: {id: no-ceo, name: Without the CEO, base: org.yaml}
        changes:
          - close: {position: ceo}
        ```
        **Passes**: `to: coo`, a direct report of the CEO, takes its place.
        ```diff
        -  - close: {position: ceo}
        +  - close: {position: ceo, to: coo}
        ```
        """
    ),
)

RULES: list[Rule] = [SCN701]
