"""`suggest`: a small set of moves (and, if allowed, new leads) meeting the span and layer targets.

Builds the problem (`problem`), solves it with OR-Tools CP-SAT within the time
limit (`solver`), falls back to the greedy heuristic (`heuristic`) when
OR-Tools is missing or finds nothing, keeps whichever result leaves fewer
findings, and turns it into scenario changes, each with the reasons a reader
needs: which target it serves, the spans and layers before and after.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from orgdesign.analysis.scenario.heuristic import greedy
from orgdesign.analysis.scenario.problem import (
    Outcome,
    Problem,
    build_problem,
    evaluate,
    objective,
)
from orgdesign.analysis.scenario.write import Proposed
from orgdesign.model import Org, Targets

Method = Literal["auto", "cp-sat", "heuristic"]


@dataclass
class Suggestion:
    """The proposal: changes in order, how it was found, and the figures before and after."""

    changes: list[Proposed]
    method: str
    seconds: float
    before: Outcome
    after: Outcome
    notes: list[str] = field(default_factory=list)


def _solve(
    problem: Problem, method: Method, deadline: float
) -> tuple[dict[str, str], str, list[str]]:
    """The greedy proposal first (quick, always there), then CP-SAT until the deadline."""
    notes: list[str] = []
    if not problem.movable:
        return {}, "none needed (no manager outside the span target, no branch too deep)", notes
    backup = greedy(problem, max(0.05, (deadline - time.monotonic()) * 0.2))
    if method == "heuristic":
        return backup, "heuristic", notes
    try:
        from orgdesign.analysis.scenario.solver import solve
    except ImportError as exc:  # a dependency, but a broken install must not sink `suggest`
        notes.append(f"OR-Tools is not available ({exc}); used the greedy heuristic")
        return backup, "heuristic", notes
    found, status = solve(problem, deadline, backup)
    if found is None:
        notes.append(f"CP-SAT found no solution ({status}); used the greedy heuristic")
        return backup, "heuristic", notes
    if objective(problem, backup) < objective(problem, found):
        return backup, f"heuristic (better than CP-SAT's {status})", notes
    return found, f"CP-SAT, {status}", notes


def _range_text(problem: Problem, pid: str) -> str:
    wanted = problem.range_of(pid)
    return f"target {wanted.text()}, {wanted.source}" if wanted else "no target"


def _move_reasons(
    problem: Problem, pid: str, to: str, before: Outcome, after: Outcome, depth: dict[str, int]
) -> list[str]:
    graph = problem.graph
    pos = graph.positions[pid]
    old = problem.current(pid)
    seats = problem.seats(pid)
    lead = problem.new_leads.get(to)
    where = (
        "inside its unit"
        if problem.same_unit(pid, to)
        else (f"across units ({pos.unit} to {lead.unit if lead else graph.positions[to].unit})")
    )
    lines = [
        f"move {pid} ({pos.title}, {seats} seat{'s' if seats != 1 else ''}{_team(problem, pid)}) "
        f"from {old} to {to}, "
        f"{where}."
    ]
    if old in before.span_violations:
        lines.append(
            f"TGT601: {old} has {before.spans.get(old, 0)} seats of direct reports "
            f"({_range_text(problem, old)}); after the proposal {after.spans.get(old, 0)}."
        )
    if to in problem.new_leads:
        lines.append(
            f"{to} is a new lead position ({after.spans.get(to, 0)} seats after the proposal)."
        )
    elif not graph.is_manager(to):
        lines.append(
            f"{to} becomes a manager with {after.spans.get(to, 0)} seats "
            f"({_range_text(problem, to)}); it managed nobody before."
        )
    else:
        lines.append(
            f"{to} goes from {before.spans.get(to, 0)} to {after.spans.get(to, 0)} seats "
            f"({_range_text(problem, to)})."
        )
    if problem.layer_max is not None:
        lines.append(
            f"layers: {pid} moves from layer {problem.layer[pid]} to "
            f"{depth.get(to, 0) + 1}; its branch is {problem.height.get(pid, 0)} "
            f"layer(s) deep (target {problem.layer_max} layers)."
        )
    return lines


def _team(problem: Problem, pid: str) -> str:
    below = problem.below.get(pid, 0)
    return f", with the {below} seat{'s' if below != 1 else ''} below it" if below else ""


def _depths(problem: Problem, after: Outcome) -> dict[str, int]:
    """Layer of every position after the proposal (memoised walk up, linear)."""
    parent = {p: problem.graph.manager(p) for p in problem.graph.positions}
    parent.update(after.assignment)
    for lead in problem.new_leads.values():
        parent[lead.id] = lead.manager
    depth: dict[str, int] = {}
    for start in parent:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node not in depth and node not in chain:
            chain.append(node)
            node = parent.get(node)
        base = depth.get(node, 0) if node is not None else 0
        for n in reversed(chain):
            base += 1
            depth[n] = base
    return depth


def _changes(problem: Problem, before: Outcome, after: Outcome) -> list[Proposed]:
    changes: list[Proposed] = []
    depth = _depths(problem, after)
    for ident in after.used_leads:
        lead = problem.new_leads[ident]
        fields: dict[str, str] = {"id": lead.id, "title": lead.title, "reports_to": lead.manager}
        if lead.unit is not None:
            fields["unit"] = lead.unit
        why = [
            f"new position: {lead.manager} has {before.spans.get(lead.manager, 0)} seats of direct "
            f"reports ({_range_text(problem, lead.manager)}); a lead takes part of the team.",
        ]
        changes.append(Proposed("add", fields, why))
    for pid, to in sorted(
        after.moves(problem).items(), key=lambda kv: (problem.layer[kv[0]], kv[0])
    ):
        why = _move_reasons(problem, pid, to, before, after, depth)
        changes.append(Proposed("move", {"position": pid, "reports_to": to}, why))
    return changes


def suggest(
    org: Org,
    targets: Targets,
    *,
    seconds: float = 10.0,
    allow_new: bool = False,
    method: Method = "auto",
) -> Suggestion:
    """Propose changes; the whole call keeps within `seconds` (plus writing the result)."""
    started = time.monotonic()
    problem = build_problem(org, targets, allow_new)
    before = evaluate(problem, {p: problem.current(p) for p in problem.movable})
    # 15 % of the limit is kept for judging the result and writing the reasons
    deadline = started + seconds * 0.85
    assignment, how, notes = _solve(problem, method, deadline)
    after = evaluate(problem, assignment)
    changes = _changes(problem, before, after)
    return Suggestion(changes, how, time.monotonic() - started, before, after, notes)
