"""Table views set up the way every list of the app behaves (fixed rows, sorting, selection)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget


def make_table(parent: QWidget | None = None) -> QTableView:
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setHighlightSections(False)
    return table


def fit_titles(table: QTableView) -> None:
    """Widen every column narrower than its title (a longer translation, a larger font), with
    room for the sort arrow; stretched columns share what is left and are not touched."""
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    room = 2 * margin + 2 + (arrow + margin if table.isSortingEnabled() else 0)
    font = header.font()
    font.setBold(header.highlightSections())  # a selected row draws the titles in bold
    metrics = QFontMetrics(font)
    last = header.count() - 1
    for section in range(header.count()):
        title = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        need = max((metrics.horizontalAdvance(line) for line in title.split("\n")), default=0)
        if not need:
            continue
        mode = header.sectionResizeMode(section)
        if section == last and header.stretchLastSection():
            continue  # it takes what is left
        if mode == QHeaderView.ResizeMode.Stretch:
            # a stretched column shrinks down to the smallest size of any column, no further
            header.setMinimumSectionSize(max(header.minimumSectionSize(), need + room))
        elif mode in (QHeaderView.ResizeMode.Interactive, QHeaderView.ResizeMode.Fixed) and (
            header.sectionSize(section) < need + room
        ):
            header.resizeSection(section, need + room)


BASE_POINTS = 9.0  # default column widths are given for a 9-point font


def scaled(width: int, widget: QWidget) -> int:
    """A default width in pixels for a 9-point font, grown with a larger font (Windows' larger
    text, macOS' 13-point default) so dates and amounts stay whole."""
    points = widget.font().pointSizeF()
    return round(width * max(1.0, points / BASE_POINTS)) if points > 0 else width
