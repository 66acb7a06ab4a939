"""Time `relance import invoices FILE.xlsx` of 100,000 invoices with French headers, float
amounts, real date cells and a "Reste à payer" column (a third of them partly or fully paid).

Goal: under 15 s for the whole command (reading the sheet, checking, writing, allocations)."""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from app.cli import main

TODAY = "2026-11-22"


def run(argv: list[str]) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    if code != 0:
        raise SystemExit(code)


def write_clients(path: Path, count: int) -> None:
    lines = ["Code client;Raison sociale;Délai de paiement"]
    lines += [f"C{n:05d};Client {n};30" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")


def write_invoices(path: Path, clients: int, count: int) -> None:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Factures")
    sheet.append(
        ["N° facture", "Code client", "Date de facture", "Échéance", "Montant TTC", "Reste à payer"]
    )
    start = date(2025, 1, 1)
    for n in range(count):
        issued = start + timedelta(days=n % 690)
        total = 100 + (n % 997) * 1.37 + 0.1 + 0.2  # floats as a spreadsheet stores them
        left = (total, round(total / 2, 2), 0.0)[n % 3] if n % 2 else total
        sheet.append(
            [f"F{n:07d}", f"C{n % clients:05d}", issued, issued + timedelta(30), total, left]
        )
    workbook.save(path)


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=2_000)
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--database", help="a PostgreSQL URL (default: an SQLite file)")
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest calls")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        database = args.database or str(root / "import.relance")
        clients, invoices = root / "clients.csv", root / "factures.xlsx"
        write_clients(clients, args.clients)
        write_invoices(invoices, args.clients, args.invoices)
        base = ["--database", database, "--today", TODAY]
        run([*base, "init", "--company", "Bench SAS"])
        run([*base, "import", "clients", str(clients)])
        command = [*base, "import", "invoices", str(invoices)]
        if args.profile:
            profile = cProfile.Profile()
            start = time.perf_counter()
            profile.runcall(run, command)
            elapsed = time.perf_counter() - start
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        elif args.database:
            start = time.perf_counter()
            run(command)
            elapsed = time.perf_counter() - start
        else:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "app", *command], check=True, capture_output=True)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            print(f"CPU time of the command: {cpu:.2f} s (wall time depends on the machine's load)")
        label = "in process" if args.profile or args.database else "whole command"
        print(f"import invoices .xlsx, {args.invoices} rows ({label}): {elapsed:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(cli())
