"""`orgdesign scenario compare` written out: the base and its scenarios side by side.

Text (columns padded for a terminal, Chinese characters two wide), Markdown
(names through `escape.markdown_text`, the one Markdown escaper) and JSON of the
`Column`s computed by `orgdesign.analysis.scenario.compare` (re-exported here
as `column` for the command).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from orgdesign.analysis.scenario.compare import Column, column
from orgdesign.output.escape import json_document
from orgdesign.output.escape import markdown_text as md


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int) and abs(value) >= 10000:
        return f"{value:,}"
    return str(value)


def _rows(columns: list[Column]) -> list[list[str]]:
    metrics = list(columns[0].metrics) if columns else []
    return [[m, *(_cell(c.metrics[m]) for c in columns)] for m in metrics]


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def render_text(columns: list[Column]) -> str:
    header = ["", *(c.name for c in columns)]
    rows = [header, *_rows(columns)]
    widths = [max(_width(r[i]) for r in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        cells = [_pad(cell, w, i > 0) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def render_markdown(columns: list[Column]) -> str:
    header = "| | " + " | ".join(md(c.name) for c in columns) + " |"
    rule = "|---|" + "---:|" * len(columns)
    body = ["| " + " | ".join(md(cell) for cell in row) + " |" for row in _rows(columns)]
    return "\n".join([header, rule, *body]) + "\n"


def render_json(columns: list[Column]) -> str:
    data = {
        "organisations": [{"name": c.name, "file": c.file, "metrics": c.metrics} for c in columns]
    }
    return json_document(data)


__all__ = ["Column", "column", "render_json", "render_markdown", "render_text"]
