"""Company legal mentions: stored in the settings, checked, and printed at the letter's foot."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput
from app.i18n import translator
from app.services.legal_mentions import format_enterprise_number, legal_mentions
from app.services.templates.editing import preview_letter, read_template
from tests.adapters.pdf.helpers import flat, pdf_text

FRENCH = {
    "legal_id": "552 100 554",
    "legal_form": "SAS",
    "share_capital": Decimal("10000"),
    "registry_city": "Lyon",
}
BELGIAN = {
    "country": "BE",
    "postcode": "1050",
    "legal_id": "BE 0403.170.701",
    "vat_number": "BE0403170701",
    "legal_form": "SRL",
    "registry_city": "Bruxelles",
}


def test_french_mentions_stored_and_in_the_letters_language(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.dossier.update_company(replace(services.dossier.settings(), **FRENCH))
    again = services.dossier.settings()
    assert again == saved
    assert (again.legal_form, again.share_capital, again.registry_city) == (
        "SAS",
        Decimal("10000.00"),
        "Lyon",
    )
    capital = translator("fr").gettext("{form} with a share capital of {amount}")
    assert legal_mentions(again, "fr") == [
        capital.format(form="SAS", amount="10\u202f000,00\xa0€"),  # SAS au capital de …
        "RCS Lyon 552 100 554",
    ]
    assert legal_mentions(again, "en")[0] == "SAS with a share capital of €10,000.00"


def test_belgian_mentions_with_the_formatted_enterprise_number(services) -> None:  # type: ignore[no-untyped-def]
    saved = services.dossier.update_company(replace(services.dossier.settings(), **BELGIAN))
    assert saved.legal_id == "0403170701"
    assert legal_mentions(saved, "fr") == ["SRL", "N° d'entreprise 0403.170.701", "RPM Bruxelles"]
    assert format_enterprise_number("403170701") == "0403.170.701"


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"share_capital": Decimal("-1")}, "share_capital"),
        ({"legal_form": "", "share_capital": Decimal("100")}, "legal_form"),
        ({"legal_id": "", "registry_city": "Lyon"}, "registry_city"),
        ({"legal_form": "x" * 41}, "legal_form"),
        ({"legal_id": "552 100 555"}, "legal_id"),  # stdnum: wrong check digit
    ],
)
def test_wrong_mentions_are_named(services, changes: dict, column: str) -> None:  # type: ignore[no-untyped-def]
    before = services.dossier.settings()
    with pytest.raises(InvalidInput) as caught:
        services.dossier.update_company(replace(before, **{**FRENCH, **changes}))
    assert [p.column for p in caught.value.problems] == [column]
    assert services.dossier.settings() == before


def test_the_letter_footer_prints_them(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = services.dossier.update_company(
        replace(services.dossier.settings(), city="Lyon", **FRENCH)
    )
    pdf = preview_letter(
        settings,
        "reminder_1",
        "fr",
        read_template("letters", "fr", "reminder_1").text,
        date(2026, 12, 3),
    )
    (tmp_path / "letter.pdf").write_bytes(pdf)
    text = flat(pdf_text(pdf))
    assert flat(" · ".join(legal_mentions(settings))) in text
