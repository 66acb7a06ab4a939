"""The collection file: what the zip holds, that its SHA-256 list matches, the cover's figures
and the limitation warnings."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from tests.services.documents.fixtures import AS_OF, seed


def _open(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _pdf_text(data: bytes) -> str:
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")


def _french(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",") + "€"


def test_zip_holds_every_piece_and_its_sha256_list_matches(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = seed(services, tmp_path)
    result = services.documents.dossier("C001", tmp_path / "out" / "C001.zip", AS_OF)
    files = _open(result.path)
    assert list(files) == list(result.files)
    assert {
        "cover.pdf",
        "statement.pdf",
        "summary.csv",
        "reminders.csv",
        "activities.csv",
        "claims/F2025-0007.txt",
        "claims/F2026-0042.txt",
        "invoices/F2026-0042.pdf",
        "MISSING.txt",
        "SHA256SUMS",
    } <= set(files)
    listed = {}
    for line in files["SHA256SUMS"].decode().splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert set(listed) == set(files) - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name
    assert files["invoices/F2026-0042.pdf"] == made["attachment"].read_bytes()
    (notice,) = [n for n in files if n.startswith("documents/")]
    assert files[notice] == made["notice"].read_bytes()
    assert "gone.pdf" in files["MISSING.txt"].decode()


def test_reminders_activities_and_summary(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = seed(services, tmp_path)
    files = _open(services.documents.dossier("C001", tmp_path / "C001.zip", AS_OF).path)
    reminders = _rows(files["reminders.csv"])
    assert [(r["date"], r["level"], r["channel"], r["document_status"]) for r in reminders] == [
        ("2026-09-01", "reminder_1", "email", "missing"),
        ("2026-10-01", "formal_notice", "letter", "included"),
    ]
    assert reminders[1]["invoices"] == "F2025-0007 F2026-0042"
    digest = hashlib.sha256(made["notice"].read_bytes()).hexdigest()
    assert reminders[1]["sha256_recorded"] == reminders[1]["sha256_of_copy"] == digest
    (promise,) = _rows(files["activities.csv"])
    assert (promise["kind"], promise["promised_date"], promise["promised_amount"]) == (
        "promise",
        "2026-10-30",
        "600.00",
    )
    summary = {r["number"]: r for r in _rows(files["summary.csv"])}
    assert list(summary) == ["F2025-0007", "F2026-0042", "F2026-0090"]
    claim, _n, _c = services.claims.claim("F2026-0042", AS_OF)
    row = summary["F2026-0042"]
    assert (row["total"], row["open_balance"], row["days_late"]) == ("1200.00", "600.00", "144")
    assert Decimal(row["interest"]) == claim.interest > 0
    assert (row["indemnity"], row["reminders_sent"], row["last_reminder_date"]) == (
        "40.00",
        "2",
        "2026-10-01",
    )
    assert summary["F2026-0090"]["days_late"] == "0"
    assert "F2026-0090.txt" not in " ".join(files)  # not yet due: nothing claimed


def test_cover_states_parties_amounts_and_dates(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    files = _open(services.documents.dossier("C001", tmp_path / "C001.zip", AS_OF).path)
    text = _pdf_text(files["cover.pdf"])
    claims = [services.claims.claim(n, AS_OF)[0] for n in ("F2025-0007", "F2026-0042")]
    interest = sum(c.interest for c in claims)
    total = Decimal("1200.00") + interest + Decimal("80.00")
    for expected in (
        "AtelierDupontSARL",
        "SIRET12345678200002",
        "BoulangerieMartin",
        "98765432100017",
        "4placeBellecour",
        "1200,00€",  # principal
        _french(interest),
        "80,00€",  # two fixed indemnities
        _french(total),
        "01/10/2026",  # the formal notice
        "09/02/2025",  # due date of the oldest invoice
    ):
        assert expected in text, expected


def test_limitation_warning_on_cover_and_in_the_result(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed(services, tmp_path)
    result = services.documents.dossier("C002", tmp_path / "C002.zip", AS_OF)
    # consumer, due 2024-12-01: time-barred two years later, nine days after AS_OF
    assert any("F2024-0100" in w and "01/12/2026" in w for w in result.warnings), result.warnings
    text = _pdf_text(_open(result.path)["cover.pdf"])
    assert "F2024-0100" in text
    assert "01/12/2026" in text
    late = services.documents.dossier("C002", tmp_path / "late.zip", AS_OF.replace(year=2027))
    assert any("F2024-0100" in w for w in late.warnings)
    assert late.warnings != result.warnings  # "is time-barred since" rather than "becomes"
    quiet = services.documents.dossier("C001", tmp_path / "C001.zip", AS_OF)
    assert not [w for w in quiet.warnings if "time-barred" in w]


def test_altered_document_is_flagged(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = seed(services, tmp_path)
    made["notice"].write_bytes(b"%PDF-1.4 changed after sending\n")
    files = _open(services.documents.dossier("C001", tmp_path / "C001.zip", AS_OF).path)
    assert _rows(files["reminders.csv"])[1]["document_status"] == "altered"
    assert "altered" in files["MISSING.txt"].decode()


def test_client_with_nothing_due_gets_a_file_that_says_so(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.services.ledger.clients import ClientData

    services.clients.create(ClientData(code="C003", name="Nobody", email="a@b.fr"))
    result = services.documents.dossier("C003", tmp_path / "C003.zip", AS_OF)
    files = _open(result.path)
    assert _rows(files["summary.csv"]) == []
    assert "rienàréclamer" in _pdf_text(files["cover.pdf"])  # the dossier is in French
    assert "MISSING.txt" not in files
