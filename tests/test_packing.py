"""A file's content read back from its packed cache entry is the content that was stored.

`orgdesign.assemble.packing` stores each section by column and gives the elements read
back a `LazySrc`, whose raw mapping comes from the file's tree only when asked for;
`orgdesign.load.entries` keeps the tree in its own entry and makes it again from the
file when that entry is gone.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from conftest import every_org, write_file
from orgdesign import api
from orgdesign.assemble.packing import CODEC, Packed
from orgdesign.assemble.validate import FileContent, validate_file
from orgdesign.lint.memo import Memo
from orgdesign.load import entries
from orgdesign.load.diskcache import DiskCache
from orgdesign.load.entries import StaleEntry, TreeRef
from orgdesign.load.loader import LoadResult, load_text
from orgdesign.load.nodes import YFloat, YInt, YMap, YSeq, flat_tree, unflat_tree
from orgdesign.model import Element
from orgdesign.model.element import LazySrc, kept_names


def _file_text(case: dict[str, Any]) -> str:
    text = case.get("org") or case.get("files", {}).get("org.yaml") or ""
    return text if "orgdesign:" in text else "orgdesign: 1\n" + text


def _read_back(
    result: LoadResult, content: FileContent
) -> tuple[LoadResult, FileContent, list[int]]:
    """The file packed and read back as a run reads it; also how often its tree was read."""
    packed = pickle.loads(pickle.dumps(CODEC.pack((result, content)), pickle.HIGHEST_PROTOCOL))
    reads: list[int] = []
    tree_bytes = pickle.dumps(flat_tree(result.data), pickle.HIGHEST_PROTOCOL)

    def read() -> Any:
        reads.append(1)
        return unflat_tree(pickle.loads(tree_bytes))

    unpacked = CODEC.unpack(packed, TreeRef(read))
    assert unpacked is not None
    return unpacked[0], unpacked[1], reads


def _same_element(old: Element, new: Element) -> None:
    assert type(new) is type(old)
    assert new.__dict__ == old.__dict__ and list(new.__dict__) == list(old.__dict__)
    assert new.model_fields_set == old.model_fields_set
    for name in kept_names(type(old)):
        if name != "_src":
            assert new.kept(name) == old.kept(name), name
    assert new.src.file == old.src.file
    assert (new.src.line, new.src.column) == (old.src.line, old.src.column)
    assert new.loc() == old.loc()
    for key in old.__dict__:
        assert new.loc(key) == old.loc(key), key
        assert new.loc(key, 0) == old.loc(key, 0), key
    assert new.src.raw == old.src.raw


@pytest.mark.parametrize("case", every_org())
def test_every_element_reads_back_as_it_was_stored(case: dict[str, Any]) -> None:
    text = _file_text(case)
    result = load_text(text, "org.yaml")
    if not result.ok:
        pytest.skip("a case whose file does not load has no content to store")
    content = validate_file(result.data, "org.yaml", root=True)
    new_result, new_content, reads = _read_back(result, content)
    assert new_result.findings == result.findings and new_result.ok == result.ok
    assert new_content.findings == content.findings and new_content.broken == content.broken
    assert list(new_content.raw) == list(content.raw)
    assert new_content.strings("include") == content.strings("include")
    assert new_content.organization == content.organization
    assert new_content.targets == content.targets
    assert reads == [], "nothing was placed yet: the tree is not read"
    assert set(new_content.sections) == set(content.sections)
    for section, items in content.sections.items():
        assert len(new_content.sections[section]) == len(items)
        for old, new in zip(items, new_content.sections[section], strict=True):
            _same_element(old, new)
    assert len(reads) <= 1, "the tree is read once, whatever is placed"
    assert new_result.data == result.data


def test_elements_read_back_place_themselves_lazily_and_pickle_whole() -> None:
    text = (
        "orgdesign: 1\norganization: {id: o, name: O}\npositions:\n"
        "  - {id: a, title: A, holders: [{name: Ann, id: '7'}]}\n"
        "  - {id: b, title: B, reports_to: a}\n"
    )
    result = load_text(text, "org.yaml")
    content = validate_file(result.data, "org.yaml", root=True)
    _result, back, reads = _read_back(result, content)
    a, b = back.sections["positions"]
    assert isinstance(b.src, LazySrc) and reads == []
    assert b.loc("reports_to").line == 5 and len(reads) == 1
    assert a.holder_ids == ["7"] and a.has_holder_ids
    copy = pickle.loads(pickle.dumps(b))  # a worker's result, a scenario's copy
    assert type(copy.src) is not LazySrc and copy.loc("reports_to") == b.loc("reports_to")
    b.reports_to = "x"  # a change gives the element its own set of written keys
    assert b.model_fields_set == {"id", "title", "reports_to"}
    assert a.model_fields_set == {"id", "title", "holders"}


ROOT = """orgdesign: 1
organization: {id: o, name: O}
include: [part.yaml]
positions:
  - {id: ceo, title: CEO}
