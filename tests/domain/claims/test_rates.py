from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.claims.rate_files import (
    BAD_DATE,
    BAD_RATE,
    DUPLICATE_DATE,
    EMPTY_FILE,
    MISSING_COLUMN,
    NOT_HALF_YEAR_START,
    RateFileError,
    parse_be_late_csv,
    parse_ecb_csv,
    parse_fr_legal_csv,
)
from app.domain.claims.rates import (
    BE_RATE_DERIVED,
    RATE_ESTIMATED,
    BeLateRate,
    EcbRateChange,
    FrLegalRate,
    RateTables,
    RateUnavailable,
    be_rate_from_mro,
    half_year_end,
    half_year_label,
    half_year_start,
    next_half_year_start,
)
from tests.domain.claims.claim_helpers import real_tables

# data/README.md §1.4: half-year, ECB on 1st day, FR ECB+10, FR other cases, FR floor,
# FR creditor individual, BE rate.
HALF_YEARS = """
2013-S1 0.75 10.75 - - - 9.00
2013-S2 0.50 10.50 - - - 8.50
2014-S1 0.25 10.25 - - - 8.50
2014-S2 0.15 10.15 - - - 8.50
2015-S1 0.05 10.05 0.93 2.79 4.06 8.50
2015-S2 0.05 10.05 0.99 2.97 4.29 8.50
2016-S1 0.05 10.05 1.01 3.03 4.54 8.50
2016-S2 0.00 10.00 0.93 2.79 4.35 8.00
2017-S1 0.00 10.00 0.90 2.70 4.16 8.00
2017-S2 0.00 10.00 0.90 2.70 3.94 8.00
2018-S1 0.00 10.00 0.89 2.67 3.73 8.00
2018-S2 0.00 10.00 0.88 2.64 3.60 8.00
2019-S1 0.00 10.00 0.86 2.58 3.40 8.00
2019-S2 0.00 10.00 0.87 2.61 3.26 8.00
2020-S1 0.00 10.00 0.87 2.61 3.15 8.00
2020-S2 0.00 10.00 0.84 2.52 3.11 8.00
2021-S1 0.00 10.00 0.79 2.37 3.14 8.00
2021-S2 0.00 10.00 0.76 2.28 3.12 8.00
2022-S1 0.00 10.00 0.76 2.28 3.13 8.00
2022-S2 0.00 10.00 0.77 2.31 3.15 8.00
2023-S1 2.50 12.50 2.06 6.18 4.47 10.50
2023-S2 4.00 14.00 4.22 12.66 6.82 12.00
2024-S1 4.50 14.50 5.07 15.21 8.01 12.50
2024-S2 4.25 14.25 4.92 14.76 8.16 12.50
2025-S1 3.15 13.15 3.71 11.13 7.21 11.50
2025-S2 2.15 12.15 2.76 8.28 6.65 10.50
2026-S1 2.15 12.15 2.62 7.86 6.67 10.50
2026-S2 2.40 12.40 2.75 8.25 6.84 10.50
"""


def _half_years() -> list[tuple[str, ...]]:
    return [tuple(line.split()) for line in HALF_YEARS.strip().splitlines()]


def _first_day(label: str) -> date:
    year, half = label.split("-S")
    return date(int(year), 1 if half == "1" else 7, 1)


@pytest.mark.parametrize(
    ("label", "ecb", "fr_default", "other", "floor", "individual", "be"), _half_years()
)
def test_every_half_year_of_the_readme_table(
    label: str, ecb: str, fr_default: str, other: str, floor: str, individual: str, be: str
) -> None:
    tables = real_tables()
    start = _first_day(label)
    for day in (start, half_year_end(start)):  # any day of the half-year gives its rates
        assert tables.ecb_rate_on(start) == Decimal(ecb)
        assert tables.fr_default_rate(day).rate_percent == Decimal(fr_default)
        assert tables.be_rate(day).rate_percent == Decimal(be)
        assert tables.be_rate(day).flags == frozenset()
        if other == "-":
            with pytest.raises(RateUnavailable):
                tables.fr_legal_rate(day)
        else:
            assert tables.fr_legal_rate(day).rate_percent == Decimal(other)
            assert tables.fr_floor_rate(day).rate_percent == Decimal(floor)
            individual_rate = tables.fr_legal_rate(day, creditor_individual=True)
            assert individual_rate.rate_percent == Decimal(individual)
            assert not tables.fr_legal_rate(day).is_estimated


