"""`orgdesign diff --format md`: a summary for a pull request comment.

Every name and item goes through `escape.markdown_text`, the one Markdown
escaper (the same a name gets in `stats`, RACI and role documents).
"""

from __future__ import annotations

from orgdesign.analysis.diff import OrgDiff
from orgdesign.output.escape import markdown_text as md
from orgdesign.output.reports.diff_items import W, delta_cells, names, sections, status_word


def _figures(diff: OrgDiff, lang: str | None) -> list[str]:
    """The table of totals and units: `old → new (delta)` per figure."""
    lines = [W["md_header"](lang), "|---|---|---|---|---|"]
    total_cells = " | ".join(delta_cells(diff.total_old, diff.total_new))
    lines.append(f"| {W['md_total'](lang)} | {total_cells} |")
    for u in diff.units:
        status = ""
        if u.status != "changed":
            status = W["md_unit_status"](lang, status=status_word(u.status, lang))
        cells = " | ".join(delta_cells(u.old, u.new))
        lines.append(f"| {md(u.name)} `{u.id}`{status} | {cells} |")
    return lines


def render_markdown(diff: OrgDiff, lang: str | None = None) -> str:
    """A summary for a pull request comment."""
    title = W["md_title"](lang, names=md(names(diff)))
    if diff.empty:
        return title + "\n\n" + W["md_no_changes"](lang) + "\n"
    counts = {
        "added": len(diff.added),
        "removed": len(diff.removed),
        "renamed": len(diff.renamed),
        "moved": len(diff.moved),
    }
    lines = [title, "", W["md_counts"](lang, **counts), "", *_figures(diff, lang)]
    for heading, items in sections(diff, lang):
        lines += ["", W["md_heading"](lang, heading=heading, count=len(items)), ""]
        lines += [f"- {md(item)}" for item in items]
    errors = sum(1 for f in diff.findings_appeared if f.severity == "error")
    if errors:
        lines += ["", W["md_errors"](lang, errors=errors)]
    return "\n".join(lines) + "\n"
