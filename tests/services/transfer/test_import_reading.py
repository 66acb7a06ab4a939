"""Reading CSV files as bookkeepers send them: encodings, delimiters, headers, line numbers."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.validation import parse_date
from app.services.transfer.importers.fields import Cells
from app.services.transfer.importers.reading import Record, read_table, sniff_delimiter

KNOWN = ("code", "name", "email")
REQUIRED = ("code", "name")


def _write(tmp_path: Path, data: bytes, name: str = "clients.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("code,name\nC1,Société Générale\n".encode(), "utf-8"),
        ("code,name\nC1,Société Générale\n".encode("utf-8-sig"), "utf-8-sig"),
        ("code,name\nC1,Société Générale\n".encode("cp1252"), "cp1252"),
        ("code,name\nC1,Société Générale\n".encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str) -> None:
    table = read_table(_write(tmp_path, data), KNOWN, REQUIRED)
    assert table.encoding == encoding
    assert table.records[0].cells == {"code": "C1", "name": "Société Générale"}


def test_windows_1252_euro_sign_and_quotes(tmp_path: Path) -> None:
    data = "code;name;email\nC1;L’Œuf à 3 €;x@y.fr\n".encode("cp1252")
    table = read_table(_write(tmp_path, data), KNOWN, REQUIRED)
    assert table.records[0].get("name") == "L’Œuf à 3 €"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    text = delimiter.join(["Name", "CODE"]) + "\n" + delimiter.join(['"Dupont, Fils; SA"', "C7"])
    table = read_table(_write(tmp_path, text.encode()), KNOWN, REQUIRED)
    assert table.delimiter == delimiter
    assert table.records[0].cells == {"name": "Dupont, Fils; SA", "code": "C7"}


def test_sniff_ignores_quoted_delimiters() -> None:
    assert sniff_delimiter('"a;b;c",d,e') == ","
    assert sniff_delimiter("single") == ","


def test_header_is_case_insensitive_and_unknown_columns_warn(tmp_path: Path) -> None:
    data = b" Name ;Code;Colour;email\nAcme;C1;blue;\n"
    table = read_table(_write(tmp_path, data), KNOWN, REQUIRED)
    assert table.columns == ["name", "code", "colour", "email"]
    assert [str(w) for w in table.warnings] == [
        f"{tmp_path / 'clients.csv'}:1:colour: unknown column, ignored"
    ]


def test_missing_required_columns_and_duplicates_are_all_reported(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_table(_write(tmp_path, b"email,email\nx,y\n"), KNOWN, REQUIRED)
    columns = sorted((p.line, p.column) for p in caught.value.problems)
    assert columns == [(1, "code"), (1, "email"), (1, "name")]


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        read_table(_write(tmp_path, b"\n\n"), KNOWN, REQUIRED)


def test_line_numbers_follow_the_file(tmp_path: Path) -> None:
    data = b'code,name\nC1,"two\nlines"\n\nC2,after a blank line\n'
    table = read_table(_write(tmp_path, data), KNOWN, REQUIRED)
    assert [(r.line, r.get("code")) for r in table.records] == [(2, "C1"), (5, "C2")]


def test_extra_cells_are_an_error_unless_empty(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, b"code;name\nC1;A;;\n"), KNOWN, REQUIRED)
    assert table.records[0].cells == {"code": "C1", "name": "A"}
    with pytest.raises(InvalidInput) as caught:
        read_table(_write(tmp_path, b"code;name\nC1;A;oops\n"), KNOWN, REQUIRED)
    assert caught.value.problems[0].line == 2


def test_invalid_bytes_are_reported(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="neither UTF-8 nor Windows-1252"):
        read_table(_write(tmp_path, b"code,name\nC1,\x81\x8d\n"), KNOWN, REQUIRED)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_both_date_formats_round_trip(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day


@pytest.mark.parametrize("text", ["2026-02-30", "31/04/2026", "2026/01/02", "1.2.2026", "26-1-1"])
def test_bad_dates(text: str) -> None:
    assert parse_date(text) is None


def _record(**cells: str) -> Record:
    return Record(7, cells)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,56 €", "1234.56"),
        ("1\u00a0234,56\u00a0€", "1234.56"),
        ("1\u202f234,5", "1234.50"),
        ("1,234.56", "1234.56"),
        ("€12", "12.00"),
        ("0,10", "0.10"),
    ],
)
def test_amounts_are_parsed_without_float(text: str, expected: str) -> None:
    cells = Cells("f.csv")
    amount = cells.amount(_record(total=text), "total", positive=True)
    assert cells.problems == []
    assert amount == Decimal(expected)
    assert str(amount) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12,345", "ambiguous amount"),
        ("12,3456", "more than 2 decimals"),
        ("-5", "must be positive"),
        ("0", "must be positive"),
        ("douze", "not an amount"),
        ("1.2.3", "badly grouped"),
        ("$5", "written in $"),
    ],
)
def test_bad_amounts_are_located(text: str, reason: str) -> None:
    cells = Cells("f.csv")
    assert cells.amount(_record(total=text), "total", positive=True) is None
    [problem] = cells.problems
    assert (problem.file, problem.line, problem.column) == ("f.csv", 7, "total")
    assert reason in problem.message


def test_yen_amounts_have_no_decimals() -> None:
    cells = Cells("f.csv")
    assert cells.amount(_record(total="1500"), "total", currency="JPY") == Decimal("1500")
    assert cells.amount(_record(total="15.5"), "total", currency="JPY") is None


def test_problems_are_capped_with_a_count() -> None:
    cells = Cells("f.csv")
    for line in range(600):
        cells.problem(line, "x", "bad")
    problems = cells.all_problems()
    assert len(problems) == 501
    assert "100 more problems" in problems[-1].message


def test_codes_and_enums() -> None:
    cells = Cells("f.csv")
    record = _record(country="be", currency="usd", kind="Credit_Note", bad="ZZ")
    assert cells.country(record, "country", "FR") == "BE"
    assert cells.currency(record, "currency", "EUR") == "USD"
    assert cells.choice(record, "kind", ("invoice", "credit_note"), "invoice") == "credit_note"
    assert cells.country(record, "bad", "FR") == "FR"
    assert cells.currency(record, "bad", "EUR") == "EUR"
    assert [p.column for p in cells.problems] == ["bad", "bad"]
    assert cells.date(record, "missing") is None
    assert cells.problems[-1].column == "bad"
    assert date(2026, 1, 1) + timedelta(days=1) == parse_date("02/01/2026")


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_amounts_written_the_french_or_english_way_read_back(amount: Decimal) -> None:
    from app.i18n import format_money

    cells = Cells("f.csv")
    for lang in ("fr", "en"):
        written = format_money(amount, "EUR", lang)
        assert cells.amount(_record(total=written), "total") == amount, written
    assert cells.problems == []
