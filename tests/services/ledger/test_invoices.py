"""Invoices: due dates from terms, derived statuses, list filters and totals, versions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.db.models import Invoice
from app.domain.errors import Conflict, InvalidInput
from app.domain.filters import CREDIT_NOTE, UNPAID, InvoiceFilter
from app.services.ledger.invoices import InvoiceData
from app.services.ledger.payments import PaymentDraft
from tests.services.ledger.helpers import TODAY, add_client, add_invoice, balance


def test_due_date_from_client_terms_end_of_month(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services, payment_terms="45 days end of month")
    assert services.invoices.suggest_due_date(client, date(2026, 1, 20)) == date(2026, 3, 31)
    invoice = add_invoice(services, client, "F1", "10.00", date(2026, 1, 20))
    assert services.invoices.get(invoice, TODAY).data.due_date == date(2026, 3, 31)
    other = add_client(services, "C002")
    assert services.invoices.suggest_due_date(other, date(2026, 1, 20)) == date(2026, 2, 19)


def test_bad_invoice_is_refused_field_by_field(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    add_invoice(services, client, "F1", "10.00", date(2026, 1, 1))
    bad = InvoiceData(
        number="F1",
        client_id=None,
        issue_date=date(2026, 1, 10),
        due_date=date(2026, 1, 1),
        total=Decimal("-5"),
        currency="EURO",
    )
    with pytest.raises(InvalidInput) as caught:
        services.invoices.create(bad, TODAY)
    assert {p.column for p in caught.value.problems} == {
        "number",
        "client",
        "currency",
        "total",
        "due_date",
    }


def test_statuses_are_derived(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    future = add_invoice(services, client, "OPEN", "100.00", date(2026, 11, 1), date(2026, 12, 1))
    late = add_invoice(services, client, "LATE", "100.00", date(2026, 9, 1), date(2026, 10, 1))
    part = add_invoice(services, client, "PART", "100.00", date(2026, 11, 2), date(2026, 12, 2))
    paid = add_invoice(services, client, "PAID", "100.00", date(2026, 8, 1), date(2026, 9, 1))
    disputed = add_invoice(services, client, "DISP", "80.00", date(2026, 8, 2), date(2026, 9, 2))
    lost = add_invoice(services, client, "LOST", "70.00", date(2026, 1, 2), date(2026, 2, 2))
    services.payments.record(
        PaymentDraft(
            client, date(2026, 9, 1), Decimal("100.00"), allocation=[(paid, Decimal("100.00"))]
        )
    )
    services.payments.record(
        PaymentDraft(
            client, date(2026, 11, 10), Decimal("40.00"), allocation=[(part, Decimal("40.00"))]
        )
    )
    services.invoice_actions.dispute(disputed, "wrong quantity", TODAY)
    services.invoice_actions.write_off(lost, "company closed", TODAY)
    expected = {
        future: "open",
        late: "overdue",
        part: "partially_paid",
        paid: "paid",
        disputed: "disputed",
        lost: "written_off",
    }
    for invoice_id, status in expected.items():
        assert services.invoices.get(invoice_id, TODAY).status == status
        rows = services.invoices.page(InvoiceFilter(statuses=frozenset({status})), TODAY)
        assert [r.line.id for r in rows] == [invoice_id]
        assert rows[0].status == status
    unpaid = services.invoices.page(InvoiceFilter(statuses=frozenset({UNPAID})), TODAY)
    assert {r.line.number for r in unpaid} == {"OPEN", "LATE", "PART", "DISP"}
    assert services.invoices.get(late, TODAY).days_late == (TODAY - date(2026, 10, 1)).days


def test_filters_and_totals_per_currency(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services, name="Garage Dupont")
    add_invoice(services, client, "F-100", "100.00", date(2026, 9, 1), date(2026, 10, 1))
    add_invoice(services, client, "F-200", "200.50", date(2026, 9, 1), date(2026, 11, 20))
    add_invoice(services, client, "F-300", "300.00", date(2026, 7, 1), date(2026, 8, 1), "USD")
    both = services.invoices.totals(InvoiceFilter(), TODAY)
    assert [(t.currency, t.count, t.total) for t in both] == [
        ("EUR", 2, Decimal("300.50")),
        ("USD", 1, Decimal("300.00")),
    ]
    page = services.invoices.page(InvoiceFilter(bucket="1-30"), TODAY)
    assert [r.line.number for r in page] == ["F-200"]
    page = services.invoices.page(InvoiceFilter(bucket="31-60"), TODAY)
    assert [r.line.number for r in page] == ["F-100"]
    page = services.invoices.page(
        InvoiceFilter(amount_min=Decimal("150"), amount_max=Decimal("250")), TODAY
    )
    assert [r.line.number for r in page] == ["F-200"]
    assert services.invoices.count(InvoiceFilter(text="garage"), TODAY) == 3
    assert services.invoices.count(InvoiceFilter(text="f-2"), TODAY) == 1
    assert services.invoices.count(InvoiceFilter(text="%"), TODAY) == 0
    page = services.invoices.page(
        InvoiceFilter(due_from=date(2026, 9, 1), due_to=date(2026, 10, 31)), TODAY
    )
    assert [r.line.number for r in page] == ["F-100"]


@pytest.mark.parametrize(
    "sort", ["number", "client", "issue_date", "due_date", "total", "balance", "status"]
)
def test_keyset_pages_in_both_directions(services, sort) -> None:  # type: ignore[no-untyped-def]
    a = add_client(services, "A")
    b = add_client(services, "B")
    for n in range(9):
        add_invoice(
            services,
            a if n % 2 else b,
            f"F{n}",
            f"{10 + n % 3}.00",
            date(2026, 1, 1 + n % 4),
            date(2026, 2, 1 + n % 5),
        )
    for descending in (False, True):
        full = services.invoices.page(InvoiceFilter(), TODAY, sort, descending, limit=100)
        paged, after = [], None
        while page := services.invoices.page(
            InvoiceFilter(), TODAY, sort, descending, after, limit=2
        ):
            paged += page
            after = page[-1]
        assert [r.line.id for r in paged] == [r.line.id for r in full]
        assert len(full) == 9


def test_sorted_by_what_is_left_and_by_status(services) -> None:  # type: ignore[no-untyped-def]
    a = add_client(services, "A")
    paid = add_invoice(services, a, "PAID", "50.00", date(2026, 9, 1), date(2026, 10, 1))
    add_invoice(services, a, "LATE-OLD", "30.00", date(2026, 8, 1), date(2026, 9, 1))
    add_invoice(services, a, "LATE-NEW", "80.00", date(2026, 10, 1), date(2026, 11, 1))
    half = add_invoice(services, a, "HALF", "100.00", date(2026, 11, 1), date(2026, 12, 31))
    add_invoice(services, a, "NOT-DUE", "20.00", date(2026, 11, 2), date(2026, 12, 31))
    for day, amount, invoice in ((3, "50.00", paid), (4, "60.00", half)):
        value = Decimal(amount)
        services.payments.record(
            PaymentDraft(a, date(2026, 11, day), value, allocation=[(invoice, value)])
        )

    def numbers(sort: str, descending: bool = False) -> list[str]:
        page = services.invoices.page(InvoiceFilter(), TODAY, sort, descending)
        return [r.line.number for r in page]

    assert numbers("balance", descending=True) == [
        "LATE-NEW",
        "HALF",
        "LATE-OLD",
        "NOT-DUE",
        "PAID",
    ]
    # what needs chasing first, the oldest first; paid last
    assert numbers("status") == ["LATE-OLD", "LATE-NEW", "HALF", "NOT-DUE", "PAID"]


def test_stale_invoice_edit_is_refused(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    invoice_id = add_invoice(services, client, "F1", "10.00", date(2026, 1, 1))
    loaded = services.invoices.get(invoice_id, TODAY).data
    services.invoices.update(replace(loaded, reference="PO-1"), TODAY)
    with pytest.raises(Conflict):
        services.invoices.update(replace(loaded, reference="PO-2"), TODAY)
    with pytest.raises(Conflict):
        services.invoice_actions.dispute(invoice_id, "no", TODAY, version=loaded.version)
    assert services.invoices.get(invoice_id, TODAY).data.reference == "PO-1"


def test_two_sessions_saving_the_same_invoice(services) -> None:  # type: ignore[no-untyped-def]
    """Both read version 1; the second commit is refused and nothing is overwritten."""
    client = add_client(services)
    invoice_id = add_invoice(services, client, "F1", "10.00", date(2026, 1, 1))
    first, second = services.uow(), services.uow()
    with first, second:
        mine = first.session.get(Invoice, invoice_id)
        theirs = second.session.get(Invoice, invoice_id)
        mine.reference = "mine"
        theirs.reference = "theirs"
        first.commit()
        with pytest.raises(Conflict):
            second.commit()
    assert services.invoices.get(invoice_id, TODAY).data.reference == "mine"


def test_credit_note_against_an_invoice(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    invoice_id = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1))
    services.payments.record(PaymentDraft(client, date(2026, 1, 5), Decimal("70.00")))
    with pytest.raises(InvalidInput, match="larger than the invoice"):
        services.invoice_actions.create_credit_note(
            invoice_id, "AV1", date(2026, 1, 10), Decimal("150.00"), "too much"
        )
    result = services.invoice_actions.create_credit_note(
        invoice_id, "AV1", date(2026, 1, 10), Decimal("50.00"), "returned goods"
    )
    assert (result.applied, result.leftover) == (Decimal("30.00"), Decimal("20.00"))
    assert balance(services, invoice_id) == Decimal("0.00")
    notes = services.invoices.page(InvoiceFilter(statuses=frozenset({CREDIT_NOTE})), TODAY)
    assert [(r.line.number, r.line.balance) for r in notes] == [("AV1", Decimal("20.00"))]
    credits = services.payments.credits(client)
    assert [(c.source_kind, c.remaining) for c in credits] == [("credit_note", Decimal("20.00"))]


def test_pause_dispute_write_off_are_in_the_history(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    invoice_id = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1))
    services.invoice_actions.pause_dunning(invoice_id, date(2026, 12, 31), TODAY)
    services.invoice_actions.dispute(invoice_id, "not delivered", TODAY)
    services.invoice_actions.resolve_dispute(invoice_id, TODAY)
    services.invoice_actions.write_off(invoice_id, "bankrupt", TODAY)
    detail = services.invoices.get(invoice_id, TODAY)
    assert detail.dunning_paused_until == date(2026, 12, 31)
    assert detail.status == "written_off"
    kinds = [h.kind for h in services.accounts.history(client)]
    assert sorted(kinds) == ["dispute", "dispute_resolved", "pause", "write_off"]
    with pytest.raises(InvalidInput):
        services.invoice_actions.dispute(invoice_id, "  ", TODAY)


def test_attach_the_original_pdf(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    invoice_id = add_invoice(services, client, "F1", "100.00", date(2026, 1, 1))
    pdf = tmp_path / "F1.pdf"
    pdf.write_bytes(b"%PDF-1.4 original")
    stored = services.invoice_actions.attach(invoice_id, str(pdf)).path
    pdf.unlink()
    assert Path(stored).read_bytes() == b"%PDF-1.4 original"
    assert services.invoices.get(invoice_id, TODAY).attachment_path == stored
    with pytest.raises(InvalidInput):
        services.invoice_actions.attach(invoice_id, str(tmp_path / "missing.pdf"))


def test_next_number_follows_the_last(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    assert services.invoices.next_number() == "F-0001"
    add_invoice(services, client, "F2026-0041", "1.00", date(2026, 1, 1))
    assert services.invoices.next_number() == "F2026-0042"
