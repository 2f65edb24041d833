"""The per-file cache (`.orgdesign_cache`) and parallel parsing: never a different answer.

Each test compares with a cold run (`--no-cache -j 1`). To prove that a stale entry
would be caught, some tests first plant *signed* entries holding a wrong answer (an
extra finding) and show they are used while nothing changed, then change the file,
an option or the tool version and check the wrong answer is gone.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from orgdesign import api
from orgdesign.assemble.packing import Packed
from orgdesign.assemble.project import FileCache, assemble
from orgdesign.cli.app import app
from orgdesign.findings import Finding, Severity
from orgdesign.lint import memo
from orgdesign.lint.engine import check_config
from orgdesign.lint.rules import registry
from orgdesign.load import diskcache
from orgdesign.load.config import Config
from orgdesign.load.diskcache import DiskCache
from orgdesign.load.loader import Limits, YFloat, YInt, YMap, YSeq, load_text

runner = CliRunner()

ROOT = """orgdesign: 1
organization: {id: acme, name: Acme}
include: [part-a.yaml, part-b.yaml, sub/part-c.yaml]
positions:
  - {id: ceo, title: CEO}
"""
PART_A = """units:
  - {id: sales, name: Sales, head: vp-sales}
positions:
  - {id: vp-sales, title: VP Sales, reports_to: ceo, unit: sales}
  - {id: rep, title: Rep, reports_to: vp-sales, unit: sales, headcount: 0}
"""
PART_B = """positions:
  - {id: cto, title: CTO, reports_to: ceo}
  - {id: dev, title: Developer, reports_to: nobody}
raci:
  - {responsibility: ship, A: cto, R: [dev]}
"""
PART_C = """positions:
  - {id: cfo, title: CFO, reports_to: ceo, dotted_to: cto}
  - {id: vp-sales, title: Duplicate, reports_to: ceo}
