"""Invoice list, invoice dialogs and payments driven like a user; the dossier is checked."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.domain.filters import InvoiceFilter
from app.ui.features.invoices.actions import CreditNoteDialog, DisputeDialog, WriteOffDialog
from app.ui.features.invoices.detail import InvoiceDetailDialog
from app.ui.features.invoices.dialogs import InvoiceDialog
from app.ui.features.invoices.view import InvoicesView
from app.ui.features.payments.credit import ApplyCreditDialog
from app.ui.features.payments.dialogs import BY_HAND, PaymentDialog
from tests.ui.ledger_fixtures import TODAY, make_context, seed, settle


@pytest.fixture
def setup(qtbot, sqlite_services):  # type: ignore[no-untyped-def]
    ids = seed(sqlite_services)
    context = make_context()
    view = InvoicesView(sqlite_services, context)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    settle(qtbot, context)
    yield sqlite_services, context, view, ids
    context.tasks.wait()


def _balance(services, invoice_id: int) -> Decimal:  # type: ignore[no-untyped-def]
    return services.invoices.get(invoice_id, TODAY).balance


def _numbers(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.line.number for r in view.model.rows]


def test_list_filters_sort_and_totals(qtbot, qtmodeltester, setup) -> None:  # type: ignore[no-untyped-def]
    _services, context, view, _ids = setup
    assert _numbers(view) == ["F2026-003", "F2026-002", "F2026-004", "F2026-001"]
    assert view.count.text() == "4 invoices"
    assert "EUR: total €2,080.00, left to pay €1,480.00" in view.totals.text()
    status = view.model.data(view.model.index(3, 6))
    assert status == "Overdue · 54 d."
    assert view.model.data(view.model.index(3, 6), 1) is not None  # an icon beside the text
    view.filters.status.setCurrentIndex(view.filters.status.findData("overdue"))
    settle(qtbot, context)
    assert _numbers(view) == ["F2026-001"]
    view.filters.reset()
    settle(qtbot, context)
    qtbot.keyClicks(view.filters.text, "dupont")
    qtbot.waitUntil(lambda: _numbers(view) == ["F2026-004"], timeout=5000)
    view.filters.reset()
    settle(qtbot, context)
    view.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    settle(qtbot, context)
    assert _numbers(view)[0] == "F2026-003"
    qtmodeltester.check(view.model)


def test_show_filter_from_another_view(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    _services, context, view, ids = setup
    view.show_filter(InvoiceFilter(client_id=ids["martin"], bucket="31-60"))
    settle(qtbot, context)
    assert _numbers(view) == ["F2026-001"]
    assert view.filters.client.edit.text() == "Boulangerie Martin (C001)"


def test_create_invoice_due_date_from_terms(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, ids = setup
    dialog = InvoiceDialog(services, context)
    qtbot.addWidget(dialog)
    settle(qtbot, context)
    assert dialog.number.text() == "F2026-005"
    dialog.client.set_client(ids["martin"], "C001", "Boulangerie Martin")
    dialog.issue_date.set_value(date(2026, 11, 23))
    settle(qtbot, context)
    assert dialog.due_date.value() == date(2027, 1, 31)  # 45 days end of month
    dialog.total.setText("1 440,00")
    dialog.net_amount.setText("1 200,00")
    dialog.tax_amount.setText("240")
    dialog.reference.setText("BC-77")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10000)
    created = services.invoices.get(dialog.result_value.data.id, TODAY)
    assert (created.data.total, created.data.due_date, created.status) == (
        Decimal("1440.00"),
        date(2027, 1, 31),
        "open",
    )


def test_invoice_dialog_refuses_a_duplicate_number(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, ids = setup
    dialog = InvoiceDialog(services, context)
    qtbot.addWidget(dialog)
    settle(qtbot, context)
    dialog.number.setText("F2026-001")
    dialog.client.set_client(ids["dupont"], "C002", "Garage Dupont")
    dialog.total.setText("abc")
    dialog.save()
    assert "amount" in dialog.errors.message("total")
    dialog.total.setText("10")
    dialog.save()
    settle(qtbot, context)
    assert "already exists" in dialog.errors.message("number")
    assert dialog.result() == 0


def test_dispute_then_credit_note(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, ids = setup
    detail = services.invoices.get(ids["late"], TODAY)
    dispute = DisputeDialog(services, context, detail)
    qtbot.addWidget(dispute)
    dispute.save()
    settle(qtbot, context)
    assert dispute.errors.message("reason")
    dispute.reason.setPlainText("Two cakes were missing")
    dispute.save()
    qtbot.waitUntil(lambda: dispute.result() == 1)
    detail = services.invoices.get(ids["late"], TODAY)
    assert (detail.status, detail.dispute_reason) == ("disputed", "Two cakes were missing")
    note = CreditNoteDialog(services, context, detail)
    qtbot.addWidget(note)
    settle(qtbot, context)
    note.amount.setText("2 000")
    note.save()
    settle(qtbot, context)
    assert "larger than the invoice" in note.errors.message("amount")
    note.amount.setText("200,00")
    note.reason.setText("Missing cakes")
    note.save()
    qtbot.waitUntil(lambda: note.result() == 1)
    assert _balance(services, ids["late"]) == Decimal("1000.00")


def test_write_off(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, ids = setup
    dialog = WriteOffDialog(services, context, services.invoices.get(ids["late"], TODAY))
    qtbot.addWidget(dialog)
    dialog.reason.setText("Liquidation")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1)
    assert services.invoices.get(ids["late"], TODAY).status == "written_off"


def test_payment_oldest_first_with_leftover(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, ids = setup
    dialog = PaymentDialog(services, context)
    qtbot.addWidget(dialog)
    dialog.client.set_client(ids["martin"], "C001", "Boulangerie Martin")
    settle(qtbot, context)
    dialog.amount.setText("1 500,00")
    assert dialog.model.chosen() == [
        (ids["late"], Decimal("1200.00")),
        (ids["part"], Decimal("200.00")),
        (ids["future"], Decimal("80.00")),
    ]
    assert "larger than everything open" in dialog.summary.text()
    dialog.reference.setText("VIR SEPA 123")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1)
    assert dialog.result_value.leftover == Decimal("20.00")
    assert _balance(services, ids["late"]) == Decimal("0.00")
    credits = services.payments.credits(ids["martin"])
    assert [(c.remaining, c.label) for c in credits] == [(Decimal("20.00"), "VIR SEPA 123")]


def test_payment_by_hand_across_invoices(qtbot, qtmodeltester, setup) -> None:  # type: ignore[no-untyped-def]
    services, context, _view, ids = setup
    dialog = PaymentDialog(services, context)
    qtbot.addWidget(dialog)
    dialog.client.set_client(ids["martin"], "C001", "Boulangerie Martin")
    settle(qtbot, context)
    dialog.set_mode(BY_HAND)
    dialog.amount.setText("250")
    model = dialog.model
    rows = {item.invoice_id: row for row, item in enumerate(model.items)}
    assert model.setData(model.index(rows[ids["future"]], 4), "80")
    assert model.setData(model.index(rows[ids["part"]], 4), "150,00")
    assert not model.setData(model.index(rows[ids["late"]], 4), "lots")
    qtmodeltester.check(model)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.result() == 1)
    assert _balance(services, ids["future"]) == Decimal("0.00")
    assert _balance(services, ids["part"]) == Decimal("50.00")
    assert _balance(services, ids["late"]) == Decimal("1200.00")
    assert services.payments.credits(ids["martin"])[0].remaining == Decimal("20.00")


def test_credit_applied_then_undone(qtbot, monkeypatch, setup) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    services, context, _view, ids = setup
    apply = ApplyCreditDialog(services, context, ids["dupont"])
    qtbot.addWidget(apply)
    settle(qtbot, context)
    assert apply.credits.rowCount() == 0  # Dupont's payment settled its invoice exactly
    apply.reject()
    payment = PaymentDialog(services, context)
    qtbot.addWidget(payment)
    payment.client.set_client(ids["martin"], "C001", "Boulangerie Martin")
    settle(qtbot, context)
    payment.set_mode("credit")
    payment.amount.setText("300")
    payment.save()
    qtbot.waitUntil(lambda: payment.result() == 1)
    apply = ApplyCreditDialog(services, context, ids["martin"])
    qtbot.addWidget(apply)
    settle(qtbot, context)
    assert apply.amount.value() == Decimal("300.00")  # credit 300, oldest invoice 1 200
    apply.amount.setText("250")
    apply.save()
    qtbot.waitUntil(lambda: apply.result() == 1)
    assert _balance(services, ids["late"]) == Decimal("950.00")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    detail = InvoiceDetailDialog(services, context, ids["late"])
    qtbot.addWidget(detail)
    settle(qtbot, context)
    assert detail.allocations.rowCount() == 1
    qtbot.waitUntil(lambda: detail.undo.isEnabled())
    detail.table.selectRow(0)
    qtbot.mouseClick(detail.undo, Qt.MouseButton.LeftButton)
    settle(qtbot, context)
    assert _balance(services, ids["late"]) == Decimal("1200.00")
