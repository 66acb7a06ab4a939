"""Dialogs of the calendar: preview, call outcome, snooze to a date, skip with a reason."""

from __future__ import annotations

import html
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import parse_amount
from app.i18n import N_, _, format_date, format_number
from app.services.followup.documents import PreviewTable
from app.services.followup.labels import channel_name
from app.services.followup.service import CallOutcome, PlanItem, Preview
from app.ui.features.reminders.icons import channel_pixmap
from app.ui.features.reminders.model import action_label, amount_text
from app.ui.theme import colour, set_tone
from app.ui.widgets.format import money_by_currency

SKIP_REASONS = (
    N_("The client called us"),
    N_("Payment announced by the client"),
    N_("Handled by phone"),
    N_("Not relevant for this client"),
)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date, minimum: date | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    if minimum is not None:
        edit.setMinimumDate(to_qdate(minimum))
    return edit


def _header(item: PlanItem) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    icon = QLabel()
    icon.setPixmap(channel_pixmap(item.action.channel.value, 24))
    text = QLabel(
        _("<b>{action}</b> — {client}<br>{invoices} · {amount}").format(
            action=html.escape(action_label(item)),
            client=html.escape(item.client.name),
            invoices=html.escape(", ".join(item.action.invoice_numbers)),
            amount=html.escape(amount_text(item)),
        )
    )
    text.setTextFormat(Qt.TextFormat.RichText)
    row.addWidget(icon)
    row.addWidget(text, 1)
    return box


def _table_html(table: PreviewTable) -> str:
    def cell(tag: str, text: str, column: int) -> str:
        align = ' align="right"' if column in table.right_columns else ""
        return f"<{tag}{align}>{html.escape(text)}</{tag}>"

    head = "".join(cell("th", h, i) for i, h in enumerate(table.headers))
    rows = "".join(
        "<tr>" + "".join(cell("td", c, i) for i, c in enumerate(row)) + "</tr>"
        for row in table.rows
    )
    span = len(table.headers) - 1
    totals = "".join(
        f'<tr><td colspan="{span}" align="right"><b>{html.escape(label)}</b></td>'
        f'<td align="right"><b>{html.escape(amount)}</b></td></tr>'
        for label, amount in table.totals
    )
    return (
        f'<table border="0" cellspacing="0" cellpadding="4" width="100%">'
        f'<tr style="background:{colour("table_head").name()}">{head}</tr>{rows}{totals}</table>'
    )


def preview_html(preview: Preview) -> str:
    """Paragraphs keep their lines (bank details, signature): a blank line between them."""
    blocks = preview.blocks or preview.paragraphs
    return "".join(
        _table_html(b)
        if isinstance(b, PreviewTable)
        else "<p>{}</p>".format(html.escape(b).replace("\n", "<br>"))
        for b in blocks
    )


