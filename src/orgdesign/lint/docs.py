"""Rule documentation: the text of `orgdesign explain ID` and of `docs/rules.md`.

This module owns turning a rule's record (id, name, default severity, options
model, docstring) into Markdown. The docstring is the single source: the
generated `docs/rules.md`, `orgdesign explain` and the SARIF rule descriptions
all come from it. Regenerate the page with `orgdesign rules --format md > docs/rules.md`.
"""

from __future__ import annotations

from typing import Any

from orgdesign.lint.engine import Registry, Rule

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
        doc = f": {info.description}" if info.description else ""
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
        "| id | name | default | checks |",
        "|---|---|---|---|",
        *rows,
        "",
    ]
    parts += [rule_markdown(r) for r in registry]
    return "\n".join(parts)
