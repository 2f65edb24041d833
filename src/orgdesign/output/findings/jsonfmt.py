"""JSON findings: `{"findings": [...], "summary": {...}}` as the format spec defines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesign.output.escape import json_document

if TYPE_CHECKING:
    from orgdesign.lint.run import ValidationRun
    from orgdesign.output.findings import ReportOptions


def render(run: ValidationRun, options: ReportOptions) -> str:
    payload = {"findings": [f.as_dict() for f in run.findings], "summary": run.summary()}
    return json_document(payload)
