"""Payments and credit: record, allocate oldest-first or by hand, apply leftovers, undo.

Allocations are derived: every write here changes the events (payment lines, credit notes,
credit applications) and then re-derives the client's allocations in the same unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.db.models import Payment
from app.db.repositories import payments as repo
from app.db.repositories.payments import AllocationItem, CreditItem, PaymentItem
from app.db.repositories.payments import OpenItem as OpenItem  # the UI shows them
from app.db.uow import UnitOfWork
from app.domain.errors import InvalidInput, NotFound, Problem
from app.domain.ledger.allocation import oldest_first
from app.domain.money import ZERO, quantize
from app.i18n import _, format_money
from app.services.changes import Changes, ledger_changed
from app.services.dossier import CompanySettings

AUTO = "auto"  # allocate to the oldest open invoices
CREDIT = "credit"  # keep it all as the client's credit


@dataclass(frozen=True)
class PaymentDraft:
    """`allocation` is AUTO, CREDIT, or the parts chosen by hand: [(invoice_id, amount)]."""

    client_id: int
    date: date
    amount: Decimal
    currency: str = ""
    method: str = ""
    reference: str = ""
    allocation: str | Sequence[tuple[int, Decimal]] = AUTO


@dataclass(frozen=True)
class PaymentResult:
    payment_id: int
    client_id: int
    allocated: Decimal
    leftover: Decimal  # more than what was open: stays as the client's credit

    @property
    def changes(self) -> Changes:
        return ledger_changed({self.client_id})


@dataclass(frozen=True)
class CreditsApplied:
    used: Decimal  # the credit that now settles invoices
    changes: Changes


class PaymentService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], settings: Callable[[], CompanySettings]
    ) -> None:
        self._uow = uow
        self._settings = settings

    def open_items(self, client_id: int, currency: str | None = None) -> list[OpenItem]:
        with self._uow() as uow:
            return repo.open_items(uow.session, client_id, currency)

    def credits(self, client_id: int) -> list[CreditItem]:
        with self._uow() as uow:
            return repo.credits(uow.session, client_id)

    def payments(self, client_id: int) -> list[PaymentItem]:
        with self._uow() as uow:
            return repo.payments_of(uow.session, client_id)

    def allocations(
        self, *, invoice_id: int | None = None, client_id: int | None = None
    ) -> list[AllocationItem]:
        with self._uow() as uow:
            return repo.allocations(uow.session, invoice_id=invoice_id, client_id=client_id)

    def record(self, draft: PaymentDraft) -> PaymentResult:
        currency = (draft.currency or self._settings().currency).upper()
        amount = draft.amount
        problems: list[Problem] = []
        if amount is None or amount <= 0:
            problems.append(Problem(_("the amount must be more than zero"), column="amount"))
        elif amount != quantize(amount, currency):
            problems.append(Problem(_("the amount has too many decimals"), column="amount"))
        if problems:
            raise InvalidInput(problems)
        with self._uow() as uow:
            items = {
                i.invoice_id: i for i in repo.open_items(uow.session, draft.client_id, currency)
            }
            if draft.allocation == AUTO:
                parts = oldest_first(
                    [
                        (i.invoice_id, i.due_date, i.balance)
                        for i in items.values()
                        if not i.disputed
                    ],
                    amount,
                )
            elif draft.allocation == CREDIT:
                parts = []
            else:
                chosen = draft.allocation
                assert not isinstance(chosen, str)  # AUTO and CREDIT are the only words
                parts = [(int(i), Decimal(a)) for i, a in chosen if a]
                problems = _check_parts(parts, items, amount)
                if problems:
                    raise InvalidInput(problems)
            allocated = sum((a for _i, a in parts), ZERO)
            leftover = amount - allocated
            lines: list[tuple[int | None, Decimal]] = list(parts)
            if leftover > 0:
                lines.append((None, leftover))
            payment = Payment(
                client_id=draft.client_id,
                date=draft.date,
                amount=amount,
                currency=currency,
                method=draft.method.strip()[:40],
                reference=draft.reference.strip()[:200],
            )
            if not repo.client_exists(uow.session, draft.client_id):
                raise InvalidInput(Problem(_("choose the client"), column="client"))
            repo.add_payment(uow.session, payment, lines)
            uow.touch_client(draft.client_id)
            uow.commit()
            return PaymentResult(payment.id, draft.client_id, allocated, leftover)

    def apply_credit(
        self, source_kind: str, source_id: int, invoice_id: int, amount: Decimal, on: date
    ) -> Changes:
        """Apply (part of) a leftover credit to an invoice."""
        with self._uow() as uow:
            client_id = repo.source_client(uow.session, source_kind, source_id)
            if client_id is None:
                raise NotFound(_("this payment or credit note no longer exists"))
            credit = next(
                (
                    c
                    for c in repo.credits(uow.session, client_id)
                    if c.source_kind == source_kind and c.source_id == source_id
                ),
                None,
            )
            if credit is None:
                raise InvalidInput(Problem(_("this credit has already been used up")))
            target = next(
                (
                    i
                    for i in repo.open_items(uow.session, client_id, credit.currency)
                    if i.invoice_id == invoice_id
                ),
                None,
            )
            problems = []
            if target is None:
                problems.append(
                    Problem(
                        _("this invoice has nothing left to pay in {currency}").format(
                            currency=credit.currency
                        ),
                        column="invoice",
                    )
                )
            if amount <= 0:
                problems.append(Problem(_("the amount must be more than zero"), column="amount"))
            elif amount > credit.remaining:
                problems.append(
                    Problem(
                        _("only {amount} of this credit is left").format(
                            amount=format_money(credit.remaining, credit.currency)
                        ),
                        column="amount",
                    )
                )
            elif target is not None and amount > target.balance:
                problems.append(
                    Problem(
                        _("the invoice only has {amount} left to pay").format(
                            amount=format_money(target.balance, target.currency)
                        ),
                        column="amount",
                    )
                )
            if problems:
                raise InvalidInput(problems)
            repo.add_application(
                uow.session, source_kind, source_id, invoice_id, max(on, credit.date), amount
            )
            uow.touch_client(client_id)
            uow.commit()
            return ledger_changed({client_id})

    def apply_credits_automatically(self, client_id: int, on: date) -> CreditsApplied:
        """Every leftover credit to the oldest open invoices of its currency; the amount used."""
        used = ZERO
        with self._uow() as uow:
            for credit in repo.credits(uow.session, client_id):
                items = [
                    i
                    for i in repo.open_items(uow.session, client_id, credit.currency)
                    if not i.disputed
                ]
                parts = oldest_first(
                    [(i.invoice_id, i.due_date, i.balance) for i in items], credit.remaining
                )
                for invoice_id, part in parts:
                    repo.add_application(
                        uow.session,
                        credit.source_kind,
                        credit.source_id,
                        invoice_id,
                        max(on, credit.date),
                        part,
                    )
                    used += part
                uow.touch_client(client_id)
                uow.settle_allocations()  # the next credit sees what this one settled
            uow.commit()
        return CreditsApplied(used, ledger_changed({client_id}))

    def unallocate(self, source_kind: str, source_id: int, invoice_id: int) -> Changes:
        """Undo what ties a payment or credit note to an invoice; the money becomes credit."""
        with self._uow() as uow:
            client_id = repo.source_client(uow.session, source_kind, source_id)
            if client_id is None:
                raise NotFound(_("this payment or credit note no longer exists"))
            if repo.detach(uow.session, source_kind, source_id, invoice_id) == 0:
                raise InvalidInput(Problem(_("nothing of this to undo on that invoice")))
            uow.touch_client(client_id)
            uow.commit()
            return ledger_changed({client_id})

    def delete(self, payment_id: int) -> Changes:
        """Delete a payment entered by mistake; its invoices open again."""
        with self._uow() as uow:
            client_id = repo.delete_payment(uow.session, payment_id)
            if client_id is None:
                raise NotFound(_("this payment no longer exists"))
            uow.touch_client(client_id)
            uow.commit()
            return ledger_changed({client_id})


def _check_parts(
    parts: list[tuple[int, Decimal]], items: dict[int, OpenItem], amount: Decimal
) -> list[Problem]:
    problems = []
    for invoice_id, part in parts:
        item = items.get(invoice_id)
        if item is None:
            problems.append(
                Problem(
                    _("an invoice chosen is not open for this client in this currency"),
                    column="allocation",
                )
            )
        elif part < 0:
            problems.append(
                Problem(
                    _("{number}: an amount cannot be negative").format(number=item.number),
                    column="allocation",
                )
            )
        elif part > item.balance:
            problems.append(
                Problem(
                    _("{number}: only {balance} is left to pay").format(
                        number=item.number, balance=format_money(item.balance, item.currency)
                    ),
                    column="allocation",
                )
            )
    if sum((p for _i, p in parts), ZERO) > amount:
        problems.append(
            Problem(_("the parts add up to more than the payment"), column="allocation")
        )
    return problems
