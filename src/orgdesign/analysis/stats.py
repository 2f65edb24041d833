"""Figures of one organisation: what `orgdesign stats` computes and prints.

This module owns the numbers leadership compares structures with: people
(holders), seats, vacancies and the vacancy rate, cost (seats x cost per seat),
in total and per unit (the unit's own positions and its whole subtree); the
layers; the span-of-control distribution with the managers outside the
configured ORG106 range; dual-reporting positions; the RACI load of each
position; and the archetype inferred from the structure. It also renders them
as JSON, CSV (one figure per row), Markdown and rich tables; the fixed wording of
the last three is English or, for a `zh*` language tag, Simplified Chinese
(`Text` pairs; JSON keys stay English).
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from orgdesign.assemble.graph import OrgGraph
from orgdesign.domain.archetypes import infer_archetype
from orgdesign.findings import terminal_safe
from orgdesign.i18n import Text, text_lang
from orgdesign.model import Org, Position
from orgdesign.model.people import MultiSeat, multi_seat_people
from orgdesign.output.escape import formula_guard

NO_UNIT = "(no unit)"
NO_UNIT_NAME = Text(NO_UNIT, "（无部门）")
"""Name of the positions without a known unit."""
RACI_LETTERS = ("A", "R", "S", "C", "I")


@dataclass(frozen=True)
class Figures:
    """Headcount figures of a set of positions."""

    positions: int = 0
    seats: int = 0
    holders: int = 0
    vacancies: int = 0
    cost: float = 0.0
    """Sum of seats x cost per seat, over the positions whose cost is known."""
    uncosted_seats: int = 0
    """Seats of positions without a `cost`: not in `cost`."""

    @property
    def vacancy_rate(self) -> float:
        return self.vacancies / self.seats if self.seats else 0.0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.positions + other.positions,
            self.seats + other.seats,
            self.holders + other.holders,
            self.vacancies + other.vacancies,
            self.cost + other.cost,
            self.uncosted_seats + other.uncosted_seats,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "positions": self.positions,
            "seats": self.seats,
            "headcount": self.holders,
            "vacancies": self.vacancies,
            "vacancy_rate": round(self.vacancy_rate, 4),
            "cost": _number(self.cost),
            "uncosted_seats": self.uncosted_seats,
        }


def position_figures(pos: Position) -> Figures:
    """Figures of one position: its seats, holders, vacancies and cost."""
    costed = pos.cost is not None
    return Figures(
        positions=1,
        seats=pos.headcount,
        holders=len(pos.holders),
        vacancies=pos.vacancies,
        cost=pos.headcount * pos.cost if pos.cost is not None else 0.0,
        uncosted_seats=0 if costed else pos.headcount,
    )


def sum_figures(positions: list[Position]) -> Figures:
    total = Figures()
    for pos in positions:
        total = total + position_figures(pos)
    return total


@dataclass(frozen=True)
class UnitFigures:
    """One unit: its own positions and its whole subtree."""

    id: str
    name: str
    depth: int
    own: Figures
    total: Figures


@dataclass(frozen=True)
class ManagerSpan:
    """A manager's span of control and, when outside the range, on which side."""

    id: str
    title: str
    span: int
    side: str | None = None
    """`below` or `above` the configured range; None inside it."""


@dataclass(frozen=True)
class SpanStats:
    """Span of control of the managers (positions with direct reports)."""

    range_min: int
    range_max: int
    managers: list[ManagerSpan] = field(default_factory=list)
    """In file order."""

    @property
    def outliers(self) -> list[ManagerSpan]:
        return [m for m in self.managers if m.side]

    @property
    def distribution(self) -> dict[int, int]:
        """How many managers have each span."""
        return dict(sorted(Counter(m.span for m in self.managers).items()))

    def summary(self) -> dict[str, float | int | None]:
        values = [m.span for m in self.managers]
        if not values:
            return {"managers": 0, "min": None, "median": None, "mean": None, "max": None}
        return {
            "managers": len(values),
            "min": min(values),
            "median": _number(float(statistics.median(values))),
            "mean": round(statistics.fmean(values), 2),
            "max": max(values),
        }


@dataclass(frozen=True)
class DualPosition:
    id: str
    title: str
    solid: str | None
    dotted: list[str]


@dataclass(frozen=True)
class RaciLoad:
    """How often a position appears in the RACI, per letter."""

    id: str
    title: str
    counts: dict[str, int]
    overloaded: bool
    """A on more responsibilities than the RACI206 maximum."""


