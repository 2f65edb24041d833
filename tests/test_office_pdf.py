"""The deck, the RACI workbook and a Word role card as LibreOffice prints them.

One headless LibreOffice run converts all three to PDF; the pages are then checked for
their size and their text with pypdf. Skipped (with the reason) when `soffice` is missing:
`make system` installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from conftest import DUTY_DIMENSIONS_EN
from orgdesign.cli.app import app

SAMPLES = Path(__file__).parent.parent / "sample_orgs"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
runner = CliRunner()

pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; `make system` installs it"
)


def size(page: object) -> tuple[int, int]:
    box = page.mediabox  # type: ignore[attr-defined]
    return round(float(box.width)), round(float(box.height))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    folder = tmp_path_factory.mktemp("office")
    org = str(SAMPLES / "matrix.yaml")
    for args in (
        ["chart", org, "-o", str(folder / "deck.pptx")],
        ["raci", org, "-o", str(folder / "raci.xlsx")],
        ["roles", org, "-o", str(folder / "cards"), "-f", "docx"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), result.output
    shutil.copy(folder / "cards" / "cmo.docx", folder / "cmo.docx")
    files = [str(folder / n) for n in ("deck.pptx", "raci.xlsx", "cmo.docx")]
    profile = folder / "profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(folder), *files],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {name: PdfReader(folder / f"{name}.pdf") for name in ("deck", "raci", "cmo")}


def test_deck_slides_are_16_9_with_every_position(pdfs: dict[str, PdfReader]) -> None:
    deck = pdfs["deck"]
    assert {size(p) for p in deck.pages} == {(960, 540)}
    text = "\n".join(p.extract_text() for p in deck.pages)
    for title in ("Chief Marketing Officer", "Group Brand Director", "Lipstick Line"):
        assert title in text
    assert "Overview" in deck.pages[0].extract_text()


def test_workbook_prints_landscape_with_labels_on_every_page(pdfs: dict[str, PdfReader]) -> None:
    raci = pdfs["raci"]
    first = raci.pages[0]
    width, height = size(first)
    assert width > height  # landscape
    assert (width, height) in {(842, 595), (1191, 842)}  # A4 or A3
    body = [p.extract_text() for p in raci.pages]
    matrix_pages = [t for t in body if "Responsibility" in t]
    assert matrix_pages and all("Lumière Beauty Group" in t for t in matrix_pages)
    assert "Page 1 of" in body[0]


def test_word_card_carries_every_duty_dimension(pdfs: dict[str, PdfReader]) -> None:
    card = pdfs["cmo"]
    assert {size(p) for p in card.pages} == {(595, 842)}  # A4 portrait
    text = "\n".join(p.extract_text() for p in card.pages)
    for dimension in DUTY_DIMENSIONS_EN:
        assert dimension in text
    assert "Chief Marketing Officer" in text and "Page 1 of" in text
