"""Unit of work: one Session per use case, rolled back unless committed.

A use case that changes a client's ledger (invoices, payments, credit notes, applications)
calls `touch_client`: at commit the allocations of every touched client are recomputed once
(settlement dates with them), so no service has to remember it.

Every commit replaces the dossier's state token (`state_token`): whatever was computed under
the same token still describes the data, whoever wrote since (another desk on PostgreSQL too).
"""

from __future__ import annotations

from types import TracebackType
from typing import cast
from uuid import uuid4

from sqlalchemy import Table, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db.models import DossierState
from app.db.repositories.ledger import recompute_touched, touch_clients
from app.domain.errors import Conflict, DatabaseProblem


class UnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def touch_client(self, *client_ids: int) -> None:
        touch_clients(self.session, client_ids)

    def settle_allocations(self) -> None:
        """Recompute the touched clients now, for a use case that reads its allocations back
        before committing (what a credit note settled, the credit left for the next one)."""
        recompute_touched(self.session)

    def commit(self) -> None:
        try:
            recompute_touched(self.session)
            state = cast(Table, DossierState.__table__)
            self.session.execute(update(state).values(token=uuid4().hex))
            self.session.commit()
        except StaleDataError as error:
            self.session.rollback()
            raise Conflict(
                "someone else changed this record in the meantime; reload it and try again"
            ) from error
        except OperationalError as error:
            self.session.rollback()
            raise DatabaseProblem(str(error.orig)) from error


def state_token(session: Session) -> str:
    """The token of the data as this session sees it ("" before the dossier has one)."""
    return session.scalar(select(DossierState.token).where(DossierState.id == 1)) or ""
