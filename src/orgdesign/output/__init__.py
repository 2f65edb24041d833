"""Writers: the organisation turned into files people hand around.

This package owns the options every chart writer takes (`ChartOptions`, in
`orgdesign.output.options`, imported when first used so that `validate`, which writes
no chart, loads no layout code). Which writer makes which format is the typed registry:
the record and the writer protocols in `orgdesign.output.formats`, the entries in
`orgdesign.output.registry`. A chart writer is `render(org, graph, findings, options, out)
-> None` (`formats.ChartWriter`) and writes `out` whole or not at all (see
`orgdesign.load.fsio`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orgdesign.output.options import ChartOptions

__all__ = ["ChartOptions"]


def __getattr__(name: str) -> Any:
    if name == "ChartOptions":
        from orgdesign.output.options import ChartOptions

        return ChartOptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
