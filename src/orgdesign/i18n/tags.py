"""The one language-tag normaliser: which of the shipped languages a tag asks for.

Every part of orgdesign that picks fixed wording (documents, charts, the
explorer, `recommend`, `new`) maps a user's tag through `language`: `zh`,
`zh-CN`, `ZH`, `zh_Hans`, `zh-Hant-TW` are Chinese, `en`, `en-GB`, `EN_us`
English. Labels from an org file's `names` are matched by
`orgdesign.model.pick_language`, which keeps the whole tag.
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "zh")
"""The languages of the fixed wording, the first the default."""

DEFAULT = LANGUAGES[0]


def primary(tag: str) -> str:
    """The primary subtag, lower-cased: `zh_Hans` -> `zh`, ` EN-gb ` -> `en`."""
    return tag.strip().lower().replace("_", "-").split("-", 1)[0]


def language(tag: str | None) -> str | None:
    """`en` or `zh` for a tag of a shipped language, `en` for no tag (None); None for a
    blank tag or one of another language (`fr`), so a command can refuse it."""
    if tag is None:
        return DEFAULT
    base = primary(tag)
    return base if base in LANGUAGES else None


def text_lang(tag: str | None) -> str:
    """The language of fixed wording for any tag: another language falls back to English."""
    return language(tag) or DEFAULT
