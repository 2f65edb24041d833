"""`orgdesign diff` as plain text for a terminal or a log (the default format)."""

from __future__ import annotations

from orgdesign.analysis.diff import OrgDiff, UnitDelta
from orgdesign.output.reports.diff_items import W, delta_cells, names, sections, status_word


def _unit_line(u: UnitDelta, lang: str | None) -> str:
    seats, people, vacancies, cost = delta_cells(u.old, u.new)
    status = "" if u.status == "changed" else f" [{status_word(u.status, lang)}]"
    figures = {"seats": seats, "people": people, "vacancies": vacancies, "cost": cost}
    return W["unit_line"](lang, name=u.name, id=u.id, status=status, **figures)


def render_text(diff: OrgDiff, lang: str | None = None) -> str:
    if diff.empty:
        return W["no_changes_text"](lang, names=names(diff))
    lines = [W["changes"](lang, names=names(diff)), ""]
    seats, people, vacancies, cost = delta_cells(diff.total_old, diff.total_new)
    figures = {"seats": seats, "people": people, "vacancies": vacancies, "cost": cost}
    lines.append(W["total_line"](lang, **figures))
    for heading, items in sections(diff, lang):
        lines += ["", W["count_heading"](lang, heading=heading, count=len(items))]
        lines += [f"  {item}" for item in items]
    if diff.units:
        lines += ["", W["units_heading"](lang, count=len(diff.units))]
        lines += [_unit_line(u, lang) for u in diff.units]
    return "\n".join(lines) + "\n"
