"""Org charts drawn with Graphviz: DOT source, pages, and SVG/PNG/PDF output.

This module owns what an org chart shows and how it is laid out, for every
chart format that is not the HTML explorer:

* which positions are drawn (`select`: `--root`, `--depth`, positions outside
  the tree such as reporting cycles) and how a manager's reports are arranged
  (`arrange`: staff assistants beside the manager, reports that manage nobody
  stacked in a column under the manager, the others in a row);
* pages (`paginate`): the drawing cut into subtrees that each fit on paper,
  with "continued on page N" and "reports to ..., page M" on the boxes where
  a page is cut;
* the wording of the chart in English or Chinese, unit colours, the CJK font
  Graphviz must be told to use, and escaping of every text taken from a file;
* the DOT source (`chart_dot`, `page_dots`), which other commands reuse (the
  build pack, a diff chart through `highlight`);
* running Graphviz `dot` (with a timeout, several pages per process, two
  processes at a time) and writing the result whole or not at all (`render`).

`orgdesign.output.chart.mermaid` draws the same selection, arrangement and pages as
a Mermaid flowchart.
"""

from __future__ import annotations

import importlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.layout.scope import ChartError as ChartError
from orgdesign.layout.scope import Family, Scope, arrange
from orgdesign.layout.scope import select as select
from orgdesign.layout.style import NO_UNIT as NO_UNIT
from orgdesign.layout.style import dotted_label as dotted_label
from orgdesign.layout.style import tint as _tint
from orgdesign.layout.style import unit_colours as unit_colours
from orgdesign.layout.style import words as words
from orgdesign.load.fsio import atomic_dir, write_bytes_atomic, write_text_atomic
from orgdesign.model import SLUG_PATTERN, Org, Position
from orgdesign.output import ChartOptions, escape

GRAPHVIZ_FORMATS: Mapping[str, str] = MappingProxyType(
    {".svg": "svg", ".png": "png", ".pdf": "pdf"}
)
"""Output suffix -> Graphviz output format, for the formats that need the `dot` binary."""

DOT_TIMEOUT = 600.0
"""Seconds Graphviz may take for one chart (all pages) before it is stopped."""

PAGE_MAX_COLUMNS = 6.0
"""At most this many columns (boxes or stacks side by side) on a page, if the tree can be cut."""

PAGE_MAX_ROWS = 8.0
"""At most this many rows (levels of boxes) on one page, when the tree can be cut."""

PAGE_MIN_BOXES = 5
"""Subtrees smaller than this are not sent to a page of their own to save width."""

COLUMN_POINTS = 190.0
ROW_POINTS = 85.0
"""Rough size of a column and a row of the drawing, in points, to choose a page's orientation."""

PAPER_LANDSCAPE = "11.0,7.6"
PAPER_PORTRAIT = "7.6,11.0"
"""Graphviz `size` of paginated pages: A4 (and US Letter) less margins, in inches."""

STACK_ROW = 0.6
"""Height of a stacked box, in rows (a stack has no gap between levels)."""

PAGE_PATTERN = re.compile(r"^\d{3}-[A-Za-z0-9._-]+\.(dot|svg|png|mmd)$")
"""Names of the files of a paginated chart's folder."""

BOX_WIDTH = 150
"""Minimum width of a box, in points."""

NAMES_SHOWN = 4
"""Holder names written in a box before "+N more"."""

TITLE_WIDTH = 24
NAME_WIDTH = 30
"""Wrap widths in Latin characters (a CJK character counts as two)."""

CJK_FONTS: Mapping[str, str] = MappingProxyType(
    {
        "zh-hant": "Noto Sans CJK TC",
        "zh-tw": "Noto Sans CJK TC",
        "zh-hk": "Noto Sans CJK HK",
        "ja": "Noto Sans CJK JP",
        "ko": "Noto Sans CJK KR",
    }
)
"""CJK font family by language tag; every other language gets `CJK_FONT`."""

CJK_FONT = "Noto Sans CJK SC"
"""The font that draws Chinese (and Japanese and Korean): Debian's fonts-noto-cjk."""

LATIN_FONTS = "Liberation Sans,Arial"
"""Fonts tried first, for Latin text. Noto Sans CJK draws Latin too, but cairo then embeds
most of the CJK font in every PDF page (~0.9 MB a page); with a Latin font first, Graphviz
(pango) takes each character from the first family in the list that has it."""


