"""Regenerate the rule documentation: docs/rules.md and README.md's rule table (`make docs`).

Both come from the rule registry (docstrings, names, families) through
`orgdesign.lint.docs`; tests/test_rule_docs.py fails when either is stale.
"""

from __future__ import annotations

from pathlib import Path

from orgdesign.lint.docs import readme_rules_table, replace_generated, rules_markdown
from orgdesign.lint.rules import registry

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    reg = registry()
    (REPO / "docs" / "rules.md").write_text(rules_markdown(reg), encoding="utf-8")
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(replace_generated(text, readme_rules_table(reg)), encoding="utf-8")


if __name__ == "__main__":
    main()
