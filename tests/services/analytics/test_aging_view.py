"""The aging view's data: currencies, clients most overdue, exact cells, limits, exports."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from app.services.analytics.export import export_aging
from tests.services.analytics.builders import AS_OF, Ledger, days


@pytest.fixture
def dossier(services):  # type: ignore[no-untyped-def]
    ledger = Ledger(services)
    ids = {}
    big = ledger.client("C01", "Garage Central")
    ids["big_45"] = ledger.invoice(big, AS_OF - days(45), "900.00")
    ids["big_100"] = ledger.invoice(big, AS_OF - days(100), "300.00")
    ids["big_now"] = ledger.invoice(big, AS_OF + days(5), "100.00")
    small = ledger.client("C02", "Café Soleil")
    ids["small_40"] = ledger.invoice(small, AS_OF - days(40), "200.00")
    paid_late = ledger.invoice(small, AS_OF - days(35), "150.00")
    ledger.pay(small, AS_OF + days(2), "150.00", paid_late)  # paid after as_of: still open then
    ids["small_paid_after"] = paid_late
    ids["small_20"] = ledger.invoice(small, AS_OF - days(20), "80.00", issued=AS_OF - days(95))
    dollars = ledger.client("C03", "Boston Ltd")
    ledger.invoice(dollars, AS_OF - days(10), "500.00", currency="USD")
    ledger.done()
    return services, ids, {"big": big, "small": small}


def test_chart_of_one_currency(dossier) -> None:  # type: ignore[no-untyped-def]
    services, _ids, clients = dossier
    chart = services.analytics.aging(AS_OF, top=1)
    assert chart.currencies == ("EUR", "USD")
    assert chart.currency == "EUR"
    assert [r.client_code for r in chart.rows] == ["C01", "C02"]
    assert [r.client_code for r in chart.top] == ["C01"]
    assert chart.totals is not None
    assert chart.totals.buckets == {
        "current": Decimal("100.00"),
        "1-30": Decimal("80.00"),
        "31-60": Decimal("1250.00"),
        "61-90": Decimal("0.00"),
        "over_90": Decimal("300.00"),
    }
    usd = services.analytics.aging(AS_OF, currency="USD")
    assert [r.client_code for r in usd.rows] == ["C03"]
    assert chart.client_id(chart.top[0]) == clients["big"]


def test_cells_hold_exactly_their_invoices(dossier) -> None:  # type: ignore[no-untyped-def]
    services, ids, _clients = dossier
    chart = services.analytics.aging(AS_OF)
    big, small = chart.rows
    assert services.analytics.aging_invoices(chart.cell(2, big)) == [ids["big_45"]]
    assert set(services.analytics.aging_invoices(chart.cell(2))) == {
        ids["big_45"],
        ids["small_40"],
        ids["small_paid_after"],
    }
    assert services.analytics.aging_invoices(chart.cell(4)) == [ids["big_100"]]
    assert services.analytics.aging_invoices(chart.cell(0, big)) == [ids["big_now"]]
    by_issue = services.analytics.aging(AS_OF, basis="issue_date")
    assert services.analytics.aging_invoices(by_issue.cell(4, small)) == [ids["small_20"]]
    assert by_issue.totals is not None
    assert by_issue.totals.buckets["over_90"] == Decimal("380.00")
    later = services.analytics.aging(AS_OF + days(3))
    assert ids["small_paid_after"] not in services.analytics.aging_invoices(later.cell(2))


@pytest.mark.parametrize("basis", ["due_date", "issue_date"])
@pytest.mark.parametrize("shift", [0, 3])
def test_cell_filter_gives_the_invoice_list_the_same_invoices(
    dossier, basis: str, shift: int
) -> None:  # type: ignore[no-untyped-def]
    """Also on a past date: the invoice paid after AS_OF was owing then and is listed."""
    services, ids, _clients = dossier
    today = AS_OF + days(3)  # the late payment is in by then
    as_of = AS_OF + days(shift)
    chart = services.analytics.aging(as_of, basis=basis)
    seen = set()
    for bucket in range(len(chart.buckets)):
        for row in [None, *chart.rows]:
            cell = chart.cell(bucket, row)
            listed = [i.line.id for i in services.invoices.page(cell.invoice_filter(), today)]
            assert sorted(listed) == sorted(services.analytics.aging_invoices(cell)), cell
            seen.update(listed)
    assert (ids["small_paid_after"] in seen) == (shift == 0)


def test_bucket_limits_are_saved_in_the_dossier(dossier) -> None:  # type: ignore[no-untyped-def]
    services, _ids, _clients = dossier
    assert services.analytics.save_aging_limits((15, 45)).aging_limits == (15, 45)
    assert services.dossier.settings().aging_limits == (15, 45)
    chart = services.analytics.aging(AS_OF)
    assert chart.buckets == ("current", "1-15", "16-45", "over_45")
    assert chart.totals is not None
    assert chart.totals.buckets["16-45"] == Decimal("1330.00")
    from app.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        services.analytics.save_aging_limits((30, 20))


def test_exports_of_the_report(dossier, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, _ids, _clients = dossier
    chart = services.analytics.aging(AS_OF)
    with export_aging(chart, tmp_path / "aging.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["code"], r["31-60"], r["total"]) for r in rows] == [
        ("C01", "900.00", "1300.00"),
        ("C02", "350.00", "430.00"),
    ]

    from openpyxl import load_workbook

    sheet = load_workbook(export_aging(chart, tmp_path / "aging.xlsx")).active
    values = [[c.value for c in line] for line in sheet.iter_rows()]
    assert ["C01", "Garage Central", 100, 0, 900, 0, 300, 0, 1300] in values
    assert values[-1][0] == "Total"
    assert values[-1][-1] == 1730

    from pypdf import PdfReader

    pdf = PdfReader(export_aging(chart, tmp_path / "aging.pdf"))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Garage Central" in text
    assert "Café Soleil" in text
    assert "€1,730.00" in text
    png = export_aging(chart, tmp_path / "chart.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    svg = export_aging(chart, tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "<svg" in svg
    from app.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        export_aging(chart, tmp_path / "aging.doc")
