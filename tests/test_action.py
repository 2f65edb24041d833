"""The GitHub Action: `action.yml` and its scripts, run locally with a fake GitHub environment."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

REPO = Path(__file__).parent.parent
SCRIPT = REPO / "action" / "orgdesign_action.py"
DATA = Path(__file__).parent / "data"
ROOT = """orgdesign: 1
organization: {id: acme, name: Acme}
include: [team/sales.yaml]
positions:
  - {id: ceo, title: CEO, holders: [Ann]}
"""
SALES = """positions:
  - {id: vp-sales, title: VP Sales, reports_to: ceo, holders: [Bo]}
"""
SALES_NEW = SALES + "  - {id: rep, title: Sales Rep, reports_to: vp-sales}\n"
BAD = (
    ROOT.replace("include: [team/sales.yaml]\n", "") + "  - {id: x, title: X, reports_to: ghost}\n"
)


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "orgs" / "team").mkdir(parents=True)
    (repo / "orgs" / "acme.yaml").write_text(ROOT, encoding="utf-8")
    (repo / "orgs" / "team" / "sales.yaml").write_text(SALES, encoding="utf-8")
    (repo / "README.md").write_text("not an org\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def run_step(
    step: str, workspace: Path, cwd: Path | None = None, **env: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run a step as GitHub would: `workspace` is the checkout, `cwd` the step's folder."""
    cwd = cwd or workspace
    out = workspace.parent / "github_output"
    full = {
        **os.environ,
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(out),
        "GITHUB_STEP_SUMMARY": str(workspace.parent / "step_summary.md"),
        "RUNNER_TEMP": str(workspace.parent / "runner_temp"),
        "XDG_CACHE_HOME": str(workspace.parent / "xdg"),
        **env,
    }
    (workspace.parent / "runner_temp").mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, str(SCRIPT), step], cwd=cwd, env=full, capture_output=True, text=True
    )
    return done, out


def outputs(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines)


def test_action_is_a_composite_that_passes_inputs_through_the_environment() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    uses = {step.get("uses", "").split("@")[0] for step in steps}
    assert {"github/codeql-action/upload-sarif", "actions/setup-python"} <= uses
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], f"expression pasted into a shell line: {step['name']}"
            for path in re.findall(r"\$ACTION_PATH/(\S+?)\"", step["run"]):
                assert (REPO / path).is_file(), path
    assert set(action["outputs"]) == {"exit-code", "sarif-file"}


def test_validate_writes_sarif_from_the_repository_root_and_annotations(workspace: Path) -> None:
    (workspace / "orgs" / "bad.yaml").write_text(BAD, encoding="utf-8")
    done, out = run_step(
        "validate", workspace, workspace / "orgs", INPUT_FILES="acme.yaml bad.yaml"
    )
    assert done.returncode == 0, done.stderr  # the last step of the action fails the job
    result = outputs(out)
    assert result["exit-code"] == "1"
    sarif = workspace / "orgs" / result["sarif-file"]
    log = json.loads(sarif.read_text(encoding="utf-8"))
    jsonschema.validate(log, json.loads((DATA / "sarif-schema-2.1.0.json").read_text()))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert "orgs/bad.yaml" in uris and uris <= {"orgs/bad.yaml", "orgs/acme.yaml"}
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    assert annotations and all("file=orgs/bad.yaml," in line for line in annotations)


def test_validate_clean_files_exit_code_zero(workspace: Path) -> None:
    done, out = run_step("validate", workspace, INPUT_FILES="orgs/acme.yaml")
    assert done.returncode == 0, done.stderr
    assert outputs(out)["exit-code"] == "0"


def test_summary_diffs_the_root_of_a_changed_included_file(workspace: Path) -> None:
    base = git(workspace, "rev-parse", "HEAD")
    (workspace / "orgs" / "team" / "sales.yaml").write_text(SALES_NEW, encoding="utf-8")
    git(workspace, "commit", "-q", "-am", "add a rep")
    done, out = run_step("summary", workspace, INPUT_FILES="orgs", BASE_SHA=base)
    assert done.returncode == 0, done.stderr
    text = (workspace.parent / "step_summary.md").read_text(encoding="utf-8")
    assert "### `orgs/acme.yaml`" in text
    assert "rep" in text and "Sales Rep" in text
    assert "team/sales.yaml`" not in text, "an included file is shown through its root"
    charts = outputs(out).get("charts", "")
    if charts:  # Graphviz present: the chart of the changes is kept for the artifact
        assert list(Path(charts).glob("*.svg"))
        assert "orgdesign-diff" in text
    assert git(workspace, "worktree", "list").count("\n") == 0, "the base checkout is removed"


def test_summary_says_when_no_org_file_changed(workspace: Path) -> None:
    base = git(workspace, "rev-parse", "HEAD")
    (workspace / "README.md").write_text("still not an org\n", encoding="utf-8")
    git(workspace, "commit", "-q", "-am", "docs")
    done, _ = run_step("summary", workspace, INPUT_FILES="orgs", BASE_SHA=base)
    assert done.returncode == 0, done.stderr
    text = (workspace.parent / "step_summary.md").read_text(encoding="utf-8")
    assert "No org file changed" in text


def test_summary_of_a_new_organisation(workspace: Path) -> None:
    base = git(workspace, "rev-parse", "HEAD")
    (workspace / "orgs" / "new.yaml").write_text(BAD, encoding="utf-8")
    git(workspace, "add", ".")
    git(workspace, "commit", "-q", "-m", "new org")
    done, _ = run_step("summary", workspace, INPUT_FILES="orgs", BASE_SHA=base)
    assert done.returncode == 0, done.stderr
    text = (workspace.parent / "step_summary.md").read_text(encoding="utf-8")
    assert "### `orgs/new.yaml`" in text and "A new organisation" in text
    assert "### `orgs/acme.yaml`" not in text, "unchanged organisations are not listed"
