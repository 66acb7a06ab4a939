"""Reading Factur-X PDFs (PDF/A-3 carrying a CII XML) and CII XML files, checking each against
the Factur-X schema and that the company issued it: a supplier's invoice is refused."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.errors import Problem
from app.i18n import _
from app.services.dossier import CompanySettings
from app.services.transfer.sources.cii import NS, EInvoice, Party, parse_cii

log = logging.getLogger(__name__)
LEGAL_FORMS = frozenset(
    [
        "sa",
        "sas",
        "sasu",
        "sarl",
        "eurl",
        "sci",
        "snc",
        "scop",
        "scp",
        "selarl",
        "selas",
        "ei",
        "eirl",
        "srl",
        "sprl",
        "bv",
        "bvba",
        "nv",
        "gmbh",
        "ltd",
        "llc",
        "inc",
    ]
)


@dataclass(frozen=True)
class Read:
    """One file read: its invoice (None when it was refused) and whether it is a PDF."""

    path: Path
    pdf: bool
    invoice: EInvoice | None
    problems: tuple[Problem, ...] = ()


def read_all(paths: list[Path], settings: CompanySettings) -> list[Read]:
    return [read_one(path, settings) for path in paths]


def read_one(path: Path, settings: CompanySettings) -> Read:
    file = str(path)

    def refused(message: str, line: int | None = None, column: str | None = None) -> Read:
        return Read(path, False, None, (Problem(message, file=file, line=line, column=column),))

    try:
        data = path.read_bytes()
    except OSError as error:
        return refused(_("cannot read the file ({detail})").format(detail=error.strerror))
    pdf = data.startswith(b"%PDF")
    if pdf:
        xml = _xml_of_pdf(data)
        if xml is None:
            return refused(_("no Factur-X or CII XML invoice found in this PDF"))
    elif path.suffix.lower() == ".pdf":
        return refused(_("not a PDF file"))
    else:
        xml = data
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        detail = re.sub(r",? line \d+, column \d+$", "", str(error.msg or error))
        return refused(_("not well-formed XML: {detail}").format(detail=detail), line=line)
    schema = _schema_problem(root)
    if schema is not None:
        return refused(schema[0], line=schema[1])
    invoice, found = parse_cii(root)
    problems = [Problem(message, file=file, column=column) for column, message in found]
    if invoice is not None:
        refusal = _refusal(invoice, settings)
        if refusal:
            problems.append(Problem(refusal, file=file))
            invoice = None
    return Read(path, pdf, invoice, tuple(problems))


def _xml_of_pdf(data: bytes) -> bytes | None:
    import facturx

    logging.getLogger("factur-x").setLevel(logging.CRITICAL)  # "no XML found" is ours to say
    try:
        _name, xml = facturx.get_xml_from_pdf(data, check_xsd=False)
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on a broken PDF
        log.info("no XML read from the PDF: %s", error)
        return None
    return xml if isinstance(xml, bytes) and xml else None


def _schema_problem(root: Any) -> tuple[str, int | None] | None:
    """The Factur-X XSD of the file's own profile (MINIMUM … EXTENDED), as the library has it:
    the reason and the line, said with the usual prefixes (ram:TypeCode)."""
    import facturx

    logging.getLogger("factur-x").setLevel(logging.CRITICAL)  # its reasons are ours to say
    try:
        flavor = facturx.get_flavor(root)
        if flavor not in ("factur-x", "facturx"):
            return _("not a Factur-X / CII e-invoice ({flavor})").format(flavor=flavor), None
        level = facturx.get_level(root, flavor)
        facturx.xml_check_xsd(root, flavor=flavor, level=level)
    except Exception as error:  # noqa: BLE001 - the library raises bare Exceptions
        detail = str(error.__cause__ or error).strip() or type(error).__name__
        for prefix, uri in NS.items():
            detail = detail.replace("{" + uri + "}", prefix + ":")
        found = re.search(r",? line (\d+)\.?$", detail)
        line = int(found[1]) if found else None
        detail = detail[: found.start()] if found else detail
        return _("not a valid Factur-X e-invoice: {detail}").format(detail=detail), line
    return None


def siren(legal_id: str, vat_number: str = "") -> str:
    """The 9-digit SIREN from a SIREN or SIRET, or from a French VAT number."""
    digits = re.sub(r"\D", "", legal_id)
    if len(digits) in (9, 14):
        return digits[:9]
    vat = normal_vat(vat_number)
    if re.fullmatch(r"FR[0-9A-Z]{2}\d{9}", vat):
        return vat[4:]
    return ""


def normal_vat(vat_number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", vat_number.upper())


def normal_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)
    return " ".join(w for w in words if w not in LEGAL_FORMS)


def identities(legal_id: str, vat_number: str) -> set[str]:
    found = set()
    if siren(legal_id, vat_number):
        found.add("siren:" + siren(legal_id, vat_number))
    if normal_vat(vat_number):
        found.add("vat:" + normal_vat(vat_number))
    return found


def is_company(party: Party, settings: CompanySettings) -> bool:
    """Same SIREN or VAT number when both sides have one; else the same name."""
    mine = identities(settings.legal_id, settings.vat_number)
    theirs = identities(party.legal_id, party.vat_number)
    if mine and theirs:
        return bool(mine & theirs)
    return bool(normal_name(party.name)) and normal_name(party.name) == normal_name(settings.name)


def _refusal(invoice: EInvoice, settings: CompanySettings) -> str:
    if is_company(invoice.seller, settings):
        return ""
    if is_company(invoice.buyer, settings):
        return _(
            "{number} is a supplier's invoice: {seller} invoices your company; only the "
            "invoices your company issues are imported"
        ).format(number=invoice.number, seller=invoice.seller.name)
    return _(
        "{number} is issued by {seller}, not by {company}: only the invoices your company "
        "issues are imported (check the SIREN and VAT number in the company settings)"
    ).format(number=invoice.number, seller=invoice.seller.name, company=settings.name)
