"""Project rules: cross-group project teams that are complete and staffed sensibly (PROJ5xx).

Project-based collaboration is what lets any structure work across its
groups: for big projects (launches, annual promotions) a cross-group team
with a project lead (coordinator), members seconded from the groups,
milestones and KPIs. Projects cut across the unit tree and do not change
reporting lines.

This module also owns `commitments`: the projects each position leads or
serves in, which role cards and the rules below read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from orgdesign.findings import Severity
from orgdesign.lint.engine import Rule, RuleContext, reads, rule
from orgdesign.lint.hints import Hints
from orgdesign.lint.rules.common import LINES, PLACES, RuleOptions
from orgdesign.model import Org, Project

FAMILY = "projects"


@dataclass(frozen=True)
class Commitment:
    """One position's part in one project."""

    project: Project
    role: Literal["lead", "member"]


def commitments(org: Org) -> dict[str, list[Commitment]]:
    """Projects each known position leads or is a member of, in file order (one per project)."""
    known = org.position_by_id
    out: dict[str, list[Commitment]] = {}
    for project in org.projects:
        seen: set[str] = set()
        if project.lead and project.lead in known:
            out.setdefault(project.lead, []).append(Commitment(project, "lead"))
            seen.add(project.lead)
        for pid in project.members:
            if pid in known and pid not in seen:
                out.setdefault(pid, []).append(Commitment(project, "member"))
                seen.add(pid)
    return out


def _hint(ident: str, known: list[str], hints: Hints) -> str:
    close = hints.closest(ident, known)
    return f"; did you mean {close!r}?" if close else ""


def _missing_parts(project: Project) -> list[str]:
    parts = [
        ("lead", bool(project.lead)),
        ("members", bool(project.members)),
        ("milestones", bool(project.milestones)),
        ("KPIs", bool(project.kpis)),
    ]
    return [name for name, present in parts if not present]


@reads("projects.kpis", "projects.lead", "projects.members", "projects.milestones")
@rule("PROJ501", "project-incomplete", Severity.WARNING, family=FAMILY)
def project_incomplete(ctx: RuleContext) -> None:
    """
    A project lacks a lead, members, milestones or KPIs, or names an unknown lead or member.

    Missing parts are reported together at the project's `id`; an unknown lead
    or member at its place, with the closest existing position id. Positions
    that failed schema validation (ORG002) are not reported again.

    **Why it matters**: a project team is four things at once: a
    project lead who coordinates, members seconded from the groups, milestones
    and KPIs (with a project bonus on them). Without a lead nobody coordinates
    across the groups; without milestones and KPIs the project cannot be
    steered or rewarded, and the department walls it was meant to break stay up.

    **Fails**: the lead is misspelt; milestones and KPIs are missing.
    ```yaml
    positions:
      - {id: cmo, title: CMO, holders: [Zhou]}
      - {id: campaign-lead, title: Campaign Lead, reports_to: cmo, holders: [Li]}
      - {id: data-analyst, title: Data Analyst, reports_to: cmo, holders: [Sun]}
    projects:
      - {id: promo-618, name: 618 promotion, lead: campaign-laed, members: [data-analyst]}
    ```
    **Passes**:
    ```diff
    -  - {id: promo-618, name: 618 promotion, lead: campaign-laed, members: [data-analyst]}
    +  - id: promo-618
    +    name: 618 promotion
    +    lead: campaign-lead
    +    members: [data-analyst]
    +    milestones: [{name: Creative locked, due: 2026-05-15}]
    +    kpis: [gmv, conversion-rate]
    ```
    """
    org = ctx.org
    known = list(org.position_by_id)
    hints = Hints()
    for project in org.projects:
        missing = _missing_parts(project)
        if missing:
            listed = ", ".join(missing[:-1]) + (" or " if len(missing) > 1 else "") + missing[-1]
            ctx.report_at(
                project,
                "id",
                f"project {project.id!r} has no {listed}: a project team needs a lead who "
                "coordinates, members seconded from the groups, milestones and KPIs",
            )
        refs = [("lead", project.lead, project.loc("lead"))] if project.lead else []
        refs += [
            ("member", pid, project.loc("members", i)) for i, pid in enumerate(project.members)
        ]
        for what, pid, where in refs:
            if pid in org.position_by_id or org.is_broken("positions", pid):
                continue
            hint = _hint(pid, known, hints)
            ctx.report(
                f"project {project.id!r} {what}: unknown position {pid!r}{hint}", where, project
            )


class SecondmentOptions(RuleOptions):
    max_projects: int = Field(default=2, ge=1)
    """Most projects per seat a position may lead or be seconded to."""


