"""The interactive org explorer: one self-contained HTML file.

This module owns `orgdesign chart FILE -o org.html`: it turns an organisation,
its graph and its validation findings into a payload of plain data, serialises
it as JSON into a `<script type="application/json">` element, and inlines the
explorer's own JavaScript and CSS (from `orgdesign/output/templates/explorer/`) into
one HTML file that needs no network at all. The boxes, lines and frames are
the printed chart's layout (`explorer_drawing`: same positions, same colours);
the script only draws them and runs pan and zoom, search, the role-card panel,
collapsing (a collapsed box hides the boxes and lines below it, nothing
moves), the dotted-line switch and the findings panel.

Safety: the JSON is written with `<`, `>`, `&`, U+2028 and U+2029 escaped, so
no name can close the data element; the script builds the page with
`textContent` only; and a Content-Security-Policy allows nothing but the inlined
script and style (by hash), so the page can neither run injected script nor
reach the network.

Wording: the page's fixed wording (buttons, panel headings, messages) is the
`explorer.*` group of the message catalogue, handed over in the payload
(`strings`); the script holds no copy. The script is several files in
`SCRIPTS` order, inlined into one closure.

Options: `lang` picks labels from `names` (the labels in the other languages
are kept for search only); `root` limits the file to one
position and everything below it; `depth` is how many layers are expanded
when the page opens (everything is in the file; the rest expands on click);
`stack` stacks leaf reports in a column under their manager.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources
from pathlib import Path
from typing import Any

from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.i18n import severity_name, strings
from orgdesign.layout.style import NO_UNIT, unit_colours
from orgdesign.load.fsio import write_text_atomic
from orgdesign.model import Org
from orgdesign.output import ChartOptions, escape
from orgdesign.output.chart.explorer_drawing import drawing_data, explorer_page, tree_parents
from orgdesign.output.documents.cards import card_index, role_card

PAYLOAD_VERSION = 3
"""3: the page's wording comes in the payload (`strings`, from the message catalogue)."""
TEMPLATE_PACKAGE = "orgdesign.output.templates"
TEMPLATE_DIR = "explorer"
SCRIPTS: tuple[str, ...] = (
    "base.js",
    "view.js",
    "navigate.js",
    "card.js",
    "search.js",
    "events.js",
    "start.js",
)
"""The explorer's script files, in the order they are inlined (each uses the ones before)."""

_SLOT_RE = re.compile(r"\{\{([A-Z_]+)\}\}")


def json_for_script(data: Any) -> str:
    """JSON text that is safe inside an HTML `<script>` element (`escape.script_json`)."""
    return escape.script_json(data)


def _included(org: Org, graph: OrgGraph, root: str | None) -> list[str]:
    """Position ids in the file, in file order: all, or `root` and everyone below it."""
    if root is None:
        return [p.id for p in org.positions if p.id in graph.positions]
    if root not in graph.positions:
        raise ValueError(f"--root {root!r} is not a position of this organisation")
    keep = graph.subordinates(root) | {root}
    return [p.id for p in org.positions if p.id in keep]


def _other_labels(base: str, names: dict[str, str], shown: str) -> list[str]:
    """The element's labels in the other languages (searchable, not shown on the box)."""
    return [x for x in dict.fromkeys([base, *names.values()]) if x and x != shown]


def _finding_box(finding: Finding, graph: OrgGraph, keep: set[str]) -> str | None:
    """The box a finding is shown on: its position, or the head of its unit."""
    element = finding.element
    if element is None:
        return None
    if element in keep:
        return element
    unit = graph.units.get(element)
    if unit is None:
        return None
    if unit.head in keep:
        return unit.head
    return next((p for p in graph.positions_in_unit(element) if p in keep), None)


