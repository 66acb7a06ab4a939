"""DejaVu Sans, shipped in resources/fonts and embedded in every PDF (€, accents, U+202F)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from app.paths import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
NO_BREAK = "\u00a0\u202f\u2007\u2060"  # no-break, narrow no-break, figure space, word joiner


@cache
def register_fonts() -> str:
    """Register the family once per process (and the PDF settings every letter shares)."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    italic = folder / "DejaVuSans-Oblique.ttf"
    oblique = ITALIC if italic.is_file() else REGULAR
    if italic.is_file():
        pdfmetrics.registerFont(TTFont(ITALIC, str(italic)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, oblique)
    addMapping(REGULAR, 1, 1, BOLD)
    rl_config.useA85 = 0  # binary streams: ASCII85 is slow in pure Python and a quarter larger
    _keep_no_break_spaces()
    return REGULAR


def _keep_no_break_spaces() -> None:
    """ReportLab's paragraphs split words at U+202F and print a plain space instead, which
    breaks French amounts ('1 234,50 €') across lines; make them split at breaking spaces only."""
    from reportlab.platypus import paragraph

    breaking = "".join(ch for ch in paragraph._wsc if ch not in NO_BREAK)
    pattern = re.compile(f"[{re.escape(breaking)}]+")
    original: Callable[[str | bytes, str | bytes | None], list[str]] = paragraph.split

    def split(text: str | bytes, delim: str | bytes | None = None) -> list[str]:
        if delim is not None or isinstance(text, bytes):
            return original(text, delim)
        return [word for word in pattern.split(text) if word]

    paragraph.split = split
