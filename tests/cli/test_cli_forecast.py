"""`relance forecast` through the command line: JSON, CSV, table and bad arguments."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.cli import main
from tests.services.analytics.builders import AS_OF, Ledger, days


@pytest.fixture
def dossier(services) -> str:  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    client = ledger.client("C001", "Retard SARL")
    for n in range(6):
        ledger.settled(client, AS_OF - days(300 - 40 * n), 40)
    ledger.invoice(client, AS_OF + days(3), "500.00")
    ledger.invoice(client, AS_OF + days(10), "75.50", currency="USD")
    ledger.done()
    return services.url.render_as_string(hide_password=False)


def test_json_weeks_start_on_mondays_with_decimal_strings(dossier, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        main(
            [
                "--database",
                dossier,
                "forecast",
                "--as-of",
                AS_OF.isoformat(),
                "--weeks",
                "12",
                "--format",
                "json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert (out["as_of"], out["weeks"], sorted(out["currencies"])) == (
        "2026-11-25",
        12,
        ["EUR", "USD"],
    )
    eur = out["currencies"]["EUR"]
    starts = [date.fromisoformat(w["week_start"]) for w in eur["weeks"]]
    assert starts[0] == date(2026, 11, 23)
    assert starts == [starts[0] + timedelta(weeks=n) for n in range(12)]
    hit = [w for w in eur["weeks"] if w["expected"] != "0.00"]
    assert [(w["week_start"], w["expected"]) for w in hit] == [("2027-01-04", "500.00")]
    assert eur["total"] == "500.00"
    assert eur["after_horizon"] == {"expected": "0.00", "optimistic": "0.00", "pessimistic": "0.00"}
    assert (eur["doubtful"], eur["excluded"]) == ("0.00", "0.00")
    for week in eur["weeks"]:
        for key in ("expected", "optimistic", "pessimistic"):
            assert Decimal(week[key]) == Decimal(week[key]).quantize(Decimal("0.01"))
            assert len(week[key].split(".")[1]) == 2


def test_csv_has_one_row_per_currency_and_week(dossier, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        main(
            [
                "--database",
                dossier,
                "forecast",
                "--as-of",
                AS_OF.isoformat(),
                "--weeks",
                "3",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["currency"], r["week_start"]) for r in rows] == [
        (c, d) for c in ("EUR", "USD") for d in ("2026-11-23", "2026-11-30", "2026-12-07")
    ]


def test_table_in_french(dossier, capsys) -> None:  # type: ignore[no-untyped-def]
    assert (
        main(
            [
                "--database",
                dossier,
                "--lang",
                "fr",
                "forecast",
                "--as-of",
                AS_OF.isoformat(),
                "--weeks",
                "2",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "semaine du 23/11/2026" in out
    assert "500,00\u00a0€" in out


@pytest.mark.parametrize("weeks", ["0", "105"])
def test_weeks_out_of_range_is_rejected(dossier, capsys, weeks: str) -> None:  # type: ignore[no-untyped-def]
    assert main(["--database", dossier, "forecast", "--weeks", weeks]) == 3
    assert "--weeks" in capsys.readouterr().err
