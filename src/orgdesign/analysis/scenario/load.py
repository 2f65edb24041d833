"""Reading a scenario file: header, targets and changes, each checked with located findings.

A change is a mapping with exactly one key (its kind, see `spec.CHANGE_MODELS`);
a change written wrongly is ORG002 at the offending key and is left out, the
others still load. The base path is relative to the scenario file.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from orgdesign.analysis.scenario.spec import CHANGE_MODELS, TOP_KEYS, Change, ScenarioInfo
from orgdesign.assemble.errors import error_findings as _error_findings
from orgdesign.assemble.project import FileCache
from orgdesign.assemble.validate import attach as _attach
from orgdesign.findings import Finding, Location, Severity
from orgdesign.load.fsio import ReadError, read_capped
from orgdesign.load.loader import YMap, YSeq
from orgdesign.model import FORMAT_VERSION, Src, Targets


@dataclass
class ScenarioDoc:
    """A scenario file as read."""

    file: str
    """Display name of the scenario file."""
    path: Path
    """Where it was read from (its `base` is relative to this)."""
    info: ScenarioInfo | None = None
    """`scenario:` (name, base file); None when it is missing or invalid."""
    targets: Targets | None = None
    """Targets that replace the base's while the scenario is checked."""
    changes: list[Change] = field(default_factory=list)
    """The changes in file order."""
    findings: list[Finding] = field(default_factory=list)
    """What is wrong in the scenario file itself."""
    raw: YMap | None = None

    @property
    def base_path(self) -> Path | None:
        return self.path.parent / self.info.base if self.info else None

    @property
    def base_display(self) -> str | None:
        if self.info is None:
            return None
        return os.path.normpath(os.path.join(os.path.dirname(self.file), self.info.base))

    def base_at(self) -> Location:
        """Where the base is named (for a base that cannot be read)."""
        if self.info is not None:
            return self.info.loc("base")
        return Location(self.file)


def is_scenario(path: Path, display: str, cache: FileCache) -> bool:
    """A readable YAML mapping with a `scenario` key (read through the cache, so once).

    A file without the word `scenario` anywhere is not one, and is not parsed here: the
    assembly parses it (a 50,000-position file was parsed twice, 40% of its check)."""
    if not path.is_file():
        return False
    try:
        if b"scenario" not in read_capped(path, cache.limits.max_bytes):
            return False
    except ReadError:
        pass  # loading it says why it cannot be read
    result = cache.load(path.resolve(), display)
    return result.ok and isinstance(result.data, YMap) and "scenario" in result.data


def _error(message: str, file: str, at: tuple[int, int]) -> Finding:
    return Finding("ORG002", Severity.ERROR, message, file, at[0], at[1])


def _header(doc: ScenarioDoc, raw: YMap) -> None:
    file = doc.file
    for key in raw:
        if key not in TOP_KEYS:
            hint = difflib.get_close_matches(key, TOP_KEYS, n=1)
            said = f"; did you mean {hint[0]!r}?" if hint else ""
            doc.findings.append(
                _error(
                    f"unknown top-level key {key!r} in a scenario file{said} "
                    f"(allowed: {', '.join(TOP_KEYS)})",
                    file,
                    raw.key_pos[key],
                )
            )
    if raw.get("orgdesign") != FORMAT_VERSION or isinstance(raw.get("orgdesign"), bool):
        at = raw.val_pos.get("orgdesign") or (raw.line, raw.column)
        doc.findings.append(
            _error(f"a scenario file starts with `orgdesign: {FORMAT_VERSION}`", file, at)
        )
    try:
        doc.info = ScenarioInfo.model_validate(raw["scenario"])
        doc.info.with_src(Src(file, raw["scenario"] if isinstance(raw["scenario"], YMap) else None))
    except ValidationError as exc:
        doc.findings.extend(
            _error_findings(
                exc, raw["scenario"], file, "scenario", ScenarioInfo, raw.val_pos.get("scenario")
            )
        )
    if raw.get("targets") is not None:
        try:
            doc.targets = Targets.model_validate(raw["targets"])
            _attach(doc.targets, raw["targets"], file)
        except ValidationError as exc:
            doc.findings.extend(_error_findings(exc, raw["targets"], file, "targets", Targets))


def _change(doc: ScenarioDoc, item: Any, index: int, at: tuple[int, int]) -> None:
    file = doc.file
    kinds = ", ".join(CHANGE_MODELS)
    if not isinstance(item, YMap) or len(item) != 1:
        doc.findings.append(
            _error(
                f"change #{index + 1} must be a mapping with one key, the kind of change ({kinds})",
                file,
                at,
            )
        )
        return
    kind = next(iter(item))
    if kind not in CHANGE_MODELS:
        hint = difflib.get_close_matches(kind, list(CHANGE_MODELS), n=1)
        said = f"; did you mean {hint[0]!r}?" if hint else ""
        doc.findings.append(
            _error(
                f"unknown kind of change {kind!r}{said} (allowed: {kinds})",
                file,
                item.key_pos[kind],
            )
        )
        return
    model = CHANGE_MODELS[kind]
    value = item[kind]
    try:
        parsed = model.model_validate(value)
    except ValidationError as exc:
        what = f"change #{index + 1} ({kind})"
        doc.findings.extend(_error_findings(exc, value, file, what, model, item.val_pos[kind]))
        return
    parsed.with_src(Src(file, value if isinstance(value, YMap) else None, *item.val_pos[kind]))
    doc.changes.append(Change(kind, parsed, index))


def read_scenario(path: Path, display: str, cache: FileCache) -> ScenarioDoc:
    """Read and check a scenario file; problems are findings, never exceptions."""
    doc = ScenarioDoc(display, path)
    result = cache.load(path.resolve(), display)
    doc.findings.extend(result.findings)
    if not result.ok or not isinstance(result.data, YMap):
        return doc
    raw: YMap = result.data
    doc.raw = raw
    _header(doc, raw)
    changes = raw.get("changes")
    if changes is None:
        return doc
    if not isinstance(changes, YSeq):
        doc.findings.append(
            _error(
                "`changes` must be a list (items start with `- `)", display, raw.val_pos["changes"]
            )
        )
        return doc
    for index, item in enumerate(changes):
        _change(doc, item, index, changes.item_pos[index])
    return doc
