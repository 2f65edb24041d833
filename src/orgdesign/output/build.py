"""The whole deliverable of `orgdesign build`: one folder HR and consultants can hand around.

This module owns the pack: a validation report (`validation.html`), the org
chart (`chart.svg`, `chart.pdf`) and the interactive explorer
(`explorer.html`) and deck (`deck.pptx`), the RACI matrix (`raci.html`, `raci.xlsx` set
up for printing), the role cards (`roles/`: HTML, and Word up to `PACK_MAX_WORD_CARDS`
positions), each through its writer in `orgdesign.output.registry`, and an `index.html`
linking them all.

A chart whose writer fails (e.g. Graphviz missing) is left out with the reason in the
index (`orgdesign build` then refuses the incomplete pack); a writer that cannot even be
loaded is a bug the registry test catches, not a reason given here. Everything else must
succeed: the pack is built in a temporary folder and renamed into place only at the end,
so a failed build leaves nothing half-made (see `documents.roles.document_dir`); files
inside that folder are written directly. Above `PACK_MAX_POSITION_COLUMNS`
positions in the RACI, the pack's matrix has one column per unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding, Severity
from orgdesign.load.theme import DEFAULT_THEME, Theme
from orgdesign.model import Org
from orgdesign.output import ChartOptions, templating
from orgdesign.output.documents.roles import COMBINED_DOCX, document_dir, org_title, write_documents
from orgdesign.output.formats import ChartWriter, DocumentOptions, Formats, TableOptions
from orgdesign.output.registry import CHARTS, RACI, ROLES
from orgdesign.output.tables.raci import RaciMatrix, build_matrix

ProgressFn = Callable[[str, int, int], None]
"""Called before each step with (what is being made, steps done, steps in all)."""

CHART_PARTS: tuple[tuple[str, str, str], ...] = (
    ("chart.svg", ".svg", "org_chart"),
    ("chart.pdf", ".pdf", "org_chart"),
    ("explorer.html", ".html", "explorer"),
    ("deck.pptx", ".pptx", "slide_deck"),
)
"""(file in the pack, chart writer suffix, heading key) of the chart parts."""


PAGINATE_PDF_ABOVE = 1500
"""Above this many positions the pack's PDF chart has one page per subtree (paper sizes)."""

PACK_MAX_POSITION_COLUMNS = 300
"""Above this many position columns the pack's RACI matrix has one column per unit."""

PACK_MAX_WORD_CARDS = 400
"""Above this many positions the pack has no Word role cards (`roles -f docx` makes them)."""


class PackIncomplete(Exception):
    """A part of the pack could not be made; nothing was written. `missing` says what and why."""

    def __init__(self, missing: Sequence[Part]) -> None:
        self.missing = list(missing)
        super().__init__("; ".join(f"{p.path}: {p.note}" for p in self.missing))


@dataclass(frozen=True)
class Part:
    """One item of the pack as the index lists it."""

    path: str
    """The file, relative to the pack's folder."""
    heading: str
    ok: bool = True
    """False: the part is not in the pack, and `note` says why."""
    note: str | None = None


@dataclass(frozen=True)
class BuildContext:
    """What every step of the build reads."""

    org: Org
    graph: OrgGraph
    findings: Sequence[Finding]
    """The validation findings (the report lists them, the explorer shows them)."""
    lang: str | None
    theme: Theme = DEFAULT_THEME


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    by = Counter(f.severity for f in findings)
    return {s.value: by.get(s, 0) for s in Severity}


def org_facts(org: Org, graph: OrgGraph) -> dict[str, int]:
    """Headline numbers of the organisation for the index and the report."""
    seats = sum(p.headcount for p in org.positions)
    filled = sum(min(len(p.holders), p.headcount) for p in org.positions)
    return {
        "units": len(org.units),
        "positions": len(org.positions),
        "seats": seats,
        "vacancies": sum(p.vacancies for p in org.positions),
        "filled": filled,
        "layers": graph.max_layers,
        "raci_entries": len(org.raci),
    }


def _page_context(ctx: BuildContext) -> dict[str, Any]:
    return {
        "h": i18n.headings(ctx.lang),
        "lang": i18n.text_lang(ctx.lang),
        "title": org_title(ctx.org, ctx.lang),
        "source": ctx.org.root_file,
        "description": ctx.org.organization.description if ctx.org.organization else None,
        "fills": ctx.theme.palette.letters(),
        "theme": ctx.theme,
        "counts": counts(ctx.findings),
        "facts": org_facts(ctx.org, ctx.graph),
    }


def validation_report(ctx: BuildContext) -> str:
    """The findings as an HTML page, errors first."""
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    findings = sorted(ctx.findings, key=lambda f: (order[f.severity], *Finding.sort_key(f)))
    template = templating.environment().get_template("report.html.j2")
    return template.render(findings=findings, **_page_context(ctx))


def index_page(ctx: BuildContext, parts: Sequence[Part]) -> str:
    template = templating.environment().get_template("index.html.j2")
    return template.render(parts=parts, **_page_context(ctx))


def pack_matrix(ctx: BuildContext) -> RaciMatrix:
    """The pack's RACI matrix: by position, or by unit when positions are too many to read."""
    matrix = build_matrix(ctx.org, ctx.graph, ctx.findings, lang=ctx.lang)
    if len(matrix.columns) <= PACK_MAX_POSITION_COLUMNS:
        return matrix
    return build_matrix(ctx.org, ctx.graph, ctx.findings, lang=ctx.lang, by="unit")


