"""The aging view: report, as-of date, buckets, basis, currency, click-through and exports."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from app.services.analytics.charts import BarTarget
from app.ui.changes import ChangeBus
from app.ui.context import ViewContext
from app.ui.features.aging.dialogs import parse_limits
from app.ui.features.aging.view import AgingView
from app.ui.tasks import TaskRunner
from tests.services.analytics.builders import AS_OF, Ledger, days


@pytest.fixture
def aging(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    ledger = Ledger(sqlite_services)
    garage = ledger.client("C01", "Garage Central")
    ledger.invoice(garage, AS_OF - days(45), "900.00", number="G-45")
    ledger.invoice(garage, AS_OF - days(100), "300.00", number="G-100", issued=AS_OF - days(130))
    ledger.invoice(garage, AS_OF + days(5), "100.00", number="G-NOW")
    cafe = ledger.client("C02", "Café Soleil")
    ledger.invoice(cafe, AS_OF - days(40), "200.00", number="S-40")
    ledger.invoice(cafe, AS_OF - days(20), "80.00", number="S-20", issued=AS_OF - days(95))
    boston = ledger.client("C03", "Boston Ltd")
    ledger.invoice(boston, AS_OF - days(10), "500.00", number="B-10", currency="USD")
    ledger.done()
    tasks = TaskRunner()
    context = ViewContext(tasks, ChangeBus(), today=lambda: AS_OF)
    view = AgingView(sqlite_services, context)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    _settle(qtbot, view)
    yield view
    tasks.wait()


def _settle(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: (
            view.context.tasks.reads.activeThreadCount() == 0 and view.controller.chart is not None
        ),
        timeout=15000,
    )
    qtbot.waitUntil(view.context.tasks.idle, timeout=15000)


def _cells(model, row: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_report_table_totals_and_chart(qtbot, aging, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    assert aging.model.rowCount() == 2
    assert _cells(aging.model, 0)[:3] == ["C01", "Garage Central", "€100.00"]
    assert _cells(aging.totals_model, 0) == [
        "Total",
        "",
        "€100.00",
        "€80.00",
        "€1,100.00",
        "€0.00",
        "€300.00",
        "€0.00",
        "€1,580.00",
    ]
    header = [
        aging.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(aging.model.columnCount())
    ]
    assert header[2:7] == ["Not yet due", "1–30 days", "31–60 days", "61–90 days", "Over 90 days"]
    assert aging.currency.isVisibleTo(aging)  # EUR and USD: the choice is offered
    qtbot.waitUntil(lambda: not aging.chart.pending(), timeout=15000)
    targets = set(aging.chart.targets.values())
    assert BarTarget(2, None) in targets
    assert BarTarget(4, "C01") in targets
    assert "€1,580.00" in aging.status.text()
    qtmodeltester.check(aging.model)
    qtmodeltester.check(aging.totals_model)


def test_as_of_date_reproduces_the_past(qtbot, aging) -> None:  # type: ignore[no-untyped-def]
    past = AS_OF - days(80)  # before G-45 (issued 75 days ago), S-40 and G-NOW were issued
    aging.as_of.setDate(QDate(past.year, past.month, past.day))
    _settle(qtbot, aging)
    assert aging.controller.chart.as_of == past
    assert [aging.model.data(aging.model.index(r, 0)) for r in range(aging.model.rowCount())] == [
        "C01",
        "C02",
    ]
    assert _cells(aging.totals_model, 0)[-1] == "€380.00"  # G-100 and S-20 issued by then


def test_buckets_are_changed_and_saved(qtbot, aging, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    assert parse_limits("15; 45") == (15, 45)
    assert parse_limits("30, 20") is None
    assert parse_limits("") is None
    with qtbot.waitSignal(aging.context.bus.changed, timeout=10000):
        aging.controller.set_limits((15, 45))
    _settle(qtbot, aging)
    assert sqlite_services.dossier.settings().aging_limits == (15, 45)
    header = [
        aging.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(aging.model.columnCount())
    ]
    assert header[2:6] == ["Not yet due", "1–15 days", "16–45 days", "Over 45 days"]
    assert _cells(aging.totals_model, 0)[2:6] == ["€100.00", "€0.00", "€1,180.00", "€300.00"]


def test_basis_and_currency(qtbot, aging) -> None:  # type: ignore[no-untyped-def]
    aging.basis.setCurrentIndex(aging.basis.findData("issue_date"))
    _settle(qtbot, aging)
    assert aging.model.headerData(2, Qt.Orientation.Horizontal) == "0 days"
    assert _cells(aging.totals_model, 0)[6] == "€380.00"  # G-100, S-20 issued > 90 days ago
    aging.currency.setCurrentIndex(aging.currency.findData("USD"))
    _settle(qtbot, aging)
    assert _cells(aging.model, 0)[:2] == ["C03", "Boston Ltd"]
    assert aging.model.rowCount() == 1


def _opened(qtbot, aging, action) -> object:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(aging.context.bus.navigate, timeout=5000) as signal:
        action()
    key, flt = signal.args
    assert key == "invoices"
    return flt


def _listed(services, flt) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(i.line.number for i in services.invoices.page(flt, AS_OF))


def test_a_mouse_click_on_a_bar_opens_its_invoices(qtbot, aging, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    """The chart is a picture drawn in the charts' thread: the click finds its bar by the box
    measured when it was drawn, and the hand cursor shows over bars only."""
    chart = aging.chart
    qtbot.waitUntil(lambda: not chart.pending(), timeout=15000)
    box = next(b for b, target in chart.drawing.boxes if target == BarTarget(2, None))
    assert chart.rect().contains(box.center().toPoint())
    flt = _opened(
        qtbot,
        aging,
        lambda: qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=box.center().toPoint()),
    )
    assert _listed(sqlite_services, flt) == ["G-45", "S-40"]
    qtbot.mouseMove(chart, box.center().toPoint())
    qtbot.waitUntil(lambda: chart.cursor().shape() == Qt.CursorShape.PointingHandCursor)
    assert chart.target_at(QPoint(1, 1)) is None


def test_bar_and_cell_open_exactly_their_invoices(qtbot, aging, sqlite_services) -> None:  # type: ignore[no-untyped-def]
    flt = _opened(qtbot, aging, lambda: aging.chart.click(BarTarget(2, None)))
    assert _listed(sqlite_services, flt) == ["G-45", "S-40"]
    flt = _opened(qtbot, aging, lambda: aging.chart.click(BarTarget(4, "C01")))
    assert _listed(sqlite_services, flt) == ["G-100"]
    table = aging.table
    cell = aging.model.index(1, 3)  # Café Soleil, 1–30 days
    rect = table.visualRect(cell)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    flt = _opened(
        qtbot,
        aging,
        lambda: qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()),
    )
    assert _listed(sqlite_services, flt) == ["S-20"]
    flt = _opened(qtbot, aging, lambda: aging.controller.open_index(aging.model.index(0, 1)))
    assert _listed(sqlite_services, flt) == ["G-100", "G-45", "G-NOW"]
    flt = _opened(
        qtbot, aging, lambda: aging.controller.open_totals(aging.totals_model.index(0, 6))
    )
    assert _listed(sqlite_services, flt) == ["G-100"]
    chart = aging.controller.chart
    assert sorted(sqlite_services.analytics.aging_invoices(chart.cell(2))) == sorted(
        i.line.id for i in sqlite_services.invoices.page(chart.cell(2).invoice_filter(), AS_OF)
    )


def test_every_export_format(qtbot, aging, tmp_path) -> None:  # type: ignore[no-untyped-def]
    files = {fmt: tmp_path / f"aging.{fmt}" for fmt in ("csv", "xlsx", "pdf", "png", "svg")}
    for fmt, path in files.items():
        aging.controller.export(fmt, str(path))
        qtbot.waitUntil(
            lambda p=path: aging.status.text().startswith("Saved") and p.exists(), timeout=20000
        )
        _settle(qtbot, aging)
    with files["csv"].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["code"], r["31-60"], r["total"]) for r in rows] == [
        ("C01", "900.00", "1300.00"),
        ("C02", "200.00", "280.00"),
    ]
    from openpyxl import load_workbook

    sheet = load_workbook(files["xlsx"]).active
    values = [[c.value for c in line] for line in sheet.iter_rows()]
    assert values[0][0].startswith("Aged receivables on 25 November 2026")
    assert values[-1][0] == "Total"
    assert Decimal(str(values[-1][-1])) == Decimal("1580")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(files["pdf"]).pages)
    assert "Garage Central" in text
    assert "€1,580.00" in text
    assert files["png"].read_bytes().startswith(b"\x89PNG")
    assert files["png"].stat().st_size > 10_000
    assert "<svg" in files["svg"].read_text(encoding="utf-8")
    assert date(2026, 11, 25) == AS_OF
