"""Atomic output: whole files or nothing, normal permissions, folders replaced in one step."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from orgdesign.load.fsio import atomic_dir, write_text_atomic


def test_file_is_written_whole_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_text_atomic(target, "市场营销部\n")
    assert target.read_text(encoding="utf-8") == "市场营销部\n"
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_failed_folder_leaves_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "pack"
    with atomic_dir(target) as tmp:
        (tmp / "a.txt").write_text("one")
    with pytest.raises(RuntimeError), atomic_dir(target) as tmp:
        (tmp / "a.txt").write_text("half")
        raise RuntimeError("boom")
    assert (target / "a.txt").read_text() == "one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack"]
    with atomic_dir(target) as tmp:
        (tmp / "b.txt").write_text("two")
    assert sorted(p.name for p in target.iterdir()) == ["b.txt"]
