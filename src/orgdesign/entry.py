"""The console entry point: Ctrl-C and SIGTERM handled from the first moment.

This module owns what happens when the user interrupts a run. It installs the
signal handlers before anything heavy is imported (typer, rich, pydantic take
a noticeable part of a second), so an interrupt at any moment ends the run
with one line on stderr and exit code 130 (143 for SIGTERM), never a
traceback. The handler raises `Interrupted`, a `BaseException` that neither
click (which would print "Aborted!" and exit 1 on KeyboardInterrupt) nor any
`except Exception` catches, while every `except BaseException`/`finally`
clean-up on the way (half-made output files and folders, see `orgdesign.fsio`)
still runs. Further signals are ignored while that clean-up finishes.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import NoReturn

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was interrupted by a signal (`signum`)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, frame: FrameType | None) -> None:
    for sig in _SIGNALS:  # the clean-up of this interrupt must not itself be interrupted
        signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum)


def install_interrupt_handlers() -> None:
    for sig in _SIGNALS:
        signal.signal(sig, _on_signal)


def exit_interrupted(signum: int = signal.SIGINT) -> NoReturn:
    """One line on stderr, exit 128 + the signal number (130 for Ctrl-C)."""
    for sig in _SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    try:
        sys.stderr.write("orgdesign: interrupted\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed or gone: the exit code still says it
        pass
    sys.exit(128 + signum)


def main() -> None:
    """`orgdesign` on the command line."""
    install_interrupt_handlers()
    try:
        from orgdesign.cli import main as cli_main

        cli_main()
    except Interrupted as exc:
        exit_interrupted(exc.signum)
    except KeyboardInterrupt:
        exit_interrupted()


if __name__ == "__main__":  # pragma: no cover
    main()
