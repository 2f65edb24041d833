"""Chart command: `orgdesign chart FILE -o OUT`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
