"""The theme: one palette, font family, logo and company name for every output.

This module owns the `[tool.orgdesign.theme]` table (or `[theme]` in
`.orgdesign.toml`), its defaults (the colours and fonts orgdesign used before
themes existed) and the checks on it: colours are `#RRGGBB` (or `RRGGBB`), a
logo is a PNG, JPEG or GIF file (a relative path is read from the folder of
the configuration file, see `config.load_config`). Writers read a `Theme`;
nothing here writes files.

```toml
[tool.orgdesign.theme]
company = "Northwind Consulting"   # in the header of printed pages, slides and Word cards
font = "Arial"                     # Latin text of Office documents and HTML pages
cjk-font = "Microsoft YaHei"       # East Asian text of Office documents
logo = "brand/logo.png"

[tool.orgdesign.theme.palette]
accent = "#2F5D8A"                 # headings, header rows, title bars
A = "#F4B183"                      # RACI letter fills: A R S C I
```
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
_NOT_IN_FONT = set("<>;{}\"'\\&")
"""Characters a font family name never needs and that could end a CSS string or an XML value."""


def _colour(value: object) -> str:
    text = str(value).strip()
    match = _HEX.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a colour; write it as #RRGGBB, e.g. #2F5D8A")
    return match.group(1).upper()


class Palette(BaseModel):
    """Colours as RRGGBB hex without `#` (the form openpyxl, python-docx and python-pptx take)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    accent: str = "2F5D8A"
    """Headings, header rows, title bars."""
    ink: str = "1F2933"
    """Body text."""
    muted: str = "616E7C"
    """Secondary text: holders, notes, footers."""
    line: str = "D9DEE4"
    """Rules, borders, grid lines."""
    soft: str = "F4F6F8"
    """Quiet backgrounds: area rows, empty dimensions, unit frames."""
    vacant: str = "FFF2CC"
    """Fill of a vacant position's box and of uncovered RACI rows."""
    bad: str = "F8CBAD"
    """Fill of rows that break a rule."""
    A: str = "F4B183"
    R: str = "A9D08E"
    S: str = "9DC3E6"
    C: str = "FFE699"
    I: str = "D9D9D9"  # noqa: E741 - the RACI letter

    @field_validator("*", mode="before")
    @classmethod
    def _hex(cls, value: object) -> str:
        return _colour(value)

    def letters(self) -> dict[str, str]:
        """RACI letter -> fill."""
        return {"A": self.A, "R": self.R, "S": self.S, "C": self.C, "I": self.I}


class Theme(BaseModel):
    """What every output takes its look from; `Theme()` is orgdesign's own look."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    company: str | None = None
    """Name in page headers (default: the organisation's name)."""
    font: str = "Arial"
    """Latin font family of Office documents (and first choice of HTML pages)."""
    cjk_font: str = Field(default="Microsoft YaHei", alias="cjk-font")
    """East Asian font of Office documents: Office has it; LibreOffice falls back to Noto CJK."""
    logo: Path | None = None
    """Image in the header of Word cards, slides and HTML pages."""
    palette: Palette = Field(default_factory=Palette)

    @field_validator("font", "cjk_font")
    @classmethod
    def _font(cls, value: str) -> str:
        if not value.strip() or any(ch in _NOT_IN_FONT or not ch.isprintable() for ch in value):
            raise ValueError(f"{value!r} is not a font family name")
        return value.strip()

    @field_validator("logo")
    @classmethod
    def _logo(cls, value: Path | None) -> Path | None:
        if value is not None and value.suffix.lower() not in LOGO_SUFFIXES:
            raise ValueError(f"{value}: a logo must be a {', '.join(LOGO_SUFFIXES)} image")
        return value

    def header_name(self, organisation: str) -> str:
        """The name printed in headers: the company's if set, else the organisation's."""
        return self.company or organisation

    def logo_data_uri(self) -> str | None:
        """The logo as a `data:` URI for HTML pages (which load nothing from elsewhere)."""
        if self.logo is None or not self.logo.is_file():
            return None
        import base64

        kind = {".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif"}.get(self.logo.suffix.lower(), "png")
        from orgdesign.load.fsio import ReadError, read_capped

        try:
            data = base64.b64encode(read_capped(self.logo, 10 * 1024 * 1024)).decode("ascii")
        except ReadError:
            return None
        return f"data:image/{kind};base64,{data}"

    def css_fonts(self) -> str:
        """The CSS font stack of HTML pages: a font set in the theme first, then the stack
        orgdesign always used (so an unthemed page looks as it did)."""
        first = f'"{self.font}", ' if "font" in self.model_fields_set else ""
        cjk = f'"{self.cjk_font}", ' if "cjk_font" in self.model_fields_set else ""
        return (
            f'{first}system-ui, -apple-system, "Segoe UI", "Noto Sans", {cjk}"Noto Sans CJK SC", '
            '"PingFang SC", "Microsoft YaHei", sans-serif'
        )


DEFAULT_THEME = Theme()
