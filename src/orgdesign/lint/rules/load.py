"""Rules reported while loading: unreadable files, schema errors, duplicates (ORG001-ORG003).

Their findings come from `orgdesign.load.loader` and `orgdesign.assemble.project`; they are
registered here so that `orgdesign rules`, `explain` and the configuration know
them like any other rule.
"""

from __future__ import annotations

from orgdesign.lint.engine import Rule, load_stage_rule

ORG001 = load_stage_rule(
    "ORG001",
    "unreadable-file",
    """
    The file is not readable, not UTF-8, not valid YAML, or uses YAML features org files refuse.

    Reported at the line and column of the problem: the first byte that is not
    UTF-8, the YAML syntax error, a tag such as `!!python/object/apply`, an
    alias that refers to itself or expands beyond the limit (an "alias bomb"),
    nesting deeper than 64 levels, a file larger than `max-file-size`, or an
    `include` that is absolute, escapes the root file's folder, is missing or
    forms a cycle.

    **Why it matters**: nothing else can be checked in a file that cannot be
    read, and the limits keep a hostile file from exhausting memory or crashing
    the interpreter. This rule cannot be switched off.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO, description: !!python/object/apply:os.system ["echo hi"]}
    ```
    **Passes**: plain YAML, saved as UTF-8, no tags.
    ```diff
    -  - {id: ceo, title: CEO, description: !!python/object/apply:os.system ["echo hi"]}
    +  - {id: ceo, title: CEO, description: echo hi}
    ```
    """,
)

ORG002 = load_stage_rule(
    "ORG002",
    "schema",
    """
    An element does not match the org format: unknown key, wrong type, missing required field.

    Reported at the offending key or value. Unknown keys suggest the closest
    allowed key. Values YAML 1.1 would read as booleans or octal numbers (`no`,
    `on`, `010`) are read as the text written; `true`/`false` where text is
    expected must be quoted.

    **Why it matters**: a misspelt key (`reprots_to`) would otherwise be
    ignored and silently change the organisation.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reprots_to: ceo}
    ```
    **Passes**:
    ```diff
    -  - {id: cmo, title: CMO, reprots_to: ceo}
    +  - {id: cmo, title: CMO, reports_to: ceo}
    ```
    """,
)

ORG003 = load_stage_rule(
    "ORG003",
    "duplicate",
    """
    A YAML key is written twice in one mapping, or an id is defined twice for one kind of element.

    Both places are named. Ids must be unique per kind (units, positions,
    responsibilities, ...) across the root file and everything it includes; a
    RACI entry must be unique per (responsibility, scope).

    **Why it matters**: YAML parsers silently keep one of two duplicate keys,
    so half of what was written would be lost without a word.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: coo, title: COO, reports_to: ceo}
      - {id: cmo, title: CMO, reports_to: ceo, reports_to: coo}
    ```
    **Passes**: one `reports_to`; a second line is a `dotted_to`.
    ```diff
    -  - {id: cmo, title: CMO, reports_to: ceo, reports_to: coo}
    +  - {id: cmo, title: CMO, reports_to: ceo, dotted_to: [coo]}
    ```
    """,
)

RULES: list[Rule] = [ORG001, ORG002, ORG003]
