"""What a shown widget tree gets wrong: text wider than its widget, or text of the other language.

`problems(root, lang)` walks every visible QLabel, button, group box title, line edit
placeholder, tab, column header of a visible table, combo box item and window title under
`root` (already shown and laid out) and returns one sentence per fault. docs/testing.md says how
each width is measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel.messages.pofile import read_po
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayoutItem,
    QLineEdit,
    QListView,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTabBar,
    QToolButton,
    QTreeView,
    QWidget,
)

from tests.ui.language_check import ENDONYMS, ROOT, french_catalogue

SLACK = 1  # a pixel of rounding between the metrics and the painter
TITLE_BAR = 120  # the window's icon and its three buttons take this much of the title bar


@dataclass(frozen=True)
class Allowed:
    """A text shortened on purpose (Qt elides it and shows the whole in a tooltip)."""

    object_name: str
    reason: str


# Widgets whose text is elided by design; each says why. Key: the widget's objectName.
ELIDED_ON_PURPOSE: dict[str, Allowed] = {}

# Widgets showing the user's own data (their words, in any language): no language check.
USER_DATA: dict[str, Allowed] = {
    "preview_table": Allowed("preview_table", "the import wizard shows the file's own headers"),
}


def _users(widget: QWidget) -> bool:
    """Inside a widget of USER_DATA (a table's header is a child of the table)."""
    while widget is not None:
        if widget.objectName() in USER_DATA:
            return True
        widget = widget.parentWidget()
    return False


def plain(text: str) -> str:
    """The text as painted: mnemonics dropped ("&&" is a real ampersand)."""
    return re.sub(r"&(.)", r"\1", text)


def _lines(text: str) -> list[str]:
    return plain(text).replace("\u2028", "\n").split("\n")


def _advance(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in _lines(text)), default=0)


def _shown(widget: QWidget, root: QWidget) -> bool:
    return (
        widget.isVisible() and widget.width() > 0 and (widget is root or widget.isVisibleTo(root))
    )


def _where(widget: QWidget) -> str:
    name = widget.objectName()
    window = widget.window()
    return f"{type(widget).__name__}{f' #{name}' if name else ''} in {type(window).__name__}"


def _fault(widget: QWidget, text: str, need: int, room: int, what: str = "") -> str:
    label = f" {what}" if what else ""
    return f"clipped{label}: {_where(widget)} {plain(text)!r} needs {need}px, has {room}px"


def _label(label: QLabel) -> list[str]:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    rect = label.contentsRect()
    margin = label.margin()
    room = QRect(rect).adjusted(margin, margin, -margin, -margin)
    if label.indent() > 0:
        room.setLeft(room.left() + label.indent())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(label.font())
        document.setHtml(text)
        shown = document.toPlainText()
        if label.wordWrap():
            document.setTextWidth(room.width())
            need = int(document.size().height())
            if need > room.height() + SLACK:
                return [_fault(label, shown, need, room.height(), "height")]
            return []
        need = int(document.idealWidth())
        if need > room.width() + SLACK:
            return [_fault(label, shown, need, room.width())]
        return []
    metrics = label.fontMetrics()
    if label.wordWrap():
        flags = Qt.TextFlag.TextWordWrap | int(label.alignment().value)
        bounds = metrics.boundingRect(QRect(0, 0, room.width(), 100000), flags, plain(text))
        if bounds.height() > room.height() + SLACK:
            return [_fault(label, text, bounds.height(), room.height(), "height")]
        return []
    need = _advance(metrics, text)
    if need > room.width() + SLACK:
        return [_fault(label, text, need, room.width())]
    return []


def _icon_room(button: QAbstractButton) -> int:
    if button.icon().isNull():
        return 0
    return button.iconSize().width() + 4


def _button(button: QAbstractButton) -> list[str]:
    text = button.text()
    if not text:
        return []
    style = button.style()
    option = QStyleOptionButton()
    if isinstance(button, QCheckBox):
        button.initStyleOption(option)
        rect = style.subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, button)
        room = rect.width() - _icon_room(button)
    elif isinstance(button, QRadioButton):
        button.initStyleOption(option)
        rect = style.subElementRect(QStyle.SubElement.SE_RadioButtonContents, option, button)
        room = rect.width() - _icon_room(button)
    elif isinstance(button, QPushButton):
        button.initStyleOption(option)
        rect = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        room = rect.width() - _icon_room(button)
        if button.menu() is not None:
            room -= style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    elif isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            return []
        room = button.contentsRect().width() - 6
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon:
            room -= _icon_room(button)
    else:
        return []
    need = _advance(button.fontMetrics(), text)
    if need > room + SLACK:
        return [_fault(button, text, need, room)]
    return []


