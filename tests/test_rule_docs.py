"""Rule documentation: every rule's "Fails" and "Passes" examples run, README's rule table current.

The examples are the ones `docs/rules.md` and `orgdesign explain` show; their
form is described in `orgdesign.lint.docs`. A Fails example must yield the
rule's finding; a Passes example must not, and must be a valid organisation (no
error-level finding of any rule). Neither may break the file format (ORG001,
ORG002) unless that is the rule shown.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, run_org
from orgdesign.findings import Finding, Severity
from orgdesign.lint.docs import README_END, README_START, readme_rules_table, replace_generated
from orgdesign.lint.engine import Rule, options_headers
from orgdesign.lint.rules import registry

BLOCK = re.compile(r"```(yaml|toml|diff)\n(.*?)```", re.DOTALL)
NAMED = re.compile(r"#\s*([\w.-]+\.yaml)\s*\n")
ROOT = "example.yaml"


@dataclass
class Example:
    files: dict[str, str] = field(default_factory=dict)
    """File name -> text as written in the documentation; ROOT is the file validated."""
    config: dict[str, Any] = field(default_factory=dict)


def section(doc: str, title: str) -> str:
    """The text after `**Fails**` (up to `**Passes**`) or after `**Passes**` (to the end)."""
    start = doc.index(f"**{title}**")
    end = doc.find("**Passes**", start + 1) if title == "Fails" else -1
    return doc[start : end if end > 0 else len(doc)]


def apply_diff(text: str, diff: str) -> str:
    """`text` with each hunk of `diff` applied: its ` `/`-` lines, found once, become ` `/`+`."""
    for hunk in re.split(r"^@@.*\n", diff, flags=re.MULTILINE):
        lines = hunk.splitlines()
        old = "".join(line[1:] + "\n" for line in lines if line[:1] in " -")
        new = "".join(line[1:] + "\n" for line in lines if line[:1] in " +")
        assert old and ("\n" + text).count("\n" + old) == 1, f"hunk not found once:\n{hunk}"
        text = ("\n" + text).replace("\n" + old, "\n" + new)[1:]
    return text


def written(doc: str, title: str) -> Example:
    """The files and configuration of a section; a Passes section starts from its Fails one."""
    found = written(doc, "Fails") if title == "Passes" else Example()
    for kind, body in BLOCK.findall(section(doc, title)):
        if kind == "toml":
            found.config = tomllib.loads(body)["tool"]["orgdesign"]
        elif kind == "diff":
            found.files[ROOT] = apply_diff(found.files[ROOT], body)
        else:
            named = NAMED.match(body)
            found.files[named.group(1) if named else ROOT] = body
    return found


def example(doc: str, title: str) -> Example:
    """The section's example as run: the validated file with `orgdesign: 1` and an
    `organization` added when the documentation leaves them out."""
    found = written(doc, title)
    root = found.files.get(ROOT, "")
    if not re.search(r"^(orgdesign|scenario):", root, re.MULTILINE):
        if not re.search(r"^organization:", root, re.MULTILINE):
            root = "organization: {id: example, name: Example}\n" + root
        found.files[ROOT] = "orgdesign: 1\n" + root
    return found


def run(tmp_path: Path, found: Example) -> list[Finding]:
    files = {k: v for k, v in found.files.items() if k != ROOT}
    return run_org(tmp_path, found.files[ROOT], files, found.config, name=ROOT)


def described(findings: list[Finding]) -> str:
    return "\n".join(
        f"{f.line}:{f.column} {f.rule} {f.severity.value} {f.message}" for f in findings
    )


RULES = list(registry())


def format_errors(rule: Rule, findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule in {"ORG001", "ORG002"} and f.rule != rule.id]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_fails_example_yields_the_finding(tmp_path: Path, rule: Rule) -> None:
    assert "**Fails**" in rule.doc, f"{rule.id} has no Fails example"
    findings = run(tmp_path, example(rule.doc, "Fails"))
    assert any(f.rule == rule.id for f in findings), described(findings)
    assert not format_errors(rule, findings), described(findings)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_passes_example_is_a_valid_organisation(tmp_path: Path, rule: Rule) -> None:
    assert "**Passes**" in rule.doc, f"{rule.id} has no Passes example"
    found = example(rule.doc, "Passes")
    assert found != example(rule.doc, "Fails"), f"{rule.id}: the Passes example is the Fails one"
    findings = run(tmp_path, found)
    assert not [f for f in findings if f.rule == rule.id], described(findings)
    assert not [f for f in findings if f.severity is Severity.ERROR], described(findings)


def test_sections_are_parsed_as_documented() -> None:
    doc = (
        "Summary.\n\n**Fails**: with\n```toml\n[tool.orgdesign.options.ORG107]\nmax = 3\n```\n"
        "```yaml\n# base.yaml\npositions: []\n```\n```yaml\npositions: [{id: a, title: A}]\n```\n"
        "**Passes**:\n```yaml\norgdesign: 1\nscenario: {id: s}\n```\n"
    )
    fails = example(doc, "Fails")
    assert fails.config == {"options": {"ORG107": {"max": 3}}}
    assert fails.files["base.yaml"] == "# base.yaml\npositions: []\n"
    assert fails.files[ROOT].startswith("orgdesign: 1\norganization: {id: example")
    passes = example(doc, "Passes").files
    assert passes == {
        "base.yaml": fails.files["base.yaml"],
        ROOT: "orgdesign: 1\nscenario: {id: s}\n",
    }


def test_readme_rule_table_is_up_to_date() -> None:
    """README.md's rule table is generated: regenerate it with `make docs`."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme_rules_table(registry())
    assert replace_generated(readme, table) == readme, "README.md's rule table is stale: make docs"
    assert all(f"[{rule.id}](docs/rules.md#{rule.id.lower()})" in readme for rule in RULES)


