"""One file parsed and validated: computed once per run, kept between runs, made in parallel.

This module owns the unit of work below assembly: a file's `LoadResult` and
its validated content (`assemble.validate.FileContent`, made by the validator it is
given, so this module stays below `orgdesign.assemble.project`). It

- remembers each (file, name, root flag) for the rest of the run;
- keeps the result in the per-file disk cache (`orgdesign.load.diskcache`) when
  one is given, keyed by the file's bytes, its name, the options that change
  parsing and the tool;
- computes several files at once in worker processes (`prefetch`), with the
  same function as the serial path: the result of a file does not depend on
  which process made it, so a parallel run gives exactly the serial findings.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from orgdesign.load.diskcache import DiskCache, tool_fingerprint
from orgdesign.load.fsio import ReadError, read_capped
from orgdesign.load.loader import Limits, LoadResult, load_bytes, load_file

Validator = Callable[..., Any]
"""`validate(raw, name, root=bool)` -> the file's validated content."""
Parsed = tuple[LoadResult, Any]
"""A file's load result and its validated content (None when it could not be loaded)."""

PARALLEL_MIN_BYTES = 2 * 1024 * 1024
"""Below this much YAML in total, starting worker processes costs more than it saves."""


@dataclass(frozen=True)
class Job:
    """One file to parse: its resolved path, the name findings use, whether it is a root."""

    path: str
    display: str
    root: bool


def _read(path: Path, limits: Limits) -> bytes | None:
    """The bytes of a regular file within the size limit; None leaves the case to `load_file`."""
    try:  # in chunks: `handle.read(max_bytes + 1)` would allocate the whole limit up front
        return read_capped(path, limits.max_bytes)
    except ReadError:
        return None


def _cache_key(cache: DiskCache, job: Job, limits: Limits, data: bytes) -> str:
    options = f"{tool_fingerprint()}|{limits!r}|root={job.root}|{job.display}"
    return cache.key(options.encode("utf-8"), data)


def _compute(job: Job, limits: Limits, validate: Validator, data: bytes | None) -> Parsed:
    if data is None:
        result = load_file(Path(job.path), job.display, limits)
    else:
        result = load_bytes(data, job.display, limits)
    content = validate(result.data, job.display, root=job.root) if result.ok else None
    return result, content


def _cached(
    job: Job, limits: Limits, cache: DiskCache | None
) -> tuple[bytes | None, str | None, Parsed | None]:
    """The file's bytes, its cache key and the entry found under it (each None when absent)."""
    data = _read(Path(job.path), limits)
    if cache is None or data is None:
        return data, None, None
    key = _cache_key(cache, job, limits, data)
    payload = cache.get(key)
    return data, key, _loads(payload) if payload is not None else None


def parse_one(job: Job, limits: Limits, validate: Validator, cache: DiskCache | None) -> Parsed:
    """Parse one file, or take it from the disk cache (and store what was parsed there)."""
    return parse_keyed(job, limits, validate, cache)[0]


def parse_keyed(
    job: Job, limits: Limits, validate: Validator, cache: DiskCache | None
) -> tuple[Parsed, str | None]:
    """`parse_one` and the cache key of the bytes it parsed (None: no cache, or unreadable)."""
    data, key, parsed = _cached(job, limits, cache)
    if parsed is not None:
        return parsed, key
    parsed = _compute(job, limits, validate, data)
    if key is not None and cache is not None:
        cache.put(key, pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL))
    return parsed, key


def parse_job(
    job: Job, limits: Limits, validate: Validator, cache: DiskCache | None
) -> tuple[str | None, bytes]:
    """What a worker process does: `parse_keyed`, the result pickled to send it back.

    The pickle is the one the disk cache stores, so a parallel run hands over what a
    cached run reads; an entry found in the cache is sent as it is (one that does not
    unpickle is left out by `prefetch`, then parsed again and replaced by `parse_one`).
    """
    data = _read(Path(job.path), limits)
    key = None
    if cache is not None and data is not None:
        key = _cache_key(cache, job, limits, data)
        payload = cache.get(key)
        if payload is not None:
            return key, payload
    payload = pickle.dumps(_compute(job, limits, validate, data), pickle.HIGHEST_PROTOCOL)
    if key is not None and cache is not None:
        cache.put(key, payload)
    return key, payload


