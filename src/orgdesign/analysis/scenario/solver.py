"""The optimiser of `suggest`: the reorganisation problem as a CP-SAT model (OR-Tools).

One boolean per (movable position, candidate manager), exactly one true;
spans are sums of seats, layers follow the chosen managers; targets are soft
(a violation and its size are penalised), so a solution always exists and
the current structure, given as a hint, is the first one found. The
objective: fewest span and layer findings, then the smallest excess, then the
fewest moves, cross-unit moves and new positions (weights in `problem`).
"""

from __future__ import annotations

import time
from typing import Any

from orgdesign.analysis.scenario.problem import (
    EXCESS_COST,
    NEW_POSITION_COST,
    PROMOTION_COST,
    VIOLATION_COST,
    Problem,
)

BIG = 10_000


def _movable_ancestor(problem: Problem) -> dict[str, str | None]:
    """Nearest movable position at or above each position (None: its depth cannot change)."""
    graph = problem.graph
    movable = set(problem.movable)
    found: dict[str, str | None] = {}
    for start in graph.positions:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node not in found and node not in movable:
            chain.append(node)
            node = graph.manager(node)
            if len(chain) > len(graph.positions):  # a cycle: depth is not defined
                node = None
                break
        value = node if node in movable else (found.get(node) if node is not None else None)
        for n in chain:
            found[n] = value
        if start in movable:
            found[start] = start
    return found


class _OutOfTime(Exception):
    """The deadline passed while the model was being built."""


