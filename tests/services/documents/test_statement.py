"""The statement of account of one client: figures, then the PDF as a reader sees it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.adapters.pdf.account.statement import qr_payload
from app.domain.errors import InvalidInput, NotFound
from tests.services.documents.fixtures import AS_OF, seed


def _text(path: Path) -> str:
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")


def test_opening_running_and_closing_balances(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    doc = services.documents.statement_document("C001", AS_OF)
    assert doc.date_from == date(2025, 11, 22)  # twelve months before by default
    (section,) = doc.sections
    assert section.opening == Decimal("600.00")  # 1 000.00 less 400.00 paid before the period
    assert [(e.kind, e.label, e.amount, e.balance) for e in section.entries] == [
        ("invoice", "F2026-0042", Decimal("1200.00"), Decimal("1800.00")),
        ("credit_note", "AV2026-0003", Decimal("-100.00"), Decimal("1700.00")),
        ("payment", "", Decimal("-500.00"), Decimal("1200.00")),
        ("invoice", "F2026-0090", Decimal("300.00"), Decimal("1500.00")),
    ]
    assert section.closing == Decimal("1500.00")
    assert [(o.number, o.balance, o.days_late) for o in section.overdue] == [
        ("F2025-0007", Decimal("600.00"), 651),
        ("F2026-0042", Decimal("600.00"), 144),
    ]
    assert "EUR1500.00" in qr_payload(doc, section)


def test_the_period_cuts_the_lines_not_the_balance(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    doc = services.documents.statement_document("C001", date(2026, 7, 31), date(2026, 7, 1))
    (section,) = doc.sections
    assert section.opening == Decimal("1800.00")
    assert [e.label for e in section.entries] == ["AV2026-0003"]
    assert section.closing == Decimal("1700.00")


def test_pdf_shows_opening_running_balance_totals_and_overdue(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    out = services.documents.statement("C001", tmp_path / "out" / "statement.pdf", AS_OF)
    text = _text(out)
    assert "BoulangerieMartin" in text
    assert "4placeBellecour" in text
    assert "Relevédecompte" in text
    assert "AtelierDupontSARL" in text
    assert "Soldereporté" in text
    assert "600,00€" in text
    for running in ("1800,00€", "1700,00€", "1200,00€"):
        assert running in text
    assert "1500,00€" in text  # closing, and the amount of the transfer
    assert "Totauxdelapériode\n1500,00€\n600,00€\n" in text  # debits, credits
    assert "FR763000600001123456789018" in text.replace(" ", "")  # bank details
    assert "F2025-0007" in text
    assert "651" in text


def test_unknown_client_and_reversed_period(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    with pytest.raises(NotFound):
        services.documents.statement("NOPE", tmp_path / "x.pdf", AS_OF)
    with pytest.raises(InvalidInput):
        services.documents.statement("C001", tmp_path / "x.pdf", AS_OF, date(2026, 12, 1))
    assert not (tmp_path / "x.pdf").exists()


def test_whole_history_starts_at_the_first_event(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    doc = services.documents.statement_document("C001", AS_OF, from_start=True)
    assert doc.date_from == date(2025, 1, 10)
    (section,) = doc.sections
    assert section.opening == Decimal("0")
    assert section.entries[0].label == "F2025-0007"
    assert section.closing == Decimal("1500.00")


def test_english_client_reads_english_and_renders_to_an_image(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.adapters.pdf.pages import can_render, first_page_png

    seed(services, tmp_path)
    with services.uow() as uow:
        from app.db.models import Client

        uow.session.query(Client).filter_by(code="C001").update({"language": "en"})
        uow.commit()
    out = services.documents.statement("C001", tmp_path / "en.pdf", AS_OF)
    text = _text(out)
    assert "Statementofaccount" in text
    assert "Balancebroughtforward" in text
    assert "€1,500.00" in text
    if can_render():
        png = first_page_png(out.read_bytes(), dpi=60)
        assert png is not None
        assert png.startswith(b"\x89PNG")
