"""JUnit XML: one test suite, one test case per file, one failure per error-level finding.

CI systems that show test reports (GitLab, Jenkins, Azure) then list every org
file as passed or failed. Warnings and infos are written to the test case's
`system-out` so they are visible without failing it. Files are named from the
repository root (`ReportOptions.base`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from orgdesign.findings import printable
from orgdesign.output.findings.paths import repo_path

if TYPE_CHECKING:
    from pathlib import Path

    from orgdesign.findings import Finding
    from orgdesign.lint.run import ValidationRun
    from orgdesign.output.findings import ReportOptions


def _line(f: Finding, base: Path | None) -> str:
    where = f"{printable(repo_path(f.file, base))}:{f.line}:{f.column}"
    return f"{where}: {f.severity.value} {f.rule} {f.printable()}"


def render(run: ValidationRun, options: ReportOptions) -> str:
    base = options.base
    by_file: dict[str, list[Finding]] = {repo_path(r.file, base): [] for r in run.results}
    for f in run.findings:
        by_file.setdefault(repo_path(f.file, base), []).append(f)
    suite = ET.Element("testsuite", name="orgdesign", tests=str(len(by_file)))
    failures = 0
    for file, findings in by_file.items():
        case = ET.SubElement(
            suite, "testcase", classname="orgdesign.validate", name=printable(file)
        )
        errors = [f for f in findings if f.severity.value == "error"]
        for f in errors:
            message = f"{f.rule} {f.printable()}"
            failure = ET.SubElement(case, "failure", message=message, type=f.rule)
            failure.text = _line(f, base)
        failures += bool(errors)
        others = [f for f in findings if f.severity.value != "error"]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f, base) for f in others)
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suites = ET.Element("testsuites", name="orgdesign", tests=suite.get("tests", "0"))
    suites.set("failures", str(failures))
    suites.append(suite)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