class GraphvizMissing(ChartError):
    """The `dot` binary is not on PATH."""


def font_for(lang: str | None) -> str:
    """The font list of charts for a language tag: Latin fonts, then the CJK font whose
    glyph forms suit the language, so that Chinese never renders as empty boxes."""
    tag = (lang or "").lower().replace("_", "-")
    cjk = CJK_FONT
    for prefix, family in CJK_FONTS.items():
        if tag == prefix or tag.startswith(prefix + "-"):
            cjk = family
    return f"{LATIN_FONTS},{cjk}"


# --- text ---------------------------------------------------------------------------------


def clean(text: object) -> str:
    """One line of text: whitespace runs (newlines included) become one space; control
    characters and those XML forbids (lone surrogates) are dropped."""
    return " ".join(escape.label_chars(text).split())


def html_text(text: object) -> str:
    """Text for a Graphviz HTML-like label: one line, escaped by `escape.dot_html`."""
    return escape.dot_html(clean(text))


def display_width(text: str) -> int:
    """Width in Latin-character columns: wide (CJK) characters count as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_TOKENS = re.compile(
    r"\s+|[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+"
)


def wrap(text: str, width: int, max_lines: int = 3) -> list[str]:
    """Greedy wrap at spaces or between CJK characters; overlong words are cut; at most
    `max_lines` lines, the last one ending in an ellipsis when text was left out."""
    lines: list[str] = []
    current = ""
    for token in _TOKENS.findall(clean(text)):
        if token.isspace():
            if current:
                current += " "
            continue
        while display_width(token) > width:
            room = width - display_width(current)
            head = _cut(token, room if room > 0 else width)
            if room <= 0 or not head:
                lines.append(current.rstrip())
                current = ""
                continue
            lines.append((current + head).rstrip())
            current, token = "", token[len(head) :]
        if display_width(current + token) > width and current.strip():
            lines.append(current.rstrip())
            current = ""
        current += token
    if current.strip():
        lines.append(current.rstrip())
    lines = [line for line in lines if line]
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        while last and display_width(last) + 1 > width:
            last = last[:-1]
        kept[-1] = last.rstrip() + "…"
        return kept
    return lines or [""]


def _cut(token: str, width: int) -> str:
    """The longest prefix of `token` at most `width` columns wide."""
    out = ""
    for ch in token:
        if display_width(out + ch) > width:
            break
        out += ch
    return out


# --- what is drawn ------------------------------------------------------------------------


# --- pages --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """One drawing: a whole chart, or one page of a paginated chart."""

    positions: tuple[str, ...]
    """Positions drawn, in pre-order."""
    children: Mapping[str, tuple[str, ...]]
    """Reports drawn under each position on this sheet."""
    notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Extra lines written in a box (page references, positions left out below)."""
    number: int = 1
    pages: int = 1
    top: str | None = None
    """The position the sheet starts from (None when several trees are drawn)."""
    unreachable: bool = False
    """The sheet holds positions that are under no top position."""
    paper: str | None = None
    """Graphviz `size` (inches) the drawing is scaled down to fit, for pages meant for paper."""

    def stem(self) -> str:
        """File name of the page without its suffix: `001-ceo`."""
        name = self.top if self.top and re.fullmatch(SLUG_PATTERN, self.top) else "positions"
        return f"{self.number:03d}-{'unreachable' if self.unreachable else name}"


def whole_sheet(org: Org, graph: OrgGraph, options: ChartOptions) -> Sheet:
    """The chart on one sheet."""
    scope = select(org, graph, options)
    drawn = set(scope.order)
    w = words(options.lang)
    notes: dict[str, list[str]] = {}
    for pid, n in scope.hidden.items():
        notes.setdefault(pid, []).append(w["below"].format(n=n))
    for pid in scope.order:
        for manager in graph.dotted_managers(pid):
            if manager not in drawn:
                title = graph.positions[manager].label(options.lang)
                notes.setdefault(pid, []).append(w["dotted_to"].format(title=title))
    return Sheet(
        positions=scope.order,
        children=scope.children,
        notes=MappingProxyType({k: tuple(v) for k, v in notes.items()}),
        top=scope.tops[0] if len(scope.tops) == 1 else None,
    )


