"""Columns of the invoice list over the lazy model (keyset pages, sorting in SQL)."""

from __future__ import annotations

from typing import Any

from app.i18n import N_, _
from app.services.ledger.invoices import InvoiceListItem
from app.ui.widgets.format import day, money
from app.ui.widgets.lazy_model import Fetch, LazyColumn, LazyTableModel, Runner
from app.ui.widgets.status import DISPUTE, MUTED, WARNING, status_icon, status_text


def _tone(row: InvoiceListItem) -> str | None:
    if row.status == "overdue":
        return WARNING
    if row.status == "disputed":
        return DISPUTE
    if row.status in ("paid", "written_off", "credit_note"):
        return MUTED
    return None


def _status(row: InvoiceListItem) -> str:
    text = status_text(row.status)
    if row.status == "overdue":
        return _("{status} · {days} d.").format(status=text, days=row.days_late)
    return text


def _tooltip(row: InvoiceListItem) -> str:
    line = row.line
    notes = []
    if line.paused_until is not None:
        notes.append(_("Reminders paused until {date}").format(date=day(line.paused_until)))
    if line.reference:
        notes.append(_("Reference: {reference}").format(reference=line.reference))
    if line.has_attachment:
        notes.append(_("Original PDF attached"))
    return "\n".join(notes)


def _number(row: InvoiceListItem) -> str:
    marks = (" ⏸" if row.line.paused_until is not None else "") + (
        " 📎" if row.line.has_attachment else ""
    )
    return row.line.number + marks


COLUMNS = [
    LazyColumn(N_("Number"), _number, "number", tooltip=_tooltip),
    LazyColumn(N_("Client"), lambda r: f"{r.line.client_name} ({r.line.client_code})", "client"),
    LazyColumn(N_("Issued"), lambda r: day(r.line.issue_date), "issue_date"),
    LazyColumn(
        N_("Due"),
        lambda r: day(r.line.due_date),
        "due_date",
        tone=lambda r: WARNING if r.status == "overdue" else None,
    ),
    LazyColumn(
        N_("Total"),
        lambda r: money(
            -r.line.total if r.status == "credit_note" else r.line.total, r.line.currency
        ),
        "total",
        right=True,
    ),
    LazyColumn(
        N_("Left to pay"),
        lambda r: (
            money(r.line.balance, r.line.currency)
            if r.status not in ("credit_note", "written_off")
            else ""
        ),
        "balance",
        right=True,
        tone=_tone,
    ),
    LazyColumn(
        N_("Status"),
        _status,
        "status",
        tone=_tone,
        icon=lambda r: status_icon(r.status),
        tooltip=_tooltip,
    ),
]


class InvoiceListModel(LazyTableModel):
    def __init__(
        self,
        fetch: Fetch,
        run: Runner | None = None,
        parent: Any = None,
        sort_key: str = "status",
        descending: bool = False,
    ) -> None:
        super().__init__(COLUMNS, fetch, run, parent, sort_key, descending)
