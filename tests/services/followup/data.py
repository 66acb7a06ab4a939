"""A small dossier for the reminder tests: two clients, a few overdue invoices, one disputed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.db.models import Allocation, Client, Invoice, Payment, PaymentLine
from app.db.repositories.settlement import refresh_settlement

TODAY = date(2026, 11, 23)  # a Monday
SUNDAY = date(2026, 11, 29)


def add_client(services, code: str, name: str, **fields) -> int:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        client = Client(code=code, name=name, **fields)
        uow.session.add(client)
        uow.commit()
        return client.id


def add_invoice(  # type: ignore[no-untyped-def]
    services, client_id: int, number: str, issued: date, due: date, total: str, **fields
) -> int:
    with services.uow() as uow:
        invoice = Invoice(
            number=number,
            client_id=client_id,
            issue_date=issued,
            due_date=due,
            total=Decimal(total),
            **fields,
        )
        uow.session.add(invoice)
        uow.commit()
        return invoice.id


def pay(
    services,
    client_id: int,
    on: date,
    amount: str,  # type: ignore[no-untyped-def]
    invoice_id: int | None = None,
    currency: str = "EUR",
) -> None:
    """A payment, allocated by hand when it names an invoice (else the client's credit)."""
    with services.uow() as uow:
        payment = Payment(client_id=client_id, date=on, amount=Decimal(amount), currency=currency)
        uow.session.add(payment)
        uow.session.flush()
        line = PaymentLine(payment_id=payment.id, invoice_id=invoice_id, amount=Decimal(amount))
        uow.session.add(line)
        uow.session.flush()
        if invoice_id is not None:
            uow.session.add(
                Allocation(
                    client_id=client_id,
                    invoice_id=invoice_id,
                    payment_line_id=line.id,
                    amount=Decimal(amount),
                    date=on,
                )
            )
            uow.session.flush()
        refresh_settlement(uow.session, [client_id])  # as the ledger does after allocating
        uow.commit()


def seed(services) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """C001 (email) owes F1+F2 due 16/11 (first reminder today); C002 prefers the phone and
    owes G1 due 09/11 (second reminder tomorrow) and the disputed G2."""
    ids = {
        "C001": add_client(services, "C001", "Boulangerie Martin", email="compta@martin.fr"),
        "C002": add_client(
            services, "C002", "Garage Petit", preferred_channel="phone", phone="+33 4 78 00 00 00"
        ),
    }
    ids["F1"] = add_invoice(
        services, ids["C001"], "F1", date(2026, 10, 17), date(2026, 11, 16), "100.00"
    )
    ids["F2"] = add_invoice(
        services, ids["C001"], "F2", date(2026, 10, 17), date(2026, 11, 16), "50.00"
    )
    ids["G1"] = add_invoice(
        services, ids["C002"], "G1", date(2026, 10, 10), date(2026, 11, 9), "300.00"
    )
    ids["G2"] = add_invoice(
        services, ids["C002"], "G2", date(2026, 1, 10), date(2026, 2, 9), "10.00", disputed=True
    )
    return ids


def by_client(items, code: str):  # type: ignore[no-untyped-def]
    return [item for item in items if item.client.code == code]


class FakeMail:
    """Stands for the user's mail client: keeps the drafts it is handed, or refuses them."""

    def __init__(self, fail: bool = False) -> None:
        self.drafts: list = []  # type: ignore[type-arg]
        self.fail = fail

    def __call__(self, draft, workdir):  # type: ignore[no-untyped-def]
        from app.adapters.mail import LaunchFailed, LaunchResult

        if self.fail:
            raise LaunchFailed("no mail client here")
        self.drafts.append(draft)
        return LaunchResult("fake")
