from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Company


def get_company(session: Session) -> Company | None:
    return session.scalars(select(Company).order_by(Company.id).limit(1)).first()