def test_every_belgian_row_is_the_ecb_plus_8_derivation() -> None:
    tables = real_tables()
    assert len(tables.be_late) == 28
    for row in tables.be_late:
        mro = tables.ecb_rate_on(row.semester_start)
        assert row.rate_percent == be_rate_from_mro(mro), row.semester_start
        assert tables.be_derived_rate(row.semester_start).rate_percent == row.rate_percent


@pytest.mark.parametrize(
    ("mro", "expected"),
    [
        ("0.00", "8.00"),
        ("0.05", "8.50"),
        ("0.50", "8.50"),
        ("0.75", "9.00"),
        ("2.15", "10.50"),
        ("2.40", "10.50"),
        ("2.50", "10.50"),
        ("3.15", "11.50"),
        ("4.25", "12.50"),
        ("4.50", "12.50"),
    ],
)
def test_belgian_derivation_rounds_up_to_the_half_point(mro: str, expected: str) -> None:
    assert be_rate_from_mro(Decimal(mro)) == Decimal(expected)


def test_ecb_rate_in_force_is_the_last_change_on_or_before_the_day() -> None:
    tables = real_tables()
    assert tables.ecb_rate_on(date(2022, 7, 26)) == Decimal("0.00")
    assert tables.ecb_rate_on(date(2022, 7, 27)) == Decimal("0.50")
    assert tables.ecb_rate_on(date(2025, 6, 10)) == Decimal("2.40")
    assert tables.ecb_rate_on(date(2025, 6, 11)) == Decimal("2.15")
    assert tables.ecb_rate_on(date(2026, 11, 22)) == Decimal("2.65")
    with pytest.raises(RateUnavailable) as error:
        tables.ecb_rate_on(date(1998, 12, 31))
    assert error.value.table == "ecb"


def test_second_half_of_2022_uses_the_rate_of_1_july_not_the_july_hike() -> None:
    tables = real_tables()
    august = date(2022, 8, 15)
    assert tables.ecb_rate_on(august) == Decimal("0.50")
    assert tables.fr_default_rate(august).rate_percent == Decimal("10.00")
    assert tables.be_derived_rate(august).rate_percent == Decimal("8.00")


def test_a_future_half_year_gets_the_latest_rates_flagged_as_estimated() -> None:
    tables = real_tables()
    day = date(2027, 3, 1)
    fr_default = tables.fr_default_rate(day)
    assert fr_default.rate_percent == Decimal("12.65")  # 2.65 still the latest known
    assert fr_default.is_estimated
    legal = tables.fr_legal_rate(day)
    assert (legal.rate_percent, legal.flags) == (Decimal("2.75"), {RATE_ESTIMATED})
    belgian = tables.be_rate(day)
    assert belgian.rate_percent == Decimal("11.00")  # 2.65 + 8 = 10.65 -> 11.00
    assert belgian.flags == {RATE_ESTIMATED, BE_RATE_DERIVED}
    assert not tables.fr_default_rate(date(2026, 12, 31)).is_estimated


def test_a_confirming_ecb_row_makes_the_half_year_known() -> None:
    base = real_tables()
    confirmed = RateTables.build(
        [*base.ecb, EcbRateChange(date(2027, 1, 1), Decimal("2.65"))], base.fr_legal, base.be_late
    )
    found = confirmed.fr_default_rate(date(2027, 3, 1))
    assert (found.rate_percent, found.flags) == (Decimal("12.65"), frozenset())
    belgian = confirmed.be_rate(date(2027, 3, 1))
    assert (belgian.rate_percent, belgian.flags) == (Decimal("11.00"), {BE_RATE_DERIVED})


def test_a_missing_belgian_row_is_derived_and_flagged() -> None:
    base = real_tables()
    without = RateTables.build(
        base.ecb, base.fr_legal, [r for r in base.be_late if r.semester_start.year != 2023]
    )
    found = without.be_rate(date(2023, 8, 1))
    assert (found.rate_percent, found.flags) == (Decimal("12.00"), {BE_RATE_DERIVED})


