"""Statement of account and collection file of one client, as files (`relance statement`,
`relance dossier`, the client page)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.adapters.pdf.account.model import CoverDocument, StatementDocument
from app.adapters.pdf.account.statement import render_statement
from app.adapters.pdf.render import safe_file_name
from app.db.queries import collection as q
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, NotFound
from app.domain.insight.behaviour import months_before
from app.i18n import _
from app.services.claims.service import ClaimService
from app.services.documents.collection import CollectionFile, CollectionInputs, write_collection
from app.services.documents.statement import addressee, statement_document
from app.services.dossier import DossierService
from app.services.followup.letters import company_info, recipient_of
from app.services.ledger.client_account import ClientAccountService


class DocumentService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        dossier: DossierService,
        claims: ClaimService,
    ) -> None:
        self._uow = uow
        self._dossier = dossier
        self._accounts = ClientAccountService(uow, lambda: dossier.settings().currency)
        self._claims = claims

    def statement_document(
        self,
        client_code: str,
        as_of: date,
        date_from: date | None = None,
        *,
        from_start: bool = False,
    ) -> StatementDocument:
        """From `date_from` (default: 12 months before, or the client's first event with
        `from_start`) through `as_of`."""
        start = date_from or months_before(as_of, 12)
        if from_start:
            first = self._accounts.statement(self._debtor(client_code).id, None, as_of).lines
            start = first[0].date if first else as_of
        if start > as_of:
            raise InvalidInput(
                _("the period starts on {start}, after its end {end}").format(
                    start=start.isoformat(), end=as_of.isoformat()
                )
            )
        settings = self._dossier.settings()
        debtor = self._debtor(client_code)
        with self._uow() as uow:
            open_items = q.open_invoices(uow.session, debtor.id, as_of)
        statement = self._accounts.statement(debtor.id, start, as_of)
        return statement_document(settings, debtor, statement, open_items, start, as_of)

    def statement(
        self,
        client_code: str,
        path: Path,
        as_of: date,
        date_from: date | None = None,
        *,
        from_start: bool = False,
    ) -> Path:
        document = self.statement_document(client_code, as_of, date_from, from_start=from_start)
        render_statement(document, path)
        return path

    def statements(
        self, client_codes: list[str], folder: Path, as_of: date, date_from: date | None = None
    ) -> list[Path]:
        """One statement per client in `folder` as `<code>.pdf`; every code is checked
        before anything is written."""
        documents = [self.statement_document(code, as_of, date_from) for code in client_codes]
        written = []
        for code, document in zip(client_codes, documents, strict=True):
            path = folder / f"{safe_file_name(code)}.pdf"
            render_statement(document, path)
            written.append(path)
        return written

    def dossier(self, client_code: str, path: Path, as_of: date) -> CollectionFile:
        """The collection file; its statement starts 12 months before `as_of`, or earlier
        when an invoice still open was issued before that."""
        settings = self._dossier.settings()
        debtor = self._debtor(client_code)
        with self._uow() as uow:
            invoices = q.open_invoices(uow.session, debtor.id, as_of)
            reminders = q.sent_reminders(uow.session, debtor.id, as_of)
            activities = q.activities(uow.session, debtor.id, as_of)
        start = min([months_before(as_of, 12), *(x.issue_date for x in invoices)])
        statement = self.statement_document(client_code, as_of, start)
        claims = {x.number: self._claims.claim_or_none(x.number, as_of) for x in invoices}
        company = company_info(settings)
        cover = CoverDocument(
            company=company,
            debtor=recipient_of(addressee(debtor), settings.language),
            debtor_legal_id=debtor.legal_id,
            as_of=as_of,
            invoices=(),
            totals=(),
            formal_notices=(),
            warnings=(),
            pieces=(),
            language=settings.language if settings.language in ("fr", "en") else "fr",
        )
        inputs = CollectionInputs(
            as_of=as_of,
            client_code=debtor.code,
            client_type=debtor.client_type,
            language=cover.language,
            statement=statement,
            cover_base=cover,
            invoices=invoices,
            claims=claims,
            reminders=reminders,
            activities=activities,
            closing={s.currency: s.closing for s in statement.sections},
        )
        return write_collection(inputs, path)

    def _debtor(self, client_code: str) -> q.Debtor:
        with self._uow() as uow:
            debtor = q.debtor_by_code(uow.session, client_code)
        if debtor is None:
            raise NotFound(_("no client with code {code}").format(code=client_code))
        return debtor
