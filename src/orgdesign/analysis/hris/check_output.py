"""Which input rows are behind a line of the org file an import built.

When the built organisation fails validation, each finding's line is mapped
to the unit or position written there, and so to the rows that made it.
"""

from __future__ import annotations

import re

import yaml

ITEM = re.compile(r"^- id: (?P<id>.+)$")


def element_rows(text: str, rows_of: dict[str, list[int]]) -> dict[int, list[int]]:
    """Line number -> rows of the unit or position written on that line (and below it)."""
    out: dict[int, list[int]] = {}
    section = ""
    current: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line and not line.startswith((" ", "-", "#")):
            section = line.split(":", 1)[0]
            current = []
        match = ITEM.match(line)
        if match and section in ("units", "positions"):
            try:
                ident = str(yaml.safe_load(match["id"]))
            except yaml.YAMLError:
                ident = match["id"]
            current = rows_of.get(("unit:" if section == "units" else "") + ident, [])
        if current:
            out[number] = current
    return out
