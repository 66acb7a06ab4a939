"""What letters lack for want of company details: said before they are written."""

from __future__ import annotations

from dataclasses import replace

from app.services.company_details import letter_gaps
from app.services.dossier import CompanySettings


def test_a_bare_company_lacks_address_and_bank() -> None:
    gaps = letter_gaps(CompanySettings(name="Atelier Dupont"))
    assert [g.split(":")[0] for g in gaps] == ["no address", "no IBAN"]


def test_a_complete_company_lacks_nothing() -> None:
    full = CompanySettings(
        name="Atelier Dupont",
        address="12 rue des Tanneurs",
        postcode="69002",
        city="Lyon",
        iban="FR7630006000011234567890189",
    )
    assert letter_gaps(full) == []
    assert letter_gaps(replace(full, city=" ")) != []
