"""The aging view's data: one currency's table, its totals, the clients most overdue, and
the exact invoices behind any cell (a bucket of one client, or of everyone)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from app.domain.filters import InvoiceFilter
from app.domain.ledger.aging import AgingRow, due_date_bounds
from app.domain.money import ZERO
from app.i18n import _
from app.services.analytics.aging import AgingReport

DUE_DATE, INVOICE_DATE = "due_date", "issue_date"
BASES = (DUE_DATE, INVOICE_DATE)
TOP_CLIENTS = 10
EARLIEST, LATEST = date(1900, 1, 1), date(9999, 12, 31)


def bucket_title(name: str, basis: str = DUE_DATE) -> str:
    """'Not yet due' (by invoice date: '0 days'), '1–30 days', 'Over 90 days'."""
    if name == "current":
        return _("Not yet due") if basis == DUE_DATE else _("0 days")
    if name.startswith("over_"):
        return _("Over {days} days").format(days=name.removeprefix("over_"))
    low, high = name.split("-")
    return _("{low}–{high} days").format(low=low, high=high)


def basis_title(basis: str) -> str:
    return _("by due date") if basis == DUE_DATE else _("by invoice date")


def overdue_of(row: AgingRow) -> Decimal:
    """Everything past the first bucket (not yet due, or aged 0 days on the invoice basis)."""
    return sum(list(row.buckets.values())[1:], ZERO)


@dataclass(frozen=True)
class AgingChart:
    """The aging report of one currency as the view shows it; rows sorted by client code."""

    report: AgingReport
    limits: tuple[int, ...]
    basis: str
    currency: str | None
    currencies: tuple[str, ...]
    rows: list[AgingRow] = field(default_factory=list)
    totals: AgingRow | None = None
    top: list[AgingRow] = field(default_factory=list)

    @property
    def as_of(self) -> date:
        return self.report.as_of

    @property
    def buckets(self) -> tuple[str, ...]:
        return self.report.buckets

    def client_id(self, row: AgingRow) -> int | None:
        return self.report.client_ids.get(row.client_code)

    def cell(self, bucket: int, row: AgingRow | None = None) -> AgingCell:
        """The cell of a bucket for one client (a table row or a bar) or for everyone."""
        return AgingCell(
            self.as_of,
            self.limits,
            self.basis,
            bucket,
            self.currency or "",
            None if row is None else self.client_id(row),
        )


def aging_chart(
    report: AgingReport,
    limits: tuple[int, ...],
    basis: str,
    currency: str | None,
    top: int = TOP_CLIENTS,
) -> AgingChart:
    """Keep one currency (the one asked, else the first); pick the clients most overdue."""
    currencies = tuple(sorted(report.totals))
    if currency not in currencies:
        currency = currencies[0] if currencies else currency
    rows = [r for r in report.rows if r.currency == currency]
    late = sorted(
        (r for r in rows if overdue_of(r) > ZERO), key=lambda r: (-overdue_of(r), r.client_code)
    )
    return AgingChart(
        report,
        limits,
        basis,
        currency,
        currencies,
        rows,
        report.totals.get(currency or ""),
        late[:top],
    )


@dataclass(frozen=True)
class AgingCell:
    """Invoices of one bucket on as_of, in one currency, for one client or all of them."""

    as_of: date
    limits: tuple[int, ...]
    basis: str
    bucket: int
    currency: str
    client_id: int | None = None

    def date_range(self) -> tuple[date | None, date | None]:
        """First and last date (inclusive) of the basis column in this bucket; None: open."""
        bounds = due_date_bounds(self.as_of, self.limits)
        if self.bucket == 0:
            return bounds[0], None
        upper = bounds[self.bucket - 1] - timedelta(days=1)
        if self.bucket >= len(bounds):
            return None, upper
        return bounds[self.bucket], upper

    def invoice_filter(self) -> InvoiceFilter:
        """The invoice list's filter for exactly this cell's invoices: owing something on
        as_of (also a past one), with the due (or issue) date in the bucket's range."""
        first, last = self.date_range()
        dates = (
            {"due_from": first or EARLIEST, "due_to": last or LATEST}  # the panel's dates
            if self.basis == DUE_DATE
            else {"issued_from": first, "issued_to": last}
        )
        return InvoiceFilter(
            client_id=self.client_id,
            open_on=self.as_of,
            currency=self.currency or None,
            as_of=self.as_of,
            **dates,
        )
