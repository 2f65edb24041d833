"""The library API: what the command line (and other programs) call.

This module owns the use cases: validating org files, listing and explaining
rules, producing the JSON Schema. It ties the stages together (project
assembly -> graph -> engine -> findings) and leaves parsing options and
printing to `orgdesign.cli.app` and `orgdesign.output.findings`.
"""

from __future__ import annotations

import gc
import glob
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from orgdesign.analysis.scenario.load import is_scenario
from orgdesign.analysis.scenario.spec import TOP_KEYS as SCENARIO_KEYS
from orgdesign.assemble.graph import OrgGraph
from orgdesign.assemble.project import Assembly, FileCache, assemble
from orgdesign.assemble.targets import effective as effective_targets
from orgdesign.findings import Finding
from orgdesign.lint import memo
from orgdesign.lint.engine import (
    Registry,
    Settings,
    apply_config,
    check_config,
    check_rules,
    unknown_ignores,
)
from orgdesign.lint.grouping import group_under_unknown_references
from orgdesign.lint.rules import registry as default_registry
from orgdesign.lint.run import FileResult, ValidationRun
from orgdesign.load.config import Config, ConfigError, load_config
from orgdesign.load.diskcache import DiskCache
from orgdesign.load.entries import StaleEntry
from orgdesign.load.fsio import ReadError, read_head, write_text_atomic
from orgdesign.load.loader import MIB, Limits
from orgdesign.model import Org, json_schema
from orgdesign.model.files import OrgFile

YAML_SUFFIXES = (".yaml", ".yml")
SNIFF_BYTES = 1024 * 1024


@cache
def _org_keys() -> re.Pattern[str]:
    """A top-level key of an org, catalogue or scenario file at a line's start: what marks a
    YAML file in a folder as one of ours (a `docker-compose.yaml` beside them is not)."""
    keys = {field.alias or name for name, field in OrgFile.model_fields.items()}
    keys |= {"catalog", *SCENARIO_KEYS}
    return re.compile(rf"^(?:{'|'.join(sorted(keys))})[ \t]*:", re.MULTILINE)


