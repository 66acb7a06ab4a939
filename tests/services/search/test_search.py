"""The window's search, headless: clients, invoices and payments, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.search import fold, searched_amounts
from app.services.ledger.payments import CREDIT, PaymentDraft
from tests.services.ledger.helpers import TODAY, add_client, add_invoice

D = Decimal


def _dossier(services):  # type: ignore[no-untyped-def]
    helene = add_client(
        services, "C001", name="Boulangerie Hélène Durand", legal_id="732 829 320 00074"
    )
    garage = add_client(services, "C002", name="Garage de l'Étoile", email="compta@etoile.fr")
    other = add_client(services, "C003", name="Transports Morel")
    f1 = add_invoice(services, helene, "F2026-0001", "1234.50", date(2026, 9, 1), date(2026, 10, 1))
    f2 = add_invoice(services, garage, "F2026-0002", "500.00", date(2026, 11, 1), date(2026, 12, 1))
    f3 = add_invoice(services, other, "F2026-0003", "1500.00", date(2026, 8, 1), date(2026, 9, 1))
    services.payments.record(
        PaymentDraft(garage, date(2026, 11, 10), D("200.00"), reference="VIR ETOILE 77")
    )
    services.payments.record(
        PaymentDraft(other, date(2026, 11, 12), D("1.50"), reference="CHQ 9", allocation=CREDIT)
    )
    return helene, garage, other, f1, f2, f3


def test_client_names_match_without_case_or_accents(services) -> None:  # type: ignore[no-untyped-def]
    helene, garage, *_ = _dossier(services)
    for typed in ("helene", "HÉLÈNE", "Hélène", "boulangerie h"):
        found = services.search.search(typed, TODAY)
        assert [c.id for c in found.clients] == [helene], typed
    assert [c.id for c in services.search.search("etoile", TODAY).clients] == [garage]
    assert [c.id for c in services.search.search("ÉTOILE", TODAY).clients] == [garage]


def test_clients_by_code_email_and_siret(services) -> None:  # type: ignore[no-untyped-def]
    helene, garage, *_ = _dossier(services)
    assert [c.id for c in services.search.search("c002", TODAY).clients] == [garage]
    assert [c.id for c in services.search.search("compta@", TODAY).clients] == [garage]
    assert [c.id for c in services.search.search("732 829", TODAY).clients] == [helene]
    assert [c.id for c in services.search.search("73282932000074", TODAY).clients] == [helene]


def test_a_client_found_shows_what_it_owes(services) -> None:  # type: ignore[no-untyped-def]
    _h, garage, *_ = _dossier(services)
    hit = services.search.search("garage", TODAY).clients[0]
    assert (hit.id, hit.code, hit.due) == (garage, "C002", D("300.00"))


def test_invoices_by_number_and_reference(services) -> None:  # type: ignore[no-untyped-def]
    *_c, f1, f2, f3 = _dossier(services)
    found = services.search.search("2026-000", TODAY)
    assert [i.id for i in found.invoices] == [f3, f2, f1]  # the latest numbers first
    assert [i.number for i in services.search.search("f2026-0002", TODAY).invoices] == [
        "F2026-0002"
    ]


def test_amounts_typed_in_french_or_english(services) -> None:  # type: ignore[no-untyped-def]
    *_c, f1, f2, f3 = _dossier(services)
    for typed in ("1 234,50", "1234,5", "1,234.50", "1234.50", "1 234,50 €"):
        assert [i.id for i in services.search.search(typed, TODAY).invoices] == [f1], typed
    # what is left to pay matches too: 500 less the 200 received
    assert [i.id for i in services.search.search("300,00", TODAY).invoices] == [f2]
    # '1,500' is read both ways: 1500 (an invoice) and 1.50 (a payment)
    found = services.search.search("1,500", TODAY)
    assert [i.id for i in found.invoices] == [f3]
    assert [p.amount for p in found.payments] == [D("1.50")]


def test_invoice_facts_and_status(services) -> None:  # type: ignore[no-untyped-def]
    *_c, f1, f2, _f3 = _dossier(services)
    found = services.search.search("F2026-000", TODAY)
    first = next(i for i in found.invoices if i.id == f1)
    assert (first.client_name, first.balance, first.due_date) == (
        "Boulangerie Hélène Durand",
        D("1234.50"),
        date(2026, 10, 1),
    )
    assert found.statuses[f1] == "overdue"
    assert found.statuses[f2] == "partially_paid"


def test_payments_by_reference_amount_and_payer(services) -> None:  # type: ignore[no-untyped-def]
    _h, garage, other, *_ = _dossier(services)
    by_reference = services.search.search("vir etoile", TODAY).payments
    assert [(p.client_id, p.amount, p.reference) for p in by_reference] == [
        (garage, D("200.00"), "VIR ETOILE 77")
    ]
    assert [p.client_id for p in services.search.search("200", TODAY).payments] == [garage]
    assert [p.client_id for p in services.search.search("morel", TODAY).payments] == [other]


def test_nothing_is_searched_for_one_letter_and_wildcards_are_plain(services) -> None:  # type: ignore[no-untyped-def]
    _dossier(services)
    assert len(services.search.search("e", TODAY)) == 0
    assert len(services.search.search("%%", TODAY)) == 0
    assert len(services.search.search("__", TODAY)) == 0
    assert len(services.search.search("zzzz", TODAY)) == 0


def test_each_kind_is_limited(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services, "C100", name="Dupont")
    for n in range(12):
        add_invoice(services, client, f"D-{n:03}", "10.00", date(2026, 9, 1))
    found = services.search.search("D-0", TODAY, limit=5)
    assert [i.number for i in found.invoices] == ["D-011", "D-010", "D-009", "D-008", "D-007"]
    # a number typed whole comes first, even among many longer ones that contain it
    add_invoice(services, client, "D-01", "10.00", date(2026, 9, 1))
    found = services.search.search("d-01", TODAY, limit=2)
    assert [i.number for i in found.invoices] == ["D-01", "D-011"]


def test_folding_and_amount_readings() -> None:
    assert fold("Éloïse ÇA") == "eloise ca"
    assert searched_amounts("1 234,50") == (D("1234.50"),)
    assert searched_amounts("1,500") == (D("1.500"), D("1500"))
    assert searched_amounts("F2026") == ()
    assert searched_amounts("-5") == ()
