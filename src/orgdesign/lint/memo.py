"""The run memo: a whole `validate` run's findings kept, and reused where no check can differ.

This module owns deciding, before anything is assembled, whether the findings
of the previous run over the same root files still hold, and moving them to
where they are now. After one file of a large organisation changes, most runs
need little else: a title or a description edited changes no finding; a holder
edited changes only what the rules that read holders find.

What the memo holds (one signed entry of the per-file disk cache, keyed by the
package's files, the configuration, the rules and the root files): the cache key
of the bytes of every file the run read, how each local `include`/`catalogs`
path resolved, and each root's findings (also the rules' findings before
grouping under unknown references). A later run reuses them only when

- every file has the bytes it had, except files whose old and new versions hold
  the same elements in the same order, with the same ids and `ignore`, and differ
  at most in values of keys (`orgdesign.load.treediff.changed_keys`; the keys in
  `INERT` no check reads are left out: a test runs every rule with those values
  made unreadable);
- those files' own findings (loading, schema) are the old ones, moved;
- every link resolves as it did and each root is the same file;
- no message quotes a place in a changed file (`file:line`, or `line N` for a
  place in the finding's own file);
- every finding kept in a changed file moves to exactly one place: the same key,
  value or item of the new version (`orgdesign.load.treediff.Relocator`).

When no value a rule reads changed, every finding is reused (`Reuse.results`).
Otherwise the organisation is assembled and the rules that read a changed value
(`Rule.reads`) run again; the others' findings are kept (`Reuse.kept`). Anything
else is a miss, and everything is checked; a memo never gives another answer than
a run without it.
"""

from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, replace
from pathlib import Path

from orgdesign.assemble.includes import Link
from orgdesign.assemble.project import Assembly
from orgdesign.findings import Finding
from orgdesign.lint.engine import Registry, Settings
from orgdesign.load.diskcache import DiskCache, package_fingerprint
from orgdesign.load.entries import Parsed, StaleEntry, tree_key
from orgdesign.load.filestore import FileStore, Job
from orgdesign.load.loader import Limits
from orgdesign.load.treediff import Changed, Relocator, changed_keys

_DOC = frozenset({"description", "descriptions"})
INERT: dict[str, frozenset[str]] = {
    "organization": _DOC,
    "responsibilities": _DOC | {"kpis"},
    "decision_domains": _DOC,
    "units": _DOC,
    "positions": _DOC | {"title", "names", "roles", "competencies", "career_path"},
    "raci": frozenset({"note"}),
    "priority_rules": _DOC | {"name", "names"},
}
"""Per section, the keys of its elements that no check reads: prose the deliverables show
(titles, descriptions, roles, career paths, notes). Changing them changes no finding."""

SECTIONS = (
    "organization",
    "responsibilities",
    "decision_domains",
    "units",
    "positions",
    "raci",
    "priority_rules",
    "projects",
)
"""The top-level keys that hold elements: an edit there changes values of keys some rules read
(`Rule.reads`); an edit anywhere else may change anything."""
_SKIP = {section: INERT.get(section, frozenset()) for section in SECTIONS}

_QUOTES_A_LINE = re.compile(r"\bline \d")
"""How a message names a place in its own file (`lint.rules.common.place`, the loader)."""

MAX_CHANGED = 16
"""More changed files than this: the previous run is not worth comparing with."""

Results = list[tuple[str, list[Finding]]]
"""Each checked root's display name and findings, in order."""


@dataclass(frozen=True)
class Memo:
    """What one run recorded: the files it read, how links resolved, what it found."""

    files: dict[Job, str]
    roots: tuple[tuple[str, str], ...]
    """(path as given, resolved path) of each root."""
    links: tuple[Link, ...]
    results: Results
    raw: Results
    """Each root's findings of the rules, before grouping under unknown references: what a
    run that checks only some rules again starts from."""


@dataclass(frozen=True)
class Kept:
    """One root's findings of the rules that need not run again, moved."""

    rules: frozenset[str]
    findings: list[Finding]


@dataclass(frozen=True)
class Reuse:
    """What still holds: every finding (`results`), or the findings of some rules (`kept`)."""

    results: Results | None
    """All findings of every root, moved; None when some rules must run again."""
    kept: dict[str, Kept]
    """By root: the rules' findings that still hold, moved."""


def _roots(roots: list[tuple[Path, str]]) -> tuple[tuple[str, str], ...]:
    out = []
    for path, _display in roots:
        try:
            out.append((str(path), str(path.resolve())))
        except (OSError, ValueError, RuntimeError):
            out.append((str(path), ""))
    return tuple(out)


def memo_key(
    disk: DiskCache,
    settings: Settings,
    registry: Registry,
    limits: Limits,
    roots: list[tuple[Path, str]],
) -> str:
    """The entry of one kind of run: the tool, the configuration, the rules, the roots."""
    rules = [(r.id, r.severity.value, getattr(r.check, "__qualname__", "")) for r in registry]
    parts = (
        b"run-memo",
        package_fingerprint().encode(),
        repr((settings.config, sorted(settings.options.items()))).encode(),
        repr(rules).encode(),
        repr(limits).encode(),
        repr([(str(p), d) for p, d in roots]).encode(),
    )
    return disk.key(*parts)


def load_memo(disk: DiskCache, key: str) -> Memo | None:
    payload = disk.get(key)
    if payload is None:
        return None
    try:
        memo = pickle.loads(payload)  # signed by this user (diskcache), like every entry
    except Exception:  # a signed entry of an older layout: recompute
        return None
    return memo if isinstance(memo, Memo) else None


