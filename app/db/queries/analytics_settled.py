"""The invoices a payment settled in the window, one row per client (issue 15).

At a million invoices the window holds about 470,000 settled invoices; reading them one row
each and sorting them into per-client lists in Python was most of the risk grades' time. The
database groups them instead: per client, the day counts joined into text in payment order
(settled_on, then id), which Python splits back into integers without a loop of its own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from app.db.models import Invoice
from app.db.queries.open_items import driver_rows

SettledColumns = tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...], tuple[int, ...]]
"""Per client: signed delays, days to pay (≥ 0), paid in the recent half, invoice ids."""


def _integers(text: str | None) -> tuple[int, ...]:
    return tuple(map(int, text.split(","))) if text else ()


def settled_by_client(
    session: Session,
    as_of: date,
    settled_since: date,
    recent_after: date,
    exclude: Any,
    client_id: int | None = None,
) -> dict[int, SettledColumns]:
    """Invoices settled after settled_since up to as_of, not written off by then, less those
    `exclude` (a select of invoice ids) names: client id → its columns in payment order."""
    is_sqlite = session.get_bind().dialect.name == "sqlite"
    if is_sqlite:

        def days(later: Any, earlier: Any) -> Any:
            return cast(func.julianday(later) - func.julianday(earlier), Integer)

    else:
        # The per-client sort of the window (about 15 MB at a million invoices) in memory
        # rather than in temporary files: for this transaction only.
        session.execute(text("SET LOCAL work_mem = '64MB'"))

        def days(later: Any, earlier: Any) -> Any:
            return type_coerce(later - earlier, Integer)

    to_pay = days(Invoice.settled_on, Invoice.issue_date)
    rows = (
        select(
            Invoice.client_id.label("client"),
            Invoice.id.label("id"),
            Invoice.settled_on.label("settled"),
            days(Invoice.settled_on, Invoice.due_date).label("delay"),
            case((to_pay > 0, to_pay), else_=0).label("to_pay"),
            case((Invoice.settled_on > recent_after, 1), else_=0).label("recent"),
        )
        .where(
            Invoice.settled_on > settled_since,
            Invoice.settled_on <= as_of,
            (Invoice.kind + "") == "invoice",  # on the settlement index (see open_invoices)
            or_(Invoice.written_off_on.is_(None), Invoice.written_off_on > as_of),
            Invoice.id.not_in(exclude),
            *(() if client_id is None else (Invoice.client_id == client_id,)),
        )
        .order_by(Invoice.client_id, Invoice.settled_on, Invoice.id)
        .subquery()
    )
    if is_sqlite:
        # SQLite groups the ordered subquery as it comes: each text keeps the payment order.
        def joined(column: Any) -> Any:
            return func.group_concat(column, literal_column("','"))

    else:

        def joined(column: Any) -> Any:
            return func.string_agg(
                cast(column, String), aggregate_order_by(literal_column("','"), *order)
            )

        order = (rows.c.settled, rows.c.id)
    query = select(
        rows.c.client,
        joined(rows.c.delay),
        joined(rows.c.to_pay),
        joined(rows.c.recent),
        joined(rows.c.id),
    ).group_by(rows.c.client)
    return {
        owner: (
            _integers(delays),
            _integers(to_pay),
            tuple(flag == "1" for flag in recent.split(",")) if recent else (),
            _integers(ids),
        )
        for owner, delays, to_pay, recent, ids in driver_rows(session, query)
    }
