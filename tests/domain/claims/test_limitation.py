"""Limitation dates of data/README.md §2.6: rules, starting points, interruptions, warnings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.claims import limitation as lim
from app.domain.claims.limitation import add_years, limitation, limitation_status
from tests.domain.claims.claim_helpers import claim, d

ISSUE, DUE = date(2026, 9, 6), date(2026, 10, 6)


@pytest.mark.parametrize(
    ("jurisdiction", "client_type", "barred", "article"),
    [
        ("FR", "business", date(2031, 10, 6), "C. com. art. L110-4 I"),  # 5 years from due
        ("FR", "consumer", date(2028, 9, 6), "C. consom. art. L218-2"),  # 2 years from issue
        ("BE", "business", date(2036, 10, 6), "anc. C. civ. art. 2262bis §1"),  # 10 years
        ("BE", "consumer", date(2027, 9, 6), "anc. C. civ. art. 2272 al. 2"),  # 1 year
    ],
)
def test_each_rule_with_its_article_and_start(
    jurisdiction: str, client_type: str, barred: date, article: str
) -> None:
    result = limitation(jurisdiction, client_type, issue_date=ISSUE, due_date=DUE)
    assert result.date == barred
    assert result.rule.articles[0] == article
    assert result.start == (DUE if client_type == "business" else ISSUE)
    assert result.interrupted_on is None


def test_a_partial_payment_restarts_the_full_period() -> None:
    paid = date(2027, 3, 15)
    result = limitation("FR", "business", issue_date=ISSUE, due_date=DUE, acknowledgements=[paid])
    assert (result.date, result.interrupted_on) == (date(2032, 3, 15), paid)
    consumer = limitation("FR", "consumer", issue_date=ISSUE, due_date=DUE, acknowledgements=[paid])
    assert consumer.date == date(2029, 3, 15)
    assert "C. civ. art. 2240" in consumer.rule.interruption_articles


def test_the_last_of_several_acknowledgements_counts() -> None:
    acks = [date(2027, 9, 1), date(2027, 1, 10), date(2027, 5, 5)]
    result = limitation("BE", "consumer", issue_date=ISSUE, due_date=DUE, acknowledgements=acks)
    # 6/9/2026 + 1y = 6/9/2027: 10/1 restarts to 10/1/2028, then 5/5 and 1/9/2027 restart again
    assert (result.date, result.interrupted_on) == (date(2028, 9, 1), date(2027, 9, 1))


def test_an_acknowledgement_after_the_date_revives_nothing_and_before_the_start_is_ignored() -> (
    None
):
    late = limitation(
        "BE", "consumer", issue_date=ISSUE, due_date=DUE, acknowledgements=[date(2027, 9, 6)]
    )
    assert (late.date, late.interrupted_on) == (date(2027, 9, 6), None)
    early = limitation(
        "FR", "business", issue_date=ISSUE, due_date=DUE, acknowledgements=[date(2026, 9, 20)]
    )
    assert (early.date, early.interrupted_on) == (date(2031, 10, 6), None)


def test_a_29_february_start_ends_on_28_february() -> None:
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)


def test_warning_ninety_days_before_on_the_day_and_after() -> None:
    barred = date(2027, 9, 6)
    assert limitation_status(barred, barred - timedelta(days=91)) is None
    assert limitation_status(barred, barred - timedelta(days=90)) == lim.SOON
    assert limitation_status(barred, barred) == lim.TODAY
    assert limitation_status(barred, barred + timedelta(days=1)) == lim.PAST


def test_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown_limitation_rule"):
        limitation("DE", "business", issue_date=ISSUE, due_date=DUE)


def test_french_consumer_fees_are_never_kept() -> None:
    result = claim(
        "FR", "consumer", "500.00", DUE, date(2026, 12, 1), fees=d("10.00"), formal_notice_date=DUE
    )
    assert result.fees == 0
    assert "fees_not_allowed" in result.notes


days = st.dates(date(2015, 1, 1), date(2040, 12, 31))
rules = st.sampled_from(
    [("FR", "business"), ("FR", "consumer"), ("BE", "business"), ("BE", "consumer")]
)


@settings(deadline=None)
@given(rules, days, st.integers(0, 120), st.lists(days, max_size=6), days)
def test_limitation_properties(
    rule: tuple[str, str], issue: date, terms: int, acks: list[date], extra: date
) -> None:
    due = issue + timedelta(days=terms)
    plain = limitation(*rule, issue_date=issue, due_date=due)
    result = limitation(*rule, issue_date=issue, due_date=due, acknowledgements=acks)
    # never earlier than without acknowledgements, and exactly N years after its own start
    assert result.date >= plain.date
    origin = result.interrupted_on or result.start
    assert result.date == add_years(origin, result.rule.years)
    if result.interrupted_on is not None:
        assert result.interrupted_on in acks
        assert result.start < result.interrupted_on < result.date
    # one more acknowledgement never brings the date forward
    more = limitation(*rule, issue_date=issue, due_date=due, acknowledgements=[*acks, extra])
    assert more.date >= result.date
    # an acknowledgement on or after the date changes nothing
    after = limitation(
        *rule, issue_date=issue, due_date=due, acknowledgements=[*acks, result.date + timedelta(1)]
    )
    assert after == result
