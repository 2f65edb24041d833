"""The whole deliverable of `orgdesign build`: one folder HR and consultants can hand around.

This module owns the pack: a validation report (`validation.html`), the org
chart (`chart.svg`, `chart.pdf`) and the interactive explorer
(`explorer.html`) through the chart renderers of `render.CHART_RENDERERS`, the
RACI matrix (`raci.html`, `raci.xlsx` set up for printing), the role cards
(`roles/`: HTML, and Word up to `PACK_MAX_WORD_CARDS` positions) and an
`index.html` linking them all.

Chart renderers are optional: a suffix with no registry entry, a module that
cannot be imported or a renderer that fails (e.g. Graphviz missing) leaves
that part out, and the index says why. Everything else must succeed: the pack
is built in a temporary folder and renamed into place only at the end, so a
failed build leaves nothing half-made (see `render.roles.document_dir`); files
inside that folder are written directly. Above `PACK_MAX_POSITION_COLUMNS`
positions in the RACI, the pack's matrix has one column per unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orgdesign import i18n
from orgdesign.assemble.graph import OrgGraph
from orgdesign.findings import Finding, Severity
from orgdesign.load.theme import DEFAULT_THEME, Theme
from orgdesign.model import Org
from orgdesign.output import CHART_RENDERERS, ChartOptions, load, templating
from orgdesign.output.documents.roles import (
    COMBINED_DOCX,
    document_dir,
    docx_documents,
    org_title,
    role_documents,
)
from orgdesign.output.tables.raci import RaciMatrix, build_matrix, to_html, to_xlsx

ProgressFn = Callable[[str, int, int], None]
"""Called before each step with (what is being made, steps done, steps in all)."""

CHART_PARTS: tuple[tuple[str, str, str], ...] = (
    ("chart.svg", ".svg", "org_chart"),
    ("chart.pdf", ".pdf", "org_chart"),
    ("explorer.html", ".html", "explorer"),
    ("deck.pptx", ".pptx", "slide_deck"),
)
"""(file in the pack, renderer suffix, heading key) of the optional chart parts."""


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
    heading: str
    ok: bool = True
    note: str | None = None


@dataclass(frozen=True)
class BuildContext:
    """What every step of the build reads."""

    org: Org
    graph: OrgGraph
    findings: Sequence[Finding]
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
    ctx: BuildContext, suffix: str, out: Path, registry: Mapping[str, str]
) -> str | None:
    """Draw one chart through the registry; None when done, else why it is not there."""
    target = registry.get(suffix)
    if target is None:
        return f"no chart renderer for {suffix} yet"
    try:
        renderer = load(target)
    except (ImportError, AttributeError) as exc:
        return f"renderer {target} is not available ({exc})"
    paginate = suffix == ".pdf" and len(ctx.org.positions) > PAGINATE_PDF_ABOVE
    options = ChartOptions(lang=ctx.lang, paginate=paginate, theme=ctx.theme)
    try:
        renderer(ctx.org, ctx.graph, list(ctx.findings), options, out)
    except Exception as exc:  # a third-party failure (e.g. Graphviz) must not sink the pack
        return f"{type(exc).__name__}: {exc}"
    if not out.is_file():
        return "the renderer wrote nothing"
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
    for name, blob in docx_documents(ctx.org, ctx.graph, ctx.lang, ctx.theme).items():
        (folder / name).write_bytes(blob)
    return Part(path, heading)


def build_pack(
    org: Org,
    graph: OrgGraph,
    findings: Sequence[Finding],
    out: Path,
    *,
    lang: str | None = None,
    progress: ProgressFn | None = None,
    registry: Mapping[str, str] | None = None,
    extra: Callable[[Path], list[Part]] | None = None,
    theme: Theme = DEFAULT_THEME,
    complete: bool = False,
) -> list[Part]:
    """Write the whole deliverable into the folder `out` (whole or not at all); list its parts.

    `extra` writes more parts into the pack's folder before the index (a scenario's before
    and after charts, see `render.scenario`). With `complete`, a part that cannot be made
    raises `PackIncomplete` and nothing is written (what `orgdesign build` does); without,
    the index says why the part is left out.
    """
    ctx = BuildContext(org, graph, findings, lang, theme)
    h = i18n.headings(lang)
    charts = CHART_RENDERERS if registry is None else registry
    total = 5 + len(CHART_PARTS) + 1 + (extra is not None)
    step = 0

    def tick(label: str) -> None:
        nonlocal step
        if progress is not None:
            progress(label, step, total)
        step += 1

    parts: list[Part] = []
    with document_dir(out, "build") as tmp:
        tick("validation.html")
        (tmp / "validation.html").write_text(validation_report(ctx), encoding="utf-8")
        parts.append(Part("validation.html", h["validation_report"]))
        for name, suffix, heading in CHART_PARTS:
            tick(name)
            why = render_chart(ctx, suffix, tmp / name, charts)
            parts.append(Part(name, f"{h[heading]} ({suffix[1:].upper()})", why is None, why))
        if complete and any(not part.ok for part in parts):
            raise PackIncomplete([part for part in parts if not part.ok])
        matrix = pack_matrix(ctx)
        by_unit = f", {h['grouped_by_unit']}" if matrix.by == "unit" else ""
        tick("raci.html")
        (tmp / "raci.html").write_text(to_html(matrix, theme), encoding="utf-8")
        parts.append(Part("raci.html", f"{h['raci_matrix']} (HTML{by_unit})"))
        tick("raci.xlsx")
        (tmp / "raci.xlsx").write_bytes(to_xlsx(matrix, theme))
        parts.append(Part("raci.xlsx", f"{h['raci_matrix']} (Excel{by_unit})"))
        tick("roles/")
        (tmp / "roles").mkdir()
        cards = role_documents(org, graph, "html", lang, "../index.html", theme)
        for name, text in cards.items():
            (tmp / "roles" / name).write_text(text, encoding="utf-8")
        parts.append(Part("roles/index.html", h["role_cards"]))
        tick("roles/role-cards.docx")
        parts.append(word_cards(ctx, tmp / "roles"))
        if extra is not None:
            tick("scenario")
            parts.extend(extra(tmp))
        tick("index.html")
        (tmp / "index.html").write_text(index_page(ctx, parts), encoding="utf-8")
        if progress is not None:
            progress("done", total, total)
    return parts
