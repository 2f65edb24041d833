"""The greedy fallback of `suggest`, used without OR-Tools or when the optimiser finds nothing.

Top-down over the managers whose span is above the target: move reports to
the first candidate (same unit first) that has room, keeps the layer target
and stays put; then, with new positions allowed, hand part of what is left to a
new lead. Managers below the target hand their reports up when their manager
has room. Deep branches move up a layer where the manager's manager has room.
The same candidates as the optimiser, so no move can create a cycle.
"""

from __future__ import annotations

import time

from orgdesign.analysis.scenario.problem import Problem, chain_depth


class _Greedy:
    def __init__(self, problem: Problem, deadline: float) -> None:
        self.p = problem
        self.deadline = deadline
        self.parent = {pid: problem.graph.manager(pid) for pid in problem.graph.positions}
        self.spans = {m: problem.graph.span(m) for m in problem.graph.positions}
        for lead in problem.new_leads.values():
            self.parent[lead.id] = lead.manager
            self.spans[lead.id] = 0
        self.moved: dict[str, str] = {}
        self.pinned: set[str] = set()
        self.movable_reports: dict[str, list[str]] = {}
        for pid in problem.movable:
            self.movable_reports.setdefault(problem.current(pid), []).append(pid)

    def reports_of(self, manager: str) -> list[str]:
        """Its movable reports that are still there and free to move."""
        return [
            q
            for q in self.movable_reports.get(manager, [])
            if self.parent.get(q) == manager and self.free(q)
        ]

    def depth(self, pid: str) -> int:
        return chain_depth(pid, self.parent.get)

    def room(self, manager: str, seats: int) -> bool:
        wanted = self.p.range_of(manager)
        span = self.spans.get(manager, 0) + seats
        if wanted is None:
            return True
        if wanted.max is not None and span > wanted.max:
            return False
        return not (wanted.min is not None and span < wanted.min)

    def fits_layers(self, pid: str, manager: str) -> bool:
        limit = self.p.layer_max
        return limit is None or self.depth(manager) + 1 + self.p.height.get(pid, 0) <= limit

    def move(self, pid: str, manager: str) -> None:
        seats = self.p.seats(pid)
        old = self.parent[pid]
        if old is not None:
            self.spans[old] = self.spans.get(old, 0) - seats
        if manager in self.p.new_leads and self.spans.get(manager, 0) == 0:
            lead_manager = self.p.new_leads[manager].manager
            self.spans[lead_manager] = self.spans.get(lead_manager, 0) + 1
        self.spans[manager] = self.spans.get(manager, 0) + seats
        self.parent[pid] = manager
        self.moved[pid] = manager
        self.pinned.add(manager)

    def free(self, pid: str) -> bool:
        return pid not in self.pinned and pid not in self.moved

    def over(self, manager: str) -> bool:
        wanted = self.p.range_of(manager)
        return bool(wanted and wanted.max is not None and self.spans.get(manager, 0) > wanted.max)

    def shed(self, manager: str) -> None:
        """Move reports of an over-span manager to candidates with room."""
        reports = self.reports_of(manager)
        for pid in sorted(reports, key=lambda q: (self.p.height.get(q, 0), self.p.seats(q))):
            if not self.over(manager) or time.monotonic() > self.deadline:
                return
            if not self.free(pid):
                continue
            for cand in self.p.candidates[pid][1:]:
                if cand in self.p.new_leads or cand in self.moved or cand == pid:
                    continue
                if self.room(cand, self.p.seats(pid)) and self.fits_layers(pid, cand):
                    self.move(pid, cand)
                    break

    def split(self, manager: str) -> None:
        """Hand reports of a manager still over its span to its new leads."""
        for lead in [lead for lead in self.p.new_leads.values() if lead.manager == manager]:
            wanted = self.p.range_of(lead.id)
            cap = wanted.max if wanted and wanted.max is not None else 8
            reports = self.reports_of(manager)
            reports = [q for q in reports if lead.id in self.p.candidates[q]]
            taken = 0
            for pid in sorted(reports, key=lambda q: self.p.height.get(q, 0)):
                if not self.over(manager) or taken + self.p.seats(pid) > cap:
                    break
                if self.fits_layers(pid, manager) and self.p.height.get(pid, 0) + 2 + self.depth(
                    manager
                ) <= (self.p.layer_max or 10**6):
                    self.move(pid, lead.id)
                    taken += self.p.seats(pid)

    def lift(self, manager: str) -> None:
        """A manager below its span hands its reports to its own manager when that has room."""
        wanted = self.p.range_of(manager)
        span = self.spans.get(manager, 0)
        if not wanted or wanted.min is None or span == 0 or span >= wanted.min:
            return
        reports = self.reports_of(manager)
        above = self.parent.get(manager)
        if above is None or manager in self.pinned or len(reports) * 1 == 0:
            return
        seats = sum(self.p.seats(q) for q in reports)
        if (
            seats == span
            and self.room(above, seats)
            and all(above in self.p.candidates[q] for q in reports)
        ):
            for pid in reports:
                self.move(pid, above)


def greedy(problem: Problem, seconds: float) -> dict[str, str]:
    """An assignment of every movable position (most stay where they are)."""
    run = _Greedy(problem, time.monotonic() + seconds)
    managers = sorted(
        {problem.current(q) for q in problem.movable}, key=lambda m: problem.layer.get(m, 0)
    )
    for manager in managers:
        if run.over(manager):
            run.shed(manager)
        if run.over(manager):
            run.split(manager)
    for manager in managers:
        run.lift(manager)
    if problem.layer_max is not None:
        for pid in problem.movable:
            above = problem.candidates[pid]
            grand = problem.graph.manager(problem.current(pid))
            if (
                run.free(pid)
                and grand in above
                and run.depth(pid) + problem.height.get(pid, 0) > problem.layer_max
                and run.room(grand, problem.seats(pid))
            ):
                run.move(pid, grand)
    return {pid: run.parent[pid] or problem.current(pid) for pid in problem.movable}
