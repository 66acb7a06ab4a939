"""Set-based reads and bulk writes behind CSV import, export and demo data (no ORM objects)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import BigInteger, RowMapping, Table, bindparam, func, insert, select, update
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.orm import Session, aliased

from app.db.base import Money
from app.db.models import Allocation, Client, CreditApplication, Invoice, Payment, PaymentLine
from app.db.repositories.settlement import refresh_settlement

CHUNK = 900
CLIENT_FIELDS = (
    "name",
    "email",
    "phone",
    "address",
    "postcode",
    "city",
    "country",
    "vat_number",
    "legal_id",
    "language",
    "client_type",
    "payment_terms_days",
    "preferred_channel",
    "credit_limit",
)


@dataclass(frozen=True)
class InvoiceRef:
    id: int
    number: str
    client_id: int
    kind: str
    currency: str
    issue_date: date | None = None


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def clients_by_code(session: Session) -> dict[str, dict[str, Any]]:
    """Every client's id and CSV fields, keyed by code (a dossier has thousands, not millions)."""
    columns = [Client.id, Client.code, *(getattr(Client, name) for name in CLIENT_FIELDS)]
    result = {}
    for row in session.execute(select(*columns)).mappings():
        result[row["code"]] = dict(row)
    return result


def invoices_by_number(session: Session, numbers: Iterable[str]) -> dict[str, InvoiceRef]:
    wanted = sorted(set(numbers))
    found: dict[str, InvoiceRef] = {}
    for part in chunks(wanted):
        rows = session.execute(
            select(
                Invoice.id,
                Invoice.number,
                Invoice.client_id,
                Invoice.kind,
                Invoice.currency,
                Invoice.issue_date,
            ).where(Invoice.number.in_(part))
        )
        for row in rows:
            found[row.number] = InvoiceRef(*row)
    return found


INVOICE_FIELDS = (
    "issue_date",
    "due_date",
    "total",
    "net_amount",
    "tax_amount",
    "reference",
    "description",
    "currency",
)


def invoice_values(session: Session, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """What a re-import may change on these invoices, with what is already allocated to them."""
    wanted = sorted(set(ids))
    fields = [getattr(Invoice, name) for name in INVOICE_FIELDS]
    found: dict[int, dict[str, Any]] = {}
    for part in chunks(wanted):
        rows = session.execute(
            select(Invoice.id, Invoice.allocated, *fields).where(Invoice.id.in_(part))
        ).mappings()
        found.update({row["id"]: dict(row) for row in rows})
    return found


def update_invoices(session: Session, rows: list[dict[str, Any]]) -> None:
    """Set the re-imported values on these invoices (rows carry `b_id`), bumping the version."""
    if not rows:
        return
    table = cast(Table, Invoice.__table__)
    values = {name: bindparam(f"b_{name}", type_=table.c[name].type) for name in INVOICE_FIELDS}
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({**values, "version": table.c.version + 1})
    )
    params = [{"b_id": r["b_id"], **{f"b_{n}": r[n] for n in INVOICE_FIELDS}} for r in rows]
    session.connection().execute(statement, params)


def existing_payments(session: Session, references: Iterable[str]) -> set[tuple[int, date, str]]:
    """(client_id, date, reference) of payments already recorded with one of these references."""
    wanted = sorted(set(references) - {""})
    found: set[tuple[int, date, str]] = set()
    for part in chunks(wanted):
        rows = session.execute(
            select(Payment.client_id, Payment.date, Payment.reference).where(
                Payment.reference.in_(part)
            )
        )
        found.update((r[0], r[1], r[2]) for r in rows)
    return found


