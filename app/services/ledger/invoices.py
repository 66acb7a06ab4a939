"""Invoice list and invoice editing; statuses are derived from the figures, never stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from app.db.models import Invoice
from app.db.queries import invoice_list as q
from app.db.queries.invoice_list import CurrencyTotals, InvoiceListRow
from app.db.repositories import invoices as repo
from app.db.repositories import payments as pay_repo
from app.db.repositories.parties import save
from app.db.repositories.payments import AllocationItem
from app.db.uow import UnitOfWork
from app.domain.errors import Conflict, InvalidInput, NotFound, Problem
from app.domain.filters import CREDIT_NOTE, InvoiceFilter
from app.domain.ledger.status import days_late, invoice_status
from app.domain.money import quantize
from app.domain.terms import effective_terms
from app.i18n import _
from app.services.changes import Changes, ledger_changed
from app.services.dossier import CompanySettings


@dataclass(frozen=True)
class InvoiceData:
    """What the invoice dialog edits; a missing due date is computed from the client's terms."""

    number: str
    client_id: int | None
    issue_date: date
    total: Decimal
    due_date: date | None = None
    currency: str = "EUR"
    net_amount: Decimal | None = None
    tax_amount: Decimal | None = None
    reference: str = ""
    description: str = ""
    discount_percent: Decimal | None = None
    discount_days: int | None = None
    late_interest_rate: Decimal | None = None
    id: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class InvoiceListItem:
    line: InvoiceListRow
    status: str
    days_late: int


@dataclass(frozen=True)
class InvoiceDetail:
    data: InvoiceData
    kind: str
    client_code: str
    client_name: str
    balance: Decimal
    status: str
    days_late: int
    disputed: bool
    dispute_reason: str
    dunning_paused_until: date | None
    written_off_on: date | None
    write_off_reason: str
    attachment_path: str
    applies_to_id: int | None
    applies_to_number: str
    allocations: list[AllocationItem] = field(default_factory=list)
    credit_notes: list[tuple[int, str, date, Decimal]] = field(default_factory=list)

    @property
    def id(self) -> int:
        """A detail is of a stored invoice, which has its id."""
        assert self.data.id is not None
        return self.data.id

    @property
    def changes(self) -> Changes:
        """Saving an invoice moves its client's balances, allocations and reminders."""
        return ledger_changed({self.data.client_id} if self.data.client_id is not None else ())


def stale_message() -> str:
    return _(
        "someone else changed this invoice in the meantime; nothing was saved. Reopen it "
        "to see their change, then make yours again"
    )


def list_item(row: InvoiceListRow, today: date) -> InvoiceListItem:
    if row.kind == CREDIT_NOTE:
        return InvoiceListItem(row, CREDIT_NOTE, 0)
    status = invoice_status(
        row.total,
        row.balance,
        row.due_date,
        today,
        disputed=row.disputed,
        written_off=row.written_off,
    )
    late = 0 if row.written_off else days_late(row.due_date, today, row.balance)
    return InvoiceListItem(row, status, late)


