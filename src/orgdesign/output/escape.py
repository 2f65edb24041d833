"""One escaper per output format: text from an org file made safe for the file it goes into.

This module owns every rule about which characters of a name, a title or a
holder may reach an output as written. Each function is correct by
construction: it keeps only a small set of characters that cannot mean
anything to the consumer and writes every other character in the consumer's
own escape form, so no list of "dangerous strings" has to be complete.

| output | function | consumer |
|---|---|---|
| Graphviz HTML-like label text | `dot_html` | `dot` (expat inside Graphviz) |
| Graphviz quoted string (ids, attributes) | `dot_string` | `dot`'s lexer |
| Mermaid label, subgraph or link text | `mermaid_text` | mermaid-cli / the Mermaid parser |
| Mermaid front-matter title | `mermaid_title` | Mermaid's YAML front matter |
| SVG / XML text and attributes | `xml_text`, `xml_attr` | any XML parser |
| JSON documents (reports, SARIF, schema) | `json_document` | RFC 8259 JSON parsers |
| JSON inside an HTML `<script>` | `script_json` | the browser's HTML parser, `JSON.parse` |
| HTML text, attributes | `html_text`, `html_attr` | HTML5 parsers (templates: jinja2 autoescape) |
| Markdown inline text | `markdown_text` | CommonMark / GitHub Markdown |
| CSV and XLSX cells | `formula_guard` / `formula_unguard` (from `analysis.cells`) | spreadsheets |
| XLSX / PPTX / DOCX text | `office_text` | the Office Open XML parts (XML 1.0) |

Characters XML 1.0 cannot hold (C0 controls other than tab and line ends,
lone surrogates, U+FFFE, U+FFFF) are removed by every escaper of an XML-based
format; labels of charts also drop DEL and the C1 controls, which no name
means and which render as boxes.
"""

from __future__ import annotations

import json
import re

