"""An e-invoice in UN/CEFACT CII (the XML inside a Factur-X PDF) read into plain values: the
parties, the number and type, the dates, the totals and the currency."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.i18n import _

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
ROOT = "{" + NS["rsm"] + "}CrossIndustryInvoice"
INVOICE_CODES = frozenset({"380", "384", "386", "389", "751"})  # invoice, corrected, prepayment…
CREDIT_NOTE_CODES = frozenset({"381", "261", "262", "396"})
_HEADER = "rsm:SupplyChainTradeTransaction/ram:"
_SETTLEMENT = _HEADER + "ApplicableHeaderTradeSettlement/"
_TOTALS = _SETTLEMENT + "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"


@dataclass(frozen=True)
class Party:
    name: str
    legal_id: str = ""  # SIREN or SIRET (or another registry id)
    vat_number: str = ""
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    email: str = ""


@dataclass(frozen=True)
class EInvoice:
    number: str
    kind: str  # invoice | credit_note
    issue_date: date
    due_date: date | None
    terms: str
    currency: str
    total: Decimal
    net: Decimal | None
    tax: Decimal | None
    prepaid: Decimal
    seller: Party
    buyer: Party
    reference: str
    corrects: str  # the invoice a credit note corrects, when it says


class _Reader:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.problems: list[tuple[str, str]] = []  # element, message

    def text(self, path: str, node: Any = None) -> str:
        found = (self.root if node is None else node).xpath(path, namespaces=NS)
        if not found:
            return ""
        value = found[0] if isinstance(found[0], str) else found[0].text
        return " ".join((value or "").split())

    def required(self, path: str) -> str:
        value = self.text(path)
        if not value:
            self.problems.append((_element(path), _("a value is required")))
        return value

    def day(self, path: str, required: bool = False) -> date | None:
        value = self.required(path) if required else self.text(path)
        if not value:
            return None
        match = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", value)
        try:
            if match is None:
                raise ValueError(value)
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            self.problems.append(
                (_element(path), _("not a date: '{value}' (expected YYYYMMDD)").format(value=value))
            )
            return None

    def amount(self, path: str, required: bool = False) -> Decimal | None:
        value = self.required(path) if required else self.text(path)
        if not value:
            return None
        try:
            amount = Decimal(value)
        except InvalidOperation:
            self.problems.append(
                (_element(path), _("not an amount: '{value}'").format(value=value))
            )
            return None
        if not amount.is_finite():
            self.problems.append(
                (_element(path), _("not an amount: '{value}'").format(value=value))
            )
            return None
        return amount

    def party(self, role: str) -> Party:
        nodes = self.root.xpath(
            f"{_HEADER}ApplicableHeaderTradeAgreement/ram:{role}", namespaces=NS
        )
        if not nodes:
            self.problems.append((f"ram:{role}", _("a value is required")))
            return Party("")
        node = nodes[0]
        lines = [
            self.text(f"ram:PostalTradeAddress/ram:{name}", node)
            for name in ("LineOne", "LineTwo", "LineThree")
        ]
        name = self.text("ram:Name", node)
        if not name:
            self.problems.append((f"ram:{role}/ram:Name", _("a value is required")))
        return Party(
            name=name,
            legal_id=self.text("ram:SpecifiedLegalOrganization/ram:ID", node),
            vat_number=self.text("ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']", node),
            address="\n".join(line for line in lines if line),
            postcode=self.text("ram:PostalTradeAddress/ram:PostcodeCode", node),
            city=self.text("ram:PostalTradeAddress/ram:CityName", node),
            country=self.text("ram:PostalTradeAddress/ram:CountryID", node).upper(),
            email=self.text("ram:URIUniversalCommunication/ram:URIID", node),
        )


def _element(path: str) -> str:
    return path.rsplit("/", 1)[-1].split("[", 1)[0]


def parse_cii(root: Any) -> tuple[EInvoice | None, list[tuple[str, str]]]:
    """The invoice, or None with every problem found (element name, message)."""
    if root.tag != ROOT:
        name = root.tag.rsplit("}", 1)[-1]
        message = _("not a CII e-invoice (the XML's root element is {name})").format(name=name)
        return None, [(name, message)]
    reader = _Reader(root)
    number = reader.required("rsm:ExchangedDocument/ram:ID")
    code = reader.required("rsm:ExchangedDocument/ram:TypeCode")
    issued = reader.day("rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString", True)
    due = reader.day(_SETTLEMENT + "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/*")
    terms = reader.text(_SETTLEMENT + "ram:SpecifiedTradePaymentTerms/ram:Description")
    currency = reader.required(_SETTLEMENT + "ram:InvoiceCurrencyCode").upper()
    total = reader.amount(_TOTALS + "GrandTotalAmount", required=True)
    prepaid = reader.amount(_TOTALS + "TotalPrepaidAmount") or Decimal(0)
    net = reader.amount(_TOTALS + "TaxBasisTotalAmount")
    tax = reader.amount(_TOTALS + f"TaxTotalAmount[@currencyID='{currency}']") or reader.amount(
        _TOTALS + "TaxTotalAmount[not(@currencyID)]"
    )
    seller, buyer = reader.party("SellerTradeParty"), reader.party("BuyerTradeParty")
    kind = "invoice"
    if code in CREDIT_NOTE_CODES:
        kind = "credit_note"
    elif code and code not in INVOICE_CODES:
        reader.problems.append(
            (
                "ram:TypeCode",
                _("document type {code} is neither an invoice nor a credit note").format(code=code),
            )
        )
    if total is not None and total < 0:  # a credit note written as a negative invoice
        kind = "credit_note" if kind == "invoice" else "invoice"
        total, prepaid = -total, -prepaid
        net, tax = (-net if net is not None else None), (-tax if tax is not None else None)
    if total is not None and total == 0:
        reader.problems.append(("ram:GrandTotalAmount", _("the total is zero")))
    if reader.problems or issued is None or total is None:
        return None, reader.problems
    agreement = _HEADER + "ApplicableHeaderTradeAgreement/"
    reference = reader.text(agreement + "ram:BuyerReference") or reader.text(
        agreement + "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"
    )
    corrects = reader.text(_SETTLEMENT + "ram:InvoiceReferencedDocument/ram:IssuerAssignedID")
    return (
        EInvoice(
            number=number,
            kind=kind,
            issue_date=issued,
            due_date=due,
            terms=terms,
            currency=currency,
            total=total,
            net=net,
            tax=tax,
            prepaid=prepaid,
            seller=seller,
            buyer=buyer,
            reference=reference[:100],
            corrects=corrects,
        ),
        [],
    )
