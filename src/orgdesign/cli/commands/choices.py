"""`--format` and other choices of the commands, made from what the library defines.

This module owns turning the format registry (`orgdesign.output.registry`) and the model's
fixed value sets (e.g. `Level`) into typer choices, `--help` text and the exit-2 message
for an output suffix no format has. typer makes a click Choice of an enum, so each choice
is a StrEnum built here; command modules type the parameter as `str` for mypy (the
members are `str`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin

from orgdesign.cli.commands.common import fail
from orgdesign.output.formats import Format, Formats, UnknownFormat

W = TypeVar("W")


def choice_of(name: str, values: Iterable[str]) -> type[enum.StrEnum]:
    """A StrEnum whose members are `values` (typer offers them as the choices)."""
    choice: type[enum.StrEnum] = enum.StrEnum(name, {v: v for v in values})  # type: ignore[misc]
    return choice


def literal_choice(name: str, literal: Any) -> type[enum.StrEnum]:
    """The choices of a `Literal[...]` type of the model (e.g. `Level`, or `Level | None`)."""
    return choice_of(name, _literal_values(literal))


def _literal_values(tp: Any) -> tuple[str, ...]:
    if get_origin(tp) is Literal:
        return tuple(str(v) for v in get_args(tp))
    return tuple(v for arg in get_args(tp) for v in _literal_values(arg))


def format_choice(registry: Formats[Any], *extra: str) -> type[enum.StrEnum]:
    """The `--format` choices of a command: `extra` ones first, then the registry's names.

    typer makes a click Choice of the enum; its members are the names as `str`.
    """
    name = f"{registry.subject.title().replace(' ', '')}Format"
    return choice_of(name, (*extra, *registry.names()))


def format_help(
    registry: Formats[Any], *extra: tuple[str, str], lead: str = "Output format"
) -> str:
    """`--help` of a `--format` option: every name with what it is (the `extra` choices
    first, as (name, description)), from the registry."""
    items = [*extra, *((f.name, f.description) for f in registry)]
    return f"{lead}: " + "; ".join(f"{name} = {what}" for name, what in items) + "."


def suffix_help(registry: Formats[Any], lead: str) -> str:
    """`--help` of an `--output` whose suffix picks the format, from the registry."""
    listed = ", ".join(f"{' '.join(f.suffixes)} ({f.description})" for f in registry if f.suffixes)
    return f"{lead}; the format comes from its suffix: {listed}."


def format_of_path(registry: Formats[W], path: Path) -> Format[W]:
    """The registry's format of `path` by its suffix, or exit 2 listing the valid suffixes."""
    try:
        return registry.for_path(path)
    except UnknownFormat as exc:
        raise fail(str(exc)) from exc
