"""The format record and the typed registry every output command picks its writer from.

This module owns what a format is: a frozen `Format` (name, suffixes, kind, description
and a typed loader of its writer), one writer `Protocol` per subject (findings, chart,
RACI table, role documents, reports of stats, diff, catalogue and scenario comparison,
exports), and `Formats`, the lookups of one subject's formats: by name, by suffix (an
unknown one raises `UnknownFormat` with a message listing the valid ones) and by kind.

A loader is a plain function that imports its writer when called, so a writer's heavy
dependencies (openpyxl, python-pptx, cairo, python-docx, rdflib...) load only when its
format is used, and mypy checks that it returns a writer of its subject's protocol.
The entries themselves are in `orgdesign.output.registry`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from orgdesign.analysis.diff import OrgDiff
    from orgdesign.assemble.graph import OrgGraph
    from orgdesign.findings import Finding
    from orgdesign.lint.run import ValidationRun
    from orgdesign.load.theme import Theme
    from orgdesign.model import Org
    from orgdesign.output import ChartOptions
    from orgdesign.output.findings import ReportOptions
    from orgdesign.output.tables.raci_model import RaciMatrix

W = TypeVar("W")
T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


class Kind(enum.StrEnum):
    """What a format writes."""

    findings = "findings"
    """A validation run for people or CI (`validate --format`)."""
    chart = "chart"
    """A drawing of the organisation (`chart -o`, the pack's charts)."""
    table = "table"
    """Rows and columns (`raci -o`, `export -o` as a table)."""
    document = "document"
    """Documents people read or systems import (`roles`, `export -o`)."""
    report = "report"
    """Figures or a listing as text (`stats`, `diff`, `catalog`, `scenario compare`)."""


class FindingsWriter(Protocol):
    """(run, options) -> the whole report."""

    def __call__(self, run: ValidationRun, options: ReportOptions, /) -> str: ...


class ChartWriter(Protocol):
    """(org, graph, findings, options, out) -> None; writes `out` whole or not at all."""

    def __call__(
        self,
        org: Org,
        graph: OrgGraph,
        findings: list[Finding],
        options: ChartOptions,
        out: Path,
        /,
    ) -> None: ...


@dataclass(frozen=True)
class TableOptions:
    """How a RACI matrix is written: the look, and the paper a workbook prints on."""

    theme: Theme | None = None
    paper: str | None = None


class TableWriter(Protocol):
    """(matrix, options) -> the file's bytes."""

    def __call__(self, matrix: RaciMatrix, options: TableOptions, /) -> bytes: ...


@dataclass(frozen=True)
class DocumentOptions:
    """How role documents are written (`up`: the page above the index, in a pack)."""

    lang: str | None = None
    theme: Theme | None = None
    up: str | None = None


class DocumentWriter(Protocol):
    """(org, graph, options) -> file name -> text or bytes of every document of the folder."""

    def __call__(
        self, org: Org, graph: OrgGraph, options: DocumentOptions, /
    ) -> Mapping[str, str | bytes]: ...


class ReportWriter(Protocol[T_contra]):
    """(what was computed, language) -> the whole text."""

    def __call__(self, data: T_contra, lang: str | None, /) -> str: ...


class DiffChartWriter(Protocol):
    """(diff, old org, new org, language) -> the drawing of the new org, changes coloured."""

    def __call__(self, diff: OrgDiff, old: Org, new: Org, lang: str | None, /) -> bytes: ...


class ExportWriter(Protocol):
    """(org, out) -> what was written, said to the user; writes `out` whole or not at all."""

    def __call__(self, org: Org, out: Path, /) -> str: ...


class UnknownFormat(ValueError):
    """A name or suffix no format of the subject has; the message lists the valid ones."""


@dataclass(frozen=True)
class Format(Generic[W]):
    """One output format: its name, suffixes, kind, what it is, and how to get its writer."""

    name: str
    suffixes: tuple[str, ...]
    kind: Kind
    description: str
    load: Callable[[], W] = field(repr=False)
    """Imports and returns the writer (its dependencies load only now)."""
    pages: bool = False
    """A chart format that `--paginate` turns into a folder of page files."""

    def writer(self) -> W:
        return self.load()


@dataclass(frozen=True)
class Formats(Generic[W]):
    """The formats of one subject (what `chart`, `raci`, `validate`... can write)."""

    subject: str
    protocol: type
    """The writer protocol every entry's loader returns (checked by the tests)."""
    entries: tuple[Format[W], ...]

    def __post_init__(self) -> None:
        names = [f.name for f in self.entries]
        suffixes = [s for f in self.entries for s in f.suffixes]
        if len(set(names)) != len(names) or len(set(suffixes)) != len(suffixes):
            raise ValueError(f"{self.subject}: a format name or suffix is registered twice")

    def __iter__(self) -> Iterator[Format[W]]:
        return iter(self.entries)

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.entries)

    def suffixes(self) -> tuple[str, ...]:
        return tuple(s for f in self.entries for s in f.suffixes)

    def of_kind(self, kind: Kind) -> tuple[Format[W], ...]:
        return tuple(f for f in self.entries if f.kind is kind)

    def named(self, name: str) -> Format[W]:
        for f in self.entries:
            if f.name == name:
                return f
        raise UnknownFormat(
            f"unknown {self.subject} format {name!r}; use one of: {', '.join(self.names())}"
        )

    def get_suffix(self, suffix: str) -> Format[W] | None:
        suffix = suffix.lower()
        return next((f for f in self.entries if suffix in f.suffixes), None)

    def for_path(self, path: Path) -> Format[W]:
        """The format of `path` by its suffix; `UnknownFormat` says which suffixes work."""
        found = self.get_suffix(path.suffix)
        if found is None:
            given = f"suffix {path.suffix!r}" if path.suffix else "no suffix"
            raise UnknownFormat(
                f"cannot tell the {self.subject} format of {str(path)!r} ({given}); "
                f"use one of {', '.join(self.suffixes())}"
            )
        return found


@dataclass(frozen=True)
class Writers(Generic[W]):
    """Makes the formats of one subject whose writers one loader imports.

    `load` imports the subject's writer modules (light: each imports its heavy libraries
    only when it writes) and returns the writers by format name; `Writers(load)("svg",
    ...)` is the `Format` whose writer is `load()["svg"]`, so a name with no writer fails
    the registry test when loaded.
    """

    load: Callable[[], Mapping[str, W]]

    def __call__(
        self,
        name: str,
        suffixes: tuple[str, ...],
        kind: Kind,
        description: str,
        *,
        pages: bool = False,
    ) -> Format[W]:
        load = self.load
        return Format(name, suffixes, kind, description, lambda: load()[name], pages)


def ignoring_lang(fn: Callable[[T], str]) -> ReportWriter[T]:
    """A report writer of a writer whose output does not depend on the language."""

    def write(data: T, lang: str | None) -> str:
        del lang
        return fn(data)

    return write
