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

import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from orgdesign.findings import Severity
from orgdesign.load.fsio import MIB, ReadError, read_capped
from orgdesign.load.theme import Theme

CONFIG_FILES = (".orgdesign.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 4 * MIB
"""Largest configuration file read (a pyproject.toml is a few KiB)."""
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
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Options per rule id."""
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
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'table'}: {err['msg']}"
            for err in exc.errors(include_url=False)
        )
        raise ConfigError(f"{where}: {problems}") from exc
    return config.model_copy(update={"source": where, "theme": _theme_paths(config.theme, path)})


def _theme_paths(theme: Theme, path: Path) -> Theme:
    """The theme with its logo read from the configuration file's folder; a missing logo is an
    error now rather than a pack without it later."""
    if theme.logo is None:
        return theme
    logo = theme.logo if theme.logo.is_absolute() else path.parent / theme.logo
    if not logo.is_file():
        raise ConfigError(f"{path}: theme.logo: no image file at {logo}")
    return theme.model_copy(update={"logo": logo})
