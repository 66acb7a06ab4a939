"""`relance import fec` and `import facturx` through the real entry point, and the aging after."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.cli.test_cli_import import BUCKETS, _row, _totals
from tests.services.transfer.facturx_samples import Party, cii, facturx_pdf
from tests.services.transfer.fec_samples import fec_text, lines, write_fec


@pytest.fixture
def db(database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    init = ["--database", database_url, "init", "--company", "Atelier Dupont SARL"]
    assert main(init) == 0
    capsys.readouterr()
    return database_url


def _aging(db: str, as_of: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["--database", db, "aging", "--as-of", as_of, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_fec_gives_the_aging_of_the_ledger(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = write_fec(tmp_path, fec_text(lines()), encoding="iso-8859-15")
    assert main(["--database", db, "import", "fec", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:8] == [
        "Dry run: the file is valid and nothing was written.",
        "4 clients created",
        "6 invoices imported",
        "1 credit note imported",
        "4 payments imported",
        "5 allocations from lettering",
        "1 supplier account line ignored",
        "18 lines of other accounts ignored",
    ]
    assert out[8].startswith("A FEC has no due dates: each invoice falls due 30 days after")
    assert _aging(db, "2026-11-22", capsys)["clients"] == []

    assert main(["--database", db, "import", "fec", str(path)]) == 0
    assert "6 invoices imported" in capsys.readouterr().out
    assert _aging(db, "2026-11-22", capsys) == {
        "as_of": "2026-11-22",
        "buckets": BUCKETS,
        "clients": [
            _row("C001", "Boulangerie Martin", b1_30="350.00", total="350.00"),
            _row("C002", "Garage Dubois", b1_30="400.00", total="400.00"),
            _row("C003", "Jeanne Petit", current="300.00", unapplied="150.00", total="150.00"),
        ],
        "totals": {
            "EUR": _totals(current="300.00", b1_30="750.00", unapplied="150.00", total="900.00")
        },
    }
    # Before the partial payment and the credit note: what was open then.
    assert _aging(db, "2026-10-12", capsys)["clients"] == [
        _row("C001", "Boulangerie Martin", current="600.00", total="600.00"),
        _row("C002", "Garage Dubois", current="480.00", total="480.00"),
    ]
    assert main(["--database", db, "import", "fec", str(path)]) == 0
    again = capsys.readouterr().out
    assert "0 invoices imported" in again
    assert "6 invoices already in the dossier, left as they are" in again


def test_a_rejected_fec_writes_nothing(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = lines()
    rows[3] = (*rows[3][:11], "1300,00", "0,00", "", "")  # bank 1300, client 1200
    path = write_fec(tmp_path, fec_text(rows))
    assert main(["--database", db, "import", "fec", str(path)]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (
        f"{path}:5:EcritureNum: entry 1 of journal BQ is not balanced: "
        "debits 1300.00, credits 1200.00"
    )
    assert _aging(db, "2026-11-22", capsys)["clients"] == []
    assert main(["--database", db, "import", "fec", str(path), str(path)]) == 2
    assert "takes one file" in capsys.readouterr().err


def test_factur_x_files_through_the_command(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    buyer = Party("Boulangerie Martin", "423456789", "FR12423456789")
    one = facturx_pdf(tmp_path, "F1", cii("F1", buyer, "100.00", profile="basicwl"))
    two = facturx_pdf(tmp_path, "F2", cii("F2", buyer, "50.00", due="20261201"))
    assert main(["--database", db, "import", "facturx", str(one), str(two)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1 client created",
        "2 invoices imported",
        "2 PDFs attached",
    ]
    assert _aging(db, "2026-11-22", capsys)["clients"] == [
        _row(
            "BOULANGERIEMARTIN", "Boulangerie Martin", current="60.00", b1_30="120.00",
            total="180.00",
        )
    ]  # fmt: skip
    broken = tmp_path / "broken.xml"
    broken.write_text("<rsm:CrossIndustryInvoice", encoding="utf-8")
    three = facturx_pdf(tmp_path, "F3", cii("F3", buyer, "10.00"))
    assert main(["--database", db, "import", "facturx", str(three), str(broken)]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{broken}:1: not well-formed XML")
    assert len(_aging(db, "2026-11-22", capsys)["clients"]) == 1
