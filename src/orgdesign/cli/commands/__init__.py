"""Command-line commands beyond validation, one module per area.

Each module has `register(app)`, which adds its typer commands to the
`orgdesign` app; like `orgdesign.cli.app`, a command only parses options, calls
the library and prints. The list is explicit: a new area is one module and one
line here.
"""

from __future__ import annotations

import typer

from orgdesign.cli.commands import analysis, chart, domain, hrdata, output, scenario


def register_all(app: typer.Typer) -> None:
    for module in (chart, output, domain, analysis, hrdata, scenario):
        module.register(app)
