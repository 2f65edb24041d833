"""Hypothesis strategies for the fuzz harness: valid organisations and HR tables, and
mutations of them, structural (keys, values, references, nesting) and byte-level
(flips, insertions of awkward characters, truncation)."""

from __future__ import annotations

import copy
import csv
import io
from typing import Any

import yaml
from hypothesis import strategies as st

UNIT_TYPES = ["company", "division", "department", "group", "team", "region"]
AWKWARD_TEXT = [
    "", " ", "]", "[", "\x7f", "\x1b[31m", "\x9b2J", "\u202eevil", "\u2066x", "\x00", "\x85",
    "\u2028", "\ufeff", "营销部", "Zoë", "a" * 3000, "%0A", "::error::", "<b>&amp;", '"', "'",
    "{x}", "- y", "#", "\t", "\r\n", "😀\u200d😀",
]  # fmt: skip
AWKWARD_VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 2**31, 2**63, 10**400, 1.5, float("inf"), float("-inf"),
    float("nan"), 1e308, 1e-300, [], {}, [[[]]], {"a": {"b": {}}}, "2026-02-30", "1e400",
    ".inf", "true", "0x10", "1:30",
]  # fmt: skip
AWKWARD_BYTES = [
    b"\x00", b"\xff", b"\xc2\x85", b"\xe2\x80\xa8", b"\xef\xbb\xbf", b"\t", b"\r", b"\n", b"[",
    b"{", b"&a ", b"*a ", b"!!python/object ", b"<<: ", b"---\n", b"'", b'"', b": ", b"- ",
    b"\x1b", b"\xc2\x9b", b"%", b",", b"\\",
]  # fmt: skip

text = st.one_of(
    st.sampled_from(AWKWARD_TEXT),
    st.text(min_size=0, max_size=12),
    st.from_regex(r"[a-z]{1,8}", fullmatch=True),
)
value = st.one_of(st.sampled_from(AWKWARD_VALUES), text, st.integers(), st.floats())


@st.composite
def valid_org(draw: st.DrawFn) -> dict[str, Any]:
    """A small valid organisation: a unit tree, a reporting tree, some RACI."""
    n_units = draw(st.integers(1, 6))
    units = [{"id": "u0", "name": draw(text) or "Top", "type": "company", "head": "p0"}]
    for i in range(1, n_units):
        units.append(
            {
                "id": f"u{i}",
                "name": draw(text) or f"Unit {i}",
                "type": draw(st.sampled_from(UNIT_TYPES)),
                "parent": f"u{draw(st.integers(0, i - 1))}",
            }
        )
    n_pos = draw(st.integers(1, 12))
    positions: list[dict[str, Any]] = [{"id": "p0", "title": draw(text) or "CEO", "unit": "u0"}]
    for i in range(1, n_pos):
        pos: dict[str, Any] = {
            "id": f"p{i}",
            "title": draw(text) or f"Role {i}",
            "unit": f"u{draw(st.integers(0, n_units - 1))}",
            "reports_to": f"p{draw(st.integers(0, i - 1))}",
        }
        if draw(st.booleans()):
            pos["headcount"] = draw(st.integers(1, 5))
            pos["holders"] = [draw(text) for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            pos["cost"] = draw(st.integers(0, 200_000))
        if i > 2 and draw(st.integers(0, 4)) == 0:
            pos["dotted_to"] = [f"p{draw(st.integers(0, i - 1))}"]
        positions.append(pos)
    raci = [
        {"responsibility": "r1", "A": "p0", "R": [f"p{draw(st.integers(0, n_pos - 1))}"]},
    ]
    return {
        "orgdesign": 1,
        "organization": {"id": "acme", "name": draw(text) or "Acme"},
        "responsibilities": [{"id": "r1", "name": "Work", "kpis": ["k"]}],
        "units": units,
        "positions": positions,
        "raci": raci,
        "projects": [
            {
                "id": "pr",
                "name": "P",
                "lead": "p0",
                "milestones": [{"name": "m", "due": "2026-03-01"}],
            }
        ],
    }


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def structurally_mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """Change, drop, add or duplicate parts of an organisation."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths[1:] or paths))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        key = path[-1] if path else None
        action = draw(st.sampled_from(["set", "drop", "add", "dup", "deep", "ref"]))
        if key is None:
            break
        if action == "set":
            parent[key] = draw(value)
        elif action == "drop":
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[
                draw(
                    st.sampled_from(
                        ["bogus", "include", "catalogs", "\x1b", "headcount", "cost", "due"]
                    )
                )
            ] = draw(value)
        elif action == "dup" and isinstance(parent, list):
            parent.append(parent[key])
        elif action == "deep":
            nested: Any = draw(value)
            for _ in range(draw(st.integers(1, 80))):
                nested = [nested]
            parent[key] = nested
        elif action == "ref" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["reports_to", "parent", "head", "unit", "dotted_to"]))] = (
                f"p{draw(st.integers(0, 12))}"
                if draw(st.booleans())
                else f"u{draw(st.integers(0, 6))}"
            )
    return data


def dump(data: Any) -> bytes:
    try:
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        return text.encode("utf-8", "surrogatepass")
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return b"orgdesign: 1\n"


@st.composite
def byte_mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """Flip, insert, delete or truncate bytes of a file."""
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not buf:
            buf += draw(st.binary(max_size=20))
            continue
        at = draw(st.integers(0, len(buf) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if action == "flip":
            buf[at] = draw(st.integers(0, 255))
        elif action == "insert":
            buf[at:at] = draw(st.one_of(st.sampled_from(AWKWARD_BYTES), st.binary(max_size=8)))
        elif action == "delete":
            del buf[at : at + draw(st.integers(1, 16))]
        elif action == "truncate":
            del buf[at:]
        else:
            buf[at:at] = bytes(buf[at : at + 40]) * draw(st.integers(2, 50))
    return bytes(buf)


@st.composite
def org_files(draw: st.DrawFn) -> bytes:
    """A mutated organisation file: structural, byte-level or both."""
    base = draw(valid_org())
    kind = draw(st.sampled_from(["valid", "structural", "bytes", "both"]))
    data = None
    if kind in ("structural", "both"):
        data = draw(structurally_mutated(base))
    raw = dump(data if data is not None else base)
    if kind in ("bytes", "both"):
        raw = draw(byte_mutated(raw))
    return raw


HR_HEADER = ["Employee ID", "Name", "Job Title", "Manager ID", "Department", "Cost"]


@st.composite
def hr_tables(draw: st.DrawFn) -> bytes:
    """A mutated HR export (CSV): rows of employees with managers and departments."""
    n = draw(st.integers(1, 15))
    rows = [list(HR_HEADER)]
    for i in range(n):
        manager = "" if i == 0 else str(draw(st.integers(0, i - 1)))
        rows.append(
            [
                str(i),
                draw(text),
                draw(text) or "Role",
                manager,
                draw(st.sampled_from(["Sales", "HQ", "", "营销"])),
                str(draw(st.integers(0, 9999))),
            ]
        )
    for _ in range(draw(st.integers(0, 3))):  # structural: odd cells, rows and columns
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(HR_HEADER) - 1))
        rows[r][c] = str(draw(value))
        if draw(st.booleans()):
            rows[r].append(draw(text))
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    raw = out.getvalue().encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        raw = draw(byte_mutated(raw))
    return raw
