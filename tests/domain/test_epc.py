from decimal import Decimal

import pytest

from app.domain.epc import epc_payload
from app.domain.errors import InvalidInput


def test_payload_lines() -> None:
    payload = epc_payload("Atelier  Dupont SARL", "FR76 3000 6000 0112 3456 7890 189",
                          Decimal("1259.16"), "Factures F2026-0042", bic="AGRIFRPP")
    assert payload.split("\n") == ["BCD", "002", "1", "SCT", "AGRIFRPP", "Atelier Dupont SARL",
                                   "FR7630006000011234567890189", "EUR1259.16", "", "",
                                   "Factures F2026-0042"]


@pytest.mark.parametrize(("iban", "amount", "currency"), [
    ("FR76", Decimal("1"), "EUR"),
    ("FR7630006000011234567890189", Decimal("0"), "EUR"),
    ("FR7630006000011234567890189", Decimal("1"), "USD"),
])
def test_invalid_payloads(iban: str, amount: Decimal, currency: str) -> None:
    with pytest.raises(InvalidInput):
        epc_payload("X", iban, amount, "", currency=currency)
