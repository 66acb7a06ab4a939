from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.insight.behaviour import (
    ClientHistory,
    OpenInvoice,
    SettledInvoice,
    payment_behaviour,
)
from app.domain.insight.risk import Grade, Reason, assess_risk, grade_for, is_at_risk
from tests.domain.followup.histories import (
    AS_OF,
    chronic_late_payer,
    new_client,
    one_big_outlier,
    open_invoice,
    perfect_payer,
    spread,
)

ORDER = [Grade.A, Grade.B, Grade.C, Grade.D, Grade.E]


def assess(history: ClientHistory):
    return assess_risk(payment_behaviour(history, AS_OF))


def test_perfect_payer_gets_a_with_favourable_reasons() -> None:
    risk = assess(perfect_payer())
    assert risk.grade is Grade.A
    assert risk.score == 0
    assert risk.reasons == (
        Reason("pays_on_time", {"percent": 100}),
        Reason("no_overdue_invoice", {}),
    )


def test_chronic_late_payer_gets_e_with_the_four_heaviest_reasons() -> None:
    risk = assess(chronic_late_payer())
    points = {c.factor: c.points for c in risk.contributions}
    assert points == {
        "days_late": 33,
        "late_share": 20,
        "over_60_days": 10,
        "disputes": 0,
        "overdue_share": 14,
        "reminders": 8,
        "oldest_overdue": 7,  # 75 days overdue: the full 40 days-late points, 33 counted above
    }
    assert risk.score == 92
    assert risk.grade is Grade.E
    assert risk.reasons == (
        ("pays_late_on_average", {"days": 33}),
        ("often_pays_late", {"percent": 100}),
        ("overdue_share", {"percent": 95}),
        ("invoices_over_60_days", {"count": 1}),
    )


def test_one_big_outlier_keeps_a_good_payer_in_a() -> None:
    risk = assess(one_big_outlier())
    assert risk.grade is Grade.A
    assert risk.score == 10  # 6 for lateness (the outlier counts 60 days), 4 for 2 late of 10
    assert risk.reasons[0] == ("pays_late_on_average", {"days": 15})
    assert risk.reasons[1] == ("pays_on_time", {"percent": 80})


def test_new_client_gets_new_not_a_grade() -> None:
    risk = assess(new_client())
    assert risk.grade is Grade.NEW
    assert risk.score is None
    assert risk.reasons == (
        ("few_settled_invoices", {"count": 2, "required": 3}),
        ("no_overdue_invoice", {}),
    )
    assert not is_at_risk(risk.grade)


def test_a_client_who_never_paid_is_graded_on_what_it_owes_today() -> None:
    history = ClientHistory(open=(open_invoice(90), open_invoice(70, is_disputed=True)))
    risk = assess(history)
    # 40 for the oldest invoice 90 days overdue, 20 for two over 60 days, 15 for an overdue
    # balance, 5 for the dispute
    assert risk.score == 80
    assert risk.grade is Grade.E
    assert is_at_risk(risk.grade)
    codes = [r.code for r in risk.reasons]
    assert codes[0] == "oldest_invoice_days_late"
    assert {"invoices_over_60_days", "overdue_share"} <= set(codes)
    assert len(codes) <= 4


def test_a_new_client_slightly_late_is_graded_on_it() -> None:
    risk = assess(ClientHistory(open=(open_invoice(5, "300.00"), open_invoice(-10, "900.00"))))
    # 5 for the oldest invoice 5 days overdue, 4 for a quarter of the balance overdue
    assert risk.grade is Grade.A
    assert risk.score == 9
    assert risk.reasons[0] == ("oldest_invoice_days_late", {"days": 5})
    assert ("few_settled_invoices", {"count": 0, "required": 3}) in risk.reasons


def test_a_new_client_one_day_late_shows_why_it_is_graded() -> None:
    risk = assess(ClientHistory(settled=spread([0]), open=(open_invoice(1, "50.00"),)))
    assert risk.grade is Grade.B  # 1 for the day, 15 for a balance all overdue
    assert risk.reasons[0] == ("overdue_share", {"percent": 100})
    assert ("oldest_invoice_days_late", {"days": 1}) in risk.reasons


def test_a_good_payer_with_an_old_unpaid_invoice_is_at_risk() -> None:
    """The demo's worst payers: paid well for a year, now owe invoices 502 days late."""
    history = ClientHistory(
        settled=perfect_payer().settled,
        open=(open_invoice(502, "6796.00"), open_invoice(480, "3000.00")),
    )
    risk = assess(history)
    assert risk.grade is Grade.E  # 40 for 502 days, 20 for two invoices over 60 days, 15
    assert risk.score == 75
    assert is_at_risk(risk.grade)
    assert risk.reasons[0] == ("oldest_invoice_days_late", {"days": 502})


