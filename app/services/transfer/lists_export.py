"""The window's lists as spreadsheets: clients, invoices, payments, aged receivables, agenda.

Each list is read whole, with the filter the screen shows, through the same services the screen
pages through, then written by `spreadsheet.write_sheet` (CSV for Excel in the user's locale, or
XLSX). Amounts stay Decimal up to the file; one row per currency, never summed across them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from app.db.repositories import transfer
from app.db.uow import UnitOfWork
from app.domain.filters import ClientFilter, InvoiceFilter
from app.i18n import N_, _, current_language
from app.services.analytics.aging_view import AgingChart, bucket_title
from app.services.followup.service import ReminderService
from app.services.ledger.clients import ClientService
from app.services.ledger.invoices import InvoiceService
from app.services.ledger.labels import CLIENT_TYPE_TEXT, STATUS_TEXT
from app.services.transfer.spreadsheet import (
    DATE,
    INTEGER,
    MONEY,
    Cell,
    Column,
    Sheet,
    write_sheet,
)

PAGE = 2000
CHANNELS = {"email": N_("Email"), "letter": N_("Letter"), "phone": N_("Phone")}
LISTS = ("clients", "invoices", "payments", "aging", "agenda")


def _label(table: dict[str, str], key: str) -> str:
    return _(table[key]) if key in table else key


def _pages(fetch: Callable[[Any], list[Any]]) -> Iterator[Any]:
    """Every item of a keyset-paged list, page after page."""
    after = None
    while True:
        items = fetch(after)
        yield from items
        if len(items) < PAGE:
            return
        after = items[-1]


class ListExportService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clients: ClientService,
        invoices: InvoiceService,
        reminders: ReminderService,
    ) -> None:
        self._uow = uow
        self._clients = clients
        self._invoices = invoices
        self._reminders = reminders

    def write(self, sheet: Sheet, path: Path, fmt: str, lang: str | None = None) -> int:
        """Write one list; `lang` (default: the user's) chooses the CSV separators and dates."""
        return write_sheet(sheet, Path(path), fmt, lang or current_language())

    # -- the lists ----------------------------------------------------------------------
    def clients(self, flt: ClientFilter, today: date) -> Sheet:
        """The register as filtered; a client owing in two currencies gives two rows."""
        columns = (
            Column(_("Code")),
            Column(_("Name")),
            Column(_("Type")),
            Column(_("Channel")),
            Column(_("Terms (days)"), INTEGER),
            Column(_("City")),
            Column(_("Email")),
            Column(_("Currency")),
            Column(_("Open balance"), MONEY),
            Column(_("Overdue"), MONEY),
            Column(_("Oldest overdue (days)"), INTEGER),
            Column(_("Reminders blocked")),
            Column(_("Archived")),
        )
        rows = []
        items = _pages(lambda after: self._clients.page(flt, today, "code", False, after, PAGE))
        for item in items:
            currencies = sorted(item.balances) or [""]
            for currency in currencies:
                rows.append(
                    (
                        item.code,
                        item.name,
                        _label(CLIENT_TYPE_TEXT, item.client_type),
                        _label(CHANNELS, item.preferred_channel),
                        item.terms_days,
                        item.city,
                        item.email,
                        currency,
                        item.balances.get(currency, Decimal(0)),
                        item.overdue.get(currency, Decimal(0)),
                        item.oldest_overdue_days,
                        _("yes") if item.dunning_blocked else "",
                        _("yes") if item.archived else "",
                    )
                )
        return Sheet(_("Clients"), columns, rows)

    def invoices(self, flt: InvoiceFilter, today: date) -> Sheet:
        """The invoice list as filtered, by due date; statuses as of `today`."""
        columns = (
            Column(_("Number")),
            Column(_("Client code")),
            Column(_("Client")),
            Column(_("Issued"), DATE),
            Column(_("Due"), DATE),
            Column(_("Currency")),
            Column(_("Total"), MONEY),
            Column(_("Left to pay"), MONEY),
            Column(_("Status")),
            Column(_("Days late"), INTEGER),
            Column(_("Reference")),
        )
        items = _pages(
            lambda after: self._invoices.page(flt, today, "due_date", False, after, PAGE)
        )
        rows = [
            (
                i.line.number,
                i.line.client_code,
                i.line.client_name,
                i.line.issue_date,
                i.line.due_date,
                i.line.currency,
                i.line.total,
                i.line.balance,
                _label(STATUS_TEXT, i.status),
                i.days_late,
                i.line.reference,
            )
            for i in items
        ]
        return Sheet(_("Invoices"), columns, rows)

    def payments(self) -> Sheet:
        """Every payment, by date: amount, what it paid and what is left to apply."""
        columns = (
            Column(_("Date"), DATE),
            Column(_("Client code")),
            Column(_("Currency")),
            Column(_("Amount"), MONEY),
            Column(_("Applied"), MONEY),
            Column(_("Not applied"), MONEY),
            Column(_("Invoices")),
            Column(_("Method")),
            Column(_("Reference")),
        )
        rows = []
        with self._uow() as uow:
            lines = transfer.payment_rows(uow.session)
            for _payment, group in groupby(lines, key=itemgetter("payment_id")):
                parts = list(group)
                first = parts[0]
                paid = [p["amount"] for p in parts if p["invoice_number"]]
                applied = sum(paid, Decimal(0))
                numbers = " ".join(p["invoice_number"] for p in parts if p["invoice_number"])
                rows.append(
                    (
                        first["date"],
                        first["client_code"],
                        first["currency"],
                        first["payment_amount"],
                        applied,
                        first["payment_amount"] - applied,
                        numbers,
                        first["method"] or "",
                        first["reference"] or "",
                    )
                )
        return Sheet(_("Payments"), columns, rows)

    @staticmethod
    def aging(chart: AgingChart) -> Sheet:
        """The aged receivables table as shown (one currency), with its total row."""
        columns = (
            Column(_("Code")),
            Column(_("Client")),
            Column(_("Currency")),
            *(Column(bucket_title(b, chart.basis), MONEY) for b in chart.buckets),
            Column(_("Unapplied credit"), MONEY),
            Column(_("Total"), MONEY),
        )
        lines = list(chart.rows) + ([chart.totals] if chart.totals is not None else [])
        rows: list[tuple[Cell, ...]] = [
            (
                _("Total") if row is chart.totals else row.client_code,
                "" if row is chart.totals else row.client_name,
                row.currency or chart.currency or "",
                *(row.buckets.get(b, Decimal(0)) for b in chart.buckets),
                row.unapplied,
                row.total,
            )
            for row in lines
        ]
        title = _("Aging {date}").format(date=chart.as_of.isoformat())
        return Sheet(title, columns, rows)

    def agenda(self, date_from: date, date_to: date, today: date) -> Sheet:
        """The reminders planned in the period (and those to catch up when it holds today)."""
        columns = (
            Column(_("Date"), DATE),
            Column(_("Client code")),
            Column(_("Client")),
            Column(_("Level")),
            Column(_("Channel")),
            Column(_("Invoices")),
            Column(_("Currency")),
            Column(_("Amount"), MONEY),
            Column(_("Status")),
        )
        statuses = {"planned": _("Planned"), "overdue": _("To catch up")}
        rows = [
            (
                e.date,
                e.client,
                e.client_name,
                e.level_label or e.level,
                _label(CHANNELS, e.channel),
                " ".join(e.invoices),
                e.currency,
                e.amount,
                statuses.get(e.status, e.status),
            )
            for e in self._reminders.agenda(date_from, date_to, today)
        ]
        return Sheet(_("Reminders"), columns, rows)
