from __future__ import annotations

from datetime import date, datetime
from datetime import date as Date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Percent, Str200


class DunningPolicy(Base):
    __tablename__ = "dunning_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[Str200]
    is_default: Mapped[bool] = mapped_column(default=False)
    for_consumers: Mapped[bool] = mapped_column(default=False)
    # Belgian consumers' free first reminder (CDE XIX.2): NULL when the policy sets no wait.
    free_reminder_level: Mapped[str | None] = mapped_column(String(40), nullable=True)
    free_reminder_days: Mapped[int] = mapped_column(default=14, server_default="14")
    free_reminder_paper_delay: Mapped[int] = mapped_column(default=3, server_default="3")
    # one client, one voice: days between two contacts; below min_amount a contact waits
    min_gap_days: Mapped[int] = mapped_column(default=7, server_default="7")
    min_amount: Mapped[Decimal] = mapped_column(default=Decimal("10.00"), server_default="1000")


class DunningLevel(Base):
    __tablename__ = "dunning_levels"
    __table_args__ = (UniqueConstraint("policy_id", "code", name="uq_dunning_levels_policy_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("dunning_policies.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[Str200]
    days: Mapped[int]
    anchor: Mapped[str] = mapped_column(String(10), default="due")
    channel: Mapped[str] = mapped_column(String(20))
    template: Mapped[str] = mapped_column(String(40), default="")
    fee_fixed: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    fee_percent: Mapped[Percent | None] = mapped_column(nullable=True)
    needs_confirmation: Mapped[bool] = mapped_column(default=False)
    applies_to: Mapped[str] = mapped_column(String(10), default="both", server_default="both")
    also_email: Mapped[bool] = mapped_column(default=False, server_default=false())
    claims_interest: Mapped[bool] = mapped_column(default=False, server_default=false())
    claims_indemnity: Mapped[bool] = mapped_column(default=False, server_default=false())
    attach_statement: Mapped[bool] = mapped_column(default=False, server_default=false())


class Reminder(Base):
    """A follow-up action done, skipped or snoozed (history); planned ones are recomputed."""

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint(
            "status IN ('planned', 'done', 'skipped', 'snoozed', 'escalated')", name="status"
        ),
        Index("ix_reminders_client_date", "client_id", "planned_date"),
        Index("ix_reminders_action_key", "action_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    level_code: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(20))
    planned_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="planned")
    done_on: Mapped[date | None] = mapped_column(nullable=True)
    snoozed_until: Mapped[date | None] = mapped_column(nullable=True)
    instalment_due: Mapped[date | None] = mapped_column(nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    document_path: Mapped[str] = mapped_column(Text, default="")
    document_sha256: Mapped[str] = mapped_column(String(64), default="")
    user_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
    # the plan action it records (one row per action and level): two users, one entry
    action_key: Mapped[str | None] = mapped_column(String(200), nullable=True)


class ReminderInvoice(Base):
    __tablename__ = "reminder_invoices"

    reminder_id: Mapped[int] = mapped_column(
        ForeignKey("reminders.id", ondelete="CASCADE"), primary_key=True
    )
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Activity(Base):
    """Call, meeting, note, promise to pay, dispute event: the client's history."""

    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_client_date", "client_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="SET NULL"), nullable=True, index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[date]
    outcome: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    promised_date: Mapped[Date | None] = mapped_column(nullable=True)
    promised_amount: Mapped[Decimal | None] = mapped_column(nullable=True)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    document_path: Mapped[str] = mapped_column(Text, default="")
    document_sha256: Mapped[str] = mapped_column(String(64), default="")
    user_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
