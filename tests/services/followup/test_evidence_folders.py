"""Evidence folders: one per client, by id, never shared between clients or dossiers."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import build
from app.db.models import Client
from app.paths import Paths
from app.services.dossier import CompanySettings
from app.services.followup.evidence import WINDOWS_RESERVED, client_folder, safe_name

CODES = ["A/B", "A:B", "A B", "É01", "01", "😀", "CON", "con.txt", "LPT1", "..", "AUX"]


def _clients(services, codes: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids = {}
    with services.uow() as uow:
        for code in codes:
            row = Client(code=code, name=f"Client {code}")
            uow.session.add(row)
            uow.session.flush()
            ids[code] = row.id
        uow.commit()
    return ids


def test_every_client_has_its_own_folder(services) -> None:  # type: ignore[no-untyped-def]
    ids = _clients(services, CODES)
    folders = {code: services.reminders.documents_folder(code) for code in CODES}
    assert len(set(folders.values())) == len(CODES)
    for code, folder in folders.items():
        assert folder.name.startswith(f"C{ids[code]}-")
        assert folder.name.isascii()
        assert folder.name.split(".")[0].upper() not in WINDOWS_RESERVED
        assert folder.parent.name.split(".")[0].upper() not in WINDOWS_RESERVED
    assert services.reminders.documents_folder("É01", ids["É01"]) == folders["É01"]


@pytest.mark.parametrize("name", sorted(WINDOWS_RESERVED))
def test_no_reserved_name(name: str) -> None:
    assert safe_name(name).upper() not in WINDOWS_RESERVED
    assert safe_name(name.lower()).upper() not in WINDOWS_RESERVED


def test_two_dossiers_of_one_company_keep_apart(tmp_path: Path) -> None:
    home = Paths.under(tmp_path / "home")
    folders = []
    for name in ("a.relance", "b.relance"):
        built = build(str(tmp_path / name), "en", home)
        try:
            built.dossier.init(CompanySettings(name="Atelier Dupont SARL"))
            _clients(built, ["C001"])
            folders.append(built.reminders.documents_folder("C001"))
        finally:
            built.close()
    assert folders[0] != folders[1]
    assert folders[0].name == folders[1].name == "C1-C001"


def test_older_folders_are_still_read(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _clients(services, ["C 01"])
    [current] = services.reminders.documents_folders("C 01")
    old = current.parent.parent / "Atelier_Dupont_SARL" / "C_01"
    old.mkdir(parents=True)
    assert services.reminders.documents_folders("C 01") == [current, old]


def test_the_folder_name_is_stable() -> None:
    root = Path("/r")
    assert client_folder(root, "Café & Co", "k", 7, "É/1") == Path("/r/Cafe_Co-k/C7-E_1")