def _loads(payload: bytes) -> Parsed | None:
    """A payload unpickled; None for one that does not hold a (LoadResult, content) pair."""
    try:
        value = pickle.loads(payload)  # only payloads signed by this user (diskcache)
    except Exception:  # a signed but unreadable entry (e.g. from a changed class): recompute
        return None
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], LoadResult):
        return value
    return None


def default_jobs() -> int:
    """Worker processes for `--jobs 0`: one core less than this process may use, or 1.

    A worker's result crosses to the main process as a pickle, which costs the main
    process about a third of parsing the file itself, and pickling costs the worker
    half as much again. With 2 cores the workers and the main process share them and
    nothing is gained (measured on 100,000 positions: 70% more CPU, no faster), so
    below 3 cores files are parsed in the main process.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return cores - 1 if cores >= 3 else 1


@dataclass
class FileStore:
    """Parsed files of one run, by (path, name, root flag)."""

    limits: Limits
    validate: Validator
    cache: DiskCache | None = None
    jobs: int = 1
    min_parallel_bytes: int = PARALLEL_MIN_BYTES
    parsed: dict[Job, Parsed] = field(default_factory=dict)
    keys: dict[Job, str | None] = field(default_factory=dict)
    """The cache key of the bytes each file was parsed from (what the run memo records)."""

    def get(self, job: Job) -> Parsed:
        if job not in self.parsed:
            self.parsed[job], self.keys[job] = parse_keyed(
                job, self.limits, self.validate, self.cache
            )
        return self.parsed[job]

    def key_now(self, job: Job) -> str | None:
        """The cache key of the file's bytes as they are now (None: no cache, or unreadable)."""
        data = _read(Path(job.path), self.limits)
        if self.cache is None or data is None:
            return None
        return _cache_key(self.cache, job, self.limits, data)

    def entry(self, key: str) -> Parsed | None:
        """What the disk cache holds under a key (a file's earlier version), or None."""
        payload = self.cache.get(key) if self.cache is not None else None
        return _loads(payload) if payload is not None else None

    def prefetch(self, jobs: Iterable[Job]) -> int:
        """Parse files not seen yet, in worker processes when there is enough to gain.

        Returns how many files the workers parsed (0: left to `get`, one by one).
        """
        todo = list(dict.fromkeys(j for j in jobs if j not in self.parsed))
        workers = min(self.jobs, len(todo))
        if workers < 2 or _total_size(todo) < self.min_parallel_bytes:
            return 0
        # Imported here: a one-file check never starts a pool (11 ms of start-up saved).
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool
        from multiprocessing import get_all_start_methods, get_context

        context = get_context("fork") if "fork" in get_all_start_methods() else None
        # Largest first: the pool stays busy until the end instead of waiting on one big file.
        todo.sort(key=lambda j: -_size(j.path))
        done = 0
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                payloads = pool.map(
                    parse_job,
                    todo,
                    [self.limits] * len(todo),
                    [self.validate] * len(todo),
                    [self.cache] * len(todo),
                )
                for job, (key, payload) in zip(todo, payloads, strict=True):
                    parsed = _loads(payload)
                    if parsed is not None:
                        self.parsed[job], self.keys[job] = parsed, key
                        done += 1
        except (BrokenProcessPool, OSError, MemoryError, pickle.PicklingError):
            # No processes to be had (limits, memory, a killed worker): what is left is
            # parsed here, one by one, by `get` - slower, never a different answer.
            return done
        return done


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _total_size(jobs: list[Job]) -> int:
    return sum(_size(j.path) for j in jobs)