def _position_item(
    graph: OrgGraph, pid: str, parents: dict[str, str], keep: set[str], lang: str | None
) -> dict[str, Any]:
    """One position as the page needs it: only the fields it has."""
    pos = graph.positions[pid]
    item: dict[str, Any] = {"id": pid, "title": pos.label(lang)}
    aka = _other_labels(pos.title, pos.names, item["title"])
    if aka:
        item["aka"] = aka
    unit = graph.unit_of(pid)
    if unit:
        item["unit"] = unit
    if pid in parents:
        item["parent"] = parents[pid]
    dotted = [m for m in graph.dotted_managers(pid) if m in keep]
    if dotted:
        item["dotted"] = dotted
    if pos.holders:
        item["holders"] = list(pos.holders)
    if pos.headcount != 1:
        item["headcount"] = pos.headcount
    if pos.vacancies:
        item["vacancies"] = pos.vacancies
    if pos.assistant:
        item["assistant"] = True
    return item


def _units(
    org: Org, graph: OrgGraph, used: set[str], lang: str | None
) -> dict[str, dict[str, Any]]:
    """The units the positions sit in: name, type, colours and other-language names."""
    units: dict[str, dict[str, Any]] = {}
    colours = unit_colours(org, graph)
    for uid in sorted(used):
        known = graph.units[uid]
        fill, line = colours.get(uid, NO_UNIT)
        units[uid] = {"name": known.label(lang), "type": known.type, "fill": fill, "line": line}
        aka = _other_labels(known.name, known.names, units[uid]["name"])
        if aka:
            units[uid]["aka"] = aka
    return units


def build_payload(
    org: Org, graph: OrgGraph, findings: list[Finding], options: ChartOptions
) -> dict[str, Any]:
    """The data the explorer page needs, as JSON-serialisable plain values."""
    lang = options.lang
    ids = _included(org, graph, options.root)
    keep = set(ids)
    page = explorer_page(org, graph, options)
    parents = tree_parents(page)
    positions = [_position_item(graph, pid, parents, keep, lang) for pid in ids]
    used_units = {p["unit"] for p in positions if "unit" in p}
    shown = [
        {
            **f.as_dict(),
            "box": _finding_box(f, graph, keep),
            "severity_name": severity_name(f.severity.value, lang),
        }
        for f in sorted(findings, key=lambda f: (-f.severity.rank, *f.sort_key()))
    ]
    index = card_index(org)  # built once: the cards of all positions cost linear time
    cards = {pid: role_card(org, graph, pid, lang=lang, index=index) for pid in ids}
    organization = org.organization
    return {
        "version": PAYLOAD_VERSION,
        "lang": lang,
        "strings": strings("explorer", lang),
        "org": {
            "id": organization.id if organization else None,
            "name": organization.label(lang) if organization else Path(org.root_file).stem,
        },
        "options": {"root": options.root, "depth": options.depth, "stack": options.stack},
        "positions": positions,
        "units": _units(org, graph, used_units, lang),
        "findings": shown,
        "cards": cards,
        "drawing": drawing_data(page),
    }


def _template(name: str) -> str:
    return (resources.files(TEMPLATE_PACKAGE) / TEMPLATE_DIR / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script() -> str:
    """The explorer's script: its files in `SCRIPTS` order, inside one strict-mode closure."""
    body = "\n".join(_template(name) for name in SCRIPTS)
    return "(function () {\n'use strict';\n\n" + body + "})();\n"


def render_html(payload: dict[str, Any]) -> str:
    """The whole page: shell, inlined style and script, and the payload."""
    script_text = script()
    style = _template("explorer.css")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(script_text)}; "
        f"style-src {_csp_hash(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    lang = payload.get("lang") or "en"
    slots = {
        "LANG": escape.html_attr(lang),
        "CSP": csp,  # hashes, keywords and ';' only: nothing to escape in an attribute
        "TITLE": escape.html_text(payload["org"]["name"]),
        "STYLE": style,
        "SCRIPT": script_text,
        "DATA": json_for_script(payload),
    }
    # One pass: text put into a slot is never scanned for further slots.
    return _SLOT_RE.sub(lambda m: slots[m.group(1)], _template("explorer.html"))


def render(
    org: Org, graph: OrgGraph, findings: list[Finding], options: ChartOptions, out: Path
) -> None:
    """Write the explorer for `org` to `out` (whole or not at all)."""
    write_text_atomic(out, render_html(build_payload(org, graph, findings, options)))
