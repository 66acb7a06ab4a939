"""Page geometry and what is drawn around the text: letterhead, address window, footer, numbers.

Envelope: DL (110 × 220 mm) with the window on the right, the French (La Poste) and Belgian
(bpost) position: a 100 × 45 mm window 20 mm from the right edge and 15 mm from the bottom,
i.e. 100-200 mm across and 50-95 mm down the envelope. An A4 sheet folded in three (99 mm
panels) can slide 10 mm sideways and 11 mm up and down inside it, so the part of the page always
behind the window is 100-190 mm from the left and 50-84 mm from the top. The address is set in
that area: 105 mm from the left edge, 50 mm from the top, 85 × 32 mm (six lines of 10 pt).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from app.adapters.pdf.fonts import BOLD, REGULAR

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
LEFT = 20 * MM
RIGHT = 20 * MM
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
ADDRESS_X = 105 * MM
ADDRESS_TOP = 50 * MM
ADDRESS_WIDTH = 85 * MM
ADDRESS_HEIGHT = 32 * MM
REGISTERED_TOP = 43 * MM  # the "registered letter" mention, just above the address
HEAD_TOP = 12 * MM
HEAD_WIDTH = 80 * MM  # the letterhead stays left of the address column
LOGO_MAX = (50 * MM, 18 * MM)
BODY_TOP_FIRST = 86 * MM
BODY_TOP_LATER = 24 * MM
BODY_BOTTOM = 19 * MM
FOOTER_Y = 11 * MM
FOOTER_WIDTH = TEXT_WIDTH - 44 * MM  # leaves room for "Page 10/12" on the right
FOLD_MARKS = (99 * MM, 198 * MM)  # folds of a sheet in three for a DL envelope
GREY = (0.42, 0.42, 0.42)


@dataclass(frozen=True)
class PageHead:
    """Everything the page decorations of one letter need, already formatted and escaped."""

    company_lines: tuple[tuple[str, str], ...]  # (style name, markup)
    logo_path: str
    address_markup: tuple[str, ...]
    registered_mail: str
    later_header: str
    footer: str
    page_label: str  # "Page {page}/{pages}" in the letter's language


@cache
def styles() -> dict[str, Any]:
    """Paragraph styles, built once per process."""
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=10, leading=13.6, alignment=TA_JUSTIFY, spaceAfter=7
    )
    return {
        "body": body,
        "subject": ParagraphStyle("subject", parent=body, alignment=TA_LEFT, spaceAfter=9),
        "place_date": ParagraphStyle("place_date", parent=body, alignment=TA_RIGHT, spaceAfter=2),
        "reference": ParagraphStyle(
            "reference",
            parent=body,
            fontSize=8.5,
            leading=11,
            alignment=TA_LEFT,
            spaceAfter=8,
            textColor=GREY,
        ),
        "signature": ParagraphStyle(
            "signature", parent=body, alignment=TA_LEFT, leftIndent=95 * MM, spaceAfter=0
        ),
        "address": ParagraphStyle("address", fontName=REGULAR, fontSize=10, leading=12.4),
        "head_name": ParagraphStyle("head_name", fontName=BOLD, fontSize=12, leading=15),
        "head": ParagraphStyle("head", fontName=REGULAR, fontSize=8, leading=10.4),
        "head_small": ParagraphStyle(
            "head_small", fontName=REGULAR, fontSize=7.5, leading=9.6, textColor=GREY
        ),
        "registered": ParagraphStyle("registered", fontName=BOLD, fontSize=8.5, leading=10.5),
        "cell": ParagraphStyle("cell", fontName=REGULAR, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", fontName=BOLD, fontSize=8.5, leading=10.5),
        "box": ParagraphStyle("box", fontName=REGULAR, fontSize=9, leading=12.2),
        "footer": ParagraphStyle(
            "footer", fontName=REGULAR, fontSize=7, leading=8.6, alignment=1, textColor=GREY
        ),
        "head_cell": ParagraphStyle("head_cell", fontName=BOLD, fontSize=8.5, leading=10),
        "head_cell_right": ParagraphStyle(
            "head_cell_right", fontName=BOLD, fontSize=8.5, leading=10, alignment=TA_RIGHT
        ),
        "note": ParagraphStyle(
            "note", fontName=REGULAR, fontSize=7.5, leading=9.6, textColor=GREY, spaceAfter=8
        ),
        "caption": ParagraphStyle(
            "caption", fontName=REGULAR, fontSize=7, leading=8.6, alignment=1, textColor=GREY
        ),
    }


def draw_first_page(canvas: Any, head: PageHead) -> None:
    """Letterhead on the left, address in the envelope window on the right, fold marks."""
    from reportlab.platypus import Paragraph

    sty = styles()
    top = PAGE_HEIGHT - HEAD_TOP
    if head.logo_path:
        top = _draw_logo(canvas, head.logo_path, top)
    for style, markup in head.company_lines:
        para = Paragraph(markup, sty[style])
        _w, height = para.wrapOn(canvas, HEAD_WIDTH, 40 * MM)
        para.drawOn(canvas, LEFT, top - height)
        top -= height
    if head.registered_mail:
        para = Paragraph(head.registered_mail, sty["registered"])
        _w, height = para.wrapOn(canvas, ADDRESS_WIDTH, 12 * MM)
        para.drawOn(canvas, ADDRESS_X, PAGE_HEIGHT - REGISTERED_TOP - height)
    y = PAGE_HEIGHT - ADDRESS_TOP
    bottom = PAGE_HEIGHT - ADDRESS_TOP - ADDRESS_HEIGHT
    for markup in head.address_markup:
        para = Paragraph(markup, sty["address"])
        _w, height = para.wrapOn(canvas, ADDRESS_WIDTH, ADDRESS_HEIGHT)
        if y - height < bottom - 1:
            break
        para.drawOn(canvas, ADDRESS_X, y - height)
        y -= height
    canvas.saveState()
    canvas.setStrokeColorRGB(*GREY)
    canvas.setLineWidth(0.3)
    for fold in FOLD_MARKS:
        canvas.line(4 * MM, PAGE_HEIGHT - fold, 8 * MM, PAGE_HEIGHT - fold)
    canvas.restoreState()
    draw_footer(canvas, head)


def draw_later_page(canvas: Any, head: PageHead) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColorRGB(*GREY)
    canvas.drawString(LEFT, PAGE_HEIGHT - HEAD_TOP - 7, head.later_header)
    canvas.setStrokeColorRGB(*GREY)
    canvas.setLineWidth(0.3)
    canvas.line(LEFT, PAGE_HEIGHT - HEAD_TOP - 10, PAGE_WIDTH - RIGHT, PAGE_HEIGHT - HEAD_TOP - 10)
    canvas.restoreState()
    draw_footer(canvas, head)


def draw_footer(canvas: Any, head: PageHead) -> None:
    """Legal identity and mentions centred at the bottom, clear of the page number on the
    right: one or two lines hang from the usual line; longer mentions grow upwards, never
    into the text nor below 6 mm from the edge, in a smaller size if they must."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    if head.footer:
        style = styles()["footer"]
        lowest, top = 6 * MM, BODY_BOTTOM - 2
        para = Paragraph(head.footer, style)
        _w, height = para.wrapOn(canvas, FOOTER_WIDTH, 40 * MM)
        if height > top - lowest:
            small = ParagraphStyle("footer_small", parent=style, fontSize=6, leading=7)
            para = Paragraph(head.footer, small)
            _w, height = para.wrapOn(canvas, FOOTER_WIDTH, 40 * MM)
        y = max(FOOTER_Y + 7 - height, lowest)
        para.drawOn(canvas, (PAGE_WIDTH - FOOTER_WIDTH) / 2, y)
    canvas.letter_page_label = head.page_label


