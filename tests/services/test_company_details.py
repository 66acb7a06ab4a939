"""Settings ▸ Company details: each field checked with its own problem, values stored compact,
nothing saved when something is wrong, the logo copied, and letters print what was saved."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.services.company_details import logo_folder
from app.services.followup.letters import company_info
from app.services.templates.editing import preview_letter, read_template
from tests.adapters.pdf.helpers import flat, pdf_text

GOOD = {
    "name": "Menuiserie Leroy SAS",
    "address": "8 avenue Jean Jaurès\n\nZA du Port ",
    "postcode": "44000",
    "city": "Nantes",
    "legal_id": "832 450 910 00019",
    "vat_number": "fr 54 832450910",
    "phone": "+33 2 40 00 00 00",
    "email": "compta@leroy.example",
    "iban": "fr76 3000 6000 0112 3456 7890 189",
    "bic": "agri frpp",
    "signatory": "Paul Leroy",
    "signatory_title": "Président",
    "language": "en",
    "currency": "chf",
    "admin_fee_enabled": True,
    "admin_fee": Decimal("15"),
}


def _png(path: Path, colour: str = "navy") -> Path:
    from PIL import Image

    Image.new("RGB", (240, 90), colour).save(path)
    return path


def test_good_details_are_stored_compact(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.dossier.update_company(replace(services.dossier.settings(), **GOOD))
    again = services.dossier.settings()
    assert again == saved
    assert again.address == "8 avenue Jean Jaurès\nZA du Port"
    assert again.legal_id == "83245091000019"
    assert again.vat_number == "FR54832450910"
    assert again.iban == "FR7630006000011234567890189"
    assert again.bic == "AGRIFRPP"
    assert (again.signatory_title, again.language, again.currency) == ("Président", "en", "CHF")
    assert again.admin_fee_enabled
    assert again.admin_fee == Decimal("15.00")
    info = company_info(again)
    assert (info.siren, info.siret, info.signatory_title) == (
        "832450910",
        "83245091000019",
        "Président",
    )


@pytest.mark.parametrize(
    ("field", "value", "column"),
    [
        ("name", "  ", "name"),
        ("name", "x" * 201, "name"),
        ("postcode", "4400", "postcode"),
        ("legal_id", "123456789", "legal_id"),
        ("vat_number", "BE0123456749", "vat_number"),
        ("vat_number", "FR00832450910", "vat_number"),
        ("email", "compta@", "email"),
        ("phone", "call me", "phone"),
        ("iban", "FR76 3000 6000 0112 3456 7890 180", "iban"),
        ("bic", "AGRI", "bic"),
        ("currency", "EURO", "currency"),
        ("currency", "XYZ", "currency"),
        ("language", "de", "language"),
        ("admin_fee", Decimal("-1"), "admin_fee"),
        ("address", "1\n2\n3\n4\n5", "address"),
        ("logo_path", "/nowhere/logo.png", "logo"),
    ],
)
def test_each_wrong_field_is_named_and_nothing_is_saved(
    services, field: str, value: object, column: str
) -> None:  # type: ignore[no-untyped-def]
    before = services.dossier.settings()
    with pytest.raises(InvalidInput) as caught:
        services.dossier.update_company(replace(before, **{**GOOD, field: value}))
    assert [p.column for p in caught.value.problems] == [column]
    assert services.dossier.settings() == before


def test_all_problems_come_at_once(services) -> None:  # type: ignore[no-untyped-def]
    settings = replace(services.dossier.settings(), name="", email="x", iban="FR00", bic="1")
    with pytest.raises(InvalidInput) as caught:
        services.dossier.update_company(settings)
    assert {p.column for p in caught.value.problems} == {"name", "email", "iban", "bic"}


def test_belgian_company_numbers(services) -> None:  # type: ignore[no-untyped-def]
    belgian = replace(
        services.dossier.settings(),
        country="BE",
        postcode="1050",
        legal_id="0123.456.749",
        vat_number="BE 0123 456 749",
    )
    saved = services.dossier.update_company(belgian)
    assert (saved.legal_id, saved.vat_number) == ("0123456749", "BE0123456749")
    with pytest.raises(InvalidInput) as caught:
        services.dossier.update_company(replace(belgian, legal_id="832450910"))
    assert "enterprise number" in caught.value.problems[0].message


def test_logo_is_copied_into_the_settings_folder(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = _png(tmp_path / "my logo.png")
    saved = services.dossier.update_company(
        replace(services.dossier.settings(), logo_path=str(source))
    )
    copy = Path(saved.logo_path)
    assert copy.parent == logo_folder()
    assert copy.suffix == ".png"
    assert copy.read_bytes() == source.read_bytes()
    source.unlink()
    again = services.dossier.update_company(services.dossier.settings())
    assert again.logo_path == str(copy)
    text = read_template("letters", "fr", "reminder_1").text
    assert preview_letter(again, "reminder_1", "fr", text, date(2026, 12, 3))[:4] == b"%PDF"


def test_a_logo_must_be_a_picture(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "logo.png"
    fake.write_text("not a picture")
    with pytest.raises(InvalidInput) as caught:
        services.dossier.update_company(replace(services.dossier.settings(), logo_path=str(fake)))
    assert caught.value.problems[0].column == "logo"
    assert not logo_folder().exists() or not any(logo_folder().iterdir())


def test_letters_print_the_saved_details(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.dossier.update_company(replace(services.dossier.settings(), **GOOD))
    text = read_template("letters", "en", "reminder_1").text
    printed = flat(pdf_text(preview_letter(saved, "reminder_1", "en", text, date(2026, 12, 3))))
    assert "Menuiserie Leroy SAS" in printed
    assert "FR76 3000 6000 0112 3456 7890 189" in printed
    assert "Paul Leroy" in printed
    assert "Président" in printed


def test_day_letters_use_the_saved_details_and_own_template(
    services, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main
    from app.db.models import Client, Invoice
    from app.services.templates.editing import save_template

    services.dossier.update_company(replace(services.dossier.settings(), **GOOD))
    with services.uow() as uow:
        client = Client(
            code="C001",
            name="Boulangerie Martin",
            address="3 rue des Lilas",
            postcode="69003",
            city="Lyon",
            preferred_channel="letter",
            language="en",
        )
        uow.session.add(client)
        uow.session.flush()
        uow.session.add(
            Invoice(
                number="F2026-0001",
                client_id=client.id,
                issue_date=date(2026, 9, 1),
                due_date=date(2026, 9, 6),
                total=Decimal("1200.00"),
            )
        )
        uow.commit()
    own = read_template("letters", "en", "formal_notice").text.replace(
        "\n\n", "\n\nOur own words for {client_name}.\n\n", 1
    )
    save_template("letters", "en", "formal_notice", own)
    url = services.url.render_as_string(hide_password=False)
    assert (
        main(
            [
                "--database",
                url,
                "letters",
                "--as-of",
                "2026-11-23",
                "--out",
                str(tmp_path),
                "--level",
                "formal_notice",
            ]
        )
        == 0
    ), capsys.readouterr().err
    printed = flat(pdf_text(tmp_path / "2026-11-23_C001.pdf"))
    for words in (
        "Menuiserie Leroy SAS",
        "FR76 3000 6000 0112 3456 7890 189",
        "Paul Leroy",
        "Président",
        "Our own words for Boulangerie Martin.",
    ):
        assert words in printed
