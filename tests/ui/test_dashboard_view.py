"""The dashboard: key figures with their formulas, this week's lines, charts and what-ifs."""

from __future__ import annotations

import pytest

from app.domain.ledger.status import DISPUTED
from app.services.analytics.week import DISPUTE, PROMISE, REMINDER
from app.ui.changes import ChangeBus
from app.ui.context import ViewContext
from app.ui.features.dashboard.view import DashboardView
from app.ui.tasks import TaskRunner
from tests.services.analytics.builders import AS_OF, Ledger, days


@pytest.fixture
def dashboard(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    ledger = Ledger(sqlite_services)
    shop = ledger.client("A01", "Atelier Bleu")
    for n in range(4):
        ledger.settled(shop, AS_OF - days(40 + 30 * n), 10)
    late = ledger.invoice(shop, AS_OF - days(10), "1000.00", number="F-LATE")
    ledger.invoice(shop, AS_OF + days(10), "500.00", number="F-DISPUTE", disputed=True)
    ledger.promise(shop, AS_OF + days(1), "1000.00", late)
    other = ledger.client("B01", "Bistrot Gris")
    ledger.invoice(other, AS_OF - days(9), "75.00", number="F-OTHER")
    ledger.done()
    tasks = TaskRunner()
    context = ViewContext(tasks, ChangeBus(), today=lambda: AS_OF)
    view = DashboardView(sqlite_services, context)
    qtbot.addWidget(view)
    view.resize(1200, 850)
    view.show()
    qtbot.waitUntil(
        lambda: view.controller.overview is not None and tasks.reads.activeThreadCount() == 0,
        timeout=20000,
    )
    qtbot.waitUntil(tasks.idle, timeout=20000)
    yield view
    tasks.wait()


def test_key_figures_with_their_formulas(dashboard) -> None:  # type: ignore[no-untyped-def]
    cards = dashboard.cards
    assert dashboard.receivable.value.text() == "€1,575.00"
    assert cards["overdue"].value.text() == "€1,075.00"
    assert cards["overdue"].note.text() == "68% of the receivable"
    assert cards["overdue_count"].value.text() == "2"
    assert cards["promises"].value.text() == "1"
    assert cards["disputes"].value.text() == "1"
    assert cards["days_late"].value.text() == "10.0 days"
    assert cards["dso"].value.text() == "85 days"  # 1575 / (1000 + 500 + 75 + 100) * 90
    assert "× 90" in cards["dso"].toolTip()
    assert "D or E" in cards["at_risk"].toolTip()
    for card in cards.values():
        assert card.toolTip()
    assert "25 November 2026" in dashboard.heading.text()


def test_this_week_lines_open_their_screen(qtbot, dashboard) -> None:  # type: ignore[no-untyped-def]
    week = dashboard.week
    qtbot.waitUntil(lambda: "reminder" in week.groups[REMINDER].text(0), timeout=20000)
    assert week.groups[PROMISE].text(0) == "1 promise to pay falls due"
    assert week.groups[DISPUTE].text(0) == "1 dispute to follow up"
    assert week.groups[REMINDER].childCount() >= 1
    promise = week.groups[PROMISE].child(0)
    assert promise.text(2) == "F-LATE"
    with qtbot.waitSignal(dashboard.context.bus.navigate) as signal:
        week.itemActivated.emit(promise, 0)
    key, flt = signal.args
    assert (key, flt.text, flt.open_only) == ("invoices", "F-LATE", True)
    with qtbot.waitSignal(dashboard.context.bus.navigate) as signal:
        week.itemActivated.emit(week.groups[REMINDER].child(0), 0)
    assert signal.args == ["reminders", None]
    with qtbot.waitSignal(dashboard.context.bus.navigate) as signal:
        dashboard.cards["disputes"].clicked.emit()
    assert signal.args[1].statuses == frozenset({DISPUTED})


def test_charts_and_what_ifs(qtbot, dashboard) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(dashboard.controller.trend), timeout=20000)
    for chart in (dashboard.trend_chart, dashboard.forecast_chart):
        qtbot.waitUntil(lambda chart=chart: not chart.pending(), timeout=20000)
    assert dashboard.trend_chart.figure.axes
    assert dashboard.forecast_chart.figure.axes
    assert "left out" not in dashboard.forecast_note.text()
    dashboard.what_if["disputed"].setChecked(True)
    qtbot.waitUntil(
        lambda: "left out by the what-ifs: €500.00" in dashboard.forecast_note.text(), timeout=20000
    )
    dashboard.what_if["on_due_date"].setChecked(True)
    qtbot.waitUntil(
        lambda: (
            dashboard.controller.forecast["EUR"].weeks[0].expected
            == dashboard.controller.forecast["EUR"].weeks[0].pessimistic
        ),
        timeout=20000,
    )
    assert dashboard.controller.forecast["EUR"].weeks[0].expected == 1075


def test_the_smoke_test_draws_the_charts_now(dashboard) -> None:  # type: ignore[no-untyped-def]
    """The frozen app's smoke test renders its charts: matplotlib, numpy and FreeType run."""
    from app.ui.app import render_charts

    charts = (dashboard.trend_chart, dashboard.forecast_chart)
    dashboard.hide()  # as in the smoke test: no window on screen, nothing drawn in the thread
    for chart in charts:
        chart.draw(chart._painter)
        assert chart.pending()
    assert render_charts(dashboard) == 2
    for chart in charts:
        assert not chart.pending()  # drawn now, in this thread
        assert chart.drawing.image.width() > 0
        assert chart.figure.axes
