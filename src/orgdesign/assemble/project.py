"""Assembling one organisation from its root file, its includes and its catalogues.

This module owns the step between raw YAML and the merged `Org`: `assemble`
reads the root file and everything it includes and imports, and merges them.
Its parts:

- `validate`: each element checked against the models (ORG002 at the offending
  key, worded by `errors`), each file's `FileContent`;
- `filecache`: files loaded once per run (`FileCache`), kept in the per-file
  disk cache and parsed in parallel through `orgdesign.load.filestore`;
- `includes`: following `include` (relative to the including file, confined to
  the root file's folder, cycles refused) and `catalogs` (`builtin:NAME` or a
  relative path);
- `merge`: everything merged into one `Org`, ids defined twice (ORG003)
  reported with both places.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdesign.assemble.filecache import BUILTIN_PREFIX, FileCache, builtin_catalogs
from orgdesign.assemble.includes import Collector, Link
from orgdesign.assemble.merge import merge
from orgdesign.assemble.validate import CATALOG_KEYS, TOP_KEYS, FileContent, validate_file
from orgdesign.findings import Finding
from orgdesign.model import Org

__all__ = [
    "BUILTIN_PREFIX",
    "CATALOG_KEYS",
    "TOP_KEYS",
    "Assembly",
    "FileCache",
    "FileContent",
    "assemble",
    "builtin_catalogs",
    "validate_file",
]


@dataclass
class Assembly:
    """The result of assembling one root file."""

    org: Org
    findings: list[Finding]
    loaded: bool
    """False when the root file itself could not be read."""
    is_catalog: bool = False
    """The root file is a responsibility catalogue, not an organisation."""
    path: str = ""
    """Resolved path of the root file."""
    included: frozenset[str] = frozenset()
    """Resolved paths of every other file read for this root (includes and local catalogues)."""
    links: tuple[Link, ...] = ()
    """How each local `include`/`catalogs` path resolved (run memo)."""


def assemble(path: Path, display: str | None = None, cache: FileCache | None = None) -> Assembly:
    """Load a root org file with everything it includes and imports, merged into one `Org`."""
    cache = cache or FileCache()
    display = display if display is not None else str(path)
    try:
        resolved = path.resolve() if path.exists() else path
    except (OSError, ValueError, RuntimeError):  # the loader says why in a finding
        resolved = path
    collector = Collector(resolved.parent, cache)
    loaded = collector.visit(resolved, display, (str(resolved),), root=True)
    org = Org(root_file=display)
    read = frozenset(collector.seen_files | collector.seen_catalogs) - {str(resolved)}
    if not loaded:
        return Assembly(org, collector.findings, False, path=str(resolved), included=read)
    root_content = collector.contents[0]
    if not root_content.is_mapping:  # said by ORG002; no organisation to check
        return Assembly(org, collector.findings, False, path=str(resolved), included=read)
    is_catalog = root_content.catalog is not None or (
        "catalog" in root_content.raw and "orgdesign" not in root_content.raw
    )
    org.organization = root_content.organization
    org.targets = root_content.targets
    org.files = [c.file for c in collector.contents]
    findings = collector.findings
    merge(org, collector.catalogs, collector.contents, findings)
    links = tuple(collector.links)
    return Assembly(org, findings, True, is_catalog, str(resolved), read, links)
