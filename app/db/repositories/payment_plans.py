"""Payment plans of an invoice: the one in force (not cancelled), its instalments, writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.models import Instalment, PaymentPlan


@dataclass(frozen=True)
class PlanRow:
    id: int
    invoice_id: int
    agreed_on: date
    note: str
    instalments: tuple[tuple[date, Decimal], ...]


def current(session: Session, invoice_id: int) -> PlanRow | None:
    plan = session.scalars(
        select(PaymentPlan)
        .where(PaymentPlan.invoice_id == invoice_id, PaymentPlan.cancelled.is_(False))
        .order_by(PaymentPlan.id.desc())
        .limit(1)
    ).first()
    if plan is None:
        return None
    parts = session.execute(
        select(Instalment.due_date, Instalment.amount)
        .where(Instalment.plan_id == plan.id)
        .order_by(Instalment.due_date)
    ).all()
    instalments = tuple((d, a) for d, a in parts)
    return PlanRow(plan.id, plan.invoice_id, plan.agreed_on, plan.note, instalments)


def cancel(session: Session, invoice_id: int) -> int:
    """Cancel every plan in force on the invoice; returns how many were."""
    result = session.execute(
        update(PaymentPlan)
        .where(PaymentPlan.invoice_id == invoice_id, PaymentPlan.cancelled.is_(False))
        .values(cancelled=True)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def insert(
    session: Session, invoice_id: int, agreed_on: date, note: str, parts: list[tuple[date, Decimal]]
) -> int:
    plan = PaymentPlan(invoice_id=invoice_id, agreed_on=agreed_on, note=note, cancelled=False)
    session.add(plan)
    session.flush()
    session.add_all(Instalment(plan_id=plan.id, due_date=d, amount=a) for d, a in parts)
    session.flush()
    return plan.id
