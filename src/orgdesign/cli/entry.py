"""The console entry point: Ctrl-C and SIGTERM handled from the first moment.

This module owns the start of the `orgdesign` command. Importing typer, rich and
pydantic takes a noticeable part of a second; an interrupt then must not print a
traceback. So the very first thing this module does (it is imported only by the
console script) is to install a handler that, while nothing has been written
yet, just says so and exits; `main` then installs the real policy of
`orgdesign.cli.interrupts` and runs the command line.
"""

import contextlib
import os
import signal
import sys

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _early_exit(signum: int, frame: object) -> None:
    os.write(2, b"orgdesign: interrupted\n")
    os._exit(128 + signum)


for _sig in _SIGNALS:
    signal.signal(_sig, _early_exit)

from orgdesign.cli.interrupts import (  # noqa: E402  (after the handler, on purpose)
    Interrupted,
    exit_interrupted,
    ignore_signals,
    install_interrupt_handlers,
    interrupt_behind,
)


def _leave(code: str | int | None) -> None:
    """End the process now that the command's output is whole (`sys.exit(code)` semantics).

    The interpreter's own shutdown would first free every object still alive, which
    after a million-position check took most of a second; the operating system frees
    them at once. Nothing is lost: output is flushed here and files are written whole
    before a command returns.
    """
    ignore_signals()
    if sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(code)  # a profiler or coverage writes its data when the interpreter ends
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (`| head`) or stream: there is nothing more to say
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code or 0)


def main() -> None:
    """`orgdesign` on the command line."""
    install_interrupt_handlers()
    try:
        from orgdesign.cli.app import main as cli_main

        cli_main()
    except SystemExit as exc:
        _leave(exc.code if isinstance(exc.code, str | int) else None)
    except Interrupted as exc:
        exit_interrupted(exc.signum)
    except KeyboardInterrupt:
        exit_interrupted()
    except Exception as exc:
        interrupt = interrupt_behind(exc)
        if interrupt is None:
            raise
        exit_interrupted(interrupt.signum)
    finally:
        # The run is over and its output whole: a signal now must not kill the process while
        # the interpreter shuts down (which puts back the default handler of a Python one).
        ignore_signals()
