"""`settled_on` and `allocated_from` follow the allocations, however they are written."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select, text

from app.db.engine import make_engine, resolve_url
from app.db.migrate import open_dossier, upgrade
from app.db.models import Allocation, Invoice, Payment, PaymentLine
from app.services.ledger.invoices import InvoiceData
from app.services.ledger.payments import CREDIT, PaymentDraft
from tests.services.ledger.helpers import TODAY, add_client, add_invoice

D = Decimal


def _stored(services) -> dict[tuple[str, int], tuple[date | None, date | None]]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        s = uow.session
        rows = {
            (kind, i): (settled, first)
            for i, kind, settled, first in s.execute(
                select(Invoice.id, Invoice.kind, Invoice.settled_on, Invoice.allocated_from)
            )
        }
        rows.update(
            {
                ("payment", i): (settled, None)
                for i, settled in s.execute(select(Payment.id, Payment.settled_on))
            }
        )
    return rows


def _expected(services) -> dict[tuple[str, int], tuple[date | None, date | None]]:  # type: ignore[no-untyped-def]
    """From the allocations themselves: the last date once they add up, the first date."""
    with services.uow() as uow:
        s = uow.session
        amounts = {
            ("invoice" if k == "invoice" else "credit_note", i): t
            for i, k, t in s.execute(select(Invoice.id, Invoice.kind, Invoice.total))
        }
        amounts.update(
            {("payment", i): a for i, a in s.execute(select(Payment.id, Payment.amount))}
        )
        payment_of = dict(s.execute(select(PaymentLine.id, PaymentLine.payment_id)).tuples().all())
        parts: dict[tuple[str, int], list[tuple[date, Decimal]]] = defaultdict(list)
        for a in s.scalars(select(Allocation)):
            parts[("invoice", a.invoice_id)].append((a.date, a.amount))
            source = (
                ("payment", payment_of[a.payment_line_id])
                if a.payment_line_id is not None
                else ("credit_note", a.credit_note_id)
            )
            parts[source].append((a.date, a.amount))
    result = {}
    for key, amount in amounts.items():
        dates = [d for d, _a in parts[key]]
        settled = max(dates) if sum((a for _d, a in parts[key]), D(0)) == amount else None
        first = min(dates, default=None) if key[0] == "invoice" else None
        result[key] = (settled, first)
    return result


def _check(services) -> dict[tuple[str, int], tuple[date | None, date | None]]:  # type: ignore[no-untyped-def]
    stored = _stored(services)
    assert stored == _expected(services)
    return stored


def test_settlement_follows_payments_credit_notes_and_undo(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    f1 = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1), date(2026, 2, 1))
    f2 = add_invoice(services, client, "F2", "200.00", date(2026, 2, 1), date(2026, 3, 1))
    assert _check(services)[("invoice", f1)] == (None, None)

    part = services.payments.record(
        PaymentDraft(client, date(2026, 3, 5), D("40.00"), allocation=[(f1, D("40.00"))])
    )
    assert _check(services)[("invoice", f1)] == (None, date(2026, 3, 5))
    rest = services.payments.record(
        PaymentDraft(client, date(2026, 4, 9), D("60.00"), allocation=[(f1, D("60.00"))])
    )
    assert _check(services)[("invoice", f1)] == (date(2026, 4, 9), date(2026, 3, 5))

    line = services.payments.allocations(invoice_id=f1)[-1].source_id
    services.payments.unallocate("payment", line, f1)
    stored = _check(services)
    assert stored[("invoice", f1)] == (None, date(2026, 3, 5))
    assert stored[("payment", rest.payment_id)] == (None, None)
    services.payments.apply_credit("payment", line, f2, D("60.00"), date(2026, 5, 2))
    assert _check(services)[("payment", rest.payment_id)] == (date(2026, 5, 2), None)

    note = services.invoice_actions.create_credit_note(
        f1, "AV1", date(2026, 6, 1), D("60.00"), "discount"
    )
    stored = _check(services)
    assert stored[("invoice", f1)] == (date(2026, 6, 1), date(2026, 3, 5))
    assert stored[("credit_note", note.credit_note_id)] == (date(2026, 6, 1), None)

    services.payments.delete(part.payment_id)
    assert _check(services)[("invoice", f1)] == (None, date(2026, 6, 1))
    services.payments.delete(rest.payment_id)
    assert _check(services)[("invoice", f2)] == (None, None)


def test_write_off_keeps_the_invoice_unsettled_and_an_edit_recomputes(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    f1 = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1), date(2026, 2, 1))
    services.payments.record(PaymentDraft(client, date(2026, 2, 3), D("30.00")))
    services.invoice_actions.write_off(f1, "bankrupt", date(2026, 6, 1))
    assert _check(services)[("invoice", f1)] == (None, date(2026, 2, 3))
    services.payments.record(PaymentDraft(client, date(2026, 3, 1), D("50.00"), allocation=CREDIT))
    services.payments.apply_credits_automatically(client, date(2026, 7, 1))
    _check(services)

    f2 = add_invoice(services, client, "F2", "80.00", date(2026, 2, 1), date(2026, 3, 1))
    services.payments.record(
        PaymentDraft(client, date(2026, 3, 10), D("80.00"), allocation=[(f2, D("80.00"))])
    )
    assert _check(services)[("invoice", f2)][0] == date(2026, 3, 10)
    detail = services.invoices.get(f2, TODAY).data
    services.invoices.update(InvoiceData(**{**detail.__dict__, "total": D("90.00")}), TODAY)
    assert _check(services)[("invoice", f2)] == (None, date(2026, 3, 10))


def test_demo_rows_come_with_their_settlement(sqlite_services) -> None:  # type: ignore[no-untyped-def]
    sqlite_services.demo.generate(30, 400, as_of=TODAY)
    stored = _check(sqlite_services)
    assert any(settled for settled, _first in stored.values())
    assert any(settled is None for settled, _first in stored.values())


def test_upgrade_fills_in_existing_dossiers(tmp_path: Path) -> None:
    path = tmp_path / "old.relance"
    engine = make_engine(resolve_url(str(path)))
    upgrade(engine, "0005_list_indexes")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO clients (id, code, name, legal_id, vat_number, client_type, email,"
                " phone, address, postcode, city, country, language, preferred_channel,"
                " terms_end_of_month, iban, dunning_blocked, dunning_blocked_reason, notes,"
                " archived, version) VALUES (1, 'C1', 'Client', '', '', 'business', '', '', '',"
                " '', '', 'FR', 'fr', 'email', 0, '', 0, '', '', 0, 1)"
            )
        )
        for number, total in ((1, 10000), (2, 5000)):
            conn.execute(
                text(
                    "INSERT INTO invoices (id, number, client_id, kind, issue_date, due_date,"
                    " currency, total, reference, description, disputed, dispute_reason,"
                    " write_off_reason, attachment_path, version) VALUES (:id, :n, 1, 'invoice',"
                    " '2026-01-01', '2026-02-01', 'EUR', :t, '', '', 0, '', '', '', 1)"
                ),
                {"id": number, "n": f"F{number}", "t": total},
            )
        conn.execute(
            text(
                "INSERT INTO payments (id, client_id, date, amount, currency, method,"
                " reference) VALUES (1, 1, '2026-02-10', 12000, 'EUR', '', '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO payment_lines (id, payment_id, invoice_id, amount)"
                " VALUES (1, 1, NULL, 12000)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO allocations (client_id, invoice_id, payment_line_id, amount, date)"
                " VALUES (1, 1, 1, 10000, '2026-02-10'), (1, 2, 1, 2000, '2026-02-10')"
            )
        )
    engine.dispose()
    engine = make_engine(resolve_url(str(path)))
    assert open_dossier(engine) == "upgraded"
    with engine.connect() as conn:
        assert conn.execute(
            text("SELECT id, settled_on, allocated_from FROM invoices ORDER BY id")
        ).all() == [(1, "2026-02-10", "2026-02-10"), (2, None, "2026-02-10")]
        assert conn.execute(text("SELECT settled_on FROM payments")).all() == [("2026-02-10",)]
    engine.dispose()
