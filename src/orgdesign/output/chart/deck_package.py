"""Linear-time bookkeeping for python-pptx packages with many slides.

python-pptx finds the name of each new part by walking every part of the package, and the
relationship of each new slide by scanning every relationship of the presentation: both
quadratic in slides (a 2,000-slide deck spent most of its time there). It also walks the
parts recursively, one level per slide linked from the one before, so a deck whose pages
continue one another (a long reporting chain) exceeded Python's recursion limit on saving.
This module owns `linear_package`, which gives one presentation a remembered set of part
names, an index of its relationships and a walk with a stack of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any


class PartNames:
    """New part names of one package: the lowest free number per template, remembered."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.next: dict[str, int] = {}

    def __call__(self, tmpl: str) -> Any:
        from pptx.opc.packuri import PackURI

        n = self.next.get(tmpl, 1)
        while tmpl % n in self.taken:
            n += 1
        self.next[tmpl] = n + 1
        self.taken.add(tmpl % n)
        return PackURI(tmpl % n)


def indexed_relationships(rels: Any) -> Any:
    """A copy of a part's relationships that finds one by type and target in constant time."""
    from pptx.opc.package import _Relationships

    class Indexed(_Relationships):
        def __init__(self, old: Any) -> None:
            super().__init__(old._base_uri)
            self._rels.update(old._rels)
            self.by_type: defaultdict[str, list[Any]] = defaultdict(list)
            self.by_target: dict[tuple[str, Any], str] = {}
            for rel in self._rels.values():
                self.note(rel)

        def note(self, rel: Any) -> None:
            self.by_type[rel.reltype].append(rel)
            if not rel.is_external:
                self.by_target.setdefault((rel.reltype, rel.target_part), rel.rId)

        @property
        def _rels_by_reltype(self) -> dict[str, list[Any]]:
            return self.by_type

        def get_or_add(self, reltype: str, target_part: Any) -> str:
            known = self.by_target.get((reltype, target_part))
            return known if known is not None else str(self._add_relationship(reltype, target_part))

        def _add_relationship(self, reltype: str, target: Any, is_external: bool = False) -> Any:
            rid = super()._add_relationship(reltype, target, is_external)
            self.note(self._rels[rid])
            return rid

        def pop(self, rId: str) -> Any:
            rel = super().pop(rId)
            self.by_type[rel.reltype].remove(rel)
            self.by_target.pop((rel.reltype, None if rel.is_external else rel.target_part), None)
            return rel

    return Indexed(rels)


def walk_rels(package: Any) -> Iterator[Any]:
    """Every relationship of the package once, depth first in python-pptx's own order
    (`OpcPackage.iter_rels`), with an explicit stack instead of recursion."""
    visited: set[Any] = set()
    stack = [iter(package._rels.values())]
    while stack:
        rel = next(stack[-1], None)
        if rel is None:
            stack.pop()
            continue
        yield rel
        if rel.is_external or rel.target_part in visited:
            continue
        visited.add(rel.target_part)
        stack.append(iter(rel.target_part.rels.values()))


def linear_package(prs: Any) -> None:
    """Make adding slides (with notes) to `prs` cost the same however many it has, and
    saving it work however deep its slides link."""
    package = prs.part.package
    package.iter_rels = lambda: walk_rels(package)
    package.next_partname = PartNames({part.partname for part in package.iter_parts()})
    # `rels` and `_rels` are python-pptx lazy properties kept in the instance's dict.
    indexed = indexed_relationships(prs.part.rels)
    prs.part.__dict__["_rels"] = prs.part.__dict__["rels"] = indexed
