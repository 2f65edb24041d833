"""Configuration: which rules run, how severe they are, and their thresholds.

This module owns reading `[tool.orgdesign]` from `pyproject.toml` or the top
level of `.orgdesign.toml`, found in the current folder or the nearest parent
(or named with `--config`), and checking it against the rule registry. A
configuration that cannot be used is a `ConfigError` (exit code 2), never a
silently ignored setting.

```toml
[tool.orgdesign]
select = ["ORG", "RACI", "DUAL"]   # rule ids or prefixes; default: all
ignore = ["ORG105"]
max-file-size = 10                 # MiB
strict = false                     # exit 1 on warnings too

[tool.orgdesign.severity]
ORG106 = "error"

[tool.orgdesign.options.ORG106]
min = 3
max = 10
```
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator
from pydantic_core import ErrorDetails

from orgdesign.findings import Severity
from orgdesign.load.fsio import MIB, ReadError, read_capped
from orgdesign.load.theme import Theme

CONFIG_FILES = (".orgdesign.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 4 * MIB
"""Largest configuration file read (a pyproject.toml is a few KiB)."""
MAX_LOGO_BYTES = 10 * MIB
"""Largest `theme.logo` image (a logo is a few KiB; every Office document embeds it whole)."""
MAX_FILE_SIZE_MIB = 1024
"""Highest `max-file-size` accepted: an org file of a GiB is beyond what the tool can check."""


class ConfigError(Exception):
    """The configuration cannot be used; the message says where and why."""


class Config(BaseModel):
    """The `[tool.orgdesign]` table."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    select: list[str] = Field(default_factory=list)
    """Rule ids or id prefixes to run (default: all rules)."""
    ignore: list[str] = Field(default_factory=list)
    """Rule ids or id prefixes never to run."""
    severity: dict[str, Severity] = Field(default_factory=dict)
    """Severity per rule id."""
    options: dict[str, Any] = Field(default_factory=dict)
    """Options per rule id (each a table, checked by `rule_options` against the rule)."""
    max_file_size: Annotated[
        float, Field(strict=True, gt=0, le=MAX_FILE_SIZE_MIB, allow_inf_nan=False)
    ] = Field(default=10, alias="max-file-size")
    """Largest org file read, in MiB (a number above 0, at most 1024)."""
    strict: StrictBool = False
    """Warnings make `validate` exit 1 too."""
    targets: dict[str, Any] = Field(default_factory=dict)
    """`[tool.orgdesign.targets]`: overrides the org file's `targets:` (checked by TGT6xx)."""
    theme: Theme = Field(default_factory=Theme)
    """Palette, fonts, logo and company name of every output (see `orgdesign.load.theme`)."""
    source: str | None = Field(default=None, exclude=True)
    """Where the configuration was read from (not a setting)."""
    source_path: Path | None = Field(default=None, exclude=True)
    """The file it was read from, for the line of a wrong option (not a setting)."""

    @field_validator("select", "ignore")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        if any(not p.strip() for p in value):
            raise ValueError("an empty rule id or prefix would match every rule")
        return [p.strip().upper() for p in value]

    @field_validator("severity", "options", mode="before")
    @classmethod
    def _rule_keys(cls, value: Any) -> Any:
        """Rule ids are case-insensitive: `org106` is `ORG106`."""
        if isinstance(value, dict):
            return {str(k).upper(): v for k, v in value.items()}
        return value

    def enabled(self, rule_id: str) -> bool:
        def matches(patterns: list[str]) -> bool:
            return any(rule_id.startswith(p.upper()) for p in patterns)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore)


def find_config(start: Path) -> Path | None:
    """The nearest `.orgdesign.toml`, or `pyproject.toml` with a `[tool.orgdesign]` table.

    A `pyproject.toml` that cannot be read as TOML is a ConfigError, not skipped: it
    may hold the settings the user expects.
    """
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        dotfile = candidate / CONFIG_FILES[0]
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / CONFIG_FILES[1]
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    data = _read_toml(path)
    tool = data.get("tool")
    return isinstance(tool, dict) and "orgdesign" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    """A TOML file as data; a UTF-8 BOM (Windows editors write one) is allowed."""
    try:
        raw = read_capped(path, MAX_CONFIG_BYTES)
    except ReadError as exc:
        if exc.reason == "file not found":
            raise ConfigError(f"{path}: configuration file not found") from exc
        raise ConfigError(f"{path}: cannot read the configuration: {exc.reason}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (save it as UTF-8)") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    except RecursionError as exc:  # tomllib parses nested arrays and inline tables recursively
        raise ConfigError(f"{path}: invalid TOML: values nested too deeply") from exc


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read the configuration at `path`, or the nearest one from `start` (default: cwd)."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        table = tool.get("orgdesign", {}) if isinstance(tool, dict) else {}
        where = f"{path} [tool.orgdesign]"
    else:
        table = data
        where = str(path)
    try:
        config = Config.model_validate(table)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = "; ".join(_setting_problem(err, table) for err in errors)
        line = _setting_line(path, errors[0]["loc"])
        raise ConfigError(f"{f'{path}:{line}' if line else where}: {problems}") from exc
    theme = _theme_paths(config.theme, path)
    return config.model_copy(update={"source": where, "source_path": path, "theme": theme})


