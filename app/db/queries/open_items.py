"""What is open on a date, read from the settlement dates (app.db.repositories.settlement).

An invoice counts on as_of once issued, until written off, while not settled by then; its
balance is its total less the allocations dated on or before as_of. Unapplied credit is what
is left of payments and credit notes not fully used by as_of. Only the open rows are
read, on the `settled_on` indexes, so a dossier's settled history costs nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import BigInteger, case, func, or_, select, text, type_coerce, union_all
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement, CompoundSelect, Select
from sqlalchemy.sql.compiler import SQLCompiler

from app.db.models import Allocation, Invoice, Payment, PaymentLine


def without_jit(session: Session) -> None:
    """PostgreSQL would JIT-compile these queries (their estimates look big): at a million
    invoices compiling takes longer than running them."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL jit = off"))


def driver_rows(session: Session, statement: ClauseElement) -> list[tuple[Any, ...]]:
    """Every row as a plain tuple, straight from the database driver, in the session's
    transaction: at hundreds of thousands of rows SQLAlchemy's Row objects cost more than the
    query. Only for statements whose columns need no conversion (raw dates, cents)."""
    connection = session.connection()
    compiled = cast(SQLCompiler, statement.compile(dialect=connection.dialect))
    params = compiled.construct_params()
    is_sqlite = connection.dialect.name == "sqlite"

    def plain(value: Any) -> Any:
        return value.isoformat() if is_sqlite and isinstance(value, date) else value

    values: Any
    if compiled.positional:
        values = [plain(params[name]) for name in compiled.positiontup or ()]
    else:
        values = {name: plain(value) for name, value in params.items()}
    cursor = connection.connection.cursor()
    try:
        cursor.execute(compiled.string, values)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def cents(column: Any) -> Any:
    return type_coerce(column, BigInteger)


def not_settled(column: Any, as_of: date) -> Any:
    return or_(column.is_(None), column > as_of)


LATEST = date(9999, 12, 31)


def open_invoices(as_of: date, *columns: Any, where: tuple[Any, ...] = ()) -> CompoundSelect[Any]:
    """`columns` of every invoice the aging counts on as_of that still owes something then.

    Two parts, never settled and settled after as_of, each on the settlement index: the second
    bounds the range on both sides and tests the kind as `kind || ''`, so that SQLite without
    statistics does not prefer the index on the kind (half the dossier) to the range.
    """
    counted = (
        Invoice.issue_date <= as_of,
        or_(Invoice.written_off_on.is_(None), Invoice.written_off_on > as_of),
        *where,
    )
    return union_all(
        select(*columns).where(Invoice.settled_on.is_(None), Invoice.kind == "invoice", *counted),
        select(*columns).where(
            Invoice.settled_on > as_of,
            Invoice.settled_on <= LATEST,
            (Invoice.kind + "") == "invoice",
            *counted,
        ),
    )


def _allocated(source: Any, key: Any, as_of: date) -> Any:
    """Cents allocated from or to the current row up to as_of (a correlated subquery)."""
    return func.coalesce(
        select(func.sum(cents(Allocation.amount)))
        .where(source == key, Allocation.date <= as_of)
        .scalar_subquery(),
        0,
    )


def open_balance(as_of: date) -> Any:
    """Balance in cents on as_of of the current invoice row (no allocation before the first)."""
    paid = case(
        (Invoice.allocated_from <= as_of, _allocated(Allocation.invoice_id, Invoice.id, as_of)),
        else_=0,
    )
    return cents(Invoice.total) - paid


def credit_left(as_of: date, *columns: Any) -> list[Select[Any]]:
    """(client_id, currency, *columns, cents left) of every payment and credit note with credit
    left on as_of (a payment's amount not spread over its lines is credit too)."""
    used = func.coalesce(
        select(func.sum(cents(Allocation.amount)))
        .join(PaymentLine, PaymentLine.id == Allocation.payment_line_id)
        .where(PaymentLine.payment_id == Payment.id, Allocation.date <= as_of)
        .scalar_subquery(),
        0,
    )
    payments = select(
        Payment.client_id,
        Payment.currency,
        *columns,
        cents(Payment.amount) - used,
    ).where(not_settled(Payment.settled_on, as_of), Payment.date <= as_of)
    notes = select(
        Invoice.client_id,
        Invoice.currency,
        *columns,
        cents(Invoice.total) - _allocated(Allocation.credit_note_id, Invoice.id, as_of),
    ).where(
        Invoice.kind == "credit_note",
        Invoice.issue_date <= as_of,
        not_settled(Invoice.settled_on, as_of),
    )
    return [payments, notes]
