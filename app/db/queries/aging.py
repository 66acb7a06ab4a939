"""Aged receivables in one set-based query over the open rows (same SQL on SQLite and
PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Integer, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.db.models import Client, Invoice
from app.db.queries.open_items import (
    credit_left,
    driver_rows,
    open_balance,
    open_invoices,
    without_jit,
)
from app.db.rows import money
from app.domain.ledger.aging import DEFAULT_LIMITS, due_date_bounds


@dataclass(frozen=True)
class AgingFigures:
    client_id: int
    client_code: str
    client_name: str
    currency: str
    buckets: tuple[Decimal, ...]
    unapplied: Decimal


def aging_rows(
    session: Session,
    as_of: date,
    limits: tuple[int, ...] = DEFAULT_LIMITS,
    basis: str = "due_date",
    client_id: int | None = None,
) -> list[AgingFigures]:
    """Per client and currency: open balance per bucket and unapplied credit on `as_of`."""
    without_jit(session)
    bounds = due_date_bounds(as_of, limits)
    age_date = Invoice.due_date if basis == "due_date" else Invoice.issue_date
    where = () if client_id is None else (Invoice.client_id == client_id,)
    nb = len(bounds) + 1
    # The bucket of each open invoice as a number (0 = not yet due … nb-1 = oldest), so its
    # balance, a correlated sum over its allocations, is computed once, not once per bucket.
    bucket = case(
        *((age_date >= bound, index) for index, bound in enumerate(bounds)),
        else_=len(bounds),
    )
    open_rows = open_invoices(
        as_of,
        Invoice.client_id,
        Invoice.currency,
        bucket.label("bucket"),
        open_balance(as_of).label("amount"),
        where=where,
    )
    credits = credit_left(as_of, literal(nb, Integer).label("bucket"))  # nb: unapplied credit
    if client_id is not None:
        credits = [p.where(p.selected_columns[0] == client_id) for p in credits]
    combined = union_all(*open_rows.selects, *credits).subquery()
    # First per client, currency and bucket; that grouped table is then spread in columns
    # (an aggregate over an aggregate: the database keeps the first one as it is).
    per_bucket = (
        select(
            combined.c.client_id,
            combined.c.currency,
            combined.c.bucket,
            func.sum(combined.c.amount).label("amount"),
        )
        .group_by(combined.c.client_id, combined.c.currency, combined.c.bucket)
        .subquery()
    )
    spread = [
        func.sum(case((per_bucket.c.bucket == i, per_bucket.c.amount), else_=0))
        for i in range(nb + 1)
    ]
    sums = (
        select(per_bucket.c.client_id, per_bucket.c.currency, *spread)
        .group_by(per_bucket.c.client_id, per_bucket.c.currency)
        .subquery()
    )
    columns = list(sums.c)
    query = (
        select(Client.id, Client.code, Client.name, *columns[1:])
        .join(sums, columns[0] == Client.id)
        .order_by(Client.code, columns[1])
    )
    result = []
    for row in driver_rows(session, query):
        amounts = [money(v) for v in row[4:]]
        buckets, unapplied = tuple(amounts[:nb]), amounts[nb]
        if unapplied == 0 and not any(buckets):
            continue
        result.append(AgingFigures(row[0], row[1], row[2], row[3], buckets, unapplied))
    return result