def _group_box(box: QGroupBox) -> list[str]:
    if not box.title():
        return []
    room = box.width() - 16
    if box.isCheckable():
        room -= box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 4
    need = _advance(box.fontMetrics(), box.title())
    return [_fault(box, box.title(), need, room, "title")] if need > room + SLACK else []


def _line_edit(line: QLineEdit) -> list[str]:
    text = line.placeholderText()
    if not text or line.text():  # a placeholder shows only while the field is empty
        return []
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    rect = line.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
    margins = line.textMargins()
    room = rect.width() - margins.left() - margins.right() - 4  # Qt's 2px on each side
    need = _advance(line.fontMetrics(), text)
    return [_fault(line, text, need, room, "placeholder")] if need > room + SLACK else []


def _combo(combo: QComboBox) -> list[str]:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox,
        option,
        QStyle.SubControl.SC_ComboBoxEditField,
        combo,
    )
    metrics = combo.fontMetrics()
    found = []
    for index in range(combo.count()):
        text = combo.itemText(index)
        icon = 0 if combo.itemIcon(index).isNull() else combo.iconSize().width() + 4
        room = field.width() - icon - (4 if combo.isEditable() else 0)
        need = metrics.horizontalAdvance(text)
        if text and need > room + SLACK:
            found.append(_fault(combo, text, need, room, "item"))
    return found


def _tab_bar(bar: QTabBar) -> list[str]:
    found = []
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = bar.tabText(index)
        rect = bar.tabRect(index)
        icon = 0 if bar.tabIcon(index).isNull() else bar.iconSize().width() + 4
        room = rect.width() - space - icon
        need = _advance(bar.fontMetrics(), text)
        if text and need > room + SLACK:
            found.append(_fault(bar, text, need, room, "tab"))
        elif rect.right() > bar.width() + SLACK:
            found.append(_fault(bar, text, rect.right(), bar.width(), "tab outside its bar"))
    return found


def _header(header: QHeaderView) -> list[str]:
    model = header.model()
    view = header.parent()
    if model is None or not isinstance(view, QAbstractItemView) or not view.isVisible():
        return []
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    metrics = QFontMetrics(header.font())
    bold = header.font()
    bold.setBold(True)
    found = []
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        if not text:
            continue
        room = header.sectionSize(section) - 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            room -= arrow + margin
        if header.highlightSections():
            metrics = QFontMetrics(bold)
        need = _advance(metrics, text)
        if need > room + SLACK:
            found.append(_fault(header, text, need, room, "column"))
    return found


NUMBER = re.compile(r"^[-+−]?[\d\s\u202f\xa0.,/:%€$£()−-]*\d[\d\s\u202f\xa0.,/:%€$£()−-]*$")
MAX_ROWS = 60  # the rows on screen are enough


def _counts(model: Any, parent: QModelIndex) -> tuple[int, int]:
    counts = []
    for count in (model.rowCount, model.columnCount):
        try:
            counts.append(count(parent))
        except TypeError:  # a table model hides the parent from Python, a list model its columns
            try:
                counts.append(count())
            except TypeError:
                counts.append(1)
    return counts[0], counts[1]


def _indexes(view: QAbstractItemView) -> Iterable[Any]:
    model = view.model()
    todo = [QModelIndex()]
    seen = 0
    while todo and seen < MAX_ROWS:
        parent = todo.pop(0)
        rows, columns = _counts(model, parent)
        for row in range(min(rows, MAX_ROWS)):
            seen += 1
            for column in range(columns):
                index = model.index(row, column, parent)
                yield index
                if column == 0 and isinstance(view, QTreeView) and view.isExpanded(index):
                    todo.append(index)


def _cells(view: QAbstractItemView) -> list[str]:
    """Cells cut short: any item of a plain list (the sidebar), and in tables and trees every
    number, date and amount (a cut name still says who; a cut amount says something false)."""
    if view.model() is None or not view.viewport().isVisible():
        return []
    found = []
    plain_list = isinstance(view, QListView)
    if plain_list and view.wordWrap():
        return []  # its items take the lines they need
    metrics = view.fontMetrics()
    viewport = view.viewport().rect()
    for index in _indexes(view):
        text = str(index.data() or "")
        if not text or not (plain_list or NUMBER.match(text)):
            continue
        rect = view.visualRect(index)
        if rect.isEmpty() or not viewport.intersects(rect):
            continue
        room = rect.width() - 6  # the item's text margins
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            room -= view.iconSize().width() + 4
        if plain_list:
            room = min(room, viewport.width() - rect.left() - 6)
        need = _advance(metrics, text)
        if need > room + SLACK:
            found.append(_fault(view, text, need, room, "cell"))
    return found


def _title(window: QWidget) -> list[str]:
    title = window.windowTitle().replace("[*]", "")
    if not title:
        return []
    room = window.width() - TITLE_BAR
    need = window.fontMetrics().horizontalAdvance(title)
    return [_fault(window, title, need, room, "window title")] if need > room + SLACK else []


