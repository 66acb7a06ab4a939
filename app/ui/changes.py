"""What a write changed, broadcast so that only the views concerned refresh."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Changes:
    clients: bool = False
    invoices: bool = False
    payments: bool = False
    reminders: bool = False
    settings: bool = False
    client_ids: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def everything(cls) -> Changes:
        return cls(True, True, True, True, True)

    @property
    def ledger(self) -> bool:
        return self.invoices or self.payments


class ChangeBus(QObject):
    """One per window; views connect to `changed` and look at the fields they care about."""

    changed = Signal(object)
    navigate = Signal(str, object)  # view key, filter or record to show

    def publish(self, changes: Changes) -> None:
        self.changed.emit(changes)
