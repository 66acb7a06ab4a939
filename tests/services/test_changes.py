"""Every write says what it changed: the client it touched and the kind of data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from app.services.changes import Changes, changes_of
from app.services.ledger.payments import PaymentDraft
from tests.services.ledger.helpers import TODAY, add_client, add_invoice


def test_ledger_writes_name_their_client(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    other = add_client(services, "C002")
    invoice = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1))
    detail = services.invoices.get(invoice, TODAY)
    assert detail.changes.client_ids == {client}
    assert detail.changes.ledger
    paid = services.payments.record(PaymentDraft(client, TODAY, Decimal("150.00")))
    assert changes_of(paid) == Changes(
        clients=True, invoices=True, payments=True, reminders=True, client_ids=frozenset({client})
    )
    disputed = services.invoice_actions.dispute(invoice, "wrong quantity", TODAY)
    assert disputed.client_ids == {client}
    assert disputed.invoices
    assert not disputed.payments
    assert services.payments.delete(paid.payment_id).client_ids == {client}
    archived = services.clients.set_archived(other, True)
    assert archived.clients
    assert archived.client_ids == {other}
    assert not archived.ledger
    assert services.clients.delete(other).client_ids == {other}


def test_settings_and_imports_say_so(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    saved = services.dossier.update(replace(services.dossier.settings(), city="Lyon"))
    assert changes_of(saved) == Changes(settings=True)
    assert changes_of(services.analytics.save_aging_limits((15, 45))) == Changes(settings=True)
    csv = tmp_path / "clients.csv"
    csv.write_text("code;name\nC9;Nouvelle SARL\n", encoding="utf-8")
    checked = services.importer.import_file("clients", csv, dry_run=True)
    assert not changes_of(checked)
    written = services.importer.import_file("clients", csv)
    assert changes_of(written) == Changes(clients=True, reminders=True)


def test_changes_merge() -> None:
    merged = Changes(clients=True, client_ids=frozenset({1})) | Changes(
        payments=True, client_ids=frozenset({2})
    )
    assert merged == Changes(clients=True, payments=True, client_ids=frozenset({1, 2}))
    assert merged.ledger
    assert not Changes()
