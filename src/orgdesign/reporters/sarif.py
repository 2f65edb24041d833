"""SARIF 2.1.0: findings for code-scanning dashboards (GitHub code scanning, Azure DevOps, ...).

Every rule of the registry is listed under `tool.driver.rules` (id, name,
short and full description from the docstring, default level, help URI), and
each finding is a result with a physical location relative to the working
folder (`%SRCROOT%`).
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from orgdesign import __version__
from orgdesign.ruledocs import DOCS_URL, help_uri

if TYPE_CHECKING:
    from orgdesign.api import ValidationRun
    from orgdesign.reporters import ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A relative URI reference for a file path (`we%ird name.yaml` -> `we%25ird%20name.yaml`)."""
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return quote(rel.replace(os.sep, "/"), safe="/")


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
    for f in run.findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity.value],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.file), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        if f.element:
            result["properties"] = {"element": f.element}
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "orgdesign",
                        "version": __version__,
                        "informationUri": DOCS_URL,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
