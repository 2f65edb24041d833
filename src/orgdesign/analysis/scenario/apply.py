"""Applying a scenario's changes to its base organisation.

Every element a change touches is replaced by a copy located at that change
(`Src` of the change's mapping in the scenario file), so the rules run on the
result report what the change caused in the scenario file and everything else
in the base. A change that cannot be applied is a located finding and is left
out; the changes after it still apply.

What each change does besides its own element: `close` hands the position's
reports, RACI letters, unit headships, dotted lines, priority-rule mentions
and project roles to `to:` (default: its manager); `merge_units` moves the
positions, sub-units, RACI scopes and priority-rule units of `from` into
`into` and removes `from`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from orgdesign.analysis.scenario.load import ScenarioDoc
from orgdesign.analysis.scenario.spec import Change, Close, MergeUnits, Move, SetFields
from orgdesign.assemble.errors import error_findings as _error_findings
from orgdesign.assemble.targets import override
from orgdesign.findings import Finding, Location, Severity
from orgdesign.model import (
    Element,
    Org,
    Position,
    PriorityRule,
    Project,
    RaciEntry,
    Src,
    Unit,
)

E = TypeVar("E", bound=BaseModel)


@dataclass
class State:
    """The organisation being changed, by id, and what went wrong so far."""

    file: str
    positions: dict[str, Position]
    units: dict[str, Unit]
    raci: list[RaciEntry]
    priority_rules: list[PriorityRule]
    projects: list[Project]
    findings: list[Finding] = field(default_factory=list)
    raci_written: frozenset[tuple[str, str | None]] = frozenset()
    """(responsibility, scope) of the scenario's own `raci` changes."""

    def say(
        self,
        rule: str,
        message: str,
        at: Location,
        ident: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.findings.append(Finding.at(rule, severity, message, at, ident))

    def unknown(self, kind: str, ident: str, at: Location, known: list[str]) -> None:
        close = difflib.get_close_matches(ident, known, n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.say("ORG004", f"the change names an unknown {kind} {ident!r}{hint}", at, ident)

    def manager_chain(self, start: str) -> list[str]:
        """`start` and its solid-line superiors (stops at a cycle or an unknown manager)."""
        chain: list[str] = []
        node: str | None = start
        while node is not None and node in self.positions and node not in chain:
            chain.append(node)
            node = self.positions[node].reports_to
        return chain


@dataclass
class Applied:
    """The organisation a scenario describes, and the changes that could not be applied."""

    org: Org
    findings: list[Finding]
    applied: list[Change]


def _copy(element: E, src: Src, **update: Any) -> E:
    new = element.model_copy(update=update)
    if isinstance(new, Element):
        new.with_src(src)
    return new


def _cycle_message(st: State, pid: str, manager: str) -> str | None:
    """Why `pid` reporting to `manager` would close a loop, or None."""
    chain = st.manager_chain(manager)
    if pid not in chain:
        return None
    loop = " -> ".join([*chain[: chain.index(pid) + 1], manager])
    return (
        f"moving {pid!r} under {manager!r} creates a reporting cycle ({loop}); "
        f"{manager!r} reports to {pid!r} already"
    )


def _move(st: State, change: Move) -> bool:
    pos = st.positions.get(change.position)
    if pos is None:
        st.unknown("position", change.position, change.loc("position"), list(st.positions))
        return False
    if change.reports_to is None and change.unit is None:
        st.say(
            "SCN701", f"the move of {pos.id!r} names neither `reports_to` nor `unit`", change.loc()
        )
        return False
    update: dict[str, Any] = {}
    if change.reports_to is not None:
        why = _cycle_message(st, pos.id, change.reports_to)
        if why is not None:
            st.say("ORG101", why, change.loc("reports_to"), pos.id)
            return False
        update["reports_to"] = change.reports_to
    if change.unit is not None:
        update["unit"] = change.unit
    st.positions[pos.id] = _copy(pos, change.src, **update)
    return True


def _add(st: State, change: Position) -> bool:
    existing = st.positions.get(change.id)
    if existing is not None:
        first = existing.loc("id")
        st.say(
            "ORG003",
            f"position {change.id!r} already exists ({first.file}:{first.line}); choose another "
            "id, or change it with `set`",
            change.loc("id"),
            change.id,
        )
        return False
    st.positions[change.id] = change
    return True


def _swap(ids: list[str], old: str, new: str | None) -> list[str]:
    out = [new if i == old else i for i in ids]
    return list(dict.fromkeys(i for i in out if i is not None))


def _hand_over(st: State, old: str, new: str, src: Src) -> None:
    """Everything that named the closed position `old` names `new` instead."""
    for i, entry in enumerate(st.raci):
        if any(old in getattr(entry, letter) for letter in "RASCI"):
            letters = {letter: _swap(getattr(entry, letter), old, new) for letter in "RASCI"}
            st.raci[i] = _copy(entry, src, **letters)
    for uid, unit in st.units.items():
        if unit.head == old:
            st.units[uid] = _copy(unit, src, head=new)
    for pid, pos in st.positions.items():
        if old in pos.dotted_to:
            dotted = [d for d in _swap(pos.dotted_to, old, new) if d not in (pid, pos.reports_to)]
            st.positions[pid] = _copy(pos, src, dotted_to=dotted)
    for i, prule in enumerate(st.priority_rules):
        decides = {k: (new if v == old else v) for k, v in prule.decides.items()}
        applies = prule.applies_to.model_copy(
            update={"positions": _swap(prule.applies_to.positions, old, new)}
        )
        escalation = new if prule.escalation == old else prule.escalation
        if (
            decides != prule.decides
            or applies != prule.applies_to
            or escalation != prule.escalation
        ):
            st.priority_rules[i] = _copy(
                prule, src, decides=decides, applies_to=applies, escalation=escalation
            )
    for i, project in enumerate(st.projects):
        if project.lead == old or old in project.members:
            lead = new if project.lead == old else project.lead
            members = [m for m in _swap(project.members, old, new) if m != lead]
            st.projects[i] = _copy(project, src, lead=lead, members=members)


def _close_refusal(st: State, pos: Position, change: Close) -> str | None:
    reports = {p.id for p in st.positions.values() if p.reports_to == pos.id}
    if change.to == pos.id:
        return f"{pos.id!r} cannot hand its reports to itself"
    if change.to is None and pos.reports_to is None:
        return (
            f"{pos.id!r} is the top position: closing it leaves the organisation without a top; "
            "give `to:` one of its direct reports, who takes its place"
        )
    if change.to is not None and change.to not in reports:
        if pos.id in st.manager_chain(change.to):
            return (
                f"`to: {change.to}` is below {pos.id!r}, not a direct report: its reports would "
                "report into their own subtree; name a direct report or someone outside"
            )
        if pos.reports_to is None:
            listed = ", ".join(sorted(reports))
            return f"the top position's `to:` must be one of its direct reports ({listed})"
    return None


def _close(st: State, change: Close) -> bool:
    pos = st.positions.get(change.position)
    if pos is None:
        st.unknown("position", change.position, change.loc("position"), list(st.positions))
        return False
    if change.to is not None and change.to not in st.positions:
        st.unknown("position", change.to, change.loc("to"), list(st.positions))
        return False
    refusal = _close_refusal(st, pos, change)
    if refusal is not None:
        st.say("SCN701", refusal, change.loc("to" if change.to else "position"), pos.id)
        return False
    receiver = change.to or pos.reports_to
    assert receiver is not None  # _close_refusal refuses a top position without `to`
    del st.positions[pos.id]
    for report in [p for p in st.positions.values() if p.reports_to == pos.id]:
        manager = pos.reports_to if report.id == receiver else receiver
        st.positions[report.id] = _copy(report, change.src, reports_to=manager)
    _hand_over(st, pos.id, receiver, change.src)
    return True


def _merge(st: State, change: MergeUnits) -> bool:
    old, into = change.from_, change.into
    for ident, key in ((old, "from"), (into, "into")):
        if ident not in st.units:
            st.unknown("unit", ident, change.loc(key), list(st.units))
            return False
    chain: list[str] = []
    node: str | None = into
    while node is not None and node in st.units and node not in chain:
        chain.append(node)
        node = st.units[node].parent
    if old in chain:
        st.say(
            "SCN701",
            f"unit {into!r} is {old!r} itself or one of its sub-units; merge a unit into a "
            "sibling or into a unit above it",
            change.loc("into"),
            into,
        )
        return False
    src = change.src
    del st.units[old]
    for uid, unit in st.units.items():
        if unit.parent == old:
            st.units[uid] = _copy(unit, src, parent=into)
    for pid, pos in st.positions.items():
        if pos.unit == old:
            st.positions[pid] = _copy(pos, src, unit=into)
    _merge_raci(st, change)
    for i, prule in enumerate(st.priority_rules):
        if old in prule.applies_to.units:
            units = _swap(prule.applies_to.units, old, into)
            applies = prule.applies_to.model_copy(update={"units": units})
            st.priority_rules[i] = _copy(prule, src, applies_to=applies)
    return True


def _merge_raci(st: State, change: MergeUnits) -> None:
    """Re-scope `from`'s RACI entries to `into`; where `into` has its own entry for the same
    responsibility, that one is kept and `from`'s is left out, with a warning (SCN702) unless
    the scenario writes that entry in a `raci` change: two entries in one scope are an
    error (ORG003) no merged organisation may have."""
    old, into = change.from_, change.into
    own = {e.responsibility: e for e in st.raci if e.scope == into}
    kept: list[RaciEntry] = []
    for entry in st.raci:
        if entry.scope != old:
            kept.append(entry)
            continue
        twin = own.get(entry.responsibility)
        if twin is None:
            kept.append(_copy(entry, change.src, scope=into))
            continue
        if (entry.responsibility, into) in st.raci_written:
            continue  # the scenario writes the merged entry itself
        st.say(
            "SCN702",
            f"{old!r} and {into!r} both have a RACI entry for {entry.responsibility!r}: the "
            f"merged unit keeps the entry of {into!r} (A: {', '.join(twin.A) or 'none'}) and "
            f"leaves out the one of {old!r} (A: {', '.join(entry.A) or 'none'}); add a `raci` "
            f"change with scope {into!r} after this one to write the merged entry",
            change.loc("from"),
            entry.responsibility,
            Severity.WARNING,
        )
    st.raci[:] = kept


def _set(st: State, change: SetFields, index: int) -> bool:
    pos = st.positions.get(change.position)
    if pos is None:
        st.unknown("position", change.position, change.loc("position"), list(st.positions))
        return False
    fields = change.fields()
    if not fields or "id" in fields:
        why = "changes no field" if not fields else "cannot change a position's `id`"
        st.say("SCN701", f"`set` of {pos.id!r} {why}", change.loc("id" if fields else None))
        return False
    try:
        new = Position.model_validate({**pos.model_dump(exclude_unset=True), **fields})
    except ValidationError as exc:
        what = f"change #{index + 1} (set)"
        st.findings.extend(_error_findings(exc, change.src.raw, st.file, what, Position))
        return False
    if new.reports_to is not None and new.reports_to != pos.reports_to:
        cycle = _cycle_message(st, pos.id, new.reports_to)
        if cycle is not None:
            st.say("ORG101", cycle, change.loc("reports_to"), pos.id)
            return False
    new.with_src(change.src)
    st.positions[pos.id] = new
    return True


def _raci(st: State, change: RaciEntry) -> bool:
    for i, entry in enumerate(st.raci):
        if entry.key == change.key:
            st.raci[i] = change
            return True
    st.raci.append(change)
    return True


def _apply_one(st: State, change: Change) -> bool:
    value = change.value
    if isinstance(value, Move):
        return _move(st, value)
    if isinstance(value, Close):
        return _close(st, value)
    if isinstance(value, MergeUnits):
        return _merge(st, value)
    if isinstance(value, SetFields):
        return _set(st, value, change.index)
    if isinstance(value, RaciEntry):
        return _raci(st, value)
    if isinstance(value, Position):
        return _add(st, value)
    raise TypeError(f"unknown change {change.kind}")  # pragma: no cover - spec lists every kind


def apply_scenario(base: Org, doc: ScenarioDoc) -> Applied:
    """The base organisation with the scenario's changes applied, in order."""
    st = State(
        doc.file,
        {p.id: p for p in base.positions},
        {u.id: u for u in base.units},
        list(base.raci),
        list(base.priority_rules),
        list(base.projects),
        raci_written=frozenset(c.value.key for c in doc.changes if isinstance(c.value, RaciEntry)),
    )
    applied = [change for change in doc.changes if _apply_one(st, change)]
    org = Org(
        root_file=doc.file,
        organization=base.organization,
        responsibilities=list(base.responsibilities),
        decision_domains=list(base.decision_domains),
        units=list(st.units.values()),
        positions=list(st.positions.values()),
        raci=st.raci,
        priority_rules=st.priority_rules,
        projects=st.projects,
        files=[*base.files, doc.file],
        broken_ids=base.broken_ids,
        targets=override(base.targets, doc.targets),
    )
    return Applied(org, st.findings, applied)