def test_worsening_trend_and_credit_limit_add_points() -> None:
    invoices = spread([0] * 6, first=10, every=30) + spread([-10] * 6, first=190, every=30)
    base = assess(ClientHistory(settled=invoices))
    assert base.score == 10
    assert ("paying_later", {"days": 10}) in base.reasons
    over = assess(
        ClientHistory(
            settled=invoices, open=(open_invoice(-5, "1200.00"),), credit_limit=Decimal("1000")
        )
    )
    assert over.score == 30
    assert over.grade is Grade.C
    assert over.reasons[0] == ("credit_limit_exceeded", {"percent": 120})


def test_credit_limit_nearly_used() -> None:
    history = ClientHistory(
        settled=spread([0, 0, 0]), open=(open_invoice(-5, "850.00"),), credit_limit=Decimal(1000)
    )
    risk = assess(history)
    assert risk.score == 10
    assert risk.reasons[0] == ("credit_limit_nearly_used", {"percent": 85})


def test_improving_client_is_told_so() -> None:
    invoices = spread([0] * 6, first=10, every=30) + spread([30] * 6, first=190, every=30)
    risk = assess(ClientHistory(settled=invoices))
    assert risk.grade is Grade.B  # 15 days late on average, half of the invoices late: 15 + 10
    assert ("paying_earlier", {"days": 30}) in risk.reasons


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (0, Grade.A),
        (14, Grade.A),
        (15, Grade.B),
        (29, Grade.B),
        (30, Grade.C),
        (44, Grade.C),
        (45, Grade.D),
        (59, Grade.D),
        (60, Grade.E),
        (155, Grade.E),
    ],
)
def test_grade_limits(score: int, grade: Grade) -> None:
    assert grade_for(score) is grade


def test_at_risk_means_d_or_e() -> None:
    assert [g for g in Grade if is_at_risk(g)] == [Grade.D, Grade.E]
    assert is_at_risk("E")


def test_graded_clients_always_get_two_to_four_reasons() -> None:
    for history in (perfect_payer(), chronic_late_payer(), one_big_outlier()):
        assert 2 <= len(assess(history).reasons) <= 4


def _delayed(invoices: tuple[SettledInvoice, ...], extra: int) -> ClientHistory:
    """Same payment dates, due dates `extra` days earlier: every invoice paid later."""
    shift = timedelta(days=extra)
    return ClientHistory(
        settled=tuple(
            SettledInvoice(s.issue_date - shift, s.due_date - shift, s.total, s.paid_date)
            for s in invoices
        ),
        open=(open_invoice(70), open_invoice(10)),
    )


@given(
    delays=st.lists(st.integers(-40, 200), min_size=3, max_size=15),
    every=st.integers(5, 40),
    extra=st.integers(0, 120),
)
def test_grade_never_improves_when_days_late_grow(
    delays: list[int], every: int, extra: int
) -> None:
    invoices = spread(delays, every=every, first=1)
    before = assess(_delayed(invoices, 0))
    after = assess(_delayed(invoices, extra))
    assert before.grade is not Grade.NEW
    assert after.score >= before.score
    assert ORDER.index(after.grade) >= ORDER.index(before.grade)


open_invoices = st.lists(
    st.builds(
        open_invoice,
        st.integers(-60, 800),
        st.decimals("0.01", "50000", places=2).map(str),
    ),
    min_size=1,
    max_size=6,
)


@given(
    delays=st.lists(st.integers(-40, 200), max_size=12),
    invoices=open_invoices,
)
def test_overdue_invoices_always_weigh_in_the_grade(
    delays: list[int], invoices: list[OpenInvoice]
) -> None:
    """Whatever the history: an overdue invoice means a grade, never "new"; a balance all
    overdue with an invoice over 60 days late is at risk; and one more day never helps."""
    history = ClientHistory(settled=spread(delays, every=25), open=tuple(invoices))
    risk = assess(history)
    overdue = [o for o in invoices if o.due_date < AS_OF]
    if overdue:
        assert risk.grade is not Grade.NEW
        assert risk.score is not None
        days = max((AS_OF - o.due_date).days for o in overdue)
        assert ("oldest_invoice_days_late", {"days": days}) in [
            c.reason for c in risk.contributions
        ]
    if len(overdue) == len(invoices) and any((AS_OF - o.due_date).days > 60 for o in overdue):
        assert is_at_risk(risk.grade)
    later = ClientHistory(
        settled=history.settled,
        open=tuple(replace(o, due_date=o.due_date - timedelta(days=1)) for o in invoices),
    )
    after = assess(later)
    if risk.score is not None:
        assert after.score is not None
        assert after.score >= risk.score
