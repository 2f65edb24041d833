"""Running Graphviz and writing chart pages: the part of a chart that leaves Python.

This module owns finding the `dot` binary, running it on DOT sources (with a
timeout, several pages per process, two processes at a time), joining PDF pages,
and writing a chart's files whole or not at all (`write_pages`).
"""

from __future__ import annotations

import importlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from orgdesign.layout.scope import ChartError
from orgdesign.load.fsio import atomic_dir
from orgdesign.output import ChartOptions

GRAPHVIZ_FORMATS: Mapping[str, str] = MappingProxyType(
    {".svg": "svg", ".png": "png", ".pdf": "pdf"}
)
"""Output suffix -> Graphviz output format, for the formats that need the `dot` binary."""

DOT_TIMEOUT = 600.0
"""Seconds Graphviz may take for one chart (all pages) before it is stopped."""

PAGE_PATTERN = re.compile(r"^\d{3}-[A-Za-z0-9._-]+\.(dot|svg|png|mmd)$")
"""Names of the files of a paginated chart's folder."""


class GraphvizMissing(ChartError):
    """The `dot` binary is not on PATH."""


def dot_binary() -> str | None:
    """Path of Graphviz `dot`, or None."""
    return shutil.which("dot")


def needs_graphviz(suffix: str) -> bool:
    return suffix.lower() in GRAPHVIZ_FORMATS


def missing_graphviz_message(suffix: str) -> str:
    return (
        f"Graphviz `dot` is needed to draw {suffix} charts and was not found on PATH; "
        "install it with `sudo apt-get install graphviz` (Debian/Ubuntu), "
        "or write a .dot or .mmd chart, which needs no Graphviz"
    )


def run_dot(
    sources: Sequence[str], fmt: str, *, timeout: float = DOT_TIMEOUT, jobs: int | None = None
) -> list[bytes]:
    """Lay out and draw DOT sources with Graphviz, one output per source, in order.

    Sources are split into `jobs` batches (default: up to 2, the cores of a
    build machine), each drawn by one `dot` process reading all its graphs
    from one file (`-O` names the outputs `batch.gv.svg`, `batch.gv.2.svg`, ...).
    Raises GraphvizMissing, or ChartError when `dot` fails or runs out of time."""
    exe = dot_binary()
    if exe is None:
        raise GraphvizMissing(missing_graphviz_message("." + fmt))
    if not sources:
        return []
    count = max(1, min(jobs or min(os.cpu_count() or 1, 2), len(sources)))
    size = -(-len(sources) // count)
    batches = [list(sources[i : i + size]) for i in range(0, len(sources), size)]
    with tempfile.TemporaryDirectory(prefix="orgdesign-dot-") as tmp:
        procs: list[tuple[subprocess.Popen[bytes], Path, Path, int]] = []
        try:
            for i, batch in enumerate(batches):
                path = Path(tmp) / f"b{i}.gv"
                path.write_text("".join(batch), encoding="utf-8")
                err = Path(tmp) / f"b{i}.err"
                with err.open("wb") as err_handle:
                    proc = subprocess.Popen(
                        [exe, f"-T{fmt}", "-O", str(path)],
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=err_handle,
                    )
                procs.append((proc, path, err, len(batch)))
            deadline = time.monotonic() + timeout
            for proc, _, _, _ in procs:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.01))
        except subprocess.TimeoutExpired as exc:
            raise ChartError(
                f"Graphviz took longer than {timeout:g} s; draw less with --root or --depth, "
                "or use --paginate"
            ) from exc
        finally:
            for proc, _, _, _ in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        outputs: list[bytes] = []
        for proc, path, err, n in procs:
            if proc.returncode != 0:
                message = err.read_text(encoding="utf-8", errors="replace").strip()
                tail = " ".join(message.splitlines()[-3:]) or f"exit status {proc.returncode}"
                raise ChartError(f"Graphviz could not draw the chart: {tail}")
            for k in range(n):
                name = f"{path.name}.{fmt}" if k == 0 else f"{path.name}.{k + 1}.{fmt}"
                target = path.with_name(name)
                if not target.exists():
                    raise ChartError(f"Graphviz wrote no {fmt} output for page {k + 1}")
                outputs.append(target.read_bytes())
        return outputs


def merge_pdfs(pages: Sequence[bytes], titles: Sequence[str]) -> bytes:
    """One PDF of the pages, in order, with one bookmark per page (needs `pypdf`)."""
    try:
        pypdf = importlib.import_module("pypdf")
    except ImportError as exc:
        raise ChartError(
            "a multi-page PDF needs the Python package pypdf (`pip install pypdf`); "
            "or write one SVG per page with `-o chart.svg --paginate`"
        ) from exc
    writer = pypdf.PdfWriter()
    for data, title in zip(pages, titles, strict=True):
        writer.append(io.BytesIO(data), outline_item=title)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- files --------------------------------------------------------------------------------


def pages_dir(out: Path) -> Path:
    """Folder of a paginated chart written one file per page: `chart.svg` -> `chart/`."""
    return out.with_suffix("")


def written_path(out: Path, options: ChartOptions) -> Path:
    """What a chart command writes: the file itself, or the folder of pages."""
    if options.paginate and out.suffix.lower() != ".pdf":
        return pages_dir(out)
    return out


def write_pages(out: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Write the page files into the folder of `out`, replacing an older chart's pages.

    A folder that holds anything but page files is left alone (ChartError)."""
    folder = pages_dir(out)
    if folder.exists():
        if not folder.is_dir():
            raise ChartError(f"{folder} exists and is not a folder; choose another -o")
        strangers = [p.name for p in folder.iterdir() if not PAGE_PATTERN.match(p.name)]
        if strangers:
            raise ChartError(
                f"{folder} holds files that are not chart pages ({strangers[0]}, ...); "
                "remove them or choose another -o"
            )
    with atomic_dir(folder) as tmp:
        for name, data in files:
            (tmp / name).write_bytes(data)
