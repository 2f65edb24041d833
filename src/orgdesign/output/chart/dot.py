"""Org charts drawn with Graphviz: the DOT source of each page, and the chart files.

This module owns the DOT text of a chart (`chart_dot`, `page_dots`), which other
commands reuse (the build pack, a diff chart through `highlight`): boxes as
HTML-like labels, unit frames as clusters, solid lines through each manager's bus,
dotted lines, the page heading; and `render`, which writes a chart's .dot, .svg,
.png or .pdf pages. The parts it is drawn from, shared with the Mermaid chart:

* `sheets`: which positions each page holds (`select`, `paginate`) and their plan;
* `boxtext`: what each box says, wrapped, and the fonts Graphviz is told to use;
* `frametree`: the unit frames around boxes, and lines that leave the tree;
* `dotbus`: the invisible points a manager's solid lines run through;
* `graphviz_run`: running `dot` (timeout, batches, two processes) and writing pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.layout.scope import ChartError
from orgdesign.layout.style import NO_UNIT, dotted_label, unit_colours, words
from orgdesign.layout.style import tint as _tint
from orgdesign.load.fsio import write_bytes_atomic, write_text_atomic
from orgdesign.model import Org
from orgdesign.output import ChartOptions, escape
from orgdesign.output.chart.boxtext import box_text, clean, font_for, html_text, wrap
from orgdesign.output.chart.dotbus import Spans, bus
from orgdesign.output.chart.frametree import frame_blocks, frame_tree, lines_off_tree
from orgdesign.output.chart.graphviz_run import GRAPHVIZ_FORMATS, merge_pdfs, run_dot, write_pages
from orgdesign.output.chart.sheets import (
    Plan,
    Sheet,
    node_id,
    page_title,
    paginate,
    plan_sheet,
    whole_sheet,
)

BOX_WIDTH = 150
"""Minimum width of a box, in points."""

_HIGHLIGHT = re.compile(r"^(#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?|[A-Za-z][A-Za-z0-9]*)$")


@dataclass(frozen=True)
class _Ctx:
    org: Org
    graph: OrgGraph
    options: ChartOptions
    words: Mapping[str, str]
    font: str
    colours: Mapping[str, tuple[str, str]]
    highlight: Mapping[str, str]


def _ctx(
    org: Org, graph: OrgGraph, options: ChartOptions, highlight: Mapping[str, str] | None
) -> _Ctx:
    for pid, colour in (highlight or {}).items():
        if not _HIGHLIGHT.match(colour):
            raise ValueError(f"highlight colour {colour!r} of {pid!r} is not #RRGGBB or a name")
    return _Ctx(
        org=org,
        graph=graph,
        options=options,
        words=words(options.lang),
        font=font_for(options.lang),
        colours=unit_colours(org, graph),
        highlight=MappingProxyType(dict(highlight or {})),
    )


def chart_dot(
    org: Org,
    graph: OrgGraph,
    options: ChartOptions,
    *,
    highlight: dict[str, str] | None = None,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """DOT source of the whole chart on one sheet (`options.paginate` is not looked at).

    `highlight` maps position ids to a colour (`#RRGGBB` or a Graphviz colour
    name): those boxes get a thick border of that colour (a diff chart marks
    added and changed positions this way); `notes` adds lines to boxes, first
    ("added", "was cmo"). Raises ChartError for an unknown `options.root`,
    ValueError for a malformed colour."""
    ctx = _ctx(org, graph, options, highlight)
    sheet = whole_sheet(org, graph, options)
    if notes:
        merged = {pid: (*notes.get(pid, ()), *sheet.notes.get(pid, ())) for pid in sheet.positions}
        sheet = replace(sheet, notes=MappingProxyType({k: v for k, v in merged.items() if v}))
    return _sheet_dot(ctx, sheet)


def page_dots(
    org: Org,
    graph: OrgGraph,
    options: ChartOptions,
    *,
    highlight: dict[str, str] | None = None,
) -> list[tuple[str, str]]:
    """(file stem, DOT source) of every page of the paginated chart, in page order."""
    ctx = _ctx(org, graph, options, highlight)
    return [(sheet.stem(), _sheet_dot(ctx, sheet)) for sheet in paginate(org, graph, options)]


def _q(name: str) -> str:
    """A DOT quoted string."""
    return escape.dot_string(name)


def _sheet_dot(ctx: _Ctx, sheet: Sheet) -> str:
    """DOT source of one sheet."""
    plan = plan_sheet(ctx.graph, sheet, ctx.options)
    body = _node_statements(ctx, sheet, plan)
    frames = _drawn_frame_parents(ctx, body)
    spans = Spans.of(plan, sheet, frames)
    bus_edges: list[str] = []
    for pid in sheet.positions:
        frame, nodes, edges = bus(plan, pid, frames, spans)
        if nodes:
            body.setdefault(frame, []).extend(nodes)
        bus_edges.extend(edges)
    paper = f", size={_q(sheet.paper)}" if sheet.paper else ""
    lines = [
        "digraph orgchart {",
        f'  graph [charset="UTF-8", fontname={_q(ctx.font)}, label=<{_heading(ctx, sheet)}>,'
        " labelloc=t, fontsize=12, rankdir=TB, newrank=true, nodesep=0.25, ranksep=0.22,"
        ' outputorder=nodesfirst, splines=polyline, pad=0.3, bgcolor="white",'
        f" forcelabels=true{paper}];",
        f"  node [shape=plain, fontname={_q(ctx.font)}, fontsize=10];",
        f'  edge [fontname={_q(ctx.font)}, fontsize=8, arrowhead=none, color="#8A8A8A",'
        " penwidth=1.2];",
    ]
    lines.extend(_clusters(ctx, body))
    lines.extend("  " + s for s in body.get("", []))
    lines.extend("  " + e for e in bus_edges)
    lines.extend("  " + e for e in _edge_statements(ctx, sheet, plan))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _drawn_frame_parents(ctx: _Ctx, body: Mapping[str, list[str]]) -> dict[str, str]:
    """Parent of each unit frame that is drawn ("" for the top), after empty frames fold."""
    if not ctx.options.clusters:
        return {}
    tree = frame_tree(ctx.org, ctx.graph, {u for u in body if u})
    parents: dict[str, str] = {}
    todo: list[str | None] = [None]
    while todo:
        frame = todo.pop()
        for kid in tree.get(frame, []):
            parents[kid] = frame or ""
            todo.append(kid)
    return parents


def _ref(plan: Plan, pid: str) -> str:
    """DOT name of where a position is drawn: its node, or its port of a stack node."""
    if pid in plan.stack_of:
        stack, j = plan.stack_of[pid]
        return f"{_q(stack.name)}:{_q(f'p{j}')}"
    return _q(node_id(pid))


def _node_statements(ctx: _Ctx, sheet: Sheet, plan: Plan) -> dict[str, list[str]]:
    """Node statements by the unit whose frame holds them ("" = outside every frame)."""
    body: dict[str, list[str]] = {}
    for pid in sheet.positions:
        if pid in plan.stack_of:
            continue
        label = _box(ctx, pid, sheet.notes.get(pid, ()))
        target = body.setdefault(plan.frame.get(pid, ""), [])
        target.append(f"{_q(node_id(pid))} [label=<{label}>];")
        assistants = plan.families[pid].assistants
        if assistants:
            same = " ".join(_q(node_id(a)) for a in (pid, *assistants))
            target.append(f"{{rank=same; {same}}}")
        for stack in plan.stacks.get(pid, ()):
            label = _stack(ctx, sheet, stack.members)
            body.setdefault(plan.frame.get(stack.name, ""), []).append(
                f"{_q(stack.name)} [label=<{label}>];"
            )
    return body


def _edge_statements(ctx: _Ctx, sheet: Sheet, plan: Plan) -> list[str]:
    """Solid lines to assistants and of reporting cycles, then dotted lines (the tree's
    lines are `bus`)."""
    graph = ctx.graph
    edges: list[str] = []
    for pid in sheet.positions:
        family, me = plan.families[pid], _q(node_id(pid))
        edges.extend(
            f"{me} -> {_q(node_id(a))};"
            for a in family.assistants  # no ports: dot 2.43 bug
        )
    solid, dotted = lines_off_tree(graph, sheet)
    edges.extend(f"{_ref(plan, m)} -> {_ref(plan, r)} [constraint=false];" for m, r in solid)
    for manager, pid in dotted:
        text = wrap(dotted_label(ctx.org, graph, pid, manager, ctx.options.lang), 24)
        label = "<BR/>".join(html_text(t) for t in text)
        edges.append(
            f"{_ref(plan, manager)} -> {_ref(plan, pid)} [style=dashed,"
            ' constraint=false, color="#4A6FA5", arrowhead=vee, arrowsize=0.6,'
            " labeldistance=2.2, labelangle=-35,"
            f' headlabel=<<FONT COLOR="#4A6FA5">{label}</FONT>>];'
        )
    return edges


def _clusters(ctx: _Ctx, body: Mapping[str, list[str]]) -> list[str]:
    """Nested `subgraph cluster_...` blocks of the units that hold drawn boxes."""
    tree = frame_tree(ctx.org, ctx.graph, {u for u in body if u})
    index = {u.id: i for i, u in enumerate(ctx.org.units)}

    def opening(uid: str) -> list[str]:
        fill, line = ctx.colours.get(uid, NO_UNIT)
        name = html_text(ctx.graph.units[uid].label(ctx.options.lang))
        return [
            f"subgraph cluster_u{index[uid]} {{",
            f'  graph [label=<<B>{name}</B>>, style="rounded,filled",'
            f' fillcolor="{_tint(fill, 0.55)}", color="{_tint(line, 0.35)}", penwidth=1,'
            f' fontcolor="{line}", fontsize=11, labeljust=l, margin=10];',
        ]

    return frame_blocks(tree, body, opening, "}")


def _heading(ctx: _Ctx, sheet: Sheet) -> str:
    """The sheet's title: organisation, "Organisation chart", page, top position; a legend."""
    org, w = ctx.org, ctx.words
    name = org.organization.label(ctx.options.lang) if org.organization else ""
    parts = [w["chart"]]
    if sheet.pages > 1:
        parts.append(w["page"].format(page=sheet.number, pages=sheet.pages))
    if sheet.unreachable:
        parts.append(w["unreachable"])
    elif sheet.top and (sheet.pages > 1 or ctx.options.root):
        parts.append(ctx.graph.positions[sheet.top].label(ctx.options.lang))
    sub = " · ".join(clean(p) for p in parts)
    rows = (
        [f'<TR><TD><FONT POINT-SIZE="18"><B>{html_text(name)}</B></FONT></TD></TR>'] if name else []
    )
    rows.append(f'<TR><TD><FONT POINT-SIZE="12" COLOR="#444444">{html_text(sub)}</FONT></TD></TR>')
    legend = html_text(w["legend"])
    rows.append(f'<TR><TD><FONT POINT-SIZE="9" COLOR="#777777">{legend}</FONT></TD></TR>')
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">'
        + "".join(rows)
        + "</TABLE>"
    )


