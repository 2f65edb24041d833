"""Plain text findings, one per line: `file:line:col: severity RULE message`, then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

if TYPE_CHECKING:
    from orgdesign.api import ValidationRun

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(run: ValidationRun, colour: bool) -> str:
    lines: list[str] = []
    for f in run.findings:
        if colour:
            style = _STYLE[f.severity.value]
            lines.append(
                f"[bold]{escape(f.file)}:{f.line}:{f.column}:[/bold] "
                f"[{style}]{f.severity.value}[/{style}] [bold]{f.rule}[/bold] {escape(f.message)}"
            )
        else:
            lines.append(f"{f.file}:{f.line}:{f.column}: {f.severity.value} {f.rule} {f.message}")
    s = run.summary()
    files = f"{s['files']} file{'s' if s['files'] != 1 else ''}"
    if s["findings"] == 0:
        tail = f"{files} checked: no findings"
    else:
        tail = (
            f"{files} checked: {s['errors']} error{'s' if s['errors'] != 1 else ''}, "
            f"{s['warnings']} warning{'s' if s['warnings'] != 1 else ''}, "
            f"{s['infos']} info"
        )
    lines.append(tail)
    return "\n".join(lines) + "\n"