@dataclass(frozen=True)
class ArchetypeFigures:
    declared: str | None
    inferred: str
    scores: dict[str, float]
    reasons: list[str]


@dataclass(frozen=True)
class OrgStats:
    """Everything `orgdesign stats` reports about one organisation."""

    organization: str
    name: str
    total: Figures
    units: list[UnitFigures]
    layers: int
    per_layer: dict[int, Figures]
    span: SpanStats
    dual: list[DualPosition]
    raci: list[RaciLoad]
    raci_max_a: int
    archetype: ArchetypeFigures
    multi_seat: list[MultiSeat] = field(default_factory=list)
    """People holding seats in several positions."""


# --- computing ---------------------------------------------------------------------------


def unit_order(graph: OrgGraph) -> list[tuple[str, int]]:
    """Units depth first from the root units, children in file order, with their depth."""
    children: dict[str, list[str]] = {}
    for unit in graph.org.units:
        if unit.parent and unit.parent in graph.units:
            children.setdefault(unit.parent, []).append(unit.id)
    order: list[tuple[str, int]] = []
    seen: set[str] = set()
    stack = [(uid, 0) for uid in reversed(graph.unit_roots)]
    while stack:
        uid, depth = stack.pop()
        if uid in seen:
            continue
        seen.add(uid)
        order.append((uid, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(uid, [])))
    # Units in a cycle are reachable from no root: list them flat at the end.
    order.extend((u.id, 0) for u in graph.org.units if u.id not in seen)
    return order


def unit_figures(graph: OrgGraph, lang: str | None = None) -> list[UnitFigures]:
    """Figures of each unit (tree order), then of the positions without a known unit."""
    order = unit_order(graph)
    own = {
        uid: sum_figures(graph.positions_holding(graph.positions_in_unit(uid))) for uid, _ in order
    }
    total = _subtree_totals(graph, own)
    out = [
        UnitFigures(uid, graph.units[uid].label(lang), depth, own[uid], total[uid])
        for uid, depth in order
    ]
    loose = [p for p in graph.org.positions if graph.unit_of(p.id) is None]
    if loose:
        figures = sum_figures(loose)
        out.append(UnitFigures(NO_UNIT, NO_UNIT_NAME(lang), 0, figures, figures))
    return out


def _subtree_totals(graph: OrgGraph, own: dict[str, Figures]) -> dict[str, Figures]:
    """Each unit's figures with all its sub-units': children first, so linear in the units."""
    reached = graph.unit_intervals
    by_entry = sorted(reached, key=lambda uid: reached[uid][0], reverse=True)
    total: dict[str, Figures] = {}
    for uid in by_entry:  # every sub-unit is entered after its parent: done before it here
        total[uid] = total.get(uid, Figures()) + own[uid]
        parent = graph.units[uid].parent
        if parent in reached and parent != uid:
            total[parent] = total.get(parent, Figures()) + total[uid]
    for uid in own:  # in or below a `parent` cycle: the subtree as the unit tree has it
        if uid not in total:
            total[uid] = sum_figures(graph.positions_holding(graph.positions_in_subtree(uid)))
    return total


def layer_figures(graph: OrgGraph) -> dict[int, Figures]:
    """Figures of the positions on each layer (the top position is layer 1)."""
    by_layer: dict[int, list[Position]] = {}
    for pid, layer in graph.layers.items():
        by_layer.setdefault(layer, []).append(graph.positions[pid])
    return {layer: sum_figures(by_layer[layer]) for layer in sorted(by_layer)}


def span_stats(
    graph: OrgGraph, range_min: int, range_max: int, lang: str | None = None
) -> SpanStats:
    """Spans of every manager, flagged outside [range_min, range_max] (as ORG106 counts them)."""
    managers: list[ManagerSpan] = []
    for pos in graph.org.positions:
        span = graph.span(pos.id) if graph.is_manager(pos.id) else 0
        if span == 0:
            continue
        side = "below" if span < range_min else "above" if span > range_max else None
        managers.append(ManagerSpan(pos.id, pos.label(lang), span, side))
    return SpanStats(range_min, range_max, managers)


def dual_positions(graph: OrgGraph, lang: str | None = None) -> list[DualPosition]:
    return [
        DualPosition(
            pid, graph.positions[pid].label(lang), graph.manager(pid), graph.dotted_managers(pid)
        )
        for pid in graph.dual_positions
    ]


