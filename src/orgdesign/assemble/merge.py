"""Merging the validated files of one organisation into its `Org`.

This module owns the merge: catalogue responsibilities first (without the
entries a file redefines), catalogue decision domains only when no file
declares its own, then every file's sections in read order; an id defined
twice (or a second RACI entry for the same duty and scope) is reported once
(ORG003) with both places, and the first one is kept.
"""

from __future__ import annotations

from typing import Any

from orgdesign.assemble.validate import KIND_NAMES, FileContent
from orgdesign.findings import Finding, Severity
from orgdesign.model import SECTIONS, Org, Responsibility


def merge(
    org: Org, catalogs: list[FileContent], contents: list[FileContent], findings: list[Finding]
) -> None:
    local_resp_ids = {
        item.id
        for content in contents
        for top in content.sections.get("responsibilities", [])
        for item, _ in top.walk()
    }
    # Decision domains of catalogues are a default set: used only when no file declares its own.
    declares_domains = any("decision_domains" in content.raw for content in contents)
    firsts: dict[str, dict[str, Any]] = {}
    for content in catalogs:
        for top in content.sections.get("responsibilities", []):
            pruned = _prune(top, local_resp_ids)
            if pruned is not None:
                _add_unique(org, "responsibilities", pruned, firsts, findings)
        for domain in content.sections.get("decision_domains", []):
            if not declares_domains:
                _add_unique(org, "decision_domains", domain, firsts, findings)
    for content in contents:
        for section in SECTIONS:
            _add_section(org, section, content.sections.get(section, []), firsts, findings)
    for content in [*catalogs, *contents]:
        for section, broken in content.broken.items():
            org.broken_ids.setdefault(section, set()).update(broken)
    for section in _BY_ID:  # the first element of each id, in order: the org's index
        org.seed_index(section, firsts.get(section, {}))


_BY_ID = ("units", "positions", "priority_rules", "projects")
"""The sections whose elements `_add_section` keeps by id alone (a million positions: the
index made again took 0.5 s)."""


def _prune(item: Responsibility, drop: set[str]) -> Responsibility | None:
    """A catalogue responsibility without the entries the file redefines itself."""
    if item.id in drop:
        return None
    if not any(child.id in drop or child.children for child in item.children):
        return item
    children = [c for c in (_prune(child, drop) for child in item.children) if c is not None]
    copy = item.model_copy(update={"children": children})
    copy.with_src(item.src)
    return copy


def _add_section(
    org: Org,
    section: str,
    items: list[Any],
    firsts: dict[str, dict[str, Any]],
    findings: list[Finding],
) -> None:
    """`_add_unique` for each item; one loop without a call per element where an id is
    all that makes an element unique (a million positions: 2.4 s of calls, 0.3 s of loop)."""
    if section in ("raci", "responsibilities"):
        for item in items:
            _add_unique(org, section, item, firsts, findings)
        return
    target: list[Any] = getattr(org, section)
    seen = firsts.setdefault(section, {})
    setdefault, append = seen.setdefault, target.append
    for item in items:
        if setdefault(item.id, item) is item:
            append(item)
        else:
            _add_unique(org, section, item, firsts, findings)  # reports the duplicate


def _add_unique(
    org: Org,
    section: str,
    item: Any,
    firsts: dict[str, dict[str, Any]],
    findings: list[Finding],
) -> None:
    target: list[Any] = getattr(org, section)
    seen = firsts.setdefault(section, {})  # id -> first element (located only when needed)
    if section == "raci":
        key = f"{item.responsibility}@{item.scope or ''}"
        first_entry = seen.get(key)
        if first_entry is not None:
            at = first_entry.loc("responsibility")
            scope = f" in scope {item.scope!r}" if item.scope else ""
            findings.append(
                Finding.at(
                    "ORG003",
                    Severity.ERROR,
                    f"second RACI entry for {item.responsibility!r}{scope}: the first is at "
                    f"{at.file}:{at.line}:{at.column}; merge them into one entry",
                    item.loc("responsibility"),
                    item.responsibility,
                )
            )
            return
        seen[key] = item
        target.append(item)
        return
    nodes = list(item.walk()) if isinstance(item, Responsibility) else [(item, None)]
    for node, _parent in nodes:
        first_node = seen.get(node.id)
        if first_node is not None:
            first = first_node.loc("id")
            findings.append(
                Finding.at(
                    "ORG003",
                    Severity.ERROR,
                    f"duplicate {KIND_NAMES[section]} id {node.id!r}: already defined at "
                    f"{first.file}:{first.line}:{first.column}; ids must be unique",
                    node.loc("id"),
                    node.id,
                )
            )
            if node is item:
                return
        else:
            seen[node.id] = node
    target.append(item)
