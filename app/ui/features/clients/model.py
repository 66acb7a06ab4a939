"""Columns of the client register over the lazy model; risk grades arrive later, by client id."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.i18n import N_, _
from app.services.ledger.clients import ClientListItem
from app.ui.features.clients.parts import risk_text, risk_tooltip
from app.ui.widgets.format import money_by_currency
from app.ui.widgets.lazy_model import Fetch, LazyColumn, LazyTableModel, Runner
from app.ui.widgets.status import MUTED, WARNING, status_icon

TYPES = {"business": N_("Business"), "consumer": N_("Consumer")}
CHANNELS = {"email": N_("Email"), "letter": N_("Letter"), "phone": N_("Phone")}


def terms_label(days: int | None, end_of_month: bool) -> str:
    if days is None:
        return _("default")
    if end_of_month:
        return _("{days} d. end of month").format(days=days)
    return _("{days} days").format(days=days)


def _risk(model: ClientListModel) -> Any:
    def text(row: ClientListItem) -> str:
        grade = model.risks.get(row.id)
        return "—" if grade is None else risk_text(grade)

    return text


class ClientListModel(LazyTableModel):
    RISK_COLUMN = 8

    def __init__(self, fetch: Fetch, run: Runner | None = None, parent: Any = None) -> None:
        self.risks: dict[int, str] = {}
        self.reasons: dict[int, list[str]] = {}
        columns = [
            LazyColumn(N_("Code"), lambda r: r.code, "code"),
            LazyColumn(
                N_("Name"),
                lambda r: r.name + (_(" (archived)") if r.archived else ""),
                "name",
                tone=lambda r: MUTED if r.archived else None,
            ),
            LazyColumn(N_("Type"), lambda r: _(TYPES.get(r.client_type, r.client_type))),
            LazyColumn(
                N_("Channel"), lambda r: _(CHANNELS.get(r.preferred_channel, r.preferred_channel))
            ),
            LazyColumn(N_("Terms"), lambda r: terms_label(r.terms_days, r.terms_end_of_month)),
            LazyColumn(N_("City"), lambda r: r.city, "city"),
            LazyColumn(N_("Open balance"), lambda r: money_by_currency(r.balances), right=True),
            LazyColumn(
                N_("Overdue"),
                lambda r: money_by_currency(r.overdue),
                right=True,
                tone=lambda r: WARNING if r.overdue else None,
                icon=lambda r: status_icon("overdue") if r.overdue else None,
            ),
            LazyColumn(
                N_("Risk"),
                _risk(self),
                tone=lambda r: WARNING if self.risks.get(r.id) in ("D", "E") else None,
                tooltip=lambda r: risk_tooltip(self.risks.get(r.id), self.reasons.get(r.id, [])),
            ),
            LazyColumn(
                N_("Oldest overdue"),
                lambda r: (
                    _("{days} d.").format(days=r.oldest_overdue_days)
                    if r.oldest_overdue_days
                    else ""
                ),
                right=True,
                tone=lambda r: WARNING if (r.oldest_overdue_days or 0) > 60 else None,
            ),
            LazyColumn(
                N_("Reminders"),
                lambda r: _("Blocked") if r.dunning_blocked else _("Active"),
                tone=lambda r: WARNING if r.dunning_blocked else None,
                icon=lambda r: status_icon("written_off") if r.dunning_blocked else None,
            ),
        ]
        super().__init__(columns, fetch, run, parent, sort_key="code")

    def set_risks(self, risks: dict[int, str], reasons: dict[int, list[str]] | None = None) -> None:
        """Grades by client id, with the sentences that explain each (the tooltip)."""
        self.risks = risks
        self.reasons = reasons or {}
        if self.rows:
            self.dataChanged.emit(
                self.index(0, self.RISK_COLUMN),
                self.index(len(self.rows) - 1, self.RISK_COLUMN),
                [Qt.ItemDataRole.DisplayRole],
            )