def unreferenced_payments(
    session: Session, client_ids: Iterable[int]
) -> set[tuple[int, date, Any, int | None]]:
    """(client_id, date, amount, invoice_id) of the one-part payments without a reference."""
    wanted = sorted(set(client_ids))
    found: set[tuple[int, date, Any, int | None]] = set()
    for part in chunks(wanted):
        rows = session.execute(
            select(
                Payment.client_id, Payment.date, Payment.amount, func.max(PaymentLine.invoice_id)
            )
            .join(PaymentLine, PaymentLine.payment_id == Payment.id)
            .where(Payment.client_id.in_(part), Payment.reference == "")
            .group_by(Payment.id, Payment.client_id, Payment.date, Payment.amount)
            .having(func.count(PaymentLine.id) == 1)
        )
        found.update((r[0], r[1], r[2], r[3]) for r in rows)
    return found


def insert_rows(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """Bulk INSERT (executemany), in batches so memory stays flat."""
    for part in chunks(rows, 10_000):
        session.execute(insert(model.__table__), list(part))  # Core: no ORM bookkeeping


def insert_returning_ids(
    session: Session, model: type[Any], rows: list[dict[str, Any]]
) -> list[int]:
    """Bulk INSERT that gives back the new ids in the order of `rows`."""
    ids: list[int] = []
    table = model.__table__
    if session.get_bind().dialect.name == "sqlite":
        # SQLite returns ordered ids one row at a time: number the rows ourselves after the
        # highest id; a writer slipping in between fails on the key and nothing is written.
        first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        numbered = [{**row, "id": id_} for row, id_ in zip(rows, ids, strict=True)]
        insert_rows(session, model, numbered)
        return ids
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    for part in chunks(rows, 10_000):
        ids.extend(session.scalars(statement, list(part)))
    return ids


def update_clients(session: Session, rows: list[dict[str, Any]], fields: Sequence[str]) -> None:
    """Set these fields on these clients (rows carry `b_id`), bumping the edit version."""
    if not rows or not fields:
        return
    table = cast(Table, Client.__table__)
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(
            {
                **{name: bindparam(f"b_{name}", type_=table.c[name].type) for name in fields},
                "version": table.c.version + 1,
            }
        )
    )
    params = [{"b_id": r["b_id"], **{f"b_{n}": r[n] for n in fields}} for r in rows]
    for part in chunks(params, 10_000):
        session.connection().execute(statement, list(part))


def client_rows(session: Session) -> Iterator[RowMapping]:
    columns = [Client.code, *(getattr(Client, name) for name in CLIENT_FIELDS)]
    query = select(*columns).order_by(Client.code)
    yield from session.execute(query.execution_options(yield_per=5000)).mappings()


def invoice_rows(session: Session) -> Iterator[RowMapping]:
    """Invoices first (issue date, number), then credit notes: an `applies_to` is always above."""
    target = aliased(Invoice)
    query = (
        select(
            Invoice.number,
            Client.code.label("client_code"),
            Invoice.issue_date,
            Invoice.due_date,
            Invoice.total,
            Invoice.currency,
            Invoice.kind,
            target.number.label("applies_to"),
            Invoice.net_amount,
            Invoice.tax_amount,
            Invoice.reference,
            Invoice.description,
            Invoice.late_interest_rate,
        )
        .join(Client, Client.id == Invoice.client_id)
        .outerjoin(target, target.id == Invoice.applies_to_id)
        .order_by(Invoice.kind != "invoice", Invoice.issue_date, Invoice.number)
    )
    yield from session.execute(query.execution_options(yield_per=5000)).mappings()


def payment_rows(session: Session) -> Iterator[RowMapping]:
    """One row per payment line (payments without lines give one row with no line)."""
    query = (
        select(
            Payment.id.label("payment_id"),
            Payment.date,
            Client.code.label("client_code"),
            Payment.amount.label("payment_amount"),
            Payment.currency,
            Payment.method,
            Payment.reference,
            PaymentLine.id.label("line_id"),
            PaymentLine.amount,
            Invoice.number.label("invoice_number"),
        )
        .join(Client, Client.id == Payment.client_id)
        .outerjoin(PaymentLine, PaymentLine.payment_id == Payment.id)
        .outerjoin(Invoice, Invoice.id == PaymentLine.invoice_id)
        .order_by(Payment.date, Payment.id, PaymentLine.id)
    )
    yield from session.execute(query.execution_options(yield_per=5000)).mappings()


