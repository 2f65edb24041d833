"""Pydantic validation errors turned into located findings (ORG002) a user can act on.

This module owns following an error's path through the positioned raw data to
the key or value it is about, naming the element (`project 'p' milestones[2]`),
suggesting the key that was meant, and saying in the user's words what is
wrong with a value (`is text ('3'), expected a number: write it without quotes`).
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from orgdesign.findings import Finding, Location, Severity
from orgdesign.load.loader import YMap, YSeq


def _walk(raw: Any, parts: tuple[int | str, ...], file: str) -> tuple[Location, Any]:
    """Follow an error path through raw data; return the deepest location and node reached."""
    node = raw
    loc = Location(file, getattr(raw, "line", 1), getattr(raw, "column", 1))
    for part in parts:
        if isinstance(node, YMap) and isinstance(part, str) and part in node:
            line, col = node.val_pos.get(part) or node.key_pos[part]
            loc, node = Location(file, line, col), node[part]
        elif isinstance(node, YSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.item_pos[part]
            loc, node = Location(file, line, col), node[part]
        else:
            break
    return loc, node


def _comma_hint(raw: Any, parts: tuple[int | str, ...], file: str) -> str:
    """A hint when an unknown key is the tail of a value cut at an unquoted comma.

    In `{id: u, name: Sales, Marketing}` the comma ends the value, and `Marketing`
    becomes a key without a value on the same line as the value before it.
    """
    _, node = _walk(raw, parts[:-1], file)
    key = str(parts[-1])
    if not isinstance(node, YMap) or key not in node or node[key] is not None:
        return ""
    keys = list(node)
    at = keys.index(key)
    if at == 0:
        return ""
    before = keys[at - 1]
    value = node[before]
    same_line = node.val_pos.get(before, (0, 0))[0] == node.key_pos[key][0]
    if not isinstance(value, str) or not same_line:
        return ""
    return (
        f"; if {key!r} is part of the value of `{before}`, quote the value: "
        f'{before}: "{value}, {key}" (a comma ends a value inside {{...}})'
    )


def error_findings(
    exc: ValidationError,
    raw: Any,
    file: str,
    what: str,
    model: type[BaseModel],
    at: tuple[int, int] | None = None,
) -> list[Finding]:
    """ORG002 findings for a validation error; `at` places a raw value that is not a mapping."""
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    ident = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    findings: list[Finding] = []
    errors = [
        (tuple(p for p in err["loc"] if isinstance(p, int | str)), err)
        for err in exc.errors(include_url=False)
    ]
    missing = {parts for parts, err in errors if err["type"] == "missing"}
    hints: dict[tuple[int | str, ...], str | None] = {}
    for parts, err in errors:
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(parts[-1]), _allowed_keys(model, parts[:-1]), 1)
            hints[parts] = close[0] if close else None
    # A missing key that a misspelt key accounts for is said once, at the misspelling.
    explained = {(*p[:-1], h) for p, h in hints.items() if h and (*p[:-1], h) in missing}
    for parts, err in errors:
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(parts[-1])
            allowed = _allowed_keys(model, parts[:-1])
            hint = [hints[parts]] if hints[parts] else []
            loc = _key_location(raw, parts, file)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            listed = f" (allowed: {', '.join(allowed)})" if allowed else ""
            message = f"unknown key {key!r} in {_inside(what, parts[:-1])}{suggestion}{listed}"
            message += _comma_hint(raw, parts, file)
        elif kind == "missing":
            if parts in explained:
                continue
            loc, _ = _walk(raw, parts[:-1], file)
            message = f"{_inside(what, parts[:-1])} is missing the required key {parts[-1]!r}"
        else:
            loc, node = _walk(raw, parts, file)
            if not parts and at is not None and not isinstance(raw, YMap | YSeq):
                loc = Location(file, *at)
            path = ".".join(str(p) for p in parts)
            message = f"{what}: {_describe(kind, err['msg'], node, path)}"
        findings.append(
            Finding("ORG002", Severity.ERROR, message, file, loc.line, loc.column, ident)
        )
    return findings


def _inside(what: str, parts: tuple[int | str, ...]) -> str:
    """`project 'p'` or, for a nested element, `project 'p' milestones[2]`."""
    if not parts:
        return what
    path = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")
    return f"{what} {path}"


def _key_location(raw: Any, parts: tuple[int | str, ...], file: str) -> Location:
    """Location of the last key of an error path (an unknown key is reported at the key)."""
    parent, container = _walk(raw, parts[:-1], file)
    key = str(parts[-1])
    if isinstance(container, YMap) and key in container.key_pos:
        return Location(file, *container.key_pos[key])
    return parent


def _allowed_keys(model: type[BaseModel], parts: tuple[int | str, ...]) -> list[str]:
    """Field names of the (nested) model an error path points into."""
    current: Any = model
    for part in parts:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _model_in(fields[part].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def kind_of(value: Any) -> str:
    """How a YAML value reads to a user: `a list`, `a number`, ..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


def _describe(kind: str, msg: str, node: Any, path: str) -> str:
    where = f"`{path}`" if path else "value"
    if kind == "string_pattern_mismatch":
        return (
            f"{where} {node!r} is not a valid id: use ASCII letters, digits, '.', '_' "
            "and '-', starting with a letter or digit"
        )
    if kind == "string_type" and isinstance(node, bool):
        return f"{where} is a boolean ({str(node).lower()}), expected text: quote it"
    if kind == "string_type" and isinstance(node, dict | list):
        return f"{where} must be text, not a {'mapping' if isinstance(node, dict) else 'list'}"
    if kind in {"int_type", "float_type", "bool_type"} and not isinstance(node, dict | list):
        wanted = "true or false" if kind == "bool_type" else "a number"
        if isinstance(node, str):
            return f"{where} is text ({node!r}), expected {wanted}: write it without quotes"
        if isinstance(node, bool):
            return f"{where} is a boolean ({str(node).lower()}), expected {wanted}"
        if kind == "int_type" and isinstance(node, float):
            return f"{where} is {node}, expected a whole number"
    if kind in {"list_type", "dict_type", "model_type"}:
        wanted = {"list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
        return f"{where} must be {wanted}, not {kind_of(node)}"
    return f"{where}: {msg}"
