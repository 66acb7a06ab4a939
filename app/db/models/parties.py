from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Str20, Str200


class Client(Base):
    __tablename__ = "clients"
    __table_args__ = (
        CheckConstraint("client_type IN ('business', 'consumer')", name="client_type"),
        CheckConstraint(
            "preferred_channel IN ('email', 'letter', 'phone')", name="preferred_channel"
        ),
        CheckConstraint("payment_terms_days IS NULL OR payment_terms_days >= 0", name="terms"),
        Index("ix_clients_name", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[Str200]
    legal_id: Mapped[str] = mapped_column(String(40), default="")
    vat_number: Mapped[str] = mapped_column(String(20), default="")
    client_type: Mapped[str] = mapped_column(String(10), default="business")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[Str20] = mapped_column(default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="FR")
    language: Mapped[str] = mapped_column(String(2), default="fr")
    preferred_channel: Mapped[str] = mapped_column(String(10), default="email")
    payment_terms_days: Mapped[int | None] = mapped_column(nullable=True)
    terms_end_of_month: Mapped[bool] = mapped_column(default=False)
    credit_limit: Mapped[Decimal | None] = mapped_column(nullable=True)
    iban: Mapped[str] = mapped_column(String(40), default="")
    dunning_policy_id: Mapped[int | None] = mapped_column(
        ForeignKey("dunning_policies.id", ondelete="SET NULL", use_alter=True), nullable=True
    )
    dunning_blocked: Mapped[bool] = mapped_column(default=False)
    dunning_blocked_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(server_default=func.current_timestamp())
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), index=True)
    name: Mapped[Str200] = mapped_column(default="")
    role: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    is_reminder_contact: Mapped[bool] = mapped_column(default=False)
