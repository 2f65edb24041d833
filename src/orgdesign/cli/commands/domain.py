"""Domain commands: `recommend` (archetype from a business profile) and `new` (a starting file).

Each command parses its options, calls `orgdesign.analysis.recommend` or
`orgdesign.domain.archetypes` and prints or writes (through `orgdesign.load.fsio`).
Exit codes: 0 success, 1 an org file that cannot be read, 2 wrong usage (no
profile, unknown language, an output file that exists without `--force`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError

from orgdesign.analysis.profiling import infer_profile
from orgdesign.analysis.recommend import (
    LANGUAGES,
    Recommendation,
    compare,
    merge_profile,
    recommend,
    report_language,
    structure_reading,
)
from orgdesign.cli.commands.choices import choice_of, format_choice, format_help, literal_choice
from orgdesign.cli.commands.common import (
    ConfigOption,
    LangOption,
    Loaded,
    fail,
    load_or_exit,
)
from orgdesign.domain.archetypes import STARTER_LANGUAGES, starter_language, starting_file
from orgdesign.findings import terminal_safe
from orgdesign.load.fsio import write_text_atomic
from orgdesign.model import ARCHETYPES, Level, Profile
from orgdesign.output.registry import CATALOG, RECOMMEND

PROFILE = Profile.model_fields

if TYPE_CHECKING:
    RecommendFormat = str
    LevelChoice = str
    SimilarityChoice = str
    BudgetChoice = str
    ArchetypeChoice = str
else:
    RecommendFormat = format_choice(RECOMMEND)
    """`recommend --format`: one per recommendation format of the registry."""
    LevelChoice = literal_choice("LevelChoice", Level)
    SimilarityChoice = literal_choice("SimilarityChoice", PROFILE["unit_similarity"].annotation)
    BudgetChoice = literal_choice("BudgetChoice", PROFILE["budget"].annotation)
    ArchetypeChoice = choice_of("ArchetypeChoice", ARCHETYPES)


PROFILE_PANEL = "Business profile (overrides organization.profile of FILE)"


def _value(choice: str | None) -> str | None:
    return str(choice) if choice is not None else None


def _count_option(help: str) -> Any:
    return typer.Option(min=1, help=help, rich_help_panel=PROFILE_PANEL)


def _profile_option(help: str) -> Any:
    return typer.Option(help=help, rich_help_panel=PROFILE_PANEL)


ProfileFileArg = Annotated[
    Path | None,
    typer.Argument(
        help="Org file whose `organization.profile` is the input; also compared with the "
        "recommendation.",
        dir_okay=False,
        show_default=False,
    ),
]
RecommendLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the text and of the JSON strings: en (default) or zh "
        "(zh-CN, zh_Hans, ... too); JSON keys and ids stay English.",
    ),
]
TeamSizeOption = Annotated[
    int | None,
    _count_option("People in marketing (default: FILE's marketing seats); scales the advice."),
]


def recommend_command(
    file: ProfileFileArg = None,
    categories: Annotated[int | None, _count_option("Number of product categories.")] = None,
    regions: Annotated[int | None, _count_option("Number of regional markets.")] = None,
    segments: Annotated[int | None, _count_option("Number of customer segments.")] = None,
    digital_maturity: Annotated[LevelChoice | None, _profile_option("Digital maturity.")] = None,
    third_party_reliance: Annotated[
        LevelChoice | None, _profile_option("Reliance on agencies and other third parties.")
    ] = None,
    unit_similarity: Annotated[
        SimilarityChoice | None, _profile_option("Whether the business units sell similar things.")
    ] = None,
    budget: Annotated[BudgetChoice | None, _profile_option("Marketing budget.")] = None,
    format: Annotated[
        RecommendFormat, typer.Option("--format", "-f", help=format_help(RECOMMEND))
    ] = "text",
    lang: RecommendLangOption = None,
    team_size: TeamSizeOption = None,
    config: ConfigOption = None,
) -> None:
    """Recommend an organisation archetype from a business profile, with the reasons.

    The profile comes from FILE's `organization.profile`, the options, or both
    (options win). Given FILE, also says what its structure would need to change.
    """
    language = report_language(lang)
    if language is None:
        raise fail(f"unknown language {lang!r} for recommend; available: {', '.join(LANGUAGES)}")
    overrides: dict[str, Any] = {
        "categories": categories,
        "regions": regions,
        "customer_segments": segments,
        "digital_maturity": _value(digital_maturity),
        "third_party_reliance": _value(third_party_reliance),
        "unit_similarity": _value(unit_similarity),
        "budget": _value(budget),
    }
    loaded = load_or_exit(file, config) if file is not None else None
    if loaded is None and all(value is None for value in overrides.values()):
        raise fail(
            "no business profile: no FILE given; pass an org file, or options such as "
            "--categories 3 --regions 2 --unit-similarity similar (see --help)"
        )
    rec = _recommendation(loaded, overrides, language, team_size)
    comparison = compare(loaded.org, loaded.graph, rec) if loaded is not None else None
    text = RECOMMEND.named(format).writer()((rec, comparison), language)
    sys.stdout.write(terminal_safe(text))


def _recommendation(
    loaded: Loaded | None, overrides: dict[str, Any], language: str, team_size: int | None
) -> Recommendation:
    """The recommendation for FILE's profile (or the one inferred from its structure) with
    the options' values over it."""
    org = loaded.org if loaded is not None else None
    base = org.organization.profile if org is not None and org.organization else None
    reading = structure_reading(loaded.org, loaded.graph) if loaded is not None else None
    inferred: list[str] = []
    if base is None and reading is not None:
        base, inferred = infer_profile(reading, language)
        inferred = [line for line in inferred if _not_overridden(line, overrides)]
    try:
        profile = merge_profile(base, overrides)
    except ValidationError as exc:  # pragma: no cover - the options are typed
        raise fail(f"invalid business profile: {exc}") from exc
    size = team_size if team_size is not None else reading.team_size if reading else None
    return recommend(profile, language, team_size=size, reading=reading, inferred=inferred)


