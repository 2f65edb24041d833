"""Hostile names and the small organisations that carry them, for the escaping property tests.

`hostile_text` draws from the whole Unicode range (surrogates only where asked:
the loader refuses them, so no organisation can hold one), from fragments of
every markup the outputs use (Graphviz HTML-like labels, Mermaid, HTML, XML,
Markdown), bracket runs, quotes, backslashes, formula prefixes, control, format
and zero-width characters. `organisations` builds valid models (not
necessarily lint-clean ones) of 1-3 units and 1-6 positions with solid and
dotted lines, every name, title and holder hostile.

`BUDGET` is the number of examples per property: small in `make test`, set by
`ORGDESIGN_FUZZ=N` (`make fuzz-escape`) for long runs.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import strategies as st

from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import (
    DecisionDomain,
    Org,
    Organization,
    Position,
    PriorityRule,
    RaciEntry,
    Responsibility,
    Unit,
)

BUDGET = int(os.environ.get("ORGDESIGN_FUZZ") or 0)
"""Examples per property asked for on the command line (0: each test's own small default)."""


def budget(default: int) -> int:
    return BUDGET or default


FRAGMENTS = (
    # Graphviz HTML-like labels and DOT
    "]", "]]", "]]]", "[", "[[", "<", ">", "</TD>", "</TABLE>", "<BR/>", "<B>", "</B>", "<I></I>",
    "&", "&amp;", "&#", "&#93;", "&#x5D;", "&#0;", "&#1;", ";", '"', "'", "\\", "\\n", "\\l",
    "\\N", "\\G", "{", "}", "->", "--", "subgraph", "cluster_", "label=<", ">];",
    # Mermaid
    "%%", "%%{init: {'securityLevel':'loose'}}%%", "#60;", "#35;", "#", "end", "style",
    "classDef", "click", ":::", "-.", ".->", "-->", "~~~", "|", "`", "[\"", "\"]", "((", "))",
    "---", "title:", "```",
    # HTML, XML, SVG
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</title>", "<!--", "-->",
    "<![CDATA[", "]]>", "&lt;", "&nbsp;", '" onmouseover="x', "' onclick='x", "javascript:",
    "<svg onload=alert(1)>", "<?xml", "</script>", "{{DATA}}", "{{TITLE}}",
    # spreadsheets
    "=", "+", "-", "@", "=1+1", "=cmd|' /C calc'!A0", "'", "'=", "''", "@SUM(A1)",
    # controls, format and zero-width characters, odd spaces
    "\t", "\r", "\n", "\r\n", "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x7f",
    "\x80", "\x85", "\x9b", "\xa0", "\u200b", "\u200c", "\u200d", "\u2028", "\u2029", "\u202e",
    "\u2066", "\ufeff", "\ufffd", "\ufffe", "\uffff", "\U0001f600", "\U0010ffff", "\u0301",
    "中文", "营销", " ", "  ",
)  # fmt: skip

PLAIN_CASES = (" ", "\x7f", "]", "x]]", "", "]]", "\t", "<", "&", "#", "'", '"', "\\")
"""Whole names that broke an output before: single space, DEL, a lone `]`, `x]]`."""


def hostile_text(*, surrogates: bool = False, max_size: int = 12) -> st.SearchStrategy[str]:
    """Names a file could hold (and, with `surrogates`, ones only an escaper can meet)."""
    alphabet = st.characters(exclude_categories=() if surrogates else ("Cs",))
    return st.one_of(
        st.text(alphabet, max_size=max_size),
        st.lists(
            st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet, max_size=3)),
            min_size=1,
            max_size=5,
        ).map("".join),
        st.sampled_from(PLAIN_CASES),
    )


@st.composite
def org_data(draw: st.DrawFn, *, max_positions: int = 6) -> dict[str, Any]:
    """The data of a small organisation whose every text is hostile."""
    text = hostile_text()
    n_units = draw(st.integers(1, 3))
    units = []
    for i in range(n_units):
        unit: dict[str, Any] = {"id": f"u{i}", "name": draw(text), "type": "department"}
        if i:
            unit["parent"] = f"u{draw(st.integers(0, i - 1))}"
        if draw(st.booleans()):
            unit["names"] = {"zh": draw(text)}
        units.append(unit)
    n_pos = draw(st.integers(1, max_positions))
    positions = []
    for i in range(n_pos):
        pos: dict[str, Any] = {
            "id": f"p{i}",
            "title": draw(text),
            "unit": f"u{draw(st.integers(0, n_units - 1))}",
            "holders": draw(st.lists(text, max_size=2)),
        }
        if i:
            manager = draw(st.integers(0, i - 1))
            pos["reports_to"] = f"p{manager}"
            others = [f"p{j}" for j in range(i) if j != manager]
            if others and draw(st.integers(0, 2)) == 0:
                pos["dotted_to"] = [draw(st.sampled_from(others))]
        if draw(st.booleans()):
            pos["names"] = {"zh": draw(text)}
        positions.append(pos)
    work = {"id": "work", "name": draw(text)}
    dual = [p["id"] for p in positions if p.get("dotted_to")]
    rules = [{"id": "rule", "applies_to": {"positions": dual}, "decides": {"dom": "dotted"}}]
    assignment = {"responsibility": "work", "A": ["p0"], "R": [p["id"] for p in positions]}
    return {
        "orgdesign": 1,
        "organization": {"id": "fuzz", "name": draw(text)},
        "units": units,
        "positions": positions,
        "responsibilities": [work],
        "raci": [assignment],
        "decision_domains": [{"id": "dom", "name": draw(text)}],
        "priority_rules": rules if dual else [],
    }


def build(data: dict[str, Any]) -> tuple[Org, OrgGraph]:
    org = Org(
        root_file="fuzz.yaml",
        organization=Organization.model_validate(data["organization"]),
        units=[Unit.model_validate(u) for u in data["units"]],
        positions=[Position.model_validate(p) for p in data["positions"]],
        responsibilities=[
            Responsibility.model_validate(r) for r in data.get("responsibilities", [])
        ],
        raci=[RaciEntry.model_validate(r) for r in data.get("raci", [])],
        decision_domains=[
            DecisionDomain.model_validate(d) for d in data.get("decision_domains", [])
        ],
        priority_rules=[PriorityRule.model_validate(r) for r in data.get("priority_rules", [])],
    )
    return org, OrgGraph(org)


def organisations(max_positions: int = 6) -> st.SearchStrategy[tuple[Org, OrgGraph]]:
    return org_data(max_positions=max_positions).map(build)


def texts_of(org: Org) -> list[str]:
    """Every name, title and holder of the organisation (English and Chinese)."""
    out = [org.organization.name] if org.organization else []
    for unit in org.units:
        out += [unit.name, *unit.names.values()]
    for pos in org.positions:
        out += [pos.title, *pos.names.values(), *pos.holders]
    return out
