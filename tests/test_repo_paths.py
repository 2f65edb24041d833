"""SARIF, GitHub annotations and JUnit name files from the repository root, whatever the cwd."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from orgdesign.cli.app import app

runner = CliRunner()
DATA = Path(__file__).parent / "data"
ORG = """orgdesign: 1
organization: {id: t, name: T}
positions:
  - {id: ceo, title: CEO}
  - {id: cfo, title: CFO, reports_to: nobody}
  - {id: cmo, title: CMO, reports_to: ghost}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree with the org in `orgs/team/u.yaml`; the cwd is `orgs/`."""
    (tmp_path / ".git").mkdir()
    team = tmp_path / "orgs" / "team"
    team.mkdir(parents=True)
    (team / "u.yaml").write_text(ORG, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "orgs")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path


def run(*args: str) -> str:
    result = runner.invoke(app, ["validate", "team/u.yaml", "--no-cache", *args])
    assert result.exit_code == 1, result.output
    return result.stdout


def sarif_results(*args: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    log = json.loads(run("--format", "sarif", *args))
    return log, log["runs"][0]["results"]


def test_sarif_from_a_sub_folder_validates_and_names_files_from_the_root(repo: Path) -> None:
    log, results = sarif_results()
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"orgs/team/u.yaml"}
    sarif_run = log["runs"][0]
    assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    assert sarif_run["automationDetails"]["id"] == "orgdesign/"


def test_partial_fingerprints_are_stable_when_lines_move(repo: Path) -> None:
    _, before = sarif_results()
    org = repo / "orgs" / "team" / "u.yaml"
    org.write_text("# a comment\n\n" + ORG, encoding="utf-8")
    _, after = sarif_results()

    def by_print(results: list[dict[str, Any]]) -> dict[str, tuple[str, int]]:
        return {
            r["partialFingerprints"]["orgdesignElement/v1"]: (
                r["ruleId"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in results
        }

    old, new = by_print(before), by_print(after)
    assert len(old) == len(before) >= 2, "one fingerprint per finding"
    assert old.keys() == new.keys()
    assert all(new[k][1] == old[k][1] + 2 for k in old), "same alerts, two lines lower"


def test_base_dir_overrides_the_git_root(repo: Path) -> None:
    _, results = sarif_results("--base-dir", str(repo / "orgs"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"team/u.yaml"}


def test_github_annotations_and_junit_name_files_from_the_root(repo: Path) -> None:
    lines = [line for line in run("--format", "github").splitlines() if line.startswith("::")]
    assert lines and all("file=orgs/team/u.yaml," in line for line in lines)
    suites = ET.fromstring(run("--format", "junit"))
    names = {case.get("name") for case in suites.iter("testcase")}
    assert names == {"orgs/team/u.yaml"}
    failures = [f.text or "" for f in suites.iter("failure")]
    assert failures and all(text.startswith("orgs/team/u.yaml:") for text in failures)


def test_text_output_keeps_the_names_as_given(repo: Path) -> None:
    out = run("--format", "text")
    assert out.startswith("team/u.yaml:")


def test_outside_a_repository_paths_are_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain" / "orgs"
    (folder / "team").mkdir(parents=True)
    (folder / "team" / "u.yaml").write_text(ORG, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setattr("orgdesign.output.findings.paths.find_repo_root", lambda start=None: None)
    _, results = sarif_results()
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"team/u.yaml"}


def test_a_file_outside_the_base_gets_a_file_uri(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # not under the repository
    (elsewhere / "x.yaml").write_text(ORG, encoding="utf-8")
    result = runner.invoke(
        app,
        ["validate", str(elsewhere / "x.yaml"), "--no-cache", "--format", "sarif"],
        catch_exceptions=False,
    )
    log = json.loads(result.stdout)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    locations = {
        json.dumps(r["locations"][0]["physicalLocation"]["artifactLocation"], sort_keys=True)
        for r in log["runs"][0]["results"]
    }
    assert locations == {json.dumps({"uri": (elsewhere / "x.yaml").as_uri()})}
