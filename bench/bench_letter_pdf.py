"""Time the PDF renderer alone: 1,000 synthetic letters into one printable file (and per client).

    python bench/bench_letter_pdf.py [--letters 1000] [--per-client]

No dossier: the letters are plain values, as the batch service builds them. Each letter has
one to four invoices, a credit note now and then, the EPC QR code, and every tenth one is a
formal notice with its claim table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def synthetic_letters(count: int) -> list:  # type: ignore[type-arg]
    from app.adapters.pdf import (
        AddressedLetter,
        ClaimSummary,
        CompanyInfo,
        InterestPeriod,
        Letter,
        LetterLine,
        Recipient,
    )
    from app.adapters.pdf.model import FR_RECOVERY_INDEMNITY

    company = CompanyInfo(
        name="Atelier Bench SARL",
        address_lines=("12 rue des Tanneurs",),
        postcode="69002",
        city="Lyon",
        siret="12345678900012",
        vat_number="FR12123456789",
        iban="FR7630006000011234567890189",
        bic="AGRIFRPP",
        phone="04 72 00 00 00",
        email="compta@bench.example",
        signatory_name="Claire Dupont",
        signatory_title="Gérante",
    )
    as_of = date(2026, 11, 23)
    letters = []
    for n in range(count):
        language = "fr" if n % 3 else "en"
        lines = []
        for k in range(1 + n % 4):
            total = Decimal(100 + (n * 37 + k * 11) % 4900) + Decimal("0.45")
            due = as_of - timedelta(days=20 + k * 9 + n % 30)
            lines.append(
                LetterLine(
                    f"F2026-{n:05d}-{k}",
                    due - timedelta(days=30),
                    due,
                    total,
                    Decimal("0.00"),
                    total,
                    (as_of - due).days,
                )
            )
        if n % 7 == 0:
            lines.append(
                LetterLine(
                    f"AV2026-{n:05d}",
                    as_of - timedelta(days=15),
                    None,
                    Decimal("50.00"),
                    Decimal("0.00"),
                    Decimal("50.00"),
                    0,
                    "credit_note",
                )
            )
        recipient = Recipient(
            f"C{n:05d}",
            f"Client {n} & Associés",
            (f"{n} rue de la Paix",),
            "75002",
            "Paris",
            "FR",
            language,
            "business",
        )
        claim = None
        template = ("reminder_1", "reminder_2", "firm_reminder")[n % 3]
        if n % 10 == 0:
            template = "formal_notice"
            invoices = [x for x in lines if x.kind == "invoice"]
            periods = tuple(
                InterestPeriod(
                    x.number,
                    x.due_date + timedelta(days=1),
                    as_of,
                    x.days_late,
                    Decimal("12.40"),
                    x.balance,
                    (x.balance * Decimal("0.124") * x.days_late / 365).quantize(Decimal("0.01")),
                )
                for x in invoices
            )
            principal = sum((x.balance for x in invoices), Decimal(0))
            interest = sum((p.interest for p in periods), Decimal(0))
            indemnity = Decimal(40) * len(invoices)
            claim = ClaimSummary(
                principal,
                interest,
                periods,
                indemnity,
                Decimal("0.00"),
                principal + interest + indemnity,
                len(invoices),
                FR_RECOVERY_INDEMNITY,
            )
        letter = Letter(
            template,
            template,
            language,
            "Lyon",
            as_of,
            tuple(lines),
            claim=claim,
            deadline=as_of + timedelta(days=8),
            registered_mail=template == "formal_notice",
        )
        letters.append(AddressedLetter(letter, company, recipient))
    return letters


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--per-client", action="store_true", help="also write one file per client")
    args = parser.parse_args()
    from app.adapters.pdf import render_batch

    letters = synthetic_letters(args.letters)
    folder = Path(tempfile.mkdtemp(prefix="relance-bench-pdf-"))
    start = time.perf_counter()
    result = render_batch(
        letters,
        folder / "to_print.pdf",
        per_client_dir=folder / "clients" if args.per_client else None,
    )
    elapsed = time.perf_counter() - start
    size = (folder / "to_print.pdf").stat().st_size / 1e6
    print(
        f"{result.letters} letters, {result.pages} pages, {size:.1f} MB"
        f"{', + one file per client' if args.per_client else ''}: {elapsed:.1f} s "
        f"({elapsed / max(1, result.letters) * 1000:.1f} ms per letter) -> {folder}"
    )


if __name__ == "__main__":
    main()
