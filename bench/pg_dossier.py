"""A throw-away PostgreSQL server holding a copy of a SQLite dossier, for the benches.

    python3 -m bench.pg_dossier FILE.relance

starts a server from the system binaries (as tests/pg_server.py does for the tests), restores
the dossier into a new database with `relance restore` (every row checked), prints its URL
and keeps the server until interrupted (Ctrl+C, or a SIGTERM to this process).
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.pg_server import PostgresServer, find_bindir


def main() -> int:
    bindir = find_bindir()
    if bindir is None:
        print("PostgreSQL binaries not found", file=sys.stderr)
        return 1
    server = PostgresServer(bindir)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.start()
    try:
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench"))
        admin.dispose()
        url = server.url("bench")
        from app.bootstrap import build

        started = time.perf_counter()
        services = build(url, "en")
        services.backup.restore(Path(sys.argv[1]))
        services.close()
        print(f"restored in {time.perf_counter() - started:.0f} s", flush=True)
        print(url, flush=True)
        while True:
            time.sleep(3600)
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
