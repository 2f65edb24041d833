"""Org charts as Mermaid flowcharts, for Markdown (`orgdesign chart FILE -o chart.mmd`).

This module owns the `.mmd` output: the same positions, boxes, stacks,
frames, notes and pages as the Graphviz chart (`orgdesign.output.chart.dot` decides
all of them), written as a `flowchart TB` that GitHub, GitLab and the Mermaid
live editor draw.

Safety: text from the org file never reaches Mermaid as written: labels,
titles and link texts go through `orgdesign.output.escape.mermaid_text`
(every character that is not a letter, a digit or a space as a Mermaid entity
code such as `#60;`), the front-matter title through `mermaid_title`, and
node ids are made from position ids by this module.

What Mermaid cannot do: place a box beside another (assistants are drawn as
reports, marked "assistant"); lay out a dotted line between two unit frames
(mermaid-cli's dagre layout fails), so a sheet with such a line is drawn
without frames, in unit colours only; draw more than 50,000 characters (its
`maxTextSize`), so a larger chart is refused (`MermaidTooLarge`) with a hint
to use `--root`, `--depth` or `--paginate`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.layout.scope import ChartError
from orgdesign.layout.style import NO_UNIT, dotted_label, unit_colours, words
from orgdesign.load.fsio import write_text_atomic
from orgdesign.model import Org
from orgdesign.output import ChartOptions, escape
from orgdesign.output.chart.boxtext import box_text, clean
from orgdesign.output.chart.frametree import frame_blocks, frame_tree, frame_walk, lines_off_tree
from orgdesign.output.chart.graphviz_run import write_pages
from orgdesign.output.chart.sheets import Plan, Sheet, paginate, plan_sheet, whole_sheet

MERMAID_MAX_TEXT = 50_000
"""Mermaid's default `maxTextSize`: longer diagrams render only as an error message."""


class MermaidTooLarge(ChartError):
    """The Mermaid source would be longer than Mermaid draws."""


_HIGHLIGHT = re.compile(r"^#[0-9A-Fa-f]{6}$")


def text(value: object) -> str:
    """Mermaid-safe text (`escape.mermaid_text`)."""
    return escape.mermaid_text(clean(value))


def _ids(names: Sequence[str], prefix: str) -> dict[str, str]:
    """Mermaid ids for element ids: `prefix` + the id with non-word characters as `_`,
    made unique with a counter (the prefix keeps words like `end` from being ids)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = prefix + re.sub(r"[^A-Za-z0-9]", "_", name)
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}_{n}"
        used.add(candidate)
        out[name] = candidate
    return out


def chart_mermaid(
    org: Org,
    graph: OrgGraph,
    options: ChartOptions,
    *,
    highlight: dict[str, str] | None = None,
) -> str:
    """Mermaid source of the whole chart (`options.paginate` is not looked at).

    `highlight` maps position ids to `#RRGGBB`: those boxes get a thick border
    of that colour. Raises ChartError for an unknown root, ValueError for a
    malformed colour."""
    return _sheet_mermaid(org, graph, options, whole_sheet(org, graph, options), highlight or {})


def page_mermaids(org: Org, graph: OrgGraph, options: ChartOptions) -> list[tuple[str, str]]:
    """(file stem, Mermaid source) of every page of the paginated chart."""
    return [
        (sheet.stem(), _sheet_mermaid(org, graph, options, sheet, {}))
        for sheet in paginate(org, graph, options)
    ]


def _sheet_mermaid(
    org: Org,
    graph: OrgGraph,
    options: ChartOptions,
    sheet: Sheet,
    highlight: Mapping[str, str],
) -> str:
    for pid, colour in highlight.items():
        if not _HIGHLIGHT.match(colour):
            raise ValueError(f"highlight colour {colour!r} of {pid!r} is not #RRGGBB")
    plan = plan_sheet(graph, sheet, options)
    if options.clusters and _dotted_across_frames(graph, sheet, plan):
        # mermaid-cli's dagre layout fails on dotted links between frames ("Cannot set
        # properties of undefined"): such a chart is drawn without frames, unit colours only.
        options = replace(options, clusters=False)
        plan = plan_sheet(graph, sheet, options)
    node = _ids(list(sheet.positions), "p_")
    stack_id = _ids([s.name for stacks in plan.stacks.values() for s in stacks], "s_")
    colours = unit_colours(org, graph)
    unit_class = {uid: f"u{i}" for i, uid in enumerate(colours)}
    lines = [*_title(org, options, sheet), "flowchart TB"]
    drawn = _Drawn(org, graph, options, sheet, plan, node, stack_id)
    body = _bodies(drawn)
    tree = frame_tree(org, graph, {u for u in body if u}) if options.clusters else {}
    frame_id = _ids(list(dict.fromkeys(u.id for u in org.units)), "u_")
    lines.extend(_frames(graph, options, tree, body, frame_id, colours))
    lines.extend("  " + s for s in body.get("", []))
    lines.extend("  " + e for e in _links(drawn))
    lines.extend(_styles(graph, sheet, node, colours, unit_class, highlight))
    return "\n".join(lines) + "\n"


def _frame_of(plan: Plan, pid: str) -> str:
    """The frame (unit id, "" for none) that holds a position's box or its stack."""
    if pid in plan.stack_of:
        return plan.frame.get(plan.stack_of[pid][0].name, "")
    return plan.frame.get(pid, "")


