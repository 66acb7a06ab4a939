"""Printing on paper: the day's letters (the PDF's pages) and the list shown (File ▸ Print…,
Ctrl+P), each through a QPrinter writing a PDF file, read back with poppler."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from tests.ui.test_print_letters import (  # noqa: F401 - the fixture
    TODAY,
    bare_window,
    window,
)


@pytest.fixture
def win(window):  # type: ignore[no-untyped-def]  # noqa: F811 - the letters' window
    """The window of the letters' tests: two clients with a letter reminder due."""
    return window


pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils reads the printed files back",
)


def _pdf_printer(path: Path):  # type: ignore[no-untyped-def]
    """What the print dialog gives once the user chose "Print to file (PDF)"."""
    printed: list[dict] = []

    def ask(_parent, title, pages=0, landscape=False):  # type: ignore[no-untyped-def]
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setResolution(150)
        if landscape:
            from PySide6.QtGui import QPageLayout

            printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printed.append({"title": title, "pages": pages, "landscape": landscape})
        return printer

    return ask, printed


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _ink(path: Path, page: int, tmp: Path) -> float:
    """The share of dark pixels on a printed page (0: blank)."""
    out = tmp / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-f", str(page), "-l", str(page), "-png", "-singlefile",
         str(path), str(out)],
        check=True,
    )  # fmt: skip
    image = QImage(str(out) + ".png")
    dark = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < 128
    )
    return dark / ((image.height() // 2) * (image.width() // 2))


def test_the_days_letters_print_page_for_page(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = win.print_letters()
    qtbot.waitUntil(lambda: dialog.write_button.isEnabled(), timeout=10000)
    dialog.folder.setText(str(tmp_path))
    dialog.write_button.click()
    qtbot.waitUntil(lambda: dialog.batch is not None, timeout=30000)
    assert dialog.print_button.isVisible()
    target = tmp_path / "printed-letters.pdf"
    dialog.ask_printer, asked = _pdf_printer(target)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: "sent to the printer" in dialog.summary.text(), timeout=60000)
    source = dialog.batch.print_file
    assert asked[0]["pages"] == _pages(source) == dialog.batch.pages
    assert _pages(target) == _pages(source)
    assert dialog.summary.text() == f"{_pages(source)} pages sent to the printer."
    for page in range(1, _pages(target) + 1):
        assert _ink(target, page, tmp_path) > 0.002  # the letter is on it, not a blank sheet


def test_ctrl_p_prints_the_invoice_list_as_filtered(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "invoices.pdf"
    win.list_printer.ask, asked = _pdf_printer(target)
    win.show_view("invoices")
    qtbot.waitUntil(win.tasks.idle)
    qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: target.exists() and win.tasks.idle(), timeout=20000)
    assert asked[0]["landscape"]
    assert _pages(target) == 1
    text = _text(target)
    assert "Invoices — " in text
    assert "Boulangerie Martin" in text
    assert "Garage Dupuis" in text
    assert "1,200.00" in text
    assert "sent to the printer (2 rows)" in win.statusBar().currentMessage()


def test_the_aging_prints_and_the_dashboard_says_it_has_no_list(
    qtbot, win, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    target = tmp_path / "aging.pdf"
    win.list_printer.ask, _asked = _pdf_printer(target)
    win.show_view("dashboard")
    win.action_print.trigger()
    assert len(said) == 1
    assert "no list to print" in said[0]
    assert not target.exists()
    win.show_view("aging")
    qtbot.waitUntil(lambda: win.views["aging"].controller.chart is not None, timeout=20000)
    win.action_print.trigger()
    qtbot.waitUntil(lambda: target.exists() and win.tasks.idle(), timeout=20000)
    text = _text(target)
    assert "Boulangerie Martin" in text
    assert _pages(target) >= 1


def test_a_long_list_is_cut_and_says_so() -> None:
    from decimal import Decimal

    from app.services.transfer.spreadsheet import MONEY, Column, Sheet
    from app.ui.features.printing.paper import MAX_ROWS, sheet_html

    sheet = Sheet(
        "Long",
        (Column("N"), Column("Amount", MONEY)),
        [(str(n), Decimal("1.50")) for n in range(MAX_ROWS + 5)],
    )
    page = sheet_html(sheet, "Long", "cut")
    assert page.count("<tr>") == MAX_ROWS + 1
    assert "<p>cut</p>" in page
    assert f'<td align="left">{MAX_ROWS - 1}</td>' in page
    assert f'<td align="left">{MAX_ROWS}</td>' not in page
    assert date.today()  # noqa: DTZ011


def test_on_a_client_page_ctrl_p_prints_its_statement(qtbot, win, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "statement.pdf"
    win.list_printer.ask, asked = _pdf_printer(target)
    clients = win.views["clients"]
    win.show_view("clients")
    clients.show_client(1)
    qtbot.waitUntil(lambda: clients.detail.client is not None and win.tasks.idle())
    qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: target.exists() and win.tasks.idle(), timeout=30000)
    assert asked[0]["title"] == "Statement of account C001"
    assert _pages(target) >= 1
    assert _ink(target, 1, tmp_path) > 0.002
    assert "sent to the printer" in win.statusBar().currentMessage()
