"""Importing payments: grouping by reference, targets, leftovers as credit, rejections."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Allocation, Invoice, Payment, PaymentLine
from app.domain.errors import InvalidInput
from tests.services.transfer.csv_helpers import CLIENTS, problems_of, write_csv

INVOICES = """number,client_code,issue_date,due_date,total,currency
F1,C001,2026-01-05,2026-02-05,100.00,EUR
F2,C001,2026-01-06,2026-02-06,200.00,EUR
F3,C002,2026-01-07,2026-02-07,300.00,EUR
F4,C001,2026-01-08,2026-02-08,50.00,USD
"""
HEADER = "date,client_code,amount,invoice_number,reference,method,currency\n"


@pytest.fixture
def dossier(services, tmp_path: Path):  # type: ignore[no-untyped-def]
    services.importer.import_file("clients", write_csv(tmp_path, "clients.csv", CLIENTS))
    services.importer.import_file("invoices", write_csv(tmp_path, "invoices.csv", INVOICES))
    return services


def _ledger(services) -> tuple[list[dict], list[dict], set[tuple]]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        session = uow.session
        numbers = dict(session.execute(select(Invoice.id, Invoice.number)).tuples().all())
        payments = [
            dict(r)
            for r in session.execute(select(Payment.__table__).order_by(Payment.id)).mappings()
        ]
        lines = [
            {**r, "invoice": numbers.get(r["invoice_id"])}
            for r in session.execute(
                select(PaymentLine.__table__).order_by(PaymentLine.id)
            ).mappings()
        ]
        allocations = {
            (numbers[a.invoice_id], a.amount, a.date) for a in session.scalars(select(Allocation))
        }
    return payments, lines, allocations


def test_rows_sharing_a_reference_are_one_payment(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + (
        "2026-02-10,C001,100.00,F1,VIR 42,Virement,\n"
        "2026-02-10,C001,150.00,F2,VIR 42,,\n"
        "2026-02-11,C001,20.00,,,Chèque,\n"
        "2026-02-11,C001,30.00,,,Chèque,\n"
        '12/02/2026,C002,"400,00",F3,VIR 43,,\n'
    )
    result = dossier.importer.import_file("payments", write_csv(tmp_path, "p.csv", text))
    assert (result.rows_read, result.created, result.lines) == (5, 4, 5)
    payments, lines, allocations = _ledger(dossier)
    assert [(p["amount"], p["reference"], p["method"]) for p in payments] == [
        (Decimal("250.00"), "VIR 42", "Virement"),
        (Decimal("20.00"), "", "Chèque"),
        (Decimal("30.00"), "", "Chèque"),
        (Decimal("400.00"), "VIR 43", ""),
    ]
    assert [(ln["payment_id"], ln["invoice"], ln["amount"]) for ln in lines] == [
        (payments[0]["id"], "F1", Decimal("100.00")),
        (payments[0]["id"], "F2", Decimal("150.00")),
        (payments[1]["id"], None, Decimal("20.00")),
        (payments[2]["id"], None, Decimal("30.00")),
        (payments[3]["id"], "F3", Decimal("400.00")),
    ]
    # a payment larger than the balance settles it; the rest stays as credit
    assert allocations == {
        ("F1", Decimal("100.00"), date(2026, 2, 10)),
        ("F2", Decimal("150.00"), date(2026, 2, 10)),
        ("F3", Decimal("300.00"), date(2026, 2, 12)),
    }


def test_a_payment_in_another_currency_stays_credit_with_a_warning(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + "2026-02-10,C001,50.00,F4,,,EUR\n2026-02-11,C001,50.00,F4,,,USD\n"
    result = dossier.importer.import_file("payments", write_csv(tmp_path, "p.csv", text))
    assert len(result.warnings) == 1
    assert ":2:currency:" in result.warnings[0]
    assert "F4" in result.warnings[0]
    _payments, _lines, allocations = _ledger(dossier)
    assert allocations == {("F4", Decimal("50.00"), date(2026, 2, 11))}


def test_every_problem_is_reported_and_nothing_written(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + (
        "2026-02-10,C001,100.00,F1,VIR 42,,\n"  # 2: fine
        "2026-02-11,C001,150.00,F2,VIR 42,,\n"  # 3: same reference, another date
        "2026-02-10,C002,10.00,F3,VIR 42,,\n"  # 4: same reference, another client
        "2026-02-10,C001,0,F1,,,\n"  # 5: amount not positive
        "2026-02-10,C001,-10,F1,,,\n"  # 6: negative
        "2026-02-10,C001,10,F3,,,\n"  # 7: another client's invoice
        "2026-02-10,C001,10,F99,,,\n"  # 8: unknown invoice
        "2026-02-30,C404,ten,,,,XYZ\n"  # 9: date, client, amount, currency
        "2026-02-10,C001,10,F1,VIR 42,,USD\n"  # 10: same reference, another currency
    )
    with pytest.raises(InvalidInput) as caught:
        dossier.importer.import_file("payments", write_csv(tmp_path, "p.csv", text))
    assert problems_of(caught.value) == [
        (3, "date"),
        (4, "client_code"),
        (5, "amount"),
        (6, "amount"),
        (7, "invoice_number"),
        (8, "invoice_number"),
        (9, "date"),
        (9, "client_code"),
        (9, "amount"),
        (9, "currency"),
        (10, "currency"),
    ]
    assert "line 2" in caught.value.problems[0].message
    assert _ledger(dossier) == ([], [], set())


def test_the_same_payments_cannot_be_imported_twice(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = HEADER + "2026-02-10,C001,100.00,F1,VIR 42,,\n2026-02-10,C001,10.00,F2,,,\n"
    path = write_csv(tmp_path, "p.csv", text)
    dossier.importer.import_file("payments", path)
    with pytest.raises(InvalidInput) as caught:
        dossier.importer.import_file("payments", path)
    assert problems_of(caught.value) == [(2, "reference"), (3, "amount")]
    assert "--allow-duplicates" in caught.value.problems[1].message
    payments, _lines, _allocations = _ledger(dossier)
    assert len(payments) == 2


def test_a_repeated_payment_without_reference_needs_a_confirmation(dossier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    row = "2026-02-10,C001,10.00,F2,,,\n"
    path = write_csv(tmp_path, "p.csv", HEADER + row + row)
    with pytest.raises(InvalidInput) as caught:
        dossier.importer.import_file("payments", path)
    assert problems_of(caught.value) == [(3, "amount")]
    assert "repeats line 2" in caught.value.problems[0].message
    assert _ledger(dossier) == ([], [], set())
    result = dossier.importer.import_file("payments", path, allow_duplicates=True)
    assert result.created == 2
    assert len(result.warnings) == 1
    assert ":3:amount:" in result.warnings[0]


def test_payments_need_a_company(database_url: str, tmp_path: Path) -> None:
    from app.bootstrap import build
    from app.domain.errors import NotFound

    services = build(database_url, "en")
    try:
        with pytest.raises(NotFound):
            services.importer.import_file("payments", write_csv(tmp_path, "p.csv", HEADER))
    finally:
        services.close()
