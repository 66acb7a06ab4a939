"""A FEC read as receivables: customer sub-accounts (411 + CompAuxNum) become clients, their
debits invoices, their credits credit notes (sales and other entries) or payments (entries on a
bank or cash account, class 5), their lettering allocations. Supplier accounts (40…) and every
other account are counted and ignored."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.db.repositories import transfer
from app.domain.errors import Problem
from app.domain.ledger.lettering import Lettered, match
from app.domain.money import ZERO
from app.i18n import _, ngettext
from app.services.dossier import CompanySettings
from app.services.transfer.sources.fec_reading import FecFile, FecLine

CUSTOMERS = "411"
SUPPLIERS = "40"
TREASURY = ("5", "413")  # bank, cash, cheques to cash; bills receivable
SALES_JOURNALS = frozenset({"V", "VE", "VT", "VTE", "VEN", "VENTE", "VENTES", "VT1", "VE1"})


@dataclass
class Doc:
    """An invoice or credit note found on a customer account."""

    number: str
    client: str
    kind: str  # invoice | credit_note
    issue_date: date
    total: Decimal
    line: int
    label: str
    sales: bool
    letters: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    known: bool = False  # already in the dossier: left as it is
    parts: list[tuple[str, Decimal]] = field(default_factory=list)  # credit note → invoices


@dataclass
class Receipt:
    """Money received: the customer credits of one bank or cash entry, for one client."""

    client: str
    date: date
    reference: str
    method: str
    amount: Decimal
    line: int
    letters: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    known: bool = False
    parts: list[tuple[str | None, Decimal]] = field(default_factory=list)


@dataclass
class FecPlan:
    fec: FecFile
    new_clients: list[dict[str, Any]] = field(default_factory=list)
    known_clients: int = 0
    docs: list[Doc] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    supplier_lines: int = 0
    other_lines: int = 0
    outside_sales: int = 0
    terms: dict[str, int] = field(default_factory=dict)  # client code → days
    late: list[Any] = field(default_factory=list)  # fec_later.LateApplication
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def count(self, kind: str, known: bool = False) -> int:
        return sum(1 for d in self.docs if d.kind == kind and d.known == known)

    def lettered(self) -> int:
        """Allocations the lettering gives to what is written (not to what was there)."""
        paid = sum(1 for r in self.new_receipts for number, _a in r.parts if number)
        noted = sum(len(d.parts) for d in self.docs if d.kind == "credit_note" and not d.known)
        return paid + noted + len(self.late)

    @property
    def new_receipts(self) -> list[Receipt]:
        return [r for r in self.receipts if not r.known]


def _is_sales(lines: list[FecLine]) -> bool:
    head = lines[0]
    if head.journal.upper() in SALES_JOURNALS or "vente" in head.journal_label.lower():
        return True
    return any(line.account.startswith("7") for line in lines)


def plan_fec(session: Session, fec: FecFile, settings: CompanySettings) -> FecPlan:
    plan = FecPlan(fec)
    entries: dict[tuple[str, str], list[FecLine]] = defaultdict(list)
    for line in fec.lines:
        entries[line.key].append(line)
    names: dict[str, str] = {}
    docs: dict[tuple[str, str, str, str], Doc] = {}
    receipts: dict[tuple[str, str, str], Receipt] = {}
    for lines in entries.values():
        sales = _is_sales(lines)
        treasury = any(line.account.startswith(TREASURY) for line in lines)
        for line in lines:
            code = _client_code(plan, line)
            if code is None:
                continue
            names.setdefault(code, (line.aux_label or line.account_label or code)[:200])
            net = line.debit - line.credit
            if net > ZERO:
                _add_doc(plan, docs, line, code, "invoice", net, sales)
            elif net < ZERO and treasury:
                _add_receipt(receipts, line, code, -net)
            elif net < ZERO:
                _add_doc(plan, docs, line, code, "credit_note", -net, sales)
    plan.docs = _numbered(plan, docs)
    plan.receipts = list(receipts.values())
    _letter(plan)
    _against_dossier(session, plan, names, settings)
    return plan


def _client_code(plan: FecPlan, line: FecLine) -> str | None:
    if line.account.startswith(SUPPLIERS):
        plan.supplier_lines += 1
        return None
    if not line.account.startswith(CUSTOMERS):
        plan.other_lines += 1
        return None
    code = line.aux or ("" if line.account.rstrip("0") == CUSTOMERS else line.account)
    if not code:
        plan.other_lines += 1
        plan.warnings.append(
            Problem(
                _("customer line without an auxiliary account: ignored"),
                file=plan.fec.file,
                line=line.line,
                column="CompAuxNum",
            )
        )
        return None
    if len(code) > 40:
        plan.problems.append(
            Problem(
                _("too long: {length} characters, at most {limit}").format(
                    length=len(code), limit=40
                ),
                file=plan.fec.file,
                line=line.line,
                column="CompAuxNum",
            )
        )
        return None
    return code


def _add_doc(
    plan: FecPlan,
    docs: dict[tuple[str, str, str, str], Doc],
    line: FecLine,
    code: str,
    kind: str,
    amount: Decimal,
    sales: bool,
) -> None:
    """Sales lines of one piece make one document; elsewhere, one per entry (a bounced payment
    that names the invoice it was for stays apart from that invoice)."""
    number = line.piece or f"{line.journal}{line.entry}"
    origin = "" if sales else f"{line.journal}{line.entry}"
    doc = docs.get((kind, number, code, origin))
    if doc is None:
        doc = Doc(number, code, kind, line.entry_date, ZERO, line.line, line.label, sales)
        docs[(kind, number, code, origin)] = doc
        if kind == "invoice" and not sales:
            plan.outside_sales += 1
    doc.total += amount
    doc.issue_date = min(doc.issue_date, line.entry_date)
    if line.letter:
        doc.letters[line.letter] += amount


def _add_receipt(
    receipts: dict[tuple[str, str, str], Receipt], line: FecLine, code: str, amount: Decimal
) -> None:
    key = (line.journal, line.entry, code)
    receipt = receipts.get(key)
    if receipt is None:
        where = f"{line.journal} {line.entry}"
        reference = f"{line.piece} ({where})" if line.piece else where
        receipt = Receipt(
            code, line.entry_date, reference[:200], line.journal_label[:40], ZERO, line.line
        )
        receipts[key] = receipt
    receipt.amount += amount
    if line.letter:
        receipt.letters[line.letter] += amount


def _numbered(plan: FecPlan, docs: dict[tuple[str, str, str, str], Doc]) -> list[Doc]:
    """One number per document: a piece shared by several clients (an opening entry) gets the
    client's code, a piece used again outside the sales journal its entry, a credit note with
    its invoice's piece "-AV"; in file order, deterministic."""
    clients_of: dict[str, set[str]] = defaultdict(set)
    uses: dict[tuple[str, str, str], int] = defaultdict(int)
    invoiced: set[tuple[str, str]] = set()
    for kind, number, code, _origin in docs:
        clients_of[number].add(code)
        uses[(kind, number, code)] += 1
        if kind == "invoice":
            invoiced.add((number, code))
    result = []
    taken: set[str] = set()
    for (kind, number, code, origin), doc in sorted(docs.items(), key=lambda d: d[1].line):
        if len(clients_of[number]) > 1:
            doc.number = f"{doc.number}-{code}"
        if origin and uses[(kind, number, code)] > 1:
            doc.number = f"{doc.number}-{origin}"
        if kind == "credit_note" and (number, code) in invoiced:
            doc.number = f"{doc.number}-AV"
        base, n = doc.number, 1
        while doc.number in taken:
            n += 1
            doc.number = f"{base}-{n}"
        taken.add(doc.number)
        if len(doc.number) > 60:
            plan.problems.append(
                Problem(
                    _("too long: {length} characters, at most {limit}").format(
                        length=len(doc.number), limit=60
                    ),
                    file=plan.fec.file,
                    line=doc.line,
                    column="PieceRef",
                )
            )
        result.append(doc)
    return result


