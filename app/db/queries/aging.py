"""Aged receivables in one set-based query over the open rows (same SQL on SQLite and
PostgreSQL)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger, and_, case, func, literal, select, union_all
from sqlalchemy.orm import Session

from app.db.models import Client, Invoice
from app.db.queries.open_items import credit_left, open_balance, open_invoices, without_jit
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
    open_rows = open_invoices(
        as_of,
        Invoice.client_id,
        Invoice.currency,
        age_date.label("age"),
        open_balance(as_of).label("balance"),
        where=where,
    ).subquery()
    age, balance = open_rows.c.age, open_rows.c.balance
    conditions = [age >= bounds[0]]
    for upper, lower in itertools.pairwise(bounds):
        conditions.append(and_(age < upper, age >= lower))
    conditions.append(age < bounds[-1])
    bucket_columns = [
        case((cond, balance), else_=0).label(f"b{i}") for i, cond in enumerate(conditions)
    ]
    nb = len(bucket_columns)
    zeros = [literal(0, BigInteger).label(f"b{i}") for i in range(nb)]
    parts = [
        select(
            open_rows.c.client_id,
            open_rows.c.currency,
            *bucket_columns,
            literal(0, BigInteger).label("u"),
        ),
        *credit_left(as_of, *zeros),
    ]
    if client_id is not None:
        parts[1:] = [p.where(p.selected_columns[0] == client_id) for p in parts[1:]]
    combined = union_all(*parts).subquery()
    sums = (
        select(
            combined.c.client_id,
            combined.c.currency,
            *[func.sum(combined.c[f"b{i}"]).label(f"b{i}") for i in range(nb)],
            func.sum(combined.c.u).label("u"),
        )
        .group_by(combined.c.client_id, combined.c.currency)
        .subquery()
    )
    query = (
        select(
            Client.id,
            Client.code,
            Client.name,
            sums.c.currency,
            *[sums.c[f"b{i}"] for i in range(nb)],
            sums.c.u,
        )
        .join(sums, sums.c.client_id == Client.id)
        .order_by(Client.code, sums.c.currency)
    )
    result = []
    for row in session.execute(query):
        buckets = tuple(money(v) for v in row[4 : 4 + nb])
        unapplied = money(row[4 + nb])
        if unapplied == 0 and all(b == 0 for b in buckets):
            continue
        result.append(AgingFigures(row[0], row[1], row[2], row[3], buckets, unapplied))
    return result
