"""The chart of `orgdesign diff --chart`: the new organisation with its changes coloured.

This module owns the registry's writers of that chart, one per format
(`orgdesign.output.registry.DIFF_CHARTS`); the drawing is `reports.diff_chart.render_chart`.
"""

from __future__ import annotations

from orgdesign.analysis.diff import OrgDiff
from orgdesign.model import Org
from orgdesign.output.reports.diff_chart import render_chart


def svg(diff: OrgDiff, old: Org, new: Org, lang: str | None) -> bytes:
    return render_chart(diff, old, new, ".svg", lang)


def png(diff: OrgDiff, old: Org, new: Org, lang: str | None) -> bytes:
    return render_chart(diff, old, new, ".png", lang)


def pdf(diff: OrgDiff, old: Org, new: Org, lang: str | None) -> bytes:
    return render_chart(diff, old, new, ".pdf", lang)


def dot(diff: OrgDiff, old: Org, new: Org, lang: str | None) -> bytes:
    return render_chart(diff, old, new, ".dot", lang)
