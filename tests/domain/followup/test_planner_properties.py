"""Properties of the plan over random books: deterministic, working days, nobody wrongly dunned."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.followup.inputs import (
    FLAG_FREE_FIRST_REMINDER,
    FLAG_RECOVERY_INDEMNITY,
    ClientState,
    CompanySettings,
    DoneAction,
    Instalment,
    InvoiceState,
    PlanStatus,
    PromiseToPay,
)
from app.domain.followup.planner import plan, policy_for
from app.domain.followup.policy import Channel
from app.domain.workdays import is_working_day

LEVELS = (
    "receipt_confirmation",
    "courtesy",
    "reminder_1",
    "reminder_2",
    "firm_reminder",
    "formal_notice",
    "collection",
)
START = date(2026, 1, 1)


def _days(low: int, high: int) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: START + timedelta(days=n))


@st.composite
def books(draw: st.DrawFn) -> dict:
    client_count = draw(st.integers(1, 3))
    clients = [
        ClientState(
            id=cid,
            code=f"C{cid}",
            name=f"Client {cid}",
            client_type=draw(st.sampled_from(["business", "consumer"])),
            country=draw(st.sampled_from(["FR", "BE"])),
            preferred_channel=draw(st.sampled_from([None, "email", "phone", "letter"])),
            dunning_blocked=draw(st.booleans()) and draw(st.booleans()),
            unapplied_credit=draw(
                st.sampled_from([{}, {"EUR": Decimal("25.00")}, {"USD": Decimal("500.00")}])
            ),
        )
        for cid in range(1, client_count + 1)
    ]
    invoices = []
    for iid in range(1, draw(st.integers(1, 7)) + 1):
        issue = draw(_days(0, 900))
        due = issue + timedelta(days=draw(st.sampled_from([0, 7, 30, 45, 60])))
        balance = Decimal(draw(st.integers(-1000, 500000))) / 100
        instalments: tuple[Instalment, ...] = ()
        if draw(st.booleans()) and balance > 0:
            instalments = tuple(
                Instalment(due + timedelta(days=30 * n), balance / 3, paid=draw(st.booleans()))
                for n in range(3)
            )
        invoices.append(
            InvoiceState(
                id=iid,
                number=f"F{iid:03d}",
                client_id=draw(st.integers(1, client_count)),
                issue_date=issue,
                due_date=due,
                currency=draw(st.sampled_from(["EUR", "EUR", "USD"])),
                balance=balance,
                is_disputed=draw(st.booleans()) and draw(st.booleans()),
                paused_until=draw(st.none() | _days(0, 1000)),
                is_written_off=draw(st.booleans()) and draw(st.booleans()),
                instalments=instalments,
            )
        )
    ids = [inv.id for inv in invoices]
    history = []
    for _ in range(draw(st.integers(0, 8))):
        status = draw(st.sampled_from(["done", "skipped", "snoozed"]))
        on = draw(_days(0, 1000))
        history.append(
            DoneAction(
                invoice_ids=tuple(draw(st.sets(st.sampled_from(ids), min_size=1, max_size=3))),
                level_code=draw(st.sampled_from(LEVELS)),
                date=on,
                status=status,
                snoozed_until=on + timedelta(days=draw(st.integers(1, 40)))
                if status == "snoozed"
                else None,
                channel=draw(st.sampled_from([None, Channel.EMAIL, Channel.LETTER])),
            )
        )
    promises = [
        PromiseToPay(
            client_id=draw(st.integers(1, client_count)),
            promised_date=draw(_days(0, 1000)),
            invoice_ids=tuple(draw(st.sets(st.sampled_from(ids), max_size=2))),
            kept=draw(st.sampled_from([None, True, False])),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    company = CompanySettings(
        country=draw(st.sampled_from(["FR", "BE"])),
        admin_fee_enabled=draw(st.booleans()),
        promise_grace_days=draw(st.integers(0, 5)),
    )
    return {
        "invoices": invoices,
        "clients": clients,
        "history": history,
        "promises": promises,
        "settings": company,
        "today": draw(_days(0, 1000)),
    }


def _plan(book: dict, reverse: bool = False) -> list:
    order = (lambda items: list(reversed(items))) if reverse else list
    return plan(
        order(book["invoices"]),
        order(book["clients"]),
        book["today"],
        book["settings"],
        promises=order(book["promises"]),
        history=order(book["history"]),
    )


@settings(max_examples=300, deadline=None)
@given(books())
def test_the_plan_is_deterministic_whatever_the_order(book: dict) -> None:
    assert _plan(book) == _plan(book, reverse=True) == _plan(book)


@settings(max_examples=300, deadline=None)
@given(books())
def test_the_plan_keeps_every_rule(book: dict) -> None:
    actions = _plan(book)
    today, country = book["today"], book["settings"].country
    invoices = {inv.id: inv for inv in book["invoices"]}
    clients = {client.id: client for client in book["clients"]}
    seen_groups = set()
    per_invoice: dict[int, list] = defaultdict(list)
    for action in actions:
        assert is_working_day(action.date, country)
        assert (action.status is PlanStatus.OVERDUE) == (action.date < today)
        group = (action.date, action.client_id, action.level_code, action.channel)
        assert group not in seen_groups
        seen_groups.add(group)
        client = clients[action.client_id]
        assert not client.dunning_blocked
        if client.client_type == "consumer":
            assert FLAG_RECOVERY_INDEMNITY not in action.flags
        assert set(action.amounts) == {item.currency for item in action.items}
        assert any(amount > 0 for amount in action.amounts.values())
        for item in action.items:
            inv = invoices[item.invoice_id]
            assert inv.client_id == action.client_id
            assert inv.balance > 0
            assert not inv.is_disputed
            assert not inv.is_written_off
            assert inv.paused_until is None or action.date > inv.paused_until
            assert 0 < item.amount <= inv.balance
            if item.level_code == "formal_notice" or FLAG_FREE_FIRST_REMINDER in action.flags:
                # only counts in writing: never inside a hand-over or a call
                assert action.channel.is_durable, (item, action)
            per_invoice[inv.id].append((action, item))
    for invoice_id, mine in per_invoice.items():
        dates = [a.date for a, _item in mine]
        assert dates == sorted(set(dates))
        policy = policy_for(clients[invoices[invoice_id].client_id], book["settings"])
        positions = [policy.position(item.level_code) for _a, item in mine]
        assert all(
            policy.position(a.level_code) >= p for (a, _i), p in zip(mine, positions, strict=False)
        )
        assert sum(a.status is PlanStatus.OVERDUE for a, _item in mine) <= 1
        _check_history(invoices[invoice_id], positions, book)


def _check_history(invoice: InvoiceState, positions: list, book: dict) -> None:
    """A level done or skipped, or any level below it, is never planned again, but for what a
    step needs first: a Belgian consumer's free reminder, the written reminder a formal notice
    needs, the formal notice a hand-over needs."""
    if invoice.instalments:
        return
    policy = policy_for(
        next(c for c in book["clients"] if c.id == invoice.client_id), book["settings"]
    )
    finished = [
        policy.position(record.level_code)
        for record in book["history"]
        if invoice.id in record.invoice_ids and record.status in ("done", "skipped")
    ]
    resent = [p for p in positions if finished and p <= max(finished)]
    # at most: the free reminder, the written reminder, the formal notice a hand-over needs
    assert len(resent) <= 3
    assert resent == sorted(set(resent))
