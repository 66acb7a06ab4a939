"""Importing clients: creation, update of known codes with the file's columns, rejection."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Client
from app.domain.errors import InvalidInput
from tests.services.transfer.csv_helpers import CLIENTS, problems_of, write_csv


def _clients(services) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        rows = uow.session.execute(select(Client.__table__)).mappings().all()
        return {c["code"]: dict(c) for c in rows}


def test_clients_are_created_with_defaults(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = services.importer.import_file("clients", write_csv(tmp_path, "c.csv", CLIENTS))
    assert (result.kind, result.rows_read, result.created, result.updated) == ("clients", 3, 3, 0)
    clients = _clients(services)
    assert clients["C001"]["payment_terms_days"] == 45
    assert clients["C002"]["country"] == "BE"
    assert clients["C002"]["payment_terms_days"] is None
    assert clients["C003"]["country"] == "FR"
    assert clients["C003"]["client_type"] == "consumer"
    assert clients["C003"]["preferred_channel"] == "email"
    assert clients["C003"]["language"] == "fr"


def test_known_codes_are_updated_with_the_columns_of_the_file(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.importer.import_file("clients", write_csv(tmp_path, "c.csv", CLIENTS))
    again = "CODE;Name;Email;credit_limit\nC001;Boulangerie Martin;compta@martin.fr;5 000,00\n"
    again += "C002;Garage Dubois;;\nC004;Nouveau Client;;\n"
    result = services.importer.import_file("clients", write_csv(tmp_path, "c2.csv", again))
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    clients = _clients(services)
    assert clients["C001"]["email"] == "compta@martin.fr"
    assert clients["C001"]["credit_limit"] == Decimal("5000.00")
    assert clients["C001"]["payment_terms_days"] == 45  # not a column of the second file
    assert clients["C001"]["version"] == 2
    assert clients["C002"]["version"] == 1
    assert clients["C004"]["name"] == "Nouveau Client"


def test_every_bad_cell_is_reported_and_nothing_written(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = (
        "code,name,email,country,client_type,payment_terms_days,preferred_channel,language\n"
        "C001,Bon Client,a@b.fr,FR,business,30,email,fr\n"
        "C002,,not-an-email,France,company,-3,fax,de\n"
        "C001,Encore,,,,,,\n"
        ",Sans code,,,,,,\n"
    )
    with pytest.raises(InvalidInput) as caught:
        services.importer.import_file("clients", write_csv(tmp_path, "bad.csv", text))
    assert problems_of(caught.value) == [
        (3, "name"),
        (3, "email"),
        (3, "country"),
        (3, "client_type"),
        (3, "payment_terms_days"),
        (3, "preferred_channel"),
        (3, "language"),
        (4, "code"),
        (5, "code"),
    ]
    assert all(p.file == str(tmp_path / "bad.csv") for p in caught.value.problems)
    assert "line 2" in caught.value.problems[7].message
    assert _clients(services) == {}


def test_dry_run_writes_nothing(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = services.importer.import_file(
        "clients", write_csv(tmp_path, "c.csv", CLIENTS), dry_run=True
    )
    assert result.dry_run
    assert result.created == 3
    assert _clients(services) == {}


def test_too_long_values_are_rejected(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = f"code,name,postcode\n{'X' * 41},Client,{'9' * 21}\n"
    with pytest.raises(InvalidInput) as caught:
        services.importer.import_file("clients", write_csv(tmp_path, "c.csv", text))
    assert problems_of(caught.value) == [(2, "code"), (2, "postcode")]