def _box(ctx: _Ctx, pid: str, notes: Sequence[str]) -> str:
    """HTML-like label of one position: title on the unit's colour, holders or "vacant",
    seats filled/total when there are several, and any notes."""
    pos = ctx.graph.positions[pid]
    text = box_text(pos, ctx.options.lang, notes)
    fill, line = ctx.colours.get(pos.unit or "", NO_UNIT)
    border, width = (ctx.highlight[pid], 3) if pid in ctx.highlight else (line, 1)

    def lines(parts: Sequence[str]) -> str:
        return "<BR/>".join(html_text(p) for p in parts)

    rows = [
        f'<TR><TD BGCOLOR="{fill}" CELLPADDING="4" WIDTH="{BOX_WIDTH}">'
        f"<B>{lines(text.title)}</B></TD></TR>"
    ]
    if text.holders:
        rows.append(f"<TR><TD>{lines(text.holders)}</TD></TR>")
    else:
        vacant = html_text(ctx.words["vacant"])
        rows.append(f'<TR><TD><FONT COLOR="#B0403D"><I>{vacant}</I></FONT></TD></TR>')
    if text.small:
        small = html_text(text.small)
        rows.append(f'<TR><TD><FONT POINT-SIZE="8" COLOR="#555555">{small}</FONT></TD></TR>')
    rows.extend(
        f'<TR><TD><FONT POINT-SIZE="8" COLOR="#8A5A00"><I>{lines(note)}</I></FONT></TD></TR>'
        for note in text.notes
    )
    return (
        f'<TABLE BORDER="{width}" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2"'
        f' COLOR="{border}" BGCOLOR="white">' + "".join(rows) + "</TABLE>"
    )


