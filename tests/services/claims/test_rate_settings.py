"""Rate tables kept current by the user: rows added, replaced, removed, bad rows refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput, NotFound
from app.services.claims.rate_settings import RateSettings
from app.services.claims.rates import (
    BE_LATE_FILE,
    ECB_FILE,
    FR_LEGAL_FILE,
    bundled_rates_dir,
    load_rate_tables,
)


@pytest.fixture
def settings(tmp_path: Path) -> RateSettings:
    return RateSettings(bundled_rates_dir, lambda: tmp_path / "rates")


def test_bundled_rows_newest_first_with_their_sources(settings: RateSettings) -> None:
    rows = settings.entries(FR_LEGAL_FILE)
    assert rows == sorted(rows, key=lambda e: e.start, reverse=True)
    assert rows[-1].start == date(2015, 1, 1)
    assert rows[-1].rates == (Decimal("4.06"), Decimal("0.93"))
    assert "Arrêté" in rows[-1].source
    assert not rows[-1].yours


def test_new_half_year_is_added_and_used_by_the_claims(
    settings: RateSettings, tmp_path: Path
) -> None:
    start = date(2031, 1, 1)
    settings.save(
        FR_LEGAL_FILE, start, [Decimal("7.10"), Decimal("3.15")], "Arrêté du 20 déc. 2030"
    )
    top = settings.entries(FR_LEGAL_FILE)[0]
    assert (top.start, top.rates, top.yours) == (start, (Decimal("7.10"), Decimal("3.15")), True)
    tables = load_rate_tables(bundled_rates_dir(), tmp_path / "rates")
    rate = tables.fr_legal_rate(date(2031, 3, 1))
    assert rate.rate_percent == Decimal("3.15")
    assert not rate.is_estimated
    header = (tmp_path / "rates" / FR_LEGAL_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert header == "semester_start,rate_creditor_individual,rate_other_cases,source"


def test_a_users_row_replaces_the_bundled_row_of_that_date(settings: RateSettings) -> None:
    bundled = settings.entries(BE_LATE_FILE)[-1]
    settings.save(BE_LATE_FILE, bundled.start, [Decimal("9.50")], "correction")
    same = [e for e in settings.entries(BE_LATE_FILE) if e.start == bundled.start]
    assert [(e.rates, e.yours) for e in same] == [((Decimal("9.50"),), True)]
    settings.remove(BE_LATE_FILE, bundled.start)
    again = [e for e in settings.entries(BE_LATE_FILE) if e.start == bundled.start]
    assert again == [bundled]


def test_bad_values_are_refused_by_column_and_nothing_is_written(
    settings: RateSettings, tmp_path: Path
) -> None:
    with pytest.raises(InvalidInput) as caught:
        settings.save(FR_LEGAL_FILE, date(2031, 2, 1), [None, Decimal("99")], "  ")
    columns = {p.column for p in caught.value.problems}
    assert columns == {"semester_start", "rate_creditor_individual", "rate_other_cases", "source"}
    assert not (tmp_path / "rates").exists()


def test_ecb_changes_on_any_day(settings: RateSettings) -> None:
    settings.save(ECB_FILE, date(2031, 3, 12), [Decimal("1.75")], "ECB press release")
    assert settings.entries(ECB_FILE)[0].start == date(2031, 3, 12)


def test_bundled_rows_cannot_be_removed(settings: RateSettings) -> None:
    with pytest.raises(NotFound):
        settings.remove(FR_LEGAL_FILE, date(2015, 1, 1))


def test_missing_half_year_is_reported(settings: RateSettings) -> None:
    missing = settings.missing(date(2031, 8, 1))
    assert set(missing) == {FR_LEGAL_FILE, BE_LATE_FILE}
    assert all("2031" in m for m in missing.values())
    settings.save(FR_LEGAL_FILE, date(2031, 7, 1), [Decimal("7"), Decimal("3")], "arrêté")
    assert len(settings.missing(date(2031, 8, 1))) == 1
