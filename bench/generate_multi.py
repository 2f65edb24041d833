#!/usr/bin/env python3
"""Generate a large organisation split over many files (a root and N part files via `include`).

    python bench/generate_multi.py --positions 100000 --files 20 -o /tmp/org100k

The organisation is the one `bench/generate.py` writes for the same
`--positions/--seed`, so it is valid by construction; its `units`,
`positions` and `raci` items are cut into `--files` consecutive chunks, one
`part-NNN.yaml` per chunk, and `org.yaml` keeps the header, decision domains,
responsibilities and priority rules and includes every part. Cross-file
references (a position reporting to a manager in another part) are the
normal case, so the cross-file rules have work to do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

SPLIT = ("units", "positions", "raci")


def _sections(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """The header lines and the item lines of each top-level list section."""
    header: list[str] = []
    sections: dict[str, list[str]] = {}
    current: list[str] = header
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")) and line.endswith(":"):
            name = line[:-1]
            if name in SPLIT:
                current = sections.setdefault(name, [])
                continue
            current = header
        if current is header or line.strip():
            current.append(line)
    return header, sections


def _chunks(items: list[str], parts: int) -> list[list[str]]:
    size, extra = divmod(len(items), parts)
    out, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def write_multi(positions: int, files: int, seed: int, out: Path) -> list[Path]:
    """Write `org.yaml` and `part-NNN.yaml`; return every path written, the root first."""
    header, sections = _sections(generate(positions, seed))
    out.mkdir(parents=True, exist_ok=True)
    names = [f"part-{i:03d}.yaml" for i in range(files)]
    chunked = {name: _chunks(items, files) for name, items in sections.items()}
    paths = [out / "org.yaml"]
    root = [*header, "", "include:", *(f"  - {n}" for n in names), ""]
    paths[0].write_text("\n".join(root), encoding="utf-8")
    for i, name in enumerate(names):
        lines = [f"# part {i} of {files}"]
        for section in SPLIT:
            items = chunked.get(section, [[]] * files)[i]
            if items:
                lines += [f"{section}:", *items, ""]
        path = out / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--positions", "-n", type=int, required=True)
    ap.add_argument("--files", type=int, default=200, help="number of part files (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True, help="folder to write into")
    args = ap.parse_args(argv)
    paths = write_multi(args.positions, args.files, args.seed, Path(args.output))
    print(f"wrote {len(paths)} files to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
