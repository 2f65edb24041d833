"""The items of `orgdesign diff` as plain text, shared by its text and Markdown writers.

One function per kind of change turns it into a line in the language of the
report (catalogue `diff.*`); `sections` lists the non-empty parts with their headings.
Numbers go through `analysis.numbers`.
"""

from __future__ import annotations

from orgdesign.analysis.diff import (
    FindingRef,
    HolderChange,
    Moved,
    OrgDiff,
    PositionRef,
    RaciChange,
    Renamed,
)
from orgdesign.analysis.diffmap import Suggestion
from orgdesign.analysis.diffparts import CostChange, PriorityChange, UnitMove
from orgdesign.analysis.numbers import money, signed
from orgdesign.analysis.stats import Figures
from orgdesign.i18n import Text, group, join, severity_name

W = group("diff.text")
STATUS = group("diff.status")
"""Status of a unit or RACI entry -> its wording."""
DECIDERS = group("diff.deciders")
KINDS = group("diff.kinds")
REASONS = group("diff.reasons")


def delta_cells(old: Figures, new: Figures) -> list[str]:
    """Seats, headcount, vacancies and cost: `old → new (delta)`."""
    return [
        f"{old.seats} → {new.seats} ({signed(new.seats - old.seats)})",
        f"{old.holders} → {new.holders} ({signed(new.holders - old.holders)})",
        f"{old.vacancies} → {new.vacancies} ({signed(new.vacancies - old.vacancies)})",
        f"{money(old.cost)} → {money(new.cost)} ({signed(new.cost - old.cost)})",
    ]


def status_word(status: str, lang: str | None) -> str:
    text = STATUS.get(status)
    return text(lang) if text else status


def _letters(change: dict[str, list[str]]) -> str:
    return "; ".join(f"{x}: {', '.join(pids)}" for x, pids in change.items())


def _raci_label(c: RaciChange, lang: str | None = None) -> str:
    return c.responsibility + (W["scope"](lang, scope=c.scope) if c.scope else "")


def _raci_text(c: RaciChange, lang: str | None = None) -> str:
    parts = []
    if c.added:
        parts.append(("+ " if c.status == "changed" else "") + _letters(c.added))
    if c.removed:
        parts.append(("- " if c.status == "changed" else "") + _letters(c.removed))
    return W["raci_line"](
        lang,
        label=_raci_label(c, lang),
        status=status_word(c.status, lang),
        parts=" / ".join(parts),
    )


def _move_text(m: Moved, lang: str | None = None) -> str:
    parts = []
    if m.old_manager != m.new_manager:
        parts.append(
            W["reports_to"](
                lang,
                new=m.new_manager or W["nobody_new"](lang),
                old=m.old_manager or W["nobody_old"](lang),
            )
        )
    if m.old_unit != m.new_unit:
        parts.append(
            W["unit"](
                lang, new=m.new_unit or W["none_new"](lang), old=m.old_unit or W["none_old"](lang)
            )
        )
    return W["item"](lang, title=m.title, id=m.id, what=W["part_separator"](lang).join(parts))


def _rename_text(r: Renamed, lang: str | None = None) -> str:
    if r.old_id == r.new_id:
        return W["retitled"](lang, id=r.new_id, old=r.old_title, new=r.new_title)
    if r.old_title == r.new_title:
        return f"{r.old_id} → {r.new_id} ({r.new_title})"
    return f"{r.old_id} ({r.old_title}) → {r.new_id} ({r.new_title})"


def _holder_text(h: HolderChange, lang: str | None = None) -> str:
    parts = []
    if h.joined:
        parts.append("+ " + ", ".join(h.joined))
    if h.left:
        parts.append("- " + ", ".join(h.left))
    if h.old_seats != h.new_seats:
        parts.append(W["seats_change"](lang, old=h.old_seats, new=h.new_seats))
    return W["item"](lang, title=h.title, id=h.id, what="; ".join(parts))


def _decider_word(value: str | None, lang: str | None) -> str:
    if value is None:
        return W["nobody_old"](lang)
    word = DECIDERS.get(value)
    return word(lang) if word else value


def _removed_text(p: PositionRef, lang: str | None) -> str:
    people = join(p.holders, lang) or W["vacant"](lang)
    return W["removed_holders"](lang, title=p.title, id=p.id, people=people)


