"""The key figure cards: value, a short note, and a tooltip that gives the formula."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.insight.kpi import DSO_PERIOD_DAYS, KeyFigures
from app.i18n import _, format_number, ngettext
from app.ui.theme import set_tone
from app.ui.widgets.format import money_by_currency


class Figure(QFrame):
    """One key figure; `clicked` when it leads somewhere (a filtered list)."""

    clicked = Signal()

    def __init__(self, title: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setToolTip(tooltip)
        self.setAccessibleDescription(tooltip)
        self.setMinimumWidth(200)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        self.caption = QLabel(title)
        set_tone(self.caption, "muted")
        self.value = QLabel("…")
        self.value.setStyleSheet("font-size: 19px; font-weight: 600;")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setWordWrap(True)
        self.note = QLabel()
        set_tone(self.note, "muted", "font-size: 11px;")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.is_link = False

    def make_link(self) -> None:
        self.is_link = True
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.is_link and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


def figure_cards() -> dict[str, Figure]:
    """The dashboard's figures in reading order, each with its formula."""
    return {
        "receivable": Figure(
            _("Total receivable"),
            _(
                "Open invoice balances minus payments and credit notes not yet applied, "
                "on today's date. Currencies are never added together."
            ),
        ),
        "overdue": Figure(
            _("Overdue"),
            _("Open balances whose due date has passed. Share = overdue ÷ total receivable."),
        ),
        "dso": Figure(
            _("DSO"),
            _(
                "Days sales outstanding, simple method: total receivable ÷ sales incl. tax "
                "invoiced in the last {days} days (less credit notes) × {days}."
            ).format(days=DSO_PERIOD_DAYS),
        ),
        "overdue_count": Figure(
            _("Overdue invoices"),
            _("Number of open invoices past their due date. Click to see them."),
        ),
        "at_risk": Figure(
            _("Amount at risk"),
            _(
                "Open balances of the clients graded D or E: the risk grade adds up average days "
                "late, share paid late, invoices over 60 days, overdue share, credit limit use, "
                "disputes, reminders needed and a worsening trend."
            ),
        ),
        "promises": Figure(
            _("Promises due this week"),
            _(
                "Promises to pay falling due from Monday to Sunday, not yet kept and whose invoice "
                "still owes something: a plain count."
            ),
        ),
        "disputes": Figure(
            _("Disputes open"),
            _("Disputed invoices with something left to pay: a plain count. Click to see them."),
        ),
        "days_late": Figure(
            _("Average days late"),
            _(
                "Over the invoices fully paid in the last 12 months: days from the due date to the "
                "payment that settled each one (early or on time counts 0), averaged."
            ),
        ),
    }


def percent(share: Decimal | None) -> str:
    if share is None:
        return "—"
    return _("{percent}%").format(percent=format_number(share * 100, decimals=0))


def show_figures(
    cards: dict[str, Figure], key: KeyFigures, promises: int, disputes: int, graded: bool = True
) -> None:
    """Amounts per currency side by side; counts and days are one number for the dossier.
    Without the risk grades (graded False) the amount at risk stays "…"."""
    figures = key.by_currency.values()
    cards["receivable"].set(money_by_currency({f.currency: f.total_receivable for f in figures}))
    cards["overdue"].set(
        money_by_currency({f.currency: f.overdue_amount for f in figures}),
        " · ".join(
            _("{share} of the receivable").format(share=percent(f.overdue_share))
            for f in figures
            if f.overdue_share is not None
        ),
    )
    dso = [(f.currency, f.dso_days) for f in figures if f.dso_days is not None]
    cards["dso"].set(
        " · ".join(ngettext("{days} day", "{days} days", d).format(days=d) for _c, d in dso) or "—",
        " · ".join(c for c, _d in dso) if len(dso) > 1 else "",
    )
    count = sum(f.overdue_count for f in figures)
    cards["overdue_count"].set(format_number(Decimal(count), decimals=0))
    at_risk = money_by_currency({f.currency: f.amount_at_risk for f in figures})
    cards["at_risk"].set(at_risk if graded else "…", _("clients graded D or E"))
    cards["promises"].set(format_number(Decimal(promises), decimals=0))
    cards["disputes"].set(format_number(Decimal(disputes), decimals=0))
    days = key.average_days_late
    cards["days_late"].set(
        "—"
        if days is None
        else ngettext("{days} day", "{days} days", int(days)).format(
            days=format_number(days, decimals=1)
        ),
        _("last 12 months"),
    )
