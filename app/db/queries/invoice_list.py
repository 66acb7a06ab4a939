"""The invoice list: filters, keyset pages and per-currency totals, all in SQL.

Balances are correlated sums over `allocations` (indexed by invoice), evaluated only for the
rows a page scans. Kind is tested with `!=` so that SQLite walks the sort column's index
(LIMIT 500 then stops early) instead of a low-selectivity status index followed by a sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    and_,
    case,
    false,
    func,
    or_,
    select,
    text,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from app.db.models import Client, Invoice
from app.db.queries.open_items import not_settled
from app.db.rows import money
from app.domain.filters import CREDIT_NOTE, UNPAID, InvoiceFilter
from app.domain.ledger.aging import DEFAULT_LIMITS, bucket_names, due_date_bounds
from app.domain.ledger.status import (
    DISPUTED,
    OPEN,
    OVERDUE,
    PAID,
    PARTIALLY_PAID,
    WRITTEN_OFF,
    invoice_status,
)


@dataclass(frozen=True)
class InvoiceListRow:
    id: int
    number: str
    kind: str
    client_id: int
    client_code: str
    client_name: str
    issue_date: date
    due_date: date
    currency: str
    total: Decimal
    balance: Decimal
    disputed: bool
    written_off: bool
    paused_until: date | None
    reference: str
    has_attachment: bool


@dataclass(frozen=True)
class CurrencyTotals:
    currency: str
    count: int
    total: Decimal
    balance: Decimal


SORTS: dict[str, Any] = {
    "number": Invoice.number,
    "client": Client.code,
    "issue_date": Invoice.issue_date,
    "due_date": Invoice.due_date,
    "total": type_coerce(Invoice.total, BigInteger),
    "balance": type_coerce(Invoice.total, BigInteger) - type_coerce(Invoice.allocated, BigInteger),
}


def cents(column: Any) -> Any:
    return type_coerce(column, BigInteger)


def invoice_balance() -> Any:
    """What is left to pay on an invoice (cents), or left to use of a credit note: the total
    less what the allocations settle, kept on the row (app.db.repositories.settlement)."""
    return cents(Invoice.total) - cents(Invoice.allocated)


def interactive(session: Session) -> None:
    """PostgreSQL would JIT-compile these short queries (their estimates look big): slower."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))


def balance_expression() -> Any:
    """Invoice: what is left to pay; credit note: what is not yet applied (both in cents)."""
    return invoice_balance()


STATUS_ORDER = (OVERDUE, DISPUTED, PARTIALLY_PAID, OPEN, PAID, WRITTEN_OFF, CREDIT_NOTE)
"""The status column sorted: what needs chasing first, credit notes last."""


def status_rank(as_of: date) -> Any:
    """The position of each row's status in STATUS_ORDER on that day (same rules as the list)."""
    balance = invoice_balance()
    return case(
        (Invoice.kind == CREDIT_NOTE, STATUS_ORDER.index(CREDIT_NOTE)),
        (Invoice.written_off_on.is_not(None), STATUS_ORDER.index(WRITTEN_OFF)),
        (balance <= 0, STATUS_ORDER.index(PAID)),
        (Invoice.disputed.is_(True), STATUS_ORDER.index(DISPUTED)),
        (Invoice.due_date < as_of, STATUS_ORDER.index(OVERDUE)),
        (balance < cents(Invoice.total), STATUS_ORDER.index(PARTIALLY_PAID)),
        else_=STATUS_ORDER.index(OPEN),
    )


def row_status_rank(row: InvoiceListRow, as_of: date) -> int:
    if row.kind == CREDIT_NOTE:
        return STATUS_ORDER.index(CREDIT_NOTE)
    status = invoice_status(
        row.total,
        row.balance,
        row.due_date,
        as_of,
        disputed=row.disputed,
        written_off=row.written_off,
    )
    return STATUS_ORDER.index(status)


def sort_columns(sort: str, as_of: date) -> tuple[Any, ...]:
    """What a page is ordered by, the invoice id last (the keyset)."""
    if sort == "status":
        return (status_rank(as_of), Invoice.due_date, Invoice.id)
    return (SORTS.get(sort, Invoice.due_date), Invoice.id)


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column: Any, text: str, dialect: str) -> Any:
    """Case-insensitive substring test; SQLite's LIKE already ignores ASCII case (no lower())."""
    pattern = like_pattern(text)
    if dialect == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")


def _text_condition(text: str, dialect: str) -> Any:
    """Number or reference (SQLite scans them on a covering index), or the client's name or
    code (found among the clients first); the matches are then sorted like any page."""
    clients = select(Client.id).where(
        or_(contains(Client.name, text, dialect), contains(Client.code, text, dialect))
    )
    searched = aliased(Invoice)
    invoices = select(searched.id).where(
        or_(contains(searched.number, text, dialect), contains(searched.reference, text, dialect))
    )
    return or_(Invoice.id.in_(invoices), Invoice.client_id.in_(clients))


def _status_condition(status: str, balance: Any, as_of: date) -> Any:
    invoice = Invoice.kind != CREDIT_NOTE
    live = and_(invoice, Invoice.written_off_on.is_(None))
    unpaid = and_(live, balance > 0)
    undisputed = and_(unpaid, Invoice.disputed.is_(False))
    return {
        CREDIT_NOTE: Invoice.kind == CREDIT_NOTE,
        WRITTEN_OFF: and_(invoice, Invoice.written_off_on.is_not(None)),
        PAID: and_(live, balance <= 0),
        UNPAID: unpaid,
        DISPUTED: and_(unpaid, Invoice.disputed.is_(True)),
        OVERDUE: and_(undisputed, Invoice.due_date < as_of),
        PARTIALLY_PAID: and_(undisputed, Invoice.due_date >= as_of, balance < cents(Invoice.total)),
        OPEN: and_(undisputed, Invoice.due_date >= as_of, balance >= cents(Invoice.total)),
    }.get(status, false())