def test_no_rate_is_guessed_before_a_table_starts() -> None:
    tables = real_tables()
    with pytest.raises(RateUnavailable) as error:
        tables.fr_legal_rate(date(2014, 12, 31))
    assert (error.value.table, error.value.day) == ("fr_legal", date(2014, 12, 31))
    with pytest.raises(RateUnavailable):
        tables.be_rate(date(2012, 12, 31))


def test_a_later_row_with_the_same_date_replaces_the_earlier_one() -> None:
    tables = RateTables.build(
        [
            EcbRateChange(date(2020, 1, 1), Decimal("1.00")),
            EcbRateChange(date(2020, 1, 1), Decimal("2.00")),
        ],
        [FrLegalRate(date(2020, 7, 1), Decimal(3), Decimal(1))],
        [BeLateRate(date(2020, 7, 1), Decimal(9)), BeLateRate(date(2020, 1, 1), Decimal(8))],
    )
    assert tables.ecb_rate_on(date(2020, 5, 1)) == Decimal("2.00")
    assert [r.semester_start.month for r in tables.be_late] == [1, 7]


def test_table_rows_must_start_a_half_year() -> None:
    with pytest.raises(ValueError, match="not_half_year_start"):
        RateTables.build([], [], [BeLateRate(date(2020, 3, 1), Decimal(8))])


@given(st.dates(min_value=date(1999, 1, 1), max_value=date(2100, 12, 31)))
def test_half_year_helpers_frame_every_day(day: date) -> None:
    start, end = half_year_start(day), half_year_end(day)
    assert start <= day <= end
    assert next_half_year_start(day) == end + timedelta(days=1)
    assert (start.month, start.day) in ((1, 1), (7, 1))
    assert half_year_start(end) == start
    assert half_year_label(day) == f"{day.year}-S{1 if start.month == 1 else 2}"


# ---- CSV text --------------------------------------------------------------------------


def test_parses_spreadsheet_variants() -> None:
    text = "\ufeffEffective_Date;Rate_Percent\n\n17/06/2026;2,40\n2026-09-16;2.65%\n"
    assert parse_ecb_csv(text) == [
        EcbRateChange(date(2026, 6, 17), Decimal("2.40")),
        EcbRateChange(date(2026, 9, 16), Decimal("2.65")),
    ]
    fr = parse_fr_legal_csv("semester_start,rate_creditor_individual,rate_other_cases\n")
    assert fr == []


def test_reports_every_bad_row_with_its_line_and_column() -> None:
    text = (
        "semester_start,rate_percent,source\n"
        "2025-01-01,11.50,ok\n"
        '2025-07-01,"10,5x",bad rate\n'
        "2025-08-01,10.50,not a half-year\n"
        "31/02/2026,10.50,no such day\n"
        "2025-01-01,11.50,twice\n"
        "2026-07-01,,empty\n"
    )
    with pytest.raises(RateFileError) as error:
        parse_be_late_csv(text)
    found = [(p.code, p.line, p.column, p.value) for p in error.value.problems]
    assert found == [
        (BAD_RATE, 3, "rate_percent", "10,5x"),
        (NOT_HALF_YEAR_START, 4, "semester_start", "2025-08-01"),
        (BAD_DATE, 5, "semester_start", "31/02/2026"),
        (DUPLICATE_DATE, 6, "semester_start", "2025-01-01"),
        (BAD_RATE, 7, "rate_percent", ""),
    ]


def test_reports_missing_columns_and_empty_files() -> None:
    with pytest.raises(RateFileError) as error:
        parse_fr_legal_csv("semester_start,rate_percent\n2025-01-01,3.71\n")
    missing = [(p.code, p.line, p.column) for p in error.value.problems]
    assert missing == [
        (MISSING_COLUMN, 1, "rate_creditor_individual"),
        (MISSING_COLUMN, 1, "rate_other_cases"),
    ]
    with pytest.raises(RateFileError) as empty:
        parse_ecb_csv("")
    assert [p.code for p in empty.value.problems] == [EMPTY_FILE]
