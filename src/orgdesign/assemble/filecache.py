"""The files of one run: each loaded and validated once, whichever root reads it.

This module owns `FileCache`: loaded files by resolved path, shared by every
root of a run; through `orgdesign.load.filestore` it keeps each file's parsed
and validated content in the per-file disk cache and parses included files in
parallel. Built-in catalogues (`builtin:NAME`) are read from the package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from orgdesign.assemble.packing import CODEC
from orgdesign.assemble.validate import FileContent, validate_file
from orgdesign.load.diskcache import DiskCache
from orgdesign.load.filestore import FileStore, Job
from orgdesign.load.loader import Limits, LoadResult, load_bytes, load_file

BUILTIN_PREFIX = "builtin:"


@dataclass
class FileCache:
    """Loaded files by resolved path, shared by every root of one run.

    `disk` is the per-file cache kept between runs (None: parse every file);
    `jobs` is how many processes may parse included files at once.
    """

    limits: Limits = field(default_factory=Limits)
    files: dict[str, LoadResult] = field(default_factory=dict)
    disk: DiskCache | None = None
    jobs: int = 1
    store: FileStore = field(init=False)

    def __post_init__(self) -> None:
        self.store = FileStore(self.limits, validate_file, self.disk, self.jobs, codec=CODEC)

    def parsed(self, path: Path, display: str, root: bool) -> tuple[LoadResult, FileContent | None]:
        """A file loaded and validated (content None when it could not be loaded)."""
        result, content = self.store.get(Job(str(path), display, root))
        return result, content

    def prefetch(self, files: list[tuple[Path, str]]) -> int:
        """Parse included files ahead of their visit (in parallel when worth it)."""
        return self.store.prefetch(Job(str(path), display, False) for path, display in files)

    def loaded_data(self, path: Path) -> Any:
        """The data a file read in this run was loaded as (None: not read, or not loadable)."""
        key = str(path)
        for job, (result, _content) in self.store.parsed.items():
            if job.path == key:
                return result.data
        return self.files[key].data if key in self.files else None

    def load(self, path: Path, display: str) -> LoadResult:
        key = str(path)
        if key not in self.files:
            self.files[key] = load_file(path, display, self.limits)
        return self.files[key]

    def load_builtin(self, name: str) -> LoadResult | None:
        key = BUILTIN_PREFIX + name
        if key not in self.files:
            ref = resources.files("orgdesign").joinpath("catalogs", f"{name}.yaml")
            if not ref.is_file():
                return None
            self.files[key] = load_bytes(ref.read_bytes(), key, self.limits)
        return self.files[key]


def builtin_catalogs() -> list[str]:
    folder = resources.files("orgdesign").joinpath("catalogs")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
