"""Time the letter batch: 1,000 reminder letters into one printable PDF and one file each.

    python bench/bench_letters.py [--letters 1000]

Builds a throw-away dossier with one overdue invoice per client, then runs the same use case
as `relance letters --level reminder_1`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=1000)
    args = parser.parse_args()
    from sqlalchemy import insert

    from app.bootstrap import build
    from app.db.models import Client, Invoice
    from app.services.dossier import CompanySettings

    folder = Path(tempfile.mkdtemp(prefix="relance-bench-letters-"))
    services = build(str(folder / "bench.relance"), "fr")
    services.dossier.init(
        CompanySettings(
            name="Atelier Bench SARL",
            city="Lyon",
            iban="FR7630006000011234567890189",
            bic="AGRIFRPP",
        )
    )
    as_of = date(2026, 11, 23)
    with services.uow() as uow:
        uow.session.execute(
            insert(Client),
            [
                {
                    "id": n + 1,
                    "code": f"C{n:05d}",
                    "name": f"Client {n} SARL",
                    "address": f"{n} rue de la Paix",
                    "postcode": "75002",
                    "city": "Paris",
                }
                for n in range(args.letters)
            ],
        )
        uow.session.execute(
            insert(Invoice),
            [
                {
                    "number": f"F{n:06d}",
                    "client_id": n + 1,
                    "issue_date": as_of - timedelta(40),
                    "due_date": as_of - timedelta(10),
                    "total": Decimal("1234.56"),
                }
                for n in range(args.letters)
            ],
        )
        uow.commit()
    start = time.perf_counter()
    written = services.letters.write(as_of, folder / "out", "reminder_1").letters
    elapsed = time.perf_counter() - start
    print(
        f"{len(written)} letters (+ one file to print) in {elapsed:.1f} s "
        f"({elapsed / max(1, len(written)) * 1000:.1f} ms per letter) -> {folder / 'out'}"
    )
    services.close()


if __name__ == "__main__":
    main()
