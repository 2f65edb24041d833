"""Writers of `orgdesign catalog`: a built-in catalogue as text, Markdown or JSON."""

from __future__ import annotations

from dataclasses import asdict

from orgdesign.analysis.catalog import CatalogListing, CatalogRow
from orgdesign.i18n import Text
from orgdesign.output.escape import json_document
from orgdesign.output.templating import md_escape


class CatalogText:
    """Fixed wording of the catalogue listing."""

    title = Text(
        "builtin:{id} — {name} ({count} responsibilities)",
        "builtin:{id} — {name}（{count} 项职责）",
    )
    use = Text(
        "Use an id in `raci:` after `catalogs: [builtin:{id}]`; * = required "
        "(every organisation must assign one A and at least one R).",
        "在 `catalogs: [builtin:{id}]` 之后于 `raci:` 中使用这些 id；* = 必需"
        "（每个组织都必须指派一个 A 和至少一个 R）。",
    )
    header = Text(
        "| id | responsibility | area | stage | required | KPIs |",
        "| id | 职责 | 领域 | 阶段 | 必需 | KPI |",
    )
    yes = Text("yes", "是")


def _stage(row: CatalogRow) -> str:
    return row.stage_name or row.dimension_name or ""


def render_text(listing: CatalogListing, lang: str | None = None) -> str:
    t = CatalogText
    lines = [t.title(lang, id=listing.id, name=listing.name, count=len(listing.rows))]
    area = None
    for row in listing.rows:
        if row.area != area:
            area = row.area
            lines += ["", f"{row.area_name} ({row.area})"]
        mark = "*" if row.required else " "
        stage = f" [{_stage(row)}]" if _stage(row) else ""
        lines.append(f"  {mark} {row.id}  {row.name}{stage}")
        if row.kpis:
            lines.append(f"      KPI: {', '.join(row.kpi_names)}")
    lines += ["", t.use(lang, id=listing.id)]
    return "\n".join(lines) + "\n"


def render_markdown(listing: CatalogListing, lang: str | None = None) -> str:
    t = CatalogText
    title = t.title(lang, id=listing.id, name=listing.name, count=len(listing.rows))
    lines = [f"# {md_escape(title)}", "", t.use(lang, id=listing.id), ""]
    lines += [t.header(lang), "|---|---|---|---|:-:|---|"]
    for row in listing.rows:
        pairs = zip(row.kpis, row.kpi_names, strict=True)
        kpis = ", ".join(f"{md_escape(n)} (`{k}`)" for k, n in pairs)
        cells = [
            f"`{row.id}`",
            md_escape(row.name),
            md_escape(row.area_name),
            md_escape(_stage(row)),
            t.yes(lang) if row.required else "",
            kpis,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_json(listing: CatalogListing) -> str:
    data = {
        "catalog": f"builtin:{listing.id}",
        "name": listing.name,
        "responsibilities": [
            {
                **{k: v for k, v in asdict(row).items() if k not in ("kpis", "kpi_names")},
                "kpis": [
                    {"id": k, "name": n} for k, n in zip(row.kpis, row.kpi_names, strict=True)
                ],
            }
            for row in listing.rows
        ],
    }
    return json_document(data)