def save_memo(
    disk: DiskCache,
    key: str,
    store: FileStore,
    roots: list[tuple[Path, str]],
    assemblies: list[Assembly],
    results: Results,
    raw: Results,
) -> None:
    """Record a run that assembled everything (not when a file could not be read)."""
    if any(f.rule == "ORG001" for _display, found in results for f in found):
        return
    files = {job: key for job, key in store.keys.items() if key is not None}
    if len(files) != len(store.keys):
        return
    links = tuple(link for a in assemblies for link in a.links)
    put_memo(disk, key, Memo(files, _roots(roots), links, results, raw))


def touch_files(disk: DiskCache, memo: Memo) -> None:
    """Mark the entries of the memo's files as used (their trees too): `prune` keeps them."""
    for entry in memo.files.values():
        disk.touch(entry)
        disk.touch(tree_key(disk, entry))


def put_memo(disk: DiskCache, key: str, memo: Memo) -> None:
    disk.put(key, pickle.dumps(memo, pickle.HIGHEST_PROTOCOL))


def renewed(memo: Memo, store: FileStore, results: Results, kept: dict[str, Kept]) -> Memo:
    """The memo of a run that reused all of `memo`: the same, with the changed files' new keys
    and the findings at their new places."""
    files = {job: store.keys.get(job) or key for job, key in memo.files.items()}
    raw = [(display, k.findings) for display, k in kept.items()]
    return replace(memo, files=files, results=results, raw=raw)


def _local(parsed: Parsed) -> list[Finding]:
    """A file's own findings: loading and schema."""
    result, content = parsed
    return [*result.findings, *(content.findings if content is not None else [])]


def _moved(findings: list[Finding], move: Relocator) -> list[Finding] | None:
    out = []
    for f in findings:
        place = move.move(f.line, f.column)
        if place is None:
            return None
        out.append(replace(f, line=place[0], column=place[1]))
    return out


def _compare(old: Parsed, new: Parsed) -> tuple[Relocator, Changed] | None:
    """How to move the old version's places, and the keys whose values differ; None when the
    versions differ in more than values of keys (`orgdesign.load.treediff.changed_keys`)."""
    (old_result, old_content), (new_result, new_content) = old, new
    if old_result.ok != new_result.ok or (old_content is None) != (new_content is None):
        return None
    changed = changed_keys(old_result.data, new_result.data, _SKIP)
    if changed is None:
        return None
    move = Relocator(old_result.data, new_result.data)
    return (move, changed) if _moved(_local(old), move) == _local(new) else None


def _changed(memo: Memo, store: FileStore) -> tuple[dict[str, Relocator], Changed] | None:
    """The relocator of each changed file by display name, and the keys changed in all;
    None when the memo is unusable."""
    moves: dict[str, Relocator] = {}
    paths: dict[str, str] = {}
    changed: Changed = set()
    for job, key in memo.files.items():
        now = store.key_now(job)
        if now == key:
            continue
        old = store.entry(job, key)
        # A file read both as a root and as an include (`validate orgs/`) is one file under
        # one name: its two versions move alike. Two files under one name cannot be told apart.
        if now is None or old is None or paths.setdefault(job.display, job.path) != job.path:
            return None
        try:
            compared = _compare(old, store.get(job))
        except StaleEntry:  # the old version's tree is gone (and the file has changed)
            return None
        if compared is None:
            return None
        move, keys = compared
        moves.setdefault(job.display, move)
        changed |= keys
        if len(moves) > MAX_CHANGED:
            return None
    return moves, changed


def reuse(
    memo: Memo, store: FileStore, roots: list[tuple[Path, str]], registry: Registry
) -> Reuse | None:
    """What of the recorded findings still holds, moved to where it is now; None: nothing.

    After an edit of values only, a rule that reads none of them (`Rule.reads`) finds what
    it found; the others run again.
    """
    if memo.roots != _roots(roots) or not all(link.holds() for link in memo.links):
        return None
    found = _changed(memo, store)
    if found is None:
        return None
    moves, changed = found
    again = frozenset(
        r.id for r in registry if r.check is not None and (r.reads is None or r.reads & changed)
    )
    kept_rules = frozenset(r.id for r in registry if r.check is not None) - again
    kept: dict[str, Kept] = {}
    for display, raw in memo.raw:
        moved = _move_all([f for f in raw if f.rule not in again], moves)
        if moved is None:
            return None
        kept[display] = Kept(kept_rules, moved)
    if again:
        return Reuse(None, kept)
    results: Results = []
    for display, findings in memo.results:
        moved = _move_all(findings, moves)
        if moved is None:
            return None
        results.append((display, sorted(moved, key=Finding.sort_key)))
    return Reuse(results, kept)


def _move_all(findings: list[Finding], moves: dict[str, Relocator]) -> list[Finding] | None:
    """The findings at their places in the changed files; None when one cannot be moved."""
    out: list[Finding] = []
    for f in findings:
        if _quotes_a_moved_place(f, moves):
            return None
        move = moves.get(f.file)
        moved = _moved([f], move) if move is not None else [f]
        if moved is None:
            return None
        out += moved
    return out


def _quotes_a_moved_place(f: Finding, moves: dict[str, Relocator]) -> bool:
    """The message names a line of a changed file: `file:line`, or `line N` of its own."""
    if any(f"{name}:" in f.message for name in moves):
        return True
    return f.file in moves and _QUOTES_A_LINE.search(f.message) is not None
