"""The rule engine: the rule record, the registry, and running rules over an organisation.

This module owns what a rule is (id, name, default severity, options model,
check function, documentation taken from the function's docstring), the
`Registry` that lists them, the `RuleContext` a check reports through, and
`run_rules`, which applies the configuration (select/ignore, severities,
options) and per-element `ignore`.

Rules are plain functions decorated with `rule(...)`; the decorator returns a
`Rule` and registers nothing globally: each family module lists its rules in
`RULES`, and `orgdesign.lint.rules.registry()` gathers the families explicitly.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ConfigDict

from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding, Location, Severity
from orgdesign.lint.grouping import group_under_unknown_references
from orgdesign.load.config import Config, ConfigError, rule_options
from orgdesign.model import Element, Ignorable, Org


class NoOptions(BaseModel):
    """A rule without options."""

    model_config = ConfigDict(extra="forbid")


CheckFn = Callable[["RuleContext"], None]
"""A check reports through `RuleContext.report` and returns nothing."""


@dataclass(frozen=True)
class Rule:
    """One rule: stable id, name, default severity, options and documentation."""

    id: str
    name: str
    severity: Severity
    family: str
    doc: str
    check: CheckFn | None = None
    """None for rules reported while loading (ORG001-ORG003)."""
    options: type[BaseModel] = NoOptions
    severity_note: str | None = None
    """Explains a severity that depends on context (e.g. DUAL301)."""
    reads: frozenset[tuple[str, str]] | None = None
    """The (section, key) values of elements the check reads, besides which elements there
    are (ids, `ignore`); None: any. After an edit of keys a rule does not read, the run
    memo reuses its findings (`orgdesign.lint.memo`); a test runs each rule with every
    other value made unreadable."""

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name


def rule(
    id: str,
    name: str,
    severity: Severity,
    *,
    family: str,
    options: type[BaseModel] = NoOptions,
    severity_note: str | None = None,
) -> Callable[[CheckFn], Rule]:
    """Make a rule of a check function; the docstring is the rule's documentation."""

    def wrap(fn: CheckFn) -> Rule:
        return Rule(
            id=id,
            name=name,
            severity=severity,
            family=family,
            doc=options_headers(id, inspect.cleandoc(fn.__doc__ or "")),
            check=fn,
            options=options,
            severity_note=severity_note,
        )

    return wrap


_TOML_BLOCK = re.compile(r"^```toml\n(?!\s*\[)", re.MULTILINE)


def options_headers(rule_id: str, doc: str) -> str:
    """A docstring with each ```toml block that starts with a bare key (`max = 3`) given
    the rule's own table header: examples write only the options, the documentation
    and the tests read the configuration a user would write."""
    return _TOML_BLOCK.sub(f"```toml\n[tool.orgdesign.options.{rule_id}]\n", doc)


def reads(*names: str) -> Callable[[Rule], Rule]:
    """Declare the values a rule's check reads, as `section.key` (`positions.holders`):
    above `@rule`, so that the run memo may keep its findings after other edits."""
    footprint = frozenset(_section_key(name) for name in names)
    return lambda item: replace(item, reads=footprint)


def _section_key(name: str) -> tuple[str, str]:
    section, _, key = name.partition(".")
    if not key:
        raise ValueError(f"a rule reads `section.key`, not {name!r}")
    return section, key


def load_stage_rule(
    id: str,
    name: str,
    doc: str,
    severity: Severity = Severity.ERROR,
) -> Rule:
    """A rule whose findings come from the loader or the model, not from a check."""
    return Rule(id, name, severity, "load", inspect.cleandoc(doc))


