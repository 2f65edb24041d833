"""Writing organisations and scenarios back to YAML.

`org_text` writes the whole organisation a scenario describes as one org
file: the base root file's own keys (organization, catalogues, local
responsibilities, decision domains, targets) kept as written, and the units,
positions, RACI, priority rules and projects of the applied organisation;
included files are folded in, so the result needs nothing but its catalogues.
`scenario_text` writes a scenario file with a comment above each change.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from orgdesign.analysis.hris.emit import dump_yaml
from orgdesign.assemble.project import TOP_KEYS
from orgdesign.model import Org

MODEL_SECTIONS = ("units", "positions", "raci", "priority_rules", "projects")
"""Sections written from the applied organisation; the others are copied from the base files."""
COPIED_LISTS = ("responsibilities", "decision_domains")


def plain(value: Any) -> Any:
    """Loader containers and numbers as plain Python values (integral floats as ints)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else float(value)
    return str(value) if not isinstance(value, str) else value


def _dumped(org: Org, section: str) -> list[Any]:
    return [
        plain(item.model_dump(mode="json", exclude_defaults=True, by_alias=True))
        for item in getattr(org, section)
    ]


def org_document(
    org: Org, base_raw: Mapping[str, Any], included: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The data of the applied organisation's org file, keys in the base's order."""
    out: dict[str, Any] = {}
    keys = [k for k in base_raw if k in TOP_KEYS]
    keys += [k for k in (*MODEL_SECTIONS, *COPIED_LISTS) if k not in keys]
    for key in keys:
        if key == "include":
            continue
        if key in MODEL_SECTIONS:
            value: Any = _dumped(org, key)
        elif key in COPIED_LISTS:
            value = [plain(i) for raw in (base_raw, *included) for i in (raw.get(key) or [])]
        elif key == "targets":
            continue  # written below from the targets in force
        else:
            value = plain(base_raw[key])
        if value or key == "orgdesign":
            out[key] = value
    if org.targets is not None:
        out["targets"] = plain(org.targets.model_dump(mode="json", exclude_defaults=True))
    return out


def org_text(
    org: Org, base_raw: Mapping[str, Any], included: Sequence[Mapping[str, Any]], header: str
) -> str:
    return dump_yaml(org_document(org, base_raw, included), header)


@dataclass(frozen=True)
class Proposed:
    """One change of a written scenario with the reason said above it."""

    kind: str
    fields: dict[str, Any]
    why: list[str]


def _flow(fields: dict[str, Any]) -> str:
    """`{position: "a", reports_to: "b"}`: JSON strings are valid YAML and never retyped."""
    inner = ", ".join(
        f"{k}: {json.dumps(v, ensure_ascii=False, allow_nan=False)}" for k, v in fields.items()
    )
    return "{" + inner + "}"


def _flow_any(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow_any(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow_any(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def scenario_text(
    ident: str,
    name: str,
    base: str,
    changes: list[Proposed],
    header: list[str],
    targets: dict[str, Any] | None = None,
) -> str:
    """A scenario file; each change is preceded by its reasons as `#` comments."""
    lines = [f"# {line}".replace("\n", " ").rstrip() for line in header]
    info = {"id": ident, "name": name, "base": base}
    lines += ["orgdesign: 1", f"scenario: {_flow(info)}"]
    if targets:
        lines.append(f"targets: {_flow_any(targets)}")
    if not changes:
        lines.append("changes: []")
    else:
        lines.append("changes:")
    for change in changes:
        lines += [f"  # {why}".replace("\n", " ").replace("\r", " ") for why in change.why]
        lines.append(f"  - {change.kind}: {_flow(change.fields)}")
    return "\n".join(lines) + "\n"
