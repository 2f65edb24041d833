#!/usr/bin/env python3
"""The scripts of the orgdesign GitHub Action (`action.yml`).

    python action/orgdesign_action.py validate   # SARIF file + annotations, exit code as output
    python action/orgdesign_action.py summary    # on a pull request: `diff --format md` per org

Everything comes from the environment, as GitHub Actions passes it (inputs are
given to the steps as `INPUT_*` variables by `action.yml`, never pasted into a
shell command, so a file name cannot inject one):

- `INPUT_FILES` org files, folders or globs, separated by spaces or new lines;
- `INPUT_FAIL_ON`, `INPUT_CONFIG`, `INPUT_SARIF_FILE`;
- `GITHUB_WORKSPACE` (the repository root, the base of every reported path),
  `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, `RUNNER_TEMP`;
- `BASE_SHA` for `summary`: the commit the pull request is compared with.

`validate` never fails the step itself: it writes `exit-code` so that the SARIF
upload runs first and the last step of the action fails the job.
`summary` finds the root org files among `INPUT_FILES`, keeps those whose own
file or any included file changed since `BASE_SHA`, and appends the output of
`orgdesign diff BASE NEW --format md` for each to the job summary, with a chart
of the changes (`--chart`) written to a folder named in the `charts` output,
which the action uploads as an artifact.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


def _files() -> list[str]:
    return shlex.split(_env("INPUT_FILES", ".")) or ["."]


def _orgdesign() -> list[str]:
    """The orgdesign command of the interpreter running this script."""
    exe = Path(sys.executable).parent / "orgdesign"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orgdesign"]


def _set_output(name: str, value: str) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{name}={value}\n")


def _summary(text: str) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


def validate() -> int:
    workspace = _env("GITHUB_WORKSPACE", os.getcwd())
    sarif = _env("INPUT_SARIF_FILE", "orgdesign.sarif")
    common = ["--fail-on", _env("INPUT_FAIL_ON", "error"), "--base-dir", workspace]
    if _env("INPUT_CONFIG"):
        common += ["--config", _env("INPUT_CONFIG")]
    files = _files()
    code = subprocess.run(
        [*_orgdesign(), "validate", *files, "--format", "sarif", "-o", sarif, *common],
        check=False,
    ).returncode
    # Annotations on the pull request; the second run reads the per-file cache.
    subprocess.run([*_orgdesign(), "validate", *files, "--format", "github", *common], check=False)
    _set_output("exit-code", str(code))
    _set_output("sarif-file", sarif if Path(sarif).is_file() else "")
    return 0


def _git(*args: str, cwd: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def _roots_and_files(files: list[str], top: Path) -> dict[Path, set[Path]]:
    """Each root org file among `files` with every file it reads (relative to `top`)."""
    from orgdesign import api
    from orgdesign.assemble.project import FileCache, assemble

    cache = FileCache()
    assemblies = [(d, assemble(p, d, cache)) for p, d in api.expand_paths(files)]
    out: dict[Path, set[Path]] = {}
    for _display, assembly in api.checked_roots(assemblies):
        if not assembly.loaded or assembly.is_catalog:
            continue
        paths = {Path(assembly.path), *(Path(p) for p in assembly.included)}
        rel = {p.resolve().relative_to(top) for p in paths if p.resolve().is_relative_to(top)}
        out[Path(assembly.path).resolve().relative_to(top)] = rel
    return out


def _base_tree(base: str, top: str) -> Path:
    """A checkout of the base commit in a temporary folder (fetched if the clone is shallow)."""
    if subprocess.run(["git", "cat-file", "-e", f"{base}^{{commit}}"], cwd=top).returncode:
        _git("fetch", "--no-tags", "--depth=1", "origin", base, cwd=top)
    temp = Path(_env("RUNNER_TEMP") or tempfile.gettempdir())
    temp.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="orgdesign-base-", dir=temp))
    _git("worktree", "add", "--detach", str(folder / "tree"), base, cwd=top)
    return folder / "tree"


def _diff_section(root: Path, before: Path, after: Path, charts: Path) -> str:
    heading = f"### `{root.as_posix()}`\n\n"
    if not before.is_file():
        return heading + "A new organisation (not in the base branch).\n\n"
    chart = charts / (root.as_posix().replace("/", "__").rsplit(".", 1)[0] + ".svg")
    command = [*_orgdesign(), "diff", str(before), str(after), "--format", "md"]
    done = subprocess.run([*command, "--chart", str(chart)], capture_output=True, text=True)
    if done.returncode not in (0, 1) or not done.stdout:  # the chart needs Graphviz: try without
        done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1) or not done.stdout:
        message = (done.stderr or "orgdesign diff failed").strip()
        return heading + f"orgdesign diff could not compare the two versions: {message}\n\n"
    # Its headings go below this file's heading (`## Organisation changes` -> `####`).
    body = "\n".join(
        "##" + line if line.startswith("#") else line for line in done.stdout.split("\n")
    )
    text = heading + body.rstrip("\n") + "\n\n"
    if chart.is_file():
        text += f"Chart of the changes: `{chart.name}` in the `orgdesign-diff` artifact.\n\n"
    return text


def summary() -> int:
    base = _env("BASE_SHA")
    if not base:
        print("orgdesign: no BASE_SHA (not a pull request?): no summary", file=sys.stderr)
        return 0
    top = Path(_git("rev-parse", "--show-toplevel", cwd=os.getcwd()).strip()).resolve()
    roots = _roots_and_files(_files(), top)
    tree = _base_tree(base, str(top))
    changed = {Path(p) for p in _git("diff", "--name-only", base, "HEAD", cwd=str(top)).split()}
    charts = Path(_env("RUNNER_TEMP") or tempfile.gettempdir()) / "orgdesign-diff"
    charts.mkdir(parents=True, exist_ok=True)
    parts = ["## orgdesign: organisation changes\n\n"]
    try:
        for root, files in sorted(roots.items()):
            if files & changed:
                parts.append(_diff_section(root, tree / root, top / root, charts))
    finally:
        _git("worktree", "remove", "--force", str(tree), cwd=str(top))
        shutil.rmtree(tree.parent, ignore_errors=True)
    if len(parts) == 1:
        parts.append("No org file changed in this pull request.\n")
    _summary("".join(parts))
    _set_output("charts", str(charts) if any(charts.iterdir()) else "")
    return 0


def main(argv: list[str]) -> int:
    commands = {"validate": validate, "summary": summary}
    if len(argv) != 1 or argv[0] not in commands:
        print(f"usage: {Path(__file__).name} validate|summary", file=sys.stderr)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
