"""Assembling one organisation from its root file, its includes and its catalogues.

This module owns the step between raw YAML and the merged `Org`: it validates
each element against the models (ORG002 at the offending key), follows
`include` (relative to the including file, confined to the root file's folder,
cycles refused), imports catalogues (`builtin:NAME` or a relative path),
merges everything, and reports ids defined twice (ORG003) with both places.

Files are read through a `FileCache`, so a file included by several roots is
loaded once; its `orgdesign.load.filestore` keeps each file's parsed and validated
content in the per-file disk cache and parses included files in parallel.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from orgdesign.findings import Finding, Location, Severity
from orgdesign.load.diskcache import DiskCache
from orgdesign.load.filestore import FileStore, Job
from orgdesign.load.loader import Limits, LoadResult, YInt, YMap, YSeq, load_bytes, load_file
from orgdesign.model import (
    FORMAT_VERSION,
    SECTIONS,
    CatalogFile,
    CatalogInfo,
    Element,
    Ignorable,
    Org,
    Organization,
    OrgFile,
    PriorityRule,
    Project,
    Responsibility,
    Src,
    Targets,
)

BUILTIN_PREFIX = "builtin:"
TOP_KEYS = tuple(OrgFile.model_fields)
CATALOG_KEYS = tuple(CatalogFile.model_fields)
_NESTED: dict[type[BaseModel], tuple[str, ...]] = {
    Responsibility: ("children",),
    PriorityRule: ("applies_to",),
    Project: ("milestones",),
    Organization: ("profile",),
    Targets: ("span", "layers", "staff_per_manager", "units"),
}
_KIND_NAMES = {
    "responsibilities": "responsibility",
    "decision_domains": "decision domain",
    "units": "unit",
    "positions": "position",
    "raci": "RACI entry",
    "priority_rules": "priority rule",
    "projects": "project",
}


@dataclass
class FileCache:
    """Loaded files by resolved path, shared by every root of one run.

    `disk` is the per-file cache kept between runs (None: parse every file);
    `jobs` is how many processes may parse included files at once.
    """

    limits: Limits = field(default_factory=Limits)
    files: dict[str, LoadResult] = field(default_factory=dict)
    disk: DiskCache | None = None
    jobs: int = 1
    store: FileStore = field(init=False)

    def __post_init__(self) -> None:
        self.store = FileStore(self.limits, validate_file, self.disk, self.jobs)

    def parsed(self, path: Path, display: str, root: bool) -> tuple[LoadResult, FileContent | None]:
        """A file loaded and validated (content None when it could not be loaded)."""
        result, content = self.store.get(Job(str(path), display, root))
        return result, content

    def prefetch(self, files: list[tuple[Path, str]]) -> int:
        """Parse included files ahead of their visit (in parallel when worth it)."""
        return self.store.prefetch(Job(str(path), display, False) for path, display in files)

    def loaded_data(self, path: Path) -> Any:
        """The data a file read in this run was loaded as (None: not read, or not loadable)."""
        key = str(path)
        for job, (result, _content) in self.store.parsed.items():
            if job.path == key:
                return result.data
        return self.files[key].data if key in self.files else None

    def load(self, path: Path, display: str) -> LoadResult:
        key = str(path)
        if key not in self.files:
            self.files[key] = load_file(path, display, self.limits)
        return self.files[key]

    def load_builtin(self, name: str) -> LoadResult | None:
        key = BUILTIN_PREFIX + name
        if key not in self.files:
            ref = resources.files("orgdesign").joinpath("catalogs", f"{name}.yaml")
            if not ref.is_file():
                return None
            self.files[key] = load_bytes(ref.read_bytes(), key, self.limits)
        return self.files[key]


@dataclass
class Assembly:
    """The result of assembling one root file."""

    org: Org
    findings: list[Finding]
    loaded: bool
    """False when the root file itself could not be read."""
    is_catalog: bool = False
    """The root file is a responsibility catalogue, not an organisation."""
    path: str = ""
    """Resolved path of the root file."""
    included: frozenset[str] = frozenset()
    """Resolved paths of every other file read for this root (includes and local catalogues)."""


# --- pydantic errors -> located findings -------------------------------------------------


def _walk(raw: Any, parts: tuple[int | str, ...], file: str) -> tuple[Location, Any]:
    """Follow an error path through raw data; return the deepest location and node reached."""
    node = raw
    loc = Location(file, getattr(raw, "line", 1), getattr(raw, "column", 1))
    for part in parts:
        if isinstance(node, YMap) and isinstance(part, str) and part in node:
            line, col = node.val_pos.get(part) or node.key_pos[part]
            loc, node = Location(file, line, col), node[part]
        elif isinstance(node, YSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.item_pos[part]
            loc, node = Location(file, line, col), node[part]
        else:
            break
    return loc, node


def _comma_hint(raw: Any, parts: tuple[int | str, ...], file: str) -> str:
    """A hint when an unknown key is the tail of a value cut at an unquoted comma.

    In `{id: u, name: Sales, Marketing}` the comma ends the value, and `Marketing`
    becomes a key without a value on the same line as the value before it.
    """
    _, node = _walk(raw, parts[:-1], file)
    key = str(parts[-1])
    if not isinstance(node, YMap) or key not in node or node[key] is not None:
        return ""
    keys = list(node)
    at = keys.index(key)
    if at == 0:
        return ""
    before = keys[at - 1]
    value = node[before]
    same_line = node.val_pos.get(before, (0, 0))[0] == node.key_pos[key][0]
    if not isinstance(value, str) or not same_line:
        return ""
    return (
        f"; if {key!r} is part of the value of `{before}`, quote the value: "
        f'{before}: "{value}, {key}" (a comma ends a value inside {{...}})'
    )


def _error_findings(
    exc: ValidationError,
    raw: Any,
    file: str,
    what: str,
    model: type[BaseModel],
    at: tuple[int, int] | None = None,
) -> list[Finding]:
    """ORG002 findings for a validation error; `at` places a raw value that is not a mapping."""
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    ident = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else None
    findings: list[Finding] = []
    errors = [
        (tuple(p for p in err["loc"] if isinstance(p, int | str)), err)
        for err in exc.errors(include_url=False)
    ]
    missing = {parts for parts, err in errors if err["type"] == "missing"}
    hints: dict[tuple[int | str, ...], str | None] = {}
    for parts, err in errors:
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(parts[-1]), _allowed_keys(model, parts[:-1]), 1)
            hints[parts] = close[0] if close else None
    # A missing key that a misspelt key accounts for is said once, at the misspelling.
    explained = {(*p[:-1], h) for p, h in hints.items() if h and (*p[:-1], h) in missing}
    for parts, err in errors:
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(parts[-1])
            allowed = _allowed_keys(model, parts[:-1])
            hint = [hints[parts]] if hints[parts] else []
            loc = _key_location(raw, parts, file)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            listed = f" (allowed: {', '.join(allowed)})" if allowed else ""
            message = f"unknown key {key!r} in {_inside(what, parts[:-1])}{suggestion}{listed}"
            message += _comma_hint(raw, parts, file)
        elif kind == "missing":
            if parts in explained:
                continue
            loc, _ = _walk(raw, parts[:-1], file)
            message = f"{_inside(what, parts[:-1])} is missing the required key {parts[-1]!r}"
        else:
            loc, node = _walk(raw, parts, file)
            if not parts and at is not None and not isinstance(raw, YMap | YSeq):
                loc = Location(file, *at)
            path = ".".join(str(p) for p in parts)
            message = f"{what}: {_describe(kind, err['msg'], node, path)}"
        findings.append(
            Finding("ORG002", Severity.ERROR, message, file, loc.line, loc.column, ident)
        )
    return findings


def _inside(what: str, parts: tuple[int | str, ...]) -> str:
    """`project 'p'` or, for a nested element, `project 'p' milestones[2]`."""
    if not parts:
        return what
    path = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")
    return f"{what} {path}"


def _key_location(raw: Any, parts: tuple[int | str, ...], file: str) -> Location:
    """Location of the last key of an error path (an unknown key is reported at the key)."""
    parent, container = _walk(raw, parts[:-1], file)
    key = str(parts[-1])
    if isinstance(container, YMap) and key in container.key_pos:
        return Location(file, *container.key_pos[key])
    return parent


def _allowed_keys(model: type[BaseModel], parts: tuple[int | str, ...]) -> list[str]:
    """Field names of the (nested) model an error path points into."""
    current: Any = model
    for part in parts:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _model_in(fields[part].annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _kind_of(value: Any) -> str:
    """How a YAML value reads to a user: `a list`, `a number`, ..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


