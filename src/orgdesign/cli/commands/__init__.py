"""The commands of `orgdesign`, one module per area, imported only when one runs.

Each module has `register(app)`, which adds its typer commands to an app; like
`orgdesign.cli.app`, a command only parses options, calls the library and
prints. `COMMANDS` names every command with its module and its one-line help:
`orgdesign --help` lists them from this table alone, and running a command
imports its module only (a one-file `validate` in a pre-commit hook must not pay
for charts, HR imports and scenarios). `tests/test_cli_lazy.py` checks the table
against the real commands. A new command is one module and one line here.
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup


class Entry(NamedTuple):
    module: str
    """The module under `orgdesign.cli.commands` whose `register` adds the command."""
    help: str
    """The first paragraph of the command's help, as `orgdesign --help` lists it."""


COMMANDS: dict[str, Entry] = {
    "validate": Entry("check", "Check org files against the rules and print the findings."),
    "rules": Entry(
        "check", "List every rule with its id, severity (as configured) and what it checks."
    ),
    "explain": Entry("check", "Print a rule's documentation (the same text as docs/rules.md)."),
    "schema": Entry(
        "check",
        "Print the JSON Schema of the org file format (for editors and other validators).",
    ),
    "chart": Entry("chart", "Draw the organisation chart."),
    "raci": Entry(
        "output",
        "RACI matrix: responsibilities by area against positions, with gaps and rule breaks "
        "marked.",
    ),
    "roles": Entry(
        "output",
        "Role cards: one page per position (reporting lines, duties, KPIs, projects).",
    ),
    "build": Entry(
        "output",
        "The whole deliverable: validation report, charts, RACI, role cards and an index.html.",
    ),
    "recommend": Entry(
        "domain", "Recommend an organisation archetype from a business profile, with the reasons."
    ),
    "new": Entry(
        "domain",
        "Write a commented starting org file for one of the four archetypes; it validates clean.",
    ),
    "catalog": Entry(
        "domain",
        "List every responsibility id of a built-in catalogue: name, area, stage, required, KPIs.",
    ),
    "stats": Entry(
        "analysis",
        "Headcount, seats, vacancies, cost, layers, span of control, RACI load, archetype.",
    ),
    "diff": Entry(
        "analysis",
        "What changed between two versions: positions, lines, holders, cost, RACI, findings.",
    ),
    "import": Entry(
        "hrdata",
        "Build an org file from an HR export or a directory (Backstage, SCIM, LDIF).",
    ),
    "export": Entry(
        "hrdata",
        "Write an org file as an HR table (one row per person) or a directory format.",
    ),
    "suggest": Entry(
        "scenario",
        "Propose moves (new leads with --allow-new) that bring spans and layers within the "
        "targets.",
    ),
    "scenario": Entry(
        "scenario", "Scenario files: alternative organisations written as changes to a base."
    ),
}


def load_module_commands(module: str) -> dict[str, Any]:
    """The click commands `module` registers, built as typer builds them for the app."""
    sub = typer.Typer(rich_markup_mode="rich")
    importlib.import_module(f"orgdesign.cli.commands.{module}").register(sub)
    return dict(typer.main.get_group(sub).commands)


class LazyGroup(TyperGroup):
    """The `orgdesign` group: a command's module is imported when that command runs.

    While the group's own help is written, a command not yet loaded is shown by a stand-in
    that carries the name and the help line of `COMMANDS`.
    """

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        if self._listing:
            return TyperCommand(cmd_name, help=entry.help)
        for name, command in load_module_commands(entry.module).items():
            self.commands.setdefault(name, command)
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False