def _draw_logo(canvas: Any, path: str, top: float) -> float:
    reader = _image(path)
    if reader is None:
        return top
    size: tuple[float, float] = reader.getSize()
    width, height = size
    scale = min(LOGO_MAX[0] / width, LOGO_MAX[1] / height)
    w, h = width * scale, height * scale
    canvas.drawImage(reader, LEFT, top - h, w, h, mask="auto")
    return top - h - 3 * MM


@cache
def _image(path: str) -> Any:
    """The logo read once per process; None (no logo) when the file cannot be read."""
    from reportlab.lib.utils import ImageReader

    try:
        reader = ImageReader(path)
        reader.getSize()
    except (OSError, ValueError):
        return None
    return reader


@cache
def canvas_class() -> type:
    """A canvas that numbers pages "Page n/N" within each letter, on letters of several pages."""
    from reportlab.pdfgen.canvas import Canvas

    class LetterCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.letter_key: object = None
            self.letter_page_label = ""
            self._saved: list[tuple[dict[str, Any], object, str]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._saved.append((dict(self.__dict__), self.letter_key, self.letter_page_label))
            self._startPage()

        def save(self) -> None:
            counts = Counter(key for _state, key, _label in self._saved)
            seen: Counter[object] = Counter()
            for state, key, label in self._saved:
                self.__dict__.update(state)
                seen[key] += 1
                if counts[key] > 1 and label:
                    self.setFont(REGULAR, 7.5)
                    self.setFillColorRGB(*GREY)
                    self.drawRightString(
                        PAGE_WIDTH - RIGHT,
                        FOOTER_Y,
                        label.format(page=seen[key], pages=counts[key]),
                    )
                super().showPage()
            super().save()

    return LetterCanvas
