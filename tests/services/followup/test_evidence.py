"""Evidence log: documents kept with their SHA-256 and time, never overwritten."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.services.followup.evidence import MANIFEST, store_document

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_store_a_file_with_hash_and_time(tmp_path: Path) -> None:
    source = tmp_path / "out" / "2026-11-23_C001_formal_notice.pdf"
    source.parent.mkdir()
    source.write_bytes(b"%PDF-1.4 notice")
    stored = store_document(source, tmp_path / "dossier" / "documents", now=lambda: NOW)
    assert stored.path == tmp_path / "dossier" / "documents" / source.name
    assert stored.path.read_bytes() == b"%PDF-1.4 notice"
    assert stored.sha256 == hashlib.sha256(stored.path.read_bytes()).hexdigest()
    assert stored.sha256 == hashlib.sha256(b"%PDF-1.4 notice").hexdigest()
    assert stored.created_at == NOW
    [entry] = [
        json.loads(line)
        for line in (stored.path.parent / MANIFEST).read_text(encoding="utf-8").splitlines()
    ]
    assert entry == {
        "file": source.name,
        "sha256": stored.sha256,
        "created_at": "2026-11-23T09:30:00+00:00",
        "bytes": 15,
    }


def test_a_second_document_of_the_same_name_never_replaces_the_first(tmp_path: Path) -> None:
    first = store_document(b"first", tmp_path, "relance.pdf", now=lambda: NOW)
    second = store_document(b"second", tmp_path, "relance.pdf", now=lambda: NOW)
    assert first.path.name == "relance.pdf"
    assert second.path.name == "relance-2.pdf"
    assert first.path.read_bytes() == b"first"
    assert len((tmp_path / MANIFEST).read_text(encoding="utf-8").splitlines()) == 2


def test_the_creation_time_is_an_aware_timestamp(tmp_path: Path) -> None:
    stored = store_document(b"original", tmp_path, "a.eml")
    assert stored.created_at.tzinfo is not None


@pytest.mark.parametrize("name", ["", "..", MANIFEST])
def test_bad_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidInput):
        store_document(b"x", tmp_path, name)


def test_names_cannot_leave_the_folder(tmp_path: Path) -> None:
    stored = store_document(b"x", tmp_path / "docs", "../../escape.pdf")
    assert stored.path == tmp_path / "docs" / "escape.pdf"


def test_missing_source_is_reported(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        store_document(tmp_path / "missing.pdf", tmp_path / "docs")
