"""Compose a letter's text from its template, in the client's language (fr or en)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

from app import i18n
from app.domain.epc import epc_payload
from app.domain.errors import InvalidInput
from app.domain.money import ZERO
from app.paths import resources_dir, user_config_dir
from app.services.letter_model import LetterDoc, Party, Table

PLACEHOLDERS = {"invoice_phrase", "subject_invoices", "next_due_date", "total_due", "deadline", "company_name",
                "client_name", "claim_total", "legal_basis"}
TEMPLATE_FOR_LEVEL = {"collection": "formal_notice"}


def template_path(name: str, lang: str) -> Path:
    """The user's copy (settings folder) wins over the bundled template."""
    for root in (user_config_dir() / "templates", resources_dir() / "templates"):
        path = root / "letters" / lang / f"{name}.txt"
        if path.exists():
            return path
    return resources_dir() / "templates" / "letters" / "fr" / f"{name}.txt"


@cache
def _read(path: Path, mtime: float) -> tuple[str, tuple[str, ...]]:
    text = path.read_text(encoding="utf-8")
    head, _sep, body = text.partition("\n\n")
    subject = head.split(":", 1)[1].strip() if ":" in head else head.strip()
    paragraphs = tuple(" ".join(p.split()) for p in body.split("\n\n") if p.strip())
    return subject, paragraphs


def load_template(name: str, lang: str) -> tuple[str, tuple[str, ...]]:
    path = template_path(name, lang)
    subject, body = _read(path, path.stat().st_mtime)
    import string

    used = {f for text in (subject, *body) for _l, f, _s, _c in string.Formatter().parse(text) if f}
    unknown = used - PLACEHOLDERS
    if unknown:
        raise InvalidInput(f"{path}: unknown placeholders {', '.join(sorted(unknown))}")
    return subject, body


