"""Parts of the client page: its figure boxes, table columns and the plain rows it adds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from app.i18n import N_, _, format_number, ngettext
from app.ui.theme import set_tone
from app.ui.widgets.format import day, money
from app.ui.widgets.status import WARNING, status_icon
from app.ui.widgets.table_model import Column

FIGURE_STYLE = "font-size: 15px; font-weight: 600;"
KIND_TEXT = {
    "invoice": N_("Invoice"),
    "credit_note": N_("Credit note"),
    "payment": N_("Payment"),
    "write_off": N_("Written off"),
    "opening": N_("Opening"),
}


class Opening:
    """The statement's first line: the balance brought forward."""

    kind = "opening"
    label = detail = ""

    def __init__(self, when: date, currency: str, balance: Decimal) -> None:
        self.date, self.currency, self.balance = when, currency, balance
        self.amount = Decimal(0)


class CreditRow:
    """One payment or credit note of the payments tab."""

    def __init__(
        self,
        kind: str,
        when: date,
        currency: str,
        amount: Decimal,
        remaining: Decimal,
        label: str,
        source_id: int | None = None,
    ) -> None:
        self.kind, self.date, self.currency = kind, when, currency
        self.amount, self.remaining, self.label = amount, remaining, label
        self.source_id = source_id  # the payment's id, for a payment


def select_payment(table: Any, rows: list[CreditRow], payment_id: int) -> bool:
    """Select and show the payment's row in the payments tab; False when it is not listed."""
    for index, row in enumerate(rows):
        if row.kind == "payment" and row.source_id == payment_id:
            table.selectRow(index)
            table.scrollTo(table.model().index(index, 0))
            return True
    return False


def statement_detail(row: Any) -> str:
    if row.kind == "invoice" and row.detail:
        return _("due {date}").format(date=day(date.fromisoformat(row.detail[:10])))
    if row.kind == "opening":
        return _("Balance brought forward")
    return str(row.detail)


def open_invoice_columns(today: Callable[[], date]) -> list[Column]:
    """The open invoices tab; `today` is read at paint time."""
    return [
        Column(_("Number"), lambda r: r.number),
        Column(_("Issued"), lambda r: day(r.issue_date)),
        Column(_("Due"), lambda r: day(r.due_date)),
        Column(_("Total"), lambda r: money(r.total, r.currency), right=True),
        Column(_("Left to pay"), lambda r: money(r.balance, r.currency), right=True),
        Column(
            _("Status"),
            lambda r: (
                _("Disputed")
                if r.disputed
                else (
                    ngettext(
                        "{days} day late", "{days} days late", (today() - r.due_date).days
                    ).format(days=(today() - r.due_date).days)
                    if r.due_date < today()
                    else _("Not yet due")
                )
            ),
            tone=lambda r: WARNING if r.disputed or r.due_date < today() else None,
            icon=lambda r: (
                status_icon("disputed")
                if r.disputed
                else (status_icon("overdue") if r.due_date < today() else status_icon("open"))
            ),
        ),
    ]


def payment_columns() -> list[Column]:
    return [
        Column(_("Date"), lambda r: day(r.date)),
        Column(_("Type"), lambda r: _("Payment") if r.kind == "payment" else _("Credit note")),
        Column(_("Amount"), lambda r: money(r.amount, r.currency), right=True),
        Column(
            _("Not yet applied"),
            lambda r: money(r.remaining, r.currency) if r.remaining else "",
            right=True,
        ),
        Column(_("Reference"), lambda r: r.label),
    ]


class Figure(QFrame):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        caption = QLabel(title)
        set_tone(caption, "muted")
        self.value = QLabel("—")
        self.value.setStyleSheet(FIGURE_STYLE)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(caption)
        box.addWidget(self.value)


class LimitationLine(QLabel):
    """One line under the header when invoices are time-barred or close to it (§2.6)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("limitation_warning")
        self.setWordWrap(True)
        set_tone(self, "dispute", "font-weight: 600;")
        self.hide()

    def show_warnings(self, found: list[Any]) -> None:
        """`found`: ClaimService.limitation_warnings (number, date, status, articles)."""
        if not found:
            self.hide()
            return
        parts = []
        for item in found:
            text = (
                _("{number}: may be time-barred since {date} ({articles})")
                if item.status in ("past", "today")
                else _("{number}: time-barred on {date} ({articles})")
            )
            parts.append(
                text.format(number=item.number, date=day(item.date), articles=item.articles[0])
            )
        self.setText(_("Limitation: ") + "; ".join(parts))
        self.show()


def behaviour_texts(b: Any) -> dict[str, str]:
    """The payment-behaviour figures of the client page (PaymentBehaviour), "—" when unknown."""

    def days(value: Decimal | None) -> str:
        if value is None:
            return "—"
        return _("{days} days").format(days=format_number(value, decimals=1))

    on_time = b.on_time_rate
    return {
        "late": days(b.average_days_late),
        "on_time": "—" if on_time is None else f"{format_number(on_time * 100, decimals=0)} %",
        "to_pay": days(b.average_days_to_pay),
    }


def risk_text(grade: str) -> str:
    return _("new") if grade == "new" else grade


def risk_tooltip(grade: str | None, reasons: list[str]) -> str:
    """The grade's reasons, one per line, above what the grades mean."""
    legend = _(
        "Risk grade from the payment history and the invoices overdue today: A (pays on "
        "time) to E (very late); “new” until 3 invoices are paid, unless one is overdue"
    )
    if grade is None or not reasons:
        return legend
    lines = [_("Grade {grade}:").format(grade=risk_text(grade))]
    lines += [f"• {reason}" for reason in reasons]
    return "\n".join([*lines, "", legend])


class RiskLine(QLabel):
    """Under the figures: why the client has its grade."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("risk_reasons")
        self.setWordWrap(True)
        set_tone(self, "muted")
        self.hide()

    def show_risk(self, grade: str, reasons: list[str]) -> None:
        if not reasons:
            self.hide()
            return
        self.setText(
            _("Risk grade {grade}: {reasons}").format(
                grade=risk_text(grade), reasons="; ".join(reasons)
            )
        )
        self.show()
