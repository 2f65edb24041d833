"""Plain text findings, one per line: `file:line:col: severity RULE message`, then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesign.findings import printable

if TYPE_CHECKING:
    from orgdesign.lint.run import ValidationRun
    from orgdesign.output.findings import ReportOptions

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(run: ValidationRun, options: ReportOptions) -> str:
    lines: list[str] = []
    for f in run.findings:
        if options.colour:
            from rich.markup import escape  # rich only for a terminal's colours

            style = _STYLE[f.severity.value]
            lines.append(
                f"[bold]{escape(printable(f.file))}:{f.line}:{f.column}:[/bold] "
                f"[{style}]{f.severity.value}[/{style}] [bold]{f.rule}[/bold] "
                f"{escape(f.printable())}"
            )
        else:
            lines.append(
                f"{printable(f.file)}:{f.line}:{f.column}: {f.severity.value} {f.rule} "
                f"{f.printable()}"
            )
    if not options.quiet:
        lines.append(summary_line(run))
    return "\n".join(lines) + "\n" if lines else ""


def render_statistics(run: ValidationRun, options: ReportOptions) -> str:
    """A count per rule, most frequent first (like `ruff --statistics`), then the summary."""
    counts: dict[str, int] = {}
    severities: dict[str, set[str]] = {}
    for f in run.findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
        severities.setdefault(f.rule, set()).add(f.severity.value)
    lines = []
    for rule_id, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = run.registry.get(rule_id)
        name = rule.name if rule else ""
        severity = "/".join(sorted(severities[rule_id]))  # as reported, after configuration
        lines.append(f"{count:>6}  {rule_id:<8} {severity:<8} {name}")
    if not options.quiet:
        lines.append(summary_line(run))
    return "\n".join(lines) + "\n" if lines else ""


def summary_line(run: ValidationRun) -> str:
    """`3 files checked: 1 error, 2 warnings, 0 info`."""
    s = run.summary()
    files = f"{s['files']} file{'s' if s['files'] != 1 else ''}"
    if s["findings"] == 0:
        return f"{files} checked: no findings"
    return (
        f"{files} checked: {s['errors']} error{'s' if s['errors'] != 1 else ''}, "
        f"{s['warnings']} warning{'s' if s['warnings'] != 1 else ''}, "
        f"{s['infos']} info"
    )
