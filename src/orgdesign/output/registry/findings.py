"""The reporters of `orgdesign validate --format`: findings for people and for CI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesign.output.formats import (
    FindingsWriter,
    Format,
    Formats,
    Kind,
)

if TYPE_CHECKING:
    pass


# --- validate --format -------------------------------------------------------------------------


def _text() -> FindingsWriter:
    from orgdesign.output.findings.text import render

    return render


def _json() -> FindingsWriter:
    from orgdesign.output.findings.jsonfmt import render

    return render


def _sarif() -> FindingsWriter:
    from orgdesign.output.findings.sarif import render

    return render


def _junit() -> FindingsWriter:
    from orgdesign.output.findings.junit import render

    return render


def _github() -> FindingsWriter:
    from orgdesign.output.findings.github import render

    return render


F = Kind.findings
FINDINGS: Formats[FindingsWriter] = Formats(
    "findings",
    FindingsWriter,
    (
        Format("text", (".txt",), F, "file:line:col findings for people", _text),
        Format("json", (".json",), F, "every finding and the summary as JSON", _json),
        Format("sarif", (".sarif",), F, "SARIF 2.1.0 for code scanning", _sarif),
        Format("junit", (".xml",), F, "JUnit XML, one test case per file", _junit),
        Format("github", (), F, "GitHub Actions annotations", _github),
    ),
)
