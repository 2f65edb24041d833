"""The format registry: every entry loads a writer of its subject's kind, the CLI offers
exactly the registry's choices, and an unknown suffix says which ones work."""

from __future__ import annotations

import enum
import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest
from typer.testing import CliRunner

from orgdesign.cli.app import app
from orgdesign.output.formats import Format, Formats, Kind, UnknownFormat, Writers
from orgdesign.output.registry import ALL, CHARTS, EXPORTS, RACI, ROLES, of_kind

SAMPLES = Path(__file__).parent.parent / "sample_orgs"
runner = CliRunner()

ENTRIES = [(formats, f) for formats in ALL for f in formats]


def positional(fn: Any) -> list[inspect.Parameter]:
    return [
        p
        for p in inspect.signature(fn).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name != "self"
    ]


@pytest.mark.parametrize(
    ("formats", "fmt"), ENTRIES, ids=[f"{fs.subject}-{f.name}" for fs, f in ENTRIES]
)
def test_every_entry_loads_a_writer_of_its_kind(formats: Formats[Any], fmt: Format[Any]) -> None:
    writer = fmt.writer()  # a misspelt module or function fails here
    assert callable(writer)
    wanted = positional(formats.protocol.__call__)
    got = positional(writer)
    required = [p for p in got if p.default is inspect.Parameter.empty]
    # the writer takes the protocol's arguments: no fewer, and none more it insists on
    assert len(got) >= len(wanted) >= len(required), (fmt, inspect.signature(writer))
    assert isinstance(fmt.kind, Kind)
    assert all(s.startswith(".") and s == s.lower() for s in fmt.suffixes)


def test_a_wrong_entry_fails_when_loaded() -> None:
    def misspelt() -> Any:
        from orgdesign.output.chart.dot import rendr  # type: ignore[attr-defined]

        return rendr

    with pytest.raises(ImportError):
        Format("dot", (".dot",), Kind.chart, "misspelt", misspelt).writer()
    loads = Writers(lambda: {"svg": CHARTS.named("svg").writer()})
    assert loads("svg", (".svg",), Kind.chart, "drawn").writer() is CHARTS.named("svg").writer()
    with pytest.raises(KeyError):  # a format whose loader has no writer of that name
        loads("svgz", (".svgz",), Kind.chart, "misspelt").writer()


def test_names_and_suffixes_are_unique_per_subject() -> None:
    with pytest.raises(ValueError, match="twice"):
        Formats("chart", object, (CHARTS.named("svg"), CHARTS.named("svg")))


def test_lookups_by_name_suffix_and_kind() -> None:
    assert RACI.for_path(Path("Matrix.XLSX")).name == "xlsx"
    assert CHARTS.named("pptx").suffixes == (".pptx",)
    assert EXPORTS.get_suffix(".yml") is EXPORTS.named("backstage")
    assert {f.name for f in EXPORTS.of_kind(Kind.table)} == {"csv", "xlsx"}
    assert {f.name for f in of_kind(Kind.findings)} == {"text", "json", "sarif", "junit", "github"}
    with pytest.raises(UnknownFormat, match="use one of ") as raised:
        RACI.for_path(Path("m.txt"))
    assert str(raised.value).endswith(", ".join(RACI.suffixes()))
    with pytest.raises(UnknownFormat, match="unknown role card format 'pdf'; use one of: md"):
        ROLES.named("pdf")


def test_no_heavy_writer_loads_with_the_registry() -> None:
    code = (
        "import sys, orgdesign.cli.app; from orgdesign.output import registry; "
        "registry.CHARTS.named('svg').writer(); registry.RACI.named('md').writer(); "
        "print(sorted(m for m in ('pptx', 'docx', 'openpyxl', 'cairocffi', 'rdflib') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _choices(command: Callable[..., Any], option: str) -> list[str]:
    """The choices typer offers for a parameter: the members of its enum annotation."""
    hint = get_type_hints(command, include_extras=True)[option]
    enum_type = get_args(hint)[0]
    enum_type = next((t for t in get_args(enum_type) if t is not type(None)), enum_type)
    assert issubclass(enum_type, enum.Enum), hint
    return [str(member.value) for member in enum_type]


def test_cli_choices_are_the_registry() -> None:
    from orgdesign.cli.commands import analysis, domain, hrdata, output, scenario
    from orgdesign.cli.commands import check as app_module
    from orgdesign.output.registry import CATALOG, COMPARE, DIFF, FINDINGS, STATS

    assert _choices(app_module.validate, "format") == ["auto", *FINDINGS.names()]
    assert _choices(output.roles, "format") == list(ROLES.names())
    assert _choices(analysis.stats_cmd, "format") == ["table", *STATS.names()]
    assert _choices(analysis.diff_cmd, "format") == list(DIFF.names())
    assert _choices(domain.catalog_command, "output_format") == list(CATALOG.names())
    assert _choices(hrdata.export, "target") == list(EXPORTS.names())
    assert _choices(scenario.compare_cmd, "format") == list(COMPARE.names())


def test_a_choice_outside_the_registry_is_refused() -> None:
    result = runner.invoke(app, ["roles", str(SAMPLES / "lean.yaml"), "-o", "x", "-f", "pdf"])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert all(name in text for name in ROLES.names())


def test_help_lists_the_registry(tmp_path: Path) -> None:
    def flat(text: str) -> str:
        return " ".join(text.replace("│", " ").split())

    chart = flat(runner.invoke(app, ["chart", "--help"]).output)
    assert all(f"{f.suffixes[0]} ({f.description})" in chart for f in CHARTS)
    raci = flat(runner.invoke(app, ["raci", "--help"]).output)
    assert all(f"{f.suffixes[0]} ({f.description})" in raci for f in RACI)


@pytest.mark.parametrize(
    ("command", "name"), [("chart", "chart.jpg"), ("raci", "matrix.txt"), ("chart", "chart")]
)
def test_an_unknown_suffix_lists_the_valid_ones(tmp_path: Path, command: str, name: str) -> None:
    out = tmp_path / name
    result = runner.invoke(app, [command, str(SAMPLES / "lean.yaml"), "-o", str(out)])
    registry = CHARTS if command == "chart" else RACI
    assert result.exit_code == 2
    assert "cannot tell the" in result.output and "use one of" in result.output
    text = " ".join(result.output.split())
    assert all(s in text for s in registry.suffixes())
    assert not out.exists()
