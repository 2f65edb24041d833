"""GitHub Actions workflow commands: findings become annotations on the pull request.

`::error file=F,line=L,col=C,title=RULE::message` (warning and notice likewise),
with the property and message escaping GitHub documents (`%`, CR, LF, and in
properties `:` and `,`), then a plain summary line. Files are named from the
repository root (`ReportOptions.base`), as GitHub places annotations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesign.findings import printable
from orgdesign.output.findings.paths import repo_path
from orgdesign.output.findings.text import summary_line

if TYPE_CHECKING:
    from orgdesign.lint.run import ValidationRun
    from orgdesign.output.findings import ReportOptions

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)  # any other control character as \\xNN


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(run: ValidationRun, options: ReportOptions) -> str:
    lines = []
    for f in run.findings:
        props = ",".join(
            [
                f"file={escape_property(repo_path(f.file, options.base))}",
                f"line={f.line}",
                f"col={f.column}",
                f"title={escape_property(f.rule)}",
            ]
        )
        lines.append(f"::{COMMANDS[f.severity.value]} {props}::{escape_data(f.message)}")
    if not options.quiet:
        lines.append(summary_line(run))
    return "\n".join(lines) + "\n"
