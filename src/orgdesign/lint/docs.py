"""Rule documentation: the text of `orgdesign explain ID` and of `docs/rules.md`.

This module owns turning a rule's record (id, name, default severity, options
model, docstring) into Markdown. The docstring is the single source: the
generated `docs/rules.md`, `orgdesign explain` and the SARIF rule descriptions
all come from it. It also owns the rule table of README.md (`readme_rules_table`,
written between two markers by `replace_generated`). Regenerate both with `make docs`.

A docstring ends with a **Fails** example: a ```yaml block (the part of an org
file that matters; `orgdesign: 1` and `organization` may be left out),
optionally a ```toml block with the configuration (a block that starts with a
bare key holds the rule's own options: `engine.options_headers` adds
`[tool.orgdesign.options.ID]`) and yaml blocks whose first
line `# NAME.yaml` names another file (e.g. a scenario's base). The **Passes**
example that follows is the Fails one with a change: a ```diff block (` `/`-`
lines found once in the Fails file become the ` `/`+` lines; `@@` separates
hunks), or a whole yaml block; its own toml block replaces the configuration.
tests/test_rule_docs.py runs every example: the Fails one must yield the rule's
finding, the Passes one must not and must have no error at all.
"""

from __future__ import annotations

from typing import Any

from orgdesign.lint.engine import Registry, Rule
from orgdesign.model.types import field_docstring

DOCS_URL = "https://github.com/orgdesign/orgdesign/blob/main/docs/rules.md"
"""Where the rule documentation is published; SARIF help links point into it."""


def help_uri(rule: Rule) -> str:
    return f"{DOCS_URL}#{rule.id.lower()}"


def _options(rule: Rule) -> list[str]:
    fields: dict[str, Any] = rule.options.model_fields
    if not fields:
        return []
    lines = ["", f"Options (in `[tool.orgdesign.options.{rule.id}]`):", ""]
    for name, info in fields.items():
        # Options models are built without reading their source (start-up): read it here.
        described = info.description or field_docstring(rule.options, name)
        doc = f": {described}" if described else ""
        lines.append(f"- `{name}` (default `{info.default}`){doc}")
    return lines


def rule_markdown(rule: Rule, heading: str = "##") -> str:
    """One rule's documentation as Markdown."""
    severity = rule.severity.value
    lines = [f"{heading} {rule.id}", "", f"**{rule.name}** · default severity: **{severity}**"]
    if rule.severity_note:
        lines[-1] += f" ({rule.severity_note})"
    lines += ["", rule.doc, *_options(rule)]
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown(registry: Registry) -> str:
    """The whole `docs/rules.md` page."""
    rows = [
        f"| [{r.id}](#{r.id.lower()}) | {r.name} | {r.severity.value} | {r.summary} |"
        for r in registry
    ]
    parts = [
        "# Rules",
        "",
        "<!-- Generated from the rule docstrings: `orgdesign rules --format md`. Do not edit. -->",
        "",
        "Every finding carries one of these ids. Switch rules off or re-grade them in",
        "`[tool.orgdesign]` (`select`, `ignore`, `severity`), set their options in",
        "`[tool.orgdesign.options.ID]`, or silence them on one element with `ignore: [ID]`.",
        "",
        "Each rule's examples are run as tests. They show the part of an org file that",
        "matters (add `orgdesign: 1` and an `organization` where they are left out); a",
        "Passes example is the Fails one with the change shown as a diff.",
        "",
        "| id | name | default | checks |",
        "|---|---|---|---|",
        *rows,
        "",
    ]
    parts += [rule_markdown(r) for r in registry]
    return "\n".join(parts)


FAMILY_TITLES = {
    "load": "loading",
    "structure": "structure",
    "raci": "RACI",
    "dual": "dual reporting",
    "archetype": "archetypes",
    "projects": "projects",
    "targets": "targets",
    "scenario": "scenarios",
}
"""How README.md's rule table names each family, in the order of the registry."""

README_START = "<!-- rule table: generated from the rules by `make docs`; do not edit -->"
README_END = "<!-- end of rule table -->"


def readme_rules_table(registry: Registry, link: str = "docs/rules.md") -> str:
    """README.md's table of rule families: each id linked to its documentation, with its name."""
    families: dict[str, list[str]] = {}
    for r in registry:
        title = FAMILY_TITLES.get(r.family, r.family)
        entry = f"[{r.id}]({link}#{r.id.lower()}) {r.name}"
        families.setdefault(title, []).append(entry)
    rows = [f"| {title} | {', '.join(entries)} |" for title, entries in families.items()]
    return "\n".join(["| family | ids |", "|---|---|", *rows]) + "\n"


def replace_generated(
    text: str, body: str, start: str = README_START, end: str = README_END
) -> str:
    """`text` with what lies between the `start` and `end` marker lines replaced by `body`."""
    head, sep, rest = text.partition(start + "\n")
    _, sep2, tail = rest.partition(end)
    if not sep or not sep2:
        raise ValueError(f"markers {start!r} and {end!r} not found")
    return head + start + "\n" + body + end + tail
