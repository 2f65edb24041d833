"""The fixed wording of the reports, read from the YAML catalogues beside this module.

Each catalogue (`stats.yaml`, `diff.yaml`) holds sections of entries
`key: [English, Simplified Chinese]` (or lists of such pairs); an entry becomes
an `i18n.Text`, so the language is chosen the one way every writer chooses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from orgdesign.i18n import Text


@cache
def _catalogue(name: str) -> Mapping[str, Any]:
    source = resources.files(__package__).joinpath(f"{name}.yaml").read_text("utf-8")
    data: Mapping[str, Any] = yaml.safe_load(source)
    return data


@cache
def texts(name: str, section: str) -> Mapping[str, Text]:
    """Key -> wording of one section of a catalogue."""
    entries = _catalogue(name)[section]
    return MappingProxyType({key: Text(en, zh) for key, (en, zh) in entries.items()})


@cache
def text_list(name: str, section: str) -> tuple[Text, ...]:
    """The wording of a section that is a list (table columns, in order)."""
    return tuple(Text(en, zh) for en, zh in _catalogue(name)[section])