def _bucket_condition(bucket: str, as_of: date) -> Any:
    names = bucket_names(DEFAULT_LIMITS)
    if bucket not in names:
        return false()
    bounds = due_date_bounds(as_of, DEFAULT_LIMITS)
    index = names.index(bucket)
    if index == 0:
        return Invoice.due_date >= as_of
    upper = bounds[index - 1]
    if index == len(names) - 1:
        return Invoice.due_date < upper
    return and_(Invoice.due_date < upper, Invoice.due_date >= bounds[index])


def conditions(flt: InvoiceFilter, dialect: str, sort: str = "") -> list[Any]:
    balance = balance_expression()
    as_of = flt.as_of or flt.overdue_on or date.max  # statuses and buckets need as_of
    where: list[Any] = []
    if flt.text:
        where.append(_text_condition(flt.text, dialect))
    if flt.client_id is not None:
        where.append(Invoice.client_id == flt.client_id)
    if flt.currency:
        where.append(Invoice.currency == flt.currency)
    if flt.due_from:
        where.append(Invoice.due_date >= flt.due_from)
    if flt.due_to:
        where.append(Invoice.due_date <= flt.due_to)
    if flt.issued_from:
        where.append(Invoice.issue_date >= flt.issued_from)
    if flt.issued_to:
        where.append(Invoice.issue_date <= flt.issued_to)
    if flt.open_on is not None:  # balance on that day, from the settlement dates
        where += [
            Invoice.kind != CREDIT_NOTE,
            Invoice.issue_date <= flt.open_on,
            not_settled(Invoice.written_off_on, flt.open_on),
            not_settled(Invoice.settled_on, flt.open_on),
        ]
    # "+ 0" keeps SQLite on the sort column's index (a range on amounts is rarely selective)
    amount = cents(Invoice.total) if sort == "total" else cents(Invoice.total) + 0
    if flt.amount_min is not None:
        where.append(amount >= int(flt.amount_min * 100))
    if flt.amount_max is not None:
        where.append(amount <= int(flt.amount_max * 100))
    if flt.open_only or flt.overdue_on or flt.bucket:
        where.append(_status_condition(UNPAID, balance, as_of))
    if flt.overdue_on:
        where.append(Invoice.due_date < flt.overdue_on)
    if flt.bucket:
        where.append(_bucket_condition(flt.bucket, as_of))
    if flt.statuses:
        where.append(or_(*(_status_condition(s, balance, as_of) for s in sorted(flt.statuses))))
    return where


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _columns(balance: Any) -> tuple[Any, ...]:
    return (
        Invoice.id,
        Invoice.number,
        Invoice.kind,
        Invoice.client_id,
        Client.code,
        Client.name,
        Invoice.issue_date,
        Invoice.due_date,
        Invoice.currency,
        cents(Invoice.total),
        balance,
        Invoice.disputed,
        Invoice.written_off_on.is_not(None),
        Invoice.dunning_paused_until,
        Invoice.reference,
        Invoice.attachment_path != "",
    )


def _row(r: Any) -> InvoiceListRow:
    return InvoiceListRow(
        r[0],
        r[1],
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7],
        r[8],
        money(r[9]),
        money(r[10]),
        bool(r[11]),
        bool(r[12]),
        r[13],
        r[14],
        bool(r[15]),
    )


def page(
    session: Session,
    flt: InvoiceFilter,
    sort: str = "due_date",
    descending: bool = False,
    after: tuple[Any, ...] | None = None,
    limit: int = 500,
) -> list[InvoiceListRow]:
    """Rows after the keyset `after` (sort_key of the last row already shown)."""
    interactive(session)
    where = conditions(flt, _dialect(session), sort)
    columns = sort_columns(sort, flt.as_of or date.max)
    if after is not None:
        key = tuple_(*columns)
        where.append(key < tuple_(*after) if descending else key > tuple_(*after))
    order = [c.desc() if descending else c.asc() for c in columns]
    query = (
        select(*_columns(balance_expression()))
        .join(Client, Client.id == Invoice.client_id)
        .where(*where)
        .order_by(*order)
        .limit(limit)
    )
    return [_row(r) for r in session.execute(query)]


def sort_key(row: InvoiceListRow, sort: str, as_of: date | None) -> tuple[Any, ...]:
    """The keyset of a row already shown, as sort_columns orders it."""
    if sort == "status":
        return (row_status_rank(row, as_of or date.max), row.due_date, row.id)
    values = {
        "number": row.number,
        "client": row.client_code,
        "issue_date": row.issue_date,
        "total": int(row.total * 100),
        "balance": int(row.balance * 100),
    }
    return (values.get(sort, row.due_date), row.id)


def totals(session: Session, flt: InvoiceFilter) -> list[CurrencyTotals]:
    """Count, total and balance of the filtered set per currency; credit notes count negative."""
    interactive(session)
    balance = balance_expression()
    sign = case((Invoice.kind == CREDIT_NOTE, -1), else_=1)
    open_part = case((Invoice.written_off_on.is_not(None), 0), else_=balance)
    query = (
        select(
            Invoice.currency,
            func.count(),
            func.sum(sign * cents(Invoice.total)),
            func.sum(sign * open_part),
        )
        .join(Client, Client.id == Invoice.client_id)
        .where(*conditions(flt, _dialect(session)))
        .group_by(Invoice.currency)
        .order_by(Invoice.currency)
    )
    return [CurrencyTotals(c, int(n), money(t), money(b)) for c, n, t, b in session.execute(query)]
