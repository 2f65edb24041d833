"""Start-up (issue 16 item 1): a command imports only its own module.

`orgdesign --help` lists the commands from `orgdesign.cli.commands.COMMANDS`;
these tests check that table against the commands the modules really register,
and, in fresh processes, that `validate`, `--version` and `--help` do not import
what other commands need.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from orgdesign.cli.app import app
from orgdesign.cli.commands import COMMANDS, load_module_commands

SAMPLE = Path(__file__).parent.parent / "sample_orgs" / "lean.yaml"
runner = CliRunner()

OTHER_COMMANDS = (
    "orgdesign.cli.commands.chart",
    "orgdesign.cli.commands.output",
    "orgdesign.cli.commands.domain",
    "orgdesign.cli.commands.analysis",
    "orgdesign.cli.commands.hrdata",
    "orgdesign.cli.commands.scenario",
    "orgdesign.output.chart",
    "orgdesign.output.chart.dot",
    "orgdesign.output.build",
    "orgdesign.output.tables",
    "orgdesign.output.documents",
    "orgdesign.analysis.hris",
    "orgdesign.analysis.diffmap",
    "orgdesign.analysis.recommend",
    "orgdesign.layout",
    "rich.table",
    "jinja2",
)


def _modules_after(*argv: str) -> tuple[int, set[str]]:
    """Run `orgdesign ARGV` in a fresh interpreter; its exit code and the modules it imported."""
    code = (
        "import json, os, sys\n"
        "def _exit(code):\n"  # the console script ends with os._exit: report instead
        "    raise SystemExit(code)\n"
        "os._exit = _exit\n"
        "from orgdesign.cli.entry import main\n"
        f"sys.argv = ['orgdesign', *{list(argv)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    rc = exc.code\n"
        "else:\n"
        "    rc = 0\n"
        "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)) + ' RC ' + str(rc))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    tail = out.stderr.rsplit("\nMODULES ", 1)[1]
    modules, rc = tail.rsplit(" RC ", 1)
    return int(rc), set(json.loads(modules))


def test_the_table_names_every_command_with_its_module_and_help() -> None:
    real: dict[str, tuple[str, str]] = {}
    for module in sorted({entry.module for entry in COMMANDS.values()}):
        for name, command in load_module_commands(module).items():
            first = inspect.cleandoc(command.help or "").split("\n\n")[0].strip()
            real[name] = (module, first)
    assert real == {name: (entry.module, entry.help) for name, entry in COMMANDS.items()}


def test_help_lists_every_command_with_its_line() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    rows = [line.strip("│ ") for line in result.output.splitlines()]
    for name, entry in COMMANDS.items():
        line = next(row for row in rows if row.startswith(name + " "))
        assert entry.help in line


def test_validate_imports_no_other_command() -> None:
    rc, modules = _modules_after("validate", str(SAMPLE), "--no-cache", "-q")
    assert rc == 0
    assert "orgdesign.cli.commands.check" in modules  # the command did run
    assert "orgdesign.lint.rules" in modules
    assert sorted(m for m in OTHER_COMMANDS if m in modules) == []


def test_version_and_help_import_no_command() -> None:
    for argv in (("--version",), ("--help",)):
        rc, modules = _modules_after(*argv)
        assert rc == 0
        loaded = [m for m in modules if m.startswith("orgdesign.cli.commands.")]
        assert loaded == [], argv
        assert "orgdesign.api" not in modules
        assert "pydantic" not in modules


def test_a_lazy_command_runs_and_an_unknown_one_is_a_usage_error() -> None:
    result = runner.invoke(app, ["explain", "ORG001"])
    assert result.exit_code == 0
    assert "ORG001" in result.output
    result = runner.invoke(app, ["valdate", str(SAMPLE)])
    assert result.exit_code == 2
