from __future__ import annotations

from pathlib import Path

from app.cli import ensure_demo_dossier
from app.paths import Paths


def test_demo_dossier_is_created_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = Path(ensure_demo_dossier("fr", Paths.under(tmp_path)))
    assert first.exists()
    stamp = first.stat().st_mtime_ns
    assert Path(ensure_demo_dossier("fr", Paths.under(tmp_path))) == first
    assert first.stat().st_mtime_ns == stamp
    from app.bootstrap import build

    services = build(str(first), "fr")
    try:
        report = services.aging.report(__import__("datetime").date.today())
        assert len(report.rows) > 20
    finally:
        services.close()
