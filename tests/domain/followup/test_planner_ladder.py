"""How the ladder moves, over random ledgers and histories: never a jump, one voice per client
a week apart, never softer after a formal notice, a formal notice only after a written
reminder, a first start is a first reminder."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.followup.inputs import (
    ClientState,
    CompanySettings,
    DoneAction,
    HistoryStatus,
    InvoiceState,
)
from app.domain.followup.planner import plan, policies_for
from app.domain.followup.policy import Channel, adapted_channel
from tests.domain.followup.ladder_rules import Contact, check_ladder
from tests.domain.followup.planner_helpers import client, done, invoice, run

LEVELS = ("reminder_1", "reminder_2", "firm_reminder", "formal_notice", "collection")
TODAY = date(2026, 11, 23)


@st.composite
def books(draw: st.DrawFn) -> dict:
    clients = [
        ClientState(
            id=cid,
            code=f"C{cid}",
            name=f"Client {cid}",
            client_type=draw(st.sampled_from(["business", "consumer"])),
            country=draw(st.sampled_from(["FR", "BE"])),
            preferred_channel=draw(st.sampled_from([None, "email", "phone", "letter"])),
            unapplied_credit=draw(st.sampled_from([{}, {"EUR": Decimal("25.00")}])),
        )
        for cid in (1, 2)
    ]
    invoices = []
    for iid in range(1, draw(st.integers(1, 6)) + 1):
        late = draw(st.integers(-40, 200))
        due = TODAY - timedelta(days=late)
        invoices.append(
            InvoiceState(
                id=iid,
                number=f"F{iid:03d}",
                client_id=draw(st.integers(1, 2)),
                issue_date=due - timedelta(days=30),
                due_date=due,
                currency="EUR",
                balance=Decimal(draw(st.integers(500, 500000))) / 100,
            )
        )
    history = []
    for invoice_state in invoices:
        if not draw(st.booleans()):
            continue
        # a plausible past: some levels in order, each done, skipped or snoozed
        on = invoice_state.due_date + timedelta(days=draw(st.integers(1, 20)))
        for code in LEVELS[: draw(st.integers(1, 4))]:
            if on >= TODAY:
                break
            status = draw(st.sampled_from(["done", "done", "skipped"]))
            history.append(
                DoneAction(
                    (invoice_state.id,),
                    code,
                    on,
                    HistoryStatus(status),
                    channel=draw(st.sampled_from([Channel.EMAIL, Channel.LETTER, Channel.PHONE])),
                )
            )
            on += timedelta(days=draw(st.integers(1, 30)))
    company = CompanySettings(
        country=draw(st.sampled_from(["FR", "BE"])), admin_fee_enabled=draw(st.booleans())
    )
    return {"invoices": invoices, "clients": clients, "history": history, "settings": company}


def _contacts(book: dict) -> list[Contact]:
    contacts = []
    owner = {i.id: i.client_id for i in book["invoices"]}
    policies = policies_for(book["clients"], book["settings"])
    clients = {c.id: c for c in book["clients"]}
    for record in book["history"]:
        if record.status is HistoryStatus.DONE:
            client_id = owner[record.invoice_ids[0]]
            level = policies[client_id].level(record.level_code)
            channel = record.channel or adapted_channel(level, clients[client_id].preferred_channel)
            contacts.append(
                Contact(
                    client_id,
                    record.date,
                    record.level_code,
                    channel,
                    dict.fromkeys(record.invoice_ids, record.level_code),
                    True,
                )
            )
    actions = plan(
        book["invoices"], book["clients"], TODAY, book["settings"], history=book["history"]
    )
    for action in actions:
        levels = {item.invoice_id: item.level_code for item in action.items}
        contacts.append(
            Contact(action.client_id, action.date, action.level_code, action.channel, levels, False)
        )
    return contacts


@settings(max_examples=300, deadline=None)
@given(books())
def test_the_ladder_moves_one_step_at_a_time_and_one_voice_per_client(book: dict) -> None:
    skipped: dict[int, set[str]] = {}
    for record in book["history"]:
        if record.status is HistoryStatus.SKIPPED:
            for invoice_id in record.invoice_ids:
                skipped.setdefault(invoice_id, set()).add(record.level_code)
    with_history = {i for r in book["history"] for i in r.invoice_ids}
    policies = policies_for(book["clients"], book["settings"])
    late = set()
    for inv in book["invoices"]:
        first = policies[inv.client_id].levels[policies[inv.client_id].first_reminder]
        if inv.id not in with_history and inv.due_date + timedelta(days=first.days) < TODAY:
            late.add(inv.id)
    check_ladder(
        _contacts(book),
        policies,
        skipped=skipped,
        today=TODAY,
        late_at_entry=late,
        invoice_client={i.id: i.client_id for i in book["invoices"]},
    )


def test_a_new_invoice_fifty_days_late_gets_a_first_reminder_not_a_formal_notice() -> None:
    due = TODAY - timedelta(days=50)
    actions = run([invoice(issue=due - timedelta(days=30), due=due)], TODAY)
    assert [a.level_code for a in actions][:3] == ["reminder_1", "reminder_2", "firm_reminder"]


def test_a_formal_notice_waits_for_a_written_reminder() -> None:
    due = TODAY - timedelta(days=90)
    history = [
        done(code, due + timedelta(days=days), channel="phone")
        for code, days in (("reminder_1", 7), ("reminder_2", 15), ("firm_reminder", 30))
    ]
    actions = run([invoice(due=due, issue=due - timedelta(days=30))], TODAY, history=history)
    assert [(a.level_code, a.channel) for a in actions][:2] == [
        ("firm_reminder", Channel.LETTER),  # again, in writing
        ("formal_notice", Channel.FORMAL_NOTICE),
    ]


def test_a_hand_over_waits_for_the_notice_deadline() -> None:
    due = TODAY - timedelta(days=120)
    notice_on = TODAY - timedelta(days=3)
    history = [
        done("firm_reminder", TODAY - timedelta(days=30), channel="letter"),
        done("formal_notice", notice_on, channel="formal_notice"),
    ]
    actions = run([invoice(due=due, issue=due - timedelta(days=30))], TODAY, history=history)
    assert actions[0].level_code == "collection"
    assert actions[0].date >= notice_on + timedelta(days=15)


def test_an_escalation_is_the_only_jump() -> None:
    due = TODAY - timedelta(days=20)
    history = [
        done("reminder_1", due + timedelta(days=7)),
        done("formal_notice", TODAY, status="escalated"),
    ]
    actions = run([invoice(due=due, issue=due - timedelta(days=30))], TODAY, history=history)
    assert (actions[0].date, actions[0].level_code) == (TODAY, "formal_notice")


def test_a_contact_under_the_minimum_amount_waits() -> None:
    due = TODAY - timedelta(days=10)
    small = invoice(1, due=due, issue=due - timedelta(days=30), balance="4.00")
    assert run([small], TODAY) == []
    later = invoice(2, due=TODAY + timedelta(days=10), issue=TODAY - timedelta(days=20))
    actions = run([small, later], TODAY)
    assert actions[0].invoice_ids == (1, 2)  # the small one goes with the next
    assert [i.level_code for i in actions[0].items] == ["reminder_1", "reminder_1"]
    assert client().id == 1
