"""Importing Factur-X PDFs and CII XML: buyer → client, invoice, PDF kept; refusals."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db.models import Allocation, Client, Invoice, Payment
from app.domain.errors import InvalidInput
from tests.services.transfer.csv_helpers import write_csv
from tests.services.transfer.facturx_samples import COMPANY, Party, cii, facturx_pdf, plain_pdf

MARTIN = Party("Boulangerie Martin", "423456789", "FR12423456789", email="compta@martin.fr")
GARAGE = Party("Garage Dubois SA", "", "BE0412345678", city="Liège", postcode="4000", country="BE")
D = Decimal


def _invoices(services) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        s = uow.session
        codes = dict(s.execute(select(Client.id, Client.code)).tuples().all())
        return {
            i.number: (
                codes[i.client_id],
                i.kind,
                i.total,
                i.net_amount,
                i.tax_amount,
                str(i.issue_date),
                str(i.due_date),
                i.attachment_path,
            )
            for i in s.scalars(select(Invoice))
        }


def _clients(services) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    with services.uow() as uow:
        return {
            c.code: (c.name, c.legal_id, c.vat_number, c.postcode, c.city, c.country, c.email)
            for c in uow.session.scalars(select(Client))
        }


@pytest.fixture
def company(services):  # type: ignore[no-untyped-def]
    """The company with its SIREN and VAT number, as the settings screen records them."""
    _name, siren, vat = COMPANY
    settings = services.dossier.settings()
    services.dossier.update(replace(settings, legal_id=siren, vat_number=vat))
    return services


def test_basic_wl_and_en16931_pdfs_become_invoices_with_their_pdf(company, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = [
        facturx_pdf(tmp_path, "F2026-001", cii("F2026-001", MARTIN, "1000.00", profile="basicwl")),
        facturx_pdf(
            tmp_path,
            "F2026-002",
            cii("F2026-002", MARTIN, "250.00", due=None, terms="Paiement à 45 jours fin de mois"),
        ),
        facturx_pdf(
            tmp_path,
            "F2026-003",
            cii("F2026-003", GARAGE, "80.00", issued="20261101", due=None, terms=""),
        ),
    ]
    dry = company.importer.import_facturx(files, dry_run=True)
    assert dry.counts["clients_created"] == 2
    assert dry.counts["invoices"] == 3
    assert dry.notes == [
        "1 e-invoice gives no due date: it falls due 30 days after its issue date (the "
        "company's terms), or after the client's own terms."
    ]
    assert _invoices(company) == {}

    result = company.importer.import_facturx(files)
    assert (result.created, result.updated) == (5, 0)  # 2 clients + 3 invoices
    assert result.counts["attached"] == 3
    assert _clients(company) == {
        "BOULANGERIEMARTIN": (
            "Boulangerie Martin", "423456789", "FR12423456789", "69002", "Lyon", "FR",
            "compta@martin.fr",
        ),
        "GARAGEDUBOISSA": ("Garage Dubois SA", "", "BE0412345678", "4000", "Liège", "BE", ""),
    }  # fmt: skip
    invoices = _invoices(company)
    assert {n: v[:7] for n, v in invoices.items()} == {
        "F2026-001": (
            "BOULANGERIEMARTIN", "invoice", D("1200.00"), D("1000.00"), D("200.00"),
            "2026-10-15", "2026-11-14",
        ),
        "F2026-002": (
            "BOULANGERIEMARTIN", "invoice", D("300.00"), D("250.00"), D("50.00"),
            "2026-10-15", "2026-11-30",  # no due date: "45 jours fin de mois"
        ),
        "F2026-003": (
            "GARAGEDUBOISSA", "invoice", D("96.00"), D("80.00"), D("16.00"),
            "2026-11-01", "2026-12-01",  # no due date, no terms: the company's 30 days
        ),
    }  # fmt: skip
    for number, row in invoices.items():
        kept = Path(row[7])
        assert kept.is_file()
        assert kept.name == f"{number}.pdf"
        assert kept.read_bytes() == (tmp_path / f"{number}.pdf").read_bytes()


def test_the_buyer_is_found_by_siren_vat_or_name(company, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clients = (
        "code,name,legal_id,vat_number\n"
        "M1,Boulangerie Martin & Fils,42345678900017,\n"
        "G1,Garage D.,,BE 0412.345.678\n"
        "P1,Épicerie Petit,,\n"
    )
    company.importer.import_file("clients", write_csv(tmp_path, "c.csv", clients))
    petit = Party("EPICERIE PETIT SARL")
    files = [
        facturx_pdf(tmp_path, "A1", cii("A1", MARTIN, "10.00")),
        facturx_pdf(tmp_path, "A2", cii("A2", GARAGE, "10.00")),
        facturx_pdf(tmp_path, "A3", cii("A3", petit, "10.00")),
    ]
    result = company.importer.import_facturx(files)
    assert result.counts["clients_created"] == 0
    assert result.counts["clients_known"] == 3
    assert {n: v[0] for n, v in _invoices(company).items()} == {"A1": "M1", "A2": "G1", "A3": "P1"}


def test_a_cii_xml_file_and_a_credit_note_that_corrects_an_invoice(company, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    xml = tmp_path / "F9.xml"
    xml.write_bytes(cii("F9", MARTIN, "500.00", prepaid="100.00"))
    note = facturx_pdf(tmp_path, "AV9", cii("AV9", MARTIN, "50.00", type_code="381", corrects="F9"))
    company.importer.import_facturx([xml, note])
    invoices = _invoices(company)
    assert invoices["F9"][:3] == ("BOULANGERIEMARTIN", "invoice", D("600.00"))
    assert invoices["F9"][7] == ""  # an XML file has no PDF to keep
    assert invoices["AV9"][1:3] == ("credit_note", D("60.00"))
    with company.uow() as uow:
        s = uow.session
        allocated = sorted(a.amount for a in s.scalars(select(Allocation)))
        prepaid = [(p.amount, p.reference) for p in s.scalars(select(Payment))]
    assert prepaid == [(D("100.00"), "F9")]  # the prepaid amount is a payment of the invoice
    assert allocated == [D("60.00"), D("100.00")]


def test_importing_again_adds_nothing_and_keeps_the_pdf_once(company, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    xml = tmp_path / "B1.xml"
    xml.write_bytes(cii("B1", MARTIN, "10.00"))
    company.importer.import_facturx([xml])
    pdf = facturx_pdf(tmp_path, "B1", cii("B1", MARTIN, "10.00"))
    again = company.importer.import_facturx([pdf])
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Path(_invoices(company)["B1"][7]).is_file()
    third = company.importer.import_facturx([pdf])
    assert (third.created, third.updated, third.unchanged) == (0, 0, 1)
    assert third.warnings == []
    changed = tmp_path / "B1-bis.xml"
    changed.write_bytes(cii("B1", MARTIN, "20.00"))
    fourth = company.importer.import_facturx([changed])
    assert fourth.warnings == [
        f"{changed}: B1 is already in the dossier with a total of 12.00, the file says 24.00: "
        "left as it is"
    ]


def test_a_supplier_invoice_refuses_the_whole_batch(company, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _name, siren, vat = COMPANY
    supplier = Party("Papeterie Centrale", "398765432", "FR55398765432")
    us = Party("ATELIER DUPONT", siren, vat)
    good = facturx_pdf(tmp_path, "OK1", cii("OK1", MARTIN, "10.00"))
    bought = facturx_pdf(tmp_path, "PC-77", cii("PC-77", us, "90.00", seller=supplier))
    with pytest.raises(InvalidInput) as caught:
        company.importer.import_facturx([good, bought])
    [problem] = caught.value.problems
    assert problem.file == str(bought)
    assert "PC-77 is a supplier's invoice: Papeterie Centrale invoices your company" in str(problem)
    assert _invoices(company) == {}
    stranger = facturx_pdf(tmp_path, "X1", cii("X1", MARTIN, "9.00", seller=supplier))
    with pytest.raises(InvalidInput, match="issued by Papeterie Centrale, not by Atelier Dupont"):
        company.importer.import_facturx([stranger])


def test_broken_files_are_refused_with_their_reason(company, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?>\n<rsm:CrossIndustryInvoice>\n<a></b>\n')
    bare = tmp_path / "bare.pdf"
    bare.write_bytes(plain_pdf("bare"))
    invalid = tmp_path / "invalid.xml"
    invalid.write_bytes(
        cii("I1", MARTIN, "10.00").replace(b"TypeCode>380</ram:TypeCode", b"Kind>380</ram:Kind")
    )
    with pytest.raises(InvalidInput) as caught:
        company.importer.import_facturx([broken, bare, invalid])
    problems = {Path(p.file).name: (p.line, p.message) for p in caught.value.problems}
    assert problems["broken.xml"][0] == 2
    assert problems["broken.xml"][1].startswith("not well-formed XML")
    assert problems["bare.pdf"] == (None, "no Factur-X or CII XML invoice found in this PDF")
    assert problems["invalid.xml"][1].startswith("not a valid Factur-X e-invoice")
    assert _invoices(company) == {}
