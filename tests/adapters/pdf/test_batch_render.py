"""A day's letters in one printable PDF, page numbers per letter, files per client, progress."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.adapters.pdf import AddressedLetter, LetterLine, Recipient, render_batch
from app.adapters.pdf.render import safe_file_name
from tests.adapters.pdf.helpers import COMPANY, D, flat, letter, pdf_text, recipient


def _batch() -> list[AddressedLetter]:
    many = tuple(
        LetterLine(
            f"F2026-{n:04d}",
            date(2026, 9, 1),
            date(2026, 10, 1),
            D("100.00"),
            D("0.00"),
            D("100.00"),
            53,
        )
        for n in range(70)
    )
    other = Recipient("C/02", "Garage Lefèvre", ("8 avenue Foch",), "75016", "Paris", "FR", "en")
    return [
        AddressedLetter(letter("reminder_1"), COMPANY, recipient()),
        AddressedLetter(letter("reminder_1", "en", lines=many), COMPANY, other),
        AddressedLetter(letter("courtesy"), COMPANY, recipient()),
    ]


def test_one_printable_file_with_page_numbers_per_letter(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = render_batch(
        _batch(), tmp_path / "print.pdf", progress=lambda d, t: calls.append((d, t)), workers=0
    )
    reader = PdfReader(result.path)
    assert result.letters == 3
    assert result.pages == len(reader.pages) >= 4
    texts = [page.extract_text() for page in reader.pages]
    long_pages = [t for t in texts if "Garage Lefèvre" in t]
    count = len(long_pages)
    assert count >= 2
    assert f"Page 1/{count}" in long_pages[0]
    assert f"Page {count}/{count}" in long_pages[-1]
    assert sum("Page " in t for t in texts) == count  # one-page letters are not numbered
    assert "Boulangerie Martin & Fils" in texts[0]
    assert "Boulangerie Martin & Fils" in texts[-1]
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert result.client_files == {}


def test_one_file_per_client_as_well(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = render_batch(
        _batch(),
        tmp_path / "print.pdf",
        progress=lambda d, t: calls.append((d, t)),
        per_client_dir=tmp_path / "clients",
        workers=0,
    )
    assert set(result.client_files) == {"C001", "C/02"}
    assert result.client_files["C/02"].name == "C_02.pdf"
    mine = flat(pdf_text(result.client_files["C001"]))
    assert "Boulangerie Martin & Fils" in mine
    assert "Garage Lefèvre" not in mine
    assert len(PdfReader(result.client_files["C001"]).pages) == 2  # its two letters
    assert calls[-1] == (6, 6)
    assert [d for d, _t in calls] == list(range(1, 7))


def test_worker_processes_give_the_same_documents(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = render_batch(
        _batch(),
        tmp_path / "print.pdf",
        progress=lambda d, t: calls.append((d, t)),
        per_client_dir=tmp_path / "clients",
        workers=2,
    )
    alone = render_batch(
        _batch(), tmp_path / "alone.pdf", per_client_dir=tmp_path / "solo", workers=0
    )
    assert result.path.read_bytes() == alone.path.read_bytes()
    for code, path in result.client_files.items():
        assert path.read_bytes() == alone.client_files[code].read_bytes()
    assert calls[-1] == (6, 6)
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_a_failed_batch_leaves_no_half_written_file(tmp_path: Path) -> None:
    bad = [AddressedLetter(letter("no_such_template"), COMPANY, recipient())]
    with pytest.raises(Exception, match="no_such_template"):
        render_batch(bad, tmp_path / "print.pdf", workers=0)
    assert list(tmp_path.iterdir()) == []


def test_safe_file_names() -> None:
    assert safe_file_name("C/02") == "C_02"
    assert safe_file_name("../..") == "client"
    assert safe_file_name("Dupont & Fils") == "Dupont_Fils"