def render_chart(
    ctx: BuildContext, suffix: str, out: Path, charts: Formats[ChartWriter]
) -> str | None:
    """Draw one chart with the writer of `suffix`; None when done, else why it is not there."""
    found = charts.get_suffix(suffix)
    if found is None:
        return f"no chart writer for {suffix}"
    writer = found.writer()
    paginate = suffix == ".pdf" and len(ctx.org.positions) > PAGINATE_PDF_ABOVE
    options = ChartOptions(lang=ctx.lang, paginate=paginate, theme=ctx.theme)
    try:
        writer(ctx.org, ctx.graph, list(ctx.findings), options, out)
    except Exception as exc:  # a third-party failure (e.g. Graphviz) must not sink the pack
        return f"{type(exc).__name__}: {exc}"
    if not out.is_file():
        return "the chart writer wrote nothing"
    return None


def word_cards(ctx: BuildContext, folder: Path) -> Part:
    """The Word role cards, one per position and the combined one, into `folder`."""
    h = i18n.headings(ctx.lang)
    path, heading = f"{folder.name}/{COMBINED_DOCX}", f"{h['role_cards']} (Word)"
    if len(ctx.org.positions) > PACK_MAX_WORD_CARDS:
        why = (
            f"more than {PACK_MAX_WORD_CARDS} positions; "
            "`orgdesign roles FILE -o DIR --format docx` writes them"
        )
        return Part(path, heading, False, why)
    word = ROLES.named("docx").writer()
    write_documents(folder, word(ctx.org, ctx.graph, DocumentOptions(ctx.lang, ctx.theme)))
    return Part(path, heading)


class Steps:
    """Counts the steps of the build and reports each to `progress`."""

    def __init__(self, progress: ProgressFn | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def __call__(self, label: str) -> None:
        if self.progress is not None:
            self.progress(label, self.done, self.total)
        self.done += 1

    def finish(self) -> None:
        if self.progress is not None:
            self.progress("done", self.total, self.total)


def chart_parts(
    ctx: BuildContext, folder: Path, charts: Formats[ChartWriter], tick: Steps
) -> list[Part]:
    """The pack's charts, each made or left out with the reason."""
    h = i18n.headings(ctx.lang)
    parts = []
    for name, suffix, heading in CHART_PARTS:
        tick(name)
        why = render_chart(ctx, suffix, folder / name, charts)
        parts.append(Part(name, f"{h[heading]} ({suffix[1:].upper()})", why is None, why))
    return parts


def table_and_card_parts(ctx: BuildContext, folder: Path, tick: Steps) -> list[Part]:
    """The RACI matrix (HTML and Excel) and the role cards (HTML and Word)."""
    h = i18n.headings(ctx.lang)
    matrix = pack_matrix(ctx)
    by_unit = f", {h['grouped_by_unit']}" if matrix.by == "unit" else ""
    for name in ("html", "xlsx"):
        tick(f"raci.{name}")
        (folder / f"raci.{name}").write_bytes(
            RACI.named(name).writer()(matrix, TableOptions(ctx.theme))
        )
    tick("roles/")
    (folder / "roles").mkdir()
    pages = ROLES.named("html").writer()
    write_documents(
        folder / "roles",
        pages(ctx.org, ctx.graph, DocumentOptions(ctx.lang, ctx.theme, "../index.html")),
    )
    tick("roles/role-cards.docx")
    return [
        Part("raci.html", f"{h['raci_matrix']} (HTML{by_unit})"),
        Part("raci.xlsx", f"{h['raci_matrix']} (Excel{by_unit})"),
        Part("roles/index.html", h["role_cards"]),
        word_cards(ctx, folder / "roles"),
    ]


def build_pack(
    org: Org,
    graph: OrgGraph,
    findings: Sequence[Finding],
    out: Path,
    *,
    lang: str | None = None,
    progress: ProgressFn | None = None,
    charts: Formats[ChartWriter] | None = None,
    extra: Callable[[Path], list[Part]] | None = None,
    theme: Theme = DEFAULT_THEME,
    complete: bool = False,
) -> list[Part]:
    """Write the whole deliverable into the folder `out` (whole or not at all); list its parts.

    `charts` are the chart writers the pack draws with (None: the registry's). `extra` writes more
    parts into the pack's folder before the index (a scenario's before and after charts, see
    `documents.scenario`). With `complete`, a part that cannot be made raises
    `PackIncomplete` and nothing is written (what `orgdesign build` does); without, the
    index says why the part is left out.
    """
    ctx = BuildContext(org, graph, findings, lang, theme)
    tick = Steps(progress, 5 + len(CHART_PARTS) + 1 + (extra is not None))
    with document_dir(out, "build") as tmp:
        tick("validation.html")
        (tmp / "validation.html").write_text(validation_report(ctx), encoding="utf-8")
        parts = [Part("validation.html", i18n.headings(lang)["validation_report"])]
        parts += chart_parts(ctx, tmp, CHARTS if charts is None else charts, tick)
        if complete and any(not part.ok for part in parts):
            raise PackIncomplete([part for part in parts if not part.ok])
        parts += table_and_card_parts(ctx, tmp, tick)
        if extra is not None:
            tick("scenario")
            parts.extend(extra(tmp))
        tick("index.html")
        (tmp / "index.html").write_text(index_page(ctx, parts), encoding="utf-8")
        tick.finish()
    return parts
