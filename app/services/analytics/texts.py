"""The risk reasons as sentences in the UI language (the domain gives codes and numbers)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from app.domain.insight.risk import Reason
from app.i18n import _, format_number, ngettext


def reason_sentence(reason: Reason) -> str:
    """One reason as a sentence; an unknown code is shown as is rather than lost."""
    p = reason.params
    n = int(str(p.get("days", p.get("count", 0))))
    percent = p.get("percent")
    match reason.code:
        case "pays_late_on_average":
            return ngettext(
                "Pays {days} day late on average", "Pays {days} days late on average", n
            ).format(days=n)
        case "often_pays_late":
            return _("{percent}% of invoices paid late").format(percent=percent)
        case "invoices_over_60_days":
            return ngettext(
                "{count} invoice over 60 days late", "{count} invoices over 60 days late", n
            ).format(count=n)
        case "overdue_share":
            return _("{percent}% of the balance is overdue").format(percent=percent)
        case "credit_limit_exceeded":
            return _("Credit limit exceeded ({percent}%)").format(percent=percent)
        case "credit_limit_nearly_used":
            return _("Credit limit nearly reached ({percent}%)").format(percent=percent)
        case "open_disputes":
            return ngettext("{count} open dispute", "{count} open disputes", n).format(count=n)
        case "needs_reminders":
            value = format_number(Decimal(str(p["per_invoice"])), decimals=1)
            return _("{per_invoice} reminders per invoice on average").format(per_invoice=value)
        case "paying_later":
            return ngettext(
                "Pays {days} day later than six months ago",
                "Pays {days} days later than six months ago",
                n,
            ).format(days=n)
        case "paying_earlier":
            return ngettext(
                "Pays {days} day earlier than six months ago",
                "Pays {days} days earlier than six months ago",
                n,
            ).format(days=n)
        case "pays_on_time":
            return _("Pays {percent}% of invoices by the due date").format(percent=percent)
        case "oldest_invoice_days_late":
            return ngettext(
                "Oldest unpaid invoice {days} day overdue",
                "Oldest unpaid invoice {days} days overdue",
                n,
            ).format(days=n)
        case "no_overdue_invoice":
            return _("No overdue invoice")
        case "average_days_to_pay":
            return ngettext(
                "Pays {days} day after the invoice date on average",
                "Pays {days} days after the invoice date on average",
                n,
            ).format(days=n)
        case "few_settled_invoices":
            return ngettext(
                "History too short: {count} settled invoice of the {required} required",
                "History too short: {count} settled invoices of the {required} required",
                n,
            ).format(count=n, required=p.get("required"))
    return reason.code


def reason_sentences(reasons: Iterable[Reason]) -> list[str]:
    return [reason_sentence(r) for r in reasons]
