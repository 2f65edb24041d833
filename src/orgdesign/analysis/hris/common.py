"""What every part of the HR import shares: its errors, a problem row, slugs and id order.

A problem names the row (the spreadsheet's row number, or the entry's number
in a native format) so that every message points at the input.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass


class ImportUsageError(Exception):
    """Wrong usage: an unknown or missing column, a bad option (exit code 2)."""


class ImportInputError(Exception):
    """The input cannot be imported (exit code 1)."""


@dataclass(frozen=True)
class Problem:
    """A row that cannot be imported as it is (or, as a note, a value that was adjusted)."""

    row: int
    """Spreadsheet row (1-based, the header counted; 0 for a note about the whole table)."""
    kind: str
    """What the problem is about: `empty id`, `position`, `dotted`, `cycle` ..."""
    message: str

    def text(self, source: str) -> str:
        """One line naming the file and the row, as the import prints it."""
        where = f"{source}: row {self.row}" if self.row else source
        return f"{where}: {self.message}"


def slugify(text: str) -> str:
    """An ASCII slug of `text` (empty when nothing of it is ASCII)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-")


def stable_slug(text: str, fallback: str) -> str:
    """A slug of `text`; for text with no ASCII (Chinese names) `fallback-` and a short hash.

    The hash depends on the text only, so the id of a department or a title
    does not change when other rows come or go.
    """
    slug = slugify(text)
    if slug:
        return slug
    if not text:
        return fallback
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return f"{fallback}-{digest}"


IdKey = tuple[tuple[int, int, str], ...]
DIGITS = re.compile(r"([0-9]+)")


def id_order(ident: str) -> IdKey:
    """Natural sort key of ids: `9` before `10`, `team#2` before `team#10`."""
    key: list[tuple[int, int, str]] = []
    for i, part in enumerate(DIGITS.split(ident.strip())):
        if i % 2 and len(part) <= 30:
            key.append((0, int(part), part))
        elif part:
            key.append((1, 0, part))
    return tuple(key)
