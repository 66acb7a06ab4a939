"""Automatic backups: once a day on opening, the last N kept, each one restorable."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from app.domain.filters import ClientFilter
from app.services.ledger.clients import ClientData

MORNING = datetime(2026, 12, 5, 8, 30, 0)  # noqa: DTZ001 - local time, as the window passes it


def _codes(services) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.code for c in services.clients.page(ClientFilter(), MORNING.date())]


def test_one_automatic_backup_a_day(services) -> None:  # type: ignore[no-untyped-def]
    auto = services.backups
    first = auto.automatic(MORNING)
    assert first is not None
    assert first.parent == auto.folder
    assert auto.folder.parent == services.paths.backups
    assert auto.automatic(MORNING + timedelta(hours=3)) is None  # the same day: nothing
    second = auto.automatic(MORNING + timedelta(days=1))
    assert auto.backups() == [second, first]


def test_rotation_keeps_the_newest_n_and_a_rotated_file_restores(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    auto = services.backups
    written = []
    for day in range(6):
        data = ClientData(code=f"C{day:03d}", name=f"Client {day}", email="a@b.fr")
        services.clients.create(data)
        written.append(auto.back_up_now(MORNING + timedelta(days=day), keep=4))
    kept = auto.backups()
    assert kept == list(reversed(written[2:]))  # the four newest, newest first
    assert not written[0].exists()
    assert not written[1].exists()
    # the oldest kept one holds the dossier as it was then: three clients
    result = services.backup.restore(kept[-1])
    assert result.company == "Atelier Dupont SARL"
    assert _codes(services) == ["C000", "C001", "C002"]
    # the restore's own safety copy is not taken for an automatic backup
    assert auto.backups() == kept


def test_two_dossiers_with_the_same_name_never_share_a_folder(tmp_path: Path) -> None:
    from app.bootstrap import build
    from app.paths import Paths

    paths = Paths.under(tmp_path / "home")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = build(str(tmp_path / "a" / "compta.relance"), "en", paths)
    two = build(str(tmp_path / "b" / "compta.relance"), "en", paths)
    try:
        assert one.backups.folder != two.backups.folder
        assert one.backups.folder.name.startswith("compta-")
    finally:
        one.close()
        two.close()


def test_same_second_backups_get_a_counter_and_keep_their_order(services) -> None:  # type: ignore[no-untyped-def]
    auto = services.backups
    paths = [auto.back_up_now(MORNING, keep=10) for _ in range(3)]
    assert paths[1].name.endswith("-2.relance")
    assert auto.backups() == list(reversed(paths))
    assert auto.rotate(1) == list(reversed(paths[:2]))