class Registry:
    """Rules by id, in catalogue order."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules: dict[str, Rule] = {}
        for item in rules:
            if item.id in self._rules:
                raise ValueError(f"rule {item.id} registered twice")
            self._rules[item.id] = item

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: _id_key(r.id)))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def get(self, rule_id: str) -> Rule | None:
        return self._rules.get(rule_id.upper())

    def ids(self) -> list[str]:
        return [r.id for r in self]


def _id_key(rule_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in rule_id if ch.isdigit())
    return (int(digits) if digits else 0, rule_id)


@dataclass
class RuleContext:
    """What a check sees: the organisation, its graph, its options; and how it reports."""

    rule: Rule
    org: Org
    graph: OrgGraph
    options: Any
    severity: Severity
    configured: bool
    """The severity was set in the configuration (it then wins over a check's own choice)."""
    findings: list[Finding] = field(default_factory=list)

    def unit_ref(self, uid: str | None) -> str:
        """A unit as a message names it: `'brand'`, or `'Brand' (id 20)` for a numeric id.

        Imported files keep the HR system's department numbers as ids; a bare
        `'20'` tells the reader nothing, the unit's name does.
        """
        return unit_ref(self.org, uid)

    def line_cut(self, pid: str) -> bool:
        """The solid line above `pid` ends at a position that could not be read (ORG002 there).

        What lies above is unknown, so a check of superiors (an escalation, a common manager)
        must not judge it: the error on the unreadable position is the finding to fix."""
        broken = self.org.broken_ids.get("positions")
        if not broken:
            return False
        top = self.graph.positions.get(([pid, *self.graph.ancestors(pid)])[-1])
        return top is not None and bool(top.reports_to) and top.reports_to in broken

    def report(
        self,
        message: str,
        at: Location,
        element: Element | None = None,
        ident: str | None = None,
        severity: Severity | None = None,
    ) -> Finding | None:
        """Record a finding unless the element silences this rule with `ignore`."""
        if isinstance(element, Ignorable) and self.rule.id in {i.upper() for i in element.ignore}:
            return None
        if ident is None and element is not None:
            ident = getattr(element, "id", None)
        chosen = self.severity if self.configured or severity is None else severity
        finding = Finding.at(self.rule.id, chosen, message, at, ident)
        self.findings.append(finding)
        return finding

    def report_at(
        self, element: Element, key: str | None, message: str, index: int | None = None
    ) -> Finding | None:
        """`report` at `element`'s `key` (its start when None), naming the element."""
        return self.report(message, element.loc(key, index), element)


def unit_ref(org: Org, uid: str | None) -> str:
    """`'brand'`, or `'Brand' (id 20)` when the id is a number and the unit has a name."""
    if uid is None:
        return "no unit"
    unit = org.unit_by_id.get(uid)
    if unit is not None and uid.isdigit() and unit.name and unit.name != uid:
        return f"{unit.name!r} (id {uid})"
    return repr(uid)


@dataclass
class Settings:
    """The configuration checked against the registry."""

    config: Config
    options: dict[str, Any]


def check_config(config: Config, registry: Registry) -> Settings:
    """Check rule ids and options named in the configuration; raise ConfigError if wrong."""
    where = config.source or "configuration"
    known = registry.ids()
    if "ORG001" in config.ignore or "ORG001" in config.severity:
        raise ConfigError(
            f"{where}: ORG001 (a file that cannot be read) cannot be ignored or re-graded"
        )
    for key in ("select", "ignore"):
        for pattern in getattr(config, key):
            if not any(r.startswith(pattern.upper()) for r in known):
                raise ConfigError(f"{where}: {key}: no rule id starts with {pattern!r}")
    for rule_id in config.severity:
        if registry.get(rule_id) is None:
            raise ConfigError(f"{where}: severity: unknown rule {rule_id!r}")
    options: dict[str, Any] = {}
    for item in registry:
        options[item.id] = rule_options(
            item.options, config.options.get(item.id, {}), config, item.id
        )
    for rule_id in config.options:
        if registry.get(rule_id) is None:
            raise ConfigError(f"{where}: options: unknown rule {rule_id!r}")
    return Settings(config, options)


def _organization_ignores(org: Org) -> set[str]:
    return {i.upper() for i in org.organization.ignore} if org.organization else set()


def unknown_ignores(org: Org, registry: Registry) -> list[Finding]:
    """ORG002 for `ignore:` entries that name no rule (a typo would silence nothing)."""
    elements: list[Ignorable] = [org.organization] if org.organization else []
    elements += [r for top in org.responsibilities for r, _ in top.walk()]
    for section in ("decision_domains", "units", "positions", "raci", "priority_rules", "projects"):
        elements += getattr(org, section)
    findings = []
    for element in elements:
        for i, rule_id in enumerate(element.ignore):
            if registry.get(rule_id) is None:
                findings.append(
                    Finding.at(
                        "ORG002",
                        Severity.ERROR,
                        f"`ignore` names {rule_id!r}, which is no rule; "
                        "`orgdesign rules` lists the ids",
                        element.loc("ignore", i),
                        getattr(element, "id", None),
                    )
                )
    return findings


def run_rules(org: Org, registry: Registry, settings: Settings) -> list[Finding]:
    """Run every enabled rule over one organisation."""
    graph = OrgGraph(org)
    return group_under_unknown_references(org, graph, check_rules(org, graph, registry, settings))


def check_rules(
    org: Org,
    graph: OrgGraph,
    registry: Registry,
    settings: Settings,
    skip: frozenset[str] = frozenset(),
) -> list[Finding]:
    """The findings of every enabled rule but those in `skip`, before grouping."""
    config = settings.config
    silenced = _organization_ignores(org)
    findings: list[Finding] = []
    for item in registry:
        if item.check is None or item.id in skip or item.id in silenced:
            continue
        if not config.enabled(item.id):
            continue
        configured = item.id in config.severity
        severity = config.severity.get(item.id, item.severity)
        ctx = RuleContext(item, org, graph, settings.options[item.id], severity, configured)
        item.check(ctx)
        findings.extend(ctx.findings)
    return findings


def apply_config(findings: Iterable[Finding], org: Org | None, settings: Settings) -> list[Finding]:
    """Filter and re-grade findings that did not come from a check (loader and model findings)."""
    config = settings.config
    silenced = _organization_ignores(org) if org else set()
    upper = config.severity
    out: list[Finding] = []
    for finding in findings:
        always = finding.rule == "ORG001"  # a file that cannot be read is never silenced
        if not always and (not config.enabled(finding.rule) or finding.rule in silenced):
            continue
        if finding.rule in upper and not always:
            finding = Finding(
                finding.rule,
                upper[finding.rule],
                finding.message,
                finding.file,
                finding.line,
                finding.column,
                finding.element,
            )
        out.append(finding)
    return out
