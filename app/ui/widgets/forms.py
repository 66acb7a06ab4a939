"""Form building blocks: amount and date fields in the user's format, errors next to fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidInput, Problem, RelanceError
from app.domain.money import parse_amount
from app.i18n import _, format_number
from app.ui.theme import set_tone

ERROR_STYLE = ""  # with the warning tone (app.ui.theme), which follows light and dark
INVALID_BORDER = "border: 1px solid #b03a2e;"


def sentence(message: str) -> str:
    """Service messages start in lower case (they follow a file name on the CLI)."""
    return message[:1].upper() + message[1:]


def message_label(name: str, style: str = ERROR_STYLE) -> QLabel:
    """A wrapped line for a warning or an error, hidden until it has something to say."""
    label = QLabel()
    label.setObjectName(name)
    if style == ERROR_STYLE:
        set_tone(label, "warning")
    else:
        label.setStyleSheet(style)
    label.setWordWrap(True)
    label.hide()
    return label


class AmountEdit(QLineEdit):
    """Accepts '1 234,50', '1234.50' or '1 234,50 €'; never goes through float."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(format_number(Decimal(0)))

    def value(self) -> Decimal | None:
        """None when empty; raises ValueError when the text is not an amount."""
        text = self.text().strip()
        return parse_amount(text) if text else None

    def set_value(self, amount: Decimal | None) -> None:
        self.setText(format_number(amount) if amount is not None else "")


class DateEdit(QDateEdit):
    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setMaximumWidth(150)
        if value is not None:
            self.set_value(value)

    def value(self) -> date:
        day = self.date()
        return date(day.year(), day.month(), day.day())

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


class FieldErrors:
    """Shows each Problem of an InvalidInput under the field named by its `column`."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        set_tone(self.general, "warning")
        self.general.setWordWrap(True)
        self.general.hide()
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add_row(
        self, form: QFormLayout, label: str | QWidget, widget: QWidget, column: str
    ) -> QWidget:
        """Adds `widget` with an (initially hidden) error line below it; returns the cell."""
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{column}")
        set_tone(error, "warning")
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        # never taller than the field and its error: a tall row would centre the field far
        # below its label (the address in the client dialog)
        cell.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        form.addRow(label, cell)
        self.fields[column] = (widget, error)
        return cell

    def clear(self) -> None:
        self.general.hide()
        self.general.clear()
        for widget, label in self.fields.values():
            label.hide()
            label.clear()
            widget.setStyleSheet("")

    def show(self, error: Exception) -> None:
        """Place the problems; those without a known field go to the general line."""
        self.clear()
        if not isinstance(error, InvalidInput):
            self.general.setText(str(error) if isinstance(error, RelanceError) else repr(error))
            self.general.show()
            return
        loose: list[str] = []
        first: QWidget | None = None
        for problem in error.problems:
            target = self.fields.get(problem.column or "")
            if target is None:
                loose.append(problem.message)
                continue
            widget, label = target
            text, message = label.text(), sentence(problem.message)
            label.setText(f"{text}\n{message}" if text else message)
            label.show()
            widget.setStyleSheet(INVALID_BORDER)
            first = first or widget
        if loose:
            self.general.setText("\n".join(sentence(m) for m in loose))
            self.general.show()
        if first is not None:
            first.setFocus()

    def message(self, column: str) -> str:
        return self.fields[column][1].text() if column in self.fields else ""


def parse_field(
    edit: AmountEdit, column: str, problems: list[Problem], required: bool = False
) -> Decimal | None:
    """Read an amount, adding a Problem for `column` when it cannot be read."""
    try:
        value = edit.value()
    except ValueError:
        problems.append(Problem(_("write an amount such as 1 234,50"), column=column))
        return None
    if value is None and required:
        problems.append(Problem(_("this amount is required"), column=column))
    return value