def test_generated_part_needs_both_markers() -> None:
    text = f"intro\n{README_START}\nold\n{README_END}\noutro\n"
    assert replace_generated(text, "new\n") == f"intro\n{README_START}\nnew\n{README_END}\noutro\n"
    with pytest.raises(ValueError, match="markers"):
        replace_generated("no markers here\n", "new\n")


def test_passes_diff_changes_the_fails_example() -> None:
    doc = (
        "**Fails**:\n```toml\n[tool.orgdesign.options.ORG107]\nmax = 3\n```\n"
        "```yaml\npositions:\n  - {id: a, title: A}\n  - {id: b, title: B, reports_to: x}\n```\n"
        "**Passes**:\n```diff\n-  - {id: b, title: B, reports_to: x}\n"
        "+  - {id: b, title: B, reports_to: a}\n"
        "@@ a second hunk\n positions:\n+  - {id: c, title: C, reports_to: a}\n```\n"
    )
    passes = example(doc, "Passes")
    assert passes.config == {"options": {"ORG107": {"max": 3}}}
    assert passes.files[ROOT].endswith(
        "positions:\n  - {id: c, title: C, reports_to: a}\n  - {id: a, title: A}\n"
        "  - {id: b, title: B, reports_to: a}\n"
    )
    with pytest.raises(AssertionError, match="not found once"):
        apply_diff("a: 1\n", "-b: 2\n+b: 3\n")


def test_a_toml_block_of_bare_keys_is_the_rules_own_options() -> None:
    doc = "S.\n\n```toml\nmax = 3\n```\n```toml\n[tool.orgdesign]\nignore = []\n```\n"
    written = options_headers("ORG107", doc)
    assert written.count("[tool.orgdesign.options.ORG107]\nmax = 3\n") == 1
    assert "```toml\n[tool.orgdesign]\nignore = []" in written  # a table of its own stays
    documented = next(r for r in RULES if r.id == "RACI206").doc
    assert "```toml\n[tool.orgdesign.options.RACI206]\nmax = 2\n```" in documented
