#!/usr/bin/env python3
"""Generate an HR system export (one row per employee) and time `orgdesign import` on it.

    .venv/bin/python bench/gen_hris.py --rows 10000 -o /tmp/hr10k.csv
    .venv/bin/python bench/gen_hris.py --rows 10000 -o /tmp/hr10k.xlsx --time

What comes out (deterministic for a given --rows/--seed):

* columns `Employee ID, Full Name, Job Title, Manager ID, Department` (the
  spellings of a typical HR system), ids like `E000123`, rows shuffled so that
  managers do not always come before their reports;
* one CEO; below, divisions, departments and teams, every manager with 3-10
  direct reports; teams of individual contributors who share a job title (so
  the importer folds them into one position with several seats);
* names in English and Chinese, some with apostrophes, and a few job titles
  and names starting with `=`, `+`, `-` or `@` (formula-injection cases).

With `--time`, the file is imported in-process (`orgdesign.analysis.hris`)
and through the command line, and both durations are printed.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["Employee ID", "Full Name", "Job Title", "Manager ID", "Department"]
DIVISIONS = ["Sales", "Marketing", "Operations", "Engineering", "Finance", "People", "Support"]
REGIONS = ["East", "West", "North", "South", "华东", "华南"]
IC_TITLES = {
    "Sales": ["Account Executive", "Sales Associate", "Sales Development Rep"],
    "Marketing": ["Marketing Specialist", "Content Producer", "品牌专员"],
    "Operations": ["Store Associate", "Logistics Coordinator", "Warehouse Operator"],
    "Engineering": ["Software Engineer", "QA Engineer", "Data Analyst"],
    "Finance": ["Accountant", "Financial Analyst"],
    "People": ["HR Generalist", "Recruiter"],
    "Support": ["Support Agent", "客服专员"],
}
GIVEN = ["Wei", "Li", "Anna", "James", "Mei", "Sean", "Olivia", "Hiro", "Priya", "Zoe", "伟", "芳"]
FAMILY = ["Chen", "Wang", "O'Brien", "Smith", "Zhang", "Nair", "Tan", "Müller", "李", "张", "王"]
HOSTILE = ['=HYPERLINK("x")', "+1 Team", "-Lead", "@cmd"]


def _name(rng: random.Random, n: int) -> str:
    if n % 997 == 13:
        return rng.choice(HOSTILE)
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    if not given.isascii() or not family.isascii():
        return family + given
    return f"{given} {family}"


def generate(rows: int, seed: int = 1) -> list[list[str]]:
    """The data rows (without the header): exactly `rows` employees in one reporting tree."""
    rng = random.Random(seed)
    out: list[list[str]] = []

    def add(title: str, manager: str, department: str) -> str:
        emp = f"E{len(out) + 1:06d}"
        out.append([emp, _name(rng, len(out)), title, manager, department])
        return emp

    ceo = add("Chief Executive Officer", "", "Executive Office")
    # Managers to fill, breadth first: (employee id, division, department, depth).
    queue: list[tuple[str, str, str, int]] = []
    for division in DIVISIONS:
        if len(out) >= rows:
            break
        head = add(f"VP {division}", ceo, division)
        queue.append((head, division, division, 1))
    while queue and len(out) < rows:
        manager, division, department, depth = queue.pop(0)
        span = rng.randint(3, 10)
        if depth < 3 and len(out) + span * 20 < rows:
            for i in range(span):
                if len(out) >= rows:
                    break
                region = REGIONS[(i + depth) % len(REGIONS)]
                sub = f"{division} {region} {depth}-{len(out)}"
                title = "Director" if depth == 1 else "Manager"
                emp = add(f"{division} {title}", manager, sub)
                queue.append((emp, division, sub, depth + 1))
            continue
        team_title = rng.choice(IC_TITLES[division])
        if len(out) % 997 == 500:
            team_title = rng.choice(HOSTILE)
        for _ in range(span):
            if len(out) >= rows:
                break
            add(team_title, manager, department)
        if len(out) < rows and not queue:
            # Out of managers before the row count: promote the last team member's manager's team.
            lead = add(f"{division} Team Lead", manager, department)
            queue.append((lead, division, department, depth + 1))
    rng.shuffle(out)
    return out


def write(path: Path, rows: list[list[str]]) -> None:
    from orgdesign.output.tables.sheets import write_table

    write_table(path, HEADER, rows, title="employees")


def time_import(path: Path) -> None:
    from orgdesign.analysis import hris

    start = time.perf_counter()
    result = hris.import_hris(path)
    in_process = time.perf_counter() - start
    print(
        f"in-process import: {in_process:.2f} s for {result.rows} rows -> "
        f"{result.positions} positions, {result.units} units, {result.employees} people"
    )
    exe = Path(sys.executable).parent / "orgdesign"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "org.yaml"
        start = time.perf_counter()
        subprocess.run([str(exe), "import", str(path), "-o", str(out)], check=True)
        cli = time.perf_counter() - start
        start = time.perf_counter()
        validate = subprocess.run([str(exe), "validate", str(out)], capture_output=True, text=True)
        checked = time.perf_counter() - start
    print(f"command line `orgdesign import`: {cli:.2f} s (process start included)")
    summary = validate.stdout.strip().splitlines()[-1] if validate.stdout.strip() else ""
    code = validate.returncode
    print(f"`orgdesign validate` of the result: {checked:.2f} s, exit {code}: {summary}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", "-n", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, help=".csv or .xlsx")
    parser.add_argument("--time", action="store_true", help="time the import of the file")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    write(args.output, generate(args.rows, args.seed))
    print(f"wrote {args.output}: {args.rows} rows in {time.perf_counter() - start:.2f} s")
    if args.time:
        time_import(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
