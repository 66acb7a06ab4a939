"""Payment plans: an even split with the remainder last, agree, renegotiate, cancel, the PDF,
and the reminders that follow the instalments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput, NotFound
from app.domain.ledger.instalments import DAYS, Part, add_months, split_evenly
from app.services.ledger.payments import PaymentDraft
from tests.services.ledger.helpers import add_client, add_invoice

TODAY = date(2026, 11, 23)


def test_split_evenly_puts_the_remainder_on_the_last_instalment() -> None:
    parts = split_evenly(Decimal("1000.00"), 3, date(2027, 1, 31))
    assert [p.amount for p in parts] == [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")]
    assert [p.due_date for p in parts] == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31)]
    weekly = split_evenly(Decimal("10.00"), 4, date(2027, 1, 1), every=15, unit=DAYS)
    assert weekly[-1] == Part(date(2027, 2, 15), Decimal("2.50"))
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def _invoice(services):  # type: ignore[no-untyped-def]
    address = {"address": "1 rue de la Paix", "postcode": "75002", "city": "Paris"}
    client = add_client(services, "C001", **address)
    return add_invoice(services, client, "F-100", "900.00", date(2026, 9, 1), date(2026, 10, 1))


def test_agree_renegotiate_and_cancel(services) -> None:  # type: ignore[no-untyped-def]
    invoice = _invoice(services)
    draft = services.plans.draft(invoice, TODAY, count=4, first_due=date(2026, 12, 5))
    assert draft.balance == Decimal("900.00")
    assert [p.amount for p in draft.parts] == [Decimal("225.00")] * 4
    plan = services.plans.agree(invoice, TODAY, list(draft.parts))
    assert plan.changes.reminders
    assert services.plans.current(invoice).parts == draft.parts
    edited = [
        Part(date(2026, 12, 10), Decimal("500.00")),
        Part(date(2027, 1, 10), Decimal("400.00")),
    ]
    services.plans.agree(invoice, TODAY, edited, note="renegotiated by phone")
    current = services.plans.current(invoice)
    assert current.parts == tuple(edited)
    assert current.note == "renegotiated by phone"
    assert services.plans.cancel(invoice, TODAY).reminders
    assert services.plans.current(invoice) is None
    with pytest.raises(NotFound):
        services.plans.cancel(invoice, TODAY)


def test_a_plan_that_does_not_add_up_is_refused_and_nothing_is_written(services) -> None:  # type: ignore[no-untyped-def]
    invoice = _invoice(services)
    wrong = [
        Part(date(2027, 1, 10), Decimal("500.00")),
        Part(date(2027, 1, 10), Decimal("0.00")),
    ]
    with pytest.raises(InvalidInput) as caught:
        services.plans.agree(invoice, TODAY, wrong)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "2: the amount of an instalment must be above zero" in text
    assert "2: each instalment must fall after the one before" in text
    assert "add up to 500.00, not to the 900.00 left to pay" in text
    assert services.plans.current(invoice) is None


def test_a_missed_instalment_restarts_the_reminders_for_its_amount(services) -> None:  # type: ignore[no-untyped-def]
    invoice = _invoice(services)
    first = date(2026, 12, 1)
    draft = services.plans.draft(invoice, TODAY, count=3, first_due=first)
    services.plans.agree(invoice, TODAY, list(draft.parts))

    def actions(on: date) -> list:  # type: ignore[type-arg]
        return [i.action for i in services.reminders.plan(on).items if i.action.status == "overdue"]

    assert actions(TODAY) == []  # the plan holds: nothing to catch up before the first instalment
    later = first + timedelta(days=20)
    missed = actions(later)
    assert len(missed) == 1
    assert missed[0].amounts["EUR"] == Decimal("300.00")  # the instalment, not the whole balance
    client = services.invoices.get(invoice, TODAY).data.client_id
    services.payments.record(PaymentDraft(client_id=client, date=first, amount=Decimal("300.00")))
    assert actions(later) == []  # paid on its day: the follow-up waits for the next one


def test_the_agreement_pdf_lists_the_instalments(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    invoice = _invoice(services)
    draft = services.plans.draft(invoice, TODAY, count=3, first_due=date(2026, 12, 5))
    services.plans.agree(invoice, TODAY, list(draft.parts))
    path = services.plans.agreement_pdf(invoice, tmp_path / "plan.pdf", TODAY)
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "F-100" in text
    assert "300,00" in text  # the company is French: the letter speaks French
    assert "Bon pour accord" in text
    assert "5 décembre 2026" in text