def raci_load(org: Org, graph: OrgGraph, max_a: int, lang: str | None = None) -> list[RaciLoad]:
    """RACI letters per position, most accountable first (positions never named are left out)."""
    counts: dict[str, Counter[str]] = {}
    for entry in org.raci:
        for letter, pid, _ in entry.letters():
            counts.setdefault(pid, Counter())[letter] += 1
    order = {p.id: i for i, p in enumerate(org.positions)}
    loads = [
        RaciLoad(
            pid,
            graph.positions[pid].label(lang) if pid in graph.positions else pid,
            {letter: count[letter] for letter in RACI_LETTERS},
            count["A"] > max_a,
        )
        for pid, count in counts.items()
    ]
    return sorted(
        loads, key=lambda x: (-x.counts["A"], -x.counts["R"], order.get(x.id, len(order)), x.id)
    )


def archetype_figures(org: Org, graph: OrgGraph) -> ArchetypeFigures:
    inference = infer_archetype(org, graph)
    return ArchetypeFigures(
        declared=org.archetype,
        inferred=inference.archetype,
        scores=dict(inference.scores),
        reasons=list(inference.reasons),
    )


def compute_stats(
    org: Org,
    graph: OrgGraph | None = None,
    *,
    span_min: int = 2,
    span_max: int = 12,
    max_a: int = 15,
    lang: str | None = None,
) -> OrgStats:
    """All the figures of one organisation; span range and A maximum as configured."""
    graph = graph or OrgGraph(org)
    orgn = org.organization
    return OrgStats(
        organization=orgn.id if orgn else "",
        name=orgn.label(lang) if orgn else "",
        total=sum_figures(org.positions),
        units=unit_figures(graph, lang),
        layers=graph.max_layers,
        per_layer=layer_figures(graph),
        span=span_stats(graph, span_min, span_max, lang),
        dual=dual_positions(graph, lang),
        raci=raci_load(org, graph, max_a, lang),
        raci_max_a=max_a,
        archetype=archetype_figures(org, graph),
        multi_seat=multi_seat_people(org),
    )


# --- rendering ---------------------------------------------------------------------------


def _number(value: float) -> float | int:
    """Integral floats as ints, so `420000.0` prints as `420000`."""
    return int(value) if float(value).is_integer() else round(value, 2)


def _money(value: float) -> str:
    number = _number(value)
    return f"{number:,}" if isinstance(number, int) else f"{number:,.2f}"


def _pct(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def to_dict(stats: OrgStats) -> dict[str, Any]:
    """The figures as one JSON-ready object."""
    return {
        "organization": {"id": stats.organization, "name": stats.name},
        "total": stats.total.as_dict(),
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "depth": u.depth,
                "own": u.own.as_dict(),
                "total": u.total.as_dict(),
            }
            for u in stats.units
        ],
        "layers": {
            "max": stats.layers,
            "per_layer": [
                {"layer": layer, **fig.as_dict()} for layer, fig in stats.per_layer.items()
            ],
        },
        "span_of_control": {
            **stats.span.summary(),
            "range": {"min": stats.span.range_min, "max": stats.span.range_max},
            "distribution": {str(k): v for k, v in stats.span.distribution.items()},
            "per_manager": [
                {"id": m.id, "title": m.title, "span": m.span, "outside_range": m.side}
                for m in stats.span.managers
            ],
            "outside_range": [
                {"id": o.id, "title": o.title, "span": o.span, "side": o.side}
                for o in stats.span.outliers
            ],
        },
        "dual_reporting": [
            {"id": d.id, "title": d.title, "solid": d.solid, "dotted": d.dotted} for d in stats.dual
        ],
        "raci_load": {
            "max_a": stats.raci_max_a,
            "positions": [
                {"id": r.id, "title": r.title, **r.counts, "overloaded": r.overloaded}
                for r in stats.raci
            ],
        },
        "people_in_several_seats": {
            "count": len(stats.multi_seat),
            "people": [
                {"name": m.name, "employee_id": m.employee_id, "positions": list(m.positions)}
                for m in stats.multi_seat
            ],
        },
        "archetype": {
            "declared": stats.archetype.declared,
            "inferred": stats.archetype.inferred,
            "scores": stats.archetype.scores,
            "reasons": stats.archetype.reasons,
        },
    }


