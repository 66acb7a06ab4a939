from __future__ import annotations

from datetime import date

import pytest

from app.domain.claims import claim as c
from app.domain.claims.claim import claim_as_dict, format_rate
from app.domain.claims.interest import compute_claim
from app.domain.claims.rates import RATE_ESTIMATED
from app.domain.claims.recovery import be_consumer_damages, be_reminder_period
from tests.domain.claims.claim_helpers import claim, d, real_tables


def _periods(result: c.Claim) -> list[tuple[date, date, str, int, str, str]]:
    return [
        (p.first_day, p.last_day, f"{p.rate_percent}", p.days, f"{p.principal}", f"{p.interest}")
        for p in result.interest_periods
    ]


# ---- the worked examples of data/README.md -----------------------------------------------


def test_fr_business_over_the_2025_half_year_boundary() -> None:
    result = claim("FR", "business", "1000.00", date(2025, 6, 20), date(2025, 7, 10))
    assert _periods(result) == [
        (date(2025, 6, 21), date(2025, 6, 30), "13.15", 10, "1000.00", "3.60"),
        (date(2025, 7, 1), date(2025, 7, 10), "12.15", 10, "1000.00", "3.33"),
    ]
    assert (result.interest, result.fixed_indemnity, result.total) == (
        d("6.93"),
        d("40.00"),
        d("1046.93"),
    )
    assert result.rate_basis == c.ECB_PLUS_10
    assert result.fixed_indemnity_basis == c.FR_RECOVERY_INDEMNITY
    assert (result.days_late, result.interest_start, result.notes) == (20, date(2025, 6, 20), ())


def test_be_business_paid_after_thirty_days() -> None:
    paid = ((date(2025, 1, 30), "2000.00"),)
    result = claim("BE", "business", "2000.00", date(2024, 12, 31), date(2025, 2, 15), paid)
    assert _periods(result) == [
        (date(2025, 1, 1), date(2025, 1, 30), "11.50", 30, "2000.00", "18.90"),
    ]
    assert (result.principal, result.interest, result.fixed_indemnity, result.total) == (
        d("0.00"),
        d("18.90"),
        d("40.00"),
        d("58.90"),
    )
    assert result.rate_basis == c.BE_COMMERCIAL
    assert c.PAID_LATE in result.notes


def test_be_consumer_waits_for_the_reminder_period_then_claims_damages() -> None:
    def at(as_of: date, clause: bool = True) -> c.Claim:
        return claim(
            "BE",
            "consumer",
            "800.00",
            date(2025, 9, 15),
            as_of,
            first_reminder_date=date(2025, 10, 1),
            is_first_reminder_electronic=True,
            fees=d("7.50"),
            damages_clause=clause,
        )

    waiting = at(date(2025, 10, 15))
    assert (waiting.reminder_period_start, waiting.reminder_period_end) == (
        date(2025, 10, 2),
        date(2025, 10, 15),
    )
    assert (waiting.interest, waiting.fixed_indemnity, waiting.fees) == (0, 0, 0)
    assert waiting.interest_periods == ()
    assert waiting.total == d("800.00")
    assert {c.WITHIN_REMINDER_PERIOD, c.FEES_NOT_ALLOWED} <= set(waiting.notes)

    after = at(date(2025, 10, 16))
    assert _periods(after) == [
        (date(2025, 10, 16), date(2025, 10, 16), "10.50", 1, "800.00", "0.23"),
    ]
    assert after.fixed_indemnity == d("80.00")
    assert after.fixed_indemnity_basis == c.BE_CONSUMER_DAMAGES
    assert after.fees == d("7.50")
    assert after.total == d("887.73")
    assert after.interest_start == date(2025, 10, 15)
    assert c.CLAUSE_REQUIRED not in after.notes
    assert (after.damages, after.recovery_indemnity) == (d("80.00"), 0)
    got = claim_as_dict(after, invoice="F1", client="C1")
    assert (got["fixed_indemnity"], got["damages"], got["total"]) == ("0.00", "80.00", "887.73")

    without_clause = at(date(2025, 10, 16), clause=False)
    assert (without_clause.fixed_indemnity, without_clause.fees) == (0, 0)
    assert without_clause.fixed_indemnity_basis is None
    assert without_clause.total == d("800.23")  # balance and capped interest only
    assert {c.CLAUSE_REQUIRED, c.FEES_NOT_ALLOWED} <= set(without_clause.notes)