@reads(*LINES, "positions.headcount", "projects.lead", "projects.members")
@rule("PROJ502", "overcommitted", Severity.WARNING, family=FAMILY, options=SecondmentOptions)
def overcommitted(ctx: RuleContext) -> None:
    """
    A position leads or is seconded to more projects than `max_projects` per seat (default 2).

    Leading a project counts like being a member. The limit is per seat: a
    position with `headcount: 3` may be in up to three times `max_projects`
    projects. Reported at the position, naming the projects.

    **Why it matters**: members are seconded from their groups on top of the
    day job; spread over too many project teams they serve none of them, and
    their own group's work stalls.

    **Fails**: with `max_projects = 1`, the one insights analyst serves two projects.
    ```toml
    max_projects = 1
    ```
    ```yaml
    positions:
      - {id: cmo, title: CMO, holders: [Zhou]}
      - {id: brand-lead, title: Brand Lead, reports_to: cmo, holders: [Mei]}
      - {id: sales-lead, title: Sales Marketing Lead, reports_to: cmo, holders: [Qian]}
      - {id: insights-analyst, title: Insights Analyst, reports_to: cmo, holders: [Wu]}
    projects:
      - id: spring-launch
        name: Spring launch
        lead: brand-lead
        members: [insights-analyst]
        milestones: [{name: Launch day, due: 2026-03-01}]
        kpis: [awareness]
      - id: summer-sale
        name: Summer sale
        lead: sales-lead
        members: [insights-analyst]
        milestones: [{name: Sale opens, due: 2026-07-01}]
        kpis: [gmv]
    ```
    **Passes**: two analyst seats (`headcount: 2`) for the two projects.
    ```diff
    -  - {id: insights-analyst, title: Insights Analyst, reports_to: cmo, holders: [Wu]}
    +  - {id: insights-analyst, title: Insights Analyst, reports_to: cmo, headcount: 2,
    +     holders: [Wu, Xu]}
    ```
    """
    opts: SecondmentOptions = ctx.options
    positions = ctx.graph.positions
    for pid, items in commitments(ctx.org).items():
        pos = positions[pid]
        allowed = opts.max_projects * pos.headcount
        if len(items) <= allowed:
            continue
        names = ", ".join(item.project.id for item in items)
        seats = f" with {pos.headcount} seats" if pos.headcount > 1 else ""
        ctx.report_at(
            pos,
            "id",
            f"{pid!r}{seats} is in {len(items)} projects ({names}), more than {allowed}: "
            "seconded people spread over too many projects serve none of them well; draw on "
            "other positions or add seats",
        )


@reads(*PLACES, "units.name", "projects.lead", "projects.members")
@rule("PROJ503", "project-in-one-unit", Severity.INFO, family=FAMILY)
def project_in_one_unit(ctx: RuleContext) -> None:
    """
    A project's lead and members all sit in one unit.

    Only projects with a lead and at least one member, all known positions
    with a unit, are checked.

    **Why it matters**: a project team is cross-group: it exists to
    break the walls between groups. Work inside one unit needs no project; a
    project that should be cross-group but is not leaves the other groups out.

    **Fails**: lead and member both sit in `events`.
    ```yaml
    units:
      - {id: mkt, name: Marketing, head: cmo, function: marketing}
      - {id: events, name: Events, parent: mkt, head: events-lead}
      - {id: content, name: Content, parent: mkt, head: copywriter}
    positions:
      - {id: cmo, title: CMO, unit: mkt, holders: [Zhou]}
      - {id: events-lead, title: Events Lead, unit: events, reports_to: cmo, holders: [Li]}
      - {id: planner, title: Event Planner, unit: events, reports_to: events-lead, holders: [Ma]}
      - {id: copywriter, title: Copywriter, unit: content, reports_to: cmo, holders: [He]}
    projects:
      - {id: brand-day, name: Brand day, lead: events-lead, members: [planner],
         milestones: [{name: Venue booked, due: 2026-04-01}], kpis: [attendance]}
    ```
    **Passes**: a member seconded from the content group as well.
    ```diff
    -  - {id: brand-day, name: Brand day, lead: events-lead, members: [planner],
    +  - {id: brand-day, name: Brand day, lead: events-lead, members: [planner, copywriter],
    ```
    """
    graph = ctx.graph
    for project in ctx.org.projects:
        people = [p for p in dict.fromkeys([project.lead, *project.members]) if p]
        if not project.lead or len(people) < 2 or any(p not in graph.positions for p in people):
            continue
        units = {graph.unit_of(p) for p in people}
        if len(units) == 1 and None not in units:
            unit = units.pop()
            ctx.report_at(
                project,
                "members",
                f"project {project.id!r}: lead and members all sit in unit "
                f"{ctx.unit_ref(unit)}; a project team is for work across groups: "
                "second members from the other groups involved, "
                "or run the work inside the unit",
            )


@reads(*LINES, "positions.holders", "projects.lead")
@rule("PROJ504", "vacant-project-lead", Severity.WARNING, family=FAMILY)
def vacant_project_lead(ctx: RuleContext) -> None:
    """
    A project's lead is a vacant position (no holders).

    **Why it matters**: the project lead is the coordinator at the centre of
    a cross-group team; on a vacant seat nobody coordinates and
    the groups fall back behind their walls. Name an interim lead.

    **Fails**: the launch lead's seat is empty.
    ```yaml
    positions:
      - {id: cmo, title: CMO, holders: [Zhou]}
      - {id: launch-lead, title: Launch Lead, reports_to: cmo, holders: []}
      - {id: product-marketer, title: Product Marketer, reports_to: cmo, holders: [Gao]}
    projects:
      - id: new-flavour
        name: New flavour launch
        lead: launch-lead
        members: [product-marketer]
        milestones: [{name: Samples ready, due: 2026-06-01}]
        kpis: [trial-rate]
    ```
    **Passes**: an interim lead who holds a seat (here the CMO) until it is filled.
    ```diff
    -    lead: launch-lead
    +    lead: cmo
    ```
    """
    positions = ctx.graph.positions
    for project in ctx.org.projects:
        lead = positions.get(project.lead or "")
        if lead is not None and lead.vacant:
            ctx.report_at(
                project,
                "lead",
                f"the lead of project {project.id!r}, {lead.id!r}, is vacant: nobody coordinates "
                "the project team; name an interim lead",
            )


RULES: list[Rule] = [
    project_incomplete,
    overcommitted,
    project_in_one_unit,
    vacant_project_lead,
]
