"""Chart command: `orgdesign chart FILE -o OUT`.

This module owns the options of `chart` and what it says to the user: the
format comes from the suffix of OUT (`orgdesign.output.registry.CHARTS`), an
unknown suffix, an unknown `--root` id or a missing Graphviz is a usage error
(exit 2) with a message that says what to do, and the drawing itself is left
to the chart writer of that suffix.
"""

from __future__ import annotations

import difflib
import enum
from pathlib import Path
from typing import Annotated

import typer

from orgdesign.cli.commands.choices import format_of_path, suffix_help
from orgdesign.cli.commands.common import (
    EXIT_FINDINGS,
    ConfigOption,
    LangOption,
    Loaded,
    Paper,
    fail,
    finish,
    load_or_exit,
    note_missing_glyphs,
    say,
)
from orgdesign.layout.scope import ChartError, select
from orgdesign.output import ChartOptions
from orgdesign.output.chart.graphviz_run import (
    dot_binary,
    missing_graphviz_message,
    needs_graphviz,
    pages_dir,
)
from orgdesign.output.chart.mermaid import MermaidTooLarge
from orgdesign.output.formats import ChartWriter
from orgdesign.output.registry import CHARTS

BIG_CHART = 1_500
"""Above this many positions one Graphviz page is too wide to read: suggest --paginate."""


class Engine(enum.StrEnum):
    orgdesign = "orgdesign"
    graphviz = "graphviz"


OutputOption = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help=suffix_help(CHARTS, "Chart file"),
        show_default=False,
    ),
]
RootOption = Annotated[
    str | None,
    typer.Option("--root", help="Draw only this position (an id) and everyone below it."),
]
DepthOption = Annotated[
    int | None, typer.Option("--depth", min=1, help="Levels to draw, the top one counted as 1.")
]
ClustersOption = Annotated[
    bool, typer.Option("--clusters/--no-clusters", help="Draw units as coloured frames.")
]
StackOption = Annotated[
    bool,
    typer.Option(
        "--stack/--no-stack",
        help="Stack a manager's reports who manage nobody in a column under the manager.",
    ),
]
PaginateOption = Annotated[
    bool,
    typer.Option(
        "--paginate",
        help="Pages of paper (--paper), whole subtrees, small ones sharing a page: a "
        "multi-page .pdf, or for other suffixes a folder named after OUT without its "
        "suffix, one file per page.",
    ),
]
PaperOption = Annotated[
    Paper | None,
    typer.Option("--paper", help="Paper of a .pdf or a paginated chart [default: a4]."),
]
MinFontOption = Annotated[
    float,
    typer.Option(
        "--min-font",
        min=3.0,
        max=14.0,
        help="Smallest printed text size (points): decides how much goes on a page.",
    ),
]
EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="orgdesign: own org-chart layout; graphviz: Graphviz dot lays out "
        ".svg/.png/.pdf (needs the dot binary).",
    ),
]


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("chart")(chart)


def chart(
    file: Annotated[Path, typer.Argument(help="Org file to draw.", show_default=False)],
    output: OutputOption,
    lang: LangOption = None,
    root: RootOption = None,
    depth: DepthOption = None,
    clusters: ClustersOption = True,
    stack: StackOption = True,
    paginate: PaginateOption = False,
    paper: PaperOption = None,
    landscape: Annotated[
        bool, typer.Option("--landscape/--portrait", help="Orientation of the paper.")
    ] = True,
    min_font: MinFontOption = 6.0,
    poster: Annotated[
        bool, typer.Option("--poster", help="A .pdf on one large page instead of paper pages.")
    ] = False,
    engine: EngineOption = Engine.orgdesign,
    config: ConfigOption = None,
) -> None:
    """Draw the organisation chart."""
    fmt = format_of_path(CHARTS, output)
    graphviz = engine is Engine.graphviz and needs_graphviz(output.suffix)
    if graphviz and dot_binary() is None:
        raise fail(missing_graphviz_message(output.suffix.lower()))
    loaded = load_or_exit(file, config)
    _check_root(loaded, root, file)
    options = ChartOptions(
        lang=lang,
        root=root,
        depth=depth,
        clusters=clusters,
        stack=stack,
        paginate=paginate,
        paper=paper.value if paper else None,
        landscape=landscape,
        min_font=min_font,
        poster=poster,
        engine=engine.value,
        theme=loaded.config.theme,
    )
    if graphviz and not paginate:
        _warn_if_big(loaded, options)
    _draw(fmt.writer(), loaded, options, output)
    if output.suffix.lower() in (".pdf", ".png") and engine is Engine.orgdesign:
        note_missing_glyphs(loaded.org, lang, f"the {output.suffix.lower()[1:].upper()} chart")
    typer.echo(f"wrote {pages_dir(output) if paginate and fmt.pages else output}")
    raise finish(loaded)


def _draw(writer: ChartWriter, loaded: Loaded, options: ChartOptions, output: Path) -> None:
    """Write the chart, or exit saying why not (1: too large for Mermaid; 2: usage)."""
    try:
        writer(loaded.org, loaded.graph, loaded.findings, options, output)
    except MermaidTooLarge as exc:
        raise fail(str(exc), EXIT_FINDINGS) from exc
    except ChartError as exc:
        raise fail(str(exc)) from exc
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from exc


def _check_root(loaded: Loaded, root: str | None, file: Path) -> None:
    if root is not None and root not in loaded.graph.positions:
        close = difflib.get_close_matches(root, list(loaded.graph.positions), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise fail(f"--root {root!r} is not the id of a position in {file}{hint}")


def _warn_if_big(loaded: Loaded, options: ChartOptions) -> None:
    drawn = len(select(loaded.org, loaded.graph, options).order)
    if drawn > BIG_CHART:
        say(
            f"orgdesign: {drawn} positions on one page will be hard to read; "
            "--paginate draws one page per subtree"
        )
