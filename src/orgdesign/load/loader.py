"""Safe YAML loading with a position on every element.

This module owns turning bytes into plain Python data: `load_file`,
`load_bytes` and `load_text` read, decode and parse one file and say what went
wrong as findings (ORG001-ORG003), never as an exception. It drives libyaml's
event parser (`CSafeLoader`) into `orgdesign.load.builder`, which builds dicts
and lists itself (~5x faster than `yaml.load`) and keeps the line and column of
every mapping, sequence, key and value. There:

- duplicate keys are reported (ORG003, naming both lines) instead of silently
  keeping the last one;
- aliases are capped in number and in expanded size, and self-references are
  refused (no alias bomb can expand);
- nesting depth is capped;
- only the YAML core tags are accepted (`!!python/...` and other tags are
  refused);
- plain scalars are typed by the YAML 1.2 core schema (`orgdesign.load.scalars`),
  so `no`, `on`, `010` or `1:30` stay the text that was written;
- bytes that are not UTF-8 (with or without BOM) are reported at the line of
  the first bad byte (`orgdesign.load.textscan`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from orgdesign.findings import Finding, Severity
from orgdesign.load.builder import Builder
from orgdesign.load.fsio import ReadError, read_capped
from orgdesign.load.limits import MIB, Limits, LoadError
from orgdesign.load.nodes import YFloat, YInt, YMap, YSeq
from orgdesign.load.scalars import resolve_plain
from orgdesign.load.textscan import (
    decode,
    flow_depth_overflow,
    line_map,
    position,
    reader_position,
    real_mark,
    remapped,
    tab_at,
)

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

__all__ = [
    "MIB",
    "Limits",
    "LoadError",
    "LoadResult",
    "YFloat",
    "YInt",
    "YMap",
    "YSeq",
    "flow_depth_overflow",
    "load_bytes",
    "load_file",
    "load_text",
    "resolve_plain",
]


def parser_name() -> str:
    """The YAML event parser this process loads with (libyaml's or PyYAML's own, whose
    messages differ): part of the per-file cache's key."""
    return f"{_EventLoader.__module__}.{_EventLoader.__qualname__}"


@dataclass
class LoadResult:
    """What loading one file gave: the data (None when it could not be loaded) and findings."""

    file: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    loaded: bool = False
    """The YAML was read (an empty document loads as None)."""

    @property
    def ok(self) -> bool:
        return self.loaded


def _error(file: str, message: str, line: int = 1, column: int = 1) -> Finding:
    return Finding("ORG001", Severity.ERROR, message, file, line, column)


def load_text(text: str, file: str, limits: Limits | None = None) -> LoadResult:
    """Load YAML text. Never raises: problems become findings."""
    limits = limits or Limits()
    result = LoadResult(file)
    overflow = flow_depth_overflow(text, limits.max_depth)
    if overflow is not None:
        result.findings.append(_error(file, limits.too_deep(), *position(text, overflow)))
        return result
    builder = Builder(file, limits)
    table = line_map(text)
    try:
        parser = _EventLoader(text)
        try:  # get_event until None: the events of `yaml.parse` without its generator
            events = iter(parser.get_event, None)
            data = builder.build(events if table is None else remapped(events, table))
        finally:
            parser.dispose()
    except LoadError as exc:
        result.findings.extend(builder.findings)
        result.findings.append(
            Finding(exc.rule, Severity.ERROR, exc.message, file, exc.line, exc.column)
        )
        return result
    except yaml.MarkedYAMLError as exc:
        result.findings.append(_syntax_error(exc, text, table, file))
        return result
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        message = f"invalid character U+{char:04X} ({exc.reason}); remove it"
        result.findings.append(_error(file, message, *reader_position(text, exc.position)))
        return result
    except (yaml.YAMLError, RecursionError, MemoryError, ValueError, TypeError) as exc:
        result.findings.append(_error(file, f"cannot read YAML: {exc}"))
        return result
    result.findings.extend(builder.findings)
    result.data = data
    result.loaded = True
    return result


def _syntax_error(
    exc: yaml.MarkedYAMLError, text: str, table: list[tuple[int, int]] | None, file: str
) -> Finding:
    """libyaml's complaint, at the place an editor shows, in words that say what to do."""
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and table is not None:
        mark = real_mark(mark, table)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or str(exc)
    if exc.context:
        problem = f"{problem} ({exc.context})"
    if "nesting" in problem:  # libyaml's own depth limit, when it is reached first
        problem = f"{problem}; an org file never needs this much: flatten the structure"
    if tab_at(text, mark):
        problem = "tabs cannot indent YAML; use spaces (replace the tab at this position)"
    return _error(file, f"invalid YAML: {problem}", line, col)


def load_bytes(data: bytes, file: str, limits: Limits | None = None) -> LoadResult:
    """Decode and load the bytes of a file. Never raises."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        return LoadResult(file, findings=[_too_big(file, len(data), limits)])
    text = decode(data, file)
    if isinstance(text, Finding):
        return LoadResult(file, findings=[text])
    return load_text(text, file, limits)


def load_file(path: Path, file: str | None = None, limits: Limits | None = None) -> LoadResult:
    """Read and load a file; `file` is the name used in findings (default: the path)."""
    name = file if file is not None else str(path)
    limits = limits or Limits()
    try:
        data = read_capped(path, limits.max_bytes, name)
    except ReadError as exc:
        if exc.too_big:
            return LoadResult(name, findings=[_too_big(name, None, limits)])
        return LoadResult(name, findings=[_error(name, f"cannot read the file: {exc.reason}")])
    return load_bytes(data, name, limits)


def _too_big(file: str, size: int | None, limits: Limits) -> Finding:
    how_big = "file is larger than" if size is None else f"file is {size / MIB:.1f} MiB, above"
    return _error(
        file,
        f"{how_big} the limit of {limits.max_bytes / MIB:.1f} MiB; "
        "split it with `include` or raise `max-file-size` in the configuration",
    )
