"""One file parsed and validated: computed once per run, kept between runs, made in parallel.

This module owns the unit of work below assembly: a file's `LoadResult` and
its validated content (`assemble.validate.FileContent`, made by the validator it is
given, so this module stays below `orgdesign.assemble.project`). It

- remembers each (file, name, root flag) for the rest of the run;
- keeps the result in the per-file disk cache (`orgdesign.load.diskcache`) when
  one is given, keyed by the file's bytes, its name, the options that change
  parsing and the tool, in the entries `orgdesign.load.entries` lays out (the
  content packed by the `Codec` it is given, the positioned tree apart);
- computes several files at once in worker processes (`prefetch`), with the
  same function as the serial path: the result of a file does not depend on
  which process made it, so a parallel run gives exactly the serial findings.
"""

from __future__ import annotations

import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from orgdesign.load.diskcache import DiskCache, tool_fingerprint
from orgdesign.load.entries import Codec, Parsed, loads_plain, put_parsed, read_parsed
from orgdesign.load.fsio import ReadError, read_capped
from orgdesign.load.loader import Limits, load_bytes, load_file
from orgdesign.load.workers import POOL_ERRORS, Workers

if TYPE_CHECKING:  # a one-file check never imports concurrent.futures
    from concurrent.futures import Future

Validator = Callable[..., Any]
"""`validate(raw, name, root=bool)` -> the file's validated content."""

_PREFETCH_ERRORS: tuple[type[BaseException], ...] = (*POOL_ERRORS, pickle.PicklingError)

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


def _entry(
    cache: DiskCache, key: str, job: Job, limits: Limits, codec: Codec | None
) -> Parsed | None:
    """The parsed file stored under `key` (None: none, or unusable); its tree, if its
    entry is gone, is made again from the file while the file has the same bytes."""
    payload = cache.get(key)
    if payload is None:
        return None

    def reparse() -> Any:
        data = _read(Path(job.path), limits)
        if data is None or _cache_key(cache, job, limits, data) != key:
            return None
        return load_bytes(data, job.display, limits).data

    return read_parsed(cache, key, payload, codec, reparse)


def _cached(
    job: Job, limits: Limits, cache: DiskCache | None, codec: Codec | None
) -> tuple[bytes | None, str | None, Parsed | None]:
    """The file's bytes, its cache key and the entry found under it (each None when absent)."""
    data = _read(Path(job.path), limits)
    if cache is None or data is None:
        return data, None, None
    key = _cache_key(cache, job, limits, data)
    return data, key, _entry(cache, key, job, limits, codec)


def parse_keyed(
    job: Job,
    limits: Limits,
    validate: Validator,
    cache: DiskCache | None,
    write: bool = True,
    codec: Codec | None = None,
) -> tuple[Parsed, str | None, bool]:
    """Parse one file, or take it from the disk cache (and store what was parsed there);
    also the cache key of the bytes it parsed (None: no cache, or unreadable) and whether
    the file was parsed (not found in the cache). `write=False` leaves storing the entry
    to the caller."""
    data, key, parsed = _cached(job, limits, cache, codec)
    if parsed is not None:
        return parsed, key, False
    parsed = _compute(job, limits, validate, data)
    if write and key is not None and cache is not None:
        put_parsed(cache, key, parsed, codec)
    return parsed, key, True


def parse_job(
    job: Job, limits: Limits, validate: Validator, cache: DiskCache | None, codec: Codec | None
) -> tuple[str | None, bytes | None]:
    """What a worker process does: `parse_keyed`, the result pickled for the main process.

    The pickle is the one the disk cache stores. When the entry is in the cache (found
    there, or written now) only its key is sent back and the main process reads the
    entry itself: a few megabytes through a pipe stall the worker until the main
    process, busy parsing, gets round to reading them. Otherwise the pickle is sent.
    """
    data = _read(Path(job.path), limits)
    key = None
    if cache is not None and data is not None:
        key = _cache_key(cache, job, limits, data)
        if cache.has(key):  # checked by the main process when it reads the entry
            return key, None
    parsed = _compute(job, limits, validate, data)
    if key is not None and cache is not None and put_parsed(cache, key, parsed, codec):
        return key, None
    return key, pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL)


