"""What happens when the user interrupts a run (Ctrl-C, SIGTERM).

This module owns the interrupt policy; `orgdesign.cli.entry` installs it before
anything heavy is imported and `orgdesign.cli.app.main` again for `python -m`. The
handler raises `Interrupted`, a `BaseException` that neither click (which
would print "Aborted!" and exit 1 on KeyboardInterrupt) nor any
`except Exception` catches, while every `except BaseException`/`finally`
clean-up on the way (half-made output files and folders, see `orgdesign.load.fsio`)
still runs. Further signals are ignored while that clean-up finishes. The run
then ends with one line on stderr and exit code 128 + the signal (130 for
Ctrl-C, 143 for SIGTERM), never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType
from typing import Any, NoReturn

SIGNALS = (signal.SIGINT, signal.SIGTERM)
MESSAGE = "orgdesign: interrupted\n"


class Interrupted(BaseException):
    """The run was interrupted by a signal (`signum`)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def interrupt_behind(exc: BaseException) -> Interrupted | None:
    """The interrupt that caused `exc`, if any.

    Python wraps an exception raised in some hooks (a class's `__set_name__` while a module
    is imported, for one) in a RuntimeError of its own, so a Ctrl-C at that moment arrives
    as an ordinary exception whose cause is the interrupt.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, Interrupted):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def ignore_signals() -> None:
    for sig in SIGNALS:
        signal.signal(sig, signal.SIG_IGN)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    ignore_signals()  # the clean-up of this interrupt must not itself be interrupted
    raise Interrupted(signum)


def install_interrupt_handlers() -> None:
    for sig in SIGNALS:
        signal.signal(sig, _on_signal)
    sys.unraisablehook = _unraisable


def _unraisable(info: Any) -> None:
    """An interrupt that landed where Python cannot raise it ends the run all the same.

    Python runs a signal handler at the next step of whatever code runs; in a finalizer
    or a callback of C code the `Interrupted` it raises is "ignored": printed with a
    traceback, and the run would go on (seen once in CI: `Exception ignored in: 'Path'`).
    The run then ends as any interrupt does, with one line and 128 + the signal, at once:
    without the clean-up on the way out, so a temporary file it was writing may stay
    (rare: the signal has to land in such a place), but nothing half-made is renamed
    into place.
    """
    exc = info.exc_value
    if isinstance(exc, Interrupted):
        _say_interrupted()
        os._exit(128 + exc.signum)
    sys.__unraisablehook__(info)


def exit_interrupted(signum: int = signal.SIGINT) -> NoReturn:
    """One line on stderr, exit 128 + the signal number."""
    _say_interrupted()
    sys.exit(128 + signum)


def _say_interrupted() -> None:
    ignore_signals()
    # stderr closed or gone: the exit code still says it
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(MESSAGE)
        sys.stderr.flush()
