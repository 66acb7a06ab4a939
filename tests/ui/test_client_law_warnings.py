"""The client page warns of time-barred invoices; the client dialog of terms beyond the cap."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.services.ledger.clients import ClientData
from app.services.ledger.invoices import InvoiceData
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


def test_client_page_warns_of_limitation(qtbot, setup, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, context, view, _ids = setup
    view.table.setCurrentIndex(view.model.index(0, 0))
    view.open_current()
    settle(qtbot, context)
    assert not view.detail.limitation.isVisible()  # Martin: nothing near its date
    consumer = services.clients.create(
        ClientData(code="C003", name="M. Petit", client_type="consumer", email="petit@example.fr")
    ).id
    for number, issued in (("F2024-100", date(2024, 11, 1)), ("F2025-007", date(2025, 1, 10))):
        services.invoices.create(
            InvoiceData(
                number=number,
                client_id=consumer,
                issue_date=issued,
                due_date=issued,
                total=Decimal("90.00"),
            ),
            TODAY,
        )
    view.detail.show_client(consumer)
    settle(qtbot, context)
    line = view.detail.limitation
    assert line.isVisible()
    assert line.text() == (
        "Limitation: F2024-100: may be time-barred since 01/11/2026 (C. consom. art. L218-2); "
        "F2025-007: time-barred on 10/01/2027 (C. consom. art. L218-2)"
    )
    view.detail.grab().save(str(tmp_path / "client_page.png"))


def test_client_dialog_warns_of_terms_beyond_the_cap(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, _ids = setup
    dialog = ClientDialog(services, context.tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, context)
    warning = dialog.errors.fields["payment_terms"][1]
    dialog.terms.setCurrentText("90 jours")
    assert not warning.isHidden()  # on the Terms tab
    assert "C. com. L441-10" in warning.text()
    dialog.client_type.setCurrentIndex(dialog.client_type.findData("consumer"))
    assert warning.isHidden()  # the cap binds businesses only
    dialog.client_type.setCurrentIndex(dialog.client_type.findData("business"))
    dialog.terms.setCurrentText("45 jours fin de mois")
    assert warning.isHidden()
    dialog.code.setText("C009")
    dialog.name.setText("Long Délai SAS")
    dialog.email.setText("a@b.fr")
    dialog.terms.setCurrentText("90 jours")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
    assert services.clients.get(dialog.result_value.id).payment_terms == "90 days"
