"""The jinja2 environment of the document templates in `orgdesign/output/templates/`.

HTML templates (`*.html.j2`) are autoescaped; Markdown templates (`*.md.j2`)
escape through the `md` filter (`md_escape`, the one Markdown text escaper of
`orgdesign.output.escape`). Fixed wording comes from `orgdesign.i18n`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesign import i18n
from orgdesign.output import escape

if TYPE_CHECKING:  # jinja2 loads only when a document is rendered, not at start-up
    import jinja2

md_escape = escape.markdown_text
"""Inline Markdown text with no markup (`orgdesign.output.escape.markdown_text`)."""


def environment() -> jinja2.Environment:
    """The jinja2 environment of the document templates shipped in `orgdesign/output/templates`."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("orgdesign.output", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2", "html"),
            disabled_extensions=("md.j2",),
            default_for_string=True,
            default=True,
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["severity"] = i18n.severity_name
    return env