def paginate(org: Org, graph: OrgGraph, options: ChartOptions) -> list[Sheet]:
    """The chart cut into pages of whole subtrees.

    Working up from the bottom of each tree, a manager whose page part would be
    wider than `PAGE_MAX_COLUMNS` or taller than `PAGE_MAX_ROWS` sends report
    subtrees to pages of their own until it fits (see `_cuts`); the cut
    report stays on the manager's page as a box saying "continued on page N",
    and heads its own page saying whom it reports to and on which page. Pages
    are numbered in tree order, top page first; positions under no top
    position get one last page."""
    scope = select(org, graph, options)
    cut, fits = _cuts(graph, scope, options)
    page_roots: list[str] = []
    for top in scope.tops:
        page_roots.extend(_page_roots_in_order(scope, top, cut))
    page_of_root = {root: i + 1 for i, root in enumerate(page_roots)}
    members: dict[int, list[str]] = {}
    page_of: dict[str, int] = {}
    for root in page_roots:
        number = page_of_root[root]
        members[number] = _page_members(scope, root, cut)
        for pid in members[number]:
            page_of.setdefault(pid, number)
    page_of.update(page_of_root)  # a cut position is shown whole on its own page
    total = len(page_roots) + (1 if scope.unreachable else 0)
    if scope.unreachable:
        members[total] = list(scope.unreachable)
        for pid in scope.unreachable:
            page_of[pid] = total
    w = words(options.lang)
    sheets: list[Sheet] = []
    for number in range(1, total + 1):
        pids = members[number]
        on_page = set(pids)
        notes: dict[str, list[str]] = {}
        for pid in pids:
            if pid in cut and page_of_root.get(pid) != number:
                notes.setdefault(pid, []).append(w["continued"].format(page=page_of_root[pid]))
            elif pid in scope.hidden:
                notes.setdefault(pid, []).append(w["below"].format(n=scope.hidden[pid]))
            for manager in graph.dotted_managers(pid):
                if manager in on_page:
                    continue
                title = graph.positions[manager].label(options.lang)
                if manager in page_of:
                    text = w["dotted_to_page"].format(title=title, page=page_of[manager])
                else:
                    text = w["dotted_to"].format(title=title)
                notes.setdefault(pid, []).append(text)
        root = pids[0]
        boss = graph.manager(root)
        if number <= len(page_roots) and boss is not None and boss in page_of:
            title = graph.positions[boss].label(options.lang)
            line = w["reports_to_page"].format(title=title, page=page_of[boss])
            notes.setdefault(root, []).insert(0, line)
        children = {
            pid: tuple(k for k in scope.children.get(pid, ()) if k in on_page)
            if not (pid in cut and page_of_root.get(pid) != number)
            else ()
            for pid in pids
        }
        sheets.append(
            Sheet(
                positions=tuple(pids),
                children=MappingProxyType(children),
                notes=MappingProxyType({k: tuple(v) for k, v in notes.items()}),
                number=number,
                pages=total,
                top=root,
                unreachable=number > len(page_roots),
                paper=_paper(fits.get(root, _STUB) if number <= len(page_roots) else _STUB),
            )
        )
    return sheets


@dataclass(frozen=True)
class _Fit:
    """Footprint of a subtree on a page: columns, rows and boxes."""

    width: float = 1.0
    height: float = 1.0
    boxes: int = 1


_STUB = _Fit()


def _cuts(graph: OrgGraph, scope: Scope, options: ChartOptions) -> tuple[set[str], dict[str, _Fit]]:
    """Positions whose subtree goes to a page of its own (bottom-up greedy packing).

    Each subtree's footprint on a page is estimated in columns (a box, or a
    stack, side by side) and rows (a level of boxes; a stacked box is
    `STACK_ROW` of a row). Under each manager, report subtrees too deep to fit
    below it go to pages of their own; then, while the manager's footprint is
    too wide, so does the widest remaining one. Subtrees of fewer than
    `PAGE_MIN_BOXES` boxes or one column wide are never cut for width: a page
    of their own would cost more than the width they take."""
    cut: set[str] = set()
    fits: dict[str, _Fit] = {}
    outside = set(scope.unreachable)
    unit_key = {pid: _unit_of(graph, pid) for pid in scope.order}
    for pid in reversed([p for p in scope.order if p not in outside]):  # reports first
        family = arrange(graph, scope.children.get(pid, ()), options, unit_key)
        for kid in family.row:  # a subtree too deep to fit under the manager
            if fits[kid].boxes > 1 and 1.0 + fits[kid].height > PAGE_MAX_ROWS:
                cut.add(kid)
        fit = _footprint(family, fits, cut)
        while fit.width > PAGE_MAX_COLUMNS:
            candidates = [
                k
                for k in family.row
                if k not in cut and fits[k].width > 1.0 and fits[k].boxes >= PAGE_MIN_BOXES
            ]
            if not candidates:
                break
            cut.add(max(candidates, key=lambda k: (fits[k].width, fits[k].boxes)))
            fit = _footprint(family, fits, cut)
        fits[pid] = fit
    return cut, fits


