"""`relance statement` and `relance dossier` as scripts call them, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from app.cli import main
from tests.services.documents.fixtures import seed


def _url(services) -> str:  # type: ignore[no-untyped-def]
    return services.url.render_as_string(hide_password=False)


def test_statement_writes_the_pdf(
    services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    out = tmp_path / "releve.pdf"
    code = main(
        [
            "--database",
            _url(services),
            "statement",
            "C001",
            "--from",
            "2026-01-01",
            "--as-of",
            "2026-11-22",
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in capsys.readouterr().out


def test_statement_refuses_unknown_client_and_bad_usage(services, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    out = tmp_path / "x.pdf"
    assert main(["--database", _url(services), "statement", "NOPE", "--out", str(out)]) == 3
    assert "NOPE" in capsys.readouterr().err
    assert main(["--database", _url(services), "statement", "C001"]) == 2  # --out is required
    assert main(["--database", _url(services), "dossier", "NOPE", "--out", str(out)]) == 3
    assert not out.exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    target = str(blocked / "x.pdf")
    assert main(["--database", _url(services), "statement", "C001", "--out", target]) == 3
    assert "a-file" in capsys.readouterr().err


def test_dossier_writes_the_zip_and_warns_on_stderr(services, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    out = tmp_path / "C002.zip"
    code = main(
        [
            "--database",
            _url(services),
            "dossier",
            "C002",
            "--as-of",
            "2026-11-22",
            "--out",
            str(out),
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "F2024-0100" in captured.err  # the claim becomes time-barred in nine days
    with zipfile.ZipFile(out) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    sums = files.pop("SHA256SUMS").decode().splitlines()
    assert sorted(sums) == sorted(f"{hashlib.sha256(d).hexdigest()}  {n}" for n, d in files.items())
    assert {"cover.pdf", "statement.pdf", "summary.csv", "claims/F2024-0100.txt"} <= set(files)


def test_dossier_lists_missing_documents_on_stderr(services, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    out = tmp_path / "C001.zip"
    args = ["--database", _url(services), "--today", "2026-11-22", "dossier", "C001"]
    assert main([*args, "--out", str(out)]) == 0
    assert "gone.pdf" in capsys.readouterr().err
    with zipfile.ZipFile(out) as archive:
        assert archive.getinfo("summary.csv").date_time[:3] == (2026, 11, 22)


def test_several_clients_get_one_statement_each_in_a_folder(
    services, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    folder = tmp_path / "statements"
    args = ["--database", _url(services), "statement", "C001", "C002", "--as-of", "2026-11-22"]
    assert main([*args, "--out", str(folder)]) == 0, capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["C001.pdf", "C002.pdf"]
    other = tmp_path / "other"
    assert main([*args[:4], "NOPE", "C002", "--out", str(other)]) == 3
    assert not other.exists()  # every code is checked before anything is written
