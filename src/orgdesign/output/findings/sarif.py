"""SARIF 2.1.0: findings for code-scanning dashboards (GitHub code scanning, Azure DevOps, ...).

Every rule of the registry is listed under `tool.driver.rules` (id, name,
short and full description from the docstring, default level, help URI), and
each finding is a result with a physical location relative to the repository
root (`%SRCROOT%`, see `orgdesign.output.findings.paths`) and `partialFingerprints`
made from the rule id and the element id, so that code scanning keeps
tracking an alert when lines above it move. `automationDetails.id` names the
analysis (`orgdesign/`), so its alerts are kept apart from other tools'.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from orgdesign import __version__
from orgdesign.lint.docs import DOCS_URL, help_uri
from orgdesign.output.escape import json_document
from orgdesign.output.findings.paths import repo_path

if TYPE_CHECKING:
    from pathlib import Path

    from orgdesign.findings import Finding
    from orgdesign.lint.run import ValidationRun
    from orgdesign.output.findings import ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "orgdesignElement/v1"
"""The `partialFingerprints` key; bump the version if what is hashed ever changes."""


def _artifact(path: str, base: Path | None) -> dict[str, str]:
    """A relative URI reference for a file path (`we%ird name.yaml` -> `we%25ird%20name.yaml`).

    A file outside the base folder has no place under `%SRCROOT%`: it gets a `file:` URI.
    """
    rel = repo_path(path, base)
    if rel.startswith("/"):
        return {"uri": PurePosixPath(rel).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}


def fingerprints(findings: list[Finding], base: Path | None) -> list[str]:
    """A fingerprint per finding from what does not move with its lines.

    Rule id + element id (+ the file, since two organisations of a repository may
    share ids); a finding without an element uses its file and message instead.
    Repeats of the same key in one run are told apart by their order.
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for f in findings:
        what = f.element if f.element is not None else f"\0{f.message}"
        key = "\0".join((f.rule, repo_path(f.file, base), what))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def render(run: ValidationRun, options: ReportOptions) -> str:
    rules = list(run.registry)
    index = {rule.id: i for i, rule in enumerate(rules)}
    descriptors = [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc, "markdown": rule.doc},
            "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
            "helpUri": help_uri(rule),
            "help": {"text": rule.doc, "markdown": rule.doc},
            "properties": {"family": rule.family},
        }
        for rule in rules
    ]
    results: list[dict[str, Any]] = []
    findings = run.findings
    for f, fingerprint in zip(findings, fingerprints(findings, options.base), strict=True):
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity.value],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact(f.file, options.base),
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT: fingerprint},
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.element:
            result["properties"] = {"element": f.element}
        results.append(result)
    sarif_run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "orgdesign",
                "version": __version__,
                "informationUri": DOCS_URL,
                "rules": descriptors,
            }
        },
        "automationDetails": {"id": "orgdesign/"},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if options.base is not None:
        base_uri = options.base.as_uri().rstrip("/") + "/"
        sarif_run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": base_uri}}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]}
    return json_document(log)
