"""A PDF page as a PNG picture, through poppler's pdftoppm when it is installed (previews)."""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def can_render() -> bool:
    return shutil.which("pdftoppm") is not None


def first_page_png(pdf: bytes, dpi: int = 96) -> bytes | None:
    """Page 1 of `pdf` as PNG bytes; None when pdftoppm is missing or fails."""
    program = shutil.which("pdftoppm")
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="relance-preview-") as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run(
                [program, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile",
                 str(source), str(Path(folder) / "page")],
                check=True, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as error:
            log.warning("pdftoppm failed: %s", type(error).__name__)
            return None
        picture = Path(folder) / "page.png"
        return picture.read_bytes() if picture.is_file() else None
