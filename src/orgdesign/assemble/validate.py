"""Validating one org or catalogue file, element by element, into its `FileContent`.

This module owns checking a file's raw positioned data against the models: the
top-level keys, the header (`orgdesign`, `organization`, `targets`: root file
only), each list section item by item (one bad element hides nothing else; the
ids of broken ones are kept so they are not reported again as unknown), and the
text lists (`include`, `catalogs`). Each valid element is given the place it
was written (`Src`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from orgdesign.assemble.errors import error_findings, kind_of
from orgdesign.findings import Finding, Location, Severity
from orgdesign.load.loader import YInt, YMap, YSeq
from orgdesign.model import (
    FORMAT_VERSION,
    SECTIONS,
    CatalogFile,
    CatalogInfo,
    Element,
    Ignorable,
    Organization,
    OrgFile,
    PriorityRule,
    Project,
    Responsibility,
    Src,
    Targets,
)

_E = TypeVar("_E", bound=Element)

TOP_KEYS = tuple(OrgFile.model_fields)
CATALOG_KEYS = tuple(CatalogFile.model_fields)
_NESTED: dict[type[BaseModel], tuple[str, ...]] = {
    Responsibility: ("children",),
    PriorityRule: ("applies_to",),
    Project: ("milestones",),
    Organization: ("profile",),
    Targets: ("span", "layers", "staff_per_manager", "units"),
}
KIND_NAMES = {
    "responsibilities": "responsibility",
    "decision_domains": "decision domain",
    "units": "unit",
    "positions": "position",
    "raci": "RACI entry",
    "priority_rules": "priority rule",
    "projects": "project",
}


Shared = dict[frozenset[str], set[str]]
"""The key sets of a file's elements, each kept once (`Element.share_fields_set`)."""


def attach(model: BaseModel, raw: Any, file: str, shared: Shared | None = None) -> None:
    """Give an element (and its nested elements) the place it was written."""
    if isinstance(model, Element):
        model.with_src(Src(file, raw if isinstance(raw, YMap) else None))
        if shared is not None:
            model.share_fields_set(shared)
    nested = _NESTED.get(type(model))
    if not nested or not isinstance(raw, YMap):
        return
    for name in nested:
        value = getattr(model, name)
        sub = raw.get(name)
        if isinstance(value, list) and isinstance(sub, YSeq):
            for item, sub_raw in zip(value, sub, strict=False):
                attach(item, sub_raw, file, shared)
        elif isinstance(value, BaseModel):
            attach(value, sub, file, shared)


def _validate_item(
    model: type[Ignorable],
    raw: Any,
    file: str,
    section: str,
    index: int,
    at: tuple[int, int],
    shared: Shared,
) -> tuple[Ignorable | None, list[Finding]]:
    try:
        item = model.model_validate(raw)
    except ValidationError as exc:
        ident = raw.get("id") if isinstance(raw, dict) else None
        label = KIND_NAMES[section]
        what = f"{label} {ident!r}" if isinstance(ident, str) else f"{label} #{index + 1}"
        return None, error_findings(exc, raw, file, what, model, at)
    attach(item, raw, file, shared)
    return item, []