def _unit_move_text(m: UnitMove, lang: str | None) -> str:
    none = W["none_old"](lang)
    old = f"{m.old_parent_name} ({m.old_parent})" if m.old_parent else none
    new = f"{m.new_parent_name} ({m.new_parent})" if m.new_parent else none
    return W["unit_parent"](lang, name=m.name, id=m.id, new=new, old=old)


def _cost_text(c: CostChange, lang: str | None) -> str:
    before, after = c.old_cost or 0.0, c.new_cost or 0.0
    return W["cost_line"](
        lang,
        title=c.title,
        id=c.id,
        old=money(c.old_cost) if c.old_cost is not None else W["no_cost"](lang),
        new=money(c.new_cost) if c.new_cost is not None else W["no_cost"](lang),
        delta=signed(after - before),
        seats=c.seats,
        total=signed((after - before) * c.seats),
    )


def _rule_text(r: PriorityChange, lang: str | None) -> str:
    parts = []
    for d, (a, b) in r.decides.items():
        domain = r.domain_names.get(d, d)
        if r.status == "changed":
            words = {"old": _decider_word(a, lang), "new": _decider_word(b, lang)}
            parts.append(W["decides_part"](lang, domain=domain, **words))
        else:
            decider = _decider_word(b if r.status == "added" else a, lang)
            parts.append(W["domain_decider"](lang, domain=domain, decider=decider))
    if r.escalation:
        old, new = r.escalation
        parts.append(
            W["escalation_part"](
                lang, old=old or W["nobody_old"](lang), new=new or W["nobody_old"](lang)
            )
        )
    if r.applies_to:
        old_cov, new_cov = (", ".join(x) or W["none_old"](lang) for x in r.applies_to)
        parts.append(W["covers_part"](lang, old=old_cov, new=new_cov))
    status = status_word(r.status, lang)
    parts_text = W["rule_separator"](lang).join(parts)
    return W["rule_line"](lang, name=r.name, id=r.id, status=status, parts=parts_text)


def _suggestion_text(x: Suggestion, lang: str | None) -> str:
    reasons = [REASONS[r](lang) if r in REASONS else r for r in x.reasons]
    kind = KINDS[x.kind](lang) if x.kind in KINDS else x.kind
    why = join(reasons, lang)
    return W["suggestion_line"](
        lang,
        kind=kind,
        old_id=x.old_id,
        old_name=x.old_name,
        new_id=x.new_id,
        new_name=x.new_name,
        why=why,
    )


def _finding_text(ref: FindingRef, lang: str | None) -> str:
    return f"{severity_name(ref.severity, lang)} {ref.rule} {ref.message}"


def sections(diff: OrgDiff, lang: str | None = None) -> list[tuple[str, list[str]]]:
    """(heading, items) of every non-empty part of the comparison, as plain text items."""
    parts: list[tuple[Text, list[str]]] = [
        (W["added"], [f"{p.title} ({p.id})" for p in diff.added]),
        (W["removed"], [_removed_text(p, lang) for p in diff.removed]),
        (W["renamed"], [_rename_text(r, lang) for r in diff.renamed]),
        (W["moved"], [_move_text(m, lang) for m in diff.moved]),
        (W["units_moved"], [_unit_move_text(m, lang) for m in diff.units_moved]),
        (W["costs"], [_cost_text(c, lang) for c in diff.costs]),
        (W["priority_rules"], [_rule_text(r, lang) for r in diff.priority_rules]),
        (W["dotted_added"], [f"{x.position} ⇢ {x.manager}" for x in diff.dotted_added]),
        (W["dotted_removed"], [f"{x.position} ⇢ {x.manager}" for x in diff.dotted_removed]),
        (W["holders"], [_holder_text(h, lang) for h in diff.holders]),
        (W["raci"], [_raci_text(c, lang) for c in diff.raci]),
        (W["findings_appeared"], [_finding_text(f, lang) for f in diff.findings_appeared]),
        (W["findings_gone"], [_finding_text(f, lang) for f in diff.findings_gone]),
        (W["mapped"], [f"{o} → {n}" for o, n in diff.mapped.items()]),
        (W["suggestions"], [_suggestion_text(x, lang) for x in diff.suggestions]),
    ]
    return [(heading(lang), items) for heading, items in parts if items]


def names(diff: OrgDiff) -> str:
    if diff.old_name == diff.new_name:
        return diff.new_name
    return f"{diff.old_name} → {diff.new_name}"
