"""One client: contact card, figures, statement of account, open invoices, payments, history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.insight.behaviour import months_before
from app.i18n import _
from app.services.followup.client_policy import PolicyOptions
from app.services.ledger.client_account import ClientAccount, Statement
from app.services.ledger.clients import ClientData
from app.ui.features.clients.documents import ClientDocuments
from app.ui.features.clients.history import history_columns
from app.ui.features.clients.model import CHANNELS
from app.ui.features.clients.parts import (
    FIGURE_STYLE,
    CreditRow,
    Figure,
    LimitationLine,
    Opening,
    RiskLine,
    behaviour_texts,
    open_invoice_columns,
    payment_columns,
    risk_text,
    risk_tooltip,
    select_payment,
)
from app.ui.features.clients.reminded import open_already_reminded
from app.ui.features.clients.statement import PERIODS, statement_columns
from app.ui.theme import colour, set_tone
from app.ui.widgets.format import money, money_by_currency
from app.ui.widgets.forms import DateEdit
from app.ui.widgets.header_memory import remember_header
from app.ui.widgets.legal import legal_id_label
from app.ui.widgets.table_model import RowsModel
from app.ui.widgets.tables import make_table, scaled


class ClientDetail(QWidget):
    back = Signal()
    edit = Signal(object)  # ClientData
    new_invoice = Signal(object)
    record_payment = Signal(object)
    apply_credit = Signal(object)
    open_invoice = Signal(int)

    def __init__(self, services: Any, context: Any) -> None:
        super().__init__()
        self.services = services
        self.context = context
        self.client: ClientData | None = None
        self.client_id: int | None = None
        self.account: ClientAccount | None = None
        self.payment_to_show: int | None = None

        self.back_button = QPushButton(_("← Clients"))
        self.back_button.setToolTip(_("Back to the register (Esc)"))
        self.back_button.clicked.connect(self.back)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 17px; font-weight: 600;")
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title, 1)
        actions = QHBoxLayout()  # a row of its own: the page fits a small or scaled screen
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip in (
            ("edit", _("Edit…"), "F2"),
            ("invoice", _("New invoice…"), ""),
            ("payment", _("Record a payment…"), ""),
            ("credit", _("Apply credit…"), ""),
            ("reminded", _("Already reminded…"), _("A reminder sent outside Relance")),
        ):
            button = QPushButton(text)
            if tip:
                button.setToolTip(tip)
            actions.addWidget(button)
            self.buttons[key] = button
        self.buttons["edit"].clicked.connect(lambda: self.client and self.edit.emit(self.client))
        self.buttons["invoice"].clicked.connect(lambda: self.new_invoice.emit(self.client))
        self.buttons["payment"].clicked.connect(lambda: self.record_payment.emit(self.client))
        self.buttons["credit"].clicked.connect(lambda: self.apply_credit.emit(self.client))
        self.documents = ClientDocuments(self, header, actions)
        actions.addStretch(1)
        self.buttons["reminded"].clicked.connect(lambda: open_already_reminded(self))
        self.reminded_dialog: Any = None

        self.limitation = LimitationLine()
        self.card = QLabel()
        self.card.setWordWrap(True)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setMinimumWidth(260)
        self.card.setMaximumWidth(340)
        self.card.setContentsMargins(8, 8, 8, 8)
        self.figures = {
            key: Figure(title)
            for key, title in (
                ("balance", _("Open balance")),
                ("overdue", _("Overdue")),
                ("oldest", _("Oldest overdue")),
                ("credit", _("Credit available")),
                ("late", _("Average days late")),
                ("on_time", _("Paid on time (12 months)")),
                ("to_pay", _("Average days to pay")),
                ("risk", _("Risk grade")),
            )
        }
        grid = QGridLayout()
        for index, figure in enumerate(self.figures.values()):
            grid.addWidget(figure, index // 4, index % 4)

        self.tabs = QTabWidget()
        self._build_statement()
        self.open_model = RowsModel(open_invoice_columns(self.context.today), self)
        self.payments_model = RowsModel(payment_columns(), self)
        self.history_model = RowsModel(history_columns(), self)
        self.open_table = self._tab(
            self.open_model, _("Open invoices"), (110, 90, 90, 120, 120, 140), "client_open"
        )
        self.open_table.doubleClicked.connect(self._open_invoice)
        self.payments_table = self._tab(
            self.payments_model,
            _("Payments and credit"),
            (90, 110, 120, 120, 150),
            "client_payments",
        )
        self._tab(self.history_model, _("History"), (90, 175, 165, 90, 300), "client_history")

        right = QVBoxLayout()
        right.addLayout(grid)
        self.risk_line = RiskLine()
        right.addWidget(self.risk_line)
        right.addWidget(self.tabs, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.card)
        middle.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(actions)
        layout.addWidget(self.limitation)
        layout.addLayout(middle, 1)

    # -- tabs ---------------------------------------------------------------------------
    def _tab(self, model: RowsModel, title: str, widths: tuple[int, ...], key: str) -> Any:
        table = make_table()
        table.setModel(model)
        for column, width in enumerate(widths):
            table.setColumnWidth(column, scaled(width, table))
        remember_header(table, key, self.context.window_settings)
        self.tabs.addTab(table, title)
        return table

    def _build_statement(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.period = QComboBox()
        for key, label in PERIODS:
            self.period.addItem(_(label), key)
        today = self.context.today()
        self.date_from = DateEdit(months_before(today, 12))
        self.date_to = DateEdit(today)
        bar.addWidget(QLabel(_("Period")))
        bar.addWidget(self.period)
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel("→"))
        bar.addWidget(self.date_to)
        bar.addStretch(1)
        self.statement_total = QLabel()
        bar.addWidget(self.statement_total)
        self.statement_model = RowsModel(statement_columns(), self)
        self.statement_table = make_table()
        self.statement_table.setModel(self.statement_model)
        for column, width in enumerate((90, 95, 120, 200, 110, 110, 120)):
            self.statement_table.setColumnWidth(column, scaled(width, self.statement_table))
        remember_header(self.statement_table, "client_statement", self.context.window_settings)
        box.addLayout(bar)
        box.addWidget(self.statement_table, 1)
        self.tabs.addTab(page, _("Statement of account"))
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.date_from.dateChanged.connect(lambda _d: self._custom_dates())
        self.date_to.dateChanged.connect(lambda _d: self._custom_dates())

    # -- loading ------------------------------------------------------------------------
    def show_client(self, client_id: int) -> None:
        self.client_id = client_id
        self.documents.warn_if_local()
        self.refresh()

    def refresh(self) -> None:
        if self.client_id is None:
            return
        client_id, today = self.client_id, self.context.today()
        run, error = self.context.tasks.run, self.context.show_error
        clients = self.services.clients
        run(
            lambda: (clients.get(client_id), clients.policy_options()),
            lambda loaded: self._show_card(*loaded),
            error,
        )
        run(lambda: self.services.accounts.account(client_id, today), self._show_account, error)
        risk = self.services.analytics.client_risk
        run(lambda: risk(client_id, today), lambda found: self._show_risk(*found), error)
        run(lambda: self.services.accounts.history(client_id), self.history_model.set_rows, error)
        warnings = self.services.claims.limitation_warnings
        run(lambda: warnings(client_id, today), self.limitation.show_warnings, error)
        self._load_statement()

    def _show_card(self, client: ClientData, policies: PolicyOptions | None = None) -> None:
        self.client = client
        archived = _(" — archived") if client.archived else ""
        self.title.setText(f"{client.name} ({client.code}){archived}")
        lines = [f"<b>{escape(client.name)}</b>"]
        lines += [escape(x) for x in client.address.splitlines() if x.strip()]
        place = " ".join(x for x in (client.postcode, client.city) if x)
        if place or client.country:
            lines.append(escape(" ".join(x for x in (place, client.country) if x)))
        lines.append("")
        if client.email:
            lines.append(f"✉ {escape(client.email)}")
        if client.phone:
            lines.append(f"☎ {escape(client.phone)}")
        for contact in client.contacts:
            mark = " ★" if contact.is_reminder_contact else ""
            who = ", ".join(x for x in (contact.name, contact.role) if x)
            how = " · ".join(x for x in (contact.email, contact.phone) if x)
            lines.append(f"{escape(who)}{mark}<br><small>{escape(how)}</small>")
        lines.append("")
        lines.append(
            _("Channel: {channel}").format(
                channel=_(CHANNELS.get(client.preferred_channel, client.preferred_channel))
            )
        )
        lines.append(
            _("Terms: {terms}").format(terms=escape(client.payment_terms) or _("company default"))
        )
        policy = policies.applied(client.client_type, client.dunning_policy) if policies else None
        if policy is not None:
            name = escape(policy.label)
            lines.append(
                _("Reminder policy: {name}").format(
                    name=name if client.dunning_policy else _("{name} (default)").format(name=name)
                )
            )
        if client.credit_limit is not None:
            lines.append(_("Credit limit: {amount}").format(amount=money(client.credit_limit)))
        if client.legal_id:
            label = legal_id_label(client.country)
            lines.append(_("{label}: {id}").format(label=label, id=escape(client.legal_id)))
        if client.vat_number:
            lines.append(_("VAT: {number}").format(number=escape(client.vat_number)))
        if client.iban:
            lines.append(f"IBAN: {escape(client.iban)}")
        if client.dunning_blocked:
            lines.append(
                f"<span style='color:{colour('warning').name()}'>⛔ "
                + escape(
                    _("Reminders blocked: {reason}").format(reason=client.dunning_blocked_reason)
                )
                + "</span>"
            )
        if client.notes:
            lines.append("<i>" + escape(client.notes).replace("\n", "<br>") + "</i>")
        self.card.setText("<br>".join(lines))

    def _show_account(self, account: ClientAccount) -> None:
        self.account = account
        f = self.figures
        f["balance"].value.setText(money_by_currency(account.balances))
        f["overdue"].value.setText(money_by_currency(account.overdue))
        set_tone(f["overdue"].value, "warning" if account.overdue else None, FIGURE_STYLE)
        f["oldest"].value.setText(
            _("{days} days").format(days=account.oldest_overdue_days)
            if account.oldest_overdue_days
            else "—"
        )
        credit: dict[str, Decimal] = {}
        for c in account.credits:
            credit[c.currency] = credit.get(c.currency, Decimal(0)) + c.remaining
        f["credit"].value.setText(money_by_currency(credit))
        for key, text in behaviour_texts(account.behaviour).items():
            f[key].value.setText(text)
        self.open_model.set_rows(account.open_invoices)
        rows = [
            CreditRow(
                "payment",
                p.date,
                p.currency,
                p.amount,
                p.amount - p.allocated,
                p.reference or p.method,
                p.id,
            )
            for p in account.payments
        ]
        rows += [
            CreditRow("credit_note", c.date, c.currency, c.amount, c.remaining, c.label)
            for c in account.credits
            if c.source_kind == "credit_note"
        ]
        rows.sort(key=lambda r: r.date, reverse=True)
        self.payments_model.set_rows(rows)
        if self.payment_to_show is not None:  # opened from the search: that payment selected
            self.tabs.setCurrentWidget(self.payments_table)
            select_payment(self.payments_table, rows, self.payment_to_show)
            self.payment_to_show = None
        self.buttons["credit"].setEnabled(bool(account.credits) and bool(account.open_invoices))

    # -- statement period ---------------------------------------------------------------
    def _show_risk(self, grade: str, reasons: list[str]) -> None:
        """The grade and its reasons as the register computes them (reminders included)."""
        self.figures["risk"].value.setText(risk_text(grade))
        self.figures["risk"].setToolTip(risk_tooltip(grade, reasons))
        self.risk_line.show_risk(grade, reasons)

    def _period_chosen(self) -> None:
        key = self.period.currentData()
        today = self.context.today()
        bounds = {
            "12m": (months_before(today, 12), today),
            "year": (date(today.year, 1, 1), today),
            "last_year": (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
        }.get(key)
        custom = key == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if bounds is not None:
            for edit, value in zip((self.date_from, self.date_to), bounds, strict=True):
                edit.blockSignals(True)
                edit.set_value(value)
                edit.blockSignals(False)
        self._load_statement()

    def _custom_dates(self) -> None:
        if self.period.currentData() == "custom":
            self._load_statement()

    def _load_statement(self) -> None:
        if self.client_id is None:
            return
        client_id = self.client_id
        whole = self.period.currentData() == "all"
        start = None if whole else self.date_from.value()
        end = None if whole else self.date_to.value()
        self.context.tasks.run(
            lambda: self.services.accounts.statement(client_id, start, end),
            self._show_statement,
            self.context.show_error,
        )

    def _show_statement(self, statement: Statement) -> None:
        rows: list[Any] = []
        if statement.date_from is not None:
            rows = [
                Opening(statement.date_from, cur, amount)
                for cur, amount in sorted(statement.opening.items())
            ]
        rows += statement.lines
        self.statement_model.set_rows(rows)
        self.statement_total.setText(
            _("Balance at the end of the period: {amounts}").format(
                amounts=money_by_currency(statement.closing)
                if any(statement.closing.values())
                else money(Decimal(0))
            )
        )
        self.statement_table.scrollToBottom()

    def _open_invoice(self, index: Any) -> None:
        if self.account is not None and index.isValid():
            self.open_invoice.emit(self.open_model.row(index.row()).invoice_id)