def test_fr_consumer_interest_runs_from_the_formal_notice() -> None:
    result = claim(
        "FR",
        "consumer",
        "500.00",
        date(2026, 1, 15),
        date(2026, 3, 20),
        ((date(2026, 3, 4), "500.00"),),
        formal_notice_date=date(2026, 2, 2),
    )
    assert _periods(result) == [
        (date(2026, 2, 3), date(2026, 3, 4), "2.62", 30, "500.00", "1.08"),
    ]
    assert (result.fixed_indemnity, result.fixed_indemnity_basis) == (0, None)
    assert result.total == d("1.08")
    assert result.rate_basis == c.LEGAL_RATE


def test_the_contracts_example() -> None:
    result = claim("FR", "business", "1200.00", date(2026, 10, 6), date(2026, 11, 22))
    assert claim_as_dict(result, invoice="F2026-0042", client="C001") == {
        "invoice": "F2026-0042",
        "client": "C001",
        "currency": "EUR",
        "as_of": "2026-11-22",
        "jurisdiction": "FR",
        "client_type": "business",
        "principal": "1200.00",
        "days_late": 47,
        "interest_periods": [
            {
                "from": "2026-10-07",
                "to": "2026-11-22",
                "rate_percent": "12.40",
                "days": 47,
                "principal": "1200.00",
                "interest": "19.16",
            }
        ],
        "interest": "19.16",
        "fixed_indemnity": "40.00",
        "fees": "0.00",
        "total": "1259.16",
        "damages": "0.00",
        "disputed": False,
        "limitation_date": None,
    }


# ---- payments ------------------------------------------------------------------------------


def test_a_partial_payment_still_bears_interest_on_its_own_day() -> None:
    paid = ((date(2026, 2, 10), "400.00"),)
    result = claim("FR", "business", "1000.00", date(2026, 1, 31), date(2026, 2, 20), paid)
    assert _periods(result) == [
        (date(2026, 2, 1), date(2026, 2, 10), "12.15", 10, "1000.00", "3.33"),
        (date(2026, 2, 11), date(2026, 2, 20), "12.15", 10, "600.00", "2.00"),
    ]
    assert (result.principal, result.interest, result.total) == (
        d("600.00"),
        d("5.33"),
        d("645.33"),
    )


def test_payments_and_the_half_year_boundary_split_the_periods() -> None:
    paid = ((date(2025, 6, 30), "1000.00"), (date(2025, 7, 15), "500.00"))
    result = claim("FR", "business", "3000.00", date(2025, 6, 10), date(2025, 7, 31), paid)
    assert _periods(result) == [
        (date(2025, 6, 11), date(2025, 6, 30), "13.15", 20, "3000.00", "21.62"),
        (date(2025, 7, 1), date(2025, 7, 15), "12.15", 15, "2000.00", "9.99"),
        (date(2025, 7, 16), date(2025, 7, 31), "12.15", 16, "1500.00", "7.99"),
    ]
    assert result.interest == d("39.60")


def test_an_invoice_paid_late_claims_interest_and_indemnity_only() -> None:
    paid = ((date(2026, 2, 10), "500.00"), (date(2026, 2, 20), "500.00"))
    result = claim("FR", "business", "1000.00", date(2026, 1, 31), date(2026, 11, 22), paid)
    assert [p.interest for p in result.interest_periods] == [d("3.33"), d("1.66")]
    assert (result.principal, result.balance, result.days_late) == (0, 0, 20)
    assert (result.interest, result.fixed_indemnity, result.total) == (
        d("4.99"),
        d("40.00"),
        d("44.99"),
    )
    assert result.interest_end == date(2026, 2, 20)
    assert c.PAID_LATE in result.notes


