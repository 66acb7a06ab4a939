"""Printing on paper through Qt's print dialog: a PDF the app wrote (letters) page by page,
or a list as a table.

A PDF is drawn as pictures of its pages (PDFium renders them at the printer's resolution, up
to 300 dpi), one page in memory at a time; Qt allows a QPainter on a QPrinter outside the main
thread, so a long batch prints in the background. A list becomes a table in a QTextDocument:
real text, a heading on the first page, page numbers at the foot of each.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from app.i18n import _, format_date, format_number
from app.services.transfer.spreadsheet import DATE, INTEGER, MONEY, Sheet

MAX_DPI = 300
MAX_ROWS = 2000  # a longer list is exported, not printed (File ▸ Export)


def ask_printer(
    parent: QWidget | None, title: str, pages: int = 0, landscape: bool = False
) -> QPrinter | None:
    """The print dialog; the printer chosen, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    if landscape:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    if pages:
        printer.setFromTo(1, pages)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print: {title}").format(title=title))
    if pages:
        dialog.setMinMax(1, pages)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def print_pdf(
    pdf: bytes, printer: QPrinter, progress: Callable[[int, int], None] | None = None
) -> int:
    """Print the pages of `pdf` (those chosen in the dialog) fitted to the printable area,
    keeping their proportions; the number of pages printed."""
    from app.adapters.pdf.pages import page_count, raster_pages  # the PDF stack, when printing

    total = page_count(pdf)
    first, last = printer.fromPage() or 1, printer.toPage() or total
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("the printer could not be opened"))
    printed = 0
    try:
        for number, (width, height, stride, pixels) in enumerate(raster_pages(pdf, dpi), 1):
            if number < first or number > last:
                continue
            if printed:
                printer.newPage()
            image = QImage(pixels, width, height, stride, QImage.Format.Format_RGB888)
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
            printed += 1
            if progress is not None:
                progress(printed, last - first + 1)
    finally:
        painter.end()
    return printed


def cell_text(value: Any, kind: str) -> str:
    if value is None or value == "":
        return ""
    if kind == MONEY and isinstance(value, Decimal):
        return format_number(value)
    if kind == DATE and isinstance(value, date):
        return format_date(value)
    if kind == INTEGER:
        return format_number(Decimal(value), decimals=0)
    return str(value)


def sheet_html(sheet: Sheet, heading: str, note: str = "") -> str:
    """The list as an HTML table QTextDocument prints; amounts and numbers right-aligned."""
    right = {i for i, c in enumerate(sheet.columns) if c.kind in (MONEY, INTEGER)}
    head = "".join(
        f'<th align="{"right" if i in right else "left"}">{html.escape(c.title)}</th>'
        for i, c in enumerate(sheet.columns)
    )
    body = []
    for row in sheet.rows[:MAX_ROWS]:
        cells = "".join(
            f'<td align="{"right" if i in right else "left"}">'
            f"{html.escape(cell_text(v, sheet.columns[i].kind))}</td>"
            for i, v in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    remark = f"<p>{html.escape(note)}</p>" if note else ""
    return (
        "<html><body style='font-size:8pt'>"
        f"<h3>{html.escape(heading)}</h3>{remark}"
        "<table border='0.5' cellspacing='0' cellpadding='2' width='100%'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        "</body></html>"
    )


def print_sheet(sheet: Sheet, printer: QPrinter, heading: str, note: str = "") -> None:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(sheet_html(sheet, heading, note))
    document.print_(printer)
