"""Time the window's search on a big dossier, opened read-only (never written).

    python -m bench.bench_search --database bench/out/demo-1m.relance
    python -m bench.bench_search --database postgresql://…/dossier   # made by `relance demo`

Each query is what one keystroke (after the pause) runs in the background: the three kinds,
on a fresh unit of work as in the window's worker thread. Best and worst of 3 runs.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from datetime import date
from functools import partial

from sqlalchemy import create_engine, event
from sqlalchemy.pool import NullPool

from app.db.engine import _on_read_only_connect, make_session_factory
from app.db.uow import UnitOfWork
from app.services.search import SearchService

QUERIES = [
    "du",  # two letters: many clients, many references
    "dupont",
    "hélène",
    "SARL",
    "CL00123",  # a client code
    "F2026",  # a common invoice number prefix
    "000123",  # part of a number
    "zzzz",  # nothing: every scan goes to the end
    "1 234,50",  # amounts, French and English
    "1,234.50",
    "150",
    "@gmail",
    "VIR",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    if args.database.startswith("postgresql"):
        engine = create_engine(args.database)
    else:
        uri = f"file:{args.database}?mode=ro"
        engine = create_engine(
            "sqlite://",
            poolclass=NullPool,
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
        event.listen(engine, "connect", _on_read_only_connect)
    service = SearchService(partial(UnitOfWork, make_session_factory(engine)))
    today = date(2026, 12, 5)
    for text in QUERIES:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            found = service.search(text, today)
            times.append(time.perf_counter() - start)
        print(
            f"{text!r:14} {min(times) * 1000:8.1f} ms  (worst {max(times) * 1000:7.1f})  "
            f"{len(found.clients)} clients, {len(found.invoices)} invoices, "
            f"{len(found.payments)} payments"
        )


if __name__ == "__main__":
    main()
