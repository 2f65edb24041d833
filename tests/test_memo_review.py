"""Review of the run memo (issue 16): cases where a reused run must equal a cold run.

Each test makes a run that may reuse the previous run's findings after an edit
that only touches keys in `memo.INERT` (or comments), and compares it with a run
without the disk cache: rule, severity, message, file, line, column, element.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_file
from orgdesign import api
from orgdesign.lint.run import ValidationRun
from orgdesign.load.diskcache import DiskCache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path


def run(folder: Path, cached: bool = True, root: str = "org.yaml") -> ValidationRun:
    disk = DiskCache.open(folder / ".orgdesign_cache") if cached else None
    return api.validate([(folder / root, root)], None, disk_cache=disk)


def dicts(result: ValidationRun) -> list[dict[str, object]]:
    return [f.as_dict() for f in result.findings]


SECOND_ROOTS = """orgdesign: 1
organization: {id: acme, name: Acme}
units:
  - {id: co, name: Company, type: company, head: ceo}
  - {id: other, name: Other, type: company, head: cfo}
positions:
  - {id: ceo, title: CEO, unit: co}
  - {id: cfo, title: CFO, unit: other}
"""


def test_a_message_quoting_a_line_of_the_same_changed_file_is_not_reused(folder: Path) -> None:
    # ORG102/ORG103 say "'ceo' (line 7) is already the top" (`rules.common.place`: no
    # file name when both are in one file); an inert edit above moves that line.
    write_file(folder, "org.yaml", SECOND_ROOTS)
    first = run(folder)
    assert any("(line 7)" in f.message for f in first.findings if f.rule == "ORG102")
    longer = "organization:\n  id: acme\n  name: Acme\n  description: |\n    two\n    lines\n"
    write_file(
        folder, "org.yaml", SECOND_ROOTS.replace("organization: {id: acme, name: Acme}\n", longer)
    )
    assert dicts(run(folder)) == dicts(run(folder, cached=False))


def test_a_title_made_multi_line_in_an_included_file_moves_the_quoted_line(folder: Path) -> None:
    # The same in an included file, by the prose of a position: the top position
    # quoted by ORG102 ("'a' (line 3)") is below a title that now spans two lines.
    write_file(
        folder,
        "org.yaml",
        "orgdesign: 1\norganization: {id: acme, name: Acme}\ninclude: [p.yaml]\n",
    )
    part = (
        "positions:\n  - {id: x, title: X, reports_to: a}\n"
        "  - {id: a, title: A}\n  - {id: b, title: B}\n"
    )
    write_file(folder, "p.yaml", part)
    first = run(folder)
    assert any("(line 3)" in f.message for f in first.findings if f.rule == "ORG102")
    write_file(folder, "p.yaml", part.replace("title: X,", 'title: "X\n      Y",'))
    assert dicts(run(folder)) == dicts(run(folder, cached=False))
