"""`orgdesign diff` written out: text, Markdown, JSON and the change chart of an `OrgDiff`.

The comparison is computed by `orgdesign.analysis.diff` (re-exported here as
`compare` and `OrgDiff` for the command); this module only gathers the writers,
one module each.
"""

from __future__ import annotations

from orgdesign.analysis.diff import OrgDiff, compare
from orgdesign.output.reports.diff_chart import change_chart, render_chart
from orgdesign.output.reports.diff_json import parts_dict, render_json, to_dict
from orgdesign.output.reports.diff_md import render_markdown
from orgdesign.output.reports.diff_text import render_text

__all__ = [
    "OrgDiff",
    "change_chart",
    "compare",
    "parts_dict",
    "render_chart",
    "render_json",
    "render_markdown",
    "render_text",
    "to_dict",
]