"""
PART = """positions:
  - {id: a, title: A, reports_to: ceo, holders: [Ann]}
  - {id: b, title: B, reports_to: ceo, holders: [Ann]}
  - {id: c, title: C, reports_to: nobody}
"""


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache's signing key in a folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


def _run(folder: Path, monkeypatch: pytest.MonkeyPatch, cache: bool = True) -> list[Any]:
    monkeypatch.chdir(folder)
    disk = DiskCache.open() if cache else None
    run = api.validate([(Path("org.yaml"), "org.yaml")], disk_cache=disk)
    return [f for r in run.results for f in r.findings]


def _trees(folder: Path) -> list[Path]:
    cache = DiskCache.open(folder / ".orgdesign_cache")
    assert cache is not None
    found = []
    for path in (folder / ".orgdesign_cache").rglob("*.bin"):
        payload = cache.get(path.parent.name + path.stem)
        value = pickle.loads(payload) if payload else None
        if not isinstance(value, Packed | Memo):
            found.append(path)
    return found


@pytest.fixture
def cold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xdg: Path) -> list[Any]:
    """A root and its part in `tmp_path`, and their findings without the cache."""
    write_file(tmp_path, "org.yaml", ROOT)
    write_file(tmp_path, "part.yaml", PART)
    return _run(tmp_path, monkeypatch, cache=False)


def test_a_lost_tree_entry_is_made_again_from_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cold: list[Any]
) -> None:
    assert _run(tmp_path, monkeypatch) == cold
    trees = _trees(tmp_path)
    assert len(trees) == 2
    for path in trees:
        path.unlink()
    for path in (tmp_path / ".orgdesign_cache").rglob("*.bin"):
        if path not in trees and b"Memo" in path.read_bytes():
            path.unlink()  # the run memo: the next run reads the files' entries
    made_again: list[int] = []
    real = entries._read_tree

    def spy(cache: Any, key: str, reparse: Any) -> Any:
        made_again.append(1)
        return real(cache, key, reparse)

    monkeypatch.setattr(entries, "_read_tree", spy)
    calls = _validations(monkeypatch)
    assert _run(tmp_path, monkeypatch) == cold  # ORG004 and ORG110 placed from the files
    assert made_again and len(calls) == 1, "made again from the file, not checked afresh"


def _validations(
    monkeypatch: pytest.MonkeyPatch, stale_first: bool = False
) -> list[DiskCache | None]:
    """The disk cache each validation of the run was given (`stale_first`: the first one
    meets a stale tree)."""
    real = api._validate
    calls: list[DiskCache | None] = []

    def spy(*args: Any) -> Any:
        calls.append(args[3])
        if stale_first and len(calls) == 1:
            raise StaleEntry("the file changed while it was checked")
        return real(*args)

    monkeypatch.setattr(api, "_validate", spy)
    return calls


def test_a_tree_neither_cached_nor_in_the_file_any_longer_is_stale() -> None:
    tree = TreeRef(lambda: entries._read_tree(_NoCache(), "k" * 64, lambda: None))
    with pytest.raises(StaleEntry):
        tree.root()


class _NoCache:
    """A cache that has lost every entry."""

    def key(self, *parts: bytes) -> str:
        return "0" * 64

    def get(self, key: str) -> bytes | None:
        return None


def test_a_run_that_meets_a_stale_tree_checks_everything_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cold: list[Any]
) -> None:
    calls = _validations(monkeypatch, stale_first=True)
    assert _run(tmp_path, monkeypatch) == cold
    assert calls[0] is not None and calls[1] is None, "the second time without the cache"


def _same_tree(a: Any, b: Any) -> None:
    assert type(a) is type(b)
    if isinstance(a, YMap | YSeq):
        assert (a.line, a.column, a.pos) == (b.line, b.column, b.pos)
        assert len(a) == len(b)
        pairs = zip(a.items(), b.items(), strict=True) if isinstance(a, YMap) else None
        if pairs is not None:
            for (ka, va), (kb, vb) in pairs:
                assert ka == kb
                _same_tree(va, vb)
        else:
            for x, y in zip(a, b, strict=True):
                _same_tree(x, y)
    elif isinstance(a, YInt | YFloat):
        assert a == b and a.text == b.text
    else:
        assert a == b


@pytest.mark.parametrize("case", every_org())
def test_a_tree_made_plain_reads_back_node_for_node(case: dict[str, Any]) -> None:
    result = load_text(_file_text(case) + "x: [&a {n: 1.10, m: 010}, *a, {<<: *a, k: no}]\n", "f")
    assert result.ok
    flat = pickle.loads(pickle.dumps(flat_tree(result.data), pickle.HIGHEST_PROTOCOL))
    _same_tree(result.data, unflat_tree(flat))
