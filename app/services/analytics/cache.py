"""Analytics results kept until the dossier changes: every committed write replaces the
dossier's state token (app.db.uow), so a result computed under the current token is still
exact. A second view of the dashboard, the aging or the client register's grades is then
immediate; the same result asked twice at once is computed once."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from app.db.uow import UnitOfWork, state_token

T = TypeVar("T")
MAX_RESULTS = 24


class ResultCache:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow
        self._results: dict[Hashable, tuple[str, Any]] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def clear(self) -> None:
        with self._guard:
            self._results.clear()

    def token(self) -> str:
        with self._uow() as uow:
            return state_token(uow.session)

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The result for `key` under the current token, computed when there is none."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            token = self.token()  # read before computing: a write meanwhile only expires it
            kept = self._results.get(key)
            if kept is not None and kept[0] == token and token:
                return kept[1]  # type: ignore[no-any-return]
            value = compute()
            with self._guard:
                if len(self._results) >= MAX_RESULTS:
                    self._results.clear()
                self._results[key] = (token, value)
            return value
