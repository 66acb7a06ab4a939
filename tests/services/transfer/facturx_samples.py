"""Factur-X e-invoices built for the tests: CII XML of the BASIC WL or EN 16931 profile, put
into a PDF drawn with ReportLab by the factur-x library itself."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

PROFILES = {
    "basicwl": "urn:factur-x.eu:1p0:basicwl",
    "en16931": "urn:cen.eu:en16931:2017",
}
COMPANY = ("Atelier Dupont SARL", "512345678", "FR40512345678")


@dataclass(frozen=True)
class Party:
    name: str
    siren: str = ""
    vat: str = ""
    city: str = "Lyon"
    postcode: str = "69002"
    line: str = "12 rue de la République"
    country: str = "FR"
    email: str = ""


SELLER = Party(*COMPANY, city="Paris", postcode="75011", line="3 rue Oberkampf")


def _party(tag: str, p: Party) -> str:
    legal = (
        f'<ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{p.siren}</ram:ID>'
        "</ram:SpecifiedLegalOrganization>"
        if p.siren
        else ""
    )
    mail = (
        f'<ram:URIUniversalCommunication><ram:URIID schemeID="EM">{p.email}</ram:URIID>'
        "</ram:URIUniversalCommunication>"
        if p.email
        else ""
    )
    vat = (
        f'<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">{p.vat}</ram:ID>'
        "</ram:SpecifiedTaxRegistration>"
        if p.vat
        else ""
    )
    return (
        f"<ram:{tag}><ram:Name>{escape(p.name)}</ram:Name>{legal}"
        f"<ram:PostalTradeAddress><ram:PostcodeCode>{p.postcode}</ram:PostcodeCode>"
        f"<ram:LineOne>{escape(p.line)}</ram:LineOne><ram:CityName>{p.city}</ram:CityName>"
        f"<ram:CountryID>{p.country}</ram:CountryID></ram:PostalTradeAddress>{mail}{vat}"
        f"</ram:{tag}>"
    )


def cii(
    number: str,
    buyer: Party,
    net: str,
    *,
    profile: str = "en16931",
    seller: Party = SELLER,
    type_code: str = "380",
    issued: str = "20261015",
    due: str | None = "20261114",
    prepaid: str = "",
    corrects: str = "",
    currency: str = "EUR",
    terms: str = "Paiement à 30 jours",
) -> bytes:
    base = Decimal(net)
    tax = (base * Decimal("0.20")).quantize(Decimal("0.01"))
    total = base + tax
    payable = total - Decimal(prepaid or "0")
    lines = ""
    if profile == "en16931":
        lines = (
            "<ram:IncludedSupplyChainTradeLineItem>"
            "<ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID>"
            "</ram:AssociatedDocumentLineDocument>"
            "<ram:SpecifiedTradeProduct><ram:Name>Prestation de conseil</ram:Name>"
            "</ram:SpecifiedTradeProduct>"
            "<ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice>"
            f"<ram:ChargeAmount>{base}</ram:ChargeAmount></ram:NetPriceProductTradePrice>"
            "</ram:SpecifiedLineTradeAgreement>"
            '<ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1'
            "</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>"
            "<ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax>"
            "<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>"
            "<ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>"
            "<ram:SpecifiedTradeSettlementLineMonetarySummation>"
            f"<ram:LineTotalAmount>{base}</ram:LineTotalAmount>"
            "</ram:SpecifiedTradeSettlementLineMonetarySummation>"
            "</ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>"
        )
    terms = (
        "<ram:SpecifiedTradePaymentTerms>"
        + (f"<ram:Description>{terms}</ram:Description>" if terms else "")
        + (
            f'<ram:DueDateDateTime><udt:DateTimeString format="102">{due}</udt:DateTimeString>'
            "</ram:DueDateDateTime>"
            if due
            else ""
        )
        + "</ram:SpecifiedTradePaymentTerms>"
        if terms or due
        else ""
    )
    reference = (
        "<ram:InvoiceReferencedDocument>"
        f"<ram:IssuerAssignedID>{corrects}</ram:IssuerAssignedID></ram:InvoiceReferencedDocument>"
        if corrects
        else ""
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:'
        'CrossIndustryInvoice:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:'
        'QualifiedDataType:100" xmlns:ram="urn:un:unece:uncefact:data:standard:'
        'ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:'
        'data:standard:UnqualifiedDataType:100">'
        "<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>"
        f"<ram:ID>{PROFILES[profile]}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>"
        "</rsm:ExchangedDocumentContext>"
        f"<rsm:ExchangedDocument><ram:ID>{number}</ram:ID><ram:TypeCode>{type_code}"
        '</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">'
        f"{issued}</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>"
        f"<rsm:SupplyChainTradeTransaction>{lines}"
        "<ram:ApplicableHeaderTradeAgreement><ram:BuyerReference>CMD-77</ram:BuyerReference>"
        f"{_party('SellerTradeParty', seller)}{_party('BuyerTradeParty', buyer)}"
        "</ram:ApplicableHeaderTradeAgreement><ram:ApplicableHeaderTradeDelivery/>"
        "<ram:ApplicableHeaderTradeSettlement>"
        f"<ram:InvoiceCurrencyCode>{currency}</ram:InvoiceCurrencyCode>"
        f"<ram:ApplicableTradeTax><ram:CalculatedAmount>{tax}</ram:CalculatedAmount>"
        f"<ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{base}</ram:BasisAmount>"
        "<ram:CategoryCode>S</ram:CategoryCode>"
        "<ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>"
        f"{terms}<ram:SpecifiedTradeSettlementHeaderMonetarySummation>"
        f"<ram:LineTotalAmount>{base}</ram:LineTotalAmount>"
        f"<ram:TaxBasisTotalAmount>{base}</ram:TaxBasisTotalAmount>"
        f'<ram:TaxTotalAmount currencyID="{currency}">{tax}</ram:TaxTotalAmount>'
        f"<ram:GrandTotalAmount>{total}</ram:GrandTotalAmount>"
        + (f"<ram:TotalPrepaidAmount>{prepaid}</ram:TotalPrepaidAmount>" if prepaid else "")
        + f"<ram:DuePayableAmount>{payable}</ram:DuePayableAmount>"
        f"</ram:SpecifiedTradeSettlementHeaderMonetarySummation>{reference}"
        "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>"
        "</rsm:CrossIndustryInvoice>"
    )
    return xml.encode("utf-8")


def plain_pdf(title: str) -> bytes:
    """A one-page invoice drawn with ReportLab (the visible part of the Factur-X)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setTitle(title)
    page.drawString(72, 770, f"Facture {title}")
    page.drawString(72, 750, "Atelier Dupont SARL, 3 rue Oberkampf, 75011 Paris")
    page.showPage()
    page.save()
    return buffer.getvalue()


def facturx_pdf(folder: Path, name: str, xml: bytes) -> Path:
    import facturx

    pdf = facturx.generate_from_binary(plain_pdf(name), xml, check_xsd=True)
    path = folder / f"{name}.pdf"
    path.write_bytes(pdf)
    return path
