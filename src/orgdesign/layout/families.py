"""How a manager's reports are placed on a page, and which positions start a tree or a unit.

This module owns the family plan of the layout engine (`plan_family`: staff
assistants beside the manager, reports who manage nobody stacked in columns
(one per unit), the others in a row; reports cut off to other pages count as
leaves), the roots of the drawn forest and the positions where a unit frame
starts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from orgdesign.layout.context import Ctx
from orgdesign.layout.scope import STACK_MIN, Scope
from orgdesign.layout.tree import FamilyPlan


def forest_tops(scope: Scope) -> list[str]:
    """Roots of the drawn forest: top positions, then heads of unreachable parts."""
    below = {k for kids in scope.children.values() for k in kids}
    return [p for p in scope.order if p not in below]


def plan_family(
    ctx: Ctx,
    pid: str,
    cut: set[str] | frozenset[str],
    stack: bool = False,
    shown: Sequence[str] | None = None,
) -> FamilyPlan:
    """Assistants, row and stacked leaves of a manager (cut reports count as leaves; with
    `stack`, leaves are stacked even when the options say not to; `shown`: the reports on
    this page when not all are)."""
    kids = ctx.scope.children.get(pid, ()) if shown is None else tuple(shown)
    positions = ctx.graph.positions

    def leaf(k: str) -> bool:
        return k in cut or not ctx.scope.children.get(k)

    assistants = tuple(k for k in kids if positions[k].assistant and leaf(k))
    others = [k for k in kids if k not in assistants]
    leaves = [k for k in others if leaf(k)]
    if not (ctx.options.stack or stack) or len(leaves) < STACK_MIN:
        return FamilyPlan(assistants=assistants, row=tuple(others))
    groups: dict[str, list[str]] = {}
    for k in leaves:
        key = (ctx.graph.unit_of(k) or "") if ctx.options.clusters else ""
        if k in cut:  # boxes that stand for other pages share one column, whatever their unit
            key = "\0continued"
        groups.setdefault(key, []).append(k)
    singles = {g[0] for g in groups.values() if len(g) == 1}
    row = tuple(k for k in others if not leaf(k) or k in singles)
    stacks = tuple(tuple(g) for g in groups.values() if len(g) > 1)
    return FamilyPlan(assistants=assistants, row=row, stacks=stacks)


def unit_starts(ctx: Ctx, drawn: Mapping[str, object]) -> frozenset[str]:
    """Positions whose unit differs from their manager's (with unit frames on)."""
    if not ctx.options.clusters:
        return frozenset()
    graph = ctx.graph
    return frozenset(
        p for p in drawn if (m := graph.manager(p)) is None or graph.unit_of(m) != graph.unit_of(p)
    )