from orgdesign.analysis.cells import FORMULA_STARTS, formula_guard, formula_unguard

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters outside XML 1.0's `Char` production."""

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""What labels drop: XML-illegal characters, DEL and the C1 controls (tab and line ends are
whitespace and stay)."""

_DOT_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -.,:;()/_+")
"""Characters a Graphviz HTML-like label may hold as written; every other one becomes `&#N;`."""

_DOT_BACKSLASH = "&#92;&#92;"

DOT_EMPTY = "&#160;"
"""What `dot_html` writes for empty text: Graphviz rejects an empty `<B></B>` or `<I></I>`."""

MERMAID_EMPTY = "#160;"
"""What `mermaid_text` writes for empty text."""

_MERMAID_TITLE_SAFE = re.compile(r"[^\w \-.,:;'()&/·+!?]")
"""Characters left out of a Mermaid title (front matter takes no entity codes)."""


def xml_chars(text: object) -> str:
    """`text` with the characters XML 1.0 cannot hold removed."""
    return XML_ILLEGAL.sub("", str(text))


def label_chars(text: object) -> str:
    """`text` without control characters (C0 but whitespace, DEL, C1) and XML-illegal ones."""
    return _CONTROLS.sub("", str(text))


def dot_html(text: object) -> str:
    """Text for a Graphviz HTML-like label (between tags of `label=<...>`).

    Letters and digits (of any script), space and `- . , : ; ( ) / _ +` stay;
    every other character (markup, quotes, `]`, backslashes, symbols, marks,
    format characters) is a decimal character reference, which expat turns back
    into that character as text. A backslash is written twice: Graphviz reads
    `\\N`, `\\G`, `\\L`... in label text as the node's or graph's name even when it
    comes from an entity, and `\\\\` as one backslash. Control characters are
    removed; empty text is a no-break space."""
    out = "".join(
        ch if ch in _DOT_SAFE or ch.isalnum() else _DOT_BACKSLASH if ch == "\\" else f"&#{ord(ch)};"
        for ch in label_chars(text)
    )
    return out or DOT_EMPTY


def dot_string(text: object) -> str:
    """A DOT double-quoted string (node ids, font names, plain attribute values).

    Backslashes and quotes are escaped, line ends become spaces (a backslash
    before a line end would join lines), control characters are removed."""
    body = " ".join(label_chars(text).splitlines())
    return '"' + body.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mermaid_text(text: object) -> str:
    """Text for a quoted Mermaid label, subgraph title or link text.

    Letters, digits and spaces stay; every other character is a Mermaid entity
    code `#N;`, which Mermaid shows as that character. So no text can close the
    quotes, add a link, start a `%%` directive or a markdown string, or be read
    as HTML. Control characters are removed and whitespace runs are one space; empty
    text is a no-break space (Mermaid rejects `[""]`)."""
    clean = " ".join(label_chars(text).split())
    out = "".join(ch if ch.isalnum() or ch == " " else f"#{ord(ch)};" for ch in clean)
    return out or MERMAID_EMPTY


def mermaid_title(text: object) -> str:
    """A Mermaid front-matter `title:` value: a JSON string (valid YAML) of letters,
    digits and plain punctuation only, so it can hold neither a directive nor markup."""
    clean = " ".join(label_chars(text).split())
    return json.dumps(_MERMAID_TITLE_SAFE.sub("", clean), ensure_ascii=False, allow_nan=False)


def xml_text(text: object) -> str:
    """Character data of an XML (SVG) element: `& < >` as entities (so `]]>` cannot occur),
    a carriage return as `&#13;` (a parser would read it as a line feed), XML-illegal
    characters removed."""
    return (
        xml_chars(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


def xml_attr(text: object) -> str:
    """An XML (SVG) attribute value for either quote: also `"` `'` and line ends escaped
    (an attribute value's tab and line ends would otherwise be read as spaces)."""
    return (
        xml_text(text)
        .replace('"', "&quot;")
        .replace("'", "&#39;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
    )


def html_text(text: object) -> str:
    """HTML element text: as XML text (an HTML parser reads these entities the same way)."""
    return xml_text(label_chars(text))


def html_attr(text: object) -> str:
    """A quoted HTML attribute value."""
    return xml_attr(label_chars(text))


_SCRIPT_JSON = re.compile("[<>&\u2028\u2029]")


def json_document(data: object) -> str:
    """A JSON file's text (RFC 8259): indented, UTF-8 kept, ending in a newline.

    `allow_nan=False` is the second guard behind the model's finite bounds: a
    non-finite number that got past them stops the writer (nothing is written)
    instead of becoming `Infinity` or `NaN`, which no JSON parser has to accept."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def script_json(data: object) -> str:
    """JSON text that is safe inside an HTML `<script>` element (`type="application/json"`).

    `<`, `>`, `&`, U+2028 and U+2029 are written as `\\uXXXX`: they can only occur
    inside JSON strings, where the escape means the same character, so no text can
    close the element or open a comment and `JSON.parse` gives back exactly `data`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _SCRIPT_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def markdown_text(value: object) -> str:
    """Inline Markdown text with no markup: one line, punctuation escaped, HTML as entities.

    Safe in a table cell, a list item or a heading: `|`, emphasis, code, links,
    raw HTML (no `<` is left, so no tag or autolink can open), and list, quote or
    heading markers at the start are all made literal.
    """
    text = " ".join(str(value).split())
    text = _MD_ENTITY.sub("&amp;", text).replace("<", "&lt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return "\\" + text if text[:1] in ("-", "+", "=", ".", ">") else text


def office_text(text: object) -> str:
    """Text an Office Open XML part (XLSX cell, PPTX or DOCX run) can hold: XML-illegal
    characters removed, a carriage return (alone or before a line feed) as one line feed,
    which is what every reader of the part gets back anyway (XML reads CR as LF);
    everything else as it is (the library writing the part escapes `& < >`)."""
    return xml_chars(text).replace("\r\n", "\n").replace("\r", "\n")


__all__ = [
    "DOT_EMPTY",
    "FORMULA_STARTS",
    "MERMAID_EMPTY",
    "XML_ILLEGAL",
    "dot_html",
    "dot_string",
    "formula_guard",
    "formula_unguard",
    "html_attr",
    "html_text",
    "label_chars",
    "markdown_text",
    "mermaid_text",
    "mermaid_title",
    "office_text",
    "script_json",
    "xml_attr",
    "xml_chars",
    "xml_text",
]
