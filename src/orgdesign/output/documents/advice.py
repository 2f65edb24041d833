"""The recommendation of `orgdesign recommend` as text or JSON (`registry.RECOMMEND`).

The advice itself (archetype, reasons, how the file compares) is made in its language
by `orgdesign.analysis.recommend`; `lang` is not used again here.
"""

from __future__ import annotations

from orgdesign.analysis.recommend import Comparison, Recommendation, as_dict, as_text
from orgdesign.output.escape import json_document


def text(advice: tuple[Recommendation, Comparison | None], lang: str | None) -> str:
    del lang
    return as_text(*advice)


def json_text(advice: tuple[Recommendation, Comparison | None], lang: str | None) -> str:
    del lang
    return json_document(as_dict(*advice))