class _Model:
    def __init__(
        self, problem: Problem, hint: dict[str, str] | None = None, deadline: float = 1e18
    ) -> None:
        from ortools.sat.python import cp_model

        self.cp = cp_model
        self.problem = problem
        self.hint = hint or {}
        self.deadline = deadline
        self.ticks = 0
        """A known assignment (the greedy one) to start from; default: nobody moves."""
        self.model = cp_model.CpModel()
        self.x: dict[str, dict[str, Any]] = {}
        self.used: dict[str, Any] = {}
        self.cost: list[Any] = []
        self.takers: dict[str, list[tuple[str, Any]]] = {}
        """Candidate manager -> (position, choice) of everyone who may report to it."""

    def tick(self) -> None:
        """Stop building once the deadline has passed (checked every few hundred steps)."""
        self.ticks += 1
        if self.ticks % 256 == 0 and time.monotonic() > self.deadline:
            raise _OutOfTime

    def choices(self) -> None:
        m, p = self.model, self.problem
        for pid in p.movable:
            self.tick()
            self.x[pid] = {c: m.new_bool_var(f"x_{pid}_{c}") for c in p.candidates[pid]}
            m.add_exactly_one(self.x[pid].values())
            start = self.hint.get(pid, p.current(pid))
            for cand, var in self.x[pid].items():
                m.add_hint(var, 1 if cand == start else 0)
            for cand, var in self.x[pid].items():
                self.takers.setdefault(cand, []).append((pid, var))
            self.cost += [p.cost(pid, c) * var for c, var in self.x[pid].items()]
        for pid, options in self.x.items():
            self.tick()
            for cand, var in options.items():
                # a movable sibling that receives someone stays where it is (no cycle); managers
                # on higher layers may move too, every such line still points upwards
                if cand in self.x and p.layer.get(cand) == p.layer[pid]:
                    m.add_implication(var, self.x[cand][p.current(cand)])
        for lead in p.new_leads:
            takers = [var for _pid, var in self.takers.get(lead, [])]
            used = m.new_bool_var(f"new_{lead}")
            m.add_hint(used, 1 if lead in self.hint.values() else 0)
            if takers:
                m.add_max_equality(used, takers)
            else:
                m.add(used == 0)
            self.used[lead] = used
            self.cost.append(NEW_POSITION_COST * used)

    def promotions(self) -> None:
        m, p = self.model, self.problem
        graph = p.graph
        for cand in sorted(c for c in self.takers if c in graph.positions):
            self.tick()
            if graph.is_manager(cand):
                continue
            takers = [var for _pid, var in self.takers[cand]]
            promoted = m.new_bool_var(f"promoted_{cand}")
            m.add_max_equality(promoted, takers)
            self.cost.append(PROMOTION_COST * promoted)

    def spans(self) -> None:
        m, p = self.model, self.problem
        leads_of: dict[str, list[Any]] = {}
        for lead, used in self.used.items():
            leads_of.setdefault(p.new_leads[lead].manager, []).append(used)
        for manager in sorted(set(self.takers) | set(p.new_leads)):
            self.tick()
            wanted = p.range_of(manager)
            if wanted is None:
                continue
            terms = [p.seats(pid) * var for pid, var in self.takers.get(manager, [])]
            terms += leads_of.get(manager, [])
            if not terms:
                continue  # nobody may move to or from it: its span cannot change
            span = p.fixed_seats.get(manager, 0) + sum(terms)
            over = m.new_int_var(0, BIG, f"over_{manager}")
            under = m.new_int_var(0, BIG, f"under_{manager}")
            if wanted.max is not None:
                m.add(over >= span - wanted.max)
            if wanted.min is not None:
                active = m.new_bool_var(f"mgr_{manager}")
                m.add(span >= 1).only_enforce_if(active)
                m.add(span == 0).only_enforce_if(active.negated())
                m.add(under >= wanted.min - span).only_enforce_if(active)
            bad = m.new_bool_var(f"bad_{manager}")
            m.add(over + under <= BIG * bad)
            self.cost += [VIOLATION_COST * bad, EXCESS_COST * (over + under)]

    def layers(self) -> None:
        p, m = self.problem, self.model
        if p.layer_max is None or not p.movable:
            return
        anchor = _movable_ancestor(p)
        top = 2 * max(p.layer.values(), default=1) + 3  # moves under siblings can stack
        depth = {pid: m.new_int_var(1, top, f"d_{pid}") for pid in p.movable}

        def expr(q: str) -> Any:
            lead = p.new_leads.get(q)
            if lead is not None:
                return expr(lead.manager) + 1
            a = anchor.get(q)
            return p.layer[q] if a is None else depth[a] + (p.layer[q] - p.layer[a])

        below: dict[str, int] = {pid: 0 for pid in p.movable}
        for q, a in anchor.items():
            if a is not None and q in p.layer:
                below[a] = max(below[a], p.layer[q] - p.layer[a])
        for pid, options in self.x.items():
            self.tick()
            for cand, var in options.items():
                m.add(depth[pid] == expr(cand) + 1).only_enforce_if(var)
            slack = m.new_int_var(0, BIG, f"deep_{pid}")
            m.add(slack >= depth[pid] + below[pid] - p.layer_max)
            bad = m.new_bool_var(f"deepbad_{pid}")
            m.add(slack <= BIG * bad)
            self.cost += [VIOLATION_COST * bad, EXCESS_COST * slack]


def solve(
    problem: Problem, deadline: float, hint: dict[str, str] | None = None, workers: int = 2
) -> tuple[dict[str, str] | None, str]:
    """The best assignment found before `deadline` (time.monotonic; None if none), and how good."""
    built = _Model(problem, hint, deadline)
    try:
        for step in (built.choices, built.promotions, built.spans, built.layers):
            step()
    except _OutOfTime:
        return None, "the time limit was reached while building the model"
    built.model.minimize(built.cp.LinearExpr.sum(built.cost))
    solver = built.cp.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, deadline - time.monotonic())
    solver.parameters.num_workers = workers
    status = solver.solve(built.model)
    if status not in (built.cp.OPTIMAL, built.cp.FEASIBLE):
        return None, solver.status_name(status).lower()
    chosen = {
        pid: next(c for c, var in options.items() if solver.value(var))
        for pid, options in built.x.items()
    }
    return chosen, "optimal" if status == built.cp.OPTIMAL else "best found in the time limit"
