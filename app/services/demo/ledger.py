"""Demo invoices, credit notes and payments of one client, and their allocations.

Amounts are integer cents; the allocation runs through the domain rule on Decimal cents, so the
derived rows are exactly what `recompute_allocations` (app.db.repositories.ledger) would write.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.domain.ledger.allocation import AllocationResult, InvoiceFacts, Source, allocate
from app.services.demo import words as data
from app.services.demo.history_rows import InvoiceFollowUp
from app.services.demo.parties import ClientSpec

VAT_RATES = (2000, 1000, 550)  # basis points
VAT_WEIGHTS = (85, 10, 5)
METHOD_NAMES = [m[0] for m in data.PAYMENT_METHODS]
BUSINESS_WEIGHTS = [m[1] for m in data.PAYMENT_METHODS]
CONSUMER_WEIGHTS = [m[2] for m in data.PAYMENT_METHODS]
UNPAID_ROLES = ("current", "1-30", "31-60", "61-90", "over_90", "disputed")
PLAN_SHARE = 0.03  # late payers' large invoices settled through a payment plan


@dataclass(frozen=True, slots=True)
class Planned:
    """An invoice to generate: when, its number, and a forced outcome when the demo needs one."""

    issue_date: date
    number: str
    role: str = ""
    due_date: date | None = None


@dataclass
class Batch:
    """Rows ready for bulk insertion, with explicit ids so allocations can point at them."""

    invoices: list[dict[str, Any]] = field(default_factory=list)
    credit_notes: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    allocations: list[dict[str, Any]] = field(default_factory=list)

    def size(self) -> int:
        return len(self.invoices) + len(self.payments) + len(self.lines) + len(self.allocations)


@dataclass
class Ids:
    """Next free ids, shared by every client of a run (invoices and credit notes: one table)."""

    invoice: int
    payment: int
    line: int
    credit_note_number: int = 0
    disputed: int = 0


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def due_date_for(client: ClientSpec, issued: date) -> date:
    due = issued + timedelta(days=client.terms_days)
    return end_of_month(due) if client.end_of_month else due


class ClientLedger:
    """Generates one client's events up to `as_of` and appends them, allocated, to a batch."""

    def __init__(
        self,
        rng: random.Random,
        client: ClientSpec,
        as_of: date,
        ids: Ids,
        batch: Batch,
        currency: str = "EUR",
    ) -> None:
        self.rng = rng
        self.currency = currency
        self.client = client
        self.as_of = as_of
        self.ids = ids
        self.batch = batch
        self.facts: list[InvoiceFacts] = []
        self.sources: list[Source] = []
        self.monthly: dict[date, list[tuple[int | None, int]]] = {}
        self.rows: list[tuple[dict[str, Any], str]] = []
        self.plans: dict[int, tuple[date, tuple[tuple[date, int], ...]]] = {}
        self.result: AllocationResult | None = None

    def run(self, planned: list[Planned], with_deposit: bool) -> None:
        for item in planned:
            self._invoice(item)
        for settle_on, parts in sorted(self.monthly.items()):
            reference = f"VIR {self.client.code} {settle_on:%Y-%m}"
            self._payment(settle_on, parts, "Virement", reference)
        if with_deposit:
            day = self.as_of - timedelta(days=self.rng.randrange(5, 300))
            self._payment(day, [(None, self.rng.randrange(100, 1500) * 100)], "Virement", "Acompte")
        self._allocate()

    def followups(self, since: date) -> list[InvoiceFollowUp]:
        """The invoices still open on `since` or issued after, as the follow-up history needs
        them, once allocated."""
        assert self.result is not None
        last: dict[int, date] = {}
        for a in self.result.allocations:
            if a.date > last.get(a.invoice_id, date.min):
                last[a.invoice_id] = a.date
        balances = self.result.balances
        wanted: dict[int, tuple[dict[str, Any], str, date | None]] = {}
        for row, role in self.rows:
            settled = None
            if balances[row["id"]] <= 0:
                settled = last.get(row["id"], row["issue_date"])
                if settled <= since:
                    continue
            wanted[row["id"]] = (row, role, settled)
        paid: dict[int, list[tuple[date, int]]] = {}
        for a in self.result.allocations:
            if a.invoice_id in wanted:
                paid.setdefault(a.invoice_id, []).append((a.date, int(a.amount)))
        items = []
        for invoice_id, (row, role, settled) in wanted.items():
            payments = tuple(sorted(paid.get(invoice_id, ())))
            items.append(
                InvoiceFollowUp(
                    row["id"],
                    row["issue_date"],
                    row["due_date"],
                    row["total"],
                    role,
                    settled,
                    payments,
                    row["dispute_reason"] if row["disputed"] else "",
                    self.plans.get(row["id"]),
                )
            )
        return items

    def credit(self) -> list[tuple[date, int]]:
        """The client's unapplied credit: (date it arose, cents)."""
        assert self.result is not None
        left = self.result.unapplied
        return sorted(
            (s.date, int(left[(s.kind, s.id)]))
            for s in self.sources
            if left.get((s.kind, s.id), 0) > 0
        )

    def _allocate(self) -> None:
        self.result = allocate(self.facts, self.sources)
        for a in self.result.allocations:
            is_payment = a.source_kind == "payment"
            self.batch.allocations.append(
                {
                    "client_id": self.client.id,
                    "invoice_id": a.invoice_id,
                    "payment_line_id": a.source_id if is_payment else None,
                    "credit_note_id": None if is_payment else a.source_id,
                    "amount": int(a.amount),
                    "date": a.date,
                }
            )

    def _amounts(self) -> tuple[int, int, int]:
        """(net, tax, total) in cents: many small invoices, a few large ones."""
        rng = self.rng
        median, low, high = (250, 20, 5000) if self.client.is_consumer else (900, 40, 60000)
        euros = min(high, max(low, rng.lognormvariate(0, 0.9) * median))
        net = int(euros) * 100 if rng.random() < 0.7 else int(euros * 100)
        rate = rng.choices(VAT_RATES, weights=VAT_WEIGHTS)[0]
        tax = (net * rate + 5000) // 10000
        return net, tax, net + tax

    def _invoice(self, item: Planned) -> None:
        rng, client = self.rng, self.client
        invoice_id = self._next_invoice_id()
        net, tax, total = self._amounts()
        due = item.due_date or due_date_for(client, item.issue_date)
        purchase_order = not client.is_consumer and rng.random() < 0.25
        row = {
            "id": invoice_id,
            "number": item.number,
            "client_id": client.id,
            "kind": "invoice",
            "issue_date": item.issue_date,
            "due_date": due,
            "currency": self.currency,
            "total": total,
            "net_amount": net,
            "tax_amount": tax,
            "reference": f"BC-{rng.randrange(1000, 99999)}" if purchase_order else "",
            "description": client.work,
            "applies_to_id": None,
            "disputed": False,
            "dispute_reason": "",
        }
        self.batch.invoices.append(row)
        self.rows.append((row, item.role))
        self.facts.append(InvoiceFacts(invoice_id, item.issue_date, Decimal(total), self.currency))
        owed = total - self._credit_note(item, row)
        paid = self._settle(item, invoice_id, owed, due)
        planned = invoice_id in self.plans
        if (
            paid < owed
            and not planned
            and (item.role == "disputed" or (not item.role and rng.random() < 0.05))
        ):
            row["disputed"] = True
            row["dispute_reason"] = rng.choice(data.DISPUTE_REASONS)
            self.ids.disputed += 1

    def _next_invoice_id(self) -> int:
        self.ids.invoice += 1
        return self.ids.invoice - 1

    def _credit_note(self, item: Planned, invoice: dict[str, Any]) -> int:
        """A credit note on some invoices; returns what it takes off the invoice."""
        rng, role = self.rng, item.role
        if role not in ("credit_applied", "credit_unapplied") and (role or rng.random() > 0.012):
            return 0
        issued = min(self.as_of, invoice["issue_date"] + timedelta(days=rng.randrange(3, 45)))
        share = 100 if not role and rng.random() < 0.3 else rng.randrange(10, 60)
        amount = max(100, invoice["total"] * share // 100)
        applied = role == "credit_applied" or (not role and rng.random() < 0.85)
        self.ids.credit_note_number += 1
        note_id = self._next_invoice_id()
        target = invoice["id"] if applied else None
        self.batch.credit_notes.append(
            {
                "id": note_id,
                "number": f"AV{issued.year}-{self.ids.credit_note_number:05d}",
                "client_id": self.client.id,
                "kind": "credit_note",
                "issue_date": issued,
                "due_date": issued,
                "currency": self.currency,
                "total": amount,
                "net_amount": None,
                "tax_amount": None,
                "reference": invoice["number"],
                "description": rng.choice(data.CREDIT_NOTE_REASONS),
                "applies_to_id": target,
                "disputed": False,
                "dispute_reason": "",
            }
        )
        self.sources.append(
            Source("credit_note", note_id, issued, Decimal(amount), self.currency, target)
        )
        return min(amount, invoice["total"]) if applied else 0

    def _settle(self, item: Planned, invoice_id: int, owed: int, due: date) -> int:
        """Payments of one invoice dated up to as_of; returns the amount they cover."""
        rng, client, as_of, role = self.rng, self.client, self.as_of, item.role
        if owed <= 0 or role in UNPAID_ROLES:
            return 0
        if role == "payment_plan" or (
            not role
            and client.profile in ("late", "bad")
            and not client.is_consumer
            and owed >= 200_000
            and rng.random() < PLAN_SHARE
            and due + timedelta(days=45) < as_of
        ):
            return self._instalments(invoice_id, owed, due, 4 if role else rng.randrange(3, 7))
        low, high = client.delay
        pay_day = max(due + timedelta(days=rng.randint(low, high)), item.issue_date)
        method = self._method()
        if role == "partial" or (not role and rng.random() < 0.06):
            first = owed * rng.randrange(30, 70) // 100
            pay_day = min(pay_day, as_of) if role else pay_day
            if pay_day > as_of:
                return 0
            self._payment(pay_day, [(invoice_id, first)], method, self._reference(method))
            second_day = pay_day + timedelta(days=rng.randrange(10, 70))
            if role or rng.random() < 0.4 or second_day > as_of:
                return first
            self._payment(second_day, [(invoice_id, owed - first)], method, self._reference(method))
            return owed
        if rng.random() < client.never_pays or pay_day > as_of:
            return 0
        amount = owed + (rng.randrange(1, 50) * 100 if rng.random() < 0.004 else 0)
        if client.pays_monthly:
            settle_on = min(as_of, end_of_month(pay_day) + timedelta(days=10))
            self.monthly.setdefault(settle_on, []).append((invoice_id, amount))
        else:
            self._payment(pay_day, [(invoice_id, amount)], method, self._reference(method))
        return owed

    def _instalments(self, invoice_id: int, owed: int, due: date, count: int) -> int:
        """A payment plan agreed after the firm reminder, each instalment paid on its day."""
        rng = self.rng
        agreed = due + timedelta(days=rng.randrange(33, 40))
        first = agreed + timedelta(days=rng.randrange(10, 16))
        share = owed // count
        parts = tuple(
            (first + timedelta(days=30 * k), share if k < count - 1 else owed - share * k)
            for k in range(count)
        )
        self.plans[invoice_id] = (agreed, parts)
        paid = 0
        for day, amount in parts:
            if day <= self.as_of:
                method = "Virement"
                self._payment(day, [(invoice_id, amount)], method, self._reference(method))
                paid += amount
        return paid

    def _method(self) -> str:
        weights = CONSUMER_WEIGHTS if self.client.is_consumer else BUSINESS_WEIGHTS
        return self.rng.choices(METHOD_NAMES, weights=weights)[0]

    def _reference(self, method: str) -> str:
        number = self.rng.randrange(1_000_000, 9_999_999)
        prefix = {"Virement": "VIR", "Chèque": "CHQ", "Carte bancaire": "CB", "Prélèvement": "PRLV"}
        return f"{prefix[method]} {number}" if method in prefix else ""

    def _payment(
        self, day: date, parts: list[tuple[int | None, int]], method: str, reference: str
    ) -> None:
        payment_id = self.ids.payment
        self.ids.payment += 1
        self.batch.payments.append(
            {
                "id": payment_id,
                "client_id": self.client.id,
                "date": day,
                "amount": sum(amount for _invoice, amount in parts),
                "currency": self.currency,
                "method": method,
                "reference": reference,
            }
        )
        for invoice_id, amount in parts:
            line_id = self.ids.line
            self.ids.line += 1
            self.batch.lines.append(
                {
                    "id": line_id,
                    "payment_id": payment_id,
                    "invoice_id": invoice_id,
                    "amount": amount,
                }
            )
            self.sources.append(
                Source("payment", line_id, day, Decimal(amount), self.currency, invoice_id)
            )
