from __future__ import annotations

import pytest

from app.domain import validation as v
from app.domain.ledger.status import days_late, invoice_status


@pytest.mark.parametrize(
    ("fn", "args", "expected"),
    [
        (v.check_email, ("compta@martin.fr",), "compta@martin.fr"),
        (v.check_email, ("",), ""),
        (v.check_legal_id, ("FR", "732 829 320"), "732829320"),
        (v.check_legal_id, ("FR", "73282932000074"), "73282932000074"),
        (v.check_legal_id, ("BE", "0403.019.261"), "0403019261"),
        (v.check_vat_number, ("FR", "fr40303265045"), "FR40303265045"),
        (v.check_iban, ("fr76 3000 6000 0112 3456 7890 189",), "FR7630006000011234567890189"),
    ],
)
def test_valid_values_come_back_compact(fn, args, expected) -> None:  # type: ignore[no-untyped-def]
    assert fn(*args) == expected


@pytest.mark.parametrize(
    ("fn", "args", "code"),
    [
        (v.check_email, ("a@b",), "invalid_email"),
        (v.check_email, ("two@@example.fr",), "invalid_email"),
        (v.check_legal_id, ("FR", "732829321"), "invalid_legal_id"),
        (v.check_legal_id, ("BE", "0403019262"), "invalid_legal_id"),
        (v.check_vat_number, ("FR", "FR40303265046"), "invalid_vat"),
        (v.check_vat_number, ("BE", "FR40303265045"), "vat_country_mismatch"),
        (v.check_iban, ("FR7630006000011234567890188",), "invalid_iban"),
        (v.check_country, ("France",), "invalid_country"),
    ],
)
def test_invalid_values_give_a_code(fn, args, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(v.Invalid) as caught:
        fn(*args)
    assert caught.value.code == code


def test_status_precedence() -> None:
    from datetime import date
    from decimal import Decimal as D  # noqa: N817

    today = date(2026, 11, 23)
    due = date(2026, 11, 1)
    assert invoice_status(D(100), D(100), due, today) == "overdue"
    assert invoice_status(D(100), D(40), date(2026, 12, 1), today) == "partially_paid"
    assert invoice_status(D(100), D(100), today, today) == "open"
    assert invoice_status(D(100), D(0), due, today, disputed=True) == "paid"
    assert invoice_status(D(100), D(10), due, today, disputed=True) == "disputed"
    assert invoice_status(D(100), D(10), due, today, written_off=True) == "written_off"
    assert days_late(due, today, D(1)) == 22
    assert days_late(due, today, D(0)) == 0
