"""Time `relance aging` on a 100k-invoice demo dossier (wall time of the whole command)."""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.cli import main

AS_OF = "2026-11-22"


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    if code != 0:
        raise SystemExit(code)
    return time.perf_counter() - start


def timed_process(argv: list[str]) -> float:
    """The whole command as a user runs it: interpreter start-up and imports included."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", *argv], check=True, capture_output=True)
    return time.perf_counter() - start


def cli() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=2_000)
    parser.add_argument("--invoices", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", help="an existing demo dossier (file or URL) to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = args.database or str(Path(folder) / "aging.relance")
        if not args.database:
            demo = ["--database", database, "demo", "--clients", str(args.clients)]
            timed([*demo, "--invoices", str(args.invoices), "--as-of", AS_OF])
        for output in ("table", "json"):
            command = ["--database", database, "aging", "--as-of", AS_OF, "--format", output]
            for label, measure in (("in process", timed), ("whole command", timed_process)):
                runs = [measure(command) for _ in range(args.runs)]
                print(
                    f"aging --format {output} on {args.invoices} invoices ({label}): "
                    f"median {statistics.median(runs):.2f} s, min {min(runs):.2f} s "
                    f"over {args.runs} runs"
                )
    return 0


if __name__ == "__main__":
    sys.exit(cli())