def _setting_problem(err: ErrorDetails, table: dict[str, Any]) -> str:
    """`key = value: what to write` for a top-level setting of the wrong type, else the
    setting's path and what is wrong with it."""
    loc = err["loc"]
    name = ".".join(str(p) for p in loc) or "table"
    kind = str(err["type"]).split("_")[0]
    field = next((f for k, f in Config.model_fields.items() if name in (k, f.alias)), None)
    if len(loc) != 1 or kind not in ADVICE or field is None or name not in table:
        return f"{name}: {err['msg']}"
    example = SETTING_EXAMPLES.get(name) or _toml(field.default)
    return f"{name} = {_toml(table[name])}: write {ADVICE[kind]}, e.g. {name} = {example}"


def _setting_line(path: Path, loc: tuple[int | str, ...]) -> int | None:
    """The line of a top-level setting (`key = ...` or a `[key]` table), if it can be told."""
    if not loc:
        return None
    try:
        lines = read_capped(path, MAX_CONFIG_BYTES).decode("utf-8-sig").splitlines()
    except (ReadError, UnicodeDecodeError):
        return None
    key = re.escape(str(loc[0]))
    prefix = r"(?:tool\.orgdesign\.)?" if path.name == CONFIG_FILES[1] else ""
    header = re.compile(rf"^\s*\[\s*{prefix}{key}\s*[\].]")
    inside = path.name != CONFIG_FILES[1]  # .orgdesign.toml: settings are at the top
    wanted = re.compile(rf"^\s*{key}\s*[=.]")
    for number, text in enumerate(lines, 1):
        if header.match(text) or (inside and wanted.match(text)):
            return number
        if text.lstrip().startswith("["):
            inside = bool(re.match(r"^\s*\[\s*tool\.orgdesign\s*\]", text))
    return None


def _theme_paths(theme: Theme, path: Path) -> Theme:
    """The theme with its logo read from the configuration file's folder; a missing logo is an
    error now rather than a pack without it later."""
    if theme.logo is None:
        return theme
    logo = theme.logo if theme.logo.is_absolute() else path.parent / theme.logo
    if not logo.is_file():
        raise ConfigError(f"{path}: theme.logo: no image file at {logo}")
    try:  # the Office writers read the whole image into memory
        size = logo.stat().st_size
    except OSError as exc:
        raise ConfigError(f"{path}: theme.logo: cannot read {logo}: {exc.strerror}") from exc
    if size > MAX_LOGO_BYTES:
        raise ConfigError(
            f"{path}: theme.logo: {logo} is {size / MIB:.1f} MiB, more than the "
            f"{MAX_LOGO_BYTES // MIB} MiB a logo may have"
        )
    return theme.model_copy(update={"logo": logo})


Options = TypeVar("Options", bound=BaseModel)

ADVICE = {
    "int": "a whole number without quotes",
    "float": "a number without quotes",
    "bool": "true or false without quotes",
    "string": "text in double quotes",
    "tuple": "a list of texts in double quotes",
    "list": "a list",
    "dict": "a table",
}

SETTING_EXAMPLES = {
    "select": '["ORG", "RACI"]',
    "ignore": '["ORG105"]',
    "severity": '{ORG106 = "error"}',
    "options": "{ORG106 = {min = 3}}",
}
"""Examples of the settings whose default (empty) would be no example."""


