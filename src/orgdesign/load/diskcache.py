"""The per-file cache on disk (`.orgdesign_cache/`), as ruff and mypy keep one.

This module owns storing and finding the parsed and validated content of one
file between runs. It knows nothing about what is stored (bytes in, bytes
out); `orgdesign.load.filestore` decides what goes in and what the key holds.

Why it can never give a stale or a wrong answer:

- the key is a SHA-256 of everything the stored answer depends on: the file's
  bytes, the name it is reported under, the options that change parsing, the
  tool version, the versions of PyYAML (and libyaml), pydantic and Python, and the
  content of the modules that parse and validate (so an edited checkout of orgdesign
  is never served an older answer, and a reinstall of the same one finds its entries);
- every entry is signed with HMAC-SHA256 under a key kept outside the
  repository (`$XDG_CACHE_HOME/orgdesign/cache-key`, mode 0600): an entry
  that was committed, copied from elsewhere, truncated or corrupted fails the
  check and is recomputed. The entries are pickles, and a pickle from someone
  else could run code, so nothing unsigned is ever unpickled;
- entries are written to a temporary file in the same folder and moved into
  place with `os.replace`, so concurrent runs see a whole entry or none.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from orgdesign import __version__
from orgdesign.load.fsio import ReadError, read_capped
from orgdesign.load.loader import parser_name

CACHE_DIR_NAME = ".orgdesign_cache"
FORMAT = b"orgdesign-cache-1"
_SIG = 32  # bytes of an HMAC-SHA256
_ENTRY_MAX = 1 << 30
"""Bytes read of one entry at most: only a planted file could be bigger, and is then ignored."""
_SECRET_MAX = 4096
KEEP_DAYS = 14
"""An entry no run has read or written for this long is removed (`DiskCache.prune`)."""
_DAY = 86400.0
_SOURCES = ("load", "model", "assemble", "findings.py")
"""Packages and modules (below `orgdesign/`) whose code decides what a cached file holds:
the loader, the models, the validation that makes a file's content (`assemble`) and the
findings it carries (a test checks that everything they import is listed)."""


def _fingerprint(package: Path, sources: list[Path]) -> str:
    """The tool version, the libraries that shape a cached answer, and the content of each
    source: an edited checkout differs, a reinstall of the same release does not (pip
    gives every file the time of the install)."""
    parts = [__version__, parser_name(), *_libraries()]
    for source in sources:
        shown = source.relative_to(package).as_posix()
        try:
            info = source.stat()
            digest = _digest(str(source), info.st_size, info.st_mtime_ns, info.st_ino)
        except OSError:
            digest = "?"
        parts.append(f"{shown}:{digest}")
    return "|".join(parts)


@cache
def _digest(path: str, size: int, mtime_ns: int, inode: int) -> str:
    """The SHA-256 of a file's bytes, read once per process while its size, time and inode
    stay the same (each file's cache key asks for the fingerprint again)."""
    del size, mtime_ns, inode  # the cache's key: another version of the file is read again
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:16]


@cache
def _libraries() -> tuple[str, ...]:
    """The versions of what else decides a cached answer: PyYAML and libyaml (ORG001 words
    their messages), pydantic (ORG002 quotes it) and Python."""
    import pydantic_core
    import yaml
    from pydantic.version import VERSION

    try:
        from yaml import _yaml

        libyaml = _yaml.get_version_string()
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        libyaml = "none"
    return (
        f"pyyaml {yaml.__version__} libyaml {libyaml}",
        f"pydantic {VERSION} core {pydantic_core.__version__}",
        f"python {sys.version}",
    )


def tool_fingerprint() -> str:
    """The tool version, the libraries and the content of the modules whose output is cached."""
    package = Path(__file__).resolve().parent.parent
    sources: list[Path] = []
    for name in _SOURCES:
        where = package / name
        sources += [where] if name.endswith(".py") else sorted(where.glob("*.py"))
    return _fingerprint(package, sources)


def package_fingerprint() -> str:
    """The tool version, the libraries and the content of every file of the package.

    What a whole run's findings depend on beyond the files checked: the rules, their
    messages and the built-in catalogues as well as the loader (the run memo's key).
    """
    package = Path(__file__).resolve().parent.parent
    files = [p for p in sorted(package.rglob("*")) if "__pycache__" not in p.parts]
    return _fingerprint(package, files)


