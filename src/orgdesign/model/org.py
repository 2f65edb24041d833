"""`Org`: one whole organisation, merged from its files, indexed for rules and renderers.

This module owns the merged lists of every section, the indexes by id built
once on first use, and the questions about responsibilities that need the whole
catalogue (leaves, required ones left uncovered, the area of one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from orgdesign.model.elements import (
    DecisionDomain,
    Organization,
    Position,
    PriorityRule,
    Project,
    RaciEntry,
    Responsibility,
    Unit,
)
from orgdesign.model.files import Targets


@dataclass
class Org:
    """A whole organisation: the root file and its includes and catalogues, merged."""

    root_file: str
    organization: Organization | None = None
    responsibilities: list[Responsibility] = field(default_factory=list)
    """Top-level responsibilities (catalogue areas first, then local ones)."""
    decision_domains: list[DecisionDomain] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    raci: list[RaciEntry] = field(default_factory=list)
    priority_rules: list[PriorityRule] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    broken_ids: dict[str, set[str]] = field(default_factory=dict)
    """Ids of elements that failed schema validation, by section: not reported again as unknown."""
    targets: Targets | None = None
    """The targets in force (the root file's, overridden by `[tool.orgdesign.targets]`)."""

    def __post_init__(self) -> None:
        self._index: dict[str, dict[str, Any]] | None = None
        self._seeds: dict[str, dict[str, Any]] = {}

    def seed_index(self, section: str, by_id: dict[str, Any]) -> None:
        """Give the index of a section's elements by id, made while merging them (the first
        of each id, in order: what the index would hold), instead of making it again."""
        self._seeds[section] = by_id

    def _by_id(self, section: str) -> dict[str, Any]:
        items: list[Any] = getattr(self, section)
        seeded = self._seeds.get(section)
        if seeded is not None and len(seeded) == len(items):  # still that section's
            return seeded
        return {item.id: item for item in items}

    def _build_index(self) -> dict[str, dict[str, Any]]:
        resp: dict[str, Responsibility] = {}
        parent: dict[str, str | None] = {}
        for top in self.responsibilities:
            for item, up in top.walk():
                resp.setdefault(item.id, item)
                parent.setdefault(item.id, up.id if up else None)
        return {
            "units": self._by_id("units"),
            "positions": self._by_id("positions"),
            "responsibilities": resp,
            "resp_parent": parent,
            "decision_domains": {d.id: d for d in self.decision_domains},
            "priority_rules": self._by_id("priority_rules"),
            "projects": self._by_id("projects"),
        }

    @property
    def index(self) -> dict[str, dict[str, Any]]:
        if self._index is None:
            self._index = self._build_index()
        return self._index

    @property
    def unit_by_id(self) -> dict[str, Unit]:
        return self.index["units"]

    @property
    def position_by_id(self) -> dict[str, Position]:
        return self.index["positions"]

    @property
    def responsibility_by_id(self) -> dict[str, Responsibility]:
        return self.index["responsibilities"]

    @property
    def responsibility_parent(self) -> dict[str, str | None]:
        return self.index["resp_parent"]

    @property
    def domain_by_id(self) -> dict[str, DecisionDomain]:
        return self.index["decision_domains"]

    @property
    def archetype(self) -> str | None:
        return self.organization.archetype if self.organization else None

    def is_broken(self, section: str, ident: str) -> bool:
        return ident in self.broken_ids.get(section, set())

    def leaf_responsibilities(self) -> list[Responsibility]:
        return [r for r in self.responsibility_by_id.values() if not r.children]

    def uncovered_required(self) -> list[Responsibility]:
        """Required leaves with no RACI entry on themselves or an ancestor, in any scope."""
        assigned = {entry.responsibility for entry in self.raci}
        parents = self.responsibility_parent
        out: list[Responsibility] = []
        for resp in self.responsibility_by_id.values():
            if not resp.required or resp.children:
                continue
            node: str | None = resp.id
            seen: set[str] = set()
            while node is not None and node not in assigned and node not in seen:
                seen.add(node)
                node = parents.get(node)
            if node is None or node in seen:
                out.append(resp)
        return out

    def area_of(self, responsibility_id: str) -> str:
        """Id of the top-level responsibility (area) a responsibility sits under."""
        parents = self.responsibility_parent
        current = responsibility_id
        seen: set[str] = set()
        while parents.get(current) and current not in seen:
            seen.add(current)
            current = parents[current] or current
        return current