def _paper(fit: _Fit) -> str:
    """A4 with margins, landscape or portrait after the page's estimated shape."""
    wide = fit.width * COLUMN_POINTS >= fit.height * ROW_POINTS
    return PAPER_LANDSCAPE if wide else PAPER_PORTRAIT


def _footprint(family: Family, fits: Mapping[str, _Fit], cut: set[str]) -> _Fit:
    """Footprint of a manager and what is drawn below it on its page."""
    below = [_STUB if k in cut else fits[k] for k in family.row]
    width = sum(f.width for f in below) + len(family.stacks)
    heights = [f.height for f in below] + [STACK_ROW * len(s) for s in family.stacks]
    boxes = 1 + len(family.assistants) + sum(f.boxes for f in below)
    return _Fit(
        width=max(width, 1.0 + len(family.assistants)),
        height=1.0 + max(heights, default=0.0),
        boxes=boxes + sum(len(s) for s in family.stacks),
    )


def _page_roots_in_order(scope: Scope, top: str, cut: set[str]) -> list[str]:
    """Page roots of one tree in pre-order: the top, then cut positions as the walk meets them."""
    roots = [top]
    stack = list(reversed(scope.children.get(top, ())))
    while stack:
        pid = stack.pop()
        if pid in cut:
            roots.append(pid)
        stack.extend(reversed(scope.children.get(pid, ())))
    return roots


def _page_members(scope: Scope, root: str, cut: set[str]) -> list[str]:
    """A page's positions in pre-order: its root and everything below down to cut positions."""
    members: list[str] = []
    stack = [root]
    while stack:
        pid = stack.pop()
        members.append(pid)
        if pid in cut and pid != root:
            continue
        stack.extend(reversed(scope.children.get(pid, ())))
    return members


# --- colours and units --------------------------------------------------------------------


def _cluster_parents(org: Org, graph: OrgGraph) -> dict[str, str | None]:
    """Parent of each unit's frame: its parent unit, or None at the top and in unit cycles."""
    in_cycle = {u for cycle in graph.unit_cycles for u in cycle}
    parents: dict[str, str | None] = {}
    for unit in org.units:
        parent = unit.parent
        ok = parent in graph.units and unit.id not in in_cycle and parent not in in_cycle
        parents.setdefault(unit.id, parent if ok else None)
    return parents


# --- DOT ----------------------------------------------------------------------------------

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


def _node_id(pid: str) -> str:
    return pid if re.fullmatch(SLUG_PATTERN, pid) else "x" + pid.encode("utf-8").hex()


@dataclass(frozen=True)
class Stack:
    """A column of stacked reports: drawn as one node, each report a part of it."""

    name: str
    manager: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Where everything on a sheet goes, for any chart format."""

    families: Mapping[str, Family]
    """How each position's drawn reports are placed."""
    stacks: Mapping[str, tuple[Stack, ...]]
    """Stacks under each manager."""
    stack_of: Mapping[str, tuple[Stack, int]]
    """The stack a stacked position is part of, and its place in it."""
    frame: Mapping[str, str]
    """Unit whose frame holds each position or stack ("" for none)."""