class PreviewDialog(QDialog):
    """What the action sends, before it is sent; 'Do it' from here closes with DO_IT."""

    DO_IT = 2

    def __init__(self, item: PlanItem, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preview — {action}").format(action=preview.title))
        self.resize(640, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(_header(item))
        meta = QLabel(
            _("To: {recipient} · by {channel}").format(
                recipient=", ".join(line for line in preview.recipient if line),
                channel=channel_name(preview.channel),
            )
        )
        meta.setWordWrap(True)
        layout.addWidget(meta)
        self.body = QTextBrowser()
        self.body.setHtml(f"<h3>{html.escape(preview.subject)}</h3>{preview_html(preview)}")
        layout.addWidget(self.body, 1)
        if preview.attachments:
            attached = QLabel(_("Attached: {files}").format(files=", ".join(preview.attachments)))
            attached.setWordWrap(True)
            layout.addWidget(attached)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.pdf_button = buttons.addButton(
            _("Open the PDF"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.pdf_button.setVisible(preview.produces_document)
        self.do_button = buttons.addButton(_("Do it"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(lambda: self.done(self.DO_IT))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class CallOutcomeDialog(QDialog):
    """How the call went: promise (date, amount), dispute (reason), wrong contact, no answer."""

    KINDS = (
        ("promise", N_("Promise to pay")),
        ("dispute", N_("The client disputes the invoice")),
        ("wrong_contact", N_("Wrong contact")),
        ("no_answer", N_("No answer — call again on the next working day")),
    )

    def __init__(self, item: PlanItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(_("Call outcome — {client}").format(client=item.client.name))
        layout = QVBoxLayout(self)
        layout.addWidget(_header(item))
        if item.client.phone:
            phone = QLabel(_("Phone: {phone}").format(phone=item.client.phone))
            phone.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(phone)
        self.kinds = QButtonGroup(self)
        grid = QGridLayout()
        self.buttons: dict[str, QRadioButton] = {}
        for row, (kind, label) in enumerate(self.KINDS):
            button = QRadioButton(_(label))
            self.kinds.addButton(button, row)
            self.buttons[kind] = button
            grid.addWidget(button, row * 2, 0, 1, 3)
        self.promised_date = date_edit(today + timedelta(days=7), today)
        amounts = list(item.action.amounts.values())
        self.promised_amount = QLineEdit(format_number(amounts[0]) if len(amounts) == 1 else "")
        self.promised_amount.setPlaceholderText(_("amount (optional)"))
        promise = QHBoxLayout()
        promise.addWidget(QLabel(_("on")))
        promise.addWidget(self.promised_date)
        promise.addWidget(QLabel(_("amount")))
        promise.addWidget(self.promised_amount)
        grid.addLayout(promise, 1, 1)
        layout.addLayout(grid)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(_("Notes (what was said; required for a dispute)"))
        self.note.setFixedHeight(80)
        layout.addWidget(self.note)
        self.error = QLabel()
        set_tone(self.error, "warning")
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.buttons["promise"].setChecked(True)
        self.kinds.idToggled.connect(lambda _id, _on: self._sync())
        self._sync()

    def kind(self) -> str:
        return self.KINDS[self.kinds.checkedId()][0]

    def _sync(self) -> None:
        is_promise = self.kind() == "promise"
        self.promised_date.setEnabled(is_promise)
        self.promised_amount.setEnabled(is_promise)

    def outcome(self) -> CallOutcome:
        """The outcome the form describes; ValueError with a sentence when it is incomplete."""
        kind = self.kind()
        note = self.note.toPlainText().strip()
        if kind == "dispute" and not note:
            raise ValueError(_("say what the client disputes"))
        if kind != "promise":
            return CallOutcome(kind, note)
        amount = None
        text = self.promised_amount.text().strip()
        if text:
            try:
                amount = parse_amount(text)
            except ValueError as error:
                raise ValueError(_("the promised amount is not an amount")) from error
        return CallOutcome(kind, note, to_date(self.promised_date.date()), amount)

    def _accept(self) -> None:
        try:
            self.outcome()
        except ValueError as error:
            self.error.setText(str(error))
            return
        self.accept()


class SnoozeDialog(QDialog):
    """Nothing for these invoices until the chosen date; quick picks for the usual delays."""

    def __init__(self, item: PlanItem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Snooze — {client}").format(client=item.client.name))
        layout = QVBoxLayout(self)
        layout.addWidget(_header(item))
        self.until = date_edit(today + timedelta(days=7), today + timedelta(days=1))
        picks = QHBoxLayout()
        monday = today + timedelta(days=7 - today.weekday())
        for label, day in (
            (_("Tomorrow"), today + timedelta(days=1)),
            (_("Next Monday"), monday),
            (_("In two weeks"), today + timedelta(days=14)),
        ):
            button = QPushButton(label)
            button.setToolTip(format_date(day, style="long"))
            button.clicked.connect(lambda _c=False, d=day: self.until.setDate(to_qdate(d)))
            picks.addWidget(button)
        form = QFormLayout()
        form.addRow(_("Until"), self.until)
        form.addRow("", _wrap(picks))
        self.note = QLineEdit()
        form.addRow(_("Note"), self.note)
        layout.addLayout(form)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def chosen(self) -> tuple[date, str]:
        return to_date(self.until.date()), self.note.text().strip()


class SkipDialog(QDialog):
    """Skipping needs a reason, kept in the client's history."""

    def __init__(self, item: PlanItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Skip — {client}").format(client=item.client.name))
        layout = QVBoxLayout(self)
        layout.addWidget(_header(item))
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems([""] + [_(r) for r in SKIP_REASONS])
        editor = self.reason.lineEdit()
        assert editor is not None  # an editable combo box has one
        editor.setPlaceholderText(_("Why is this action skipped?"))
        form = QFormLayout()
        form.addRow(_("Reason"), self.reason)
        layout.addLayout(form)
        self.box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)
        self.reason.currentTextChanged.connect(lambda _t: self._sync())
        self._sync()

    def _sync(self) -> None:
        ok = self.box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.currentText().strip()))

    def text(self) -> str:
        return self.reason.currentText().strip()


def _wrap(layout: QHBoxLayout) -> QWidget:
    holder = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(layout)
    return holder


def confirm_text(item: PlanItem) -> str:
    return _(
        "{action} for {client} ({amount}): this step needs your confirmation. Go ahead?"
    ).format(
        action=action_label(item),
        client=item.client.name,
        amount=money_by_currency(dict(item.action.amounts)),
    )