def _age(path: Path, now: float) -> float | None:
    try:
        return now - path.stat().st_mtime
    except OSError:
        return None


def _secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "orgdesign" / "cache-key"


def load_secret(path: Path | None = None) -> bytes | None:
    """The signing key of this user (made on first use); None when it cannot be kept."""
    path = path or _secret_path()
    try:
        data = _read(path, _SECRET_MAX)
        if len(data) >= 32:
            return data
    except ReadError:
        if path.is_symlink() or path.exists():  # there but not a small regular file: no cache
            return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another run made it just now
        try:
            data = _read(path, _SECRET_MAX)
        except ReadError:
            return None
        return data if len(data) >= 32 else None
    except OSError:
        return None
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key


def _read(path: Path, max_bytes: int) -> bytes:
    """Through the one safe reader: a FIFO or device planted in the cache never blocks a run."""
    return read_capped(path, max_bytes, str(path))


@dataclass(frozen=True, slots=True)
class DiskCache:
    """Signed entries under `root`, one file per key."""

    root: Path
    secret: bytes

    @classmethod
    def open(cls, root: Path | None = None) -> DiskCache | None:
        """The cache in `root` (default `.orgdesign_cache` in the working folder), or None."""
        secret = load_secret()
        if secret is None:
            return None
        return cls((root or Path(CACHE_DIR_NAME)).absolute(), secret)

    def key(self, *parts: bytes) -> str:
        digest = hashlib.sha256(FORMAT)
        for part in parts:
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key[2:]}.bin"

    def _sign(self, key: str, payload: bytes) -> bytes:
        return hmac.new(self.secret, key.encode("ascii") + payload, hashlib.sha256).digest()

    def has(self, key: str) -> bool:
        """An entry is stored under `key` (not yet checked: `get` does that)."""
        try:
            return self._path(key).is_file()
        except OSError:
            return False

    def get(self, key: str) -> bytes | None:
        """The payload stored under `key` when present and signed by this user, else None."""
        try:
            blob = _read(self._path(key), _ENTRY_MAX)
        except ReadError:
            return None
        signature, payload = blob[:_SIG], blob[_SIG:]
        if len(signature) != _SIG or not hmac.compare_digest(signature, self._sign(key, payload)):
            return None
        self.touch(key)
        return payload

    def touch(self, key: str) -> None:
        """Mark an entry as used now: `prune` keeps it (a read-only cache prunes sooner)."""
        with contextlib.suppress(OSError):
            os.utime(self._path(key))

    def prune(self, now: float | None = None) -> int:
        """Remove the entries no run has read or written for `KEEP_DAYS` days (and stray
        temporary files); at most once a day. Returns how many files went.

        Every edit of a file and every new version of orgdesign leaves entries behind
        that nothing will read again; a CI cache restored from the last run would grow
        without end.
        """
        now = time.time() if now is None else now
        stamp = self.root / "last-prune"
        try:
            if now - stamp.stat().st_mtime < _DAY:
                return 0
        except OSError:
            if not self.root.is_dir():
                return 0
        removed = 0
        for path in self.root.glob("??/*"):
            if path.suffix == ".bin":
                limit = KEEP_DAYS * _DAY
            elif path.name.startswith(".tmp-"):  # left by a run that was killed
                limit = _DAY
            else:
                continue
            age = _age(path, now)
            if age is not None and age > limit:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        with contextlib.suppress(OSError):
            stamp.touch()
            os.utime(stamp, (now, now))
        return removed

    def put(self, key: str, payload: bytes) -> bool:
        """Store a payload atomically (False: it could not be; a cache that cannot be
        written is only slower)."""
        target = self._path(key)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(self._sign(key, payload))
                    handle.write(payload)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return False
        return True

    def _prepare(self) -> None:
        """Make the folder, keep it out of git and out of backups (as ruff and mypy do)."""
        if (self.root / ".gitignore").exists():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This folder is a cache made by orgdesign; see https://bford.info/cachedir/\n",
            encoding="ascii",
        )
        (self.root / ".gitignore").write_text("# made by orgdesign\n*\n", encoding="ascii")
