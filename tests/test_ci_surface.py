"""CI integration: SARIF, JUnit, GitHub annotations, --fail-on/--quiet/--statistics, rule docs,
JSON Schema for editors (checked with check-jsonschema) and the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from orgdesign.cli.app import app
from orgdesign.lint.docs import rule_markdown, rules_markdown
from orgdesign.lint.engine import Registry
from orgdesign.lint.rules import registry

runner = CliRunner()
REPO = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
SAMPLES = sorted((REPO / "sample_orgs").glob("*.yaml"))
HEAD = "orgdesign: 1\norganization: {id: t, name: T}\n"
GOOD = HEAD + "positions:\n  - {id: ceo, title: CEO}\n"
BAD = GOOD + "  - {id: cfo, title: 'CFO, finance: \"x\"', reports_to: nobody}\n"
WARN = GOOD + "  - {id: cmo, title: CMO, reports_to: ceo}\n  - {id: x, title: X, reports_to: cmo}\n"
GITHUB_LINE = re.compile(
    r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=[A-Z]+\d+::[^\r\n]*$"
)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    out = {}
    for name, text in (("good.yaml", GOOD), ("bad.yaml", BAD), ("warn.yaml", WARN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        out[name] = str(tmp_path / name)
    return out


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout


def test_sarif_validates_against_the_sarif_2_1_0_schema(files: dict[str, str]) -> None:
    code, out = invoke("validate", "--format", "sarif", *files.values())
    assert code == 1
    log = json.loads(out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == registry().ids()
    assert all(r["helpUri"].endswith("#" + r["id"].lower()) for r in rules)
    result = next(r for r in run["results"] if r["ruleId"] == "ORG004")
    assert result["level"] == "error"
    assert rules[result["ruleIndex"]]["id"] == "ORG004"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 55}
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["ORG106"] == "warning"


def test_junit_has_a_case_per_file_and_a_failure_per_error(files: dict[str, str]) -> None:
    _, out = invoke("validate", "--format", "junit", *files.values())
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 3 and suite.get("tests") == "3" and suite.get("failures") == "1"
    by_name = {Path(c.get("name", "")).name: c for c in cases}
    failures = by_name["bad.yaml"].findall("failure")
    assert len(failures) == 1 and failures[0].get("type") == "ORG004"
    assert not by_name["good.yaml"].findall("failure")
    assert not by_name["warn.yaml"].findall("failure")
    out_text = by_name["warn.yaml"].findtext("system-out") or ""
    assert "ORG106" in out_text


def test_github_annotations_follow_the_workflow_command_grammar(files: dict[str, str]) -> None:
    _, out = invoke("validate", "--format", "github", *files.values())
    lines = out.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations and all(GITHUB_LINE.match(line) for line in annotations), annotations
    assert any(line.startswith("::error ") and "title=ORG004" in line for line in annotations)
    assert any(line.startswith("::warning ") for line in annotations)
    assert "checked" in lines[-1]


def test_github_escaping() -> None:
    from orgdesign.output.findings.github import escape_data, escape_property

    assert escape_data("a%b\nc\r") == "a%25b%0Ac%0D"
    assert escape_property("dir,x:y") == "dir%2Cx%3Ay"


def test_auto_format_picks_github_inside_actions(files: dict[str, str]) -> None:
    _, out = invoke("validate", files["bad.yaml"], env={"GITHUB_ACTIONS": "true"})
    assert out.startswith("::error ")
    _, out = invoke("validate", files["bad.yaml"], env={"GITHUB_ACTIONS": ""})
    assert out.startswith(files["bad.yaml"] + ":5:")


def test_fail_on(files: dict[str, str]) -> None:
    assert invoke("validate", files["warn.yaml"])[0] == 0
    assert invoke("validate", "--fail-on", "warning", files["warn.yaml"])[0] == 1
    assert invoke("validate", "--fail-on", "info", files["good.yaml"])[0] == 0
    assert invoke("validate", "--fail-on", "bogus", files["good.yaml"])[0] == 2


def test_quiet_and_statistics(files: dict[str, str]) -> None:
    _, out = invoke("validate", "--quiet", files["good.yaml"])
    assert out == ""
    _, out = invoke("validate", "--statistics", *files.values())
    lines = out.splitlines()
    assert re.match(r"^\s+2\s+ORG106\s+warning\s+span-of-control$", lines[0]), lines
    assert re.match(r"^\s+1\s+ORG004\s+error\s+unknown-reference$", lines[1]), lines
    assert "3 files checked" in lines[-1]


def test_output_file(files: dict[str, str], tmp_path: Path) -> None:
    report = tmp_path / "reports" / "orgdesign.sarif"
    code, out = invoke("validate", "--format", "sarif", "-o", str(report), files["bad.yaml"])
    assert code == 1 and out == ""
    assert json.loads(report.read_text())["version"] == "2.1.0"


def test_included_files_are_not_checked_as_roots(tmp_path: Path) -> None:
    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "mkt.yaml").write_text(
        "positions:\n  - {id: cmo, title: CMO, reports_to: ceo}\n"
    )
    (tmp_path / "main.yaml").write_text(GOOD + "include: [teams/mkt.yaml]\n")
    code, out = invoke("validate", "--format", "json", str(tmp_path))
    payload = json.loads(out)
    assert code == 0 and payload["summary"]["files"] == 1, payload


def test_rule_docs_are_up_to_date() -> None:
    """docs/rules.md is generated: regenerate with `orgdesign rules --format md > docs/rules.md`."""
    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(registry())


def test_explain_prints_the_documented_text() -> None:
    reg: Registry = registry()
    for rule in reg:
        code, out = invoke("explain", rule.id)
        assert code == 0
        assert out == rule_markdown(rule, heading="#")
        assert rule.doc in (REPO / "docs" / "rules.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "orgdesign.schema.json"
    assert runner.invoke(app, ["schema", "-o", str(path)]).exit_code == 0
    return path


def check_jsonschema(schema: Path, *targets: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert exe, "check-jsonschema is a dev dependency"
    return subprocess.run(
        [exe, "--schemafile", str(schema), *map(str, targets)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_jsonschema_accepts_every_sample(schema_file: Path) -> None:
    out = check_jsonschema(schema_file, *SAMPLES)
    assert out.returncode == 0, out.stdout + out.stderr


def test_check_jsonschema_rejects_an_unknown_key(schema_file: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + "positions:\n  - {id: ceo, title: CEO, colour: blue}\n")
    out = check_jsonschema(schema_file, bad)
    assert out.returncode == 1
    assert "colour" in out.stdout + out.stderr


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "orgdesign-validate")
    assert hook["entry"].startswith("orgdesign validate")
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["args"] == ["org/"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_hook_passes_good_and_fails_bad_files(tmp_path: Path) -> None:
    """Runs the real hook from this repository with `pre-commit try-repo` in a scratch repo."""
    exe = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert exe, "pre-commit is a dev dependency"
    work = tmp_path / "orgs-repo"
    (work / "org" / "teams").mkdir(parents=True)
    git(work, "init", "-q")
    git(work, "config", "user.email", "t@example.com")
    git(work, "config", "user.name", "t")
    # a root and a fragment it includes: the fragment alone is not an org file
    (work / "org" / "good.yaml").write_text(GOOD + "include: [teams/mkt.yaml]\n")
    (work / "org" / "teams" / "mkt.yaml").write_text(
        "positions:\n  - {id: cmo, title: CMO, reports_to: ceo}\n"
    )
    git(work, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("PIP_REQUIRE_VIRTUALENV", None)

    def run_hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, "try-repo", str(REPO), "orgdesign-validate", "--all-files", "--verbose"],
            cwd=work, env=env, capture_output=True, text=True, timeout=900,
        )  # fmt: skip

    passed = run_hook()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (work / "org" / "bad.yaml").write_text(BAD)
    git(work, "add", ".")
    failed = run_hook()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "ORG004" in failed.stdout


def test_a_folder_is_walked_for_org_files_only(tmp_path: Path) -> None:
    """`validate org/` in a repository: a docker-compose file or a CI workflow beside the org
    files is not an org file with errors; anything with a key of the format is checked."""
    lean = Path(__file__).parent.parent / "sample_orgs" / "lean.yaml"
    shutil.copy(lean, tmp_path / "org.yaml")
    (tmp_path / "docker-compose.yaml").write_text("services:\n  web: {image: nginx}\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "workflow.yml").write_text("name: CI\non: push\njobs: {}\n")
    (tmp_path / "sub" / "part.yaml").write_text("positions:\n  - {id: a, title: A}\n")
    (tmp_path / "sub" / "wide.yaml").write_text("units: []\n", encoding="utf-16")
    result = runner.invoke(app, ["validate", str(tmp_path), "--format", "junit"])
    cases = ET.fromstring(result.stdout).iter("testcase")
    checked = {Path(case.attrib["name"]).name for case in cases}
    assert checked == {"org.yaml", "part.yaml", "wide.yaml"}, checked
    named = runner.invoke(app, ["validate", str(tmp_path / "docker-compose.yaml")])
    assert named.exit_code == 1, "a file named on the command line is always checked"
