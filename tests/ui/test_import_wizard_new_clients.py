"""The import wizard's dry run lists the clients an invoice file would add; a box creates them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Client, Invoice
from app.ui.main_window import MainWindow

INVOICES = (
    "N° facture;Code client;Raison sociale;Date facture;Montant TTC\r\n"
    "F1;N001;Nouveau Client SARL;01/10/2026;1 200,00 €\r\n"
    "F2;N002;Boulangerie Éclair;02/10/2026;80,00\r\n"
)


@pytest.fixture
def window(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    win = MainWindow(sqlite_services)
    win.context.today = lambda: date(2026, 11, 22)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.tasks.idle, timeout=10000)
    yield win
    win.tasks.wait()


def _next(qtbot, wizard) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete(), timeout=10000)
    wizard.next()


def test_the_missing_clients_are_created_only_when_ticked(
    qtbot, window, sqlite_services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "factures.csv"
    file.write_bytes(INVOICES.encode("cp1252"))
    wizard = window.import_files([file])
    assert wizard.kind == "invoices"
    _next(qtbot, wizard)
    assert wizard.mapping()["Raison sociale"] == "client_name"
    _next(qtbot, wizard)
    dry = wizard.page_dry_run
    qtbot.waitUntil(lambda: dry.result is not None, timeout=10000)
    assert "N001 — Nouveau Client SARL" in dry.status.text()
    assert "N002 — Boulangerie Éclair" in dry.status.text()
    box = dry.create_clients
    assert box.isVisible()
    assert box.text() == "Create the 2 missing clients from the file's names"
    assert not dry.isComplete()  # not without the box ticked
    wizard.grab().save(str(tmp_path / "new_clients.png"))
    with sqlite_services.uow() as uow:
        assert uow.session.scalars(select(Client)).all() == []
    box.setChecked(True)
    assert dry.isComplete()
    _next(qtbot, wizard)
    confirm = wizard.page_confirm
    confirm.import_button.click()
    qtbot.waitUntil(lambda: confirm.result is not None, timeout=10000)
    assert "Created: 2 invoices or credit notes." in confirm.status.text()
    wizard.accept()
    with sqlite_services.uow() as uow:
        names = {c.code: c.name for c in uow.session.scalars(select(Client))}
        codes = {c.id: c.code for c in uow.session.scalars(select(Client))}
        owners = {i.number: codes[i.client_id] for i in uow.session.scalars(select(Invoice))}
    assert names == {"N001": "Nouveau Client SARL", "N002": "Boulangerie Éclair"}
    assert owners == {"F1": "N001", "F2": "N002"}

    # The same file again: nothing to create, both invoices already up to date, no box.
    wizard = window.import_files([file])
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    dry = wizard.page_dry_run
    qtbot.waitUntil(lambda: dry.result is not None, timeout=10000)
    assert "Already up to date, left as they are: 2 invoices or credit notes." in dry.status.text()
    assert not dry.create_clients.isVisible()
    assert dry.isComplete()
    wizard.reject()
