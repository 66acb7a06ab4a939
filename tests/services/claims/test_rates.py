from __future__ import annotations

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.claims.rates import RATE_ESTIMATED, RateUnavailable
from app.domain.errors import InvalidInput
from app.i18n import _
from app.services.claims import rates
from app.services.claims.rates import (
    BE_LATE_FILE,
    ECB_FILE,
    FR_LEGAL_FILE,
    describe_rate_unavailable,
    load_rate_tables,
    rate_tables,
    user_rates_dir,
)

BUNDLED = rates.bundled_rates_dir()


def _data_rows(name: str) -> int:
    lines = (BUNDLED / name).read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines[1:] if line.strip())


@pytest.fixture(autouse=True)
def _fresh_cache():
    rates.clear_rate_tables_cache()
    yield
    rates.clear_rate_tables_cache()


def _write(path: Path, text: str, *, bump: int = 0) -> None:
    """Write, then move the modification time so a change within one tick is still seen."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if bump:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + bump))


def test_loads_every_bundled_row() -> None:
    tables = rate_tables()
    assert len(tables.ecb) == _data_rows(ECB_FILE)
    assert len(tables.fr_legal) == _data_rows(FR_LEGAL_FILE)
    assert len(tables.be_late) == _data_rows(BE_LATE_FILE)
    assert tables.ecb[-1].rate_percent == Decimal("2.65")
    assert tables.fr_default_rate(date(2026, 11, 22)).rate_percent == Decimal("12.40")
    assert user_rates_dir().parent == Path(os.environ["RELANCE_HOME"]) / "config"
    assert not user_rates_dir().exists()


def test_tables_are_loaded_once() -> None:
    assert rate_tables() is rate_tables()


def test_user_rows_are_added_and_replace_bundled_rows_of_the_same_date() -> None:
    assert rate_tables().fr_default_rate(date(2027, 2, 1)).is_estimated
    ecb = user_rates_dir() / ECB_FILE
    _write(ecb, "effective_date,rate_percent,source\n2027-01-01,2.65,ECB decision\n")
    _write(
        user_rates_dir() / FR_LEGAL_FILE,
        "semester_start,rate_creditor_individual,rate_other_cases\n2026-07-01,6.85,2.75\n",
    )
    tables = rate_tables()
    found = tables.fr_default_rate(date(2027, 2, 1))
    assert (found.rate_percent, found.flags) == (Decimal("12.65"), frozenset())
    assert len(tables.ecb) == _data_rows(ECB_FILE) + 1
    individual = tables.fr_legal_rate(date(2026, 8, 1), creditor_individual=True)
    assert individual.rate_percent == Decimal("6.85")
    assert len(tables.fr_legal) == _data_rows(FR_LEGAL_FILE)

    _write(ecb, "effective_date,rate_percent\n2027-01-01,2.90\n", bump=10_000_000)
    assert rate_tables().fr_default_rate(date(2027, 2, 1)).rate_percent == Decimal("12.90")
    assert RATE_ESTIMATED in rate_tables().fr_legal_rate(date(2027, 2, 1)).flags


def test_a_bad_user_row_is_reported_with_file_line_and_column() -> None:
    path = user_rates_dir() / BE_LATE_FILE
    _write(path, "semester_start,rate_percent\n2027-01-01,11.00\n2027-03-01,abc\n")
    with pytest.raises(InvalidInput) as error:
        rate_tables()
    problems = error.value.problems
    assert [(p.file, p.line, p.column) for p in problems] == [
        (str(path), 3, "semester_start"),
        (str(path), 3, "rate_percent"),
    ]
    assert problems[0].message == (
        "2027-03-01 is not the first day of a half-year (1 January or 1 July)"
    )
    assert problems[1].message == "'abc' is not a rate in percent"
    assert str(problems[1]).startswith(f"{path}:3:rate_percent: ")


def test_missing_columns_and_values_are_named(tmp_path: Path) -> None:
    for name in (ECB_FILE, FR_LEGAL_FILE, BE_LATE_FILE):
        (tmp_path / name).write_bytes((BUNDLED / name).read_bytes())
    _write(tmp_path / ECB_FILE, "effective_date;rate\n")
    _write(tmp_path / BE_LATE_FILE, "semester_start,rate_percent\n,8.00\n")
    with pytest.raises(InvalidInput) as error:
        load_rate_tables(tmp_path)
    found = [(Path(p.file or "").name, p.line, p.column, p.message) for p in error.value.problems]
    assert found == [
        (ECB_FILE, 1, "rate_percent", _("required column missing from the header")),
        (BE_LATE_FILE, 2, "semester_start", _("a value is required")),
    ]


def test_a_missing_bundled_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as error:
        load_rate_tables(tmp_path)
    assert {Path(p.file or "").name for p in error.value.problems} == {
        ECB_FILE,
        FR_LEGAL_FILE,
        BE_LATE_FILE,
    }


def test_windows_spreadsheet_files_are_read(tmp_path: Path) -> None:
    for name in (FR_LEGAL_FILE, BE_LATE_FILE):
        (tmp_path / name).write_bytes((BUNDLED / name).read_bytes())
    text = "effective_date;rate_percent;source\r\n01/01/2024;4,50;Décision\r\n"
    (tmp_path / ECB_FILE).write_bytes(text.encode("cp1252"))
    tables = load_rate_tables(tmp_path)
    assert tables.ecb_rate_on(date(2024, 3, 1)) == Decimal("4.50")


def test_rate_unavailable_is_explained() -> None:
    text = describe_rate_unavailable(RateUnavailable("fr_legal", date(2014, 3, 1)))
    assert text == "No French legal interest rate is known for 2014-S1; add it to the rate tables."
