"""E-invoices into the ledger: the buyer becomes a client (matched by SIREN or VAT number, then
by name; created when new), the invoice or credit note is recorded, its PDF kept with it.
Every file is checked first; then all are written in one transaction, or none."""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Client, Invoice
from app.db.repositories import transfer
from app.domain.errors import Problem
from app.domain.money import quantize
from app.domain.terms import PaymentTerms, parse_terms
from app.i18n import _, ngettext
from app.services.dossier import CompanySettings
from app.services.transfer.importers import invoices, payments
from app.services.transfer.importers.fields import country_codes
from app.services.transfer.sources.cii import EInvoice, Party
from app.services.transfer.sources.facturx import Read, identities, normal_name
from app.services.transfer.sources.fec import changed_total


@dataclass
class Planned:
    read: Read
    invoice: EInvoice
    client: str  # code
    due_date: date
    applies_to: str | None = None


@dataclass
class EPlan:
    planned: list[Planned] = field(default_factory=list)
    new_clients: list[dict[str, Any]] = field(default_factory=list)
    known_clients: set[str] = field(default_factory=set)
    known: int = 0
    attach: list[tuple[int, Path]] = field(default_factory=list)  # invoice in the dossier, PDF
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        kinds = [p.invoice.kind for p in self.planned]
        return {
            "clients_created": len(self.new_clients),
            "clients_known": len(self.known_clients),
            "invoices": kinds.count("invoice"),
            "credit_notes": kinds.count("credit_note"),
            "invoices_known": self.known,
            "attached": sum(1 for p in self.planned if p.read.pdf) + len(self.attach),
            "attached_known": len(self.attach),
        }


class _Clients:
    """The dossier's clients (and those this batch creates), found by SIREN, VAT, then name."""

    def __init__(self, session: Session, settings: CompanySettings) -> None:
        self.settings = settings
        self.by_code = transfer.clients_by_code(session)
        self.index: dict[str, str] = {}
        for code, row in sorted(self.by_code.items()):
            self._remember(code, row["name"], row["legal_id"] or "", row["vat_number"] or "")

    def _remember(self, code: str, name: str, legal_id: str, vat_number: str) -> None:
        for key in (*sorted(identities(legal_id, vat_number)), "name:" + normal_name(name)):
            self.index.setdefault(key, code)

    def find(self, buyer: Party) -> str | None:
        for key in sorted(identities(buyer.legal_id, buyer.vat_number)):
            if key in self.index:
                return self.index[key]
        return self.index.get("name:" + normal_name(buyer.name)) if buyer.name else None

    def create(self, plan: EPlan, buyer: Party) -> str:
        ascii_name = unicodedata.normalize("NFKD", buyer.name).encode("ascii", "ignore").decode()
        base = re.sub(r"[^A-Z0-9]", "", ascii_name.upper())[:20] or "CLIENT"
        code, n = base, 1
        while code in self.by_code:
            n += 1
            code = f"{base}-{n}"
        country = buyer.country if buyer.country in country_codes() else self.settings.country
        row = {
            "code": code,
            "name": buyer.name[:200],
            "legal_id": buyer.legal_id[:40],
            "vat_number": re.sub(r"\s", "", buyer.vat_number).upper()[:20],
            "address": buyer.address,
            "postcode": buyer.postcode[:20],
            "city": buyer.city[:100],
            "country": country,
            "email": buyer.email[:200] if "@" in buyer.email else "",
            "language": self.settings.language,
            "client_type": "business",
            "payment_terms_days": None,
        }
        plan.new_clients.append(row)
        self.by_code[code] = {"id": None, **row}
        self._remember(code, buyer.name, buyer.legal_id, buyer.vat_number)
        return code


def plan_invoices(session: Session, reads: list[Read], settings: CompanySettings) -> EPlan:
    plan = EPlan()
    for read in reads:
        plan.problems.extend(read.problems)
    clients = _Clients(session, settings)
    found = [r for r in reads if r.invoice is not None]
    numbers = {r.invoice.number for r in found if r.invoice} | {
        r.invoice.corrects for r in found if r.invoice and r.invoice.corrects
    }
    in_dossier = transfer.invoices_by_number(session, numbers)
    seen: dict[str, Planned] = {}
    derived = 0
    for read in found:
        invoice = read.invoice
        assert invoice is not None
        file = str(read.path)
        if invoice.number in seen:
            plan.problems.append(
                Problem(
                    _("invoice {number} is also in {file}").format(
                        number=invoice.number, file=seen[invoice.number].read.path.name
                    ),
                    file=file,
                )
            )
            continue
        if len(invoice.number) > 60:
            plan.problems.append(
                Problem(_("the invoice number is longer than 60 characters"), file=file)
            )
            continue
        if invoice.currency != settings.currency and invoice.currency not in _currencies():
            plan.problems.append(
                Problem(
                    _("'{value}' is not an ISO 4217 currency code such as EUR").format(
                        value=invoice.currency
                    ),
                    file=file,
                )
            )
            continue
        code = clients.find(invoice.buyer)
        if code is None:
            code = clients.create(plan, invoice.buyer)
        elif clients.by_code[code]["id"] is not None:
            plan.known_clients.add(code)
        existing = in_dossier.get(invoice.number)
        if existing is not None:
            _known(plan, read, invoice, existing, clients.by_code[code]["id"], session)
            continue
        due = invoice.due_date
        stated = terms_in(invoice.terms)
        if due is None and stated is not None:
            due = stated.due_date(invoice.issue_date)
        if due is None:
            terms = clients.by_code[code].get("payment_terms_days")
            due = invoice.issue_date + timedelta(
                days=settings.terms_days if terms is None else terms
            )
            derived += invoice.kind == "invoice"
        planned = Planned(
            read, invoice, code, due if invoice.kind == "invoice" else invoice.issue_date
        )
        planned.applies_to = _target(invoice, code, seen, in_dossier, clients)
        seen[invoice.number] = planned
        plan.planned.append(planned)
    if derived:
        plan.notes.append(
            ngettext(
                "{count} e-invoice gives no due date: it falls due {days} days after its issue "
                "date (the company's terms), or after the client's own terms.",
                "{count} e-invoices give no due date: they fall due {days} days after their "
                "issue date (the company's terms), or after the client's own terms.",
                derived,
            ).format(count=derived, days=settings.terms_days)
        )
    return plan


