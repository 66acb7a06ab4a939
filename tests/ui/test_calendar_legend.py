"""The calendar's level tags are spelt out under the grid; a busy day's tooltip stays short."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.ui.features.reminders.model import TOOLTIP_ACTIONS, day_tooltip
from tests.services.followup.data import TODAY
from tests.ui.test_reminders_view import dossier, make_view

__all__ = ["dossier"]


def test_legend_names_the_tags_on_screen(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, _ids = dossier
    view = make_view(qtbot, services)
    legend = view.legend.text()
    assert "R1 = First reminder" in legend
    assert "R2 = Second reminder" in legend
    assert legend.index("R1") < legend.index("R2")  # ladder order
    assert "FN =" not in legend  # only the tags the month shows
    assert view.legend.isVisible()
    view.grab().save("/tmp/habits_shots/legend.png")


def test_a_busy_day_tooltip_lists_ten_and_counts_the_rest(qtbot, dossier) -> None:  # type: ignore[no-untyped-def]
    services, _ids = dossier
    item = services.reminders.plan(TODAY).items[0]
    many = [replace(item, client=replace(item.client, name=f"Client {n}")) for n in range(170)]
    text = day_tooltip(date(2026, 11, 23), many)
    lines = text.splitlines()
    assert len(lines) == 1 + TOOLTIP_ACTIONS + 1
    assert "Client 9" in text
    assert "Client 10" not in text
    assert lines[-1] == "… and 160 more"
    few = day_tooltip(date(2026, 11, 23), many[:3])
    assert len(few.splitlines()) == 4
    assert "more" not in few
