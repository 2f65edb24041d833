"""Reading input files safely; writing output files whole or not at all.

This module owns the tool's file system boundary:

- `read_capped` is the one way to read a file the tool was given (org files,
  includes, catalogues, HR tables, configuration): it refuses folders, FIFOs
  and devices without blocking, reads at most a cap (in chunks, so the cap is
  never used to allocate), and turns every OS error (a NUL byte in the name, a
  name too long, no permission) into a `ReadError` whose message says why;
- `capped_zip_member` reads one member of a zip archive (XLSX, DOCX, PPTX)
  with a cap on its decompressed size;
- atomic output: every command that writes a file or a folder goes through it,
  so an interrupted or failed run never leaves a half-written chart, matrix or
  pack behind. Files are written to a temporary name in the target's folder
  and renamed; folders are built under a temporary name and renamed into place
  (replacing an older folder of the same name) while holding a lock on the
  parent folder, so concurrent runs into one folder serialise their swaps.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

try:  # pragma: no cover - POSIX only; elsewhere folder swaps are not serialised
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

MIB = 1024 * 1024
CHUNK = 1024 * 1024
"""Bytes read at a time: memory grows with what the file holds, never with the cap."""


class ReadError(Exception):
    """A file the tool was given cannot be read; `reason` says why in plain words."""

    def __init__(self, path: str, reason: str, *, too_big: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.too_big = too_big


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "file not found"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOTDIR:
        return "a part of the path is not a folder"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return exc.strerror or str(exc)


def _open_regular(path: Path, name: str) -> int:
    """A read-only descriptor of a regular file; never blocks on a FIFO."""
    if "\0" in str(path):
        raise ReadError(name, "the file name contains a NUL byte")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError(name, _os_reason(exc)) from exc
    except ValueError as exc:  # e.g. a name the platform cannot encode
        raise ReadError(name, f"unusable file name ({exc})") from exc
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise ReadError(name, _os_reason(exc)) from exc
    if stat.S_ISDIR(mode):
        os.close(fd)
        raise ReadError(name, "is a folder, not a file")
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise ReadError(name, "not a regular file (a FIFO, socket or device cannot be read)")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


def read_capped(path: Path, max_bytes: int, name: str | None = None) -> bytes:
    """The bytes of a regular file, refused (ReadError) when above `max_bytes`.

    `name` is how the file is called in the message (default: the path).
    """
    shown = str(path) if name is None else name
    fd = _open_regular(path, shown)
    with os.fdopen(fd, "rb", buffering=0) as handle:
        return _read_limited(handle, max_bytes, shown)


def read_head(path: Path, max_bytes: int, name: str | None = None) -> bytes:
    """At most the first `max_bytes` of a regular file (to sniff its kind), refused like
    `read_capped` (ReadError) when it is not one or cannot be read."""
    shown = str(path) if name is None else name
    fd = _open_regular(path, shown)
    with os.fdopen(fd, "rb", buffering=0) as handle:
        try:
            return handle.read(max_bytes)
        except OSError as exc:
            raise ReadError(shown, _os_reason(exc)) from exc


def _read_limited(handle: IO[bytes], max_bytes: int, shown: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = handle.read(min(CHUNK, max(max_bytes - size, 0) + 1))
        except OSError as exc:
            raise ReadError(shown, _os_reason(exc)) from exc
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise ReadError(shown, too_big_reason(max_bytes), too_big=True)
        chunks.append(chunk)


def too_big_reason(max_bytes: int) -> str:
    return f"larger than the limit of {max_bytes / MIB:.1f} MiB"


def capped_zip_member(archive: zipfile.ZipFile, member: str, max_bytes: int) -> bytes:
    """One member of a zip archive, decompressed, refused above `max_bytes` (a zip bomb)."""
    shown = f"{archive.filename or 'archive'}:{member}"
    try:
        info = archive.getinfo(member)
    except KeyError as exc:
        raise ReadError(shown, "no such member in the archive") from exc
    if info.file_size > max_bytes:  # the declared size; the read below checks the real one
        raise ReadError(shown, "decompresses to " + too_big_reason(max_bytes), too_big=True)
    try:
        with archive.open(info) as handle:
            return _read_limited(handle, max_bytes, shown)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise ReadError(shown, f"damaged archive member ({exc})") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_HELD = frozenset({signal.SIGINT, signal.SIGTERM})


def _hold_signals() -> set[int | signal.Signals] | None:
    """Delay Ctrl-C/SIGTERM (until `_release`) while a temporary is made and registered."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)


def _release(old: set[int | signal.Signals] | None) -> None:
    """Deliver a delayed signal here, inside the caller's clean-up `try`."""
    if old is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file and a rename (usual permissions kept)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    held = _hold_signals()
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(tmp_name)
        _release(held)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a normal file is 0666 - umask
        held = _hold_signals()  # the rename and forgetting the temporary go together
        os.replace(tmp, path)
        tmp = None
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    finally:
        _release(held)


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to `path` through a temporary file and a rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


@contextlib.contextmanager
def atomic_dir(path: Path) -> Iterator[Path]:
    """Yield a temporary folder beside `path`; on success it replaces `path`, on failure it goes.

    Concurrent runs into the same `path` each build their own temporary folder and
    swap it in under a lock on the parent folder: the last one wins, and neither
    leaves a temporary folder behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    held = _hold_signals()
    tmp: Path | None = None
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
        _release(held)
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700
        yield tmp
        held = _hold_signals()  # an interrupt now would strand the old or the new folder
        with _folder_lock(path.parent):
            _swap_in(tmp, path)
        tmp = None
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        _release(held)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder (flock on its descriptor): no lock file is left behind."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _swap_in(tmp: Path, path: Path) -> None:
    """Put the finished folder `tmp` at `path`, replacing what is there (caller holds the lock)."""
    old: Path | None = None
    if path.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=path.parent))
        os.replace(path, old / path.name)
    try:
        os.replace(tmp, path)
    except BaseException:
        if old is not None:  # put the previous folder back rather than lose it
            with contextlib.suppress(OSError):
                os.replace(old / path.name, path)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
