"""The scenario part of `orgdesign build`: the base's chart and the scenario's, in the pack.

Both are drawn by the pack's own chart writer (`output.build.render_chart`,
through `output.registry.CHARTS`), so they look exactly like the pack's main
chart; each is left out with the reason in the index when it cannot be drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding
from orgdesign.model import Org
from orgdesign.output.build import BuildContext, Part, render_chart
from orgdesign.output.formats import ChartWriter, Formats
from orgdesign.output.registry import CHARTS


def before_after(
    base: Org,
    base_findings: Sequence[Finding],
    applied: Org,
    findings: Sequence[Finding],
    lang: str | None = None,
    charts: Formats[ChartWriter] = CHARTS,
) -> Callable[[Path], list[Part]]:
    """A `build_pack(extra=...)` step writing `before.svg` and `after.svg`."""
    h = i18n.headings(lang)

    def write(folder: Path) -> list[Part]:
        parts = []
        sides = (
            ("before.svg", "chart_before", base, base_findings),
            ("after.svg", "chart_after", applied, findings),
        )
        for name, heading, org, found in sides:
            ctx = BuildContext(org, OrgGraph(org), found, lang)
            why = render_chart(ctx, ".svg", folder / name, charts)
            parts.append(Part(name, f"{h[heading]} (SVG)", why is None, why))
        return parts

    return write