def render_json(stats: OrgStats) -> str:
    return json.dumps(to_dict(stats), indent=2, ensure_ascii=False) + "\n"


class StatsText:
    """Fixed wording of the Markdown, rich and CSV renderings of `stats`."""

    figures = Text("# {title}: figures", "# {title}：组织数据")
    total = Text("Total", "总计")
    per_unit = Text("Per unit (including sub-units)", "各部门（含下级部门）")
    per_unit_rich = Text("per unit, including sub-units", "各部门（含下级部门）")
    unit = Text("unit", "部门")
    layers = Text("Layers", "层级")
    layer_count = Text("{layers} layers.", "共 {layers} 个层级。")
    layer = Text("layer", "层级")
    span_of_control = Text("Span of control", "管理幅度")
    span = Text("span", "管理幅度")
    managers = Text("managers", "管理者数")
    manager = Text("manager", "管理者")
    side = Text("side", "方向")
    no_managers = Text("No position has direct reports.", "没有岗位有直接下属。")
    span_line = Text(
        "{managers} managers; span min {min}, median {median}, mean {mean}, max {max} "
        "(configured range {range_min}..{range_max}).",
        "{managers} 名管理者；管理幅度最小 {min}，中位数 {median}，平均 {mean}，最大 {max}"
        "（配置范围 {range_min}..{range_max}）。",
    )
    outside = Text("Outside the range:", "超出范围：")
    outside_rich = Text("Outside {range_min}..{range_max}", "超出 {range_min}..{range_max}")
    outlier = Text("{title} ({id}): {span}, {side} the range", "{title} ({id})：{span}，{side}范围")
    below = Text("below", "低于")
    above = Text("above", "高于")
    dual = Text("Dual reporting", "双线汇报")
    position = Text("position", "岗位")
    solid = Text("solid line", "实线上级")
    dotted = Text("dotted lines", "虚线上级")
    no_dual = Text("No dual-reporting position.", "没有双线汇报的岗位。")
    raci_md = Text("RACI load (A above {max_a} is flagged)", "RACI 负荷（A 超过 {max_a} 项即标记）")
    raci_rich = Text("RACI load (A above {max_a} flagged)", "RACI 负荷（A 超过 {max_a} 项标记）")
    flag = Text("flag", "标记")
    overloaded = Text("overloaded", "过载")
    no_raci = Text("No RACI assignments.", "没有 RACI 分配。")
    archetype = Text("Archetype", "组织原型")
    archetype_col = Text("archetype", "原型")
    score = Text("score", "得分")
    inferred = Text(
        "Inferred: {inferred} ({declared}{agree}).", "推断：{inferred}（{declared}{agree}）。"
    )
    declared = Text("declared {declared}", "声明为 {declared}")
    none_declared = Text("none declared", "未声明")
    matches = Text("; matches", "；一致")
    differs = Text("; differs from the declared one", "；与声明的不同")
    uncosted = Text(" (+{seats} seats uncosted)", "（另有 {seats} 个编制未计成本）")
    uncosted_note = Text(
        "* {seats} seat(s) have no cost and are not counted.", "* {seats} 个编制没有成本，未计入。"
    )
    layers_rich = Text("Layers: {layers}", "层级：{layers}")


FIGURE_COLUMNS = (
    Text("positions", "岗位数"),
    Text("seats", "编制"),
    Text("headcount", "在岗"),
    Text("vacancies", "空缺"),
    Text("vacancy rate", "空缺率"),
    Text("cost", "成本"),
)

RICH_COLUMNS = (
    Text("pos.", "岗位"),
    Text("seats", "编制"),
    Text("people", "在岗"),
    Text("vacant", "空缺"),
    Text("rate", "空缺率"),
    Text("cost", "成本"),
)

CSV_HEADER = (
    Text("section", "类别"),
    Text("id", "编号"),
    Text("name", "名称"),
    Text("metric", "指标"),
    Text("value", "数值"),
)

CSV_SECTIONS: dict[str, Text] = {
    "total": Text("total", "总计"),
    "unit": Text("unit", "部门"),
    "unit-own": Text("unit-own", "部门本级"),
    "layers": Text("layers", "层级"),
    "layer": Text("layer", "层"),
    "span": Text("span", "管理幅度"),
    "span-distribution": Text("span-distribution", "管理幅度分布"),
    "manager": Text("manager", "管理者"),
    "dual": Text("dual", "双线汇报"),
    "raci": Text("raci", "RACI"),
    "archetype": Text("archetype", "组织原型"),
    "archetype-score": Text("archetype-score", "原型得分"),
    "people-in-several-seats": Text("people-in-several-seats", "一人多岗人数"),
    "several-seats": Text("several-seats", "一人多岗"),
}
"""CSV section id -> its wording."""

