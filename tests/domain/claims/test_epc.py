from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.claims.epc import (
    epc_payload,
    is_valid_iban,
    is_valid_rf_reference,
    remittance_text,
)
from app.domain.errors import InvalidInput

IBAN = "FR7630006000011234567890189"


def test_payload_lines() -> None:
    payload = epc_payload(
        "Atelier  Dupont SARL",
        "FR76 3000 6000 0112 3456 7890 189",
        Decimal("1259.16"),
        "Factures F2026-0042",
        bic="AGRIFRPP",
    )
    assert payload.split("\n") == [
        "BCD",
        "002",
        "1",
        "SCT",
        "AGRIFRPP",
        "Atelier Dupont SARL",
        "FR7630006000011234567890189",
        "EUR1259.16",
        "",
        "",
        "Factures F2026-0042",
    ]


def test_exact_payload_with_every_field() -> None:
    payload = epc_payload(
        "Brasserie Émile",
        "BE71 0961 2345 6769",
        Decimal("40"),
        bic="GKCCBEBB",
        structured_reference="RF18 5390 0754 7034",
        purpose="gddS",
        information="Merci !",
    )
    assert payload == (
        "BCD\n002\n1\nSCT\nGKCCBEBB\nBrasserie Émile\nBE71096123456769\n"
        "EUR40.00\nGDDS\nRF18539007547034\n\nMerci !"
    )


def test_trailing_empty_lines_are_left_out() -> None:
    payload = epc_payload("Atelier Dupont", IBAN, Decimal("0.01"))
    assert payload == "BCD\n002\n1\nSCT\n\nAtelier Dupont\nFR7630006000011234567890189\nEUR0.01"


@pytest.mark.parametrize(
    ("iban", "amount", "currency"),
    [
        ("FR76", Decimal("1"), "EUR"),
        ("FR7630006000011234567890189", Decimal("0"), "EUR"),
        ("FR7630006000011234567890189", Decimal("1"), "USD"),
    ],
)
def test_invalid_payloads(iban: str, amount: Decimal, currency: str) -> None:
    with pytest.raises(InvalidInput):
        epc_payload("X", iban, amount, "", currency=currency)


@pytest.mark.parametrize(
    "changes",
    [
        {"iban": "FR7730006000011234567890189"},  # check digits wrong
        {"bic": "AGRIFRP"},  # 7 characters
        {"name": "N" * 71},
        {"name": "   "},
        {"remittance": "R" * 141},
        {"amount": Decimal("1000000000.00")},
        {"amount": Decimal("12.345")},
        {"purpose": "GDDSX"},
        {"structured_reference": "RF19539007547034"},  # wrong RF check
        {"structured_reference": "RF18539007547034", "remittance": "text too"},
        {"information": "I" * 71},
    ],
)
def test_fields_out_of_bounds_are_rejected(changes: dict[str, object]) -> None:
    values: dict[str, object] = {
        "name": "Atelier Dupont",
        "iban": IBAN,
        "amount": Decimal("10.00"),
        "remittance": "",
        "bic": "",
    }
    values.update(changes)
    with pytest.raises(InvalidInput):
        epc_payload(**values)  # type: ignore[arg-type]


def test_payload_over_331_bytes_is_rejected() -> None:
    with pytest.raises(InvalidInput, match="331"):
        epc_payload("É" * 70, IBAN, Decimal("1.00"), "é" * 140, "AGRIFRPP", information="é" * 70)


def test_iban_and_rf_checks() -> None:
    assert is_valid_iban("fr76 3000 6000 0112 3456 7890 189")
    assert is_valid_iban("BE71096123456769")
    assert not is_valid_iban("BE71096123456768")
    assert is_valid_rf_reference("RF18 5390 0754 7034")
    assert not is_valid_rf_reference("RF00 5390 0754 7034")


def test_remittance_keeps_whole_numbers_and_counts_the_rest() -> None:
    numbers = [f"F2026-{n:04d}" for n in range(20)]
    text = remittance_text("C001", numbers, limit=41)
    assert text == "C001 F2026-0000 F2026-0001 F2026-0002 +17"
    assert remittance_text("C001", ["F1", "F2"]) == "C001 F1 F2"


@given(
    st.text(alphabet="ABC 123-", max_size=20),
    st.lists(st.text(alphabet="F0123456789-", min_size=1, max_size=30), max_size=40),
    st.integers(min_value=10, max_value=140),
)
def test_remittance_always_fits(prefix: str, numbers: list[str], limit: int) -> None:
    text = remittance_text(prefix, numbers, limit)
    assert len(text) <= limit
    assert text == " ".join(text.split())
