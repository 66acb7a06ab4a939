from __future__ import annotations

from decimal import Decimal

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Percent, Str20, Str200


class Company(Base):
    """The dossier's own company: one row. Late-payment law follows `country` (FR or BE)."""

    __tablename__ = "company"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[Str200]
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[Str20] = mapped_column(default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="FR")
    legal_id: Mapped[str] = mapped_column(String(20), default="")
    vat_number: Mapped[str] = mapped_column(String(20), default="")
    iban: Mapped[str] = mapped_column(String(40), default="")
    bic: Mapped[str] = mapped_column(String(11), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    logo_path: Mapped[str] = mapped_column(Text, default="")
    signatory: Mapped[str] = mapped_column(String(200), default="")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    language: Mapped[str] = mapped_column(String(2), default="fr")
    terms_days: Mapped[int] = mapped_column(default=30)
    late_interest_rate: Mapped[Percent | None] = mapped_column(nullable=True)
    admin_fee_enabled: Mapped[bool] = mapped_column(default=False)
    admin_fee: Mapped[Decimal] = mapped_column(default=Decimal("0.00"))
    settings: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
