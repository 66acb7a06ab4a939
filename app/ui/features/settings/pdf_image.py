"""Page 1 of a PDF as a QImage: Qt's own QtPdf when present (PySide6-Addons), else PDFium.

Runs in a worker thread: QImage (unlike QPixmap) may be made there.
"""

from __future__ import annotations

from PySide6.QtGui import QImage

from app.adapters.pdf.pages import can_render, first_page_png


def has_qtpdf() -> bool:
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
    except ImportError:
        return False
    return True


def can_show_pdf() -> bool:
    return has_qtpdf() or can_render()


def first_page(pdf: bytes, dpi: int = 96) -> QImage | None:
    if has_qtpdf():
        return _with_qtpdf(pdf, dpi)
    png = first_page_png(pdf, dpi)
    if png is None:
        return None
    image = QImage()
    return image if image.loadFromData(png, "PNG") else None


def _with_qtpdf(pdf: bytes, dpi: int) -> QImage | None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.pageCount() < 1:
        return None
    points = document.pagePointSize(0)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    image = document.render(0, size)
    document.close()
    return image if not image.isNull() else None
