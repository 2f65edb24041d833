"""Chart command: `orgdesign chart FILE -o OUT`.

This module owns the options of `chart` and what it says to the user: the
format comes from the suffix of OUT (`orgdesign.render.CHART_RENDERERS`), an
unknown suffix, an unknown `--root` id or a missing Graphviz is a usage error
(exit 2) with a message that says what to do, and the drawing itself is left
to the renderer of that suffix.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from orgdesign.commands.common import (
    ConfigOption,
    LangOption,
    err_console,
    fail,
    finish,
    load_or_exit,
)

if TYPE_CHECKING:  # imported where used: `orgdesign validate` starts faster
    pass


MERMAID_MAX_TEXT = 50_000
"""Mermaid's default `maxTextSize`: larger diagrams are refused by the viewer."""

BIG_CHART = 1_500
"""Above this many positions one Graphviz page is too wide to read: suggest --paginate."""


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("chart")(chart)


def chart(
    file: Annotated[Path, typer.Argument(help="Org file to draw.", show_default=False)],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Chart file; the format comes from its suffix: "
            ".dot .svg .png .pdf (Graphviz), .mmd (Mermaid), .html (interactive explorer).",
            show_default=False,
        ),
    ],
    lang: LangOption = None,
    root: Annotated[
        str | None,
        typer.Option("--root", help="Draw only this position (an id) and everyone below it."),
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option("--depth", min=1, help="Levels to draw, the top one counted as 1."),
    ] = None,
    clusters: Annotated[
        bool,
        typer.Option("--clusters/--no-clusters", help="Draw units as coloured frames."),
    ] = True,
    stack: Annotated[
        bool,
        typer.Option(
            "--stack/--no-stack",
            help="Stack a manager's reports who manage nobody in a column under the manager.",
        ),
    ] = True,
    paginate: Annotated[
        bool,
        typer.Option(
            "--paginate",
            help="One page per subtree, sized for paper: a multi-page .pdf, or for other "
            "suffixes a folder named after OUT without its suffix, one file per page.",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Draw the organisation chart."""
    from orgdesign.render import CHART_RENDERERS, ChartOptions, load
    from orgdesign.render.chart import (
        ChartError,
        dot_binary,
        missing_graphviz_message,
        needs_graphviz,
        select,
        written_path,
    )

    suffix = output.suffix.lower()
    if suffix not in CHART_RENDERERS:
        known = " ".join(sorted(CHART_RENDERERS))
        raise fail(f"cannot tell the chart format of {output}: use one of the suffixes {known}")
    if needs_graphviz(suffix) and dot_binary() is None:
        raise fail(missing_graphviz_message(suffix))
    loaded = load_or_exit(file, config)
    graph = loaded.graph
    if root is not None and root not in graph.positions:
        close = difflib.get_close_matches(root, list(graph.positions), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise fail(f"--root {root!r} is not the id of a position in {file}{hint}")
    options = ChartOptions(
        lang=lang, root=root, depth=depth, clusters=clusters, stack=stack, paginate=paginate
    )
    if needs_graphviz(suffix) and not paginate:
        drawn = len(select(loaded.org, graph, options).order)
        if drawn > BIG_CHART:
            err_console().print(
                f"orgdesign: {drawn} positions on one page will be hard to read; "
                "--paginate draws one page per subtree",
                markup=False,
            )
    try:
        renderer = load(CHART_RENDERERS[suffix])
        renderer(loaded.org, graph, loaded.findings, options, output)
    except ChartError as exc:
        raise fail(str(exc)) from exc
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from exc
    written = written_path(output, options) if suffix != ".html" else output
    if suffix == ".mmd" and written.is_file() and written.stat().st_size > MERMAID_MAX_TEXT:
        err_console().print(
            f"orgdesign: {written} is larger than the {MERMAID_MAX_TEXT:,} characters Mermaid "
            "draws by default; use --root, --depth or --paginate for smaller diagrams",
            markup=False,
        )
    typer.echo(f"wrote {written}")
    raise finish(loaded)