def _describe(kind: str, msg: str, node: Any, path: str) -> str:
    where = f"`{path}`" if path else "value"
    if kind == "string_pattern_mismatch":
        return (
            f"{where} {node!r} is not a valid id: use ASCII letters, digits, '.', '_' "
            "and '-', starting with a letter or digit"
        )
    if kind == "string_type" and isinstance(node, bool):
        return f"{where} is a boolean ({str(node).lower()}), expected text: quote it"
    if kind == "string_type" and isinstance(node, dict | list):
        return f"{where} must be text, not a {'mapping' if isinstance(node, dict) else 'list'}"
    if kind in {"int_type", "float_type", "bool_type"} and not isinstance(node, dict | list):
        wanted = "true or false" if kind == "bool_type" else "a number"
        if isinstance(node, str):
            return f"{where} is text ({node!r}), expected {wanted}: write it without quotes"
        if isinstance(node, bool):
            return f"{where} is a boolean ({str(node).lower()}), expected {wanted}"
        if kind == "int_type" and isinstance(node, float):
            return f"{where} is {node}, expected a whole number"
    if kind in {"list_type", "dict_type", "model_type"}:
        wanted = {"list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
        return f"{where} must be {wanted}, not {_kind_of(node)}"
    return f"{where}: {msg}"


# --- validation of one file --------------------------------------------------------------


def _attach(model: BaseModel, raw: Any, file: str) -> None:
    """Give an element (and its nested elements) the place it was written."""
    if isinstance(model, Element):
        model.with_src(Src(file, raw if isinstance(raw, YMap) else None))
    nested = _NESTED.get(type(model))
    if not nested or not isinstance(raw, YMap):
        return
    for name in nested:
        value = getattr(model, name)
        sub = raw.get(name)
        if isinstance(value, list) and isinstance(sub, YSeq):
            for item, sub_raw in zip(value, sub, strict=False):
                _attach(item, sub_raw, file)
        elif isinstance(value, BaseModel):
            _attach(value, sub, file)


def _validate_item(
    model: type[Ignorable], raw: Any, file: str, section: str, index: int, at: tuple[int, int]
) -> tuple[Ignorable | None, list[Finding]]:
    try:
        item = model.model_validate(raw)
    except ValidationError as exc:
        ident = raw.get("id") if isinstance(raw, dict) else None
        label = _KIND_NAMES[section]
        what = f"{label} {ident!r}" if isinstance(ident, str) else f"{label} #{index + 1}"
        return None, _error_findings(exc, raw, file, what, model, at)
    _attach(item, raw, file)
    return item, []


@dataclass
class FileContent:
    """The validated content of one org or catalogue file."""

    file: str
    raw: YMap
    organization: Organization | None = None
    catalog: CatalogInfo | None = None
    targets: Targets | None = None
    sections: dict[str, list[Any]] = field(default_factory=dict)
    broken: dict[str, set[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    is_mapping: bool = True
    """False when the file's top level is not a mapping (then nothing else was read)."""

    def strings(self, key: str) -> list[tuple[str, Location]]:
        """The text items of a list key (`include`, `catalogs`) with their places."""
        value = self.raw.get(key)
        if not isinstance(value, YSeq):
            return []
        return [
            (item, Location(self.file, *value.item_pos[i]))
            for i, item in enumerate(value)
            if isinstance(item, str)
        ]


def validate_file(raw: Any, file: str, *, root: bool) -> FileContent:
    """Validate one file's raw data element by element: one bad element hides nothing else."""
    if not isinstance(raw, YMap):
        content = FileContent(file, YMap(), is_mapping=False)
        got = "empty" if raw is None else f"{_kind_of(raw)}"
        content.findings.append(
            Finding(
                "ORG002",
                Severity.ERROR,
                f"an org file is a mapping with keys such as `orgdesign`, `organization`, "
                f"`units`, `positions`; this file is {got}",
                file,
                getattr(raw, "line", 1),
                getattr(raw, "column", 1),
            )
        )
        return content
    content = FileContent(file, raw)
    is_catalog = "catalog" in raw and "orgdesign" not in raw
    allowed = CATALOG_KEYS if is_catalog else TOP_KEYS
    for key in raw:
        if key not in allowed:
            hint = difflib.get_close_matches(key, allowed, n=1)
            line, col = raw.key_pos[key]
            content.findings.append(
                Finding(
                    "ORG002",
                    Severity.ERROR,
                    f"unknown top-level key {key!r}"
                    + (f"; did you mean {hint[0]!r}?" if hint else "")
                    + f" (allowed: {', '.join(allowed)})",
                    file,
                    line,
                    col,
                )
            )
    here = Location(file, raw.line, raw.column)
    if is_catalog:
        _validate_catalog_header(content)
    else:
        _validate_header(content, here, root)
        _validate_targets(content, root)
    for section, model in SECTIONS.items():
        if section not in allowed:
            continue
        _validate_section(content, section, model)
    for key in ("include", "catalogs"):
        if key in allowed:
            _validate_string_list(content, key)
    return content


def _validate_catalog_header(content: FileContent) -> None:
    raw = content.raw
    try:
        content.catalog = CatalogInfo.model_validate(raw["catalog"])
    except ValidationError as exc:
        content.findings.extend(
            _error_findings(exc, raw["catalog"], content.file, "catalog", CatalogInfo)
        )


def _validate_header(content: FileContent, here: Location, root: bool) -> None:
    raw, file = content.raw, content.file
    version = raw.get("orgdesign")
    if "orgdesign" not in raw:
        if root:
            content.findings.append(
                Finding.at(
                    "ORG002",
                    Severity.ERROR,
                    f"missing `orgdesign: {FORMAT_VERSION}` (the format version) at the top; "
                    "if another file includes this one, validate that file instead",
                    here,
                )
            )
    elif version != FORMAT_VERSION or type(version) not in (int, YInt):
        line, col = raw.val_pos["orgdesign"]
        content.findings.append(
            Finding(
                "ORG002",
                Severity.ERROR,
                f"unsupported format version {version!r}; this orgdesign reads "
                f"`orgdesign: {FORMAT_VERSION}`",
                file,
                line,
                col,
            )
        )
    if "organization" in raw:
        if not root:
            line, col = raw.key_pos["organization"]
            content.findings.append(
                Finding(
                    "ORG002",
                    Severity.ERROR,
                    "`organization` may only be set in the root file, not in an included file",
                    file,
                    line,
                    col,
                )
            )
        else:
            try:
                org = Organization.model_validate(raw["organization"])
            except ValidationError as exc:
                content.findings.extend(
                    _error_findings(exc, raw["organization"], file, "organization", Organization)
                )
            else:
                _attach(org, raw["organization"], file)
                content.organization = org
    elif root:
        content.findings.append(
            Finding.at(
                "ORG002",
                Severity.ERROR,
                "missing `organization` (with at least `id` and `name`)",
                here,
            )
        )


def _validate_targets(content: FileContent, root: bool) -> None:
    """The optional `targets:` section (root file only)."""
    raw, file = content.raw, content.file
    if "targets" not in raw or raw["targets"] is None:
        return
    if not root:
        line, col = raw.key_pos["targets"]
        content.findings.append(
            Finding(
                "ORG002",
                Severity.ERROR,
                "`targets` may only be set in the root file, not in an included file",
                file,
                line,
                col,
            )
        )
        return
    try:
        targets = Targets.model_validate(raw["targets"])
    except ValidationError as exc:
        content.findings.extend(_error_findings(exc, raw["targets"], file, "targets", Targets))
        return
    _attach(targets, raw["targets"], file)
    content.targets = targets


def _validate_section(content: FileContent, section: str, model: type[Ignorable]) -> None:
    raw = content.raw
    if section not in raw:
        return
    value = raw[section]
    if value is None:
        return
    if not isinstance(value, YSeq):
        line, col = raw.val_pos[section]
        content.findings.append(
            Finding(
                "ORG002",
                Severity.ERROR,
                f"`{section}` must be a list (items start with `- `)",
                content.file,
                line,
                col,
            )
        )
        return
    items: list[Any] = []
    broken: set[str] = set()
    for index, item_raw in enumerate(value):
        item, errors = _validate_item(
            model, item_raw, content.file, section, index, value.item_pos[index]
        )
        if item is None:
            content.findings.extend(errors)
            ident = item_raw.get("id") if isinstance(item_raw, dict) else None
            if isinstance(ident, str | int):
                broken.add(str(ident))
            if section == "responsibilities":
                broken.update(_nested_ids(item_raw))
        else:
            items.append(item)
    content.sections[section] = items
    content.broken[section] = broken


def _nested_ids(raw: Any) -> set[str]:
    ids: set[str] = set()
    if isinstance(raw, dict):
        if isinstance(raw.get("id"), str):
            ids.add(raw["id"])
        children = raw.get("children")
        for child in children if isinstance(children, list) else []:
            ids |= _nested_ids(child)
    return ids


def _validate_string_list(content: FileContent, key: str) -> None:
    raw = content.raw
    if key not in raw or raw[key] is None:
        return
    value = raw[key]
    bad = not isinstance(value, YSeq)
    where = raw.val_pos[key]
    if not bad:
        for i, item in enumerate(value):
            if not isinstance(item, str):
                bad, where = True, value.item_pos[i]
                break
    if bad:
        content.findings.append(
            Finding(
                "ORG002",
                Severity.ERROR,
                f"`{key}` must be a list of text items (file paths"
                + (" or `builtin:NAME`" if key == "catalogs" else "")
                + ")",
                content.file,
                *where,
            )
        )


# --- assembling a root with includes and catalogues -----------------------------------------


def _display(parent_display: str, ref: str) -> str:
    return os.path.normpath(os.path.join(os.path.dirname(parent_display), ref))


MAX_PATH_TEXT = 1024
"""Longest `include`/`catalogs` path accepted (beyond any real path; refused with a finding)."""


def _confined(base: Path, ref: str, root_dir: Path) -> tuple[Path | None, str | None]:
    """Resolve `ref` relative to `base`; refuse absolute paths and escapes from root_dir."""
    if "\0" in ref:
        return None, "the path contains a NUL byte; remove it"
    if len(ref) > MAX_PATH_TEXT:
        return None, f"the path is {len(ref)} characters long, above {MAX_PATH_TEXT}"
    if os.path.isabs(ref) or ref.startswith("~") or (len(ref) > 1 and ref[1] == ":"):
        return None, "absolute paths are not allowed; write the path relative to this file"
    try:
        target = (base / ref).resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # a name too long, a symlink loop
        return None, f"the path cannot be used ({type(exc).__name__})"
    if not target.is_relative_to(root_dir):
        return None, (
            f"{_short(ref)} points outside the root file's folder ({root_dir}); "
            "keep included files inside it"
        )
    return target, None


def _short(ref: str, limit: int = 80) -> str:
    """A path as messages quote it: long ones cut in the middle."""
    return repr(ref if len(ref) <= limit else f"{ref[: limit // 2]}...{ref[-limit // 2 :]}")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


@dataclass(frozen=True, slots=True)
class _Visit:
    """A file waiting to be read by the include walk, with the chain of includes to it."""

    path: Path
    display: str
    chain: tuple[str, ...]
    root: bool


@dataclass
class _Collector:
    root_path: Path
    root_dir: Path
    cache: FileCache
    findings: list[Finding] = field(default_factory=list)
    contents: list[FileContent] = field(default_factory=list)
    catalogs: list[FileContent] = field(default_factory=list)
    seen_files: set[str] = field(default_factory=set)
    seen_catalogs: set[str] = field(default_factory=set)
    loaded: dict[str, bool] = field(default_factory=dict)

    def visit(self, path: Path, display: str, chain: tuple[str, ...], root: bool) -> bool:
        """Read a file and, depth first in written order, everything it includes.

        An explicit stack, not recursion: a chain of hundreds of includes must not
        exhaust Python's stack. Returns whether the first file could be read.
        """
        stack = [_Visit(path, display, chain, root)]
        first_ok: bool | None = None
        while stack:
            item = stack.pop()
            ok, includes = self._read(item)
            first_ok = ok if first_ok is None else first_ok
            stack.extend(reversed(includes))
        return bool(first_ok)

    def _read(self, item: _Visit) -> tuple[bool, list[_Visit]]:
        key = str(item.path)
        if key in self.seen_files:
            return self.loaded[key], []
        self.seen_files.add(key)
        result, content = self.cache.parsed(item.path, item.display, item.root)
        self.loaded[key] = content is not None
        self.findings.extend(result.findings)
        if content is None:
            return False, []
        self.findings.extend(content.findings)
        self.contents.append(content)
        for ref, where in content.strings("catalogs"):
            self._catalog(ref, where, item.path.parent)
        self.cache.prefetch(self._include_targets(content, item.path))
        includes = [
            nxt
            for ref, where in content.strings("include")
            if (nxt := self._include(ref, where, item.path, item.chain)) is not None
        ]
        return True, includes

    def _include_targets(self, content: FileContent, parent: Path) -> list[tuple[Path, str]]:
        """The files a file includes that exist inside the root folder (to parse ahead)."""
        out: list[tuple[Path, str]] = []
        for ref, where in content.strings("include"):
            target, _problem = _confined(parent.parent, ref, self.root_dir)
            if target is not None and str(target) not in self.seen_files and _is_file(target):
                out.append((target, _display(where.file, ref)))
        return out

    def _include(
        self, ref: str, where: Location, parent: Path, chain: tuple[str, ...]
    ) -> _Visit | None:
        target, problem = _confined(parent.parent, ref, self.root_dir)
        if target is None:
            self.findings.append(
                Finding.at(
                    "ORG001", Severity.ERROR, f"cannot include {_short(ref)}: {problem}", where
                )
            )
            return None
        if str(target) in chain:
            cycle = " -> ".join([*(Path(c).name for c in chain), target.name])
            self.findings.append(
                Finding.at(
                    "ORG001",
                    Severity.ERROR,
                    f"include cycle: {cycle}; remove one of these includes",
                    where,
                )
            )
            return None
        if not _is_file(target):
            self.findings.append(
                Finding.at(
                    "ORG001",
                    Severity.ERROR,
                    f"cannot include {_short(ref)}: no such file (paths are relative to this file)",
                    where,
                )
            )
            return None
        return _Visit(target, _display(where.file, ref), (*chain, str(target)), root=False)

    def _catalog(self, ref: str, where: Location, base: Path) -> None:
        if ref.startswith(BUILTIN_PREFIX):
            name = ref[len(BUILTIN_PREFIX) :]
            if ref in self.seen_catalogs:
                return
            result = self.cache.load_builtin(name) if name.isidentifier() else None
            if result is None:
                self.findings.append(
                    Finding.at(
                        "ORG004",
                        Severity.ERROR,
                        f"unknown built-in catalogue {ref!r}; available: "
                        + ", ".join(BUILTIN_PREFIX + n for n in builtin_catalogs()),
                        where,
                    )
                )
                return
            self.seen_catalogs.add(ref)
            content = validate_file(result.data, result.file, root=False) if result.ok else None
            self._add_catalog(result, content, where, builtin=True)
            return
        target, problem = _confined(base, ref, self.root_dir)
        if target is None or not _is_file(target):
            why = problem or "no such file (paths are relative to this file)"
            self.findings.append(
                Finding.at(
                    "ORG001", Severity.ERROR, f"cannot read catalogue {_short(ref)}: {why}", where
                )
            )
            return
        if str(target) in self.seen_catalogs:
            return
        self.seen_catalogs.add(str(target))
        result, content = self.cache.parsed(target, _display(where.file, ref), False)
        self._add_catalog(result, content, where, builtin=False)

    def _add_catalog(
        self, result: LoadResult, content: FileContent | None, where: Location, builtin: bool
    ) -> None:
        self.findings.extend(result.findings)
        if content is None:
            return
        self.findings.extend(content.findings)
        if content.catalog is None and not content.findings:
            self.findings.append(
                Finding.at(
                    "ORG002",
                    Severity.ERROR,
                    f"{result.file} is not a catalogue file (it needs `catalog: {{id, name}}`)",
                    where,
                )
            )
            return
        if builtin:
            # Findings about built-in entries point at the `catalogs:` line that imported them.
            imported = Src(where.file, None, where.line, where.column)
            for top in content.sections.get("responsibilities", []):
                for item, _parent in top.walk():
                    item.with_src(imported)
            for domain in content.sections.get("decision_domains", []):
                domain.with_src(imported)
        self.catalogs.append(content)


def builtin_catalogs() -> list[str]:
    folder = resources.files("orgdesign").joinpath("catalogs")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def assemble(path: Path, display: str | None = None, cache: FileCache | None = None) -> Assembly:
    """Load a root org file with everything it includes and imports, merged into one `Org`."""
    cache = cache or FileCache()
    display = display if display is not None else str(path)
    try:
        resolved = path.resolve() if path.exists() else path
    except (OSError, ValueError, RuntimeError):  # the loader says why in a finding
        resolved = path
    collector = _Collector(resolved, resolved.parent, cache)
    loaded = collector.visit(resolved, display, (str(resolved),), root=True)
    org = Org(root_file=display)
    read = frozenset(collector.seen_files | collector.seen_catalogs) - {str(resolved)}
    if not loaded:
        return Assembly(org, collector.findings, False, path=str(resolved), included=read)
    root_content = collector.contents[0]
    if not root_content.is_mapping:  # said by ORG002; no organisation to check
        return Assembly(org, collector.findings, False, path=str(resolved), included=read)
    is_catalog = root_content.catalog is not None or (
        "catalog" in root_content.raw and "orgdesign" not in root_content.raw
    )
    org.organization = root_content.organization
    org.targets = root_content.targets
    org.files = [c.file for c in collector.contents]
    findings = collector.findings
    _merge(org, collector.catalogs, collector.contents, findings)
    return Assembly(org, findings, True, is_catalog, path=str(resolved), included=read)


def _merge(
    org: Org, catalogs: list[FileContent], contents: list[FileContent], findings: list[Finding]
) -> None:
    local_resp_ids = {
        item.id
        for content in contents
        for top in content.sections.get("responsibilities", [])
        for item, _ in top.walk()
    }
    # Decision domains of catalogues are a default set: used only when no file declares its own.
    declares_domains = any("decision_domains" in content.raw for content in contents)
    firsts: dict[str, dict[str, Any]] = {}
    for content in catalogs:
        for top in content.sections.get("responsibilities", []):
            pruned = _prune(top, local_resp_ids)
            if pruned is not None:
                _add_unique(org, "responsibilities", pruned, firsts, findings)
        for domain in content.sections.get("decision_domains", []):
            if not declares_domains:
                _add_unique(org, "decision_domains", domain, firsts, findings)
    for content in contents:
        for section in SECTIONS:
            for item in content.sections.get(section, []):
                _add_unique(org, section, item, firsts, findings)
    for content in [*catalogs, *contents]:
        for section, broken in content.broken.items():
            org.broken_ids.setdefault(section, set()).update(broken)


def _prune(item: Responsibility, drop: set[str]) -> Responsibility | None:
    """A catalogue responsibility without the entries the file redefines itself."""
    if item.id in drop:
        return None
    if not any(child.id in drop or child.children for child in item.children):
        return item
    children = [c for c in (_prune(child, drop) for child in item.children) if c is not None]
    copy = item.model_copy(update={"children": children})
    copy.with_src(item.src)
    return copy


def _add_unique(
    org: Org,
    section: str,
    item: Any,
    firsts: dict[str, dict[str, Any]],
    findings: list[Finding],
) -> None:
    target: list[Any] = getattr(org, section)
    seen = firsts.setdefault(section, {})  # id -> first element (located only when needed)
    if section == "raci":
        key = f"{item.responsibility}@{item.scope or ''}"
        first_entry = seen.get(key)
        if first_entry is not None:
            at = first_entry.loc("responsibility")
            scope = f" in scope {item.scope!r}" if item.scope else ""
            findings.append(
                Finding.at(
                    "ORG003",
                    Severity.ERROR,
                    f"second RACI entry for {item.responsibility!r}{scope}: the first is at "
                    f"{at.file}:{at.line}:{at.column}; merge them into one entry",
                    item.loc("responsibility"),
                    item.responsibility,
                )
            )
            return
        seen[key] = item
        target.append(item)
        return
    nodes = list(item.walk()) if isinstance(item, Responsibility) else [(item, None)]
    for node, _parent in nodes:
        first_node = seen.get(node.id)
        if first_node is not None:
            first = first_node.loc("id")
            findings.append(
                Finding.at(
                    "ORG003",
                    Severity.ERROR,
                    f"duplicate {_KIND_NAMES[section]} id {node.id!r}: already defined at "
                    f"{first.file}:{first.line}:{first.column}; ids must be unique",
                    node.loc("id"),
                    node.id,
                )
            )
            if node is item:
                return
        else:
            seen[node.id] = node
    target.append(item)
