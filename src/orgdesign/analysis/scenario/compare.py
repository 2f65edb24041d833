"""`scenario compare`: the base and its scenarios side by side.

Per organisation: positions, seats, vacancies, cost, layers, managers, the
span distribution of managers (seats of direct reports), the findings of the
target rules (TGT6xx) and of ORG106/ORG107, and RACI coverage (required
responsibilities with one A and at least one R). Computing only:
`orgdesign.output.reports.scenario_compare` writes them as text, Markdown and JSON.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.model import Org

SPAN_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("span 1-2", 1, 2),
    ("span 3-5", 3, 5),
    ("span 6-8", 6, 8),
    ("span 9-12", 9, 12),
    ("span 13+", 13, None),
)
TARGET_RULES = ("TGT601", "TGT602", "TGT603", "TGT604", "TGT605", "ORG106", "ORG107")
RACI_GAPS = ("RACI201", "RACI202", "RACI203")


@dataclass
class Column:
    """One organisation of the comparison."""

    name: str
    file: str
    metrics: dict[str, Any] = field(default_factory=dict)


def _raci_coverage(org: Org, findings: list[Finding]) -> str:
    required = [r for r in org.leaf_responsibilities() if r.required]
    if not required:
        return "-"
    broken = {f.element for f in findings if f.rule in RACI_GAPS}
    uncovered = {r.id for r in org.uncovered_required()}
    ok = [r for r in required if r.id not in uncovered and r.id not in broken]
    return f"{len(ok)}/{len(required)}"


def column(name: str, org: Org, findings: list[Finding]) -> Column:
    """The figures of one organisation."""
    graph = OrgGraph(org)
    spans = [graph.span(p.id) for p in org.positions if graph.is_manager(p.id)]
    costs = [float(p.cost) * p.headcount for p in org.positions if p.cost is not None]
    by_rule = Counter(f.rule for f in findings)
    metrics: dict[str, Any] = {
        "positions": len(org.positions),
        "seats": sum(p.headcount for p in org.positions),
        "vacancies": sum(p.vacancies for p in org.positions),
        "cost": round(sum(costs)),
        "layers": graph.max_layers,
        "managers": len(spans),
        "span median": statistics.median(spans) if spans else 0,
        "span max": max(spans, default=0),
    }
    for label, low, high in SPAN_BUCKETS:
        metrics[label] = sum(1 for s in spans if s >= low and (high is None or s <= high))
    for rule_id in TARGET_RULES:
        metrics[rule_id] = by_rule.get(rule_id, 0)
    metrics["errors"] = sum(1 for f in findings if f.severity.value == "error")
    metrics["RACI coverage"] = _raci_coverage(org, findings)
    return Column(name, org.root_file, metrics)