def test_reductions_before_the_due_date_and_after_as_of() -> None:
    events = ((date(2026, 1, 10), "200.00"), (date(2026, 3, 1), "800.00"))
    result = claim("FR", "business", "1000.00", date(2026, 1, 31), date(2026, 2, 20), events)
    assert _periods(result) == [
        (date(2026, 2, 1), date(2026, 2, 20), "12.15", 20, "800.00", "5.33"),
    ]
    assert result.principal == d("800.00")


@pytest.mark.parametrize(
    ("as_of", "payments", "note"),
    [
        (date(2026, 10, 5), (), c.NOT_YET_DUE),
        (date(2026, 10, 6), (), c.NOT_YET_DUE),  # due on as_of: not late yet
        (date(2026, 11, 22), ((date(2026, 10, 6), "1200.00"),), c.PAID_ON_TIME),
    ],
)
def test_no_claim_before_the_invoice_is_late(
    as_of: date, payments: tuple[tuple[date, str], ...], note: str
) -> None:
    result = claim("FR", "business", "1200.00", date(2026, 10, 6), as_of, payments, fees=d("15.00"))
    open_balance = d("1200.00") if not payments else 0
    assert result.interest_periods == ()
    assert (result.interest, result.fixed_indemnity, result.fees) == (0, 0, 0)
    # docs/commands.md: not yet late, `principal` is still the open balance and the total is it
    assert (result.principal, result.balance, result.total) == (open_balance,) * 3
    assert (result.days_late, result.rate_basis) == (0, None)
    assert result.notes == (note,)


def test_one_day_late_already_owes_the_indemnity() -> None:
    result = claim("BE", "business", "100.00", date(2026, 10, 6), date(2026, 10, 7))
    assert _periods(result) == [
        (date(2026, 10, 7), date(2026, 10, 7), "10.50", 1, "100.00", "0.03"),
    ]
    assert (result.fixed_indemnity, result.fixed_indemnity_basis) == (
        d("40.00"),
        c.BE_RECOVERY_INDEMNITY,
    )


# ---- leap years, half-years and agreed rates ------------------------------------------------


def test_leap_years_still_divide_by_365() -> None:
    result = claim("FR", "business", "1000.00", date(2024, 2, 1), date(2024, 3, 1))
    assert _periods(result) == [
        (date(2024, 2, 2), date(2024, 3, 1), "14.50", 29, "1000.00", "11.52"),  # /366: 11.49
    ]
    year = claim(
        "FR",
        "consumer",
        "10000.00",
        date(2023, 12, 1),
        date(2024, 12, 31),
        formal_notice_date=date(2023, 12, 31),
    )
    assert _periods(year) == [
        (date(2024, 1, 1), date(2024, 6, 30), "5.07", 182, "10000.00", "252.81"),
        (date(2024, 7, 1), date(2024, 12, 31), "4.92", 184, "10000.00", "248.02"),
    ]
    assert year.interest_days == 366


def test_second_half_of_2022_runs_at_the_rate_of_1_july() -> None:
    fr = claim("FR", "business", "1000.00", date(2022, 7, 31), date(2022, 8, 30))
    assert _periods(fr) == [
        (date(2022, 8, 1), date(2022, 8, 30), "10.00", 30, "1000.00", "8.22"),
    ]
    be = claim("BE", "business", "1000.00", date(2022, 7, 31), date(2022, 8, 30))
    assert [(p.rate_percent, p.interest) for p in be.interest_periods] == [(d("8.00"), d("6.58"))]


