"""A shared documents folder named in the dossier: every user writes and reads the documents
sent there, and the collection file finds them."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

from tests.services.followup.data import TODAY, FakeMail, by_client, seed


def _first(services):  # type: ignore[no-untyped-def]
    return by_client(services.reminders.plan(TODAY).items, "C001")[0].action


def test_the_shared_folder_receives_the_copy_and_the_zip_finds_it(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ids = seed(services)
    local = services.reminders.documents_folder("C001")
    shared = tmp_path / "shared documents"
    settings = services.dossier.settings()
    assert settings.documents_folder == ""
    services.dossier.update(dataclasses.replace(settings, documents_folder=f" {shared} "))
    assert services.dossier.settings().documents_folder == str(shared)
    folder = services.reminders.documents_folder("C001")
    assert folder == shared / f"C{ids['C001']}-C001"
    assert folder != local
    services.reminders.mail_opener = FakeMail()
    performed = services.reminders.perform(_first(services), TODAY)
    assert performed.document_path is not None
    assert performed.document_path.parent == folder
    assert not local.exists()
    result = services.documents.dossier("C001", tmp_path / "out" / "C001.zip", TODAY)
    with zipfile.ZipFile(result.path) as archive:
        kept = [n for n in archive.namelist() if n.startswith("documents/")]
        assert [archive.read(n) for n in kept] == [performed.document_path.read_bytes()]


def test_back_to_the_local_folder_when_emptied(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services)
    local = services.reminders.documents_folder("C001")
    settings = services.dossier.settings()
    services.dossier.update(dataclasses.replace(settings, documents_folder=str(tmp_path)))
    assert services.reminders.documents_folder("C001") != local
    services.dossier.update(dataclasses.replace(settings, documents_folder=""))
    assert services.reminders.documents_folder("C001") == local


def test_a_relative_folder_is_refused(services) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from app.domain.errors import InvalidInput

    seed(services)
    settings = services.dossier.settings()
    with pytest.raises(InvalidInput):
        services.dossier.update(dataclasses.replace(settings, documents_folder="documents"))
    assert services.dossier.settings().documents_folder == ""
