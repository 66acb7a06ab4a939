from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.insight.behaviour import payment_behaviour
from app.domain.insight.prediction import (
    DEFAULT_PRIOR,
    MAX_DAYS_LATE,
    DelayProfile,
    PredictedPayment,
    company_prior,
    delay_profile,
    payment_on_due_date,
    predict_payment,
    profile_for,
)
from tests.domain.followup.histories import (
    AS_OF,
    chronic_late_payer,
    new_client,
    one_big_outlier,
    perfect_payer,
)


def days(n: int):
    return AS_OF + timedelta(days=n)


def test_chronic_late_payer_profile_is_its_quartiles() -> None:
    behaviour = payment_behaviour(chronic_late_payer(), AS_OF)
    # Sorted delays 25 28 30 31 33 35 38 40: quartiles 29.5 → 30, median 32, 35.75 → 36.
    assert profile_for(behaviour, DEFAULT_PRIOR) == DelayProfile(30, 32, 36)


def test_outlier_does_not_move_the_typical_delay() -> None:
    behaviour = payment_behaviour(one_big_outlier(), AS_OF)
    assert profile_for(behaviour, DEFAULT_PRIOR) == DelayProfile(0, 0, 0)


def test_early_payer_is_predicted_before_the_due_date() -> None:
    profile = profile_for(payment_behaviour(perfect_payer(), AS_OF), DEFAULT_PRIOR)
    assert profile == DelayProfile(-2, 0, 0)
    assert predict_payment(days(20), AS_OF, profile) == PredictedPayment(
        days(18), days(20), days(20)
    )


def test_new_client_uses_the_company_prior() -> None:
    prior = DelayProfile(2, 8, 25)
    behaviour = payment_behaviour(new_client(), AS_OF)
    assert profile_for(behaviour, prior) is prior
    assert profile_for(None, prior) is prior


def test_company_prior_from_every_delay_or_the_default() -> None:
    assert company_prior([0, 10, 20, 30, 40]) == DelayProfile(10, 20, 30)
    assert company_prior([]) is DEFAULT_PRIOR


def test_invoice_not_yet_due() -> None:
    prediction = predict_payment(days(10), AS_OF, DelayProfile(0, 5, 20))
    assert prediction == PredictedPayment(days(10), days(15), days(30))


def test_overdue_invoice_is_never_predicted_in_the_past() -> None:
    prediction = predict_payment(days(-20), AS_OF, DelayProfile(0, 5, 30))
    assert prediction == PredictedPayment(AS_OF, AS_OF, days(10))


def test_prediction_is_capped_and_older_invoices_are_doubtful() -> None:
    profile = DelayProfile(100, 300, 400)
    capped = days(10 + MAX_DAYS_LATE)
    assert predict_payment(days(10), AS_OF, profile) == PredictedPayment(days(110), capped, capped)
    assert predict_payment(days(-MAX_DAYS_LATE), AS_OF, profile) == PredictedPayment(
        AS_OF, AS_OF, AS_OF
    )
    assert predict_payment(days(-MAX_DAYS_LATE - 1), AS_OF, profile) is None


def test_everyone_pays_on_the_due_date() -> None:
    assert payment_on_due_date(days(9), AS_OF).expected == days(9)
    assert payment_on_due_date(days(-400), AS_OF) == PredictedPayment(AS_OF, AS_OF, AS_OF)


def test_profile_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="out of order"):
        DelayProfile(5, 0, 10)


@given(
    delays=st.lists(st.integers(-60, 400), min_size=1, max_size=30),
    due_offset=st.integers(-MAX_DAYS_LATE, 365),
)
def test_prediction_band_is_ordered_and_bounded(delays: list[int], due_offset: int) -> None:
    profile = delay_profile(delays)
    assert profile is not None
    assert min(delays) <= profile.optimistic <= profile.median <= profile.pessimistic
    assert profile.pessimistic <= max(delays)
    due = days(due_offset)
    p = predict_payment(due, AS_OF, profile)
    assert p is not None
    assert AS_OF <= p.optimistic <= p.expected <= p.pessimistic
    assert p.pessimistic <= max(due + timedelta(days=MAX_DAYS_LATE), AS_OF)
