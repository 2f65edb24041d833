"""The run memo (`orgdesign.lint.memo`): reused findings are always a cold run's findings.

Every test compares a run that may reuse the previous run's findings with a cold
run (`--no-cache`, or no disk cache). The property test edits files at random
(prose no check reads, references that checks do read, comments and blank lines
that move everything below) and compares; the poison test runs every rule on
every sample and rule case with the values of `INERT` made unreadable.
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
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import Poison, every_org, sections
from orgdesign import api
from orgdesign.assemble.project import assemble
from orgdesign.assemble.targets import effective as effective_targets
from orgdesign.lint import memo
from orgdesign.lint.engine import check_config, run_rules, unknown_ignores
from orgdesign.lint.rules import registry
from orgdesign.lint.run import ValidationRun
from orgdesign.load import diskcache
from orgdesign.load.config import Config
from orgdesign.load.diskcache import DiskCache
from orgdesign.model import Org

ROOT = """orgdesign: 1
organization: {id: acme, name: Acme, description: A company.}
include: [part-a.yaml, part-b.yaml]
units:
  - {id: co, name: Company, type: company, head: ceo, description: The top.}
positions:
  - {id: ceo, title: CEO, unit: co, description: Runs it.}
  - {id: chair, title: Chair, unit: co}
"""
# `chair` is a second root: ORG102 quotes the line of `ceo` in the same file ("line 7")
PART_A = """units:
  - {id: sales, name: Sales, parent: co, head: vp-sales}
positions:
  - {id: vp-sales, title: VP Sales, reports_to: ceo, unit: sales, roles: [seller]}
  - {id: rep, title: Rep, reports_to: vp-sales, unit: sales, holders: [Ann, Bo]}
  - {id: rep2, title: Rep Two, reports_to: vp-sale, unit: sales}
  - id: analyst
    title: Analyst
    unit: sales
    reports_to: ceo
    career_path: [rep]
"""
PART_B = """positions:
  - {id: cto, title: CTO, reports_to: ceo, unit: co, dotted_to: [vp-sales]}
  - {id: dev, title: Developer, reports_to: nobody, unit: co}
raci:
  - {responsibility: ship, A: cto, R: [dev], note: Weekly.}
responsibilities:
  - {id: ship, name: Ship, description: Ship it., kpis: [on time]}
