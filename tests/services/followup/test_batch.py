"""Letters from the plan: the PDFs exist, say what the law requires, and escape user text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.db.models import Client, Invoice
from app.services.dossier import CompanySettings

AS_OF = date(2026, 11, 23)


def _seed(
    services,
    name: str = "Boulangerie <b>Martin</b> & Fils",
    kind: str = "business",
    invoices: int = 1,
    due: date = date(2026, 9, 6),
) -> None:  # type: ignore[no-untyped-def]
    settings = services.dossier.settings()
    services.dossier.update(
        CompanySettings(
            **{
                **settings.__dict__,
                "iban": "FR7630006000011234567890189",
                "bic": "AGRIFRPP",
                "city": "Lyon",
            }
        )
    )
    with services.uow() as uow:
        client = Client(
            code="C001",
            name=name,
            client_type=kind,
            address="3 rue des Lilas",
            postcode="69003",
            city="Lyon",
            preferred_channel="letter",
        )
        uow.session.add(client)
        uow.session.flush()
        for n in range(invoices):
            uow.session.add(
                Invoice(
                    number=f"F2026-{n:04d}",
                    client_id=client.id,
                    issue_date=due.replace(day=1),
                    due_date=due,
                    total=Decimal("1200.00"),
                )
            )
        uow.commit()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_formal_notice_in_french(services, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    from app import i18n

    i18n.set_language("fr")
    url = services.url.render_as_string(hide_password=False)
    code = main(
        [
            "--database",
            url,
            "--lang",
            "fr",
            "letters",
            "--as-of",
            AS_OF.isoformat(),
            "--out",
            str(tmp_path),
            "--level",
            "formal_notice",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    letter = tmp_path / "2026-11-23_C001.pdf"
    assert out.splitlines() == [f"{letter}\tC001\tformal_notice\tF2026-0000"]
    assert "1 lettre écrite" in err
    assert "2026-11-23_letters_to_print.pdf" in err
    letter = tmp_path / "2026-11-23_C001.pdf"
    text = _text(letter)
    for words in (
        "MISE EN DEMEURE",
        "Lettre recommandée avec accusé de réception",
        "Boulangerie <b>Martin</b> & Fils",
        "F2026-0000",
        "40,00",
        "1 200,00",
        "1er décembre 2026",
        "L441-10",
        "injonction de payer",
        "FR76 3000",
    ):
        assert words.replace(" ", "") in text.replace(" ", "").replace("\u202f", ""), words
    fonts = {f for page in PdfReader(letter).pages for f in page["/Resources"]["/Font"].values()}
    assert fonts
    for font in fonts:  # only embedded DejaVu subsets, no base-14 font that lacks € or U+202F
        assert "DejaVuSans" in font.get_object()["/BaseFont"]
        assert "/FontFile2" in font.get_object()["/FontDescriptor"].get_object()
    assert (tmp_path / "2026-11-23_letters_to_print.pdf").exists()


def test_consumer_gets_no_indemnity_and_english_letter(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(services, name="Jean Dupont", kind="consumer")
    with services.uow() as uow:
        uow.session.query(Client).update({"language": "en"})
        uow.commit()
    written = services.letters.write(AS_OF, tmp_path, "formal_notice").letters
    text = _text(written[0].path)
    assert "FORMAL NOTICE" in text
    assert "Civil Code" in text
    assert "40.00" not in text


def test_long_letters_are_numbered(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(services, invoices=45)
    written = services.letters.write(AS_OF, tmp_path, "reminder_1").letters
    reader = PdfReader(written[0].path)
    assert len(reader.pages) >= 2
    assert f"1/{len(reader.pages)}" in reader.pages[0].extract_text()


def test_unknown_level_is_rejected(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.domain.errors import InvalidInput

    _seed(services)
    with pytest.raises(InvalidInput):
        services.letters.write(AS_OF, tmp_path, "nonsense")


def test_plan_letters_without_level(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(services, due=date(2026, 10, 15))  # 39 days late, nothing sent yet: a first reminder
    written = services.letters.write(AS_OF, tmp_path).letters
    assert [(w.client_code, w.level) for w in written] == [("C001", "reminder_1")]
    assert all(w.path.exists() and len(w.sha256) == 64 for w in written)


def test_batch_print_file_and_one_file_per_client(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(services, invoices=2, due=date(2026, 10, 15))
    with services.uow() as uow:
        other = Client(
            code="C002",
            name="Garage Dupuis",
            address="1 place du Marché",
            postcode="69001",
            city="Lyon",
            preferred_channel="letter",
        )
        uow.session.add(other)
        uow.session.flush()
        uow.session.add(
            Invoice(
                number="F2026-0100",
                client_id=other.id,
                issue_date=date(2026, 9, 1),
                due_date=date(2026, 10, 15),
                total=Decimal("300.00"),
            )
        )
        uow.commit()
    seen: list[tuple[int, int]] = []
    batch = services.letters.write(AS_OF, tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert [(w.client_code, w.level, w.invoices) for w in batch.letters] == [
        ("C001", "reminder_1", ("F2026-0000", "F2026-0001")),
        ("C002", "reminder_1", ("F2026-0100",)),
    ]
    assert [w.path.name for w in batch.letters] == ["2026-11-23_C001.pdf", "2026-11-23_C002.pdf"]
    assert batch.print_file == tmp_path / "2026-11-23_letters_to_print.pdf"
    printed = _text(batch.print_file)
    assert "F2026-0001" in printed
    assert "F2026-0100" in printed
    assert "Garage Dupuis" in printed
    assert "F2026-0100" not in _text(batch.letters[0].path)
    assert seen
    assert seen[-1][0] == seen[-1][1]


def test_marked_sent_letters_are_history_and_evidence(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import hashlib

    _seed(services, due=date(2026, 10, 15))
    batch = services.letters.write(AS_OF, tmp_path / "out")
    assert services.letters.mark_sent(batch, AS_OF, "posted") == 1
    assert services.letters.actions(AS_OF) == []  # done: never planned again
    events = services.reminders.history(batch.letters[0].action.client_id)
    kept = [e for e in events if e.document_path]
    assert kept, events
    stored = Path(kept[0].document_path)
    assert stored.parent == services.reminders.documents_folder("C001")
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == batch.letters[0].sha256


def test_nothing_due_writes_nothing(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _seed(services, due=date(2026, 12, 20))  # issued on 1 December, after the date
    batch = services.letters.write(AS_OF, tmp_path / "out")
    assert batch.letters == ()
    assert batch.print_file is None
    assert not (tmp_path / "out").exists()