@dataclass(slots=True)
class FileContent:
    """The validated content of one org or catalogue file."""

    file: str
    raw: YMap
    organization: Organization | None = None
    catalog: CatalogInfo | None = None
    targets: Targets | None = None
    sections: dict[str, list[Any]] = field(default_factory=dict)
    broken: dict[str, set[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    is_mapping: bool = True
    """False when the file's top level is not a mapping (then nothing else was read)."""

    def strings(self, key: str) -> list[tuple[str, Location]]:
        """The text items of a list key (`include`, `catalogs`) with their places."""
        value = self.raw.get(key)
        if not isinstance(value, YSeq):
            return []
        return [
            (item, Location(self.file, *value.item_pos[i]))
            for i, item in enumerate(value)
            if isinstance(item, str)
        ]

    def error(self, message: str, at: tuple[int, int]) -> None:
        """Add an ORG002 finding at a place of this file."""
        self.findings.append(Finding("ORG002", Severity.ERROR, message, self.file, *at))


def validate_file(raw: Any, file: str, *, root: bool) -> FileContent:
    """Validate one file's raw data element by element: one bad element hides nothing else."""
    if not isinstance(raw, YMap):
        content = FileContent(file, YMap(), is_mapping=False)
        got = "empty" if raw is None else f"{kind_of(raw)}"
        content.error(
            f"an org file is a mapping with keys such as `orgdesign`, `organization`, "
            f"`units`, `positions`; this file is {got}",
            (getattr(raw, "line", 1), getattr(raw, "column", 1)),
        )
        return content
    content = FileContent(file, raw)
    is_catalog = "catalog" in raw and "orgdesign" not in raw
    allowed = CATALOG_KEYS if is_catalog else TOP_KEYS
    for key in raw:
        if key not in allowed:
            hint = difflib.get_close_matches(key, allowed, n=1)
            content.error(
                f"unknown top-level key {key!r}"
                + (f"; did you mean {hint[0]!r}?" if hint else "")
                + f" (allowed: {', '.join(allowed)})",
                raw.key_pos[key],
            )
    if is_catalog:
        _validate_catalog_header(content)
    else:
        _validate_header(content, root)
        _validate_targets(content, root)
    for section, model in SECTIONS.items():
        if section in allowed:
            _validate_section(content, section, model)
    for key in ("include", "catalogs"):
        if key in allowed:
            _validate_string_list(content, key)
    return content


def _validate_catalog_header(content: FileContent) -> None:
    raw = content.raw
    try:
        content.catalog = CatalogInfo.model_validate(raw["catalog"])
    except ValidationError as exc:
        content.findings.extend(
            error_findings(exc, raw["catalog"], content.file, "catalog", CatalogInfo)
        )


def _validate_header(content: FileContent, root: bool) -> None:
    raw = content.raw
    here = (raw.line, raw.column)
    version = raw.get("orgdesign")
    if "orgdesign" not in raw:
        if root:
            content.error(
                f"missing `orgdesign: {FORMAT_VERSION}` (the format version) at the top; "
                "if another file includes this one, validate that file instead",
                here,
            )
    elif version != FORMAT_VERSION or type(version) not in (int, YInt):
        content.error(
            f"unsupported format version {version!r}; this orgdesign reads "
            f"`orgdesign: {FORMAT_VERSION}`",
            raw.val_pos["orgdesign"],
        )
    if "organization" in raw:
        if _root_only(content, "organization", root):
            content.organization = _validate_one(content, "organization", Organization)
    elif root:
        content.error("missing `organization` (with at least `id` and `name`)", here)


def _root_only(content: FileContent, key: str, root: bool) -> bool:
    """Whether the file may hold `key`; an included file that does is told so."""
    if not root:
        content.error(
            f"`{key}` may only be set in the root file, not in an included file",
            content.raw.key_pos[key],
        )
    return root


def _validate_one(content: FileContent, key: str, model: type[_E]) -> _E | None:
    """The element under a top-level key, placed; None (with findings) when it is not valid."""
    raw = content.raw[key]
    try:
        element = model.model_validate(raw)
    except ValidationError as exc:
        content.findings.extend(error_findings(exc, raw, content.file, key, model))
        return None
    attach(element, raw, content.file)
    return element


def _validate_targets(content: FileContent, root: bool) -> None:
    """The optional `targets:` section (root file only)."""
    raw = content.raw
    if "targets" not in raw or raw["targets"] is None:
        return
    if _root_only(content, "targets", root):
        content.targets = _validate_one(content, "targets", Targets)


def _validate_section(content: FileContent, section: str, model: type[Ignorable]) -> None:
    raw = content.raw
    if section not in raw:
        return
    value = raw[section]
    if value is None:
        return
    if not isinstance(value, YSeq):
        content.error(f"`{section}` must be a list (items start with `- `)", raw.val_pos[section])
        return
    items: list[Any] = []
    broken: set[str] = set()
    shared: Shared = {}
    for index, item_raw in enumerate(value):
        item, errors = _validate_item(
            model, item_raw, content.file, section, index, value.item_pos[index], shared
        )
        if item is None:
            content.findings.extend(errors)
            ident = item_raw.get("id") if isinstance(item_raw, dict) else None
            if isinstance(ident, str | int):
                broken.add(str(ident))
            if section == "responsibilities":
                broken.update(_nested_ids(item_raw))
        else:
            items.append(item)
    content.sections[section] = items
    content.broken[section] = broken


def _nested_ids(raw: Any) -> set[str]:
    ids: set[str] = set()
    if isinstance(raw, dict):
        if isinstance(raw.get("id"), str):
            ids.add(raw["id"])
        children = raw.get("children")
        for child in children if isinstance(children, list) else []:
            ids |= _nested_ids(child)
    return ids


def _validate_string_list(content: FileContent, key: str) -> None:
    raw = content.raw
    if key not in raw or raw[key] is None:
        return
    value = raw[key]
    bad = not isinstance(value, YSeq)
    where = raw.val_pos[key]
    if not bad:
        for i, item in enumerate(value):
            if not isinstance(item, str):
                bad, where = True, value.item_pos[i]
                break
    if bad:
        content.error(
            f"`{key}` must be a list of text items (file paths"
            + (" or `builtin:NAME`" if key == "catalogs" else "")
            + ")",
            where,
        )
