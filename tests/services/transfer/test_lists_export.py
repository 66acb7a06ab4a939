"""The window's lists as Excel reads them: CSV in the user's locale and XLSX, same figures."""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.filters import ClientFilter, InvoiceFilter
from app.services.ledger.payments import PaymentDraft
from app.services.transfer.spreadsheet import CSV, XLSX, Column, Sheet, write_sheet
from tests.services.ledger.helpers import add_client, add_invoice

TODAY = date(2026, 11, 23)


def _dossier(services):  # type: ignore[no-untyped-def]
    first = add_client(services, "C001", name='=HYPERLINK("http://x")', city="-Lyon")
    second = add_client(services, "C002", name="Élise Moreau", city="@Paris")
    add_invoice(services, first, "F-1", "1234.56", date(2026, 9, 1), date(2026, 10, 1))
    add_invoice(services, first, "F-2", "100.10", date(2026, 11, 1), date(2026, 12, 1))
    add_invoice(services, second, "F-3", "99.99", date(2026, 8, 1), date(2026, 9, 1))
    services.payments.record(
        PaymentDraft(
            client_id=first,
            date=date(2026, 11, 2),
            amount=Decimal("200.00"),
            method="transfer",
            reference="+33 VIR",
        )
    )


def _read_csv(path: Path, delimiter: str) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def _french_amount(text: str) -> Decimal:
    assert "." not in text
    return Decimal(text.replace(",", "."))


def test_french_csv_has_semicolons_day_first_dates_and_decimal_commas(services, tmp_path):  # type: ignore[no-untyped-def]
    _dossier(services)
    sheet = services.lists.invoices(InvoiceFilter(), TODAY)
    target = tmp_path / "factures.csv"
    assert services.lists.write(sheet, target, CSV, "fr") == 3
    rows = _read_csv(target, ";")
    header, body = rows[0], rows[1:]
    assert header[0] == "Number"  # the test dossier speaks English; the separators follow "fr"
    listed = services.invoices.page(InvoiceFilter(), TODAY, "due_date", False, None, 100)
    assert [r[0] for r in body] == [i.line.number for i in listed]
    for row, item in zip(body, listed, strict=True):
        assert row[3] == item.line.issue_date.strftime("%d/%m/%Y")
        assert _french_amount(row[6]) == item.line.total
        assert _french_amount(row[7]) == item.line.balance
    assert sum(_french_amount(r[7]) for r in body) == sum(i.line.balance for i in listed)
    assert body[1][6] == "1234,56"  # no thousands separator: Excel reads the number


def test_english_csv_uses_commas_iso_dates_and_points(services, tmp_path):  # type: ignore[no-untyped-def]
    _dossier(services)
    target = tmp_path / "clients.csv"
    services.lists.write(services.lists.clients(ClientFilter(), TODAY), target, CSV, "en")
    rows = _read_csv(target, ",")
    by_code = {r[0]: r for r in rows[1:]}
    listed = {c.code: c for c in services.clients.page(ClientFilter(), TODAY)}
    for code, item in listed.items():
        assert Decimal(by_code[code][8]) == item.balances.get("EUR", Decimal(0))
    # formula-looking text stays text
    assert by_code["C001"][1] == '\'=HYPERLINK("http://x")'
    assert by_code["C001"][5] == "'-Lyon"
    assert by_code["C002"][5] == "'@Paris"
    assert by_code["C002"][1] == "Élise Moreau"


def test_xlsx_has_real_dates_numbers_bold_header_and_frozen_row(services, tmp_path):  # type: ignore[no-untyped-def]
    _dossier(services)
    target = tmp_path / "factures.xlsx"
    services.lists.write(services.lists.invoices(InvoiceFilter(), TODAY), target, XLSX, "fr")
    sheet = load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    listed = services.invoices.page(InvoiceFilter(), TODAY, "due_date", False, None, 100)
    body = list(sheet.iter_rows(min_row=2))
    assert len(body) == len(listed)
    for row, item in zip(body, listed, strict=True):
        assert row[3].is_date
        midnight = datetime.combine(item.line.issue_date, datetime.min.time())
        assert row[3].value == midnight
        assert row[3].number_format == "dd/mm/yyyy"
        assert row[6].data_type == "n"
        assert row[6].number_format == "#,##0.00"
        assert Decimal(str(row[6].value)) == item.line.total
        assert Decimal(str(row[7].value)) == item.line.balance
    assert sheet.column_dimensions["C"].width >= len('=HYPERLINK("http://x")')


def test_xlsx_keeps_formula_looking_text_as_text(services, tmp_path):  # type: ignore[no-untyped-def]
    _dossier(services)
    target = tmp_path / "clients.xlsx"
    services.lists.write(services.lists.clients(ClientFilter(), TODAY), target, XLSX, "en")
    sheet = load_workbook(target).active
    names = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert names["C001"].value == '=HYPERLINK("http://x")'
    assert names["C001"].data_type == "s"


def test_payments_aging_and_agenda_give_the_screen_figures(services, tmp_path):  # type: ignore[no-untyped-def]
    _dossier(services)
    payments = services.lists.payments()
    assert [(r[1], r[3], r[4], r[5]) for r in payments.rows] == [
        ("C001", Decimal("200.00"), Decimal("200.00"), Decimal("0.00"))
    ]
    chart = services.analytics.aging(TODAY)
    aging = services.lists.aging(chart)
    services.lists.write(aging, tmp_path / "aging.xlsx", XLSX, "en")
    book = load_workbook(tmp_path / "aging.xlsx").active
    last = list(book.iter_rows(min_row=2, values_only=True))[-1]
    assert last[0] == "Total"
    assert Decimal(str(last[-1])) == chart.totals.total
    agenda = services.lists.agenda(date(2026, 11, 1), date(2026, 12, 31), TODAY)
    entries = services.reminders.agenda(date(2026, 11, 1), date(2026, 12, 31), TODAY)
    assert [r[7] for r in agenda.rows] == [e.amount for e in entries]
    services.lists.write(agenda, tmp_path / "agenda.csv", CSV, "fr")
    assert len(_read_csv(tmp_path / "agenda.csv", ";")) == len(entries) + 1


def test_a_refused_target_leaves_nothing(tmp_path: Path) -> None:
    from app.domain.errors import InvalidInput

    blocker = tmp_path / "file"
    blocker.write_text("x")
    sheet = Sheet("T", (Column("A"),), [("x",)])
    with pytest.raises(InvalidInput):
        write_sheet(sheet, blocker / "out.csv", CSV, "fr")
    assert list(tmp_path.iterdir()) == [blocker]
