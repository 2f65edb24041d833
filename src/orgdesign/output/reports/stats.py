"""`orgdesign stats` written out: JSON, CSV, Markdown and terminal tables of `OrgStats`.

The figures are computed by `orgdesign.analysis.stats` (re-exported here as
`compute_stats` and `OrgStats` for the command); this module only gathers the
writers, one module each.
"""

from __future__ import annotations

from orgdesign.analysis.stats import OrgStats, compute_stats
from orgdesign.output.reports.stats_data import csv_rows, render_csv, render_json, to_dict
from orgdesign.output.reports.stats_md import render_markdown
from orgdesign.output.reports.stats_rich import render_rich

__all__ = [
    "OrgStats",
    "compute_stats",
    "csv_rows",
    "render_csv",
    "render_json",
    "render_markdown",
    "render_rich",
    "to_dict",
]
