"""What changed between two versions of an organisation: what `orgdesign diff` reports.

This module owns comparing an as-is and a to-be `Org`: positions added,
removed, renamed (new id or new title) and moved (new solid manager or unit),
dotted lines added and removed, holders and seats changed, headcount and cost
deltas per unit, RACI assignments changed, and validation findings that
appeared or disappeared. It computes only: the comparison is an `OrgDiff`
(`analysis.diffmodel`), written by `orgdesign.output.reports.diff` as text,
Markdown, JSON and a change chart.

A position whose id disappears while a new id appears with the same holders,
or with the same title in the same unit or under the same manager, is taken
as renamed, not as removed and added; every other comparison then follows
the new id.
"""

from __future__ import annotations

from collections import Counter

from orgdesign.analysis.diffmap import IdMap, suggest_pairs
from orgdesign.analysis.diffmodel import (
    FindingRef,
    HolderChange,
    Line,
    Moved,
    OrgDiff,
    PositionRef,
    RaciChange,
    Renamed,
    UnitDelta,
)
from orgdesign.analysis.diffparts import cost_changes, priority_changes, unit_moves
from orgdesign.analysis.stats import Figures, sum_figures, unit_figures
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.model import Org, Position

# --- matching positions ------------------------------------------------------------------


def _rename_score(old: Position, new: Position) -> int:
    """How alike a removed and an added position are; 0 means not the same position."""
    same_holders = bool(old.holders) and sorted(old.holders) == sorted(new.holders)
    same_title = old.title == new.title
    same_place = old.unit == new.unit or (
        old.reports_to is not None and old.reports_to == new.reports_to
    )
    if not same_holders and not (same_title and same_place):
        return 0
    return (
        4 * same_holders
        + 2 * same_title
        + (old.unit == new.unit)
        + (old.reports_to == new.reports_to)
    )


def match_renamed(old: Org, new: Org) -> dict[str, str]:
    """Old id -> new id for positions whose id changed (greedy, best match first).

    Only pairs that share their holders or their title are scored, so a large
    reorganisation is not compared all against all.
    """
    new_ids = {p.id for p in new.positions}
    old_ids = {p.id for p in old.positions}
    gone = [p for p in old.positions if p.id not in new_ids]
    came = [p for p in new.positions if p.id not in old_ids]
    by_holders: dict[tuple[str, ...], list[int]] = {}
    by_title: dict[str, list[int]] = {}
    for j, pos in enumerate(came):
        if pos.holders:
            by_holders.setdefault(tuple(sorted(pos.holders)), []).append(j)
        by_title.setdefault(pos.title, []).append(j)
    candidates: list[tuple[int, int, int]] = []
    for i, pos in enumerate(gone):
        near = set(by_title.get(pos.title, []))
        if pos.holders:
            near.update(by_holders.get(tuple(sorted(pos.holders)), []))
        for j in near:
            score = _rename_score(pos, came[j])
            if score > 0:
                candidates.append((score, i, j))
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        o, n = gone[i], came[j]
        if o.id not in mapping and n.id not in taken:
            mapping[o.id] = n.id
            taken.add(n.id)
    return mapping


def _mapped(pid: str | None, renames: dict[str, str]) -> str | None:
    return renames.get(pid, pid) if pid is not None else None


# --- comparing -----------------------------------------------------------------------------


def _positions(
    old: Org,
    new: Org,
    renames: dict[str, str],
    lang: str | None = None,
    unit_map: dict[str, str] | None = None,
) -> tuple[list[PositionRef], list[PositionRef], list[Renamed], list[Moved], list[HolderChange]]:
    units = unit_map or {}
    new_by_id = new.position_by_id
    pairs: dict[str, Position] = {}  # new id -> old position
    for pos in old.positions:
        target = renames.get(pos.id, pos.id)
        if target in new_by_id:
            pairs[target] = pos
    added = [PositionRef(p.id, p.label(lang)) for p in new.positions if p.id not in pairs]
    matched_old = {p.id for p in pairs.values()}
    removed = [
        PositionRef(p.id, p.label(lang), tuple(p.holders))
        for p in old.positions
        if p.id not in matched_old
    ]
    renamed: list[Renamed] = []
    moved: list[Moved] = []
    holders: list[HolderChange] = []
    for pos in new.positions:
        before = pairs.get(pos.id)
        if before is None:
            continue
        if before.id != pos.id or before.label(lang) != pos.label(lang):
            renamed.append(Renamed(before.id, pos.id, before.label(lang), pos.label(lang)))
        old_manager = _mapped(before.reports_to, renames)
        old_unit = _mapped(before.unit, units)
        if old_manager != pos.reports_to or old_unit != pos.unit:
            moved.append(
                Moved(pos.id, pos.label(lang), old_manager, pos.reports_to, old_unit, pos.unit)
            )
        joined = [h for h in pos.holders if h not in before.holders]
        left = [h for h in before.holders if h not in pos.holders]
        if joined or left or before.headcount != pos.headcount:
            holders.append(
                HolderChange(pos.id, pos.label(lang), joined, left, before.headcount, pos.headcount)
            )
    return added, removed, renamed, moved, holders


def dotted_lines(org: Org, renames: dict[str, str] | None = None) -> list[Line]:
    renames = renames or {}
    return [
        Line(renames.get(p.id, p.id), renames.get(t, t)) for p in org.positions for t in p.dotted_to
    ]