def _stack(ctx: _Ctx, sheet: Sheet, members: Sequence[str]) -> str:
    """HTML-like label of a stack: the boxes one under another on a light panel that the
    manager's line enters from the top."""
    rows = "".join(
        f'<TR><TD PORT="p{j}">{_box(ctx, member, sheet.notes.get(member, ()))}</TD></TR>'
        for j, member in enumerate(members)
    )
    return (
        '<TABLE BORDER="1" COLOR="#B4B4B4" BGCOLOR="#FAFAFA" STYLE="rounded" CELLBORDER="0"'
        f' CELLSPACING="5" CELLPADDING="0">{rows}</TABLE>'
    )


# --- Graphviz -----------------------------------------------------------------------------


def render(
    org: Org, graph: OrgGraph, findings: list[Finding], options: ChartOptions, out: Path
) -> None:
    """Write the chart to `out` in the format of its suffix (.dot .svg .png .pdf).

    With `options.paginate`, a .pdf is one multi-page file and the other
    formats a folder named after `out` without its suffix, one file per page.
    Findings are not drawn (the chart shows the organisation as written)."""
    del findings
    suffix = out.suffix.lower()
    if suffix != ".dot" and suffix not in GRAPHVIZ_FORMATS:
        raise ChartError(f"the Graphviz renderer cannot write {suffix or 'files without a suffix'}")
    if not options.paginate:
        source = chart_dot(org, graph, options)
        if suffix == ".dot":
            write_text_atomic(out, source)
        else:
            write_bytes_atomic(out, run_dot([source], GRAPHVIZ_FORMATS[suffix])[0])
        return
    sheets = paginate(org, graph, options)
    ctx = _ctx(org, graph, options, None)
    pages = [(sheet.stem(), _sheet_dot(ctx, sheet)) for sheet in sheets]
    if suffix == ".dot":
        write_pages(out, [(f"{stem}.dot", src.encode("utf-8")) for stem, src in pages])
        return
    fmt = GRAPHVIZ_FORMATS[suffix]
    drawn = run_dot([src for _, src in pages], fmt)
    if suffix == ".pdf":
        titles = [page_title(graph, options, sheet) for sheet in sheets]
        write_bytes_atomic(out, merge_pdfs(drawn, titles))
    else:
        names = [f"{stem}.{fmt}" for stem, _ in pages]
        write_pages(out, list(zip(names, drawn, strict=True)))
