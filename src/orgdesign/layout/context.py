"""Options of a chart layout and what each box says.

This module owns `LayoutOptions` (what to lay out, on what paper), paper
sizes, and the text of boxes beyond the position itself (`notes`: manager on
another page, positions hidden by `--depth`, dotted lines with the page of the
other end), measured once per distinct content (`Boxes`), and the page
references of a page (`markers`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from orgdesign.assemble.graph import OrgGraph
from orgdesign.i18n import join
from orgdesign.layout.boxes import BoxContent, box_content
from orgdesign.layout.model import Marker
from orgdesign.layout.scope import Scope, Selection
from orgdesign.layout.text import Fonts, clean
from orgdesign.model import Org

PAPERS: Mapping[str, tuple[float, float]] = {
    "a4": (595.28, 841.89),
    "a3": (841.89, 1190.55),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}
"""Paper sizes, portrait (width, height), points."""
DOTTED_SHOWN = 3
"""Dotted-line reports named in a manager's box before "+N more"."""
FAR = 999
"""Page number used to size boxes before pages are known (three digits, as wide as any)."""


@dataclass(frozen=True)
class LayoutOptions(Selection):
    """What to lay out (`Selection`) and on what paper."""

    paper: str | None = None
    """a4, a3, letter, tabloid; None: one page the size of the drawing."""
    landscape: bool = True
    min_font: float = 6.0
    """Smallest printed text size on paper, points."""
    highlight: Mapping[str, str] = field(default_factory=dict)
    """Position id -> border colour (diff charts)."""
    version: str = ""
    date: str = ""
    extra_notes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Position id -> lines added to its box (diff charts: "added", "was titled ...")."""
    highlight_legend: tuple[tuple[str, str], ...] = ()
    """(meaning, border colour) of each highlight colour, named in the legend."""
    page_offset: int = 0
    """Pages of the document before the chart's first page (a deck's overview slide): every
    page number the chart prints (references, footers, page titles) is this much higher, so
    that it names the page or slide a reader sees."""


def paper_size(name: str, landscape: bool) -> tuple[float, float]:
    w, h = PAPERS[name]
    return (h, w) if landscape else (w, h)


@dataclass(frozen=True)
class Ctx:
    org: Org
    graph: OrgGraph
    options: LayoutOptions
    fonts: Fonts
    scope: Scope
    words: Mapping[str, str]

    def title(self, pid: str) -> str:
        return clean(self.graph.positions[pid].label(self.options.lang))


def notes(
    ctx: Ctx, pid: str, page_of: Mapping[str, int] | None, page: int, root: bool
) -> list[str]:
    """Extra lines of a full box: manager on another page, hidden positions, dotted lines.

    `page_of` None means "not known yet": every reference gets page `FAR`."""
    w, graph = ctx.words, ctx.graph
    drawn = ctx.scope.children

    def elsewhere(other: str) -> int | None:
        """The printed number of the page where `other` is drawn in full, if not this one."""
        if other not in drawn:
            return None
        if page_of is None:
            return FAR
        p = page_of.get(other)
        return p + ctx.options.page_offset if p is not None and p != page else None

    out: list[str] = list(ctx.options.extra_notes.get(pid, ()))
    boss = graph.manager(pid)
    if root and boss is not None and (p := elsewhere(boss)) is not None:
        out.append(w["reports_to_page"].format(title=ctx.title(boss), page=p))
    if pid in ctx.scope.hidden:
        out.append(w["below"].format(n=ctx.scope.hidden[pid]))
    for m in graph.dotted_managers(pid):
        p = elsewhere(m)
        key = "dotted_to_page" if p is not None else "dotted_to"
        out.append(w[key].format(title=ctx.title(m), page=p))
    reports = graph.dotted_reports(pid)
    if reports:
        names = []
        for r in reports[:DOTTED_SHOWN]:
            p = elsewhere(r)
            names.append(w["on_page"].format(title=ctx.title(r), page=p) if p else ctx.title(r))
        if len(reports) > DOTTED_SHOWN:
            names.append(w["more_dotted"].format(n=len(reports) - DOTTED_SHOWN))
        out.append(w["dotted_reports"].format(names=join(names, ctx.options.lang)))
    return out


class Boxes:
    """Box contents, computed once per distinct (position, notes)."""

    def __init__(self, ctx: Ctx) -> None:
        self.ctx = ctx
        self.memo: dict[tuple[object, ...], BoxContent] = {}

    def get(self, pid: str, lines: Sequence[str]) -> BoxContent:
        pos = self.ctx.graph.positions[pid]
        label = pos.label(self.ctx.options.lang)
        key = (label, tuple(pos.holders), pos.headcount, pos.assistant, tuple(lines))
        got = self.memo.get(key)
        if got is None:
            got = box_content(self.ctx.fonts, pos, self.ctx.options.lang, lines)
            self.memo[key] = got
        return got

    def stub(self, pid: str, page: int) -> BoxContent:
        """The box standing for a position drawn in full on `page` (layout numbering)."""
        shown = page + self.ctx.options.page_offset
        return self.get(pid, [self.ctx.words["continued"].format(page=shown)])


class StubSizes(dict[str, tuple[float, float]]):
    """Sizes of stub boxes, measured when first asked for (only cut positions need one)."""

    def __init__(self, boxes: Boxes) -> None:
        super().__init__()
        self.boxes = boxes

    def __missing__(self, pid: str) -> tuple[float, float]:
        c = self.boxes.stub(pid, FAR)
        self[pid] = (c.w, c.h)
        return self[pid]


def markers(ctx: Ctx, pid: str, page_of: Mapping[str, int], page: int, root: bool) -> list[Marker]:
    out: list[Marker] = []
    boss = ctx.graph.manager(pid)
    if root and boss is not None and boss in page_of and page_of[boss] != page:
        out.append(Marker("reports_to", pid, page_of[boss], boss))
    for m in ctx.graph.dotted_managers(pid):
        if m in page_of and page_of[m] != page:
            out.append(Marker("dotted_to", pid, page_of[m], m))
    for r in ctx.graph.dotted_reports(pid):
        if r in page_of and page_of[r] != page:
            out.append(Marker("dotted_from", pid, page_of[r], r))
    return out