def resolve_config(config_path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration named, or the nearest one (raises ConfigError)."""
    return load_config(config_path, start)


def expand_paths(args: list[str]) -> list[tuple[Path, str]]:
    """Files named, globs expanded, folders walked for *.yaml / *.yml; with display names."""
    out: list[tuple[Path, str]] = []
    for arg in args:
        if glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            out.extend((Path(m), m) for m in matches if m.endswith(YAML_SUFFIXES))
            continue
        path = Path(arg)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.endswith(YAML_SUFFIXES) and looks_like_org_file(Path(full)):
                        out.append((Path(full), full))
            continue
        out.append((path, arg))
    unique: dict[str, tuple[Path, str]] = {}
    for path, display in out:  # `a.yaml ./a.yaml` is one file
        key = str(path.resolve()) if path.exists() else str(path)
        unique.setdefault(key, (path, display))
    return list(unique.values())


def looks_like_org_file(path: Path) -> bool:
    """Whether a YAML file found in a folder is an org, catalogue or scenario file: it has one
    of their top-level keys (in its first MiB). A file that cannot be read is kept, so that
    validating it says why; a file named on the command line is always checked."""
    try:
        head = read_head(path, SNIFF_BYTES)
    except ReadError:
        return True
    if b"\0" in head[:4096]:  # UTF-16 or UTF-32: kept, so that validating it says to use UTF-8
        return True
    return _org_keys().search(head.decode("utf-8", "replace")) is not None


def validate_org(assembly: Assembly, registry: Registry, settings: Settings) -> list[Finding]:
    """Findings of one assembled organisation: loading and schema findings, then the rules."""
    return check_org(assembly, registry, settings)[0]


def check_org(
    assembly: Assembly, registry: Registry, settings: Settings, kept: memo.Kept | None = None
) -> tuple[list[Finding], list[Finding]]:
    """`validate_org`, and the rules' findings before grouping (what the run memo keeps).

    `kept`: findings of rules that are not run again (the run memo's, still holding).
    """
    org = assembly.org if assembly.loaded else None
    findings = apply_config(assembly.findings, org, settings)
    raw: list[Finding] = []
    if assembly.loaded and not assembly.is_catalog:
        assembly.org.targets = effective_targets(assembly.org.targets, settings.config.targets)
        findings.extend(apply_config(unknown_ignores(assembly.org, registry), org, settings))
        graph = OrgGraph(assembly.org)
        skip = kept.rules if kept is not None else frozenset()
        raw = check_rules(assembly.org, graph, registry, settings, skip)
        if kept is not None:
            raw = _in_rule_order(registry, [*raw, *kept.findings])
        findings.extend(group_under_unknown_references(assembly.org, graph, raw))
    return sorted(findings, key=Finding.sort_key), raw


def _in_rule_order(registry: Registry, findings: list[Finding]) -> list[Finding]:
    """Findings in the order the rules run, each rule's in its order: as one run reports them
    (grouping under an unknown reference lists the findings it stands for in this order)."""
    by_rule: dict[str, list[Finding]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    return [f for item in registry for f in by_rule.get(item.id, [])]


def checked_roots(assemblies: list[tuple[str, Assembly]]) -> list[tuple[str, Assembly]]:
    """The files to report on: a file that a checked root includes is checked through it.

    Files that only include each other (a cycle, or fragments) are not all dropped: the
    first of them is checked as a root, which covers the ones it includes.
    """
    included_by_any = set().union(*(a.included for _, a in assemblies)) if assemblies else set()
    kept = [item for item in assemblies if item[1].path not in included_by_any]
    covered = set().union(*(a.included for _, a in kept)) if kept else set()
    for item in assemblies:
        _, assembly = item
        if item in kept or assembly.path in covered:
            continue
        kept.append(item)
        covered |= assembly.included
    order = {id(item[1]): i for i, item in enumerate(assemblies)}
    return sorted(kept, key=lambda item: order[id(item[1])])


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while an organisation is built and checked.

    Loading makes millions of long-lived objects and no reference cycles; the
    collector's repeated walks over them took half of the time of a large run
    (measured: 100k positions, load 0.50 -> 0.27 s per file). Reference counting
    still frees everything; the collector's previous state is restored after.

    After a large check, what is alive is moved to the oldest generation (`gc.freeze`
    then `gc.unfreeze`, neither of which walks anything): otherwise the first collection
    walks every object made meanwhile, all still in the youngest generation (0.3 s at
    100k positions, seconds at a million, while the output is written). Not after a
    small one: garbage moved there waits for a full collection, and a long-lived process
    (the fuzz harness, a test run) grew by 300 MB in 200 builds.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_count()[0] > _YOUNG_WALK:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


_YOUNG_WALK = 2_000_000
"""Objects made during a check above which the collector's first walk is not worth it."""


def validate(
    files: list[tuple[Path, str]],
    config: Config | None = None,
    registry: Registry | None = None,
    *,
    disk_cache: DiskCache | None = None,
    jobs: int = 1,
) -> ValidationRun:
    """Validate root files; a file included by several roots is read once.

    `disk_cache` keeps each file's parsed content between runs (`.orgdesign_cache`);
    `jobs` > 1 parses included files in that many processes (same findings as serial).
    """
    config = config or Config()
    registry = registry or default_registry()
    try:
        return _validate(files, config, registry, disk_cache, jobs)
    except StaleEntry:  # a file changed while its cached tree was being read: check afresh
        if disk_cache is None:  # pragma: no cover - only entries read from the cache are lazy
            raise
        return _validate(files, config, registry, None, jobs)


def _validate(
    files: list[tuple[Path, str]],
    config: Config,
    registry: Registry,
    disk_cache: DiskCache | None,
    jobs: int,
) -> ValidationRun:
    settings = check_config(config, registry)
    limits = Limits(max_bytes=int(config.max_file_size * MIB))
    cache = FileCache(limits, disk=disk_cache, jobs=jobs)
    run = ValidationRun(registry=registry)
    with _gc_paused():
        try:
            scenarios = [(p, d) for p, d in files if is_scenario(p, d, cache)]
            plain = [item for item in files if item not in scenarios]
            if plain:
                _check_plain(run, plain, cache, settings, disk_cache)
            if scenarios:  # imported only for a scenario: a plain check starts quicker
                from orgdesign.analysis.scenario.validate import run_scenario
            for path, display in scenarios:  # validated as its base with the changes applied
                scenario = run_scenario(path, display, cache, run.registry, settings)
                run.results.append(FileResult(display, scenario.findings, scenario.org))
            cache.store.flush()
        except BaseException:  # interrupted or failed: leave the cache entries unwritten
            cache.store.close(abandon=True)
            raise
        cache.store.close()
    if disk_cache is not None:
        disk_cache.prune()
    return run


def _check_plain(
    run: ValidationRun,
    plain: list[tuple[Path, str]],
    cache: FileCache,
    settings: Settings,
    disk: DiskCache | None,
) -> None:
    """The organisations' findings: the previous run's where they still hold, else checked."""
    key = memo.memo_key(disk, settings, run.registry, cache.limits, plain) if disk else None
    previous = memo.load_memo(disk, key) if disk and key else None
    plan = memo.reuse(previous, cache.store, plain, run.registry) if previous else None
    if previous is not None and plan is not None and plan.results is not None:
        run.reused = True
        run.results.extend(FileResult(display, found, None) for display, found in plan.results)
        if disk and key:
            memo.touch_files(disk, previous)  # still these files' entries: keep them
            memo.put_memo(disk, key, memo.renewed(previous, cache.store, plan.results, plan.kept))
        return
    assemblies = [(display, assemble(path, display, cache)) for path, display in plain]
    cache.store.flush()  # the entries are written while the rules run
    raws: memo.Results = []
    for display, assembly in checked_roots(assemblies):
        kept = plan.kept.get(display) if plan is not None else None
        findings, raw = check_org(assembly, run.registry, settings, kept)
        run.results.append(FileResult(display, findings, assembly.org if assembly.loaded else None))
        run.rules_reused |= kept.rules if kept is not None else frozenset()
        raws.append((display, raw))
    if disk and key:
        found = [(r.file, r.findings) for r in run.results]
        memo.save_memo(disk, key, cache.store, plain, [a for _, a in assemblies], found, raws)


def load_org(
    path: Path, display: str | None = None, config: Config | None = None
) -> tuple[Org | None, list[Finding]]:
    """Load one organisation and validate it: the entry point of every output command."""
    run = validate([(path, display or str(path))], config)
    result = run.results[0]
    return result.org, result.findings


def schema_text() -> str:
    from orgdesign.output.escape import json_document  # only `schema` needs the writer

    return json_document(json_schema())


__all__ = [
    "ConfigError",
    "FileResult",
    "ValidationRun",
    "expand_paths",
    "load_org",
    "resolve_config",
    "schema_text",
    "validate",
    "write_text_atomic",
]
