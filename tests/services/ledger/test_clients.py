"""Client register: validation, search, balances per page, archive, delete refused, versions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import Conflict, InvalidInput
from app.domain.filters import ClientFilter
from app.services.ledger.clients import ClientData, ContactData
from tests.services.ledger.helpers import TODAY, add_client, add_invoice


def _columns(error: InvalidInput) -> set[str | None]:
    return {p.column for p in error.problems}


def test_every_bad_field_is_reported_next_to_it(services) -> None:  # type: ignore[no-untyped-def]
    data = ClientData(
        code="",
        name="",
        email="not-an-email",
        legal_id="123456789",
        vat_number="FR00000000000",
        iban="FR7630006000011234567890188",
        payment_terms="soon",
        credit_limit=Decimal("-1"),
        dunning_blocked=True,
        contacts=(ContactData(name="A", email="x@"),),
    )
    with pytest.raises(InvalidInput) as caught:
        services.clients.create(data)
    assert _columns(caught.value) >= {
        "code",
        "name",
        "email",
        "legal_id",
        "vat_number",
        "iban",
        "payment_terms",
        "credit_limit",
        "dunning_blocked_reason",
        "contacts",
    }
    assert services.clients.count(ClientFilter()) == 0


def test_valid_french_client_is_stored_compact(services) -> None:  # type: ignore[no-untyped-def]
    created = services.clients.create(
        ClientData(
            code="C001",
            name="Boulangerie Martin",
            email="compta@martin.fr",
            legal_id="732 829 320",
            vat_number="FR 40 303 265 045",
            iban="FR76 3000 6000 0112 3456 7890 189",
            payment_terms="45 jours fin de mois",
            contacts=(
                ContactData(name="Anne", email="anne@martin.fr"),
                ContactData(name="Paul", phone="0102030405"),
            ),
        )
    )
    assert created.legal_id == "732829320"
    assert created.vat_number == "FR40303265045"
    assert created.iban == "FR7630006000011234567890189"
    assert created.payment_terms == "45 days end of month"
    assert [c.is_reminder_contact for c in created.contacts] == [True, False]


def test_belgian_enterprise_number(services) -> None:  # type: ignore[no-untyped-def]
    created = services.clients.create(
        ClientData(
            code="B1",
            name="Brasserie",
            country="BE",
            email="a@b.be",
            legal_id="0403.019.261",
            vat_number="BE0403019261",
        )
    )
    assert created.legal_id == "0403019261"
    with pytest.raises(InvalidInput) as caught:
        services.clients.create(
            ClientData(
                code="B2", name="X", country="BE", email="a@b.be", vat_number="FR40303265045"
            )
        )
    assert _columns(caught.value) == {"vat_number"}


def test_duplicate_code_refused(services) -> None:  # type: ignore[no-untyped-def]
    add_client(services, "C001")
    with pytest.raises(InvalidInput) as caught:
        add_client(services, "C001")
    assert _columns(caught.value) == {"code"}


def test_search_and_balances_of_a_page(services) -> None:  # type: ignore[no-untyped-def]
    first = add_client(services, "C001", name="Boulangerie Martin", city="Lyon")
    add_client(services, "C002", name="Garage Dupont", city="Nantes")
    add_invoice(services, first, "F1", "100.00", date(2026, 9, 1), date(2026, 10, 1))
    add_invoice(services, first, "F2", "50.00", date(2026, 11, 1), date(2026, 12, 1))
    rows = services.clients.page(ClientFilter(text="lyon"), TODAY)
    assert [r.code for r in rows] == ["C001"]
    assert rows[0].balances == {"EUR": Decimal("150.00")}
    assert rows[0].overdue == {"EUR": Decimal("100.00")}
    assert rows[0].oldest_overdue_days == (TODAY - date(2026, 10, 1)).days
    assert services.clients.count(ClientFilter(text="GARAGE")) == 1


def test_keyset_pages_cover_every_client_once(services) -> None:  # type: ignore[no-untyped-def]
    for n in range(7):
        add_client(services, f"C{n:03d}", name=f"Name {6 - n}")
    seen = []
    after = None
    while True:
        page = services.clients.page(ClientFilter(), TODAY, "name", True, after, limit=3)
        if not page:
            break
        seen += [r.code for r in page]
        after = page[-1]
    assert seen == [f"C{n:03d}" for n in range(7)]


def test_delete_with_invoices_is_refused_archive_instead(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services, "C001")
    add_invoice(services, client, "F1", "10.00", date(2026, 1, 1))
    with pytest.raises(Conflict, match="archive"):
        services.clients.delete(client)
    services.clients.set_archived(client, True)
    assert services.clients.count(ClientFilter()) == 0
    assert services.clients.count(ClientFilter(include_archived=True)) == 1
    empty = add_client(services, "C002")
    services.clients.delete(empty)
    assert services.clients.count(ClientFilter(include_archived=True)) == 1


def test_stale_edit_is_refused(services) -> None:  # type: ignore[no-untyped-def]
    client = services.clients.get(add_client(services, "C001"))
    services.clients.update(replace(client, name="First change"))
    with pytest.raises(Conflict):
        services.clients.update(replace(client, name="Second change"))
    assert services.clients.get(client.id).name == "First change"


def test_next_code_follows_the_last(services) -> None:  # type: ignore[no-untyped-def]
    assert services.clients.next_code() == "C0001"
    add_client(services, "CL-0099")
    assert services.clients.next_code() == "CL-0100"
