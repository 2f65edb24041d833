"""The built-in responsibility catalogues as rows: what `orgdesign catalog` lists.

This module owns reading a built-in catalogue (`builtin:NAME`) and flattening
it into one row per responsibility with its area, stage, duty dimension,
`required` flag and KPIs, in English or Chinese. Writing the rows (text,
Markdown, JSON) is `orgdesign.output.documents.catalog`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdesign.assemble.project import FileCache, builtin_catalogs, validate_file
from orgdesign.i18n import dimension_name, kpi_name, stage_name
from orgdesign.model import CatalogInfo, Responsibility


class CatalogError(Exception):
    """The catalogue asked for is not built in (or cannot be read)."""


@dataclass(frozen=True)
class CatalogRow:
    """One responsibility of a catalogue, names in the language asked for."""

    id: str
    name: str
    area: str
    area_name: str
    stage: str | None
    stage_name: str | None
    dimension: str | None
    dimension_name: str | None
    required: bool
    kpis: tuple[str, ...]
    kpi_names: tuple[str, ...]


@dataclass(frozen=True)
class CatalogListing:
    """A built-in catalogue: `builtin:<id>`, its name and its rows in catalogue order."""

    id: str
    name: str
    rows: tuple[CatalogRow, ...]


def _row(item: Responsibility, area: Responsibility, lang: str | None) -> CatalogRow:
    return CatalogRow(
        id=item.id,
        name=item.label(lang),
        area=area.id,
        area_name=area.label(lang),
        stage=item.stage,
        stage_name=stage_name(item.stage, lang) if item.stage else None,
        dimension=item.dimension,
        dimension_name=dimension_name(item.dimension, lang) if item.dimension else None,
        required=item.required,
        kpis=tuple(item.kpis),
        kpi_names=tuple(kpi_name(k, lang) for k in item.kpis),
    )


def builtin_listing(name: str = "marketing", lang: str | None = None) -> CatalogListing:
    """Every responsibility of `builtin:name` below its area (raises CatalogError)."""
    if name not in builtin_catalogs():
        known = ", ".join(builtin_catalogs())
        raise CatalogError(f"no built-in catalogue {name!r}; built in: {known}")
    result = FileCache().load_builtin(name)
    if result is None or not result.ok:
        raise CatalogError(f"the built-in catalogue {name!r} cannot be read")
    content = validate_file(result.data, result.file, root=False)
    info: CatalogInfo | None = content.catalog
    rows: list[CatalogRow] = []
    for top in content.sections.get("responsibilities", []):
        for item, _parent in top.walk():
            if item is not top and not item.children:
                rows.append(_row(item, top, lang))
    label = info.label(lang) if info else name
    return CatalogListing(id=name, name=label, rows=tuple(rows))
