"""Structure rules: references, reporting lines, unit tree, spans, layers (ORG004, ORG1xx)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field, model_validator

from orgdesign.findings import Location, Severity
from orgdesign.lint.engine import Rule, RuleContext, rule
from orgdesign.model import Element, Org, RaciEntry
from orgdesign.model.people import multi_seat_people

FAMILY = "structure"


# --- ORG004 ----------------------------------------------------------------------------


KEY = "<key>"
"""Last item of a reference path that points at a mapping key rather than its value."""

Ref = tuple[str, str, Element, tuple[str | int, ...]]
"""(section the id should be in, the id, the element that refers, path to the reference)."""


def _references(org: Org) -> Iterator[Ref]:
    """Every reference to an id; locations and descriptions are worked out only when reported."""
    for unit in org.units:
        if unit.parent:
            yield "units", unit.parent, unit, ("parent",)
        if unit.head:
            yield "positions", unit.head, unit, ("head",)
    for pos in org.positions:
        if pos.unit:
            yield "units", pos.unit, pos, ("unit",)
        if pos.reports_to:
            yield "positions", pos.reports_to, pos, ("reports_to",)
        for i, target in enumerate(pos.dotted_to):
            yield "positions", target, pos, ("dotted_to", i)
    for entry in org.raci:
        yield "responsibilities", entry.responsibility, entry, ("responsibility",)
        if entry.scope:
            yield "units", entry.scope, entry, ("scope",)
        for letter, pid, i in entry.letters():
            yield "positions", pid, entry, (letter, i)
    for prule in org.priority_rules:
        applies = prule.applies_to
        for i, pid in enumerate(applies.positions):
            yield "positions", pid, prule, ("applies_to", "positions", i)
        for i, uid in enumerate(applies.units):
            yield "units", uid, prule, ("applies_to", "units", i)
        for domain, decider in prule.decides.items():
            yield "decision_domains", domain, prule, ("decides", domain, KEY)
            if decider not in ("solid", "dotted"):
                yield "positions", decider, prule, ("decides", domain)
        if prule.escalation:
            yield "positions", prule.escalation, prule, ("escalation",)


def _where(element: Element, path: tuple[str | int, ...]) -> Location:
    if path and path[-1] == KEY:
        return element.src.at_path(*path[:-1], key=True)
    return element.src.at_path(*path)


def _what(element: Element, path: tuple[str | int, ...]) -> str:
    """`position 'cmo' reports_to`, `RACI entry for 'x': R`, `priority rule 'r' decides brand`."""
    if isinstance(element, RaciEntry):
        head = f"RACI entry for {element.responsibility!r}"
        return head if path[0] == "responsibility" else f"{head}: {path[0]}"
    kind = type(element).__name__.lower().replace("priorityrule", "priority rule")
    where = " ".join(str(p) for p in path if isinstance(p, str) and p != KEY)
    if path[0] == "decides" and path[-1] == KEY:
        where = "decides"
    return f"{kind} {getattr(element, 'id', '?')!r} {where}"


_KIND = {
    "units": "unit",
    "positions": "position",
    "responsibilities": "responsibility",
    "decision_domains": "decision domain",
}


@rule("ORG004", "unknown-reference", Severity.ERROR, family=FAMILY)
def unknown_reference(ctx: RuleContext) -> None:
    """
    A reference names an id that is not defined (unit, position, responsibility, domain, scope).

    Checked everywhere an id is referred to: `unit`, `reports_to`, `dotted_to`,
    unit `parent` and `head`, RACI `responsibility`, `scope` and letters,
    priority rule `applies_to`, `decides` and `escalation` (project leads and
    members are checked by PROJ501). The message suggests the closest existing id. An id whose
    element failed schema validation (ORG002) is not reported again.

    **Why it matters**: a typo in `reports_to` detaches a whole branch from the
    chart; a typo in a RACI letter leaves work with nobody.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reports_to: c-e-o}
    ```
    **Passes**: `reports_to: ceo`.
    """
    org = ctx.org
    tables: dict[str, dict[str, object]] = {
        "units": dict(org.unit_by_id),
        "positions": dict(org.position_by_id),
        "responsibilities": dict(org.responsibility_by_id),
        "decision_domains": dict(org.domain_by_id),
    }
    for section, ident, element, path in _references(org):
        if ident in tables[section] or org.is_broken(section, ident):
            continue
        close = difflib.get_close_matches(ident, list(tables[section]), n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        what = _what(element, path)
        ident_of = element.responsibility if isinstance(element, RaciEntry) else None
        ctx.report(
            f"{what}: unknown {_KIND[section]} {ident!r}{hint}",
            _where(element, path),
            element,
            ident_of,
        )


# --- reporting lines ---------------------------------------------------------------------


def _place(first: Location, other: Element) -> str:
    """`line 7`, or `root.yaml:7` when the other element is in another file."""
    if first.file == other.src.file:
        return f"line {first.line}"
    return f"{first.file}:{first.line}"


@rule("ORG101", "reporting-cycle", Severity.ERROR, family=FAMILY)
def reporting_cycle(ctx: RuleContext) -> None:
    """
    Solid reporting lines form a cycle.

    Reported once per cycle, at the `reports_to` of one of its positions, with
    the whole chain. Dotted lines are not part of this check.

    **Why it matters**: in a cycle nobody is at the top: accountability goes
    round in circles and no chart can be drawn.

    **Fails**:
    ```yaml
    positions:
      - {id: a, title: A, reports_to: b}
      - {id: b, title: B, reports_to: a}
    ```
    **Passes**: one of them reports to a position outside the cycle.
    """
    positions = ctx.graph.positions
    for cycle in ctx.graph.cycles:
        first = min(cycle, key=lambda p: (positions[p].src.file, positions[p].loc().line))
        start = cycle.index(first)
        ordered = cycle[start:] + cycle[:start]
        chain = " -> ".join([*ordered, ordered[0]])
        pos = positions[first]
        ctx.report(
            f"reporting cycle: {chain}; give one of these positions a manager outside the cycle",
            pos.loc("reports_to"),
            pos,
        )


@rule("ORG102", "single-root", Severity.ERROR, family=FAMILY)
def single_root(ctx: RuleContext) -> None:
    """
    There is not exactly one root position (a position without `reports_to`).

    Every extra root is reported at its place, naming the first one; when there
    is none at all (every position reports to someone), the first position is
    named.

    **Why it matters**: an organisation has one top; a second root is almost
    always a forgotten `reports_to` that leaves a team floating.

    **Fails**:
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: cfo, title: CFO}
    ```
    **Passes**: `- {id: cfo, title: CFO, reports_to: ceo}`.
    """
    org = ctx.org
    if org.broken_ids.get("positions"):
        return  # a position that failed the schema (ORG002) may be the missing or second root
    if not org.positions:
        where = org.organization.loc() if org.organization else Location(org.root_file)
        ctx.report("the organisation has no positions; add at least the top position", where)
        return
    roots = [ctx.graph.positions[r] for r in ctx.graph.roots if r in ctx.graph.positions]
    if not roots:
        if ctx.graph.cycles:
            return  # ORG101 says why there is no top
        first = org.positions[0]
        ctx.report(
            "no root position: every position has `reports_to`; remove it from the top position",
            first.loc(),
            first,
        )
        return
    top = roots[0]
    top_at = top.loc()
    for extra in roots[1:]:
        ctx.report(
            f"second root position {extra.id!r}: {top.id!r} ({_place(top_at, extra)}) is "
            f"already the top; give {extra.id!r} a `reports_to`",
            extra.loc("id"),
            extra,
        )


@rule("ORG103", "unit-tree", Severity.ERROR, family=FAMILY)
def unit_tree(ctx: RuleContext) -> None:
    """
    Units do not form one tree: a `parent` cycle, or more than one unit without `parent`.

    **Why it matters**: the unit tree decides scopes (RACI `scope`, priority
    rules on units) and the chart's clusters; a cycle or a second root makes
    "inside this unit" meaningless.

    **Fails**:
    ```yaml
    units:
      - {id: group, name: Group}
      - {id: other, name: Other}
    ```
    **Passes**: `- {id: other, name: Other, parent: group}`.
    """
    graph = ctx.graph
    for cycle in graph.unit_cycles:
        unit = graph.units[cycle[0]]
        chain = " -> ".join([*cycle, cycle[0]])
        ctx.report(
            f"unit tree cycle: {chain}; one of them needs another parent", unit.loc("parent"), unit
        )
    roots = [graph.units[u] for u in graph.unit_roots if u in graph.units]
    if len(roots) > 1:
        top = roots[0]
        for extra in roots[1:]:
            ctx.report(
                f"second root unit {ctx.unit_ref(extra.id)}: {ctx.unit_ref(top.id)} "
                f"({_place(top.loc(), extra)}) is already the top unit; "
                f"give {extra.id!r} a `parent`",
                extra.loc("id"),
                extra,
            )


@rule("ORG104", "unit-head", Severity.WARNING, family=FAMILY)
def unit_head(ctx: RuleContext) -> None:
    """
    A unit has no `head`, or its head is not a position of that unit.

    **Why it matters**: a unit nobody leads has no owner for its results; a head
    placed in another unit usually means a position was moved and the unit was
    not updated.

    **Fails**:
    ```yaml
    units:
      - {id: brand, name: Brand, parent: marketing}
    ```
    **Passes**: `- {id: brand, name: Brand, parent: marketing, head: brand-director}`
    with the position `brand-director` in `unit: brand`.
    """
    positions = ctx.graph.positions
    for unit in ctx.org.units:
        if not unit.head:
            ctx.report(
                f"unit {ctx.unit_ref(unit.id)} has no head; name the position that leads it",
                unit.loc("id"),
                unit,
            )
            continue
        head = positions.get(unit.head)
        if head is not None and head.unit != unit.id:
            where = f"unit {ctx.unit_ref(head.unit)}" if head.unit else "no unit"
            ctx.report(
                f"head {head.id!r} of unit {ctx.unit_ref(unit.id)} is in {where}; "
                f"set its `unit: {unit.id}` "
                "or choose a head from the unit",
                unit.loc("head"),
                unit,
            )


@rule("ORG105", "manager-outside-unit", Severity.INFO, family=FAMILY)
def manager_outside_unit(ctx: RuleContext) -> None:
    """
    A position's manager is neither in its unit nor the head of that unit or of a unit above.

    **Why it matters**: a solid line that crosses the unit tree sideways often
    means the unit or the line is out of date; where it is intended, a dotted
    line or `ignore: [ORG105]` says so.

    **Fails**:
    ```yaml
    units:
      - {id: co, name: Co, head: ceo}
      - {id: sales, name: Sales, parent: co, head: sales-head}
      - {id: mkt, name: Marketing, parent: co, head: cmo}
    positions:
      - {id: analyst, title: Analyst, unit: mkt, reports_to: sales-head}
    ```
    **Passes**: `reports_to: cmo`.
    """
    graph = ctx.graph
    reached = graph.unit_intervals  # units in or below a `parent` cycle: ORG103 says why
    for pos in ctx.org.positions:
        manager_id = graph.manager(pos.id)
        if manager_id is None or not pos.unit or pos.unit not in reached:
            continue
        manager = graph.positions[manager_id]
        if manager.unit == pos.unit or any(
            graph.unit_contains(head_of, pos.unit)
            for head_of in graph.units_headed.get(manager_id, [])
        ):
            continue
        ctx.report(
            f"{pos.id!r} (unit {ctx.unit_ref(pos.unit)}) reports to {manager_id!r} "
            f"(unit {ctx.unit_ref(manager.unit)}), who is not in its unit "
            "nor head of a unit above it",
            pos.loc("reports_to"),
            pos,
        )


class SpanOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    min: int = Field(default=2, ge=0)
    """Fewest direct-report seats a manager should have."""
    max: int = Field(default=12, ge=1)
    """Most direct-report seats a manager should have."""

    @model_validator(mode="after")
    def _ordered(self) -> SpanOptions:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


@rule("ORG106", "span-of-control", Severity.WARNING, family=FAMILY, options=SpanOptions)
def span_of_control(ctx: RuleContext) -> None:
    """
    A manager's span of control is outside [min, max] (default 2..12).

    The span counts the seats (`headcount`) of the direct solid-line reports;
    assistants (`assistant: true`) are not counted. Positions with no reports
    are not managers and are not checked.

    **Why it matters**: a manager of one adds a layer without adding
    management; a manager of twenty cannot coach anyone.

    **Fails**:
    ```yaml
    positions:
      - {id: cmo, title: CMO}
      - {id: brand-director, title: Brand Director, reports_to: cmo}
      - {id: brand-manager, title: Brand Manager, reports_to: brand-director, headcount: 3}
    ```
    **Passes**: merge the two layers (the brand managers report to the CMO), or
    give the director a second team.
    """
    opts: SpanOptions = ctx.options
    graph = ctx.graph
    for pos in ctx.org.positions:
        if not graph.is_manager(pos.id):
            continue
        span = graph.span(pos.id)
        if span == 0:
            continue
        if span < opts.min or span > opts.max:
            side = "below the minimum" if span < opts.min else "above the maximum"
            ctx.report(
                f"span of control of {pos.id!r} is {span} seat{'s' if span != 1 else ''}, {side} "
                f"of the range {opts.min}..{opts.max}",
                pos.loc("id"),
                pos,
            )


class LayersOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    max: int = Field(default=8, ge=1)
    """Most layers from the top position down, the top counting as layer 1."""


@rule("ORG107", "too-many-layers", Severity.WARNING, family=FAMILY, options=LayersOptions)
def too_many_layers(ctx: RuleContext) -> None:
    """
    The reporting chain is deeper than `max` layers (default 8; the top position is layer 1).

    Reported once per branch, at the first position below the limit.

    **Why it matters**: every layer slows decisions and filters information;
    the seed brief's lean and functional designs have three to four.

    **Fails**: with `max = 3`,
    ```yaml
    positions:
      - {id: ceo, title: CEO}
      - {id: cmo, title: CMO, reports_to: ceo}
      - {id: brand-director, title: Brand Director, reports_to: cmo}
      - {id: brand-manager, title: Brand Manager, reports_to: brand-director}
    ```
    **Passes**: the brand manager reports to the CMO, or `max = 4`.
    """
    opts: LayersOptions = ctx.options
    layers = ctx.graph.layers
    limit = opts.max
    for pos in ctx.org.positions:
        if layers.get(pos.id) == limit + 1:
            ctx.report(
                f"{pos.id!r} is {limit + 1} layers deep, one more than the maximum of "
                f"{limit}; flatten the chain above it",
                pos.loc("id"),
                pos,
            )


@rule("ORG108", "bad-dotted-line", Severity.ERROR, family=FAMILY)
def bad_dotted_line(ctx: RuleContext) -> None:
    """
    A dotted line duplicates the solid line, points to itself or into its own reports.

    **Why it matters**: a dotted line to one's own manager adds nothing, and a
    dotted line to one's own subordinate inverts authority: the priority rules
    of a matrix cannot be applied to either.

    **Fails**:
    ```yaml
    - {id: lipstick-mkt, title: Marketing, reports_to: lipstick-head, dotted_to: [lipstick-head]}
    ```
    **Passes**: `dotted_to: [brand-director]`.
    """
    graph = ctx.graph
    for pos in ctx.org.positions:
        if not pos.dotted_to:
            continue
        for i, target in enumerate(pos.dotted_to):
            where = pos.loc("dotted_to", i)
            if target == pos.id:
                ctx.report(f"{pos.id!r} has a dotted line to itself", where, pos)
            elif target == pos.reports_to:
                ctx.report(
                    f"dotted line of {pos.id!r} to {target!r} duplicates its solid line; remove it",
                    where,
                    pos,
                )
            elif target in graph.positions and graph.reports_under(pos.id, target):
                ctx.report(
                    f"dotted line of {pos.id!r} points to {target!r}, who reports to "
                    f"{pos.id!r}: a dotted line must go to someone outside one's own reports",
                    where,
                    pos,
                )


@rule("ORG109", "over-filled", Severity.WARNING, family=FAMILY)
def over_filled(ctx: RuleContext) -> None:
    """
    A position has more holders than seats (`headcount`).

    **Why it matters**: headcount and cost figures are computed from seats; an
    extra holder is a person nobody budgeted for.

    **Fails**: `{id: analyst, title: Analyst, headcount: 1, holders: [Ann, Bo]}`

    **Passes**: `headcount: 2`.
    """
    for pos in ctx.org.positions:
        if len(pos.holders) > pos.headcount:
            ctx.report(
                f"{pos.id!r} has {len(pos.holders)} holders for {pos.headcount} "
                f"seat{'s' if pos.headcount != 1 else ''}; raise `headcount` or move a holder",
                pos.loc("holders"),
                pos,
            )


@rule("ORG110", "holder-in-several-seats", Severity.INFO, family=FAMILY)
def holder_in_several_seats(ctx: RuleContext) -> None:
    """
    One person holds seats in several positions (the same employee id, or the same name
    when no id is given).

    **Why it matters**: headcount counts seats, not people: a person in three seats is
    one person doing three jobs (a chair of several committees, an interim manager), or
    a name typed twice. HR imports often carry such rows.

    **Fails**: `holders: [{name: Ann Lee, id: "7"}]` on `sig-apps-chair` and on
    `sig-docs-lead`.

    **Passes**: each person in one position, or an intended double role silenced with
    `ignore: [ORG110]` on the position.
    """
    by_id = {p.id: p for p in ctx.org.positions}
    for person in multi_seat_people(ctx.org):
        first = by_id[person.positions[0]]
        same = f"employee id {person.employee_id!r}" if person.employee_id else "name"
        ctx.report(
            f"{person.name!r} holds seats in {len(person.positions)} positions "
            f"({', '.join(person.positions)}; same {same}); headcount counts seats, not people",
            first.loc("holders"),
            first,
        )


RULES: list[Rule] = [
    unknown_reference,
    reporting_cycle,
    single_root,
    unit_tree,
    unit_head,
    manager_outside_unit,
    span_of_control,
    too_many_layers,
    bad_dotted_line,
    over_filled,
    holder_in_several_seats,
]
