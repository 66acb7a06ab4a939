"""Time the daily lists on a big dossier: open, scroll, sort, filter, totals.

    python -m bench.bench_lists                       # builds 20,000 clients / 1,000,000 invoices
    python -m bench.bench_lists --database big.relance  # reuses a dossier made by `relance demo`

Measured through the same services and Qt models the window uses (offscreen), each query on
its own unit of work as in the window's worker threads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

AS_OF = date(2026, 11, 22)


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best of `repeat` runs (the first one included), in seconds."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def build_dossier(database: str, clients: int, invoices: int) -> float:
    from app.cli import main

    start = time.perf_counter()
    code = main(
        [
            "--database",
            database,
            "demo",
            "--clients",
            str(clients),
            "--invoices",
            str(invoices),
            "--as-of",
            AS_OF.isoformat(),
        ]
    )
    if code != 0:
        raise SystemExit(code)
    return time.perf_counter() - start


def measure(database: str) -> list[tuple[str, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.bootstrap import build
    from app.domain.filters import UNPAID, ClientFilter, InvoiceFilter
    from app.ui.features.clients.model import ClientListModel
    from app.ui.features.invoices.model import InvoiceListModel

    QApplication.instance() or QApplication([])
    services = build(database, "fr")
    rows: list[tuple[str, float]] = []
    first = time.perf_counter()
    page = services.invoices.page(InvoiceFilter(), AS_OF, "due_date", True)
    rows.append(
        ("invoice list, first page after opening the dossier (cold)", time.perf_counter() - first)
    )
    seconds, _ = timed(services.invoices.refresh_statistics, 1)
    rows.append(("planner statistics refreshed at start-up", seconds))

    def invoice_model(
        flt: InvoiceFilter, sort: str = "due_date", descending: bool = True
    ) -> InvoiceListModel:
        model = InvoiceListModel(
            lambda after, limit, key, desc: services.invoices.page(
                flt, AS_OF, key, desc, after, limit
            ),
            sort_key=sort,
            descending=descending,
        )
        model.reload()
        return model

    seconds, model = timed(lambda: invoice_model(InvoiceFilter()))
    rows.append(("invoice list opened (Qt model, first 500 rows)", seconds))
    pages = []
    for _ in range(20):
        start = time.perf_counter()
        model.fetchMore()
        pages.append(time.perf_counter() - start)
    rows.append(
        ("invoice list scrolled: next 500 rows (median of 20 pages)", statistics.median(pages))
    )
    for sort in ("number", "client", "issue_date", "due_date", "total"):
        for descending in (False, True):
            seconds, _ = timed(lambda s=sort, d=descending: invoice_model(InvoiceFilter(), s, d))
            rows.append(
                (f"invoice list sorted by {sort} {'desc' if descending else 'asc'}", seconds)
            )
    filters = {
        "status unpaid": InvoiceFilter(statuses=frozenset({UNPAID})),
        "status overdue": InvoiceFilter(statuses=frozenset({"overdue"})),
        "status partially paid": InvoiceFilter(statuses=frozenset({"partially_paid"})),
        "status disputed": InvoiceFilter(statuses=frozenset({"disputed"})),
        "status paid": InvoiceFilter(statuses=frozenset({"paid"})),
        "status credit notes": InvoiceFilter(statuses=frozenset({"credit_note"})),
        "lateness 31-60 days": InvoiceFilter(bucket="31-60"),
        "lateness over 90 days": InvoiceFilter(bucket="over_90"),
        "one client": InvoiceFilter(client_id=page[0].line.client_id),
        "text: part of a number": InvoiceFilter(text="0042"),
        "text: a client name": InvoiceFilter(text="boulangerie"),
        "text: matching nothing": InvoiceFilter(text="zzzz-nothing"),
        "amount 1,000 to 2,000": InvoiceFilter(amount_min=Decimal(1000), amount_max=Decimal(2000)),
        "due in one month": InvoiceFilter(due_from=date(2025, 3, 1), due_to=date(2025, 3, 31)),
    }
    for label, flt in filters.items():
        seconds, _ = timed(lambda f=flt: invoice_model(f))
        rows.append((f"invoice list filtered: {label}", seconds))
    for label, flt in (
        ("all invoices", InvoiceFilter()),
        ("overdue", InvoiceFilter(statuses=frozenset({"overdue"}))),
        ("one client", InvoiceFilter(client_id=page[0].line.client_id)),
    ):
        seconds, _ = timed(lambda f=flt: services.invoices.totals(f, AS_OF), 2)
        rows.append((f"footer count and totals (background): {label}", seconds))

    def client_model(flt: ClientFilter, sort: str = "code") -> ClientListModel:
        model = ClientListModel(
            lambda after, limit, key, desc: services.clients.page(
                flt, AS_OF, key or sort, desc, after, limit
            )
        )
        model.reload()
        return model

    seconds, clients = timed(lambda: client_model(ClientFilter()))
    rows.append(("client register opened (500 clients with balances)", seconds))
    start = time.perf_counter()
    clients.fetchMore()
    rows.append(("client register scrolled: next 500 clients", time.perf_counter() - start))
    for text in ("bou", "lyon", "zzzz"):
        seconds, _ = timed(lambda t=text: client_model(ClientFilter(text=t)))
        rows.append((f"client register searched: {text!r}", seconds))
    seconds, _ = timed(lambda: client_model(ClientFilter(), "name"))
    rows.append(("client register sorted by name", seconds))
    client_id = clients.rows[0].id
    seconds, _ = timed(lambda: services.accounts.account(client_id, AS_OF))
    rows.append(("client page: figures, open invoices, payments, behaviour", seconds))
    seconds, _ = timed(lambda: services.accounts.statement(client_id))
    rows.append(("client page: whole statement of account", seconds))
    services.close()
    return rows


def _has_company(database: str) -> bool:
    from app.bootstrap import build

    services = build(database, "fr")
    try:
        return services.dossier.is_initialised()
    finally:
        services.close()


def cli() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database",
        help="SQLite file or PostgreSQL URL; filled with demo "
        "data when it has no company yet, else measured as it is",
    )
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--invoices", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = args.database or str(Path(folder) / "bench.relance")
        if not _has_company(database):
            seconds = build_dossier(database, args.clients, args.invoices)
            print(
                f"relance demo --clients {args.clients} --invoices {args.invoices}: {seconds:.1f} s"
            )
        rows = measure(database)
    width = max(len(label) for label, _ in rows)
    for label, seconds in rows:
        flag = "" if seconds < 0.5 else "  (over 0.5 s)"
        print(f"{label:<{width}}  {seconds * 1000:8.0f} ms{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(cli())
