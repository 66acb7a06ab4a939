"""What a write changed: every writing service method returns a `Changes` (or a result whose
`changes` attribute is one), and the window's task runner publishes it after the write, so that
only the views concerned refresh and no view has to guess."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Changes:
    clients: bool = False
    invoices: bool = False
    payments: bool = False
    reminders: bool = False
    settings: bool = False
    client_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def ledger(self) -> bool:
        return self.invoices or self.payments

    def __bool__(self) -> bool:
        return any(
            (self.clients, self.invoices, self.payments, self.reminders, self.settings)
        ) or bool(self.client_ids)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.clients or other.clients,
            self.invoices or other.invoices,
            self.payments or other.payments,
            self.reminders or other.reminders,
            self.settings or other.settings,
            self.client_ids | other.client_ids,
        )


def ledger_changed(client_ids: Iterable[int]) -> Changes:
    """Invoices, payments or credits of these clients: their balances, allocations and the
    reminders due on them may all have moved."""
    return Changes(
        clients=True, invoices=True, payments=True, reminders=True, client_ids=frozenset(client_ids)
    )


SETTINGS = Changes(settings=True)


def changes_of(result: Any) -> Changes | None:
    """The Changes a write returned: the result itself or its `changes` attribute."""
    if isinstance(result, Changes):
        return result
    carried = getattr(result, "changes", None)
    return carried if isinstance(carried, Changes) else None
