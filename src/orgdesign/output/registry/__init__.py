"""Every output format orgdesign writes, grouped by what it writes.

This package owns the entries of the format registry (`orgdesign.output.formats`): the
reporters of `validate --format` (`findings`), the chart writers of `chart -o`, the pack and
`diff --chart` (`charts`), the RACI writers, role documents and exports (`documents`), and
the reports of `stats`, `diff`, `catalog`, `scenario compare` and `recommend` (`reports`).
Each entry's loader imports its writer on first use, so `orgdesign validate` never loads
python-pptx or cairo. Adding a format is one writer module and one line in its group (with
its three-line loader); `tests/test_formats.py` loads every entry and checks its kind.
"""

from __future__ import annotations

from typing import Any

from orgdesign.output.formats import Format, Formats, Kind
from orgdesign.output.registry.charts import CHARTS, DIFF_CHARTS
from orgdesign.output.registry.documents import EXPORTS, RACI, ROLES
from orgdesign.output.registry.findings import FINDINGS
from orgdesign.output.registry.reports import CATALOG, COMPARE, DIFF, RECOMMEND, STATS

ALL: tuple[Formats[Any], ...] = (
    FINDINGS,
    CHARTS,
    RACI,
    ROLES,
    STATS,
    DIFF,
    CATALOG,
    COMPARE,
    RECOMMEND,
    DIFF_CHARTS,
    EXPORTS,
)
"""Every subject's formats (what the registry test loads)."""


def of_kind(kind: Kind) -> tuple[Format[Any], ...]:
    """Every format of one kind, whatever command writes it."""
    return tuple(f for formats in ALL for f in formats.of_kind(kind))


__all__ = [
    "ALL",
    "CATALOG",
    "CHARTS",
    "COMPARE",
    "DIFF",
    "DIFF_CHARTS",
    "EXPORTS",
    "FINDINGS",
    "RACI",
    "RECOMMEND",
    "ROLES",
    "STATS",
    "of_kind",
]
