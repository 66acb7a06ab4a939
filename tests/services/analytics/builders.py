"""A dossier written row by row with exact dates, for the analytics tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from app.db.models import (
    Activity,
    Client,
    Instalment,
    Invoice,
    Payment,
    PaymentLine,
    PaymentPlan,
    Reminder,
    ReminderInvoice,
)
from app.db.repositories.ledger import recompute_allocations

AS_OF = date(2026, 11, 25)  # a Wednesday


class Ledger:
    """Opens one unit of work; `done()` derives the allocations and commits."""

    def __init__(self, services) -> None:  # type: ignore[no-untyped-def]
        self.uow = services.uow()
        self.uow.__enter__()
        self.session = self.uow.session
        self.clients: set[int] = set()
        self._numbers = 0

    def client(self, code: str, name: str = "", credit_limit: str | None = None) -> int:
        row = Client(
            code=code,
            name=name or f"Client {code}",
            credit_limit=None if credit_limit is None else Decimal(credit_limit),
        )
        self.session.add(row)
        self.session.flush()
        self.clients.add(row.id)
        return row.id

    def invoice(
        self,
        client_id: int,
        due: date,
        total: str = "100.00",
        *,
        issued: date | None = None,
        currency: str = "EUR",
        number: str | None = None,
        disputed: bool = False,
        written_off_on: date | None = None,
        kind: str = "invoice",
        applies_to: int | None = None,
    ) -> int:
        self._numbers += 1
        row = Invoice(
            number=number or f"F{self._numbers:04d}",
            client_id=client_id,
            kind=kind,
            issue_date=issued or due - timedelta(days=30),
            due_date=due,
            currency=currency,
            total=Decimal(total),
            disputed=disputed,
            dispute_reason="quality" if disputed else "",
            written_off_on=written_off_on,
            applies_to_id=applies_to,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def pay(
        self,
        client_id: int,
        on: date,
        amount: str,
        invoice_id: int | None = None,
        currency: str = "EUR",
    ) -> int:
        payment = Payment(client_id=client_id, date=on, amount=Decimal(amount), currency=currency)
        self.session.add(payment)
        self.session.flush()
        self.session.add(
            PaymentLine(payment_id=payment.id, invoice_id=invoice_id, amount=Decimal(amount))
        )
        self.session.flush()
        return payment.id

    def settled(self, client_id: int, due: date, delay: int, total: str = "100.00") -> int:
        """An invoice paid in full `delay` days after its due date."""
        invoice_id = self.invoice(client_id, due, total)
        self.pay(client_id, due + timedelta(days=delay), total, invoice_id)
        return invoice_id

    def reminder(self, client_id: int, invoice_ids: list[int], done_on: date) -> None:
        row = Reminder(
            client_id=client_id,
            level_code="reminder_1",
            channel="email",
            planned_date=done_on,
            status="done",
            done_on=done_on,
        )
        self.session.add(row)
        self.session.flush()
        for invoice_id in invoice_ids:
            self.session.add(ReminderInvoice(reminder_id=row.id, invoice_id=invoice_id))

    def promise(
        self,
        client_id: int,
        on: date,
        amount: str | None = None,
        invoice_id: int | None = None,
        outcome: str = "",
    ) -> None:
        self.session.add(
            Activity(
                client_id=client_id,
                invoice_id=invoice_id,
                kind="promise",
                date=on - timedelta(days=7),
                promised_date=on,
                promised_amount=None if amount is None else Decimal(amount),
                outcome=outcome,
            )
        )

    def plan(self, invoice_id: int, instalments: list[tuple[date, str]]) -> None:
        plan = PaymentPlan(invoice_id=invoice_id, agreed_on=AS_OF - timedelta(days=40))
        self.session.add(plan)
        self.session.flush()
        for due, amount in instalments:
            self.session.add(Instalment(plan_id=plan.id, due_date=due, amount=Decimal(amount)))

    def done(self) -> None:
        self.session.flush()
        recompute_allocations(self.session, self.clients)
        self.uow.commit()
        self.uow.__exit__(None, None, None)


def days(n: int) -> timedelta:
    return timedelta(days=n)


def french_with_pending(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """French, including the messages of translations/pending/analytics.po not yet merged
    into the catalogue (after the merge the file is gone and the catalogue answers alone)."""
    import gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from app import i18n
    from app.paths import translations_dir

    base = i18n.translator("fr")
    pending = translations_dir() / "pending" / "analytics.po"
    if pending.exists():
        with pending.open("rb") as handle:
            catalog = read_po(handle, locale="fr")
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        extra = gettext.GNUTranslations(buffer)
        extra.add_fallback(base)
        monkeypatch.setattr(i18n, "translator", lambda lang: extra if lang == "fr" else base)
    i18n.set_language("fr")