_TERMS = re.compile(
    r"\d{1,3}\s*(?:j|jours?|days?)\b(?:\s*[,/]?\s*(?:fin\s+de\s+mois|end\s+of\s+(?:the\s+)?month"
    r"|fdm|eom))?",
    re.IGNORECASE,
)


def terms_in(text: str) -> PaymentTerms | None:
    """The terms a payment terms sentence states ("Paiement à 45 jours fin de mois")."""
    found = _TERMS.search(text)
    return parse_terms(found[0]) if found else parse_terms(text)


def _currencies() -> frozenset[str]:
    from app.services.transfer.importers.fields import currency_codes

    return currency_codes()


def _target(
    invoice: EInvoice,
    code: str,
    seen: dict[str, Planned],
    in_dossier: dict[str, transfer.InvoiceRef],
    clients: _Clients,
) -> str | None:
    """A credit note applies to the invoice it corrects when that invoice is the client's."""
    if invoice.kind != "credit_note" or not invoice.corrects:
        return None
    above = seen.get(invoice.corrects)
    if above is not None:
        same = above.client == code and above.invoice.kind == "invoice"
        return invoice.corrects if same and above.invoice.currency == invoice.currency else None
    ref = in_dossier.get(invoice.corrects)
    client_id = clients.by_code[code]["id"]
    if ref is None or ref.kind != "invoice" or ref.client_id != client_id:
        return None
    return invoice.corrects if ref.currency == invoice.currency else None


def _known(
    plan: EPlan,
    read: Read,
    invoice: EInvoice,
    existing: transfer.InvoiceRef,
    client_id: int | None,
    session: Session,
) -> None:
    """Imported before: left as it is, its PDF added when it has none yet."""
    if existing.client_id != client_id or existing.kind != invoice.kind:
        plan.problems.append(
            Problem(
                _(
                    "{number} is already in the dossier for another client or as another kind"
                ).format(number=invoice.number),
                file=str(read.path),
            )
        )
        return
    plan.known += 1
    total = transfer.invoice_totals(session, [invoice.number]).get(invoice.number)
    if total is not None and total != invoice.total:
        plan.warnings.append(
            changed_total(str(read.path), None, invoice.number, total, invoice.total)
        )
    row = session.get(Invoice, existing.id)
    if read.pdf and row is not None and not row.attachment_path:
        plan.attach.append((existing.id, read.path))


def keep_pdf(path: Path, attachments: Path) -> str:
    """Copied into the data folder, one folder per content (as an attached invoice PDF)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    folder = attachments / digest
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    if not target.exists():
        shutil.copyfile(path, target)
    return str(target)


def write(session: Session, plan: EPlan, attachments: Path | None) -> None:
    transfer.insert_rows(session, Client, plan.new_clients)
    ids = {code: row["id"] for code, row in transfer.clients_by_code(session).items()}
    rows = invoices.InvoicePlan()
    prepaid = payments.PaymentPlan()
    for p in plan.planned:
        kept = keep_pdf(p.read.path, attachments) if p.read.pdf and attachments else ""
        e = p.invoice
        net, tax = e.net, e.tax
        if net is None or tax is None or net + tax != e.total:
            net = tax = None
        row = {
            "number": e.number,
            "client_id": ids[p.client],
            "kind": e.kind,
            "issue_date": e.issue_date,
            "due_date": p.due_date,
            "currency": e.currency,
            "total": quantize(e.total),
            "net_amount": quantize(net) if net is not None else None,
            "tax_amount": quantize(tax) if tax is not None else None,
            "reference": e.reference,
            "description": e.terms,
            "attachment_path": kept,
        }
        if e.kind == "invoice":
            rows.invoices.append(row)
        else:
            rows.credit_notes.append({**row, "applies_to": p.applies_to})
        if e.kind == "invoice" and e.prepaid > 0:
            group = payments._Group(0, ids[p.client], e.issue_date, e.currency, "", e.number)
            group.lines = [{"number": e.number, "amount": quantize(e.prepaid)}]
            prepaid.groups.append(group)
    invoices.write(session, rows)
    numbers = {g.lines[0]["number"] for g in prepaid.groups}
    refs = transfer.invoices_by_number(session, numbers)
    for group in prepaid.groups:
        line = group.lines[0]
        group.lines = [{"invoice_id": refs[line.pop("number")].id, "amount": line["amount"]}]
    payments.write(session, prepaid)
    for invoice_id, path in plan.attach:
        known = session.get(Invoice, invoice_id)
        if known is not None and attachments is not None:
            known.attachment_path = keep_pdf(path, attachments)
    session.flush()
