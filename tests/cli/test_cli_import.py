"""`relance import` through the real entry point: formats, rejections, and the aging it feeds."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.cli import main

AS_OF = date(2026, 11, 22)

CLIENTS = """CODE;Name;payment_terms_days;Client_Type;Notes
A001;Bornes et Limites;;business;x
A002;Partiel SARL;;;
A003;Avoirs & Cie;;;
A004;Crédit Seul;;;
A005;Payé SAS;;;
A006;Deux Devises Ltd;;;
A007;Trop Payé;;;
A008;Gros Avoir;;;
A009;Virement Groupé;;;
A010;Futur Client;;;
A011;Délai 45;45;;
A012;Délai Société;;consumer;
"""

PAYMENTS = (
    "date;client_code;amount;invoice_number;reference;currency\n"
    "10/11/2026;A002;400,00\u00a0€;P1;;\n"
    "30/11/2026;A002;600,00 €;P1;;\n"
    "02/11/2026;A004;250,00;;;\n"
    "15/10/2026;A005;300,00;PAID1;CHQ 55;\n"
    "01/11/2026;A006;50,00;U1;;USD\n"
    "16/11/2026;A007;100,00;O1;;\n"
    "05/11/2026;A009;100,00;V1;VIR-42;\n"
    "05/11/2026;A009;150,00;V2;VIR-42;\n"
)


def _invoices() -> str:
    rows = ["number,client_code,issue_date,due_date,total,currency,kind,applies_to,description"]
    for days, amount in ((0, 100), (1, 101), (30, 130), (31, 131), (60, 160), (61, 161)):
        due = AS_OF - timedelta(days=days)
        issued = due - timedelta(days=30)
        rows.append(f"B{days:02d},A001,{issued:%d/%m/%Y},{due:%d/%m/%Y},{amount},,,,Réalisé")
    for days, amount in ((90, 190), (91, 191)):
        due = AS_OF - timedelta(days=days)
        rows.append(f"B{days:02d},A001,{due - timedelta(days=30)},{due},{amount}.00,,,,")
    rows += [
        'P1,A002,2026-10-02,2026-11-01,"1\u00a0000,00\u00a0€",,,,',
        "C1,A003,2026-09-01,2026-10-01,500.00,,,,",
        "AV1,A003,2026-11-01,2020-01-01,100.00,,credit_note,C1,",
        "AV2,A003,2026-12-01,,50.00,,credit_note,C1,",
        "AV3,A003,2026-11-05,,30.00,,credit_note,,",
        "PAID1,A005,2026-09-01,2026-10-01,300.00,,,,",
        "E1,A006,2026-10-31,2026-11-30,200.00,EUR,,,",
        "U1,A006,2026-09-10,2026-10-10,150.00,USD,,,",
        "O1,A007,2026-10-16,2026-11-15,80.00,,,,",
        "G1,A008,2026-10-11,2026-11-10,60.00,,,,",
        "AVG,A008,2026-11-12,,100.00,,credit_note,G1,",
        "V1,A009,2026-09-01,2026-10-01,100.00,,,,",
        "V2,A009,2026-10-02,2026-11-01,200.00,,,,",
        "FUT,A010,2026-11-25,2026-12-25,999.00,,,,",
        "T45,A011,2026-10-01,,70.00,,,,",
        "TCO,A012,2026-10-01,,90.00,,,,",
    ]
    return "\r\n".join(rows) + "\r\n"


def _row(code: str, name: str, currency: str = "EUR", **amounts: str) -> dict[str, str]:
    keys = {"b1_30": "1-30", "b31_60": "31-60", "b61_90": "61-90"}
    values = {"current": "0.00", "1-30": "0.00", "31-60": "0.00", "61-90": "0.00"}
    values |= {"over_90": "0.00", "unapplied": "0.00"}
    values |= {keys.get(k, k): v for k, v in amounts.items()}
    return {"code": code, "name": name, "currency": currency, **values}


def _totals(**amounts: str) -> dict[str, str]:
    row = _row("", "", **amounts)
    return {k: v for k, v in row.items() if k not in ("code", "name", "currency")}


BUCKETS = ["current", "1-30", "31-60", "61-90", "over_90"]
EXPECTED_NOW = {
    "as_of": "2026-11-22",
    "buckets": BUCKETS,
    "clients": [
        _row(
            "A001", "Bornes et Limites", current="100.00", b1_30="231.00", b31_60="291.00",
            b61_90="351.00", over_90="191.00", total="1164.00",
        ),
        _row("A002", "Partiel SARL", b1_30="600.00", total="600.00"),
        _row("A003", "Avoirs & Cie", b31_60="400.00", unapplied="30.00", total="370.00"),
        _row("A004", "Crédit Seul", unapplied="250.00", total="-250.00"),
        _row("A006", "Deux Devises Ltd", current="200.00", total="200.00"),
        _row("A006", "Deux Devises Ltd", "USD", b31_60="100.00", total="100.00"),
        _row("A007", "Trop Payé", unapplied="20.00", total="-20.00"),
        _row("A008", "Gros Avoir", unapplied="40.00", total="-40.00"),
        _row("A009", "Virement Groupé", b1_30="50.00", total="50.00"),
        _row("A011", "Délai 45", b1_30="70.00", total="70.00"),
        _row("A012", "Délai Société", b31_60="90.00", total="90.00"),
    ],
    "totals": {
        "EUR": _totals(
            current="300.00", b1_30="951.00", b31_60="781.00", b61_90="351.00",
            over_90="191.00", unapplied="340.00", total="2234.00",
        ),
        "USD": _totals(b31_60="100.00", total="100.00"),
    },
}  # fmt: skip
EXPECTED_PAST = {
    "as_of": "2026-10-15",
    "buckets": BUCKETS,
    "clients": [
        _row(
            "A001", "Bornes et Limites", current="261.00", b1_30="321.00", b31_60="381.00",
            total="963.00",
        ),
        _row("A002", "Partiel SARL", current="1000.00", total="1000.00"),
        _row("A003", "Avoirs & Cie", b1_30="500.00", total="500.00"),
        _row("A006", "Deux Devises Ltd", "USD", b1_30="150.00", total="150.00"),
        _row("A008", "Gros Avoir", current="60.00", total="60.00"),
        _row("A009", "Virement Groupé", current="200.00", b1_30="100.00", total="300.00"),
        _row("A011", "Délai 45", current="70.00", total="70.00"),
        _row("A012", "Délai Société", current="90.00", total="90.00"),
    ],
    "totals": {
        "EUR": _totals(current="1681.00", b1_30="921.00", b31_60="381.00", total="2983.00"),
        "USD": _totals(b1_30="150.00", total="150.00"),
    },
}  # fmt: skip


@pytest.fixture
def db(database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert (
        main(["--database", database_url, "init", "--company", "Dupont", "--terms-days", "20"]) == 0
    )
    capsys.readouterr()
    return database_url


def _files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "clients": (CLIENTS.encode("utf-8-sig")),
        "invoices": _invoices().encode("cp1252"),
        "payments": PAYMENTS.encode("utf-8"),
    }
    paths = {}
    for kind, data in files.items():
        paths[kind] = tmp_path / f"{kind}.csv"
        paths[kind].write_bytes(data)
    return paths


def _aging(db: str, as_of: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["--database", db, "aging", "--as-of", as_of, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_imported_edge_cases_give_the_exact_aging(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _files(tmp_path)
    assert main(["--database", db, "import", "clients", str(files["clients"])]) == 0
    captured = capsys.readouterr()
    assert "12 clients created" in captured.out
    assert captured.err.strip() == f"{files['clients']}:1:notes: unknown column, ignored"
    assert main(["--database", db, "import", "invoices", str(files["invoices"])]) == 0
    assert "24 invoices imported" in capsys.readouterr().out
    assert main(["--database", db, "import", "payments", str(files["payments"])]) == 0
    assert "7 payments imported (8 rows)" in capsys.readouterr().out
    assert _aging(db, "2026-11-22", capsys) == EXPECTED_NOW
    assert _aging(db, "2026-10-15", capsys) == EXPECTED_PAST


def test_a_bad_row_rejects_the_file(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    files = _files(tmp_path)
    main(["--database", db, "import", "clients", str(files["clients"])])
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "number;client_code;issue_date;total\n"
        "OK1;A001;2026-01-10;10,00\n"
        "OK2;A001;31/02/2026;10,00\n"
        "OK3;NOPE;2026-01-10;dix\n"
        "OK1;A001;2026-01-10;10,00\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["--database", db, "import", "invoices", str(bad)]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{bad}:3:issue_date",
        f"{bad}:4:client_code",
        f"{bad}:4:total",
        f"{bad}:5:number",
    ]
    assert "NOPE" in lines[1]
    assert "line 2" in lines[3]
    assert _aging(db, "2026-11-22", capsys)["clients"] == []


def test_dry_run_writes_nothing(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    files = _files(tmp_path)
    assert main(["--database", db, "import", "clients", str(files["clients"]), "--dry-run"]) == 0
    assert "nothing was written" in capsys.readouterr().out
    assert main(["--database", db, "import", "invoices", str(files["invoices"])]) == 3
    assert "unknown client A001" in capsys.readouterr().err


def test_french_numbers_and_missing_file(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    clients = tmp_path / "c.csv"
    clients.write_text("code,name\nC1,Un\n")
    invoices = tmp_path / "i.csv"
    invoices.write_text(
        "number,client_code,issue_date,total\n"
        + "".join(f"F{n},C1,2026-01-01,1\n" for n in range(1500))
    )
    main(["--database", db, "import", "clients", str(clients)])
    capsys.readouterr()
    assert main(["--database", db, "--lang", "fr", "import", "invoices", str(invoices)]) == 0
    assert "1\u202f500" in capsys.readouterr().out
    assert main(["--database", db, "import", "invoices", str(tmp_path / "none.csv")]) == 3
    assert "none.csv" in capsys.readouterr().err


def test_import_without_company(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.bootstrap import build

    clients = tmp_path / "c.csv"
    clients.write_text("code,name\nC1,Un\n")
    build(str(tmp_path / "d.relance"), "en").close()  # a dossier at head, without its company
    assert main(["--database", str(tmp_path / "d.relance"), "import", "clients", str(clients)]) == 3
    assert "relance init" in capsys.readouterr().err


def test_import_into_no_dossier(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    clients = tmp_path / "c.csv"
    clients.write_text("code,name\nC1,Un\n")
    typo = tmp_path / "missing" / "sub" / "x.relance"
    assert main(["--database", str(typo), "import", "clients", str(clients)]) == 4
    err = capsys.readouterr().err
    assert "no dossier there" in err
    assert "relance --database" in err
    assert not (tmp_path / "missing").exists()


def test_one_payment_of_one_row_is_said_in_the_singular(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _files(tmp_path)
    assert main(["--database", db, "import", "clients", str(files["clients"])]) == 0
    assert main(["--database", db, "import", "invoices", str(files["invoices"])]) == 0
    one = tmp_path / "one.csv"
    one.write_text(PAYMENTS.splitlines()[0] + "\n" + PAYMENTS.splitlines()[4] + "\n", "utf-8")
    capsys.readouterr()
    assert main(["--database", db, "--lang", "en", "import", "payments", str(one)]) == 0
    assert "1 payment imported (1 row)\n" in capsys.readouterr().out
