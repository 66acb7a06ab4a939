"""Client register and client page driven like a user; the dossier is checked afterwards."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.domain.filters import ClientFilter
from app.ui.features.clients.dialogs import ClientDialog
from app.ui.features.clients.view import ClientsView
from tests.ui.ledger_fixtures import TODAY, make_context, seed, settle


@pytest.fixture
def setup(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    context = make_context()
    view = ClientsView(sqlite_services, context)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    settle(qtbot, context)
    yield sqlite_services, context, view, ids
    context.tasks.wait()


def test_register_shows_balances_and_searches(qtbot, qtmodeltester, setup) -> None:  # type: ignore[no-untyped-def]
    _services, _context, view, _ids = setup
    model = view.model
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["C001", "C002"]
    assert model.data(model.index(0, 6)) == "€1,480.00"
    assert model.data(model.index(0, 7)) == "€1,200.00"
    assert model.data(model.index(0, 9)) == "54 d."
    assert view.count.text() == "2 clients"
    # graded on its invoice 54 days overdue although it has paid none yet, with the reasons
    qtbot.waitUntil(lambda: model.data(model.index(0, 8)) not in ("—", "new"))
    tip = model.data(model.index(0, 8), Qt.ItemDataRole.ToolTipRole)
    assert "Oldest unpaid invoice 54 days overdue" in tip
    assert "History too short: 0 settled invoices of the 3 required" in tip
    qtbot.keyClicks(view.search, "nantes")
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.rows[0].code == "C002")
    qtmodeltester.check(model)


def test_create_client_with_errors_then_valid(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, _ids = setup
    dialog = ClientDialog(services, context.tasks)
    qtbot.addWidget(dialog)
    dialog.code.setText("C003")
    dialog.name.setText("Atelier Lefèvre")
    dialog.email.setText("not an email")
    dialog.iban.setText("FR7630006000011234567890188")
    dialog.save()
    settle(qtbot, context)
    assert dialog.errors.message("email").startswith("This is not an email address")
    assert dialog.errors.message("iban")
    assert dialog.tabs.currentIndex() == 0
    dialog.email.setText("contact@lefevre.fr")
    dialog.iban.setText("FR76 3000 6000 0112 3456 7890 189")
    dialog.terms.setCurrentText("45 jours fin de mois")
    dialog.credit_limit.setText("5 000,00")
    dialog.add_contact(replace(_contact(), name="Claire", email="claire@lefevre.fr"))
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
    stored = services.clients.get(dialog.result_value.id)
    assert stored.iban == "FR7630006000011234567890189"
    assert stored.payment_terms == "45 days end of month"
    assert stored.credit_limit == Decimal("5000.00")
    assert [c.name for c in stored.contacts] == ["Claire"]


def test_an_error_on_another_tab_brings_it_forward(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, _ids = setup
    dialog = ClientDialog(services, context.tasks)
    qtbot.addWidget(dialog)
    dialog.code.setText("C004")
    dialog.name.setText("Pressing")
    dialog.email.setText("a@b.fr")
    dialog.vat_number.setText("FR00000000000")
    dialog.save()
    settle(qtbot, context)
    assert dialog.tabs.currentIndex() == 1
    assert services.clients.count(ClientFilter()) == 2


def test_stale_edit_is_refused_in_the_dialog(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, ids = setup
    loaded = services.clients.get(ids["martin"])
    dialog = ClientDialog(services, context.tasks, loaded)
    qtbot.addWidget(dialog)
    services.clients.update(replace(loaded, phone="0102030405"))
    dialog.name.setText("Boulangerie Martin & Fils")
    dialog.save()
    settle(qtbot, context)
    assert "someone else changed this client" in dialog.general_error.text()
    assert services.clients.get(ids["martin"]).name == "Boulangerie Martin"


def test_client_page(qtbot, qtmodeltester, setup) -> None:  # type: ignore[no-untyped-def]
    _services, context, view, _ids = setup
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.open_current()
    settle(qtbot, context)
    detail = view.detail
    assert view.stack.currentWidget() is detail
    assert "Boulangerie Martin (C001)" in detail.title.text()
    assert detail.figures["balance"].value.text() == "€1,480.00"
    assert detail.figures["oldest"].value.text() == "54 days"
    assert detail.figures["risk"].value.text() == model_grade(view)
    assert detail.risk_line.isVisible()
    assert "Oldest unpaid invoice 54 days overdue" in detail.risk_line.text()
    assert [r.number for r in detail.open_model.rows] == ["F2026-001", "F2026-002", "F2026-003"]
    detail.period.setCurrentIndex(detail.period.findData("all"))
    settle(qtbot, context)
    kinds = [r.kind for r in detail.statement_model.rows]
    assert kinds == ["invoice", "invoice", "payment", "invoice"]
    last = detail.statement_model.rows[-1]
    assert last.balance == Decimal("1480.00")
    for model in (
        detail.statement_model,
        detail.open_model,
        detail.payments_model,
        detail.history_model,
    ):
        qtmodeltester.check(model)
    qtbot.keyClick(detail, Qt.Key.Key_Escape)
    assert view.stack.currentIndex() == 0


def model_grade(view):  # type: ignore[no-untyped-def]
    return view.model.data(view.model.index(0, 8))


def test_delete_refused_then_archive(qtbot, setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    services, context, view, ids = setup
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.delete_current()
    settle(qtbot, context)
    assert "archive it instead" in str(context.errors[-1])
    view.toggle_archive()
    settle(qtbot, context)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert services.clients.get(ids["martin"]).archived


def _contact():  # type: ignore[no-untyped-def]
    from app.services.ledger.clients import ContactData

    return ContactData()


def test_today_is_the_context_s(setup) -> None:  # type: ignore[no-untyped-def]
    assert setup[1].today() == TODAY