"""
FILES = {"org.yaml": ROOT, "part-a.yaml": PART_A, "part-b.yaml": PART_B}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(folder: Path, cached: bool = True, config: Config | None = None) -> ValidationRun:
    disk = DiskCache.open(folder / ".orgdesign_cache") if cached else None
    return api.validate([(folder / "org.yaml", "org.yaml")], config, disk_cache=disk)


def dicts(result: ValidationRun) -> list[dict[str, object]]:
    return [f.as_dict() for f in result.findings]


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_prose_edit_reuses_the_findings_moved_to_their_new_columns(folder: Path) -> None:
    first = run(folder)
    assert not first.reused and dicts(first), "a cold run, with findings to move"
    again = run(folder)
    assert again.reused and dicts(again) == dicts(first)
    # The title comes before `reports_to` on the line: the ORG004 on it moves right.
    edit(folder, "part-b.yaml", "title: Developer,", "title: Senior Developer of Things,")
    edit(
        folder,
        "part-a.yaml",
        "    title: Analyst\n",
        "    title: Analyst\n    names: {zh: 分析师}\n",
    )
    edited = run(folder)
    assert edited.reused, "titles and names are read by no check"
    assert dicts(edited) == dicts(run(folder, cached=False))
    before = {(f.rule, f.element): f.column for f in first.findings if f.file == "part-b.yaml"}
    after = {(f.rule, f.element): f.column for f in edited.findings if f.file == "part-b.yaml"}
    assert after[("ORG004", "dev")] == before[("ORG004", "dev")] + len("Senior  of Things")
    assert run(folder).reused, "the renewed memo holds for the next run"


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("part-b.yaml", "reports_to: nobody", "reports_to: cto"),  # a reference
        ("part-a.yaml", "holders: [Ann, Bo]", "holders: [Ann]"),  # seats
        ("part-b.yaml", "{id: ship, name: Ship,", "{id: ship, name: Shipping,"),  # quoted name
        ("org.yaml", "include: [part-a.yaml, part-b.yaml]", "include: [part-a.yaml]"),
        ("part-b.yaml", "kpis: [on time]}", "kpis: [on time], required: true}"),
        ("part-a.yaml", "title: Rep,", "title: [Rep],"),  # a schema error in an inert key
    ],
)
def test_an_edit_a_check_can_see_is_checked_again(
    folder: Path, name: str, old: str, new: str
) -> None:
    run(folder)
    edit(folder, name, old, new)
    result = run(folder)
    assert not result.reused
    assert dicts(result) == dicts(run(folder, cached=False))


def test_a_changed_option_or_tool_is_checked_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(folder)
    config = Config.model_validate({"severity": {"ORG004": "warning"}})
    changed = run(folder, config=config)
    assert not changed.reused and dicts(changed) == dicts(run(folder, False, config))
    assert run(folder).reused
    monkeypatch.setattr(diskcache, "__version__", "999.0")
    assert not run(folder).reused
    assert run(folder).reused


def _memo_entries(folder: Path) -> list[tuple[str, Path]]:
    cache = DiskCache.open(folder / ".orgdesign_cache")
    assert cache is not None
    out = []
    for path in (folder / ".orgdesign_cache").rglob("*.bin"):
        key = path.parent.name + path.stem
        payload = cache.get(key)
        if payload is not None and isinstance(pickle.loads(payload), memo.Memo):
            out.append((key, path))
    return out


def test_a_corrupt_or_foreign_memo_is_never_used(folder: Path) -> None:
    expected = dicts(run(folder))
    (key, path), *_ = _memo_entries(folder)
    cache = DiskCache.open(folder / ".orgdesign_cache")
    assert cache is not None
    wrong = pickle.loads(cache.get(key) or b"")
    planted = memo.Memo(wrong.files, wrong.roots, wrong.links, [("org.yaml", [])], [])
    memo.put_memo(cache, key, planted)
    assert run(folder).reused and not run(folder).findings, "a signed memo is used as it is"
    for damage in (b"\x00garbage", path.read_bytes()[:-7], None):
        if damage is None:  # signed under another user's key
            DiskCache(cache.root, b"another user" * 3).put(key, pickle.dumps(planted))
        else:
            path.write_bytes(damage)
        result = run(folder)
        assert not result.reused and dicts(result) == expected
    cache.put(key, b"signed, but not a pickle")
    assert dicts(run(folder)) == expected


def test_a_file_that_appears_or_a_link_that_moves_is_checked_again(folder: Path) -> None:
    edit(folder, "org.yaml", "part-b.yaml]", "part-b.yaml, later.yaml]")
    assert any("no such file" in f.message for f in run(folder).findings)
    (folder / "later.yaml").write_text("positions:\n  - {id: x, title: X}\n", encoding="utf-8")
    result = run(folder)
    assert not result.reused and dicts(result) == dicts(run(folder, cached=False))
    # a symlinked include pointed at another file: the including file is unchanged
    (folder / "other.yaml").write_text("positions:\n  - {id: y, title: Y}\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to("later.yaml")
    edit(folder, "org.yaml", "later.yaml]", "link.yaml]")
    run(folder)
    assert run(folder).reused
    (folder / "link.yaml").unlink()
    (folder / "link.yaml").symlink_to("other.yaml")
    result = run(folder)
    assert not result.reused and dicts(result) == dicts(run(folder, cached=False))


def test_a_message_that_quotes_a_moved_place_is_checked_again(folder: Path) -> None:
    # ORG003 says where the first definition is: "already defined at part-a.yaml:LINE:COL"
    edit(folder, "part-b.yaml", "  - {id: dev,", "  - {id: rep, title: Again}\n  - {id: dev,")
    first = run(folder)
    assert any("part-a.yaml:" in f.message for f in first.findings)
    edit(folder, "part-a.yaml", "units:\n", "# a comment moves every line\nunits:\n")
    result = run(folder)
    assert not result.reused and dicts(result) == dicts(run(folder, cached=False))


def test_two_concurrent_runs_after_an_edit_give_the_cold_findings(folder: Path) -> None:
    run(folder)
    edit(folder, "part-b.yaml", "title: CTO,", "title: Chief Technology Officer,")
    expected = dicts(run(folder, cached=False))
    exe = Path(sys.executable).parent / "orgdesign"
    command = [str(exe), "validate", "org.yaml", "--format", "json"]
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "xdg")}
    procs = [
        subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for proc in procs:
        assert json.loads(proc.communicate(timeout=120)[0])["findings"] == expected
    assert run(folder).reused and dicts(run(folder)) == expected


_TEXT = st.text(st.sampled_from("abc XYZ 市场部经理-&'"), min_size=0, max_size=24)
_EDITS = st.one_of(
    st.tuples(st.just("title"), st.sampled_from(["CTO", "Developer", "Rep", "VP Sales"]), _TEXT),
    st.tuples(st.just("prose"), st.sampled_from(["The top.", "Runs it.", "Weekly."]), _TEXT),
    st.tuples(st.just("line"), st.integers(0, 12), st.sampled_from(["# note", ""])),
    st.tuples(
        st.just("ref"),
        st.sampled_from(["reports_to: ceo", "reports_to: nobody", "unit: sales"]),
        st.sampled_from(["reports_to: cto", "reports_to: rep", "unit: co", "unit: none"]),
    ),
    # values only some rules read: those rules run again, the others' findings are reused
    st.tuples(
        st.just("ref"),
        st.sampled_from(["holders: [Ann, Bo]", "A: cto", "R: [dev]", "{id: cto, title: CTO,"]),
        st.sampled_from(
            [
                "holders: [Ann]",
                "holders: []",
                "headcount: 1, holders: [Ann, Bo]",
                "A: dev",
                "A: rep",
                "R: [rep, dev]",
                "{id: cto, title: CTO, holders: [Ann],",
                "{id: cto, title: CTO, headcount: 3, cost: 10,",
            ]
        ),
    ),
)


def _read(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def _apply(text: str, change: tuple[str, Any, str]) -> str:
    kind, where, what = change
    if kind == "line":
        lines = text.split("\n")
        lines.insert(min(where, len(lines) - 1), what)
        return "\n".join(lines)
    if kind in ("title", "prose"):
        return text.replace(where, json.dumps(what, ensure_ascii=False), 1)
    return text.replace(where, what, 1)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(sorted(FILES)),
    changes=st.lists(_EDITS, min_size=1, max_size=3),
    other=st.sampled_from(sorted(FILES)),
)
def test_random_edits_never_give_other_findings_than_a_cold_run(
    folder: Path, name: str, changes: list[tuple[str, Any, str]], other: str
) -> None:
    for file, text in FILES.items():
        (folder / file).write_text(text, encoding="utf-8")
    run(folder)
    for i, change in enumerate(changes):
        first = name if i % 2 == 0 else other
        order = [first, *(f for f in sorted(FILES) if f != first)]
        # an edit goes to the first file that has what it changes (a line: to that file)
        hits = [f for f in order if change[0] == "line" or str(change[1]) in _read(folder, f)]
        if not hits:
            continue
        target = folder / hits[0]
        target.write_text(_apply(target.read_text(encoding="utf-8"), change), encoding="utf-8")
    warm = run(folder)
    event(
        "findings reused"
        if warm.reused
        else "some rules checked again"
        if warm.rules_reused
        else "checked again"
    )
    assert dicts(warm) == dicts(run(folder, cached=False))


def _poison(org: Org) -> int:
    """Every inert value of every element replaced by a poison; how many were replaced."""
    count = 0
    for section, elements in sections(org).items():
        for element in elements:
            for key in memo.INERT.get(section, ()):
                assert key in type(element).model_fields, (section, key)
                element.__dict__[key] = Poison()
                count += 1
    return count


@pytest.mark.parametrize("case", every_org())
def test_no_check_reads_an_inert_value(tmp_path: Path, case: dict[str, Any]) -> None:
    for rel, text in {**case.get("files", {}), "org.yaml": case["org"]}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    assembly = assemble(tmp_path / "org.yaml", "org.yaml")
    if not assembly.loaded or assembly.is_catalog:
        return
    config = Config.model_validate(case.get("config") or {})
    rules = registry()
    settings_ = check_config(config, rules)
    # what `api.validate_org` runs after assembly, with the configuration's targets
    assembly.org.targets = effective_targets(assembly.org.targets, config.targets)
    clean = (run_rules(assembly.org, rules, settings_), unknown_ignores(assembly.org, rules))
    assert _poison(assembly.org) > 0
    assert (
        run_rules(assembly.org, rules, settings_),
        unknown_ignores(assembly.org, rules),
    ) == clean


def test_a_holder_edit_checks_again_only_the_rules_that_read_holders(folder: Path) -> None:
    run(folder)
    # a key added before others moves the findings after it on the same line
    edit(
        folder,
        "part-a.yaml",
        "VP Sales, reports_to: ceo",
        "VP Sales, holders: [Zed], reports_to: ceo",
    )
    edit(folder, "part-a.yaml", "holders: [Ann, Bo]", "holders: [Ann, Cy, Zed]")
    result = run(folder)
    readers = {
        r.id
        for r in registry()
        if r.check is not None and (r.reads is None or ("positions", "holders") in r.reads)
    }
    assert {"ORG109", "ORG110"} <= readers and "ORG101" not in readers
    assert not result.reused
    assert result.rules_reused == {r.id for r in registry() if r.check is not None} - readers
    cold = dicts(run(folder, cached=False))
    assert dicts(result) == cold
    assert any(f["rule"] == "ORG110" for f in cold), "Zed holds two seats: ORG110 ran again"
    assert run(folder).reused and dicts(run(folder)) == cold


def test_a_folder_whose_includes_are_also_roots_reuses_after_an_edit(folder: Path) -> None:
    # `orgdesign validate orgs` finds the included files as roots too: each is read twice
    # (as a root and as an include) under one name, and an edit there must still be reused
    orgs = folder / "orgs"
    orgs.mkdir()
    for name in FILES:
        (folder / name).rename(orgs / name)

    def run_folder(cached: bool = True) -> ValidationRun:
        disk = DiskCache.open(folder / ".orgdesign_cache") if cached else None
        return api.validate(api.expand_paths(["orgs"]), disk_cache=disk)

    assert len(api.expand_paths(["orgs"])) == 3
    run_folder()
    edit(folder, "orgs/part-a.yaml", "title: Rep,", "title: Sales Rep,")
    warm = run_folder()
    assert warm.reused and dicts(warm) == dicts(run_folder(cached=False))
    edit(folder, "orgs/part-a.yaml", "holders: [Ann, Bo]", "holders: [Ann]")
    warm = run_folder()
    assert not warm.reused and "ORG110" not in warm.rules_reused and "ORG101" in warm.rules_reused
    assert dicts(warm) == dicts(run_folder(cached=False))
