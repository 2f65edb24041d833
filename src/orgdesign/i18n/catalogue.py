"""The message catalogue: every fixed sentence of orgdesign in English and Chinese, as data.

This module owns `Text` (one message in both languages) and the catalogue that
holds them: the YAML files in `orgdesign/i18n/messages/`, one per area
(`document`, `chart`, `explorer`, `recommend`, `archetypes`, ...). A file's
name is the first part of every id in it; nested mappings add parts, so
`chart.yaml`'s `vacant` is `chart.vacant`. A leaf is a mapping with `en` and
`zh` (and `fields` when one language leaves out a field the code fills in); a
list of leaves (or of mappings of leaves) is kept in order.

The catalogue is checked when it is loaded: every leaf has both languages as
non-empty text, and both sides name the same `str.format` fields (or only
fields listed in `fields`), so a translation can neither drop nor invent a
value the code fills in. A broken file is a `CatalogueError` naming the id,
never a wrong sentence later.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import TypeAlias

import yaml

from orgdesign.i18n.tags import LANGUAGES, text_lang

MESSAGES_PACKAGE = "orgdesign.i18n"
MESSAGES_DIR = "messages"

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when built in: the catalogue is read at start-up."""


class CatalogueError(ValueError):
    """A message file that is not a valid catalogue (a packaging bug, not a user error)."""


@dataclass(frozen=True)
class Text:
    """One piece of fixed wording in English and in Simplified Chinese (`str.format` fields)."""

    en: str
    zh: str

    def get(self, lang: str | None) -> str:
        return self.zh if text_lang(lang) == "zh" else self.en

    def __call__(self, lang: str | None, **fields: object) -> str:
        return self.get(lang).format(**fields) if fields else self.get(lang)


Node: TypeAlias = "Text | tuple[Node, ...] | Mapping[str, Node]"
"""A catalogue entry: one message, a list of entries, or a group of named entries."""


def _fields(template: str, where: str) -> frozenset[str]:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as err:
        raise CatalogueError(f"{where}: not a format string ({err})") from None
    return frozenset(name for _text, name, _spec, _conv in parsed if name is not None)


def _text(raw: Mapping[str, object], where: str) -> Text:
    if not set(raw) <= {*LANGUAGES, "fields"}:
        raise CatalogueError(f"{where}: a message has only `en`, `zh` and `fields`")
    values = [raw.get(lang) for lang in LANGUAGES]
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise CatalogueError(f"{where}: needs non-empty `en` and `zh` text")
    en, zh = (str(v) for v in values)
    declared = raw.get("fields")
    if declared is None:
        if _fields(en, where) != _fields(zh, where):
            raise CatalogueError(f"{where}: `en` and `zh` name different fields")
    elif not isinstance(declared, list) or not all(isinstance(f, str) for f in declared):
        raise CatalogueError(f"{where}: `fields` is a list of field names")
    elif not _fields(en, where) | _fields(zh, where) <= set(declared):
        raise CatalogueError(f"{where}: a field is not in `fields`")
    return Text(en, zh)


def _node(raw: object, where: str) -> Node:
    if isinstance(raw, list):
        return tuple(_node(item, f"{where}[{i}]") for i, item in enumerate(raw))
    if not isinstance(raw, dict) or not raw:
        raise CatalogueError(f"{where}: expected a message, a list or a group")
    if set(LANGUAGES) & set(raw):
        return _text(raw, where)
    if any(not isinstance(key, str) for key in raw):
        raise CatalogueError(f"{where}: ids are text")
    return MappingProxyType({key: _node(value, f"{where}.{key}") for key, value in raw.items()})


def parse(name: str, source: str) -> Node:
    """One message file (`name` is its id prefix) as checked catalogue entries."""
    try:
        raw = yaml.load(source, Loader=_LOADER)
    except yaml.YAMLError as err:
        raise CatalogueError(f"{name}: not YAML ({err})") from None
    return _node(raw, name)


@cache
def message_file(name: str) -> Node | None:
    """One message file of the package by its id prefix (read once, read-only; None: none).

    Each file is read when one of its ids is first asked for: a plain `validate` reads
    only the archetype descriptions, not every message of every command."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    source = resources.files(MESSAGES_PACKAGE).joinpath(MESSAGES_DIR, f"{name}.yaml")
    if not source.is_file():
        return None
    return parse(name, source.read_text(encoding="utf-8"))


def all_messages() -> Mapping[str, Node]:
    """Every message file of the package, by its id prefix (read-only)."""
    folder = resources.files(MESSAGES_PACKAGE).joinpath(MESSAGES_DIR)
    names = sorted(e.name[: -len(".yaml")] for e in folder.iterdir() if e.name.endswith(".yaml"))
    found = {name: message_file(name) for name in names}
    return MappingProxyType({name: node for name, node in found.items() if node is not None})


def entry(ident: str) -> Node:
    """The catalogue entry of a dotted id (KeyError naming the id if there is none)."""
    first, *rest = ident.split(".")
    node = message_file(first)
    if node is None:
        raise KeyError(f"no message {ident!r}")
    for part in rest:
        if not isinstance(node, Mapping) or part not in node:
            raise KeyError(f"no message {ident!r}")
        node = node[part]
    return node


def text(ident: str) -> Text:
    """The message of a dotted id, e.g. `chart.vacant`."""
    node = entry(ident)
    if not isinstance(node, Text):
        raise KeyError(f"{ident!r} is a group or a list, not one message")
    return node


def texts(ident: str) -> tuple[Text, ...]:
    """The messages of a list id, in order."""
    node = entry(ident)
    if not isinstance(node, tuple) or not all(isinstance(item, Text) for item in node):
        raise KeyError(f"{ident!r} is not a list of messages")
    return tuple(item for item in node if isinstance(item, Text))


def group(ident: str) -> Mapping[str, Text]:
    """The messages of a group id by key, in file order (nested groups left out)."""
    node = entry(ident)
    if not isinstance(node, Mapping):
        raise KeyError(f"{ident!r} is not a group of messages")
    return MappingProxyType({k: v for k, v in node.items() if isinstance(v, Text)})


@cache
def table(ident: str) -> Mapping[str, Mapping[str, str]]:
    """A group as {"en": {key: text}, "zh": {key: text}} (the shape templates look up)."""
    items = group(ident)
    return MappingProxyType(
        {lang: MappingProxyType({k: t.get(lang) for k, t in items.items()}) for lang in LANGUAGES}
    )


def strings(ident: str, lang: str | None) -> dict[str, str]:
    """A group's messages in one language, e.g. the explorer's strings for its payload."""
    return dict(table(ident)[text_lang(lang)])
