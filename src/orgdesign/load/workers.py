"""The worker processes of one run: started on first use, given work, stopped at the end.

This module owns the process pool that parses included files (`FileStore.prefetch`)
and, once the main process has what it needs, writes the cache entries of the files
the main process parsed itself (it parses them again: their bytes are all it is
sent, so no large object is pickled to cross over, and the checks run meanwhile).
Anything that goes wrong with the processes (none can be started, one is killed)
only makes the run slower: the caller then does the work itself.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a one-file check never imports concurrent.futures
    from concurrent.futures import Future

POOL_ERRORS: tuple[type[BaseException], ...] = (OSError, MemoryError, RuntimeError)
"""What starting or using the pool may raise (BrokenProcessPool is a RuntimeError)."""


def _quiet() -> None:
    """A worker leaves Ctrl-C to the main process, which stops the pool; SIGTERM ends the
    worker alone (the main process then does its work), not the run."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class Workers:
    """Up to `count` worker processes, made when first needed."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._pool: Any = None
        self._background: list[Future[Any]] = []

    def pool(self) -> Any:
        """The ProcessPoolExecutor (None: no workers wanted, or none can be started)."""
        if self._pool is None and self.count >= 1:
            # Imported here: a one-file check never starts a pool (11 ms of start-up saved).
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_all_start_methods, get_context

            context = get_context("fork") if "fork" in get_all_start_methods() else None
            try:
                self._pool = ProcessPoolExecutor(
                    max_workers=self.count, mp_context=context, initializer=_quiet
                )
            except POOL_ERRORS:
                return None
        return self._pool

    def background(self, work: Callable[..., Any], *args: Any) -> Future[Any] | None:
        """Run `work(*args)` in a worker, waited for by `close` (None: no worker can).

        Nothing is ever cancelled: a pool broken after a cancel trips over the cancelled
        futures; the caller does work no worker has started and lets the worker skip it."""
        if self._pool is None:
            return None
        try:
            future: Future[Any] = self._pool.submit(work, *args)
        except POOL_ERRORS:
            return None
        self._background.append(future)
        return future

    def broken(self) -> None:
        """The pool failed: no more work goes to it (what is left is done in this process)."""
        self.close(abandon=True)
        self.count = 0

    def close(self, abandon: bool = False) -> None:
        """Wait for the background work and stop the workers (`abandon`: drop what is left).

        Background work writes cache entries only: one that failed leaves the entry
        unwritten, which the next run notices and recomputes.
        """
        pool, self._pool = self._pool, None
        background, self._background = self._background, []
        if pool is None:
            return
        if not abandon:
            for future in background:
                try:
                    future.result()
                except POOL_ERRORS:
                    break
        pool.shutdown(wait=not abandon, cancel_futures=True)