class InvoiceService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], settings: Callable[[], CompanySettings]
    ) -> None:
        self._uow = uow
        self._settings = settings

    # -- the list ---------------------------------------------------------------------
    def page(
        self,
        flt: InvoiceFilter,
        today: date,
        sort: str = "due_date",
        descending: bool = False,
        after: InvoiceListItem | None = None,
        limit: int = 500,
    ) -> list[InvoiceListItem]:
        """One page by keyset after the last item shown; statuses as of `today`."""
        flt = _with_as_of(flt, today)
        key = q.sort_key(after.line, sort, flt.as_of) if after is not None else None
        with self._uow() as uow:
            rows = q.page(uow.session, flt, sort, descending, key, limit)
        return [list_item(r, today) for r in rows]

    def totals(self, flt: InvoiceFilter, today: date) -> list[CurrencyTotals]:
        """Count, total and open balance of the whole filtered set, per currency."""
        with self._uow() as uow:
            return q.totals(uow.session, _with_as_of(flt, today))

    def count(self, flt: InvoiceFilter, today: date) -> int:
        return sum(t.count for t in self.totals(flt, today))

    def refresh_statistics(self) -> None:
        """Give SQLite's planner row counts (a few ms); PostgreSQL keeps its own."""
        with self._uow() as uow:
            repo.analyze(uow.session)
            uow.commit()

    # -- one invoice ------------------------------------------------------------------
    def get(self, invoice_id: int, today: date) -> InvoiceDetail:
        with self._uow() as uow:
            row = repo.get_invoice(uow.session, invoice_id)
            if row is None:
                raise NotFound(_("this invoice no longer exists"))
            client = repo.client_of(uow.session, row.client_id)
            if row.kind == CREDIT_NOTE:
                used = repo.allocated_from_credit_note(uow.session, row.id)
            else:
                used = repo.allocated_to(uow.session, row.id)
            balance = quantize(row.total - used)
            target = repo.get_invoice(uow.session, row.applies_to_id) if row.applies_to_id else None
            allocations = pay_repo.allocations(uow.session, invoice_id=row.id)
            notes = [
                (n.id, n.number, n.issue_date, n.total)
                for n in repo.credit_notes_against(uow.session, row.id)
            ]
            if row.kind == CREDIT_NOTE:
                status, late = CREDIT_NOTE, 0
            else:
                status = invoice_status(
                    row.total,
                    balance,
                    row.due_date,
                    today,
                    disputed=row.disputed,
                    written_off=row.written_off_on is not None,
                )
                late = 0 if row.written_off_on else days_late(row.due_date, today, balance)
            return InvoiceDetail(
                data=_to_data(row),
                kind=row.kind,
                client_code=client.code if client else "",
                client_name=client.name if client else "",
                balance=balance,
                status=status,
                days_late=late,
                disputed=row.disputed,
                dispute_reason=row.dispute_reason,
                dunning_paused_until=row.dunning_paused_until,
                written_off_on=row.written_off_on,
                write_off_reason=row.write_off_reason,
                attachment_path=row.attachment_path,
                applies_to_id=row.applies_to_id,
                applies_to_number=target.number if target else "",
                allocations=allocations,
                credit_notes=notes,
            )

    def suggest_due_date(self, client_id: int, issue_date: date) -> date:
        """Issue date plus the client's terms (or the company's), end of month if agreed."""
        settings = self._settings()
        with self._uow() as uow:
            client = repo.client_of(uow.session, client_id)
            if client is None:
                raise NotFound(_("this client no longer exists"))
            terms = effective_terms(
                client.payment_terms_days, client.terms_end_of_month, settings.terms_days
            )
        return terms.due_date(issue_date)

    def next_number(self, kind: str = "invoice") -> str:
        with self._uow() as uow:
            last = repo.last_number(uow.session, kind)
        if last:
            return repo.increment(last)
        return "AV-0001" if kind == CREDIT_NOTE else "F-0001"

    def create(self, data: InvoiceData, today: date) -> InvoiceDetail:
        with self._uow() as uow:
            values = self._validated(uow, data)
            row = Invoice(kind="invoice", **values)
            uow.session.add(row)
            save(uow.session, stale_message())
            uow.touch_client(row.client_id)
            uow.commit()
            invoice_id = row.id
        return self.get(invoice_id, today)

    def update(self, data: InvoiceData, today: date) -> InvoiceDetail:
        """Refused with Conflict when the invoice changed since `data.version` was read."""
        if data.id is None:
            raise NotFound(_("this invoice no longer exists"))
        with self._uow() as uow:
            row = repo.get_invoice(uow.session, data.id)
            if row is None:
                raise NotFound(_("this invoice no longer exists"))
            if data.version is not None and row.version != data.version:
                raise Conflict(stale_message())
            values = self._validated(uow, data, row)
            clients = {row.client_id, values["client_id"]}
            for name, value in values.items():
                setattr(row, name, value)
            save(uow.session, stale_message())
            uow.touch_client(*clients)
            uow.commit()
        return self.get(data.id, today)

    def _validated(
        self, uow: UnitOfWork, data: InvoiceData, row: Invoice | None = None
    ) -> dict[str, Any]:
        settings = self._settings()
        problems: list[Problem] = []
        number = data.number.strip()
        if not number:
            problems.append(Problem(_("the invoice number is required"), column="number"))
        elif len(number) > 60:
            problems.append(Problem(_("the number is at most 60 characters"), column="number"))
        elif repo.number_taken(uow.session, number, except_id=row.id if row else None):
            problems.append(
                Problem(
                    _(
                        "number {number} already exists in this dossier: each invoice needs "
                        "its own number"
                    ).format(number=number),
                    column="number",
                )
            )
        client = repo.client_of(uow.session, data.client_id) if data.client_id else None
        if client is None:
            problems.append(Problem(_("choose the client"), column="client"))
        elif client.archived and (row is None or row.client_id != client.id):
            problems.append(
                Problem(
                    _("{code} is archived: restore the client first").format(code=client.code),
                    column="client",
                )
            )
        currency = (data.currency or settings.currency).strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            problems.append(
                Problem(_("currency must be an ISO code such as EUR"), column="currency")
            )
        total = data.total
        if total is None or total <= 0:
            problems.append(Problem(_("the total must be more than zero"), column="total"))
        elif total != quantize(total, currency):
            problems.append(Problem(_("the total has too many decimals"), column="total"))
        if (
            data.net_amount is not None
            and data.tax_amount is not None
            and total is not None
            and data.net_amount + data.tax_amount != total
        ):
            problems.append(
                Problem(_("net amount plus tax must equal the total"), column="tax_amount")
            )
        due = data.due_date
        if due is None and client is not None:
            due = effective_terms(
                client.payment_terms_days, client.terms_end_of_month, settings.terms_days
            ).due_date(data.issue_date)
        if due is not None and due < data.issue_date:
            problems.append(
                Problem(_("the due date cannot be before the issue date"), column="due_date")
            )
        discount = data.discount_percent
        if discount is not None and not (Decimal(0) <= discount < Decimal(100)):
            problems.append(
                Problem(_("the discount is a percentage below 100"), column="discount_percent")
            )
        if discount is not None and discount > 0 and not data.discount_days:
            problems.append(
                Problem(_("say within how many days the discount applies"), column="discount_days")
            )
        rate = data.late_interest_rate
        if rate is not None and not (Decimal(0) <= rate <= Decimal(100)):
            problems.append(
                Problem(_("the late interest rate is a percentage"), column="late_interest_rate")
            )
        if problems:
            raise InvalidInput(problems)
        return {
            "number": number,
            "client_id": data.client_id,
            "issue_date": data.issue_date,
            "due_date": due,
            "currency": currency,
            "total": total,
            "net_amount": data.net_amount,
            "tax_amount": data.tax_amount,
            "reference": data.reference.strip(),
            "description": data.description.strip(),
            "discount_percent": discount if discount else None,
            "discount_days": data.discount_days if discount else None,
            "late_interest_rate": rate,
        }


def _with_as_of(flt: InvoiceFilter, today: date) -> InvoiceFilter:
    return flt if flt.as_of is not None else replace(flt, as_of=today)


def _to_data(row: Invoice) -> InvoiceData:
    return InvoiceData(
        number=row.number,
        client_id=row.client_id,
        issue_date=row.issue_date,
        total=row.total,
        due_date=row.due_date,
        currency=row.currency,
        net_amount=row.net_amount,
        tax_amount=row.tax_amount,
        reference=row.reference,
        description=row.description,
        discount_percent=row.discount_percent,
        discount_days=row.discount_days,
        late_interest_rate=row.late_interest_rate,
        id=row.id,
        version=row.version,
    )
