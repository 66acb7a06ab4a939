"""The client page's statement of account tab: its periods and its columns."""

from __future__ import annotations

from app.i18n import N_, _
from app.ui.features.clients.parts import KIND_TEXT, statement_detail
from app.ui.widgets.format import day, money
from app.ui.widgets.table_model import Column

PERIODS = (
    ("12m", N_("Last 12 months")),
    ("year", N_("This year")),
    ("last_year", N_("Last year")),
    ("all", N_("Everything")),
    ("custom", N_("Period…")),
)


def statement_columns() -> list[Column]:
    """Date, type, reference, detail, debit, credit and the running balance."""
    return [
        Column(_("Date"), lambda r: day(r.date)),
        Column(_("Type"), lambda r: _(KIND_TEXT.get(r.kind, r.kind))),
        Column(_("Reference"), lambda r: r.label),
        Column(_("Detail"), statement_detail),
        Column(
            _("Debit"), lambda r: money(r.amount, r.currency) if r.amount > 0 else "", right=True
        ),
        Column(
            _("Credits"), lambda r: money(-r.amount, r.currency) if r.amount < 0 else "", right=True
        ),
        Column(_("Balance"), lambda r: money(r.balance, r.currency), right=True),
    ]
