"""Client register: search as you type over code, name, email, city and VAT number."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from app.ui.changes import Changes
from app.ui.widgets.format import money_by_currency
from app.ui.widgets.table_model import WARNING, Column, RowsModel
from app.ui.widgets.tables import make_table

TYPES = {"business": N_("Business"), "consumer": N_("Consumer")}
CHANNELS = {"email": N_("Email"), "letter": N_("Letter"), "phone": N_("Phone")}


def client_columns() -> list[Column]:
    return [
        Column(_("Code"), lambda r: r.code),
        Column(_("Name"), lambda r: r.name),
        Column(_("Type"), lambda r: _(TYPES.get(r.client_type, r.client_type))),
        Column(_("Channel"), lambda r: _(CHANNELS.get(r.preferred_channel, r.preferred_channel))),
        Column(_("Terms"), lambda r: _("{days} days").format(days=r.terms_days)
               if r.terms_days is not None else _("default")),
        Column(_("City"), lambda r: r.city),
        Column(_("Balance"), lambda r: money_by_currency(r.balances), right=True),
        Column(_("Overdue"), lambda r: money_by_currency(r.overdue), right=True,
               tone=lambda r: WARNING if any(r.overdue.values()) else None),
        Column(_("Risk"), lambda r: _risk_text(r.risk), tone=lambda r: WARNING
               if r.risk in ("D", "E") else None),
        Column(_("Dunning"), lambda r: _("⛔ blocked") if r.dunning_blocked else _("active"),
               tone=lambda r: WARNING if r.dunning_blocked else None),
    ]


def _risk_text(grade: str | None) -> str:
    if grade is None:
        return "—"
    return _("new") if grade == "new" else grade


class _Line:
    """A register row with the client's risk grade beside it."""

    def __init__(self, row, risk: str | None) -> None:  # type: ignore[no-untyped-def]
        self._row = row
        self.risk = risk

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._row, name)


class ClientsView(QWidget):
    def __init__(self, services, context) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.services = services
        self.context = context
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, code, email, city or VAT number"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.model = RowsModel(client_columns(), self)
        self.table = make_table()
        self.table.setModel(self.model)
        for column, width in enumerate((75, 240, 100, 85, 80, 130, 110, 110, 55)):
            self.table.setColumnWidth(column, width)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Clients")), 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self, singleShot=True, interval=200)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        context.bus.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.clients or changes.ledger:
            self.refresh()

    def refresh(self) -> None:
        text = self.search.text().strip()
        today = self.context.today()
        def load():  # type: ignore[no-untyped-def]
            rows = self.services.registers.clients(today, text)
            risks = self.services.insights.insights(today).risks
            return [_Line(r, str(risks[r.id].grade) if r.id in risks else None) for r in rows]

        self.context.tasks.run(load, self._show, self.context.show_error)

    def _show(self, rows) -> None:  # type: ignore[no-untyped-def]
        self.model.set_rows(rows)
        self.count.setText(ngettext("{count} client", "{count} clients", len(rows)).format(
            count=len(rows)))
