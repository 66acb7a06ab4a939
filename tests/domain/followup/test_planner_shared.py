"""Invoices alike share one ladder: the plan is exactly the one of a ladder per invoice."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.followup.inputs import (
    ClientState,
    CompanySettings,
    DoneAction,
    Instalment,
    InvoiceState,
    PromiseToPay,
)
from app.domain.followup.planner import plan
from app.domain.followup.policy import Channel
from tests.domain.followup.test_planner_properties import LEVELS, books

START = date(2026, 3, 2)


def _day(data: st.DataObject, *offsets: int) -> date:
    return START + timedelta(days=data.draw(st.sampled_from(offsets)))


@st.composite
def alike(draw: st.DrawFn) -> dict:
    """Books whose invoices, histories and promises take few values: many ladders alike, and
    pairs that differ in one thing only (a status, a day, a promise, the client's channel)."""
    data = draw(st.data())
    clients = [
        ClientState(
            cid,
            f"C{cid}",
            f"Client {cid}",
            client_type=draw(st.sampled_from(["business", "consumer"])),
            country=draw(st.sampled_from(["FR", "BE"])),
            preferred_channel=draw(st.sampled_from([None, "email", "phone", "letter"])),
        )
        for cid in (1, 2, 3)
    ]
    invoices = []
    for iid in range(1, draw(st.integers(2, 14)) + 1):
        issue = _day(data, 0, 20)
        balance = Decimal(draw(st.sampled_from([100, 250])))
        odd = draw(st.sampled_from(["", "", "", "", "paused", "plan"]))
        invoices.append(
            InvoiceState(
                iid,
                f"F{iid:03d}",
                draw(st.integers(1, 3)),
                issue,
                issue + timedelta(days=draw(st.sampled_from([0, 30]))),
                draw(st.sampled_from(["EUR", "USD"])),
                balance,
                paused_until=_day(data, 40, 70) if odd == "paused" else None,
                instalments=(
                    Instalment(issue + timedelta(days=30), balance / 2),
                    Instalment(issue + timedelta(days=60), balance / 2),
                )
                if odd == "plan"
                else (),
            )
        )
    ids = [inv.id for inv in invoices]
    history = [_record(draw, data, (iid,)) for iid in ids for _ in range(draw(st.integers(0, 1)))]
    history += [
        _record(draw, data, tuple(draw(st.sets(st.sampled_from(ids), min_size=1))))
        for _ in range(draw(st.integers(0, 3)))
    ]
    promises = [
        PromiseToPay(
            draw(st.integers(1, 3)),
            _day(data, 45, 80),
            None,
            tuple(draw(st.sets(st.sampled_from(ids)))),
            draw(st.sampled_from([None, True, False])),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    return {
        "invoices": invoices,
        "clients": clients,
        "history": history,
        "promises": promises,
        "settings": CompanySettings(country=draw(st.sampled_from(["FR", "BE"]))),
        "today": _day(data, 40, 60, 75),
    }


def _record(draw: st.DrawFn, data: st.DataObject, ids: tuple[int, ...]) -> DoneAction:
    status = draw(st.sampled_from(["done", "skipped", "snoozed"]))
    on = _day(data, 35, 50)
    return DoneAction(
        ids,
        draw(st.sampled_from(LEVELS[2:4])),
        on,
        status,
        snoozed_until=on + timedelta(days=draw(st.sampled_from([5, 20])))
        if status == "snoozed"
        else None,
        channel=draw(st.sampled_from([None, None, Channel.EMAIL, Channel.LETTER])),
    )


def _plan(book: dict, shared: bool, until_days: int | None) -> list:
    until = None if until_days is None else book["today"] + timedelta(days=until_days)
    return plan(
        book["invoices"],
        book["clients"],
        book["today"],
        book["settings"],
        promises=book["promises"],
        history=book["history"],
        until=until,
        shared_ladders=shared,
    )


@settings(max_examples=300, deadline=None)
@given(alike(), st.none() | st.integers(0, 30))
def test_invoices_alike_share_a_ladder_and_get_the_same_plan(
    book: dict, until_days: int | None
) -> None:
    assert _plan(book, True, until_days) == _plan(book, False, until_days)


@settings(max_examples=150, deadline=None)
@given(books(), st.none() | st.integers(0, 60))
def test_shared_ladders_change_no_plan(book: dict, until_days: int | None) -> None:
    assert _plan(book, True, until_days) == _plan(book, False, until_days)


def _twins(
    history: list[DoneAction], promises: list[PromiseToPay], client: ClientState, today: date
) -> None:
    """Invoices 1 and 2 alike but for one thing in their history or promise."""
    invoices = [
        InvoiceState(iid, f"F{iid}", 1, START, START + timedelta(days=30), "EUR", Decimal(100))
        for iid in (1, 2)
    ]
    book = {
        "invoices": invoices,
        "clients": [client],
        "history": history,
        "promises": promises,
        "settings": CompanySettings(),
        "today": today,
    }
    shared = _plan(book, True, None)
    assert shared == _plan(book, False, None)
    mine = [[a.date for a in shared if any(i.invoice_id == iid for i in a.items)] for iid in (1, 2)]
    assert mine[0] != mine[1]


def test_a_day_or_a_status_apart_is_another_ladder() -> None:
    client = ClientState(1, "C1", "Client 1")
    on, later = START + timedelta(days=50), START + timedelta(days=54)
    _twins(
        [DoneAction((1,), "reminder_1", on, "done"), DoneAction((2,), "reminder_1", later, "done")],
        [],
        client,
        later,
    )
    _twins(
        [DoneAction((1,), "reminder_1", on, "done"), DoneAction((2,), "reminder_1", on, "skipped")],
        [],
        client,
        later,
    )


def test_a_promise_a_day_or_an_outcome_apart_is_another_ladder() -> None:
    client = ClientState(1, "C1", "Client 1")
    on = START + timedelta(days=40)
    _twins(
        [],
        [PromiseToPay(1, on, None, (1,)), PromiseToPay(1, on + timedelta(days=9), None, (2,))],
        client,
        on,
    )
    _twins(
        [],
        [PromiseToPay(1, on, None, (1,), None), PromiseToPay(1, on, None, (2,), True)],
        client,
        on + timedelta(days=2),
    )