def _first_top(field: QLayoutItem, form: QFormLayout) -> int:
    """The top of the first thing shown in a form's field (inside its cell, if it has one)."""
    widget = field.widget()
    if widget is None:
        return int(field.geometry().top())
    while widget.layout() is not None:
        inner = [widget.layout().itemAt(i).widget() for i in range(widget.layout().count())]
        shown = [w for w in inner if w is not None and w.isVisible()]
        if not shown:
            break
        widget = shown[0]
    return int(widget.mapTo(form.parentWidget(), QPoint(0, 0)).y())


def _form_rows(form: QFormLayout) -> list[str]:
    """A label whose top is more than a line and a half from its field's top reads as the
    label of nothing (the field centred in a tall row, or pushed down by another widget)."""
    found = []
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is None or field is None or not isinstance(label.widget(), QLabel):
            continue
        text = label.widget()
        if (
            not text.isVisible()
            or not text.text()
            or (field.widget() and not field.widget().isVisible())
        ):
            continue
        distance = abs(_first_top(field, form) - label.geometry().top())
        if distance > 1.5 * label.geometry().height():
            found.append(
                f"label far from its field: {_where(text)} {plain(text.text())!r} "
                f"{distance}px above or below it"
            )
    return found


def clipped(root: QWidget) -> list[str]:
    """Every text under `root` (shown) that is wider, or taller, than the room it is given."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        if widget.objectName() in ELIDED_ON_PURPOSE:
            continue
        if widget.isWindow():
            found += _title(widget)
        if isinstance(widget, QLabel):
            found += _label(widget)
        elif isinstance(widget, QAbstractButton):
            found += _button(widget)
        elif isinstance(widget, QGroupBox):
            found += _group_box(widget)
        elif isinstance(widget, QLineEdit):
            found += _line_edit(widget)
        elif isinstance(widget, QComboBox):
            found += _combo(widget)
        elif isinstance(widget, QTabBar):
            found += _tab_bar(widget)
        elif isinstance(widget, QHeaderView):
            found += _header(widget)
        elif isinstance(widget, QAbstractItemView):
            found += _cells(widget)
        for form in widget.findChildren(
            QFormLayout, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            found += _form_rows(form)
    return found


# ---- language -------------------------------------------------------------------------------


def texts(root: QWidget) -> list[tuple[QWidget, str]]:
    """Every visible text under `root` with the widget showing it."""
    found: list[tuple[QWidget, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root) or _users(widget):
            continue
        if widget.isWindow():
            found.append((widget, widget.windowTitle()))
        if isinstance(widget, QLabel):
            text = widget.text()
            if GuiQt.mightBeRichText(text) and widget.textFormat() != Qt.TextFormat.PlainText:
                document = QTextDocument()
                document.setHtml(text)
                text = document.toPlainText()
            found.append((widget, text))
        elif isinstance(widget, QAbstractButton):
            found.append((widget, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((widget, widget.title()))
        elif isinstance(widget, QLineEdit):
            found.append((widget, widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            found += [(widget, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            found += [(widget, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            found += [
                (widget, str(model.headerData(s, widget.orientation()) or ""))
                for s in range(widget.count())
                if not widget.isSectionHidden(s)
            ]
    return [(w, plain(t).strip()) for w, t in found if t and plain(t).strip()]


def _messages(lang: str) -> Iterable[tuple[str, str]]:
    """(msgid, msgstr) pairs of a catalogue, plural forms each on its own."""
    if lang == "fr":
        catalogue = french_catalogue()
    else:
        with (ROOT / "translations" / lang / "LC_MESSAGES" / "relance.po").open("rb") as handle:
            catalogue = read_po(handle, locale=lang)
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, string in enumerate(strings):
            yield ids[min(index, len(ids) - 1)], string


@cache
def foreign(lang: str) -> frozenset[str]:
    """Texts that belong to the other language only (shown as a whole, they are a leak).

    French window: an English msgid whose French differs. English window: a French msgstr
    that is no English text too (neither a msgid nor an English msgstr)."""
    french = {plain(i).strip(): plain(s).strip() for i, s in _messages("fr") if s and "{" not in i}
    english = {plain(i).strip() for i, _s in _messages("en")}
    english |= {plain(s).strip() for _i, s in _messages("en") if s}
    if lang == "fr":
        found = {i for i, s in french.items() if s != i and len(i) > 1}
    else:
        found = {s for s in french.values() if s not in english and len(s) > 1}
    return frozenset(found - ENDONYMS - {"Français"})


def other_language(root: QWidget, lang: str) -> list[str]:
    leaks = foreign(lang)
    return sorted(
        {f"other language: {_where(w)} shows {t!r}" for w, t in texts(root) if t in leaks}
    )


def problems(root: QWidget, lang: str) -> list[str]:
    return clipped(root) + other_language(root, lang)
