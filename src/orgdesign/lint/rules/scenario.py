"""Scenario rules: changes that cannot be applied (SCN701), merges that leave out RACI (SCN702).

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


SCN702 = Rule(
    "SCN702",
    "merge-leaves-out-raci",
    Severity.WARNING,
    "scenario",
    inspect.cleandoc(
        """
        Merging two units leaves out a RACI entry: both had one for the same responsibility.

        Reported at the `merge_units` change. The merged unit keeps the entry of `into`
        and leaves out the one of `from`: one scope holds one entry per responsibility
        (a second one is ORG003), and which letters should survive is a decision, not
        something a merge can guess.

        **Why it matters**: without the warning, the scenario's RACI silently loses who
        was accountable in the unit that was merged away, and `scenario apply` would
        write a file with two entries for one responsibility.

        **Fails**: both regions decide their own campaigns.
        ```yaml
        # org.yaml
        orgdesign: 1
        organization: {id: acme, name: Acme}
        units:
          - {id: co, name: Co, head: ceo}
          - {id: east, name: East, parent: co, head: east-head}
          - {id: north, name: North, parent: co, head: north-head}
        positions:
          - {id: ceo, title: CEO, unit: co, holders: [Ann]}
          - {id: east-head, title: East Head, unit: east, reports_to: ceo, holders: [Bo]}
          - {id: north-head, title: North Head, unit: north, reports_to: ceo, holders: [Cy]}
        responsibilities: [{id: campaigns, name: Campaigns}]
        raci:
          - {responsibility: campaigns, scope: east, A: east-head, R: east-head}
          - {responsibility: campaigns, scope: north, A: north-head, R: north-head}
        ```
        ```yaml
        orgdesign: 1
        scenario: {id: one-region, name: One region, base: org.yaml}
        changes:
          - merge_units: {from: north, into: east}
        ```
        **Passes**: the scenario writes the merged entry itself.
        ```diff
           - merge_units: {from: north, into: east}
        +  - raci: {responsibility: campaigns, scope: east, A: east-head, R: [north-head]}
        ```
        """
    ),
)

RULES: list[Rule] = [SCN701, SCN702]
