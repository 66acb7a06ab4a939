from __future__ import annotations

from datetime import date, datetime
from datetime import date as Date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Percent, Str200

SETTLED_INDEX = (
    "settled_on",
    "kind",
    "issue_date",
    "allocated_from",
    "due_date",
    "written_off_on",
    "currency",
    "client_id",
    "total",
    "disputed",
)


class Invoice(Base):
    """An invoice or a credit note (kind credit_note, total written positive)."""

    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint("total > 0", name="total_positive"),
        CheckConstraint("kind IN ('invoice', 'credit_note')", name="kind"),
        Index("ix_invoices_client_due", "client_id", "due_date"),
        Index("ix_invoices_due_date", "due_date"),
        Index("ix_invoices_issue_date", "issue_date"),
        Index("ix_invoices_status", "kind", "written_off_on", "disputed"),
        Index("ix_invoices_total", "total"),
        Index("ix_invoices_search", "number", "reference"),
        # Covers what the analytics read of every open invoice, so they never visit the table.
        Index("ix_invoices_settled", *SETTLED_INDEX),
        # The invoice list sorted by what is left to pay, at a million invoices.
        Index("ix_invoices_left", text("(total - allocated)"), "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(12), default="invoice")
    issue_date: Mapped[date]
    due_date: Mapped[date]
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    total: Mapped[Decimal]
    net_amount: Mapped[Decimal | None] = mapped_column(nullable=True)
    tax_amount: Mapped[Decimal | None] = mapped_column(nullable=True)
    reference: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    applies_to_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="SET NULL"), nullable=True, index=True
    )
    late_interest_rate: Mapped[Percent | None] = mapped_column(nullable=True)
    disputed: Mapped[bool] = mapped_column(default=False)
    dispute_reason: Mapped[str] = mapped_column(Text, default="")
    dunning_paused_until: Mapped[date | None] = mapped_column(nullable=True)
    written_off_on: Mapped[date | None] = mapped_column(nullable=True)
    settled_on: Mapped[date | None] = mapped_column(nullable=True)
    """Derived: the date nothing was left to settle (an invoice fully paid, a credit note fully
    used); None while something is left. Kept in step with the allocations."""
    allocated_from: Mapped[date | None] = mapped_column(nullable=True)
    """Derived: the date of an invoice's first allocation; before it, its balance is its total."""
    allocated: Mapped[Decimal] = mapped_column(server_default="0")
    """Derived: what the allocations settle of an invoice, or use of a credit note, whatever
    their date; total − allocated is what is left today. Kept in step with the allocations."""
    write_off_reason: Mapped[str] = mapped_column(Text, default="")
    discount_percent: Mapped[Percent | None] = mapped_column(nullable=True)
    discount_days: Mapped[int | None] = mapped_column(nullable=True)
    attachment_path: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Payment(Base):
    """Money received from a client; its lines say which invoice each part was meant for."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_payments_client_date", "client_id", "date"),
        Index("ix_payments_settled", "settled_on", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="RESTRICT"))
    date: Mapped[date]
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    method: Mapped[str] = mapped_column(String(40), default="")
    reference: Mapped[Str200] = mapped_column(default="")
    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
    settled_on: Mapped[Date | None] = mapped_column(nullable=True)
    """Derived: the date the whole amount was allocated; None while some credit is left."""


class PaymentLine(Base):
    """One part of a payment, meant for one invoice (or for none: the client's credit)."""

    __tablename__ = "payment_lines"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(
        ForeignKey("payments.id", ondelete="CASCADE"), index=True
    )
    invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="SET NULL"), nullable=True, index=True
    )
    amount: Mapped[Decimal]


class CreditApplication(Base):
    """The user applies a leftover credit (payment line or credit note) to an invoice."""

    __tablename__ = "credit_applications"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("(payment_line_id IS NULL) <> (credit_note_id IS NULL)", name="one_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_lines.id", ondelete="CASCADE"), nullable=True, index=True
    )
    credit_note_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), nullable=True, index=True
    )
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    date: Mapped[date]
    amount: Mapped[Decimal]


class Allocation(Base):
    """Derived: what each payment line or credit note settles, and from which date.

    Recomputed per client from the dated events (domain.ledger.allocation); never edited by hand.
    """

    __tablename__ = "allocations"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        CheckConstraint("(payment_line_id IS NULL) <> (credit_note_id IS NULL)", name="one_source"),
        Index("ix_allocations_invoice_date", "invoice_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id", ondelete="CASCADE"))
    payment_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_lines.id", ondelete="CASCADE"), nullable=True, index=True
    )
    credit_note_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), nullable=True, index=True
    )
    amount: Mapped[Decimal]
    date: Mapped[date]


class PaymentPlan(Base):
    """Échéancier: an invoice split into dated instalments agreed with the client."""

    __tablename__ = "payment_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    agreed_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    cancelled: Mapped[bool] = mapped_column(default=False)


class Instalment(Base):
    __tablename__ = "instalments"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("payment_plans.id", ondelete="CASCADE"), index=True
    )
    due_date: Mapped[date]
    amount: Mapped[Decimal]