def _dotted_across_frames(graph: OrgGraph, sheet: Sheet, plan: Plan) -> bool:
    """Whether a dotted line drawn on the sheet joins boxes in different frames."""
    on_sheet = set(sheet.positions)
    return any(
        _frame_of(plan, manager) != _frame_of(plan, pid)
        for pid in sheet.positions
        for manager in graph.dotted_managers(pid)
        if manager in on_sheet
    )


def _title(org: Org, options: ChartOptions, sheet: Sheet) -> list[str]:
    """Front matter with the chart's title: a JSON string (valid YAML) of letters, digits and
    plain punctuation only, so that it can hold neither a directive nor markup."""
    w = words(options.lang)
    parts = [org.organization.label(options.lang)] if org.organization else []
    parts.append(w["chart"])
    if sheet.pages > 1:
        parts.append(w["page"].format(page=sheet.number, pages=sheet.pages))
    title = escape.mermaid_title(" · ".join(clean(p) for p in parts))
    return ["---", f"title: {title}", "---"]


def _label(graph: OrgGraph, options: ChartOptions, sheet: Sheet, pid: str) -> str:
    """The quoted label of a box: bold title, holders or "vacant", seats, notes."""
    box = box_text(graph.positions[pid], options.lang, sheet.notes.get(pid, ()))
    parts = ["<b>" + "<br/>".join(text(t) for t in box.title) + "</b>"]
    if box.holders:
        parts.append("<br/>".join(text(t) for t in box.holders))
    else:
        parts.append(f"<i>{text(words(options.lang)['vacant'])}</i>")
    if box.small:
        parts.append(f"<small>{text(box.small)}</small>")
    parts.extend("<small><i>" + " ".join(text(t) for t in n) + "</i></small>" for n in box.notes)
    return '["' + "<br/>".join(parts) + '"]'


@dataclass(frozen=True)
class _Drawn:
    """One sheet being written: what it draws and the Mermaid ids of its boxes and stacks."""

    org: Org
    graph: OrgGraph
    options: ChartOptions
    sheet: Sheet
    plan: Plan
    node: Mapping[str, str]
    stack_id: Mapping[str, str]


def _bodies(d: _Drawn) -> dict[str, list[str]]:
    """Node statements by the unit whose frame holds them ("" = none). A stack is a
    blank subgraph whose boxes are chained by invisible links, so they stand in a column."""
    graph, options, plan, node, stack_id = d.graph, d.options, d.plan, d.node, d.stack_id
    body: dict[str, list[str]] = {}
    for pid in d.sheet.positions:
        if pid in plan.stack_of:
            continue
        body.setdefault(plan.frame.get(pid, ""), []).append(
            node[pid] + _label(graph, options, d.sheet, pid)
        )
        for stack in plan.stacks.get(pid, ()):
            statements = [f'subgraph {stack_id[stack.name]}[" "]', "  direction TB"]
            statements.extend(
                "  " + node[m] + _label(graph, options, d.sheet, m) for m in stack.members
            )
            statements.append("  " + " ~~~ ".join(node[m] for m in stack.members))
            statements.append("end")
            statements.append(f"style {stack_id[stack.name]} fill:#FAFAFA,stroke:#B4B4B4")
            body.setdefault(plan.frame.get(stack.name, ""), []).extend(statements)
    return body