CSV_METRICS: dict[str, Text] = {
    "positions": Text("positions", "岗位数"),
    "seats": Text("seats", "编制"),
    "headcount": Text("headcount", "在岗"),
    "vacancies": Text("vacancies", "空缺"),
    "vacancy_rate": Text("vacancy_rate", "空缺率"),
    "cost": Text("cost", "成本"),
    "uncosted_seats": Text("uncosted_seats", "未计成本编制"),
    "max": Text("max", "最大值"),
    "min": Text("min", "最小值"),
    "median": Text("median", "中位数"),
    "mean": Text("mean", "平均值"),
    "managers": Text("managers", "管理者数"),
    "range_min": Text("range_min", "范围下限"),
    "range_max": Text("range_max", "范围上限"),
    "span": Text("span", "管理幅度"),
    "outside_range": Text("outside_range", "超出范围"),
    "solid": Text("solid", "实线上级"),
    "dotted": Text("dotted", "虚线上级"),
    "overloaded": Text("overloaded", "过载"),
    "declared": Text("declared", "声明"),
    "inferred": Text("inferred", "推断"),
    "count": Text("count", "人数"),
    "positions_held": Text("positions_held", "所任岗位"),
}
"""CSV metric id -> its wording (RACI letters and archetype ids stay as they are)."""


def _side(side: str | None, lang: str | None) -> str:
    """`below` / `above` in the text language."""
    if side == "below":
        return StatsText.below(lang)
    if side == "above":
        return StatsText.above(lang)
    return side or ""


def csv_rows(stats: OrgStats, lang: str | None = None) -> list[list[str]]:
    """One figure per row: section, id, name, metric, value (a tidy table for spreadsheets)."""
    rows: list[list[str]] = [[t(lang) for t in CSV_HEADER]]

    def add(section: str, ident: str, name: str, metrics: dict[str, Any]) -> None:
        label = CSV_SECTIONS[section](lang)
        for metric, value in metrics.items():
            known = CSV_METRICS.get(metric) if section != "archetype-score" else None
            rows.append(
                [
                    label,
                    ident,
                    name,
                    known(lang) if known else metric,
                    "" if value is None else str(value),
                ]
            )

    add("total", stats.organization, stats.name, stats.total.as_dict())
    for unit in stats.units:
        add("unit", unit.id, unit.name, unit.total.as_dict())
        add("unit-own", unit.id, unit.name, unit.own.as_dict())
    add("layers", "", "", {"max": stats.layers})
    for layer, fig in stats.per_layer.items():
        add("layer", str(layer), "", fig.as_dict())
    add("span", "", "", stats.span.summary())
    add("span", "", "", {"range_min": stats.span.range_min, "range_max": stats.span.range_max})
    for span, count in stats.span.distribution.items():
        add("span-distribution", str(span), "", {"managers": count})
    for manager in stats.span.managers:
        metrics: dict[str, Any] = {"span": manager.span}
        if manager.side:
            metrics["outside_range"] = _side(manager.side, lang)
        add("manager", manager.id, manager.title, metrics)
    for dual in stats.dual:
        add("dual", dual.id, dual.title, {"solid": dual.solid, "dotted": ";".join(dual.dotted)})
    for load in stats.raci:
        add("raci", load.id, load.title, {**load.counts, "overloaded": load.overloaded})
    add("people-in-several-seats", "", "", {"count": len(stats.multi_seat)})
    for person in stats.multi_seat:
        add(
            "several-seats",
            person.employee_id or "",
            person.name,
            {"positions": ";".join(person.positions)},
        )
    arch = stats.archetype
    add("archetype", "", "", {"declared": arch.declared, "inferred": arch.inferred})
    add("archetype-score", "", "", arch.scores)
    return [[_csv_safe(cell) for cell in row] for row in rows]


def _csv_safe(cell: str) -> str:
    """Neutralise spreadsheet formulas (`escape.formula_guard`)."""
    return formula_guard(cell)