INFERRED_KEYS = {"categories": "categories", "regions": "regions", "digital_maturity": "digital"}


def _not_overridden(line: str, overrides: dict[str, Any]) -> bool:
    """An inferred-field sentence stays unless an option replaced that field."""
    for key, value in overrides.items():
        if value is not None and key in INFERRED_KEYS and INFERRED_KEYS[key] in line.lower():
            return False
    return True


def new_command(
    archetype: Annotated[
        ArchetypeChoice,
        typer.Option(
            "--archetype", "-a", help="Archetype of the starting file.", show_default=False
        ),
    ],
    lang: LangOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of the terminal.", dir_okay=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
) -> None:
    """Write a commented starting org file for one of the four archetypes; it validates clean."""

    chosen = starter_language(lang)
    if chosen is None:
        raise fail(
            f"no starting file in language {lang!r}; available: {', '.join(STARTER_LANGUAGES)}"
        )
    text = starting_file(archetype, chosen)
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and not force:
        raise fail(f"{output} exists; choose another name or pass --force to overwrite it")
    try:
        write_text_atomic(output, text)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from exc
    sys.stderr.write(f"wrote {output} ({archetype}, {chosen}); next: orgdesign validate {output}\n")


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
    app.command("recommend")(recommend_command)
    app.command("new")(new_command)
    app.command("catalog")(catalog_command)


if TYPE_CHECKING:
    CatalogFormat = str
else:
    CatalogFormat = format_choice(CATALOG)
    """`catalog --format`: one per catalogue listing format of the registry."""


def catalog_command(
    name: Annotated[
        str, typer.Argument(help="Built-in catalogue to list (`builtin:NAME`).")
    ] = "marketing",
    lang: LangOption = None,
    output_format: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help=format_help(CATALOG))
    ] = "text",
) -> None:
    """List every responsibility id of a built-in catalogue: name, area, stage, required, KPIs."""
    from orgdesign.analysis.catalog import CatalogError, builtin_listing

    if lang is not None and report_language(lang) is None:
        raise fail(f"no catalogue listing in language {lang!r}; available: {', '.join(LANGUAGES)}")
    try:
        listing = builtin_listing(name.removeprefix("builtin:"), lang)
    except CatalogError as exc:
        raise fail(str(exc)) from exc
    sys.stdout.write(CATALOG.named(output_format).writer()(listing, lang))