def _letter(plan: FecPlan) -> None:
    """Each lettering code of a client: its credits settle its debits, oldest first."""
    debits: dict[tuple[str, str], list[Lettered]] = defaultdict(list)
    credits: dict[tuple[str, str], list[Lettered]] = defaultdict(list)
    for doc in plan.docs:
        side = debits if doc.kind == "invoice" else credits
        for letter, amount in doc.letters.items():
            side[(doc.client, letter)].append(Lettered(doc.number, doc.issue_date, amount))
    for index, receipt in enumerate(plan.receipts):
        for letter, amount in receipt.letters.items():
            credits[(receipt.client, letter)].append(Lettered(index, receipt.date, amount))
    notes = {d.number: d for d in plan.docs if d.kind == "credit_note"}
    settled: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for group, sources in credits.items():
        for found in match(debits.get(group, []), sources):
            invoice = str(found.debit)
            if isinstance(found.credit, int):
                settled[found.credit][invoice] += found.amount
            else:
                notes[str(found.credit)].parts.append((invoice, found.amount))
    for index, receipt in enumerate(plan.receipts):
        parts: list[tuple[str | None, Decimal]] = list(settled[index].items())
        rest = receipt.amount - sum((amount for _n, amount in parts), ZERO)
        if rest > ZERO:
            parts.append((None, rest))  # unlettered: the client's credit
        receipt.parts = parts