def plan_sheet(graph: OrgGraph, sheet: Sheet, options: ChartOptions) -> Plan:
    """Arrange every manager's reports and find each box's frame.

    With clusters on, a box sits in its unit's frame, a stack in its members'
    unit's frame, and an assistant in its manager's frame (beside the manager)."""
    unit_key = {pid: _unit_of(graph, pid) for pid in sheet.positions}
    families: dict[str, Family] = {}
    stacks: dict[str, tuple[Stack, ...]] = {}
    stack_of: dict[str, tuple[Stack, int]] = {}
    frame: dict[str, str] = dict(unit_key) if options.clusters else {}
    for pid in sheet.positions:
        family = arrange(graph, sheet.children.get(pid, ()), options, unit_key)
        families[pid] = family
        made = tuple(
            Stack(f"stack.{_node_id(pid)}.{i}", pid, members)
            for i, members in enumerate(family.stacks)
        )
        if made:
            stacks[pid] = made
        for stack in made:
            for j, member in enumerate(stack.members):
                stack_of[member] = (stack, j)
            if options.clusters:
                frame[stack.name] = unit_key.get(stack.members[0], "")
        if options.clusters:
            for assistant in family.assistants:
                frame[assistant] = unit_key.get(pid, "")
    return Plan(
        families=MappingProxyType(families),
        stacks=MappingProxyType(stacks),
        stack_of=MappingProxyType(stack_of),
        frame=MappingProxyType(frame),
    )


def _sheet_dot(ctx: _Ctx, sheet: Sheet) -> str:
    """DOT source of one sheet."""
    plan = plan_sheet(ctx.graph, sheet, ctx.options)
    body = _node_statements(ctx, sheet, plan)
    frames = _drawn_frame_parents(ctx, body)
    spans = _Spans.of(plan, sheet, frames)
    bus_edges: list[str] = []
    for pid in sheet.positions:
        frame, nodes, edges = _bus(plan, pid, frames, spans)
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


def _common_frame(frames: Sequence[str], parents: Mapping[str, str]) -> str:
    """The innermost drawn frame that holds all of `frames` ("" for none)."""

    def chain(frame: str) -> list[str]:
        out = [frame]
        while out[-1] and out[-1] in parents:
            out.append(parents[out[-1]])
        return out if out[-1] == "" else [*out, ""]

    common = chain(frames[0])
    for frame in frames[1:]:
        seen = set(chain(frame))
        common = [f for f in common if f in seen]
    return common[0]


@dataclass(frozen=True)
class _Spans:
    """Which boxes each frame holds, as ranges of a pre-order of the drawn tree.

    A box is a position's node or a stack's node; its subtree is the range
    `order[box]` to `last[box]`. `held[frame]` is the smallest and largest place
    of any box in the frame or in a frame inside it."""

    order: Mapping[str, int]
    last: Mapping[str, int]
    held: Mapping[str, tuple[int, int]]

    @staticmethod
    def of(plan: Plan, sheet: Sheet, parents: Mapping[str, str]) -> _Spans:
        order: dict[str, int] = {}
        last: dict[str, int] = {}
        kids = {
            pid: [*f.assistants, *f.row, *(s.name for s in plan.stacks.get(pid, ()))]
            for pid, f in plan.families.items()
        }
        below = {k for ks in kids.values() for k in ks} | set(plan.stack_of)
        todo = [(p, False) for p in reversed(sheet.positions) if p not in below]
        while todo:  # iterative: a reporting chain may be thousands deep
            box, done = todo.pop()
            if done:
                last[box] = len(order) - 1
            elif box not in order:
                order[box] = len(order)
                todo.append((box, True))
                todo.extend((k, False) for k in reversed(kids.get(box, [])))
        held: dict[str, tuple[int, int]] = {}
        for box, place in order.items():
            frame = plan.frame.get(box, "")
            while frame and frame in parents:  # frames nest a few levels deep
                low, high = held.get(frame, (place, place))
                held[frame] = (min(low, place), max(high, place))
                frame = parents[frame]
        return _Spans(order, last, held)

    def only_below(self, box: str, frame: str, outer: str, parents: Mapping[str, str]) -> bool:
        """Every frame from `frame` out to (not including) `outer` holds nothing but
        `box` and what is drawn below it, so none reaches up to the bar above `box`."""
        first, end = self.order.get(box, -1), self.last.get(box, -1)
        while frame and frame != outer and frame in parents:
            low, high = self.held.get(frame, (first, end))
            if low < first or high > end:
                return False
            frame = parents[frame]
        return True


