"""The statement of account of one client, in the generators' plain values."""

from __future__ import annotations

from datetime import date

from app.adapters.pdf.account.model import (
    CurrencySection,
    OverdueItem,
    StatementDocument,
    StatementEntry,
)
from app.db.queries.collection import Debtor, InvoiceOnDate
from app.db.queries.letters import Addressee
from app.domain.money import ZERO
from app.services.dossier import CompanySettings
from app.services.followup.letters import company_info, recipient_of
from app.services.ledger.client_account import Statement


def addressee(debtor: Debtor) -> Addressee:
    return Addressee(
        debtor.id,
        debtor.code,
        debtor.name,
        debtor.address,
        debtor.postcode,
        debtor.city,
        debtor.country,
        debtor.language,
        debtor.client_type,
        debtor.email,
    )


def statement_document(
    settings: CompanySettings,
    debtor: Debtor,
    statement: Statement,
    open_items: list[InvoiceOnDate],
    date_from: date,
    as_of: date,
) -> StatementDocument:
    """One section per currency that has an opening balance or lines in the period."""
    currencies = sorted(
        {c for c, v in statement.opening.items() if v} | {x.currency for x in statement.lines}
    )
    sections = []
    for currency in currencies:
        entries = tuple(
            StatementEntry(
                line.date,
                line.kind,
                line.label,
                "" if line.kind == "invoice" else line.detail,
                date.fromisoformat(line.detail[:10]) if line.kind == "invoice" else None,
                line.amount,
                line.balance,
            )
            for line in statement.lines
            if line.currency == currency
        )
        overdue = tuple(
            OverdueItem(x.number, x.issue_date, x.due_date, x.balance, (as_of - x.due_date).days)
            for x in open_items
            if x.currency == currency and x.due_date < as_of
        )
        sections.append(
            CurrencySection(
                currency,
                statement.opening.get(currency, ZERO),
                entries,
                statement.closing.get(currency, ZERO),
                overdue,
            )
        )
    return StatementDocument(
        company_info(settings),
        recipient_of(addressee(debtor), settings.language),
        date_from,
        as_of,
        tuple(sections),
        place=settings.city,
    )
