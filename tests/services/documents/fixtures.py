"""A client with a history worth a statement and a collection file, on any database."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.db.models import (
    Activity,
    Client,
    Invoice,
    Payment,
    PaymentLine,
    Reminder,
    ReminderInvoice,
)
from app.db.repositories.ledger import recompute_allocations

AS_OF = date(2026, 11, 22)
IBAN = "FR7630006000011234567890189"


def seed(services: Any, folder: Path) -> dict[str, Any]:
    """C001 (business, Lyon): F2025-0007 part-paid before the period (600.00 left), F2026-0042
    (1 200.00) reduced by a credit note of 100.00 and a payment of 500.00, F2026-0090 (300.00)
    not yet due. A formal notice with its document kept, a first reminder whose document is gone,
    a promise to pay and the invoice's own PDF. C002 (consumer) owes an invoice due 2024-12-01,
    two years old in nine days."""
    settings = services.dossier.settings()
    services.dossier.update_company(
        replace(
            settings,
            address="12 rue des Tanneurs",
            postcode="69002",
            city="Lyon",
            legal_id="12345678200002",
            vat_number="FR11123456782",
            iban=IBAN,
            bic="AGRIFRPP",
            signatory="Jeanne Dupont",
            signatory_title="Gérante",
        )
    )
    notice = folder / "evidence" / "formal_notice_C001.pdf"
    notice.parent.mkdir(parents=True, exist_ok=True)
    notice.write_bytes(b"%PDF-1.4 formal notice as sent\n")
    attachment = folder / "F2026-0042.pdf"
    attachment.write_bytes(b"%PDF-1.4 the invoice itself\n")
    with services.uow() as uow:
        s = uow.session
        martin = Client(
            code="C001",
            name="Boulangerie Martin",
            address="4 place Bellecour",
            postcode="69002",
            city="Lyon",
            legal_id="98765432100017",
            language="fr",
        )
        durand = Client(code="C002", name="Paul Durand", client_type="consumer", city="Nantes")
        s.add_all([martin, durand])
        s.flush()

        def invoice(number: str, client: Client, issued: date, due: date, total: str, **kw: Any):
            row = Invoice(
                number=number,
                client_id=client.id,
                issue_date=issued,
                due_date=due,
                total=Decimal(total),
                **kw,
            )
            s.add(row)
            s.flush()
            return row

        old = invoice("F2025-0007", martin, date(2025, 1, 10), date(2025, 2, 9), "1000.00")
        main = invoice(
            "F2026-0042",
            martin,
            date(2026, 6, 1),
            date(2026, 7, 1),
            "1200.00",
            attachment_path=str(attachment),
        )
        invoice("F2026-0090", martin, date(2026, 11, 1), date(2026, 12, 1), "300.00")
        invoice(
            "AV2026-0003",
            martin,
            date(2026, 7, 15),
            date(2026, 7, 15),
            "100.00",
            kind="credit_note",
            applies_to_id=main.id,
        )
        invoice("F2024-0100", durand, date(2024, 11, 1), date(2024, 12, 1), "250.00")
        for day, amount, target in (
            (date(2025, 3, 1), "400.00", old),
            (date(2026, 8, 1), "500.00", main),
        ):
            payment = Payment(
                client_id=martin.id, date=day, amount=Decimal(amount), method="transfer"
            )
            s.add(payment)
            s.flush()
            s.add(PaymentLine(payment_id=payment.id, invoice_id=target.id, amount=Decimal(amount)))
        for day, level, channel, path, sha in (
            (date(2026, 9, 1), "reminder_1", "email", str(folder / "gone.pdf"), "ab" * 32),
            (
                date(2026, 10, 1),
                "formal_notice",
                "letter",
                str(notice),
                hashlib.sha256(notice.read_bytes()).hexdigest(),
            ),
        ):
            reminder = Reminder(
                client_id=martin.id,
                level_code=level,
                channel=channel,
                planned_date=day,
                done_on=day,
                status="done",
                document_path=path,
                document_sha256=sha,
            )
            s.add(reminder)
            s.flush()
            for target in (old, main):
                s.add(ReminderInvoice(reminder_id=reminder.id, invoice_id=target.id))
        s.add(
            Activity(
                client_id=martin.id,
                invoice_id=main.id,
                kind="promise",
                date=date(2026, 10, 5),
                outcome="promise",
                note="Will pay after the summer season",
                promised_date=date(2026, 10, 30),
                promised_amount=Decimal("600.00"),
            )
        )
        recompute_allocations(s, [martin.id, durand.id])
        uow.commit()
    return {"notice": notice, "attachment": attachment}