def _frames(
    graph: OrgGraph,
    options: ChartOptions,
    tree: Mapping[str | None, list[str]],
    body: Mapping[str, list[str]],
    frame_id: Mapping[str, str],
    colours: Mapping[str, tuple[str, str]],
) -> list[str]:
    """Nested subgraphs of the unit frames, each styled in its unit's colours."""

    def opening(uid: str) -> list[str]:
        name = text(graph.units[uid].label(options.lang))
        # "direction TB", else Mermaid turns isolated frames sideways
        return [f'subgraph {frame_id[uid]}["{name}"]', "  direction TB"]

    styles = []
    for uid, _, leaving in frame_walk(tree):
        if not leaving:
            fill, line = colours.get(uid, NO_UNIT)
            styles.append(f"  style {frame_id[uid]} fill:{fill}33,stroke:{line},color:{line}")
    return frame_blocks(tree, body, opening, "end") + styles


def _links(d: _Drawn) -> list[str]:
    """Solid lines (`---`), then dotted lines (`-. label .->`)."""
    org, graph, sheet, plan, node = d.org, d.graph, d.sheet, d.plan, d.node
    links: list[str] = []
    for pid in sheet.positions:
        family = plan.families[pid]
        links.extend(f"{node[pid]} --- {node[k]}" for k in (*family.assistants, *family.row))
        links.extend(f"{node[pid]} --- {d.stack_id[s.name]}" for s in plan.stacks.get(pid, ()))
    solid, dotted = lines_off_tree(graph, sheet)
    links.extend(f"{node[manager]} --- {node[report]}" for manager, report in solid)
    for manager, pid in dotted:
        label = text(dotted_label(org, graph, pid, manager, d.options.lang))
        links.append(f'{node[manager]} -. "{label}" .-> {node[pid]}')
    return links


def _styles(
    graph: OrgGraph,
    sheet: Sheet,
    node: Mapping[str, str],
    colours: Mapping[str, tuple[str, str]],
    unit_class: Mapping[str, str],
    highlight: Mapping[str, str],
) -> list[str]:
    """One class per unit colour used, given to its boxes; highlighted borders."""
    by_class: dict[str, list[str]] = {}
    for pid in sheet.positions:
        unit = graph.unit_of(pid)
        by_class.setdefault(unit_class[unit] if unit else "nounit", []).append(node[pid])
    lines: list[str] = []
    for uid, name in unit_class.items():
        if name in by_class:
            fill, line = colours[uid]
            lines.append(f"  classDef {name} fill:{fill},stroke:{line},color:#1A1A1A")
    if "nounit" in by_class:
        lines.append(f"  classDef nounit fill:{NO_UNIT[0]},stroke:{NO_UNIT[1]},color:#1A1A1A")
    lines.extend(f"  class {','.join(ids)} {name}" for name, ids in by_class.items())
    lines.extend(
        f"  style {node[pid]} stroke:{colour},stroke-width:3px"
        for pid, colour in highlight.items()
        if pid in node
    )
    return lines


def render(
    org: Org, graph: OrgGraph, findings: list[Finding], options: ChartOptions, out: Path
) -> None:
    """Write the Mermaid chart to `out`; with `options.paginate`, a folder named after `out`
    without its suffix, one `.mmd` file per page."""
    del findings
    if options.paginate:
        pages = page_mermaids(org, graph, options)
        for stem, source in pages:
            _check_size(source, f"page {stem}")
        write_pages(out, [(f"{stem}.mmd", src.encode("utf-8")) for stem, src in pages])
    else:
        source = chart_mermaid(org, graph, options)
        _check_size(source, "the chart")
        write_text_atomic(out, source)


def _check_size(source: str, what: str) -> None:
    """Refuse a diagram Mermaid would not draw (MermaidTooLarge, nothing written)."""
    if len(source) > MERMAID_MAX_TEXT:
        raise MermaidTooLarge(
            f"{what} would be {len(source):,} characters of Mermaid, more than the "
            f"{MERMAID_MAX_TEXT:,} Mermaid draws (its maxTextSize); draw a part of it with "
            "--root ID and/or --depth N, or one file per subtree with --paginate"
        )
