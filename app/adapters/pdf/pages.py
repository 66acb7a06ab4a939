"""A PDF page as a PNG picture for previews: PDFium (the `pypdfium2` wheel, on every system),
else poppler's pdftoppm when it is installed."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from threading import Lock

log = logging.getLogger(__name__)

_pdfium_lock = Lock()  # PDFium is not thread-safe


def _has_pdfium() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


def can_render() -> bool:
    return _has_pdfium() or shutil.which("pdftoppm") is not None


def first_page_png(pdf: bytes, dpi: int = 96) -> bytes | None:
    """Page 1 of `pdf` as PNG bytes; None when no renderer is available or the PDF is bad."""
    if _has_pdfium():
        return _with_pdfium(pdf, dpi)
    return _with_pdftoppm(pdf, dpi)


def _with_pdfium(pdf: bytes, dpi: int) -> bytes | None:
    import pypdfium2

    with _pdfium_lock:
        try:
            document = pypdfium2.PdfDocument(pdf)
        except pypdfium2.PdfiumError as error:
            log.warning("PDFium could not read the PDF: %s", error)
            return None
        try:
            if len(document) == 0:
                return None
            bitmap = document[0].render(scale=dpi / 72)
            picture = bitmap.to_pil()
        finally:
            document.close()
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _with_pdftoppm(pdf: bytes, dpi: int) -> bytes | None:
    program = shutil.which("pdftoppm")
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="relance-preview-") as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run(
                [
                    program,
                    "-png",
                    "-r",
                    str(dpi),
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(source),
                    str(Path(folder) / "page"),
                ],
                check=True,
                capture_output=True,
                timeout=30,
            )
        except (OSError, subprocess.SubprocessError) as error:
            log.warning("pdftoppm failed: %s", type(error).__name__)
            return None
        picture = Path(folder) / "page.png"
        return picture.read_bytes() if picture.is_file() else None


def raster_pages(pdf: bytes, dpi: int) -> Iterator[tuple[int, int, int, bytes]]:
    """Every page of `pdf` as RGB pixels (width, height, bytes per line, pixels), one page at a
    time so that a long batch never holds more than one page in memory (printing)."""
    import pypdfium2

    with _pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            with _pdfium_lock:
                bitmap = document[index].render(
                    scale=dpi / 72, rev_byteorder=True, optimize_mode="print"
                )
                pixels = bytes(bitmap.buffer)
                yield bitmap.width, bitmap.height, bitmap.stride, pixels
    finally:
        with _pdfium_lock:
            document.close()


def page_count(pdf: bytes) -> int:
    import pypdfium2

    with _pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()
