"""Second review of the run memo (issue 16): value edits after which some rules run again.

Each test validates an organisation with the disk cache, edits values of keys of
existing elements (the memo then keeps the findings of the rules that do not
read them, `Rule.reads`), validates again and compares with a cold run
(no disk cache): rule, severity, message, file, line, column, element.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import CASES, write_file
from orgdesign import api
from orgdesign.lint.run import ValidationRun
from orgdesign.load.diskcache import DiskCache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path


def run(folder: Path, cached: bool = True, roots: tuple[str, ...] = ("org.yaml",)) -> ValidationRun:
    disk = DiskCache.open(folder / ".orgdesign_cache") if cached else None
    return api.validate([(folder / r, r) for r in roots], None, disk_cache=disk)


def dicts(result: ValidationRun) -> list[dict[str, object]]:
    return [f.as_dict() for f in result.findings]


def edit(folder: Path, name: str, old: str, new: str, count: int = -1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def warm_equals_cold(folder: Path, roots: tuple[str, ...] = ("org.yaml",)) -> ValidationRun:
    warm = run(folder, roots=roots)
    assert dicts(warm) == dicts(run(folder, cached=False, roots=roots))
    return warm


# --- DUAL301: its severity follows the inferred archetype --------------------------------

# No declared archetype: DUAL301 is an error when the inferred archetype is matrix
# (`effective_archetype` -> `infer_archetype` -> `structure.analyse`), which reads unit
# types, RACI owners, headcounts, unit functions and names, responsibility stages...
# DUAL301 declared only PLACES, `priority_rules.applies_to` and PROFILE.
MATRIX = next(
    case["org"]
    for case in yaml.safe_load((CASES / "dual.yaml").read_text("utf-8"))["cases"]
    if case["name"] == "dual301-error-when-the-inferred-archetype-is-matrix"
)
"""The rule case of that (in `tests/cases/dual.yaml`): two product lines, each marketer
dotted to the brand director, no priority rules."""


MARKED = MATRIX.replace(", function: marketing}", "}").replace(
    "type: company, head: ceo}", "type: company, head: ceo, function: marketing}"
)

OWNED = (
    MATRIX.replace(", function: marketing}", "}").replace(
        "units:\n",
        "responsibilities:\n  - {id: promo, name: Promotion, stage: promotion}\nunits:\n",
    )
    + "raci:\n"
    + "  - {responsibility: promo, scope: lip, A: lip-mkt, R: [lip-mkt]}\n"
    + "  - {responsibility: promo, scope: skin, A: skin-mkt, R: [skin-mkt]}\n"
)


# Failed on 6711bb9 (fixed in 1585055): DUAL301 reads the inferred archetype
# (units.type, units.function here)
# without declaring it; after the edit the memo keeps its two findings as errors where a
# cold run says warning (and `orgdesign validate` exits 1 warm, 0 cold).
@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        pytest.param(MATRIX, "type: product-line", "type: department", id="units.type"),
        pytest.param(MARKED, "function: marketing", "function: sales", id="units.function"),
        pytest.param(
            OWNED,
            "A: skin-mkt, R: [skin-mkt]",
            "A: brand-director, R: [brand-director]",
            id="raci.A",
        ),
    ],
)
def test_dual301_severity_follows_an_edit_the_inference_reads(
    folder: Path, text: str, old: str, new: str
) -> None:
    write_file(folder, "org.yaml", text)
    first = run(folder)
    assert {f.severity.value for f in first.findings if f.rule == "DUAL301"} == {"error"}
    edit(folder, "org.yaml", old, new)
    cold = dicts(run(folder, cached=False))
    assert {f["severity"] for f in cold if f["rule"] == "DUAL301"} == {"warning"}
    warm_equals_cold(folder)


# --- a finding about the whole file -----------------------------------------------------


# Failed on 6711bb9 (fixed in 1585055): without `organization` ORG102 reports at the start
# of the root file
# (`Location(org.root_file)`, 1:1), which in the old version is also where the root mapping
# starts; the Relocator moves it with the mapping to 2:1 after a comment line is added
# above (a comment alone changes no key: every finding is reused). A cold run says 1:1.
def test_a_finding_at_the_start_of_the_file_stays_there(folder: Path) -> None:
    write_file(folder, "org.yaml", "orgdesign: 1\nunits:\n  - {id: co, name: Co}\n")
    first = run(folder)
    assert any(f.rule == "ORG102" and (f.line, f.column) == (1, 1) for f in first.findings)
    edit(folder, "org.yaml", "orgdesign: 1\n", "# drafted by HR\norgdesign: 1\n")
    warm_equals_cold(folder)