def _against_dossier(
    session: Session, plan: FecPlan, names: dict[str, str], settings: CompanySettings
) -> None:
    """What is already in the dossier is left as it is: re-importing a FEC adds what is new."""
    clients = transfer.clients_by_code(session)
    for code, name in names.items():
        client = clients.get(code)
        if client is None:
            plan.new_clients.append(_client_row(code, name, settings))
        else:
            plan.known_clients += 1
            if client["payment_terms_days"] is not None:
                plan.terms[code] = client["payment_terms_days"]
    known = transfer.invoices_by_number(session, {d.number for d in plan.docs})
    totals = transfer.invoice_totals(session, known)
    for doc in plan.docs:
        ref = known.get(doc.number)
        if ref is None:
            continue
        client = clients.get(doc.client)
        if client is None or ref.client_id != client["id"] or ref.kind != doc.kind:
            plan.problems.append(
                Problem(
                    _(
                        "{number} is already in the dossier for another client or as another kind"
                    ).format(number=doc.number),
                    file=plan.fec.file,
                    line=doc.line,
                    column="PieceRef",
                )
            )
        doc.known = True
        if totals.get(doc.number, doc.total) != doc.total:
            plan.warnings.append(
                changed_total(plan.fec.file, doc.line, doc.number, totals[doc.number], doc.total)
            )
    ids = {code: c["id"] for code, c in clients.items()}
    recorded = transfer.existing_payments(session, {r.reference for r in plan.receipts})
    for receipt in plan.receipts:
        client_id = ids.get(receipt.client)
        if client_id is not None and (client_id, receipt.date, receipt.reference) in recorded:
            receipt.known = True


def changed_total(file: str, line: int | None, number: str, old: Decimal, new: Decimal) -> Problem:
    return Problem(
        _(
            "{number} is already in the dossier with a total of {old}, the file says {new}: "
            "left as it is"
        ).format(number=number, old=old, new=new),
        file=file,
        line=line,
    )


def _client_row(code: str, name: str, settings: CompanySettings) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "country": settings.country,
        "language": settings.language,
        "client_type": "business",
        "preferred_channel": "letter",
    }


def due_date(plan: FecPlan, doc: Doc, settings: CompanySettings) -> date:
    if doc.kind == "credit_note":
        return doc.issue_date
    return doc.issue_date + timedelta(days=plan.terms.get(doc.client, settings.terms_days))


def notes(plan: FecPlan, settings: CompanySettings) -> list[str]:
    """What the user should know before confirming (shown with the dry run's counts)."""
    said = []
    if plan.count("invoice"):
        said.append(
            _(
                "A FEC has no due dates: each invoice falls due {days} days after its entry date "
                "(the company's terms), or after the client's own terms when the client has some."
            ).format(days=settings.terms_days)
        )
    if plan.outside_sales:
        said.append(
            ngettext(
                "{count} customer debit outside a sales entry (opening balance, miscellaneous "
                "entry, bounced payment) is imported as an invoice.",
                "{count} customer debits outside a sales entry (opening balances, miscellaneous "
                "entries, bounced payments) are imported as invoices.",
                plan.outside_sales,
            ).format(count=plan.outside_sales)
        )
    unlettered = sum(1 for r in plan.new_receipts if any(n is None for n, _a in r.parts))
    if unlettered:
        said.append(
            ngettext(
                "{count} receipt is not (or not wholly) lettered: what is not lettered stays as "
                "the client's credit.",
                "{count} receipts are not (or not wholly) lettered: what is not lettered stays "
                "as the client's credit.",
                unlettered,
            ).format(count=unlettered)
        )
    return said
