"""Demo data: deterministic for a seed and a date, every case present, allocations exact."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.models import Allocation, Client, Company, Invoice, Payment, PaymentLine
from app.db.repositories.ledger import recompute_allocations
from app.domain.errors import Conflict, InvalidInput
from app.services.demo.parties import luhn_complete

AS_OF = date(2026, 11, 22)


def _fresh(path: Path):  # type: ignore[no-untyped-def]
    from app.bootstrap import build

    return build(str(path), "en")


def _allocations(session) -> list[tuple]:  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(
            Allocation.invoice_id,
            Allocation.payment_line_id,
            Allocation.credit_note_id,
            Allocation.amount,
            Allocation.date,
        )
    )
    return sorted((tuple(r) for r in rows), key=repr)


def test_demo_covers_every_case(services) -> None:  # type: ignore[no-untyped-def]
    summary = services.demo.generate(as_of=AS_OF)
    assert (summary.clients, summary.invoices) == (60, 1500)
    assert not summary.company_created
    report = services.aging.report(AS_OF)
    totals = report.totals["EUR"]
    for bucket in report.buckets:
        assert totals.buckets[bucket] > 0, bucket
    assert totals.unapplied > 0
    with services.uow() as uow:
        session = uow.session
        disputed = session.scalars(select(Invoice).where(Invoice.disputed)).all()
        assert disputed
        assert all(i.dispute_reason for i in disputed)
        assert summary.disputed == len(disputed)
        notes = session.scalars(select(Invoice).where(Invoice.kind == "credit_note")).all()
        assert any(n.applies_to_id for n in notes)
        assert any(n.applies_to_id is None for n in notes)
        several = session.execute(
            select(PaymentLine.payment_id).group_by(PaymentLine.payment_id).having(func.count() > 1)
        ).all()
        assert several
        unapplied = session.scalar(
            select(func.count()).select_from(PaymentLine).where(PaymentLine.invoice_id.is_(None))
        )
        assert unapplied
        clients = session.scalars(select(Client)).all()
        assert {c.country for c in clients} == {"FR", "BE"}
        assert {c.client_type for c in clients} == {"business", "consumer"}
        assert {c.payment_terms_days for c in clients} >= {30, 45, 60, None}
        assert all("@" in c.email and c.phone and c.postcode for c in clients)
        first, last = session.execute(
            select(func.min(Invoice.issue_date), func.max(Invoice.issue_date))
        ).one()
        assert AS_OF - timedelta(days=730) <= first
        assert last <= AS_OF
        assert session.scalar(select(func.max(Payment.date))) <= AS_OF
        amounts = session.execute(select(Payment.id, Payment.amount)).tuples().all()
        line_sums = dict(
            session.execute(
                select(PaymentLine.payment_id, func.sum(PaymentLine.amount)).group_by(
                    PaymentLine.payment_id
                )
            )
            .tuples()
            .all()
        )
        assert all(line_sums[pid] == amount for pid, amount in amounts)


def test_allocations_are_those_the_domain_rule_derives(services) -> None:  # type: ignore[no-untyped-def]
    services.demo.generate(clients=30, invoices=600, seed=7, as_of=AS_OF)
    with services.uow() as uow:
        generated = _allocations(uow.session)
        recompute_allocations(uow.session, uow.session.scalars(select(Client.id)).all())
        assert _allocations(uow.session) == generated
    # new rows get fresh ids after the explicit ones (PostgreSQL sequences were moved on)
    with services.uow() as uow:
        uow.session.add(Client(code="NEW", name="After the demo"))
        uow.commit()


def test_same_seed_same_dossier(tmp_path: Path) -> None:
    reports, exports = [], []
    for name in ("a", "b", "c"):
        built = _fresh(tmp_path / f"{name}.relance")
        try:
            seed = 5 if name != "c" else 6
            built.demo.generate(clients=20, invoices=300, seed=seed, as_of=AS_OF)
            reports.append(built.aging.report(AS_OF).to_json())
            built.exporter.export_file("payments", tmp_path / f"{name}.csv")
            exports.append((tmp_path / f"{name}.csv").read_bytes())
        finally:
            built.close()
    assert reports[0] == reports[1]
    assert exports[0] == exports[1]
    assert reports[0] != reports[2]


def test_demo_creates_the_company_of_an_empty_dossier(tmp_path: Path) -> None:
    from stdnum.fr import siret, tva

    built = _fresh(tmp_path / "new.relance")
    try:
        summary = built.demo.generate(clients=3, invoices=10, as_of=AS_OF)
        assert summary.company_created
        settings = built.dossier.settings()
        assert settings.name == "Atelier Demo SARL"
        assert siret.is_valid(settings.legal_id)
        assert tva.is_valid(settings.vat_number)
        from schwifty import IBAN

        assert IBAN(settings.iban).country_code == "FR"
        with built.uow() as uow:
            assert uow.session.scalar(select(func.count()).select_from(Company)) == 1
            numbers = uow.session.scalars(select(Client.legal_id).where(Client.country == "FR"))
            assert all(siret.is_valid(n) for n in numbers if n)
    finally:
        built.close()


def test_demo_refuses_a_dossier_with_data(services) -> None:  # type: ignore[no-untyped-def]
    services.demo.generate(clients=2, invoices=5, as_of=AS_OF)
    with pytest.raises(Conflict):
        services.demo.generate(clients=2, invoices=5, as_of=AS_OF)
    with pytest.raises(InvalidInput):
        services.demo.generate(clients=0, invoices=5, as_of=AS_OF)


def test_luhn_check_digit() -> None:
    assert luhn_complete("83245091") == "832450910"
    assert luhn_complete("7992739871") == "79927398713"