def render_csv(stats: OrgStats, lang: str | None = None) -> str:
    buffer = io.StringIO()
    # CRLF (RFC 4180): the csv module quotes a field holding a lone CR only when CR is in the
    # line terminator; with "\n" a title "\r" split its row in two for every reader.
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(stats, lang))
    return buffer.getvalue()


def _md_cell(value: object) -> str:
    """Text safe in a Markdown table cell: no table breaks, no live HTML."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


def _figure_cells(fig: Figures, lang: str | None = None) -> list[object]:
    cost = _money(fig.cost) + (
        StatsText.uncosted(lang, seats=fig.uncosted_seats) if fig.uncosted_seats else ""
    )
    return [
        fig.positions,
        fig.seats,
        fig.holders,
        fig.vacancies,
        _pct(fig.vacancy_rate),
        cost,
    ]


def _span_line(stats: OrgStats, lang: str | None = None) -> str:
    summary = stats.span.summary()
    if not summary["managers"]:
        return StatsText.no_managers(lang)
    return StatsText.span_line(
        lang, **summary, range_min=stats.span.range_min, range_max=stats.span.range_max
    )


def _outlier_text(o: ManagerSpan, lang: str | None = None) -> str:
    return StatsText.outlier(lang, title=o.title, id=o.id, span=o.span, side=_side(o.side, lang))


def render_markdown(stats: OrgStats, lang: str | None = None) -> str:
    t = StatsText
    title = stats.name or stats.organization
    figure_header = [c(lang) for c in FIGURE_COLUMNS]
    lines = [t.figures(lang, title=_md_cell(title)), "", f"## {t.total(lang)}", ""]
    lines += _md_table(figure_header, [_figure_cells(stats.total, lang)])
    lines += ["", f"## {t.per_unit(lang)}", ""]
    lines += _md_table(
        [t.unit(lang), *figure_header],
        [
            ["\u2003" * u.depth + f"{u.name} ({u.id})", *_figure_cells(u.total, lang)]
            for u in stats.units
        ],
    )
    lines += ["", f"## {t.layers(lang)}", "", t.layer_count(lang, layers=stats.layers), ""]
    lines += _md_table(
        [t.layer(lang), FIGURE_COLUMNS[0](lang), FIGURE_COLUMNS[1](lang)],
        [[layer, fig.positions, fig.seats] for layer, fig in stats.per_layer.items()],
    )
    lines += ["", f"## {t.span_of_control(lang)}", "", _span_line(stats, lang), ""]
    if stats.span.distribution:
        lines += _md_table(
            [t.span(lang), t.managers(lang)],
            [[k, v] for k, v in stats.span.distribution.items()],
        )
        lines.append("")
    if stats.span.outliers:
        lines.append(t.outside(lang))
        lines += [f"- {_md_cell(_outlier_text(o, lang))}" for o in stats.span.outliers]
        lines.append("")
    lines += [f"## {t.dual(lang)}", ""]
    if stats.dual:
        lines += _md_table(
            [t.position(lang), t.solid(lang), t.dotted(lang)],
            [[f"{d.title} ({d.id})", d.solid, ", ".join(d.dotted)] for d in stats.dual],
        )
    else:
        lines.append(t.no_dual(lang))
    lines += ["", f"## {t.raci_md(lang, max_a=stats.raci_max_a)}", ""]
    if stats.raci:
        lines += _md_table(
            [t.position(lang), *RACI_LETTERS, t.flag(lang)],
            [
                [
                    f"{r.title} ({r.id})",
                    *(r.counts[x] for x in RACI_LETTERS),
                    t.overloaded(lang) if r.overloaded else "",
                ]
                for r in stats.raci
            ],
        )
    else:
        lines.append(t.no_raci(lang))
    lines += ["", f"## {t.archetype(lang)}", "", _archetype_line(stats.archetype, lang), ""]
    lines += _md_table(
        [t.archetype_col(lang), t.score(lang)],
        [[k, v] for k, v in stats.archetype.scores.items()],
    )
    lines += [""] + [f"- {_md_cell(reason)}" for reason in stats.archetype.reasons]
    return "\n".join(lines).rstrip("\n") + "\n"


def _archetype_line(arch: ArchetypeFigures, lang: str | None = None) -> str:
    t = StatsText
    declared = t.declared(lang, declared=arch.declared) if arch.declared else t.none_declared(lang)
    agree = ""
    if arch.declared:
        agree = t.matches(lang) if arch.declared == arch.inferred else t.differs(lang)
    return t.inferred(lang, inferred=arch.inferred, declared=declared, agree=agree)


def _rich_cells(fig: Figures) -> list[str]:
    return [
        str(fig.positions),
        str(fig.seats),
        str(fig.holders),
        str(fig.vacancies),
        _pct(fig.vacancy_rate),
        _money(fig.cost) + ("*" if fig.uncosted_seats else ""),
    ]


def render_rich(stats: OrgStats, lang: str | None = None) -> RenderableType:
    """Tables for a terminal."""
    t = StatsText
    parts: list[RenderableType] = []
    title = escape(terminal_safe(stats.name or stats.organization))
    separator = "：" if text_lang(lang) == "zh" else ": "
    units = Table(
        title=f"[bold]{title}[/bold]{separator}{t.per_unit_rich(lang)}", title_justify="left"
    )
    units.add_column(t.unit(lang), ratio=1, overflow="fold")
    for column in RICH_COLUMNS:
        units.add_column(column(lang), justify="right", no_wrap=True)
    units.add_row(
        f"[bold]{t.total(lang).lower()}[/bold]", *_rich_cells(stats.total), end_section=True
    )
    for u in stats.units:
        label = escape(terminal_safe("  " * u.depth + u.name)) + f" [dim]({escape(u.id)})[/dim]"
        units.add_row(label, *_rich_cells(u.total))
    parts.append(units)
    if stats.total.uncosted_seats:
        parts.append(t.uncosted_note(lang, seats=stats.total.uncosted_seats))

    layers = Table(title=t.layers_rich(lang, layers=stats.layers), title_justify="left")
    for col in (t.layer(lang), FIGURE_COLUMNS[0](lang), FIGURE_COLUMNS[1](lang)):
        layers.add_column(col, justify="right")
    for layer, fig in stats.per_layer.items():
        layers.add_row(str(layer), str(fig.positions), str(fig.seats))
    parts.append(layers)

    spans = Table(title=t.span_of_control(lang), title_justify="left")
    spans.add_column(t.span(lang), justify="right")
    spans.add_column(t.managers(lang), justify="right")
    for span, count in stats.span.distribution.items():
        spans.add_row(str(span), str(count))
    parts.append(spans)
    parts.append(escape(_span_line(stats, lang)))
    if stats.span.outliers:
        outside = Table(
            title=t.outside_rich(
                lang, range_min=stats.span.range_min, range_max=stats.span.range_max
            ),
            title_justify="left",
        )
        outside.add_column(t.manager(lang), ratio=1, overflow="fold")
        outside.add_column(t.span(lang), justify="right")
        outside.add_column(t.side(lang))
        for m in stats.span.outliers:
            outside.add_row(
                escape(f"{m.title} ({m.id})"),
                str(m.span),
                f"[yellow]{escape(_side(m.side, lang))}[/yellow]",
            )
        parts.append(outside)

    if stats.dual:
        dual = Table(title=t.dual(lang), title_justify="left")
        for col in (t.position(lang), t.solid(lang), t.dotted(lang)):
            dual.add_column(col)
        for d in stats.dual:
            dual.add_row(escape(f"{d.title} ({d.id})"), d.solid or "", ", ".join(d.dotted))
        parts.append(dual)

    if stats.raci:
        raci = Table(title=t.raci_rich(lang, max_a=stats.raci_max_a), title_justify="left")
        raci.add_column(t.position(lang))
        for letter in RACI_LETTERS:
            raci.add_column(letter, justify="right")
        raci.add_column("")
        for r in stats.raci:
            flag = f"[yellow]{t.overloaded(lang)}[/yellow]" if r.overloaded else ""
            raci.add_row(
                escape(f"{r.title} ({r.id})"), *(str(r.counts[x]) for x in RACI_LETTERS), flag
            )
        parts.append(raci)

    arch = Table(title=t.archetype(lang), title_justify="left")
    arch.add_column(t.archetype_col(lang))
    arch.add_column(t.score(lang), justify="right")
    for name, score in stats.archetype.scores.items():
        arch.add_row(name, f"{score:.2f}")
    parts.append(arch)
    parts.append(escape(_archetype_line(stats.archetype, lang)))
    if stats.archetype.reasons:
        parts.append(escape("\n".join(f"- {r}" for r in stats.archetype.reasons)))
    return Group(*parts)
