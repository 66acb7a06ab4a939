"""PDF letters with ReportLab: letterhead, address in the DL envelope window, tables, QR code.

The window of a French or Belgian DL envelope (110 x 220 mm, window on the right) shows the
address when it starts 100 mm from the left edge and 50 mm from the top of an A4 sheet folded
in three; the block is 85 mm wide and 35 mm high.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from app.paths import resources_dir
from app.services.letter_model import LetterDoc, Table

_fonts_lock = threading.Lock()
_fonts_ready = False
FONT, FONT_BOLD, FONT_ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"


def _register_fonts() -> None:
    global _fonts_ready
    with _fonts_lock:
        if _fonts_ready:
            return
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        rl_config.useA85 = 0  # binary streams: ASCII85 is slow in pure Python and 25 % larger

        folder = resources_dir() / "fonts"
        for name in (FONT, FONT_BOLD, FONT_ITALIC):
            pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                      boldItalic=FONT_BOLD)
        _fonts_ready = True


def _styles():  # type: ignore[no-untyped-def]
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, bulletFontName=FONT, fontSize=9.5, leading=13.5,
                          spaceAfter=7)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, spaceAfter=0),
        "subject": ParagraphStyle("subject", parent=base, fontName=FONT_BOLD, fontSize=10.5,
                                  spaceBefore=4, spaceAfter=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "notice": ParagraphStyle("notice", parent=base, fontName=FONT_BOLD, spaceAfter=4),
    }


def _text(value: str) -> str:
    """User text is escaped: a client called "<b>&Co" prints literally, never as markup."""
    return escape(value).replace("\n", "<br/>")


def _table(table: Table, styles, width: float):  # type: ignore[no-untyped-def]
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    cell = styles["cell"]
    right = _right(cell)

    def style_of(column: int):  # type: ignore[no-untyped-def]
        return right if column in table.right_columns else cell

    data = [[Paragraph(f"<b>{_text(h)}</b>", style_of(i)) for i, h in enumerate(table.headers)]]
    for row in table.rows:
        data.append([Paragraph(_text(v), style_of(i)) for i, v in enumerate(row)])
    count = len(table.headers)
    first = width * 0.22
    widths = [first] + [(width - first) / (count - 1)] * (count - 1) if count > 1 else [width]
    pdf = PdfTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LINEBELOW", (0, -1), (-1, -1), 0.3, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    pdf.setStyle(TableStyle(style))
    flow = [pdf]
    if table.totals:
        totals = PdfTable(
            [[Paragraph(_text(label), _right(cell, bold=True)),
              Paragraph(f"<b>{_text(amount)}</b>", _right(cell))] for label, amount in table.totals],
            colWidths=[width * 0.75, width * 0.25], hAlign="LEFT")
        totals.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 1),
                                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
        flow.append(totals)
    return flow


def _right(style, bold: bool = False):  # type: ignore[no-untyped-def]
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{style.name}-r{bold}", parent=style, alignment=TA_RIGHT,
                          fontName=FONT_BOLD if bold else style.fontName)


def _story(doc: LetterDoc, styles, width: float) -> list:  # type: ignore[type-arg]
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

    story: list = [Spacer(1, 62 * mm)]  # letterhead and address block are drawn on the page
    if doc.registered_mail:
        story.append(Paragraph(_text(doc.registered_mail), styles["notice"]))
    story.append(Paragraph(_text(doc.place_date), styles["body"]))
    if doc.reference:
        story.append(Paragraph(_text(doc.reference), styles["small"]))
    story.append(Paragraph(_text(doc.subject), styles["subject"]))
    for paragraph in doc.body:
        if paragraph == "[invoices]":
            story.extend(_table(doc.invoices, styles, width))
            story.append(Spacer(1, 4 * mm))
        elif paragraph == "[claim]":
            if doc.claim is not None:
                story.extend(_table(doc.claim, styles, width))
                story.append(Spacer(1, 4 * mm))
        else:
            story.append(Paragraph(_text(paragraph), styles["body"]))
    closing = [Spacer(1, 3 * mm)]
    closing += [Paragraph(_text(line), styles["body"]) for line in doc.signature]
    story.append(KeepTogether(closing))
    if doc.bank_lines:
        story.append(CondPageBreak(40 * mm))
        story.append(Spacer(1, 4 * mm))
        story.append(_bank_block(doc, styles, width))
    return story


def _bank_block(doc: LetterDoc, styles, width: float):  # type: ignore[no-untyped-def]
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    text = [Paragraph(_text(line), styles["cell"]) for line in doc.bank_lines]
    if doc.pay_by_qr:
        text.append(Paragraph(f"<i>{_text(doc.pay_by_qr)}</i>", styles["cell"]))
    cells = [[text, _qr(doc.epc_payload) if doc.epc_payload else ""]]
    block = PdfTable(cells, colWidths=[width - 32 * mm, 32 * mm], hAlign="LEFT")
    block.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("FONTNAME", (0, 0), (-1, -1), FONT),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return block


@lru_cache(maxsize=4096)
def _qr_png(payload: str) -> bytes:
    """segno builds the matrix (EPC payloads want error level M); drawn as one small PNG."""
    import segno

    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="png", scale=4, border=2)
    return buffer.getvalue()


def _qr(payload: str):  # type: ignore[no-untyped-def]
    from reportlab.lib.units import mm
    from reportlab.platypus import Image

    return Image(io.BytesIO(_qr_png(payload)), width=28 * mm, height=28 * mm)


def _page_decorator(doc: LetterDoc):  # type: ignore[no-untyped-def]
    from reportlab.lib.units import mm

    def first(canvas, pdf) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        top = pdf.pagesize[1]
        y = top - 18 * mm
        if doc.logo_path and Path(doc.logo_path).exists():
            canvas.drawImage(doc.logo_path, 20 * mm, top - 32 * mm, width=30 * mm,
                             height=15 * mm, preserveAspectRatio=True, mask="auto")
            y = top - 37 * mm
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawString(20 * mm, y, doc.sender.name)
        canvas.setFont(FONT, 8)
        for line in (*doc.sender.address_lines, *doc.sender.extra_lines):
            y -= 3.6 * mm
            canvas.drawString(20 * mm, y, line)
        canvas.setFont(FONT, 10)
        y = top - 50 * mm
        for line in (doc.recipient.name, *doc.recipient.address_lines):
            canvas.drawString(100 * mm, y, line)
            y -= 4.6 * mm
        canvas.restoreState()
        later(canvas, pdf)

    def later(canvas, pdf) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillGray(0.35)
        canvas.drawString(20 * mm, 10 * mm, f"{doc.sender.name} — {doc.reference}")
        canvas.restoreState()

    return first, later


class _NumberedCanvas:
    """Canvas factory that writes "Page n/N" once the page count is known."""

    @staticmethod
    def make(label: str):  # type: ignore[no-untyped-def]
        from reportlab.lib.units import mm
        from reportlab.pdfgen.canvas import Canvas

        class Numbered(Canvas):
            def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
                super().__init__(*args, **kwargs)
                self._pages: list[dict] = []  # type: ignore[type-arg]

            def showPage(self) -> None:  # noqa: N802 - ReportLab's name
                self._pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._pages)
                for state in self._pages:
                    self.__dict__.update(state)
                    if total > 1:
                        self.setFont(FONT, 7.5)
                        self.drawRightString(190 * mm, 10 * mm, label.format(
                            page=self._pageNumber, pages=total))
                    super().showPage()
                super().save()

        return Numbered


def render(docs: Sequence[LetterDoc], path: Path,
           progress: Callable[[int, int], None] | None = None) -> Path:
    """One PDF holding every letter (each starts on a new page, numbered on its own)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak
    from reportlab.platypus import PageTemplate

    _register_fonts()
    styles = _styles()
    pdf = BaseDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                          topMargin=15 * mm, bottomMargin=18 * mm, initialFontName=FONT,
                          title=docs[0].subject
                          if docs else "", author=docs[0].sender.name if docs else "")
    frame = Frame(pdf.leftMargin, pdf.bottomMargin, pdf.width, pdf.height, id="body")
    story: list = []  # type: ignore[type-arg]
    templates = []
    for index, doc in enumerate(docs):
        first, later = _page_decorator(doc)
        templates.append(PageTemplate(id=f"first{index}", frames=[frame], onPage=first))
        templates.append(PageTemplate(id=f"later{index}", frames=[frame], onPage=later))
        if index:
            story.append(NextPageTemplate(f"first{index}"))
            story.append(PageBreak())
        story.append(NextPageTemplate(f"later{index}"))
        story.extend(_story(doc, styles, pdf.width))
        if progress is not None:
            progress(index + 1, len(docs))
    pdf.addPageTemplates(templates)
    label = docs[0].page_label if docs else "{page}/{pages}"
    if len(docs) == 1:
        pdf.build(story, canvasmaker=_NumberedCanvas.make(label))
    else:
        pdf.build(story)
    return path