def default_jobs() -> int:
    """Processes parsing at once for `--jobs 0`, this one included: one per core it may use.

    The main process parses too (`prefetch`) and reads back what a worker parsed from
    the entry it wrote (about a fifth of parsing), so two cores already gain
    (`bench/ci_scale.py`: a million positions cold, 66 s with `-j 1`, 46 s with 2).
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@dataclass
class FileStore:
    """Parsed files of one run, by (path, name, root flag)."""

    limits: Limits
    validate: Validator
    cache: DiskCache | None = None
    jobs: int = 1
    codec: Codec | None = None
    """How entries are packed (`orgdesign.load.entries`); None: each pickled whole."""
    min_parallel_bytes: int = PARALLEL_MIN_BYTES
    parsed: dict[Job, Parsed] = field(default_factory=dict)
    keys: dict[Job, str | None] = field(default_factory=dict)
    """The cache key of the bytes each file was parsed from (what the run memo records)."""
    pending: list[tuple[str, Job]] = field(default_factory=list)
    """Files parsed in this process whose entries are not written yet (`flush`)."""
    workers: Workers = field(init=False)
    _seen: dict[Job, str] = field(default_factory=dict)
    _writing: list[tuple[Future[None], str, Job]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.workers = Workers(self.jobs - 1)

    def get(self, job: Job) -> Parsed:
        if job not in self.parsed:
            seen = self._seen.get(job)
            found = self.entry(job, seen) if seen is not None else None
            if found is not None:  # the entry of the bytes `key_now` read: no second read
                parsed, key, fresh = found, seen, False
            else:
                parsed, key, fresh = parse_keyed(
                    job, self.limits, self.validate, self.cache, False, self.codec
                )
            self.parsed[job], self.keys[job] = parsed, key
            if fresh and key is not None:
                self.pending.append((key, job))
        return self.parsed[job]

    def flush(self) -> None:
        """Hand the entries of the files parsed in this process to be written.

        When worker processes were started, they write them (parsing each file again:
        pickling this process's objects costs a third of parsing) while the checks run
        here; `close` takes back what no worker has started and writes it here. Without
        workers the entries are written here and now.
        """
        if self.cache is None or not self.pending:
            return
        todo, self.pending = self.pending, []
        for key, job in todo:
            future = self.workers.background(
                store_job, job, self.limits, self.validate, self.cache, self.codec
            )
            if future is None:
                self._write(key, job)
            else:
                self._writing.append((future, key, job))

    def _write(self, key: str, job: Job) -> None:
        if self.cache is not None:
            put_parsed(self.cache, key, self.parsed[job], self.codec)

    def close(self, abandon: bool = False) -> None:
        """The run is over: write what no worker has started, wait for the rest, stop them;
        both sides work until the last entry (`abandon`: the run was interrupted or failed,
        stop without writing)."""
        writing, self._writing = self._writing, []
        if not abandon:
            for future, key, job in reversed(writing):
                if future.running() or future.done():  # a worker has it: the rest is theirs
                    break
                self._write(key, job)  # the worker that comes to it finds the entry there
        self.workers.close(abandon)

    def key_now(self, job: Job) -> str | None:
        """The cache key of the file's bytes as they are now (None: no cache, or unreadable).

        Remembered: `get` then reads the entry of those bytes instead of the file again
        (hashing every file once more cost 0.4 s at a million positions)."""
        data = _read(Path(job.path), self.limits)
        if self.cache is None or data is None:
            return None
        key = self._seen[job] = _cache_key(self.cache, job, self.limits, data)
        return key

    def _stored(self, job: Job) -> bool:
        key = self.key_now(job)
        return key is not None and self.cache is not None and self.cache.has(key)

    def entry(self, job: Job, key: str) -> Parsed | None:
        """What the disk cache holds under a key (a version of the file), or None."""
        if self.cache is None:
            return None
        return _entry(self.cache, key, job, self.limits, self.codec)

    def prefetch(self, jobs: Iterable[Job]) -> int:
        """Parse files not seen yet, here and in worker processes, when there is enough to gain.

        `jobs` processes parse at once, this one included (`_share`). Returns how many
        files were parsed ahead (0: left to `get`, one by one).
        """
        todo = list(dict.fromkeys(j for j in jobs if j not in self.parsed))
        if self.jobs > 1 and self.cache is not None:
            # A file with an entry is read back here: a worker would only send the same
            # bytes over a pipe for this process to unpickle anyway.
            todo = [j for j in todo if not self._stored(j)]
        workers = min(self.jobs - 1, len(todo) - 1)
        if workers < 1 or _total_size(todo) < self.min_parallel_bytes:
            return 0
        pool = self.workers.pool()
        if pool is None:
            return 0
        # Largest first: the pool stays busy until the end instead of waiting on one big file.
        todo.sort(key=lambda j: -_size(j.path))
        return self._share(pool, deque(todo), 2 * workers)

    def _share(self, pool: Any, queue: deque[Job], ahead: int) -> int:
        """The workers take files from the front of the queue, this process from the end.

        At most `ahead` files wait for a worker at a time (each one running and one
        next), so that what this process takes is never a file a worker has; nothing
        is cancelled (a pool that breaks after a cancel trips over the cancelled ones).
        """
        sent: list[tuple[Job, Future[tuple[str | None, bytes | None]]]] = []
        done = 0

        def top_up() -> None:
            waiting = sum(not future.done() for _job, future in sent[-ahead:])
            while queue and waiting < ahead:
                job = queue.popleft()
                sent.append(
                    (
                        job,
                        pool.submit(
                            parse_job, job, self.limits, self.validate, self.cache, self.codec
                        ),
                    )
                )
                waiting += 1

        try:
            top_up()
            while queue:
                self.get(queue.pop())
                done += 1
                top_up()
            for job, future in sent:
                done += self._received(job, *future.result())
        except _PREFETCH_ERRORS:
            # No processes to be had (limits, memory, a killed worker): what is left is
            # parsed here, one by one, by `get` - slower, never a different answer.
            self.workers.broken()
        return done

    def _received(self, job: Job, key: str | None, payload: bytes | None) -> int:
        """Take a worker's result (the entry it wrote, or the pickle); 1 if it was usable."""
        if payload is not None:
            parsed = loads_plain(payload)
        elif key is not None and self.cache is not None:  # None if it went: parsed here later
            parsed = _entry(self.cache, key, job, self.limits, self.codec)
        else:
            parsed = None
        if parsed is None:
            return 0
        self.parsed[job], self.keys[job] = parsed, key
        return 1


def store_job(
    job: Job, limits: Limits, validate: Validator, cache: DiskCache, codec: Codec | None
) -> None:
    """What a worker does for `flush`: parse a file and write its entry (nothing sent back).

    An entry already there (the main process wrote it at `close`, or another run) is
    left as it is."""
    data = _read(Path(job.path), limits)
    if data is None:
        return
    key = _cache_key(cache, job, limits, data)
    if not cache.has(key):
        put_parsed(cache, key, _compute(job, limits, validate, data), codec)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _total_size(jobs: list[Job]) -> int:
    return sum(_size(j.path) for j in jobs)