def rule_options(model: type[Options], raw: object, config: Config, rule_id: str) -> Options:
    """The options of one rule from `[tool.orgdesign.options.RULE]`, strictly typed.

    TOML has real integers, strings and booleans, so `min = "3"`, `min = 3.0` or
    `min = true` are mistakes to point at, not values to coerce; JSON-mode strict
    validation accepts TOML's arrays for tuple fields and nothing lax. A
    ConfigError names the file, the line where it can be found, the key, the wrong
    value and what to write instead, with the rule's default as an example.
    """
    table = raw if isinstance(raw, dict) else {}
    try:
        if not isinstance(raw, dict):
            raise _NotTable()
        return model.model_validate_json(json.dumps(_plain(raw)), strict=True)
    except _NotTable:
        problem = f"options.{rule_id} = {_toml(raw)}: " + (
            f"write a table [{_prefix(config)}options.{rule_id}] with lines such as "
            + _example(model)
            if model.model_fields
            else "this rule has no options; remove the line"
        )
        raise ConfigError(f"{_where(config, rule_id, None)}: {problem}") from None
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        key = str(err["loc"][0]) if err["loc"] else None
        value = _toml(table[key]) if key in table else ""
        head = f"options.{rule_id}" + (f".{key} = {value}" if key else "")
        problem = f"{head}: {_explain(err, model, key)}"
        raise ConfigError(f"{_where(config, rule_id, key)}: {problem}") from exc


class _NotTable(Exception):
    """The options of a rule are not a TOML table."""


def _plain(value: object) -> object:
    """TOML data as JSON data; a date or time (TOML has them, no option is one) stays
    a date so that strict validation refuses it."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.time)):
        return {"date or time": value.isoformat()}
    if isinstance(value, float) and not math.isfinite(value):
        return {"not a finite number": str(value)}
    return value


def _explain(err: ErrorDetails, model: type[BaseModel], key: str | None) -> str:
    fields = model.model_fields
    if err["type"] == "extra_forbidden":
        known = ", ".join(fields) or "none"
        return f"unknown option; the options of this rule: {known}"
    if key not in fields:
        return str(err["msg"]).removeprefix("Value error, ")
    kind = str(err["type"]).split("_")[0]
    example = f"{key} = {_toml(fields[key].default)}"
    if kind in ADVICE:
        each = f"item {int(err['loc'][1]) + 1} is wrong: " if len(err["loc"]) > 1 else ""
        return f"{each}write {ADVICE[kind]}, e.g. {example}"
    ctx = err.get("ctx") or {}
    bounds = {"greater_than_equal": "at least", "greater_than": "above",
              "less_than_equal": "at most", "less_than": "below"}  # fmt: skip
    if err["type"] in bounds:
        limit = next(iter(ctx.values()), "")
        return f"must be {bounds[err['type']]} {limit}, e.g. {example}"
    return f"{str(err['msg']).removeprefix('Value error, ')}, e.g. {example}"


def _example(model: type[BaseModel]) -> str:
    return " and ".join(f"{k} = {_toml(f.default)}" for k, f in model.model_fields.items())


def _toml(value: object) -> str:
    """A value as TOML would spell it (for messages)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)[:80]
    return str(value)[:80]


def _prefix(config: Config) -> str:
    path = config.source_path
    return "tool.orgdesign." if path is not None and path.name == CONFIG_FILES[1] else ""


def _where(config: Config, rule_id: str, key: str | None) -> str:
    """`FILE:LINE` of the option (or of its rule's table), else what the config is."""
    path = config.source_path
    if path is None:
        return config.source or "configuration"
    try:
        lines = read_capped(path, MAX_CONFIG_BYTES).decode("utf-8-sig").splitlines()
    except (ReadError, UnicodeDecodeError):
        return str(path)
    line = _find_line(lines, rule_id, key)
    return f"{path}:{line}" if line else str(path)


def _find_line(lines: list[str], rule_id: str, key: str | None) -> int | None:
    """The line of `key` in the rule's options (a `[...options.RULE]` table, a dotted
    key or an inline table), else of the rule's table; None when it cannot be told."""
    rule = re.escape(rule_id)
    header = re.compile(rf"^\s*\[\s*(?:tool\.orgdesign\.)?options\.\"?{rule}\"?\s*\]", re.I)
    inline = re.compile(rf"^\s*(?:options\.)?\"?{rule}\"?\s*[.=]", re.I)
    wanted = re.compile(rf"(?:^\s*|[{{,.]\s*){re.escape(key)}\s*=") if key else None
    table = found = None
    inside = False
    for number, text in enumerate(lines, 1):
        if header.match(text):
            table, inside = table or number, True
        elif text.lstrip().startswith("["):
            inside = False
        elif inside and wanted is not None and wanted.match(text):
            found = found or number
        elif inline.match(text):
            table = table or number
            if wanted is not None and wanted.search(text):
                found = found or number
    return found or table
