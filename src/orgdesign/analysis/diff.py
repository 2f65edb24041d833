"""What changed between two versions of an organisation: what `orgdesign diff` reports.

This module owns comparing an as-is and a to-be `Org`: positions added,
removed, renamed (new id or new title) and moved (new solid manager or unit),
dotted lines added and removed, holders and seats changed, headcount and cost
deltas per unit, RACI assignments changed, and validation findings that
appeared or disappeared. It renders the comparison as text, Markdown (for a
pull request; both in English or, for a `zh*` language tag, Simplified Chinese)
and JSON, and draws the new structure with the changes
coloured as a Graphviz graph.

A position whose id disappears while a new id appears with the same holders,
or with the same title in the same unit or under the same manager, is taken
as renamed, not as removed and added; every other comparison then follows
the new id.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from orgdesign.analysis.diffmap import IdMap, Suggestion, suggest_pairs
from orgdesign.analysis.diffparts import (
    CostChange,
    PriorityChange,
    UnitMove,
    cost_changes,
    priority_changes,
    unit_moves,
)
from orgdesign.analysis.stats import Figures, sum_figures, unit_figures
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.model import Org, Position

if TYPE_CHECKING:  # graphviz loads only when a change chart is drawn, not at start-up
    import graphviz
from orgdesign.i18n import Text, text_lang


@dataclass(frozen=True)
class PositionRef:
    id: str
    title: str
    holders: tuple[str, ...] = ()
    """The people in the position (named for removed positions: who is affected)."""


@dataclass(frozen=True)
class Renamed:
    """A position whose id or title changed."""

    old_id: str
    new_id: str
    old_title: str
    new_title: str


@dataclass(frozen=True)
class Moved:
    """A position with a new solid-line manager or a new unit (ids of the new version)."""

    id: str
    title: str
    old_manager: str | None
    new_manager: str | None
    old_unit: str | None
    new_unit: str | None


@dataclass(frozen=True)
class Line:
    """A dotted line: `position` reports on a dotted line to `manager`."""

    position: str
    manager: str


@dataclass(frozen=True)
class HolderChange:
    id: str
    title: str
    joined: list[str]
    left: list[str]
    old_seats: int
    new_seats: int


@dataclass(frozen=True)
class UnitDelta:
    """A unit whose figures (including sub-units) changed; `status` added, removed or changed."""

    id: str
    name: str
    status: str
    old: Figures
    new: Figures


@dataclass(frozen=True)
class RaciChange:
    """One RACI entry (responsibility and scope) added, removed or changed, letter by letter."""

    responsibility: str
    scope: str | None
    status: str
    added: dict[str, list[str]]
    removed: dict[str, list[str]]


@dataclass(frozen=True)
class FindingRef:
    rule: str
    severity: str
    element: str | None
    message: str


@dataclass
class OrgDiff:
    """Everything that changed from `old` to `new`."""

    old_name: str
    new_name: str
    added: list[PositionRef] = field(default_factory=list)
    removed: list[PositionRef] = field(default_factory=list)
    renamed: list[Renamed] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    dotted_added: list[Line] = field(default_factory=list)
    dotted_removed: list[Line] = field(default_factory=list)
    holders: list[HolderChange] = field(default_factory=list)
    total_old: Figures = field(default_factory=Figures)
    total_new: Figures = field(default_factory=Figures)
    units: list[UnitDelta] = field(default_factory=list)
    raci: list[RaciChange] = field(default_factory=list)
    findings_appeared: list[FindingRef] = field(default_factory=list)
    findings_gone: list[FindingRef] = field(default_factory=list)
    units_moved: list[UnitMove] = field(default_factory=list)
    costs: list[CostChange] = field(default_factory=list)
    priority_rules: list[PriorityChange] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)
    """Old id -> new id the user mapped (`--map`, `--map-file`), positions and units."""
    suggestions: list[Suggestion] = field(default_factory=list)
    """Likely pairs among what is still unmatched, for the user to confirm (not applied)."""

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.renamed
            or self.moved
            or self.dotted_added
            or self.dotted_removed
            or self.holders
            or self.units
            or self.raci
            or self.findings_appeared
            or self.findings_gone
            or self.units_moved
            or self.costs
            or self.priority_rules
            or self.total_old != self.total_new
        )


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


def _dotted_lines(org: Org, renames: dict[str, str] | None = None) -> list[Line]:
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
    old_lines = set(_dotted_lines(old, renames))
    new_lines = set(_dotted_lines(new))
    appeared, gone = _finding_changes(old_findings or [], new_findings or [])
    return OrgDiff(
        old_name=_org_name(old, lang),
        new_name=_org_name(new, lang),
        added=added,
        removed=removed,
        renamed=renamed,
        moved=moved,
        dotted_added=[line for line in _dotted_lines(new) if line not in old_lines],
        dotted_removed=[line for line in _dotted_lines(old, renames) if line not in new_lines],
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


# --- rendering -----------------------------------------------------------------------------


def _signed(value: float) -> str:
    number = int(value) if float(value).is_integer() else round(value, 2)
    if isinstance(number, int):
        return f"{number:+,}"
    return f"{number:+,.2f}"


def _money(value: float) -> str:
    number = int(value) if float(value).is_integer() else round(value, 2)
    return f"{number:,}" if isinstance(number, int) else f"{number:,.2f}"


def _fig_delta(old: Figures, new: Figures) -> dict[str, Any]:
    def num(value: float) -> float | int:
        return int(value) if float(value).is_integer() else round(value, 2)

    return {
        "positions": [old.positions, new.positions, new.positions - old.positions],
        "seats": [old.seats, new.seats, new.seats - old.seats],
        "headcount": [old.holders, new.holders, new.holders - old.holders],
        "vacancies": [old.vacancies, new.vacancies, new.vacancies - old.vacancies],
        "cost": [num(old.cost), num(new.cost), num(new.cost - old.cost)],
    }


def _delta_cells(old: Figures, new: Figures) -> list[str]:
    return [
        f"{old.seats} → {new.seats} ({_signed(new.seats - old.seats)})",
        f"{old.holders} → {new.holders} ({_signed(new.holders - old.holders)})",
        f"{old.vacancies} → {new.vacancies} ({_signed(new.vacancies - old.vacancies)})",
        f"{_money(old.cost)} → {_money(new.cost)} ({_signed(new.cost - old.cost)})",
    ]


def to_dict(diff: OrgDiff) -> dict[str, Any]:
    """The comparison as one JSON-ready object."""
    return {
        "old": diff.old_name,
        "new": diff.new_name,
        "positions": {
            "added": [{"id": p.id, "title": p.title} for p in diff.added],
            "removed": [
                {"id": p.id, "title": p.title, "holders": list(p.holders)} for p in diff.removed
            ],
            "renamed": [
                {
                    "old_id": r.old_id,
                    "new_id": r.new_id,
                    "old_title": r.old_title,
                    "new_title": r.new_title,
                }
                for r in diff.renamed
            ],
            "moved": [
                {
                    "id": m.id,
                    "title": m.title,
                    "old_manager": m.old_manager,
                    "new_manager": m.new_manager,
                    "old_unit": m.old_unit,
                    "new_unit": m.new_unit,
                }
                for m in diff.moved
            ],
        },
        "dotted_lines": {
            "added": [{"position": x.position, "manager": x.manager} for x in diff.dotted_added],
            "removed": [
                {"position": x.position, "manager": x.manager} for x in diff.dotted_removed
            ],
        },
        "holders": [
            {
                "id": h.id,
                "title": h.title,
                "joined": h.joined,
                "left": h.left,
                "seats": [h.old_seats, h.new_seats],
            }
            for h in diff.holders
        ],
        "total": _fig_delta(diff.total_old, diff.total_new),
        "units": [
            {"id": u.id, "name": u.name, "status": u.status, **_fig_delta(u.old, u.new)}
            for u in diff.units
        ],
        "raci": [
            {
                "responsibility": c.responsibility,
                "scope": c.scope,
                "status": c.status,
                "added": c.added,
                "removed": c.removed,
            }
            for c in diff.raci
        ],
        "findings": {
            "appeared": [_finding_dict(f) for f in diff.findings_appeared],
            "disappeared": [_finding_dict(f) for f in diff.findings_gone],
        },
        **parts_dict(diff),
    }


def parts_dict(diff: OrgDiff) -> dict[str, Any]:
    """The JSON of unit moves, cost changes, priority rules, the map and the suggestions."""

    def num(value: float | None) -> float | int | None:
        if value is None:
            return None
        return int(value) if float(value).is_integer() else round(value, 2)

    return {
        "units_moved": [
            {"id": m.id, "name": m.name, "old_parent": m.old_parent, "new_parent": m.new_parent}
            for m in diff.units_moved
        ],
        "costs": [
            {
                "id": c.id,
                "title": c.title,
                "cost_per_seat": [num(c.old_cost), num(c.new_cost)],
                "seats": c.seats,
            }
            for c in diff.costs
        ],
        "priority_rules": [
            {
                "id": r.id,
                "name": r.name,
                "status": r.status,
                "decides": {d: list(pair) for d, pair in r.decides.items()},
                "escalation": list(r.escalation) if r.escalation else None,
                "applies_to": list(r.applies_to) if r.applies_to else None,
            }
            for r in diff.priority_rules
        ],
        "mapped": diff.mapped,
        "suggested_pairs": [
            {
                "kind": x.kind,
                "old_id": x.old_id,
                "new_id": x.new_id,
                "old_name": x.old_name,
                "new_name": x.new_name,
                "score": x.score,
                "reasons": list(x.reasons),
            }
            for x in diff.suggestions
        ],
    }


def _finding_dict(ref: FindingRef) -> dict[str, Any]:
    return {
        "rule": ref.rule,
        "severity": ref.severity,
        "element": ref.element,
        "message": ref.message,
    }


def render_json(diff: OrgDiff) -> str:
    return json.dumps(to_dict(diff), indent=2, ensure_ascii=False) + "\n"


class DiffText:
    """Fixed wording of the text and Markdown renderings of `diff`."""

    added = Text("Positions added", "新增岗位")
    removed = Text("Positions removed", "撤销岗位")
    renamed = Text("Positions renamed", "更名岗位")
    moved = Text("Positions moved", "调动岗位")
    dotted_added = Text("Dotted lines added", "新增虚线汇报")
    dotted_removed = Text("Dotted lines removed", "撤销虚线汇报")
    holders = Text("Holders and seats changed", "任职人员与编制变化")
    raci = Text("RACI changed", "RACI 变化")
    findings_appeared = Text("Findings that appeared", "新出现的检查发现")
    findings_gone = Text("Findings that disappeared", "消失的检查发现")
    scope = Text(" (scope {scope})", "（范围 {scope}）")
    raci_line = Text("{label} {status}: {parts}", "{label} {status}：{parts}")
    reports_to = Text("reports to {new} (was {old})", "汇报给 {new}（原为 {old}）")
    unit = Text("unit {new} (was {old})", "部门 {new}（原为 {old}）")
    nobody_new = Text("(nobody)", "（无）")
    nobody_old = Text("nobody", "无")
    none_new = Text("(none)", "（无）")
    none_old = Text("none", "无")
    item = Text("{title} ({id}): {what}", "{title} ({id})：{what}")
    seats_change = Text("seats {old} → {new}", "编制 {old} → {new}")
    no_changes_text = Text("No changes: {names}.\n", "没有变化：{names}。\n")
    changes = Text("Changes: {names}", "变化：{names}")
    total_line = Text(
        "Total: seats {seats}, headcount {people}, vacancies {vacancies}, cost {cost}",
        "总计：编制 {seats}，在岗 {people}，空缺 {vacancies}，成本 {cost}",
    )
    count_heading = Text("{heading} ({count}):", "{heading}（{count}）：")
    units_heading = Text(
        "Units (including sub-units) ({count}):", "部门（含下级部门）（{count}）："
    )
    unit_line = Text(
        "  {name} ({id}){status}: seats {seats}, headcount {people}, "
        "vacancies {vacancies}, cost {cost}",
        "  {name} ({id}){status}：编制 {seats}，在岗 {people}，空缺 {vacancies}，成本 {cost}",
    )
    md_title = Text("## Organisation changes: {names}", "## 组织变化：{names}")
    md_no_changes = Text("No changes.", "没有变化。")
    md_counts = Text(
        "**Positions:** {added} added, {removed} removed, {renamed} renamed, {moved} moved.",
        "**岗位：**新增 {added}，撤销 {removed}，更名 {renamed}，调动 {moved}。",
    )
    md_header = Text(
        "| | seats | headcount | vacancies | cost |", "| | 编制 | 在岗 | 空缺 | 成本 |"
    )
    md_total = Text("**total**", "**总计**")
    md_heading = Text("### {heading} ({count})", "### {heading}（{count}）")
    md_errors = Text(
        "> **{errors} new error-level finding(s).**", "> **新增 {errors} 条错误级检查发现。**"
    )
    units_moved = Text("Units moved to a new parent", "调整上级的部门")
    costs = Text("Position cost changed", "岗位成本变化")
    priority_rules = Text("Priority rules changed", "优先级规则变化")
    mapped = Text("Ids paired by your map", "按映射配对的 id")
    suggestions = Text(
        "Likely pairs, not applied (confirm with --map OLD=NEW or --map-file; "
        "--write-map FILE writes them)",
        "可能的配对（未应用；用 --map 旧=新 或 --map-file 确认；--write-map 文件 可写出它们）",
    )
    removed_holders = Text("{title} ({id}): {people}", "{title} ({id})：{people}")
    vacant = Text("vacant", "空缺")
    unit_parent = Text(
        "{name} ({id}): under {new} (was {old})", "{name} ({id})：上级 {new}（原为 {old}）"
    )
    cost_line = Text(
        "{title} ({id}): cost per seat {old} → {new} ({delta}; {seats} seat(s): {total})",
        "{title} ({id})：每编制成本 {old} → {new}（{delta}；{seats} 个编制：{total}）",
    )
    no_cost = Text("none", "无")
    rule_line = Text("{name} ({id}) {status}: {parts}", "{name} ({id}) {status}：{parts}")
    decides_part = Text("{domain}: {old} → {new}", "{domain}：{old} → {new}")
    escalation_part = Text("escalation: {old} → {new}", "仲裁人：{old} → {new}")
    covers_part = Text("covers: {old} → {new}", "适用于：{old} → {new}")
    suggestion_line = Text(
        "{kind} {old_id} ({old_name}) → {new_id} ({new_name})? {why}",
        "{kind} {old_id}（{old_name}）→ {new_id}（{new_name}）？{why}",
    )


STATUS = {
    "added": Text("added", "新增"),
    "removed": Text("removed", "删除"),
    "changed": Text("changed", "变更"),
}
"""Status of a unit or RACI entry -> its wording."""


def _status_word(status: str, lang: str | None) -> str:
    text = STATUS.get(status)
    return text(lang) if text else status


def _letters(change: dict[str, list[str]]) -> str:
    return "; ".join(f"{x}: {', '.join(pids)}" for x, pids in change.items())


def _raci_label(c: RaciChange, lang: str | None = None) -> str:
    return c.responsibility + (DiffText.scope(lang, scope=c.scope) if c.scope else "")


def _raci_text(c: RaciChange, lang: str | None = None) -> str:
    parts = []
    if c.added:
        parts.append(("+ " if c.status == "changed" else "") + _letters(c.added))
    if c.removed:
        parts.append(("- " if c.status == "changed" else "") + _letters(c.removed))
    return DiffText.raci_line(
        lang,
        label=_raci_label(c, lang),
        status=_status_word(c.status, lang),
        parts=" / ".join(parts),
    )


def _move_text(m: Moved, lang: str | None = None) -> str:
    t = DiffText
    parts = []
    if m.old_manager != m.new_manager:
        parts.append(
            t.reports_to(
                lang,
                new=m.new_manager or t.nobody_new(lang),
                old=m.old_manager or t.nobody_old(lang),
            )
        )
    if m.old_unit != m.new_unit:
        parts.append(
            t.unit(lang, new=m.new_unit or t.none_new(lang), old=m.old_unit or t.none_old(lang))
        )
    separator = "，" if text_lang(lang) == "zh" else ", "
    return t.item(lang, title=m.title, id=m.id, what=separator.join(parts))


def _rename_text(r: Renamed, lang: str | None = None) -> str:
    if r.old_id == r.new_id:
        if text_lang(lang) == "zh":
            return f"{r.new_id}：“{r.old_title}” → “{r.new_title}”"
        return f"{r.new_id}: {r.old_title!r} → {r.new_title!r}"
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
        parts.append(DiffText.seats_change(lang, old=h.old_seats, new=h.new_seats))
    return DiffText.item(lang, title=h.title, id=h.id, what="; ".join(parts))


DECIDERS = {"solid": Text("solid line", "实线上级"), "dotted": Text("dotted line", "虚线上级")}
KINDS = {
    "position": Text("position", "岗位"),
    "unit": Text("unit", "部门"),
    "priority rule": Text("priority rule", "优先级规则"),
}
REASONS = {
    "same title": Text("same title", "岗位名称相同"),
    "same title but for the unit's name": Text(
        "same title but for the unit's name", "除部门名称外岗位名称相同"
    ),
    "same manager": Text("same manager", "上级相同"),
    "same head": Text("same head", "负责人配对"),
    "same deciders": Text("same deciders", "决策归属相同"),
    "same unit": Text("same unit", "部门相同"),
    "same holders": Text("same holders", "任职人相同"),
    "shared holder": Text("shared holder", "有相同任职人"),
    "same name": Text("same name", "名称相同"),
}


def _decider_word(value: str | None, lang: str | None) -> str:
    if value is None:
        return DiffText.nobody_old(lang)
    word = DECIDERS.get(value)
    return word(lang) if word else value


def _removed_text(p: PositionRef, lang: str | None) -> str:
    people = ("、" if text_lang(lang) == "zh" else ", ").join(p.holders) or DiffText.vacant(lang)
    return DiffText.removed_holders(lang, title=p.title, id=p.id, people=people)


def _unit_move_text(m: UnitMove, lang: str | None) -> str:
    none = DiffText.none_old(lang)
    old = f"{m.old_parent_name} ({m.old_parent})" if m.old_parent else none
    new = f"{m.new_parent_name} ({m.new_parent})" if m.new_parent else none
    return DiffText.unit_parent(lang, name=m.name, id=m.id, new=new, old=old)


def _cost_text(c: CostChange, lang: str | None) -> str:
    before, after = c.old_cost or 0.0, c.new_cost or 0.0
    return DiffText.cost_line(
        lang,
        title=c.title,
        id=c.id,
        old=_money(c.old_cost) if c.old_cost is not None else DiffText.no_cost(lang),
        new=_money(c.new_cost) if c.new_cost is not None else DiffText.no_cost(lang),
        delta=_signed(after - before),
        seats=c.seats,
        total=_signed((after - before) * c.seats),
    )


def _rule_text(r: PriorityChange, lang: str | None) -> str:
    t = DiffText
    parts = []
    for d, (a, b) in r.decides.items():
        domain = r.domain_names.get(d, d)
        if r.status == "changed":
            words = {"old": _decider_word(a, lang), "new": _decider_word(b, lang)}
            parts.append(t.decides_part(lang, domain=domain, **words))
        else:
            parts.append(
                f"{domain}{'：' if text_lang(lang) == 'zh' else ': '}"
                + _decider_word(b if r.status == "added" else a, lang)
            )
    if r.escalation:
        old, new = r.escalation
        parts.append(
            t.escalation_part(lang, old=old or t.nobody_old(lang), new=new or t.nobody_old(lang))
        )
    if r.applies_to:
        old_cov, new_cov = (", ".join(x) or t.none_old(lang) for x in r.applies_to)
        parts.append(t.covers_part(lang, old=old_cov, new=new_cov))
    separator = "；" if text_lang(lang) == "zh" else "; "
    return t.rule_line(
        lang, name=r.name, id=r.id, status=_status_word(r.status, lang), parts=separator.join(parts)
    )


def _suggestion_text(x: Suggestion, lang: str | None) -> str:
    reasons = [REASONS[r](lang) if r in REASONS else r for r in x.reasons]
    kind = KINDS[x.kind](lang) if x.kind in KINDS else x.kind
    why = ("、" if text_lang(lang) == "zh" else ", ").join(reasons)
    return DiffText.suggestion_line(
        lang,
        kind=kind,
        old_id=x.old_id,
        old_name=x.old_name,
        new_id=x.new_id,
        new_name=x.new_name,
        why=why,
    )


def _finding_text(ref: FindingRef) -> str:
    return f"{ref.severity} {ref.rule} {ref.message}"


def _sections(diff: OrgDiff, lang: str | None = None) -> list[tuple[str, list[str]]]:
    """(heading, items) of every non-empty part of the comparison, as plain text items."""
    t = DiffText
    sections: list[tuple[Text, list[str]]] = [
        (t.added, [f"{p.title} ({p.id})" for p in diff.added]),
        (t.removed, [_removed_text(p, lang) for p in diff.removed]),
        (t.renamed, [_rename_text(r, lang) for r in diff.renamed]),
        (t.moved, [_move_text(m, lang) for m in diff.moved]),
        (t.units_moved, [_unit_move_text(m, lang) for m in diff.units_moved]),
        (t.costs, [_cost_text(c, lang) for c in diff.costs]),
        (t.priority_rules, [_rule_text(r, lang) for r in diff.priority_rules]),
        (t.dotted_added, [f"{x.position} ⇢ {x.manager}" for x in diff.dotted_added]),
        (t.dotted_removed, [f"{x.position} ⇢ {x.manager}" for x in diff.dotted_removed]),
        (t.holders, [_holder_text(h, lang) for h in diff.holders]),
        (t.raci, [_raci_text(c, lang) for c in diff.raci]),
        (t.findings_appeared, [_finding_text(f) for f in diff.findings_appeared]),
        (t.findings_gone, [_finding_text(f) for f in diff.findings_gone]),
        (t.mapped, [f"{o} → {n}" for o, n in diff.mapped.items()]),
        (t.suggestions, [_suggestion_text(x, lang) for x in diff.suggestions]),
    ]
    return [(heading(lang), items) for heading, items in sections if items]


def render_text(diff: OrgDiff, lang: str | None = None) -> str:
    t = DiffText
    if diff.empty:
        return t.no_changes_text(lang, names=_names(diff))
    lines = [t.changes(lang, names=_names(diff)), ""]
    t_old, t_new = diff.total_old, diff.total_new
    seats, people, vacancies, cost = _delta_cells(t_old, t_new)
    lines.append(t.total_line(lang, seats=seats, people=people, vacancies=vacancies, cost=cost))
    for heading, items in _sections(diff, lang):
        lines += ["", t.count_heading(lang, heading=heading, count=len(items))]
        lines += [f"  {item}" for item in items]
    if diff.units:
        lines += ["", t.units_heading(lang, count=len(diff.units))]
        for u in diff.units:
            seats, people, vacancies, cost = _delta_cells(u.old, u.new)
            status = "" if u.status == "changed" else f" [{_status_word(u.status, lang)}]"
            lines.append(
                t.unit_line(
                    lang,
                    name=u.name,
                    id=u.id,
                    status=status,
                    seats=seats,
                    people=people,
                    vacancies=vacancies,
                    cost=cost,
                )
            )
    return "\n".join(lines) + "\n"


def _names(diff: OrgDiff) -> str:
    if diff.old_name == diff.new_name:
        return diff.new_name
    return f"{diff.old_name} → {diff.new_name}"


def _md(text: str) -> str:
    """Escape Markdown table and inline syntax in user text."""
    out = text.replace("\\", "\\\\")
    for ch in "|*_`[]<":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def render_markdown(diff: OrgDiff, lang: str | None = None) -> str:
    """A summary for a pull request comment."""
    t = DiffText
    title = t.md_title(lang, names=_md(_names(diff)))
    if diff.empty:
        return title + "\n\n" + t.md_no_changes(lang) + "\n"
    lines = [title, ""]
    lines.append(
        t.md_counts(
            lang,
            added=len(diff.added),
            removed=len(diff.removed),
            renamed=len(diff.renamed),
            moved=len(diff.moved),
        )
    )
    lines += ["", t.md_header(lang), "|---|---|---|---|---|"]
    total_cells = " | ".join(_delta_cells(diff.total_old, diff.total_new))
    lines.append(f"| {t.md_total(lang)} | {total_cells} |")
    zh = text_lang(lang) == "zh"
    for u in diff.units:
        word = _status_word(u.status, lang)
        status = "" if u.status == "changed" else f"（{word}）" if zh else f" ({word})"
        cells = " | ".join(_delta_cells(u.old, u.new))
        lines.append(f"| {_md(u.name)} `{u.id}`{status} | {cells} |")
    for heading, items in _sections(diff, lang):
        lines += ["", t.md_heading(lang, heading=heading, count=len(items)), ""]
        lines += [f"- {_md(item)}" for item in items]
    if diff.findings_appeared:
        errors = sum(1 for f in diff.findings_appeared if f.severity == "error")
        if errors:
            lines += ["", t.md_errors(lang, errors=errors)]
    return "\n".join(lines) + "\n"


# --- chart ---------------------------------------------------------------------------------

FONT = "Noto Sans CJK SC"
COLOURS = {
    "added": "#d4f4dd",
    "renamed": "#dbe8fb",
    "moved": "#ffe8c2",
    "holders": "#fff7c2",
    "removed": "#eeeeee",
}


def _dot_text(text: str) -> str:
    """Text safe inside a quoted DOT label: backslashes literal, one line."""
    return text.replace("\\", "\\\\").replace("\r", " ").replace("\n", " ")


def _dot_label(*lines: str) -> str:
    import graphviz

    label: str = graphviz.nohtml("\\n".join(_dot_text(line) for line in lines if line))
    return label


def _status(diff: OrgDiff) -> dict[str, str]:
    status: dict[str, str] = {}
    for h in diff.holders:
        status[h.id] = "holders"
    for r in diff.renamed:
        status[r.new_id] = "renamed"
    for m in diff.moved:
        status[m.id] = "moved"
    for p in diff.added:
        status[p.id] = "added"
    return status


def _node_label(pos: Position, note: str, lang: str | None) -> str:
    seats = f"{len(pos.holders)}/{pos.headcount} seats" if pos.headcount > 1 else ""
    holder = ", ".join(pos.holders[:3]) + (" …" if len(pos.holders) > 3 else "")
    return _dot_label(pos.label(lang), holder, seats, note)


def chart(diff: OrgDiff, old: Org, new: Org, lang: str | None = None) -> graphviz.Digraph:
    """The new structure; added, renamed, moved and re-staffed positions coloured, removed grey."""
    import graphviz

    dot = graphviz.Digraph("orgdiff")
    dot.attr(rankdir="TB", fontname=FONT, label=_dot_label(_names(diff)))
    dot.attr("node", shape="box", style="rounded,filled", fillcolor="white", fontname=FONT)
    dot.attr("edge", fontname=FONT, arrowhead="none")
    status = _status(diff)
    renamed = {r.new_id: r for r in diff.renamed}
    for pos in new.positions:
        kind = status.get(pos.id)
        note = kind or ""
        if kind == "renamed":
            before = renamed[pos.id]
            note = (
                f"was {before.old_id}"
                if before.old_id != pos.id
                else f"was titled {before.old_title}"
            )
        elif kind == "holders":
            note = "holders or seats changed"
        fill = COLOURS[kind] if kind else "white"
        dot.node(pos.id, _node_label(pos, note, lang), fillcolor=fill)
    new_ids = set(new.position_by_id)
    for pos in new.positions:
        if pos.reports_to in new_ids:
            colour = "#d9822b" if status.get(pos.id) in ("moved", "added") else "black"
            dot.edge(pos.reports_to, pos.id, color=colour)
    for line in diff.dotted_added:
        if line.position in new_ids and line.manager in new_ids:
            dot.edge(
                line.manager, line.position, style="dashed", color="#2e9e44", constraint="false"
            )
    added_lines = set(diff.dotted_added)
    for line in _dotted_lines(new):
        if line not in added_lines and line.position in new_ids and line.manager in new_ids:
            dot.edge(
                line.manager, line.position, style="dashed", color="#555555", constraint="false"
            )
    _removed_nodes(dot, diff, old, new_ids, lang)
    _legend(dot)
    return dot


def _removed_nodes(
    dot: graphviz.Digraph, diff: OrgDiff, old: Org, new_ids: set[str], lang: str | None
) -> None:
    renames = {r.old_id: r.new_id for r in diff.renamed}
    removed = {p.id for p in diff.removed}
    old_by_id = old.position_by_id
    for ref in diff.removed:
        pos = old_by_id[ref.id]
        node = f"removed/{pos.id}"
        dot.node(
            node,
            _node_label(pos, "removed", lang),
            style="rounded,dashed",
            color="#999999",
            fontcolor="#777777",
        )
        manager = pos.reports_to
        if manager in removed:
            dot.edge(f"removed/{manager}", node, style="dashed", color="#999999")
        elif manager is not None and renames.get(manager, manager) in new_ids:
            dot.edge(renames.get(manager, manager), node, style="dashed", color="#999999")
    for line in diff.dotted_removed:
        source = f"removed/{line.manager}" if line.manager in removed else line.manager
        target = f"removed/{line.position}" if line.position in removed else line.position
        dot.edge(source, target, style="dotted", color="#999999", constraint="false")


def _legend(dot: graphviz.Digraph) -> None:
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(label="changes", fontname=FONT, style="rounded", color="#cccccc")
        for kind, colour in COLOURS.items():
            style = "rounded,dashed" if kind == "removed" else "rounded,filled"
            legend.node(f"legend/{kind}", kind, fillcolor=colour, style=style)


HIGHLIGHT = {
    "added": "#2E9E44",
    "renamed": "#3F73A8",
    "moved": "#D9822B",
    "holders": "#A5821E",
    "removed": "#8C8C8C",
}
"""Border colour of each kind of change on the diff chart (the layout's `highlight`)."""


def _merged(
    diff: OrgDiff, old: Org, new: Org
) -> tuple[Org, dict[str, str], dict[str, tuple[str, ...]]]:
    """The new organisation with the removed positions put back under their old managers,
    and the highlight colour and note of every changed box."""
    from dataclasses import replace

    status = _status(diff)
    renamed = {r.new_id: r for r in diff.renamed}
    renames = {r.old_id: r.new_id for r in diff.renamed}
    new_ids = set(new.position_by_id)
    removed = {p.id for p in diff.removed}
    highlight: dict[str, str] = {}
    notes: dict[str, tuple[str, ...]] = {}
    for pid, kind in status.items():
        highlight[pid] = HIGHLIGHT[kind]
        note = kind
        if kind == "renamed":
            before = renamed[pid]
            note = f"was {before.old_id}" if before.old_id != pid else f"was {before.old_title}"
        elif kind == "holders":
            note = "holders or seats changed"
        notes[pid] = (note,)
    extra: list[Position] = []
    for ref in diff.removed:
        pos = old.position_by_id[ref.id]
        ghost = f"removed-{pos.id}"
        manager = pos.reports_to
        if manager in removed:
            boss: str | None = f"removed-{manager}"
        else:
            boss = renames.get(manager, manager) if manager else None
            boss = boss if boss in new_ids else None
        unit = pos.unit if pos.unit in new.unit_by_id else None
        extra.append(
            pos.model_copy(update={"id": ghost, "reports_to": boss, "unit": unit, "dotted_to": []})
        )
        highlight[ghost] = HIGHLIGHT["removed"]
        notes[ghost] = ("removed",)
    merged = replace(new, positions=[*new.positions, *extra])
    return merged, highlight, notes


def render_chart(diff: OrgDiff, old: Org, new: Org, suffix: str, lang: str | None = None) -> bytes:
    """The chart as DOT source (`.dot`, Graphviz) or drawn from the orgdesign layout (`.svg`,
    `.png`, `.pdf`): the new structure with the same boxes, colours and lines as `chart`,
    added, renamed, moved and re-staffed positions with a coloured border and a note,
    removed positions put back (grey, "removed") under their old manager."""
    if suffix == ".dot":
        source: str = chart(diff, old, new, lang).source
        return source.encode("utf-8")
    from orgdesign.layout.chart import LayoutOptions, build_layout
    from orgdesign.output.chart.cairochart import pdf_bytes, png_bytes
    from orgdesign.output.chart.svgchart import page_svg

    merged, highlight, notes = _merged(diff, old, new)
    options = LayoutOptions(lang=lang, highlight=highlight, extra_notes=notes)
    layout = build_layout(merged, OrgGraph(merged), options)
    page = layout.pages[0]
    if suffix == ".svg":
        return page_svg(layout, page).encode("utf-8")
    if suffix == ".png":
        return png_bytes(layout, page)
    return pdf_bytes(layout)


CHART_SUFFIXES = (".svg", ".png", ".pdf", ".dot")
