"""Following `include` and `catalogs` from a root file: what is read, in which order.

This module owns the include walk (depth first in written order, with an
explicit stack: a chain of hundreds of includes must not exhaust Python's
stack), confining every path to the root file's folder, refusing cycles and
absolute paths, and importing catalogues (`builtin:NAME` or a relative path).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from orgdesign.assemble.filecache import BUILTIN_PREFIX, FileCache, builtin_catalogs
from orgdesign.assemble.validate import FileContent, validate_file
from orgdesign.findings import Finding, Location, Severity
from orgdesign.load.loader import LoadResult
from orgdesign.model import Src


def _display(parent_display: str, ref: str) -> str:
    return os.path.normpath(os.path.join(os.path.dirname(parent_display), ref))


MAX_PATH_TEXT = 1024
"""Longest `include`/`catalogs` path accepted (beyond any real path; refused with a finding)."""


def _confined(base: Path, ref: str, root_dir: Path) -> tuple[Path | None, str | None]:
    """Resolve `ref` relative to `base`; refuse absolute paths and escapes from root_dir."""
    if "\0" in ref:
        return None, "the path contains a NUL byte; remove it"
    if len(ref) > MAX_PATH_TEXT:
        return None, f"the path is {len(ref)} characters long, above {MAX_PATH_TEXT}"
    if os.path.isabs(ref) or ref.startswith("~") or (len(ref) > 1 and ref[1] == ":"):
        return None, "absolute paths are not allowed; write the path relative to this file"
    try:
        target = (base / ref).resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # a name too long, a symlink loop
        return None, f"the path cannot be used ({type(exc).__name__})"
    if not target.is_relative_to(root_dir):
        return None, (
            f"{_short(ref)} points outside the root file's folder ({root_dir}); "
            "keep included files inside it"
        )
    return target, None


def _short(ref: str, limit: int = 80) -> str:
    """A path as messages quote it: long ones cut in the middle."""
    return repr(ref if len(ref) <= limit else f"{ref[: limit // 2]}...{ref[-limit // 2 :]}")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


@dataclass(frozen=True, slots=True)
class Link:
    """How one `include` or `catalogs` path resolved: what a later run must find again.

    The file that names the path can stay the same while what it names changes (a
    file created, a symlink pointed elsewhere); the run memo checks each link anew.
    """

    base: str
    ref: str
    root_dir: str
    target: str | None
    is_file: bool

    @classmethod
    def resolve(cls, base: Path, ref: str, root_dir: Path) -> Link:
        target, _problem = _confined(base, ref, root_dir)
        found = target is not None and _is_file(target)
        return cls(str(base), ref, str(root_dir), str(target) if target else None, found)

    def holds(self) -> bool:
        """The path resolves as it did when this link was recorded."""
        return self == Link.resolve(Path(self.base), self.ref, Path(self.root_dir))


@dataclass(frozen=True, slots=True)
class _Visit:
    """A file waiting to be read by the include walk, with the chain of includes to it."""

    path: Path
    display: str
    chain: tuple[str, ...]
    root: bool


class Collector:
    """The files read for one root: org files in read order, catalogues, their findings."""

    def __init__(self, root_dir: Path, cache: FileCache) -> None:
        self.root_dir = root_dir
        self.cache = cache
        self.findings: list[Finding] = []
        self.contents: list[FileContent] = []
        self.catalogs: list[FileContent] = []
        self.seen_files: set[str] = set()
        self.seen_catalogs: set[str] = set()
        self.loaded: dict[str, bool] = {}
        """Whether each file visited could be read, by resolved path."""
        self.links: list[Link] = []
        """Every local `include` and `catalogs` path followed, as it resolved."""

    def visit(self, path: Path, display: str, chain: tuple[str, ...], root: bool) -> bool:
        """Read a file and, depth first in written order, everything it includes.

        An explicit stack, not recursion: a chain of hundreds of includes must not
        exhaust Python's stack. Returns whether the first file could be read.
        """
        stack = [_Visit(path, display, chain, root)]
        first_ok: bool | None = None
        while stack:
            item = stack.pop()
            ok, includes = self._read(item)
            first_ok = ok if first_ok is None else first_ok
            stack.extend(reversed(includes))
        return bool(first_ok)

    def _read(self, item: _Visit) -> tuple[bool, list[_Visit]]:
        key = str(item.path)
        if key in self.seen_files:
            return self.loaded[key], []
        self.seen_files.add(key)
        result, content = self.cache.parsed(item.path, item.display, item.root)
        self.loaded[key] = content is not None
        self.findings.extend(result.findings)
        if content is None:
            return False, []
        self.findings.extend(content.findings)
        self.contents.append(content)
        for ref, where in content.strings("catalogs"):
            self._catalog(ref, where, item.path.parent)
        self.cache.prefetch(self._include_targets(content, item.path))
        includes = [
            nxt
            for ref, where in content.strings("include")
            if (nxt := self._include(ref, where, item.path, item.chain)) is not None
        ]
        return True, includes

    def _include_targets(self, content: FileContent, parent: Path) -> list[tuple[Path, str]]:
        """The files a file includes that exist inside the root folder (to parse ahead)."""
        out: list[tuple[Path, str]] = []
        for ref, where in content.strings("include"):
            target, _problem = _confined(parent.parent, ref, self.root_dir)
            if target is not None and str(target) not in self.seen_files and _is_file(target):
                out.append((target, _display(where.file, ref)))
        return out

    def _include(
        self, ref: str, where: Location, parent: Path, chain: tuple[str, ...]
    ) -> _Visit | None:
        self.links.append(Link.resolve(parent.parent, ref, self.root_dir))
        target, problem = _confined(parent.parent, ref, self.root_dir)
        if target is None:
            self.findings.append(
                Finding.at(
                    "ORG001", Severity.ERROR, f"cannot include {_short(ref)}: {problem}", where
                )
            )
            return None
        if str(target) in chain:
            cycle = " -> ".join([*(Path(c).name for c in chain), target.name])
            self.findings.append(
                Finding.at(
                    "ORG001",
                    Severity.ERROR,
                    f"include cycle: {cycle}; remove one of these includes",
                    where,
                )
            )
            return None
        if not _is_file(target):
            self.findings.append(
                Finding.at(
                    "ORG001",
                    Severity.ERROR,
                    f"cannot include {_short(ref)}: no such file (paths are relative to this file)",
                    where,
                )
            )
            return None
        return _Visit(target, _display(where.file, ref), (*chain, str(target)), root=False)

    def _catalog(self, ref: str, where: Location, base: Path) -> None:
        if ref.startswith(BUILTIN_PREFIX):
            name = ref[len(BUILTIN_PREFIX) :]
            if ref in self.seen_catalogs:
                return
            result = self.cache.load_builtin(name) if name.isidentifier() else None
            if result is None:
                self.findings.append(
                    Finding.at(
                        "ORG004",
                        Severity.ERROR,
                        f"unknown built-in catalogue {ref!r}; available: "
                        + ", ".join(BUILTIN_PREFIX + n for n in builtin_catalogs()),
                        where,
                    )
                )
                return
            self.seen_catalogs.add(ref)
            content = validate_file(result.data, result.file, root=False) if result.ok else None
            self._add_catalog(result, content, where, builtin=True)
            return
        self.links.append(Link.resolve(base, ref, self.root_dir))
        target, problem = _confined(base, ref, self.root_dir)
        if target is None or not _is_file(target):
            why = problem or "no such file (paths are relative to this file)"
            self.findings.append(
                Finding.at(
                    "ORG001", Severity.ERROR, f"cannot read catalogue {_short(ref)}: {why}", where
                )
            )
            return
        if str(target) in self.seen_catalogs:
            return
        self.seen_catalogs.add(str(target))
        result, content = self.cache.parsed(target, _display(where.file, ref), False)
        self._add_catalog(result, content, where, builtin=False)

    def _add_catalog(
        self, result: LoadResult, content: FileContent | None, where: Location, builtin: bool
    ) -> None:
        self.findings.extend(result.findings)
        if content is None:
            return
        self.findings.extend(content.findings)
        if content.catalog is None and not content.findings:
            self.findings.append(
                Finding.at(
                    "ORG002",
                    Severity.ERROR,
                    f"{result.file} is not a catalogue file (it needs `catalog: {{id, name}}`)",
                    where,
                )
            )
            return
        if builtin:
            # Findings about built-in entries point at the `catalogs:` line that imported them.
            imported = Src(where.file, None, where.line, where.column)
            for top in content.sections.get("responsibilities", []):
                for item, _parent in top.walk():
                    item.with_src(imported)
            for domain in content.sections.get("decision_domains", []):
                domain.with_src(imported)
        self.catalogs.append(content)