def _unit_deltas(
    old: Org, new: Org, lang: str | None, unit_map: dict[str, str] | None = None
) -> list[UnitDelta]:
    units = unit_map or {}
    before = {units.get(u.id, u.id): u for u in unit_figures(OrgGraph(old), lang)}
    after = {u.id: u for u in unit_figures(OrgGraph(new), lang)}
    out: list[UnitDelta] = []
    for uid in list(after) + [u for u in before if u not in after]:
        b, a = before.get(uid), after.get(uid)
        old_fig = b.total if b else Figures()
        new_fig = a.total if a else Figures()
        status = "added" if b is None else "removed" if a is None else "changed"
        if status == "changed" and old_fig == new_fig:
            continue
        name = a.name if a else b.name if b else uid
        out.append(UnitDelta(uid, name, status, old_fig, new_fig))
    return out


LETTERS = ("R", "A", "S", "C", "I")
RaciKey = tuple[str, str | None]


def _raci_sets(
    org: Org, renames: dict[str, str], unit_map: dict[str, str] | None = None
) -> dict[RaciKey, dict[str, list[str]]]:
    units = unit_map or {}
    out: dict[RaciKey, dict[str, list[str]]] = {}
    for entry in org.raci:
        key = (entry.responsibility, _mapped(entry.scope, units))
        letters = out.setdefault(key, {letter: [] for letter in LETTERS})
        for letter, pid, _ in entry.letters():
            mapped = renames.get(pid, pid)
            if mapped not in letters[letter]:
                letters[letter].append(mapped)
    return out


def _raci_changes(
    old: Org, new: Org, renames: dict[str, str], unit_map: dict[str, str] | None = None
) -> list[RaciChange]:
    before = _raci_sets(old, renames, unit_map)
    after = _raci_sets(new, {})
    empty: dict[str, list[str]] = {letter: [] for letter in LETTERS}
    out: list[RaciChange] = []
    for key in list(after) + [k for k in before if k not in after]:
        b, a = before.get(key), after.get(key)
        status = "added" if b is None else "removed" if a is None else "changed"
        b, a = b or empty, a or empty
        added = {x: [p for p in a[x] if p not in b[x]] for x in LETTERS}
        removed = {x: [p for p in b[x] if p not in a[x]] for x in LETTERS}
        added = {x: v for x, v in added.items() if v}
        removed = {x: v for x, v in removed.items() if v}
        if status == "changed" and not added and not removed:
            continue
        out.append(RaciChange(key[0], key[1], status, added, removed))
    return out


def _finding_refs(findings: list[Finding]) -> Counter[FindingRef]:
    return Counter(FindingRef(f.rule, f.severity.value, f.element, f.message) for f in findings)


def _finding_changes(
    old: list[Finding], new: list[Finding]
) -> tuple[list[FindingRef], list[FindingRef]]:
    before, after = _finding_refs(old), _finding_refs(new)
    appeared = sorted((after - before).elements(), key=_finding_order)
    gone = sorted((before - after).elements(), key=_finding_order)
    return appeared, gone


def _finding_order(ref: FindingRef) -> tuple[str, str, str]:
    return (ref.rule, ref.element or "", ref.message)


def compare(
    old: Org,
    new: Org,
    old_findings: list[Finding] | None = None,
    new_findings: list[Finding] | None = None,
    lang: str | None = None,
    mapping: IdMap | None = None,
) -> OrgDiff:
    """Compare two versions of an organisation (and, if given, their findings).

    `mapping` pairs old ids with new ones (positions and units) where the user
    knows better than the automatic matching; the rest is matched as before, and
    what is still unmatched gets suggestions of likely pairs.
    """
    mapping = mapping or IdMap({}, {})
    units = dict(mapping.units)
    renames = {**_without(match_renamed(old, new), mapping.positions), **mapping.positions}
    added, removed, renamed, moved, holders = _positions(old, new, renames, lang, units)
    old_lines = set(dotted_lines(old, renames))
    new_lines = set(dotted_lines(new))
    appeared, gone = _finding_changes(old_findings or [], new_findings or [])
    return OrgDiff(
        old_name=_org_name(old, lang),
        new_name=_org_name(new, lang),
        added=added,
        removed=removed,
        renamed=renamed,
        moved=moved,
        dotted_added=[line for line in dotted_lines(new) if line not in old_lines],
        dotted_removed=[line for line in dotted_lines(old, renames) if line not in new_lines],
        holders=holders,
        total_old=_total(old),
        total_new=_total(new),
        units=_unit_deltas(old, new, lang, units),
        raci=_raci_changes(old, new, renames, units),
        findings_appeared=appeared,
        findings_gone=gone,
        units_moved=unit_moves(old, new, units, lang),
        costs=cost_changes(old, new, renames, lang),
        priority_rules=priority_changes(old, new, renames, units, lang, mapping.rules),
        mapped={**mapping.positions, **mapping.units, **mapping.rules},
        suggestions=suggest_pairs(old, new, renames, units),
    )


def _without(auto: dict[str, str], user: dict[str, str]) -> dict[str, str]:
    """Automatic pairs that do not touch an id the user mapped (the user's map wins)."""
    taken = set(user.values())
    return {o: n for o, n in auto.items() if o not in user and n not in taken}


def _org_name(org: Org, lang: str | None) -> str:
    return org.organization.label(lang) if org.organization else org.root_file


def _total(org: Org) -> Figures:
    return sum_figures(org.positions)


__all__ = [
    "FindingRef",
    "HolderChange",
    "Line",
    "Moved",
    "OrgDiff",
    "PositionRef",
    "RaciChange",
    "Renamed",
    "UnitDelta",
    "compare",
    "dotted_lines",
    "match_renamed",
]