def test_2024_agreed_rate_below_three_times_the_legal_rate_gives_way_to_ecb_plus_10() -> None:
    def with_rate(rate: str) -> c.Claim:
        return claim(
            "FR",
            "business",
            "10000.00",
            date(2024, 3, 31),
            date(2024, 4, 30),
            contractual_rate=d(rate),
        )

    below = with_rate("15.00")  # floor 3 x 5.07 = 15.21, above the 14.50 default
    assert _periods(below) == [
        (date(2024, 4, 1), date(2024, 4, 30), "14.50", 30, "10000.00", "119.18"),
    ]
    assert below.rate_basis == c.ECB_PLUS_10
    assert c.CONTRACTUAL_RATE_BELOW_FLOOR in below.notes
    above = with_rate("15.50")
    assert [(p.rate_percent, p.interest) for p in above.interest_periods] == [
        (d("15.50"), d("127.40"))
    ]
    assert (above.rate_basis, above.notes) == (c.CONTRACTUAL, ())


def test_the_floor_is_checked_half_year_by_half_year() -> None:
    result = claim(
        "FR",
        "business",
        "1000.00",
        date(2025, 6, 20),
        date(2025, 7, 10),
        contractual_rate=d("9.00"),  # floors: 11.13 in 2025-S1, 8.28 in 2025-S2
    )
    assert [(p.rate_percent, p.rate_basis, p.interest) for p in result.interest_periods] == [
        (d("13.15"), c.ECB_PLUS_10, d("3.60")),
        (d("9.00"), c.CONTRACTUAL, d("2.47")),
    ]
    assert result.rate_basis == c.MIXED
    assert c.CONTRACTUAL_RATE_BELOW_FLOOR in result.interest_periods[0].flags


def test_belgian_agreed_rates() -> None:
    business = claim(
        "BE", "business", "1000.00", date(2026, 1, 31), date(2026, 3, 2), contractual_rate=d("7")
    )
    assert [(p.rate_percent, p.rate_basis) for p in business.interest_periods] == [
        (d("7"), c.CONTRACTUAL)
    ]

    def consumer(rate: str) -> c.Claim:
        return claim(
            "BE",
            "consumer",
            "1000.00",
            date(2026, 1, 31),
            date(2026, 3, 31),
            first_reminder_date=date(2026, 2, 2),
            is_first_reminder_electronic=True,
            contractual_rate=d(rate),
        )

    capped = consumer("15.00")
    assert {p.rate_percent for p in capped.interest_periods} == {d("10.50")}
    assert c.CONTRACTUAL_RATE_CAPPED in capped.notes
    lower = consumer("6.00")
    assert {(p.rate_percent, p.rate_basis) for p in lower.interest_periods} == {
        (d("6.00"), c.CONTRACTUAL)
    }


def test_future_half_years_use_the_latest_known_rate_and_say_so() -> None:
    result = claim("FR", "business", "1000.00", date(2026, 12, 20), date(2027, 1, 19))
    assert _periods(result) == [
        (date(2026, 12, 21), date(2026, 12, 31), "12.40", 11, "1000.00", "3.74"),
        (date(2027, 1, 1), date(2027, 1, 19), "12.65", 19, "1000.00", "6.58"),
    ]
    assert [p.flags for p in result.interest_periods] == [frozenset(), {RATE_ESTIMATED}]
    assert RATE_ESTIMATED in result.notes


# ---- consumers -----------------------------------------------------------------------------


def test_fr_consumer_without_formal_notice_owes_the_balance_only() -> None:
    for notice in (None, date(2026, 4, 1)):  # none, or not sent yet on as_of
        result = claim(
            "FR",
            "consumer",
            "500.00",
            date(2026, 1, 15),
            date(2026, 3, 1),
            formal_notice_date=notice,
            contractual_rate=d("12"),
        )
        assert (result.principal, result.interest, result.fixed_indemnity, result.total) == (
            d("500.00"),
            0,
            0,
            d("500.00"),
        )
        assert result.days_late == 45
        assert {c.NO_FORMAL_NOTICE, c.CONTRACTUAL_RATE_NOT_APPLIED} <= set(result.notes)


