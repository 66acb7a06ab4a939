from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class DossierState(Base):
    """One row: a token every committed write replaces, so results computed from the dossier
    (the analytics) can be kept until the data changes, in this process or on another desk."""

    __tablename__ = "dossier_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
