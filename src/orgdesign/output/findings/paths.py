"""Where a reported file is, as the repository sees it.

This module owns the base folder of machine reports (SARIF, GitHub
annotations, JUnit): GitHub code scanning and annotations place a finding by
its path from the repository root, whatever folder `orgdesign validate` ran
in. The base is `--base-dir` when given, else the root of the git work tree
that holds the working folder (found by looking for `.git`, without running
git), else the working folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def find_repo_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` with a `.git` (a folder, or a file in a worktree)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def report_base(base_dir: Path | None = None, start: Path | None = None) -> Path:
    """The folder report paths are relative to: `base_dir`, the git root, or the working folder."""
    if base_dir is not None:
        return base_dir.resolve()
    return find_repo_root(start) or (start or Path.cwd()).resolve()


def repo_path(file: str, base: Path | None) -> str:
    """`file` (as named in findings) relative to `base`, with `/` separators.

    Names that are not paths on disk (`builtin:marketing`, `<memory>`) are kept,
    as is a file outside `base` (then the absolute path is the honest answer).
    """
    if base is None or file.startswith(("builtin:", "<")):
        return file.replace(os.sep, "/")
    absolute = Path(os.path.abspath(file))
    try:
        rel = absolute.relative_to(base)
    except ValueError:
        return absolute.as_posix()
    return rel.as_posix()
