"""Count the generated organisations whose chart the consumer rejects, per chart format.

    .venv/bin/python bench/fuzz_escape.py -n 2000 [--formats dot,mmd] [--seed 1]

Organisations come from tests/hostile.py (hostile names, titles and holders);
`dot` must accept each `.dot` (exit 0, no "Error") and its SVG must parse as XML
(a failure that remains with every escaped character replaced by `x` is counted
as a Graphviz layout failure, not an escaping one); the
Mermaid that mermaid-cli bundles (tools/mermaid, `make mermaid-cli`) must render
each `.mmd`, unless the writer refused it with a message. Prints a table:
format, organisations, rejected, refused by the writer, first errors seen.
Run it on an older checkout (PYTHONPATH=OLD/src) to compare before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tables import print_head  # noqa: E402 - bench/tables.py, the script's folder

from hostile import org_data  # noqa: E402


def generate(n: int, seed: int) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []

    @settings(max_examples=n, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(org_data(), st.randoms(use_true_random=False))
    def collect(data: dict[str, object], _: random.Random) -> None:
        out.append(data)

    random.seed(seed)
    collect()
    return out[:n]


def charts(datas: list[dict[str, object]], suffix: str) -> tuple[list[str | None], int]:
    """Source per organisation (None: the writer refused), and the refusal count."""
    from hostile import build
    from orgdesign.layout.scope import ChartError
    from orgdesign.output import ChartOptions
    from orgdesign.output.chart.dot import chart_dot
    from orgdesign.output.chart.mermaid import chart_mermaid

    sources: list[str | None] = []
    for i, data in enumerate(datas):
        org, graph = build(data)
        options = ChartOptions(lang="zh" if i % 3 == 0 else None, clusters=i % 4 != 1)
        try:
            draw = chart_dot if suffix == "dot" else chart_mermaid
            sources.append(draw(org, graph, options))
        except ChartError:
            sources.append(None)
    return sources, sum(s is None for s in sources)


def check_dot(sources: list[str | None], keep: Path | None) -> Counter[str]:
    errors: Counter[str] = Counter()
    for i, source in enumerate(sources):
        if source is None:
            continue
        done = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True)
        if done.returncode != 0 or b"Error" in done.stderr:
            lines = [x for x in done.stderr.decode(errors="replace").splitlines() if "rror" in x]
            plain = re.sub(r"&#\d+;", "x", source)  # the same chart, every escaped character x
            again = subprocess.run(["dot", "-Tsvg"], input=plain.encode(), capture_output=True)
            layout = again.returncode != 0 or b"Error" in again.stderr
            errors[("layout (also with plain text): " if layout else "") + lines[0][:60]] += 1
            if keep:
                (keep / f"{i:06d}.dot").write_text(source, encoding="utf-8")
                (keep / f"{i:06d}.err").write_bytes(done.stderr)
            continue
        try:
            ET.fromstring(done.stdout)
        except ET.ParseError as exc:
            errors[f"SVG: {exc}"[:70]] += 1
    return errors


def check_mmd(sources: list[str | None]) -> Counter[str]:
    errors: Counter[str] = Counter()
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    env.setdefault("PUPPETEER_EXECUTABLE_PATH", shutil.which("chromium") or "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, source in enumerate(sources):
            if source is not None:
                path = Path(tmp) / f"{i:06d}.mmd"
                path.write_text(source, encoding="utf-8")
                files.append(str(path))
        for start in range(0, len(files), 250):
            chunk = files[start : start + 250]
            done = subprocess.run(
                ["node", str(REPO / "tools" / "mermaid" / "render-batch.mjs"), *chunk],
                env=env, capture_output=True, text=True,
            )  # fmt: skip
            for line in done.stdout.splitlines():
                result = json.loads(line) if line.startswith("{") else {"ok": True}
                if not result["ok"]:
                    errors[result["error"].splitlines()[0][:70]] += 1
                else:
                    root = ET.parse(result["file"] + ".svg").getroot()
                    if any("NaN" in v for el in root.iter() for v in el.attrib.values()):
                        errors["NaN in the layout"] += 1
    return errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--formats", default="dot,mmd")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="folder for the sources the consumer rejects")
    args = parser.parse_args()
    datas = generate(args.n, args.seed)
    print_head("format | organisations | rejected by the consumer | refused by the writer | errors")
    for suffix in args.formats.split(","):
        sources, refused = charts(datas, suffix)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
        errors = check_dot(sources, args.keep) if suffix == "dot" else check_mmd(sources)
        top = "; ".join(f"{n}× {e}" for e, n in errors.most_common(3))
        print(f"| .{suffix} | {len(datas)} | {sum(errors.values())} | {refused} | {top} |")


if __name__ == "__main__":
    main()
