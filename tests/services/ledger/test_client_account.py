"""A client's page: statement with running balance by period, figures, behaviour."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.services.ledger.payments import PaymentDraft
from tests.services.ledger.helpers import TODAY, add_client, add_invoice

D = Decimal


def test_statement_running_balance_and_period(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    first = add_invoice(services, client, "F1", "100.00", date(2026, 1, 10), date(2026, 2, 10))
    add_invoice(services, client, "F2", "50.00", date(2026, 2, 10), date(2026, 3, 10))
    services.payments.record(
        PaymentDraft(client, date(2026, 2, 20), D("120.00"), reference="VIR 1")
    )
    services.invoice_actions.create_credit_note(first, "AV1", date(2026, 3, 1), D("10.00"), "")
    whole = services.accounts.statement(client)
    assert [(line.kind, line.amount, line.balance) for line in whole.lines] == [
        ("invoice", D("100.00"), D("100.00")),
        ("invoice", D("50.00"), D("150.00")),
        ("payment", D("-120.00"), D("30.00")),
        ("credit_note", D("-10.00"), D("20.00")),
    ]
    period = services.accounts.statement(client, date(2026, 2, 15), date(2026, 2, 28))
    assert period.opening == {"EUR": D("150.00")}
    assert [line.label for line in period.lines] == ["VIR 1"]
    assert period.closing == {"EUR": D("30.00")}


def test_write_off_closes_the_statement(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    invoice = add_invoice(services, client, "F1", "100.00", date(2026, 1, 10))
    services.payments.record(PaymentDraft(client, date(2026, 2, 1), D("30.00")))
    services.invoice_actions.write_off(invoice, "bankrupt", date(2026, 6, 1))
    lines = services.accounts.statement(client).lines
    assert (lines[-1].kind, lines[-1].amount, lines[-1].balance) == (
        "write_off",
        D("-70.00"),
        D("0.00"),
    )


def test_account_figures_and_behaviour(services) -> None:  # type: ignore[no-untyped-def]
    client = add_client(services)
    for n in range(4):
        due = TODAY - timedelta(days=200 - 30 * n)
        invoice = add_invoice(services, client, f"P{n}", "100.00", due - timedelta(days=30), due)
        services.payments.record(
            PaymentDraft(
                client, due + timedelta(days=10), D("100.00"), allocation=[(invoice, D("100.00"))]
            )
        )
    add_invoice(
        services, client, "OPEN", "80.00", TODAY - timedelta(days=50), TODAY - timedelta(days=20)
    )
    account = services.accounts.account(client, TODAY)
    assert account.balances == {"EUR": D("80.00")}
    assert account.overdue == {"EUR": D("80.00")}
    assert account.oldest_overdue_days == 20
    assert account.behaviour.settled_count == 4
    assert account.behaviour.average_days_late == D("10.0")
    assert account.behaviour.on_time_rate == D("0")
    assert account.behaviour.average_days_to_pay == D("40.0")
    assert account.risk_grade in {"A", "B", "C", "D", "E"}
    assert [i.number for i in account.open_invoices] == ["OPEN"]
    assert len(account.payments) == 4