"""
PLANTED = "planted by the test: a stale cache entry was used"


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    (tmp_path / "sub").mkdir()
    for name, text in (
        ("org.yaml", ROOT),
        ("part-a.yaml", PART_A),
        ("part-b.yaml", PART_B),
        ("sub/part-c.yaml", PART_C),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "org.yaml"


def findings(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["validate", "org.yaml", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout)["findings"])


def cold() -> list[dict[str, Any]]:
    return findings("--no-cache", "-j", "1")


def _kind(path: Path) -> str:
    """`memo` (the run memo: `tests/test_memo.py` tests it), `content` (a file's entry),
    `tree` (its positioned tree, read only when needed) or `other` (unreadable)."""
    cache = DiskCache.open(path.parent.parent)
    payload = cache.get(path.parent.name + path.stem) if cache is not None else None
    try:
        value = pickle.loads(payload) if payload is not None else None
    except Exception:
        return "other"
    if isinstance(value, memo.Memo):
        return "memo"
    return "content" if isinstance(value, Packed) else "tree" if payload else "other"


def _is_memo(path: Path) -> bool:
    return _kind(path) == "memo"


def entries(root: Path, kind: str = "content") -> list[Path]:
    """The per-file entries (`kind="tree"`: their trees)."""
    return sorted(p for p in (root / ".orgdesign_cache").rglob("*.bin") if _kind(p) == kind)


def drop_memo(root: Path) -> None:
    """Remove the run memo, so that the next run reads the per-file entries."""
    for path in (root / ".orgdesign_cache").rglob("*.bin"):
        if _is_memo(path):
            path.unlink()


def plant_wrong_answers(root: Path) -> int:
    """Re-sign every entry with an extra finding in it (what a stale entry would look like).

    The run memo is removed, so that the next run reads the per-file entries.
    """
    cache = DiskCache.open(root / ".orgdesign_cache")
    assert cache is not None
    drop_memo(root)
    count = 0
    for path in entries(root):
        key = path.parent.name + path.stem
        payload = cache.get(key)
        assert payload is not None, "entries written by this user verify"
        packed = pickle.loads(payload)
        result = packed.result
        result.findings.append(Finding("ORG001", Severity.ERROR, PLANTED, result.file, 1, 1))
        cache.put(key, pickle.dumps(packed))
        count += 1
    return count


def planted(found: list[dict[str, Any]]) -> int:
    return sum(f["message"] == PLANTED for f in found)


def test_warm_run_gives_the_cold_findings_and_uses_the_cache(org: Path) -> None:
    expected = cold()
    assert expected, "the organisation has findings to compare"
    assert not (org.parent / ".orgdesign_cache").exists(), "--no-cache writes nothing"
    assert findings() == expected
    assert len(entries(org.parent)) == 4
    assert (org.parent / ".orgdesign_cache" / ".gitignore").read_text().strip().endswith("*")
    assert findings() == expected
    assert plant_wrong_answers(org.parent) == 4
    assert planted(findings()) == 4, "an unchanged file is served from the cache"
    assert planted(findings("--no-cache")) == 0


def test_a_changed_file_is_parsed_again(org: Path) -> None:
    findings()
    plant_wrong_answers(org.parent)
    part_b = org.parent / "part-b.yaml"
    part_b.write_text(PART_B.replace("reports_to: nobody", "reports_to: cto"), encoding="utf-8")
    found = findings()
    assert planted(found) == 3, "only the three unchanged files come from the cache"
    assert not any(f["file"] == "part-b.yaml" and f["message"] == PLANTED for f in found)
    without_planted = [f for f in found if f["message"] != PLANTED]
    assert without_planted == cold()
    assert not any("nobody" in f["message"] for f in without_planted)


def test_a_changed_option_is_parsed_again(org: Path) -> None:
    findings()
    plant_wrong_answers(org.parent)
    # 80 bytes: every file but the smallest is now too big to read
    (org.parent / ".orgdesign.toml").write_text("max-file-size = 0.0001\n", encoding="utf-8")
    found = findings()
    assert planted(found) == 0
    assert found == cold()
    assert any("max-file-size" in f["message"] for f in found)  # the cap now applies


def test_a_file_checked_as_a_root_is_not_served_its_included_entry(org: Path) -> None:
    findings()
    plant_wrong_answers(org.parent)

    def alone(*args: str) -> list[dict[str, Any]]:
        result = runner.invoke(app, ["validate", "part-b.yaml", "--format", "json", *args])
        return list(json.loads(result.stdout)["findings"])

    found = alone()
    assert planted(found) == 0
    assert found == alone("--no-cache")
    assert any("orgdesign: 1" in f["message"] for f in found), "a root needs the version"


def test_a_changed_tool_version_is_parsed_again(org: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = cold()
    findings()
    plant_wrong_answers(org.parent)
    monkeypatch.setattr(diskcache, "__version__", "999.0")
    assert findings() == expected
    monkeypatch.setattr(diskcache, "_SOURCES", ("load", "cli"))  # an edited checkout
    assert findings() == expected


def test_corrupt_truncated_and_foreign_entries_are_recomputed(org: Path) -> None:
    expected = cold()
    findings()
    drop_memo(org.parent)
    paths = entries(org.parent)
    paths[0].write_bytes(b"\x00garbage")
    paths[1].write_bytes(paths[1].read_bytes()[:-10])
    blob = paths[2].read_bytes()
    paths[2].write_bytes(blob[:40] + bytes([blob[40] ^ 1]) + blob[41:])
    foreign = DiskCache(org.parent / ".orgdesign_cache", b"another user's key" * 2)
    key = paths[3].parent.name + paths[3].stem
    foreign.put(key, pickle.dumps("a pickle from someone else is never loaded"))
    assert findings() == expected
    assert findings() == expected  # and the entries were replaced by good ones
    cache = DiskCache.open(org.parent / ".orgdesign_cache")
    assert cache is not None
    assert all(cache.get(p.parent.name + p.stem) is not None for p in entries(org.parent))


def test_a_signed_entry_that_does_not_unpickle_is_recomputed(org: Path) -> None:
    expected = cold()
    findings()
    cache = DiskCache.open(org.parent / ".orgdesign_cache")
    assert cache is not None
    for path in entries(org.parent):
        cache.put(path.parent.name + path.stem, b"not a pickle")
    assert findings() == expected


def test_two_concurrent_runs_give_the_cold_findings(org: Path) -> None:
    expected = cold()
    exe = Path(sys.executable).parent / "orgdesign"
    command = [str(exe), "validate", "org.yaml", "--format", "json", "-j", "2"]
    env = {**os.environ, "XDG_CACHE_HOME": str(org.parent / "xdg")}
    runs = [
        subprocess.Popen(command, cwd=org.parent, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    for output in outputs:
        assert json.loads(output)["findings"] == expected
    assert findings() == expected
    assert not list((org.parent / ".orgdesign_cache").rglob(".tmp-*")), "no half-written entry"


def test_parallel_parsing_gives_the_serial_result(org: Path) -> None:
    reg = registry()
    settings = check_config(Config(), reg)

    def run(jobs: int) -> tuple[list[Finding], list[Any], int]:
        cache = FileCache(Limits(), jobs=jobs)
        cache.store.min_parallel_bytes = 0
        used = 0
        original = cache.prefetch

        def counting(files: list[tuple[Path, str]]) -> int:
            nonlocal used
            done = original(files)
            used += done
            return done

        cache.prefetch = counting  # type: ignore[method-assign]
        assembly = assemble(org, "org.yaml", cache)
        cache.store.close()
        found = api.validate_org(assembly, reg, settings)
        placed = [
            (p.model_dump(), p.loc(), p.loc("title"), p.loc("dotted_to", 0))
            for p in assembly.org.positions
        ]
        return found, placed, used

    serial = run(1)
    parallel = run(2)
    assert serial[2] == 0 and parallel[2] == 3, "the three included files parsed in workers"
    assert parallel[0] == serial[0]
    assert parallel[1] == serial[1]


def test_no_cache_folder_when_the_key_cannot_be_kept(
    org: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = org.parent / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert findings() == cold()
    assert not (org.parent / ".orgdesign_cache").exists()


def test_parallel_parsing_falls_back_to_serial_when_no_process_can_start(
    org: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("no more processes")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    cache = FileCache(Limits(), jobs=2)
    cache.store.min_parallel_bytes = 0
    assembly = assemble(org, "org.yaml", cache)
    reg = registry()
    found = api.validate_org(assembly, reg, check_config(Config(), reg))
    serial = FileCache(Limits(), jobs=1)
    expected = api.validate_org(assemble(org, "org.yaml", serial), reg, check_config(Config(), reg))
    assert found == expected and found


def _positions(node: Any) -> Any:
    """Every value with its type, text and place, for comparing loaded data exactly."""
    if isinstance(node, YMap):
        return (
            "map",
            node.line,
            node.column,
            [(k, node.key_pos[k], node.val_pos[k], _positions(v)) for k, v in node.items()],
        )
    if isinstance(node, YSeq):
        return ("seq", node.line, node.column, list(node.item_pos), [_positions(v) for v in node])
    return (type(node).__name__, str(node))


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=9),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text("abcxyz", min_size=1, max_size=4), inner, max_size=4)
        ),
        max_leaves=15,
    )
)
def test_loaded_data_survives_the_cache_pickle_exactly(value: object) -> None:
    """Types, number texts (`1.10`) and every position come back from a cache entry as loaded."""
    import yaml

    result = load_text(yaml.safe_dump(value, allow_unicode=True), "doc.yaml")
    assert result.ok
    back = pickle.loads(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    assert _positions(back.data) == _positions(result.data)


def test_number_texts_and_positions_views() -> None:
    data = load_text("a: 1.10\nb: [010, 0x1F, x]\n", "f.yaml").data
    back = pickle.loads(pickle.dumps(data))
    assert str(back["a"]) == "1.10" and isinstance(back["a"], YFloat)
    assert [str(v) for v in back["b"]] == ["010", "0x1F", "x"] and isinstance(back["b"][1], YInt)
    assert back.key_pos == {"a": (1, 1), "b": (2, 1)} and back.val_pos["b"] == (2, 4)
    seq = back["b"]
    assert seq.item_pos[-1] == (2, 16) and seq.item_pos[1:] == [(2, 10), (2, 16)]
    with pytest.raises(KeyError):
        back.key_pos["missing"]
    with pytest.raises(IndexError):
        seq.item_pos[3]


def _orgdesign_imports(module: str) -> set[str]:
    """Modules of orgdesign that `module` imports, directly or through others."""
    import ast
    import importlib.util

    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        if name in seen or not name.startswith("orgdesign."):
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue
        seen.add(name)
        for node in ast.walk(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                todo.append(node.module)
            elif isinstance(node, ast.Import):
                todo.extend(alias.name for alias in node.names)
    return seen


def test_the_tool_fingerprint_covers_all_code_that_makes_a_cached_entry() -> None:
    # A cached entry is the loader's result and `validate_file`'s content: an edit to any
    # module they run must change the key, or an edited checkout would be served old answers.
    import importlib.util

    fingerprint = diskcache.tool_fingerprint()
    package = Path(diskcache.__file__).resolve().parent.parent
    made_by = _orgdesign_imports("orgdesign.assemble.validate") | _orgdesign_imports(
        "orgdesign.load.filestore"
    )
    assert "orgdesign.assemble.errors" in made_by and "orgdesign.load.builder" in made_by
    for name in sorted(made_by):
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None
        source = Path(spec.origin).resolve().relative_to(package).as_posix()
        if source != "__init__.py":  # the version, in the fingerprint already
            assert f"|{source}:" in fingerprint, f"{source} is not in the tool fingerprint"


def _validate_in_a_process(folder: Path, timeout: float = 60) -> list[dict[str, Any]]:
    exe = Path(sys.executable).parent / "orgdesign"
    command = [str(exe), "validate", "org.yaml", "--format", "json", "-j", "1"]
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "xdg")}
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    return list(json.loads(done.stdout)["findings"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifos_planted_in_the_cache_never_block_a_run(org: Path) -> None:
    expected = cold()
    findings()
    # each entry (the run memo's too) replaced by a FIFO nobody writes to
    for path in sorted((org.parent / ".orgdesign_cache").rglob("*.bin")):
        path.unlink()
        os.mkfifo(path)
    assert _validate_in_a_process(org.parent) == expected
    assert all(p.is_file() for p in entries(org.parent)), "the FIFOs were replaced by entries"
    secret = org.parent / "xdg" / "orgdesign" / "cache-key"
    secret.unlink()
    os.mkfifo(secret)  # the signing key a FIFO: the run goes on without a cache
    assert _validate_in_a_process(org.parent) == expected


def test_entries_written_by_workers_are_those_written_inline_and_no_process_is_left(
    org: Path,
) -> None:
    import multiprocessing

    def entries_of_a_cold_run(jobs: int) -> dict[str, bytes]:
        for path in (org.parent / ".orgdesign_cache").rglob("*.bin"):
            path.unlink()
        disk = DiskCache.open(Path(".orgdesign_cache"))
        cache = FileCache(Limits(), disk=disk, jobs=jobs)
        cache.store.min_parallel_bytes = 0
        assemble(org, "org.yaml", cache)
        cache.store.flush()
        handed = len(cache.store.workers._background)
        cache.store.close()
        assert not multiprocessing.active_children(), "the workers were stopped"
        # the root and the files this process parsed itself are written by a worker
        assert (handed >= 1) if jobs > 1 else (handed == 0)
        return {p.parent.name + p.stem: p.read_bytes()[32:] for p in entries(org.parent)}

    serial = entries_of_a_cold_run(1)
    assert len(serial) == 4
    assert entries_of_a_cold_run(2) == serial
    assert findings() == cold()


def _killed(*args: Any) -> Any:
    """What the OOM killer does to a worker (module level: the pool sends it by name), a
    moment in: after this process has taken its share of the files."""
    import time

    time.sleep(0.5)
    os._exit(9)


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_worker_killed_mid_run_changes_nothing_and_prints_nothing(
    org: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from orgdesign.load import filestore

    reg = registry()
    settings = check_config(Config(), reg)
    expected = api.validate_org(assemble(org, "org.yaml", FileCache(Limits())), reg, settings)
    monkeypatch.setattr(filestore, "parse_job", _killed)
    monkeypatch.setattr(filestore, "store_job", _killed)
    disk = DiskCache.open(Path(".orgdesign_cache"))
    cache = FileCache(Limits(), disk=disk, jobs=2)
    cache.store.min_parallel_bytes = 0
    assembly = assemble(org, "org.yaml", cache)
    cache.store.flush()
    cache.store.close()
    assert api.validate_org(assembly, reg, settings) == expected
    import multiprocessing

    assert not multiprocessing.active_children()
    assert "Traceback" not in capfd.readouterr().err


def test_entries_nothing_used_for_two_weeks_are_pruned_once_a_day(org: Path) -> None:
    expected = findings()
    root = org.parent / ".orgdesign_cache"
    old_time = __import__("time").time() - (diskcache.KEEP_DAYS + 1) * 86400
    stale = root / "ab" / ("0" * 62 + ".bin")
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"an entry of a file version nobody has any more")
    left = root / "ab" / ".tmp-killed"
    left.write_bytes(b"half")
    for path in (*root.rglob("*.bin"), left):
        os.utime(path, (old_time, old_time))  # everything looks two weeks old
    (root / "last-prune").unlink(missing_ok=True)
    assert findings() == expected  # reads (and so keeps) the entries of this organisation
    assert not stale.exists() and not left.exists()
    assert len(entries(org.parent)) == 4 and findings() == expected
    os.utime(root / "last-prune", (old_time, old_time))
    cache = DiskCache.open(root)
    assert cache is not None
    assert cache.prune() == 0, "the entries this run read were touched"
    stale.write_bytes(b"x")
    os.utime(stale, (old_time, old_time))
    assert cache.prune() == 0, "at most once a day"
    assert stale.exists()
