"""A plan asked up to a day walks only the invoices that can need a step by then: over random
books (escalations, snoozes, promises, payment plans, Belgian consumers), it gives exactly the
actions of the planner that walks every invoice, and those of the whole plan up to that day."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.followup.inputs import DoneAction
from app.domain.followup.planner import plan
from tests.domain.followup.test_planner_properties import LEVELS, books


@st.composite
def books_with_escalations(draw: st.DrawFn) -> dict:
    book = draw(books())
    ids = [invoice.id for invoice in book["invoices"]]
    for _ in range(draw(st.integers(0, 2))):
        book["history"].append(
            DoneAction(
                invoice_ids=tuple(draw(st.sets(st.sampled_from(ids), min_size=1, max_size=2))),
                level_code=draw(st.sampled_from(LEVELS)),
                date=book["today"] - timedelta(days=draw(st.integers(-20, 60))),
                status="escalated",
            )
        )
    for _ in range(draw(st.integers(0, 2))):  # a contact lately: the gap after it matters
        book["history"].append(
            DoneAction(
                invoice_ids=(draw(st.sampled_from(ids)),),
                level_code=draw(st.sampled_from(LEVELS)),
                date=book["today"] - timedelta(days=draw(st.integers(0, 20))),
                status="done",
            )
        )
    book["until"] = book["today"] + timedelta(days=draw(st.integers(-30, 120)))
    return book


def _plan(book: dict, until, trim: bool) -> list:  # type: ignore[no-untyped-def]
    return plan(
        book["invoices"],
        book["clients"],
        book["today"],
        book["settings"],
        promises=book["promises"],
        history=book["history"],
        until=until,
        trim=trim,
    )


@settings(max_examples=400, deadline=None)
@given(books_with_escalations())
def test_trimmed_plan_is_the_full_planners_plan(book: dict) -> None:
    until = book["until"]
    trimmed = _plan(book, until, trim=True)
    assert trimmed == _plan(book, until, trim=False)
    whole = _plan(book, None, trim=False)
    assert trimmed == [action for action in whole if action.date <= until]
