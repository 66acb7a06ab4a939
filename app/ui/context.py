"""What every view receives besides the services: the task runner, the change bus, today."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.ui.changes import ChangeBus
from app.ui.tasks import TaskRunner


def _today() -> date:
    return date.today()  # noqa: DTZ011 - the user's calendar day


@dataclass
class ViewContext:
    tasks: TaskRunner
    bus: ChangeBus
    today: Callable[[], date] = _today
    show_error: Callable[[Exception], None] = lambda error: None
    currency: str = "EUR"  # the company's, the default of new invoices and payments
    window_settings: Path | None = None  # where lists remember their columns (none in tests)

    def __post_init__(self) -> None:
        self.tasks.changed.connect(self.bus.publish)  # what a write changed, to every view
