"""One letter as ReportLab flowables, plus what its page decorations print."""

from __future__ import annotations

from typing import Any

from app.adapters.pdf.blocks import (
    claim_table,
    instalments_table,
    invoice_table,
    markup,
    payment_block,
)
from app.adapters.pdf.compose import Composed, payment_reference
from app.adapters.pdf.formatting import LetterFormat
from app.adapters.pdf.layout import MM, PageHead, styles
from app.adapters.pdf.model import AddressedLetter, CompanyInfo, Recipient


def page_head(item: AddressedLetter, composed: Composed, fmt: LetterFormat) -> PageHead:
    company, recipient, letter = item.company, item.recipient, item.letter
    tr = fmt.tr
    lines: list[tuple[str, str]] = [("head_name", markup(company.name))]
    for line in (*company.address_lines, _town(company.postcode, company.city)):
        if line:
            lines.append(("head", markup(line)))
    contact = " · ".join(
        x
        for x in (
            tr("Tel. {phone}").format(phone=company.phone) if company.phone else "",
            company.email,
        )
        if x
    )
    if contact:
        lines.append(("head", markup(contact)))
    ids = legal_ids(company, fmt)
    if ids:
        lines.append(("head_small", markup(ids)))
    footer = " · ".join(x for x in (company.name, ids, company.legal_mentions) if x)
    return PageHead(
        company_lines=tuple(lines),
        logo_path=str(company.logo_path) if company.logo_path else "",
        address_markup=tuple(markup(x) for x in address_lines(recipient, company, fmt)),
        registered_mail=markup(composed.registered_mail),
        later_header=" — ".join(
            x for x in (company.name, recipient.name, fmt.long_day(letter.date)) if x
        ),
        footer=markup(footer),
        page_label=tr("Page {page}/{pages}"),
    )


def legal_ids(company: CompanyInfo, fmt: LetterFormat) -> str:
    tr = fmt.tr
    parts = []
    if company.country == "BE" and (company.siren or company.siret):
        parts.append(tr("Enterprise no. {number}").format(number=company.siren or company.siret))
    elif company.siret:
        parts.append(tr("SIRET {number}").format(number=company.siret))
    elif company.siren:
        parts.append(tr("SIREN {number}").format(number=company.siren))
    if company.vat_number:
        parts.append(tr("VAT no. {number}").format(number=company.vat_number))
    return " · ".join(parts)


def address_lines(recipient: Recipient, company: CompanyInfo, fmt: LetterFormat) -> list[str]:
    """Postal order: name, street lines, postcode and CITY, COUNTRY when abroad."""
    lines = [
        recipient.name,
        *recipient.address_lines,
        _town(recipient.postcode, recipient.city.upper()),
    ]
    if recipient.country and recipient.country != company.country:
        lines.append(_country_name(recipient.country, fmt.language).upper())
    return [x for x in lines if x.strip()]


def letter_flowables(item: AddressedLetter, composed: Composed, fmt: LetterFormat) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    letter, company, recipient = item.letter, item.company, item.recipient
    sty, tr = styles(), fmt.tr
    when = fmt.long_day(letter.date)
    place_date = (
        tr("{place}, {date}").format(place=letter.place, date=when) if letter.place else when
    )
    story: list[Any] = [Paragraph(markup(place_date), sty["place_date"])]
    refs = [tr("Client code: {code}").format(code=recipient.client_code)]
    if letter.reference:
        refs.append(tr("Our reference: {reference}").format(reference=letter.reference))
    story.append(Paragraph(markup(" · ".join(refs)), sty["reference"]))
    colon = "\u00a0: " if letter.language == "fr" else ": "
    story.append(
        Paragraph(
            f"<b>{markup(composed.subject_label + colon)}</b>{markup(composed.subject)}",
            sty["subject"],
        )
    )
    reference = payment_reference(letter, recipient)
    blocks = list(composed.blocks)
    closing = blocks.pop() if blocks and blocks[-1][0] == "text" else None
    # The payment box just before the closing goes to the next page with it and the signature.
    held = blocks.pop() if closing and blocks and blocks[-1] == ("table", "payment") else None
    for kind, content in blocks:
        if kind == "text":
            story.append(Paragraph(markup(content), sty["body"]))
        else:
            story.extend([_table(content, item, fmt, reference), Spacer(1, 4 * MM)])
            if content == "invoices" and composed.terms_note:
                story.append(Paragraph(markup(composed.terms_note), sty["note"]))
    ending: list[Any] = []
    if held is not None:
        ending.extend([_table(held[1], item, fmt, reference), Spacer(1, 4 * MM)])
    if closing is not None:
        ending.append(Paragraph(markup(closing[1]), sty["body"]))
    ending.append(Spacer(1, 3 * MM))
    ending.extend(_signature(company))
    story.append(KeepTogether(ending))
    return story


def _table(name: str, item: AddressedLetter, fmt: LetterFormat, reference: str) -> Any:
    if name == "invoices":
        return invoice_table(item.letter, fmt)
    if name == "claim":
        return claim_table(item.letter, item.recipient, fmt)
    if name == "instalments":
        return instalments_table(item.letter, fmt)
    return payment_block(item.letter, item.company, reference, fmt)


def _signature(company: CompanyInfo) -> list[Any]:
    from reportlab.platypus import Paragraph

    sty = styles()["signature"]
    lines = [f"<b>{markup(company.signatory_name or company.name)}</b>"]
    if company.signatory_title:
        lines.append(markup(company.signatory_title))
    if company.signatory_name:
        lines.append(markup(company.name))
    return [Paragraph("<br/>".join(lines), sty)]


def _town(postcode: str, city: str) -> str:
    return " ".join(x for x in (postcode.strip(), city.strip()) if x)


def _country_name(code: str, language: str) -> str:
    from babel import Locale

    from app.i18n import babel_locale

    name: str = Locale.parse(babel_locale(language)).territories.get(code.upper(), code)
    return name
