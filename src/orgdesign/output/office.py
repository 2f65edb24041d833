"""What the Word and PowerPoint writers share: the text escaper of Office XML and CJK detection.

This module owns `office_text`, the one escaper of text that goes into a .docx or .pptx:
python-docx and python-pptx escape `<`, `>` and `&` themselves, but XML 1.0 cannot hold
control characters (other than tab, line feed and carriage return), lone surrogates or
U+FFFE/U+FFFF, and lxml refuses them; they are removed, and line breaks become spaces where
a one-line label is wanted. `has_cjk` tells a writer when a run needs its East Asian font.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\t\r\n\u2028\u2029]+")


def office_text(text: str, one_line: bool = True) -> str:
    """Text an Office XML part can hold: XML-illegal characters removed, and (for labels)
    tabs and line breaks turned into single spaces."""
    clean = _NOT_XML.sub("", text)
    return _BREAKS.sub(" ", clean) if one_line else clean


def has_cjk(text: str) -> bool:
    """True when the text holds a Chinese, Japanese or Korean character (wide or full-width)."""
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


def text_width_pt(text: str, size: float) -> float:
    """Rough printed width of a text in Arial/Liberation Sans: wide characters 1 em, capitals
    and digits 0.62 em, spaces 0.28 em, other characters 0.5 em."""
    total = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            total += 1.0
        elif ch == " ":
            total += 0.28
        elif ch.isupper() or ch.isdigit():
            total += 0.62
        else:
            total += 0.5
    return total * size
