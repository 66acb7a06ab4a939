"""Previews of letters: page 1 of a PDF as a PNG, with PDFium or, failing that, pdftoppm."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.adapters.pdf import pages as pdf_pages


def _pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFillColorRGB(0, 0, 0)
    page.rect(0, A4[1] - 200, 200, 200, fill=1)  # a black square in the top left corner
    page.showPage()
    page.save()
    return out.getvalue()


def _check(png: bytes | None) -> None:
    assert png is not None
    picture = Image.open(io.BytesIO(png)).convert("L")
    assert picture.size == (794, 1123)  # A4 at 96 dpi
    assert picture.getpixel((50, 50)) < 40
    assert picture.getpixel((700, 1000)) > 215


def test_pdfium_renders_the_first_page() -> None:
    _check(pdf_pages._with_pdfium(_pdf(), 96))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pdftoppm_gives_the_same_picture() -> None:
    _check(pdf_pages._with_pdftoppm(_pdf(), 96))


def test_a_damaged_pdf_gives_no_picture() -> None:
    assert pdf_pages.first_page_png(b"%PDF-1.4 not really") is None