def test_be_consumer_without_first_reminder_owes_the_balance_only() -> None:
    result = claim("BE", "consumer", "500.00", date(2026, 1, 15), date(2026, 3, 1), fees=d("7.50"))
    assert (result.interest, result.fixed_indemnity, result.fees, result.total) == (
        0,
        0,
        0,
        d("500.00"),
    )
    assert c.NO_FIRST_REMINDER in result.notes


def test_be_consumer_damages_on_the_balance_left_at_the_end_of_the_period() -> None:
    result = claim(
        "BE",
        "consumer",
        "800.00",
        date(2025, 9, 15),
        date(2025, 10, 31),
        ((date(2025, 10, 10), "300.00"),),
        first_reminder_date=date(2025, 10, 1),
        is_first_reminder_electronic=True,
        damages_clause=True,
    )
    assert result.fixed_indemnity == d("65.00")  # 30 + 10 % x (500 - 150)
    assert _periods(result) == [
        (date(2025, 10, 16), date(2025, 10, 31), "10.50", 16, "500.00", "2.30"),
    ]


@pytest.mark.parametrize(
    ("sent", "first", "last"),
    [
        (date(2025, 10, 3), date(2025, 10, 8), date(2025, 10, 21)),  # Friday: Mon, Tue, Wed
        (date(2025, 11, 10), date(2025, 11, 14), date(2025, 11, 27)),  # 11 Nov is a holiday
        (date(2025, 12, 23), date(2025, 12, 29), date(2026, 1, 11)),  # Christmas in between
    ],
)
def test_a_paper_reminder_period_starts_on_the_third_belgian_working_day(
    sent: date, first: date, last: date
) -> None:
    assert be_reminder_period(sent, is_electronic=False) == (first, last)


@pytest.mark.parametrize(
    ("balance", "damages"),
    [
        ("0.00", "0.00"),
        ("100.00", "20.00"),
        ("150.00", "20.00"),
        ("150.01", "30.00"),
        ("400.00", "55.00"),
        ("500.00", "65.00"),
        ("800.00", "80.00"),
        ("10000.00", "540.00"),
        ("39200.00", "2000.00"),
        ("100000.00", "2000.00"),
    ],
)
def test_belgian_consumer_damages_brackets(balance: str, damages: str) -> None:
    assert be_consumer_damages(d(balance)) == d(damages)


# ---- input and output ----------------------------------------------------------------------


def test_rates_are_written_with_every_agreed_decimal() -> None:
    assert [format_rate(d(r)) for r in ("12.4", "8.25", "12.125", "7")] == [
        "12.40",
        "8.25",
        "12.125",
        "7.00",
    ]


def test_other_currencies_are_flagged_and_zero_invoices_claim_nothing() -> None:
    chf = claim("FR", "business", "100.00", date(2026, 1, 1), date(2026, 2, 1), currency="CHF")
    assert c.CURRENCY_NOT_EUR in chf.notes
    empty = claim("FR", "business", "0.00", date(2026, 1, 1), date(2026, 2, 1))
    assert (empty.total, empty.notes) == (0, (c.PAID_ON_TIME,))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"jurisdiction": "DE"}, "unknown_jurisdiction"),
        ({"client_type": "public"}, "unknown_client_type"),
        ({"invoice_total": d("-1")}, "negative_invoice_total"),
        ({"reductions": [(date(2026, 1, 5), d("-1"))]}, "negative_reduction"),
        ({"fees": d("-1")}, "negative_fees"),
        ({"contractual_rate": d("-1")}, "negative_contractual_rate"),
    ],
)
def test_rejects_impossible_input(changes: dict[str, object], code: str) -> None:
    arguments: dict[str, object] = {
        "jurisdiction": "FR",
        "client_type": "business",
        "invoice_total": d("100"),
        "due_date": date(2026, 1, 1),
        "as_of": date(2026, 2, 1),
        **changes,
    }
    with pytest.raises(ValueError, match=code):
        compute_claim(real_tables(), **arguments)  # type: ignore[arg-type]
