"""Where the marketing function of an organisation is: what the archetypes judge.

The archetypes of the seed documents (lean, functional, matrix, divisional)
describe a marketing function, not a whole IT or shipping company. This module
owns finding that function, in this order of evidence:

1. `organization.function: marketing`: the whole file is the marketing function;
2. units marked `function: marketing`, with the units below them;
3. the positions R or A on marketing responsibilities (those of the built-in
   catalogue's areas, or with a marketing `stage` or duty `dimension`);
4. units named for marketing or brand (`Marketing`, `市场部`, `品牌部`), with
   the units below them (HR exports carry no `function`);
5. a declared `organization.archetype` or `organization.profile`: the author says
   the file is a marketing organisation;
6. otherwise there is no marketing function, and nothing marketing-specific is said.

It imports only the model and the graph.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdesign.assemble.graph import OrgGraph
from orgdesign.model import Org

MARKETING = "marketing"
MARKETING_AREAS = (
    "insight",
    "brand",
    "campaigns",
    "customer",
    "digital",
    "collaboration",
    "leadership",
)
"""Top-level areas of `builtin:marketing`."""
MARKETING_WORDS = ("marketing", "brand", "市场", "营销", "品牌", "市場", "營銷")


@dataclass(frozen=True)
class MarketingScope:
    """The marketing function: its positions, its units and how it was found."""

    positions: frozenset[str]
    units: frozenset[str]
    source: str
    """`organisation`, `marked`, `raci`, `named`, `declared` or `none`."""
    roots: tuple[str, ...] = ()
    """Names of the top units of the function (`Marketing (20)`), for messages."""

    @property
    def label(self) -> str:
        shown = ", ".join(self.roots[:4]) + (" …" if len(self.roots) > 4 else "")
        return shown or "the whole organisation"

    @property
    def found(self) -> bool:
        return self.source != "none"


def _subtrees(graph: OrgGraph, roots: list[str]) -> frozenset[str]:
    out: set[str] = set()
    for uid in roots:
        out |= graph.unit_subtree(uid)
    return frozenset(out)


def _roots(graph: OrgGraph, uids: list[str]) -> tuple[str, ...]:
    """`Name (id)` of each unit not below another one of `uids`."""
    chosen = set(uids)
    tops = [u for u in uids if not chosen & set(graph.unit_ancestors(u))]
    return tuple(f"{graph.units[u].name} ({u})" if graph.units[u].name != u else u for u in tops)


def _in_units(org: Org, units: frozenset[str]) -> frozenset[str]:
    return frozenset(p.id for p in org.positions if p.unit in units)


def marketing_responsibilities(org: Org) -> frozenset[str]:
    """Responsibility ids that are marketing work (built-in areas, a stage or a dimension)."""
    out = set()
    for top in org.responsibilities:
        for item, _parent in top.walk():
            if top.id in MARKETING_AREAS or item.stage or item.dimension:
                out.add(item.id)
    return frozenset(out)


def _doing(org: Org) -> frozenset[str]:
    """Positions R or A on a marketing responsibility."""
    known = org.position_by_id
    wanted = marketing_responsibilities(org)
    return frozenset(
        pid
        for entry in org.raci
        if entry.responsibility in wanted
        for pid in (*entry.R, *entry.A)
        if pid in known
    )


def _named(org: Org) -> list[str]:
    return [
        u.id
        for u in org.units
        if u.function is None
        and any(
            w in f"{u.id} {u.name} {' '.join(u.names.values())}".lower() for w in MARKETING_WORDS
        )
    ]


def find_marketing(org: Org, graph: OrgGraph) -> MarketingScope:
    """The marketing function of `org` (see the module docstring for the order)."""
    if org.organization is not None and org.organization.function == MARKETING:
        return MarketingScope(_all_doing(org), frozenset(graph.units), "organisation")
    marked = [u.id for u in org.units if u.function == MARKETING and u.id in graph.units]
    if marked:
        units = _subtrees(graph, marked)
        return MarketingScope(_in_units(org, units), units, "marked", _roots(graph, marked))
    doing = _doing(org)
    if doing:
        units = frozenset(u for p in doing if (u := graph.unit_of(p)) is not None)
        return MarketingScope(doing, units, "raci")
    named = [u for u in _named(org) if u in graph.units]
    if named:
        units = _subtrees(graph, named)
        return MarketingScope(_in_units(org, units), units, "named", _roots(graph, named))
    if org.archetype or (org.organization is not None and org.organization.profile):
        return MarketingScope(_all_doing(org), frozenset(graph.units), "declared")
    return MarketingScope(frozenset(), frozenset(), "none")


def _all_doing(org: Org) -> frozenset[str]:
    """Positions R or A on any responsibility; every position when there is no RACI."""
    known = org.position_by_id
    doing = {pid for entry in org.raci for pid in (*entry.R, *entry.A) if pid in known}
    return frozenset(doing) if org.raci else frozenset(known)
