"""The dashboard's key figures summed by the database, without reading invoice by invoice:
they show at once, while the risk grades (the amount at risk) and the forecast follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import Invoice
from app.db.queries.analytics import credit_notes_only_ids, day_count
from app.db.queries.open_items import open_balance, open_invoices, without_jit
from app.db.rows import money
from app.domain.insight.kpi import LatenessAggregate


@dataclass(frozen=True, slots=True)
class OpenSums:
    """Per currency on as_of, over the invoices with a balance."""

    currency: str
    balance: Decimal
    overdue: Decimal
    overdue_count: int
    disputed_count: int


def open_sums(session: Session, as_of: date) -> list[OpenSums]:
    without_jit(session)
    rows = open_invoices(
        as_of,
        Invoice.currency,
        Invoice.due_date.label("due"),
        open_balance(as_of).label("balance"),
        Invoice.disputed.label("disputed"),
    ).subquery()
    owing = rows.c.balance > 0
    late = and_(owing, rows.c.due < as_of)
    query = (
        select(
            rows.c.currency,
            func.sum(case((owing, rows.c.balance), else_=0)),
            func.sum(case((late, rows.c.balance), else_=0)),
            func.sum(case((late, 1), else_=0)),
            func.sum(case((and_(owing, rows.c.disputed), 1), else_=0)),
        )
        .group_by(rows.c.currency)
        .order_by(rows.c.currency)
    )
    return [
        OpenSums(
            currency,
            money(balance),
            money(overdue),
            int(count or 0),
            int(disputed or 0),
        )
        for currency, balance, overdue, count, disputed in session.execute(query)
    ]


def settled_lateness(session: Session, as_of: date, since: date) -> LatenessAggregate:
    """Count and days late (early counts 0) of the invoices a payment settled in the window,
    by the same rules as `payment_history`."""
    without_jit(session)
    late = day_count(session)(Invoice.settled_on, Invoice.due_date)
    query = select(func.count(), func.coalesce(func.sum(case((late > 0, late), else_=0)), 0))
    window = (
        Invoice.settled_on > since,
        Invoice.settled_on <= as_of,
        (Invoice.kind + "") == "invoice",  # on the settlement index (see open_invoices)
        or_(Invoice.written_off_on.is_(None), Invoice.written_off_on > as_of),
    )
    count, days = session.execute(query.where(*window)).one()
    unpaid, unpaid_days = session.execute(
        query.where(*window, Invoice.id.in_(credit_notes_only_ids()))
    ).one()
    return LatenessAggregate(int(count) - int(unpaid), int(days) - int(unpaid_days))