def _bus(
    plan: Plan, pid: str, parents: Mapping[str, str], spans: _Spans
) -> tuple[str, list[str], list[str]]:
    """Elbow lines from a manager to its row and stacks: (frame, junction nodes, edges).

    One report hangs straight below. Several hang from a horizontal bar: a row
    of invisible junction points in a rank of their own, one above each report,
    joined left to right, the manager's line dropping onto the middle one. The
    points sit in the manager's frame. Each report gets a line of its own instead
    when a report is outside that frame, or when a frame around a report also
    holds boxes higher up: the bar would then cross a frame's box, which Graphviz
    cannot route ("lost bus... edge")."""
    me = _q(_node_id(pid))
    family = plan.families[pid]
    boxes = [*family.row, *(s.name for s in plan.stacks.get(pid, ()))]
    targets = [(_q(_node_id(k) if k in family.row else k), plan.frame.get(k, "")) for k in boxes]
    if not targets:
        return "", [], []
    if len(targets) == 1:
        return "", [], [f"{me}:s -> {targets[0][0]}:n;"]
    base = f"bus.{_node_id(pid)}"
    points = [_q(f"{base}.{i}") for i in range(len(targets))]
    half = len(points) // 2
    if len(points) % 2:
        top, chain = points[half], points
    else:
        top = _q(f"{base}.m")
        chain = [*points[:half], top, *points[half:]]
    own = plan.frame.get(pid, "")
    frame = _common_frame([own, *(f for _, f in targets)], parents)
    if frame != own or not all(  # else a frame would cut through the bar: dot fails
        spans.only_below(k, f, frame, parents) for k, (_, f) in zip(boxes, targets, strict=True)
    ):
        return "", [], [f"{me}:s -> {t}:n;" for t, _ in targets]
    nodes = [f"{p} [shape=point, width=0.01, height=0.01, style=invis];" for p in chain]
    nodes.append(f"{{rank=same; {' '.join(chain)}}}")
    edges = [f"{me}:s -> {top} [weight=50];", " -> ".join(chain) + ";"]
    edges.extend(f"{p} -> {t}:n [weight=50];" for p, (t, _) in zip(points, targets, strict=True))
    return frame, nodes, edges


def _ref(plan: Plan, pid: str) -> str:
    """DOT name of where a position is drawn: its node, or its port of a stack node."""
    if pid in plan.stack_of:
        stack, j = plan.stack_of[pid]
        return f"{_q(stack.name)}:{_q(f'p{j}')}"
    return _q(_node_id(pid))


def _node_statements(ctx: _Ctx, sheet: Sheet, plan: Plan) -> dict[str, list[str]]:
    """Node statements by the unit whose frame holds them ("" = outside every frame)."""
    body: dict[str, list[str]] = {}
    for pid in sheet.positions:
        if pid in plan.stack_of:
            continue
        label = _box(ctx, pid, sheet.notes.get(pid, ()))
        target = body.setdefault(plan.frame.get(pid, ""), [])
        target.append(f"{_q(_node_id(pid))} [label=<{label}>];")
        assistants = plan.families[pid].assistants
        if assistants:
            same = " ".join(_q(_node_id(a)) for a in (pid, *assistants))
            target.append(f"{{rank=same; {same}}}")
        for stack in plan.stacks.get(pid, ()):
            label = _stack(ctx, sheet, stack.members)
            body.setdefault(plan.frame.get(stack.name, ""), []).append(
                f"{_q(stack.name)} [label=<{label}>];"
            )
    return body