def build_letter(company, person, level: str, invoices, claims, as_of: date) -> LetterDoc:  # type: ignore[no-untyped-def]
    lang = person.language if person.language in i18n.LANGUAGES else company.language
    t = i18n.translator(lang)
    tr, ntr = t.gettext, t.ngettext
    currency = invoices[0].currency if invoices else company.currency

    def money(value: Decimal) -> str:
        return i18n.format_money(value, currency, lang)

    def day(value: date) -> str:
        return i18n.format_date(value, lang)

    balance = sum((i.total - i.paid for i in invoices), ZERO)
    rows = tuple(
        (i.number, day(i.issue_date), day(i.due_date), money(i.total), money(i.paid),
         money(i.total - i.paid), str(max(0, (as_of - i.due_date).days)))
        for i in invoices
    )
    table = Table(
        (tr("Invoice"), tr("Date"), tr("Due"), tr("Amount"), tr("Paid"), tr("Balance"),
         tr("Days late")),
        rows, ((tr("Balance due"), money(balance)),), frozenset({3, 4, 5, 6}))
    interest = sum((c.interest for _i, c in claims), ZERO)
    indemnity = sum((c.fixed_indemnity for _i, c in claims), ZERO)
    claim_total = balance + interest + indemnity
    claim_table = None
    if claims:
        claim_rows = []
        for invoice, claim in claims:
            found = sorted({p.rate_percent for p in claim.interest_periods})
            rates = " – ".join(i18n.format_number(r, lang) for r in (found[0], found[-1])[
                : 1 if len(found) == 1 else 2]) + " %" if found else "—"
            claim_rows.append((invoice.number, money(claim.principal), rates,
                               str(claim.days_late), money(claim.interest),
                               money(claim.fixed_indemnity)))
        claim_table = Table(
            (tr("Invoice"), tr("Principal"), tr("Rate"), tr("Days late"), tr("Late interest"),
             tr("Recovery indemnity")),
            tuple(claim_rows), ((tr("Total claimed"), money(claim_total)),),
            frozenset({1, 2, 3, 4, 5}))
    consumer = person.client_type == "consumer"
    belgian = company.country == "BE"
    legal_basis = (tr("Late interest at the legal rate runs from this formal notice (article "
                      "1231-6 of the Civil Code).") if consumer and not belgian else
                   tr("Interest and damages are claimed within the limits of article XIX.4 of "
                      "the Code of Economic Law.") if consumer else
                   tr("Late-payment interest is due by operation of law from the day after the "
                      "due date, and a fixed compensation of 40 euros is due for each invoice "
                      "paid late (articles 5 and 6 of the law of 2 August 2002).") if belgian else
                   tr("Late-payment interest is due from the day after the due date without any "
                      "reminder being needed, and a fixed recovery indemnity of 40 euros is due "
                      "for each invoice paid late (article L441-10 and D441-5 of the Commercial "
                      "Code)."))
    open_due = [i.due_date for i in invoices if i.due_date >= as_of]
    numbers = ", ".join(i.number for i in invoices)
    count = len(invoices)
    values = {
        "invoice_phrase": ntr("the invoice {numbers}", "the invoices {numbers}", count).format(
            numbers=numbers) if count <= 3 else
        tr("the {count} invoices listed below").format(count=count),
        "subject_invoices": ntr("invoice {numbers}", "invoices {numbers}", count).format(
            numbers=numbers) if count <= 3 else
        ntr("{count} invoice", "{count} invoices", count).format(count=count),
        "next_due_date": day(min(open_due) if open_due else as_of),
        "total_due": money(balance),
        "deadline": i18n.format_date(as_of + timedelta(days=8), lang, "long"),
        "company_name": company.name,
        "client_name": person.name,
        "claim_total": money(claim_total),
        "legal_basis": legal_basis,
    }
    subject, body = load_template(TEMPLATE_FOR_LEVEL.get(level, level), lang)
    subject = subject.format_map(values)
    subject = subject[:1].upper() + subject[1:]
    body = tuple(p.format_map(values) for p in body)
    if level == "formal_notice" and not claims:
        body = tuple(p for p in body if p != "[claim]")
    sender_extra = tuple(x for x in (
        tr("SIRET {id}").format(id=company.legal_id) if company.legal_id else "",
        tr("VAT {id}").format(id=company.vat_number) if company.vat_number else "",
        " · ".join(x for x in (company.phone, company.email) if x)) if x)
    bank, payload = (), ""
    if company.iban:
        bank = (tr("Payment by bank transfer"), f"IBAN {company.iban}",
                f"BIC {company.bic}" if company.bic else "",
                tr("Reference: {numbers}").format(numbers=", ".join(i.number for i in invoices)))
        try:
            if currency == "EUR" and claim_total > 0:
                payload = epc_payload(company.name, company.iban, claim_total,
                                      " ".join(i.number for i in invoices), company.bic)
        except InvalidInput:
            payload = ""
    city = company.city or ""
    place_date = tr("{city}, {date}").format(city=city, date=i18n.format_date(
        as_of, lang, "long")) if city else i18n.format_date(as_of, lang, "long")
    return LetterDoc(
        sender=Party(company.name, _address(company.address, company.postcode, company.city),
                     sender_extra),
        recipient=Party(person.name, _address(person.address, person.postcode, person.city,
                                              person.country if person.country != "FR" else "")),
        place_date=place_date,
        reference=tr("Client {code}").format(code=person.code),
        subject=subject, body=body, invoices=table, claim=claim_table,
        registered_mail=tr("Registered letter with acknowledgement of receipt")
        if level == "formal_notice" else "",
        bank_lines=tuple(x for x in bank if x), epc_payload=payload,
        signature=(company.signatory or company.name,),
        page_label=tr("Page {page}/{pages}"), logo_path=company.logo_path,
        pay_by_qr=tr("Scan to pay from your banking app") if payload else "",
    )


def _address(street: str, postcode: str, city: str, country: str = "") -> tuple[str, ...]:
    lines = [line.strip() for line in street.splitlines() if line.strip()]
    town = " ".join(x for x in (postcode, city.upper()) if x)
    if town:
        lines.append(town)
    if country:
        lines.append(country)
    return tuple(lines)
