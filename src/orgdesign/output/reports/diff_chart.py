"""`orgdesign diff --chart FILE`: the new structure with its changes marked.

The chart goes through the one chart pipeline (`output.chart.layoutchart.
chart_bytes`: Graphviz source for .dot, the orgdesign layout for .svg, .png and
.pdf) with `Marks`: added, renamed, moved and re-staffed positions get a
coloured border and a note; removed positions are put back under their old
manager (grey border, "removed"). Names are escaped by that pipeline, as on
every chart.
"""

from __future__ import annotations

from dataclasses import replace

from orgdesign.analysis.diff import OrgDiff
from orgdesign.assemble.graph import OrgGraph
from orgdesign.i18n import group
from orgdesign.model import Org, Position
from orgdesign.output import ChartOptions
from orgdesign.output.chart.layoutchart import Marks, chart_bytes

HIGHLIGHT = {
    "added": "#2E9E44",
    "renamed": "#3F73A8",
    "moved": "#D9822B",
    "holders": "#A5821E",
    "removed": "#8C8C8C",
}
"""Border colour of each kind of change on the diff chart."""
NOTES = group("diff.chart")
LEGEND = group("diff.chart_legend")
REMOVED_PREFIX = "removed-"
"""Id of a removed position put back on the chart: `removed-<old id>`."""


def change_kinds(diff: OrgDiff) -> dict[str, str]:
    """New position id -> the kind of change it shows (the strongest when several)."""
    kinds: dict[str, str] = {}
    for h in diff.holders:
        kinds[h.id] = "holders"
    for r in diff.renamed:
        kinds[r.new_id] = "renamed"
    for m in diff.moved:
        kinds[m.id] = "moved"
    for p in diff.added:
        kinds[p.id] = "added"
    return kinds


def _note(diff: OrgDiff, pid: str, kind: str, lang: str | None) -> str:
    if kind != "renamed":
        return NOTES[kind](lang)
    before = next(r for r in diff.renamed if r.new_id == pid)
    if before.old_id != pid:
        return NOTES["was_id"](lang, id=before.old_id)
    return NOTES["was_title"](lang, title=before.old_title)


def _ghosts(diff: OrgDiff, old: Org, new: Org) -> list[Position]:
    """The removed positions under their old managers (or their ghosts), in the new units."""
    renames = {r.old_id: r.new_id for r in diff.renamed}
    new_ids = set(new.position_by_id)
    removed = {p.id for p in diff.removed}
    ghosts: list[Position] = []
    for ref in diff.removed:
        pos = old.position_by_id[ref.id]
        manager = pos.reports_to
        if manager in removed:
            boss: str | None = REMOVED_PREFIX + manager
        else:
            boss = renames.get(manager, manager) if manager else None
            boss = boss if boss in new_ids else None
        unit = pos.unit if pos.unit in new.unit_by_id else None
        update: dict[str, object] = {"id": REMOVED_PREFIX + pos.id, "reports_to": boss}
        update |= {"unit": unit, "dotted_to": []}
        ghosts.append(pos.model_copy(update=update))
    return ghosts


def change_chart(diff: OrgDiff, old: Org, new: Org, lang: str | None = None) -> tuple[Org, Marks]:
    """The new organisation with the removed positions put back, and the marks of every
    changed box."""
    highlight: dict[str, str] = {}
    notes: dict[str, tuple[str, ...]] = {}
    for pid, kind in change_kinds(diff).items():
        highlight[pid] = HIGHLIGHT[kind]
        notes[pid] = (_note(diff, pid, kind, lang),)
    ghosts = _ghosts(diff, old, new)
    for ghost in ghosts:
        highlight[ghost.id] = HIGHLIGHT["removed"]
        notes[ghost.id] = (NOTES["removed"](lang),)
    merged = replace(new, positions=[*new.positions, *ghosts])
    used = set(highlight.values())
    legend = tuple((LEGEND[k](lang), c) for k, c in HIGHLIGHT.items() if c in used)
    return merged, Marks(highlight=highlight, notes=notes, legend=legend)


def render_chart(diff: OrgDiff, old: Org, new: Org, suffix: str, lang: str | None = None) -> bytes:
    """The change chart as `.dot` (Graphviz source), `.svg`, `.png` or `.pdf`."""
    merged, marks = change_chart(diff, old, new, lang)
    # One drawing (a PDF on one page, as before): every change is seen at once.
    options = ChartOptions(lang=lang, poster=True)
    return chart_bytes(merged, OrgGraph(merged), options, suffix, marks)