def payment_reference_counts(session: Session) -> dict[str, int]:
    """How many payments carry each non-empty reference (a shared one must be told apart)."""
    query = (
        select(Payment.reference, func.count())
        .where(Payment.reference != "")
        .group_by(Payment.reference)
        .having(func.count() > 1)
    )
    return dict(session.execute(query).tuples().all())


def max_id(session: Session, model: type[Any]) -> int:
    return int(session.scalar(select(func.max(model.id))) or 0)


def insert_generated(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """Bulk path for generated rows: money already in integer cents, scalar defaults filled in.

    Skips the Decimal round trip of the Money type, which dominates at a million rows.
    Allocations bring `settled_on` of their clients up to date (a client's rows come whole).
    """
    if not rows:
        return
    table = model.__table__
    keys = list(rows[0])
    defaults = {
        c.name: c.default.arg
        for c in table.columns
        if c.name not in keys and c.default is not None and c.default.is_scalar
    }
    names = [*keys, *defaults]
    plain = sql_table(
        table.name,
        *[
            sql_column(n, BigInteger if isinstance(table.c[n].type, Money) else table.c[n].type)
            for n in names
        ],
    )
    statement = insert(plain)
    connection = session.connection()
    for part in chunks(rows, 10_000):
        connection.execute(
            statement, [{**defaults, **row} for row in part] if defaults else list(part)
        )
    if model is Allocation:
        refresh_settlement(session, {row["client_id"] for row in rows})


def payment_lines_of(
    session: Session, keys: set[tuple[int, date, str]]
) -> dict[tuple[int, date, str], list[tuple[int, int | None]]]:
    """The lines (id, invoice id) of the payments known by (client id, date, reference)."""
    found: dict[tuple[int, date, str], list[tuple[int, int | None]]] = {}
    for part in chunks(sorted({key[2] for key in keys})):
        rows = session.execute(
            select(
                Payment.client_id, Payment.date, Payment.reference, PaymentLine.id,
                PaymentLine.invoice_id,
            )
            .join(PaymentLine, PaymentLine.payment_id == Payment.id)
            .where(Payment.reference.in_(part))
            .order_by(PaymentLine.id)
        )  # fmt: skip
        for client_id, paid_on, reference, line_id, invoice_id in rows:
            key = (client_id, paid_on, reference)
            if key in keys:
                found.setdefault(key, []).append((line_id, invoice_id))
    return found


def credit_note_targets(session: Session, ids: Iterable[int]) -> dict[int, int | None]:
    """The invoice each of these credit notes applies to (None: the client's credit)."""
    found: dict[int, int | None] = {}
    for part in chunks(sorted(set(ids))):
        rows = session.execute(
            select(Invoice.id, Invoice.applies_to_id).where(Invoice.id.in_(part))
        )
        found.update((row[0], row[1]) for row in rows)
    return found


def applications_of(session: Session, kind: str, ids: Iterable[int]) -> set[tuple[int, int]]:
    """(source id, invoice id) of the credit applications these payment lines or notes have."""
    column = (
        CreditApplication.payment_line_id if kind == "payment" else CreditApplication.credit_note_id
    )
    found: set[tuple[int, int]] = set()
    for part in chunks(sorted(set(ids))):
        rows = session.execute(select(column, CreditApplication.invoice_id).where(column.in_(part)))
        found.update((row[0], row[1]) for row in rows)
    return found


def invoice_totals(session: Session, numbers: Iterable[str]) -> dict[str, Decimal]:
    found: dict[str, Decimal] = {}
    for part in chunks(sorted(set(numbers))):
        rows = session.execute(
            select(Invoice.number, Invoice.total).where(Invoice.number.in_(part))
        )
        found.update((row[0], row[1]) for row in rows)
    return found