def _edge_statements(ctx: _Ctx, sheet: Sheet, plan: Plan) -> list[str]:
    """Solid lines to assistants and of reporting cycles, then dotted lines (the tree's
    lines are `_bus`)."""
    graph = ctx.graph
    edges: list[str] = []
    for pid in sheet.positions:
        family, me = plan.families[pid], _q(_node_id(pid))
        edges.extend(
            f"{me} -> {_q(_node_id(a))};"
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


def lines_off_tree(
    graph: OrgGraph, sheet: Sheet
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Lines between boxes of the sheet that its tree does not draw, as (manager, report):
    solid lines outside the tree (reporting cycles), then dotted lines."""
    on_sheet = set(sheet.positions)
    placed = {(pid, kid) for pid in sheet.positions for kid in sheet.children.get(pid, ())}
    solid = [
        (pid, report)
        for pid in sheet.positions
        for report in graph.reports(pid)
        if report in on_sheet and (pid, report) not in placed
    ]
    dotted = [
        (manager, pid)
        for pid in sheet.positions
        for manager in graph.dotted_managers(pid)
        if manager in on_sheet
    ]
    return solid, dotted


def _unit_of(graph: OrgGraph, pid: str) -> str:
    return graph.unit_of(pid) or ""


def frame_tree(org: Org, graph: OrgGraph, holding: set[str]) -> dict[str | None, list[str]]:
    """Unit frames to draw, as children lists (None: the top), for units holding boxes.

    Frames nest like the unit tree. A unit that holds no box itself and only
    one unit with boxes gets no frame of its own (a chain of empty frames
    around one team says nothing); its child takes its place."""
    parents = _cluster_parents(org, graph)
    active: set[str] = set()
    for uid in holding:
        current: str | None = uid
        while current is not None and current not in active:
            active.add(current)
            current = parents.get(current)
    kids: dict[str | None, list[str]] = {}
    for uid in dict.fromkeys(u.id for u in org.units):
        if uid in active:
            kids.setdefault(parents.get(uid), []).append(uid)

    def effective(uid: str) -> str:
        while uid not in holding and len(kids.get(uid, [])) == 1:
            uid = kids[uid][0]
        return uid

    return {parent: [effective(k) for k in children] for parent, children in kids.items()}


def frame_walk(tree: Mapping[str | None, list[str]]) -> Iterator[tuple[str, int, bool]]:
    """The frames of a `frame_tree` depth first: (unit, nesting level from 1, False) on
    entering a frame, then its frames, then (unit, level, True) on leaving it."""
    stack: list[tuple[str, int, bool]] = [(u, 1, False) for u in reversed(tree.get(None, []))]
    while stack:
        uid, level, closing = stack.pop()
        yield uid, level, closing
        if not closing:
            stack.append((uid, level, True))
            stack.extend((k, level + 1, False) for k in reversed(tree.get(uid, [])))


def frame_blocks(
    tree: Mapping[str | None, list[str]],
    body: Mapping[str, list[str]],
    opening: Callable[[str], list[str]],
    end: str,
) -> list[str]:
    """The nested blocks of a `frame_tree`: each frame's `opening` lines, its statements
    from `body`, its frames, then `end`, indented two spaces per level."""
    lines: list[str] = []
    for uid, level, leaving in frame_walk(tree):
        pad = "  " * level
        if leaving:
            lines.append(pad + end)
            continue
        lines.extend(pad + s for s in opening(uid))
        lines.extend(f"{pad}  {s}" for s in body.get(uid, []))
    return lines


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


@dataclass(frozen=True)
class BoxText:
    """The text of one position's box, wrapped into lines (any chart format)."""

    title: tuple[str, ...]
    holders: tuple[str, ...]
    """Holder names, wrapped; empty when the position is vacant."""
    small: str
    """Seats filled/total when there are several seats, "assistant"; or ""."""
    notes: tuple[tuple[str, ...], ...]


def box_text(pos: Position, lang: str | None, notes: Sequence[str] = ()) -> BoxText:
    """Title, holder names (at most `NAMES_SHOWN`, then "+N more"), seats and notes of a box."""
    w = words(lang)
    names = [clean(n) for n in pos.holders if clean(n)]
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " " + w["more_names"].format(n=len(names) - NAMES_SHOWN)
    small: list[str] = []
    if pos.headcount > 1:
        small.append(w["filled"].format(filled=len(pos.holders), total=pos.headcount))
    if pos.assistant:
        small.append(w["assistant"])
    return BoxText(
        title=tuple(wrap(pos.label(lang), TITLE_WIDTH)),
        holders=tuple(wrap(shown, NAME_WIDTH)) if names else (),
        small=" · ".join(small),
        notes=tuple(tuple(wrap(note, NAME_WIDTH, 2)) for note in notes),
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


def dot_binary() -> str | None:
    """Path of Graphviz `dot`, or None."""
    return shutil.which("dot")


def needs_graphviz(suffix: str) -> bool:
    return suffix.lower() in GRAPHVIZ_FORMATS


def missing_graphviz_message(suffix: str) -> str:
    return (
        f"Graphviz `dot` is needed to draw {suffix} charts and was not found on PATH; "
        "install it with `sudo apt-get install graphviz` (Debian/Ubuntu), "
        "or write a .dot or .mmd chart, which needs no Graphviz"
    )


def run_dot(
    sources: Sequence[str], fmt: str, *, timeout: float = DOT_TIMEOUT, jobs: int | None = None
) -> list[bytes]:
    """Lay out and draw DOT sources with Graphviz, one output per source, in order.

    Sources are split into `jobs` batches (default: up to 2, the cores of a
    build machine), each drawn by one `dot` process reading all its graphs
    from one file (`-O` names the outputs `batch.gv.svg`, `batch.gv.2.svg`, ...).
    Raises GraphvizMissing, or ChartError when `dot` fails or runs out of time."""
    exe = dot_binary()
    if exe is None:
        raise GraphvizMissing(missing_graphviz_message("." + fmt))
    if not sources:
        return []
    count = max(1, min(jobs or min(os.cpu_count() or 1, 2), len(sources)))
    size = -(-len(sources) // count)
    batches = [list(sources[i : i + size]) for i in range(0, len(sources), size)]
    with tempfile.TemporaryDirectory(prefix="orgdesign-dot-") as tmp:
        procs: list[tuple[subprocess.Popen[bytes], Path, Path, int]] = []
        try:
            for i, batch in enumerate(batches):
                path = Path(tmp) / f"b{i}.gv"
                path.write_text("".join(batch), encoding="utf-8")
                err = Path(tmp) / f"b{i}.err"
                with err.open("wb") as err_handle:
                    proc = subprocess.Popen(
                        [exe, f"-T{fmt}", "-O", str(path)],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=err_handle,
                    )
                procs.append((proc, path, err, len(batch)))
            deadline = time.monotonic() + timeout
            for proc, _, _, _ in procs:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.01))
        except subprocess.TimeoutExpired as exc:
            raise ChartError(
                f"Graphviz took longer than {timeout:g} s; draw less with --root or --depth, "
                "or use --paginate"
            ) from exc
        finally:
            for proc, _, _, _ in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        outputs: list[bytes] = []
        for proc, path, err, n in procs:
            if proc.returncode != 0:
                message = err.read_text(encoding="utf-8", errors="replace").strip()
                tail = " ".join(message.splitlines()[-3:]) or f"exit status {proc.returncode}"
                raise ChartError(f"Graphviz could not draw the chart: {tail}")
            for k in range(n):
                name = f"{path.name}.{fmt}" if k == 0 else f"{path.name}.{k + 1}.{fmt}"
                target = path.with_name(name)
                if not target.exists():
                    raise ChartError(f"Graphviz wrote no {fmt} output for page {k + 1}")
                outputs.append(target.read_bytes())
        return outputs


def merge_pdfs(pages: Sequence[bytes], titles: Sequence[str]) -> bytes:
    """One PDF of the pages, in order, with one bookmark per page (needs `pypdf`)."""
    try:
        pypdf = importlib.import_module("pypdf")
    except ImportError as exc:
        raise ChartError(
            "a multi-page PDF needs the Python package pypdf (`pip install pypdf`); "
            "or write one SVG per page with `-o chart.svg --paginate`"
        ) from exc
    writer = pypdf.PdfWriter()
    for data, title in zip(pages, titles, strict=True):
        writer.append(io.BytesIO(data), outline_item=title)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- files --------------------------------------------------------------------------------


def pages_dir(out: Path) -> Path:
    """Folder of a paginated chart written one file per page: `chart.svg` -> `chart/`."""
    return out.with_suffix("")


def written_path(out: Path, options: ChartOptions) -> Path:
    """What a chart command writes: the file itself, or the folder of pages."""
    if options.paginate and out.suffix.lower() != ".pdf":
        return pages_dir(out)
    return out


def write_pages(out: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Write the page files into the folder of `out`, replacing an older chart's pages.

    A folder that holds anything but page files is left alone (ChartError)."""
    folder = pages_dir(out)
    if folder.exists():
        if not folder.is_dir():
            raise ChartError(f"{folder} exists and is not a folder; choose another -o")
        strangers = [p.name for p in folder.iterdir() if not PAGE_PATTERN.match(p.name)]
        if strangers:
            raise ChartError(
                f"{folder} holds files that are not chart pages ({strangers[0]}, ...); "
                "remove them or choose another -o"
            )
    with atomic_dir(folder) as tmp:
        for name, data in files:
            (tmp / name).write_bytes(data)


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


def page_title(graph: OrgGraph, options: ChartOptions, sheet: Sheet) -> str:
    """Short title of a page (PDF bookmark): its number and top position."""
    if sheet.unreachable or sheet.top is None:
        return f"{sheet.number}. {words(options.lang)['unreachable']}"
    return f"{sheet.number}. {clean(graph.positions[sheet.top].label(options.lang))}"
