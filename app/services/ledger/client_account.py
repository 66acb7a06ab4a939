"""One client's page: account figures, statement with running balance, history, behaviour."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.db.models import Client
from app.db.queries import client_detail as q
from app.db.queries import client_list
from app.db.queries.client_detail import HistoryItem, StatementLine
from app.db.repositories import payments as pay_repo
from app.db.repositories.payments import CreditItem, OpenItem, PaymentItem
from app.db.uow import UnitOfWork
from app.domain.insight.behaviour import (
    ClientHistory,
    OpenInvoice,
    PaymentBehaviour,
    SettledInvoice,
    months_before,
    payment_behaviour,
)
from app.domain.insight.risk import assess_risk


@dataclass(frozen=True)
class Statement:
    date_from: date | None
    date_to: date | None
    opening: dict[str, Decimal]  # balance per currency before date_from
    lines: list[StatementLine]
    closing: dict[str, Decimal]  # balance per currency after the last line of the period


@dataclass(frozen=True)
class ClientAccount:
    """Figures shown beside the contact card."""

    balances: dict[str, Decimal]
    overdue: dict[str, Decimal]
    oldest_overdue_days: int | None
    open_invoices: list[OpenItem]
    credits: list[CreditItem]
    payments: list[PaymentItem]
    behaviour: PaymentBehaviour
    risk_grade: str  # A to E, or "new" while the history is too short to grade


class ClientAccountService:
    def __init__(self, uow: Callable[[], UnitOfWork], currency: Callable[[], str]) -> None:
        self._uow = uow
        self._currency = currency

    def account(self, client_id: int, today: date) -> ClientAccount:
        currency = self._currency()
        since = months_before(today, 12)
        with self._uow() as uow:
            figures = client_list.figures(uow.session, [client_id], today)
            open_items = pay_repo.open_items(uow.session, client_id)
            credits = pay_repo.credits(uow.session, client_id)
            payments = pay_repo.payments_of(uow.session, client_id, limit=200)
            settled = q.settled_invoices(uow.session, client_id, since, today)
            client = uow.session.get(Client, client_id)
            credit_limit = client.credit_limit if client is not None else None
        history = ClientHistory(
            tuple(SettledInvoice(s.issue_date, s.due_date, s.total, s.paid_date) for s in settled),
            tuple(
                OpenInvoice(o.due_date, o.balance, o.currency, is_disputed=o.disputed)
                for o in open_items
            ),
            credit_limit=credit_limit,
            currency=currency,
        )
        behaviour = payment_behaviour(history, today)
        risk = assess_risk(behaviour)
        oldest = [f.oldest_due for f in figures if f.oldest_due is not None]
        return ClientAccount(
            balances={f.currency: f.balance for f in figures},
            overdue={f.currency: f.overdue for f in figures if f.overdue},
            oldest_overdue_days=(today - min(oldest)).days if oldest else None,
            open_invoices=open_items,
            credits=credits,
            payments=payments,
            behaviour=behaviour,
            risk_grade=str(risk.grade),
        )

    def statement(
        self, client_id: int, date_from: date | None = None, date_to: date | None = None
    ) -> Statement:
        with self._uow() as uow:
            lines = q.statement(uow.session, client_id, date_from, date_to)
            opening = (
                q.opening_balances(uow.session, client_id, date_from)
                if date_from is not None
                else {}
            )
        closing = dict(opening)
        for line in lines:
            closing[line.currency] = line.balance
        return Statement(date_from, date_to, opening, lines, closing)

    def history(self, client_id: int) -> list[HistoryItem]:
        with self._uow() as uow:
            return q.history(uow.session, client_id)
