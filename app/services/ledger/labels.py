"""The words of an invoice's status and a client's type, shared by the lists, exports and window."""

from __future__ import annotations

from app.i18n import N_

STATUS_TEXT = {
    "open": N_("Open"),
    "partially_paid": N_("Partially paid"),
    "paid": N_("Paid"),
    "overdue": N_("Overdue"),
    "disputed": N_("Disputed"),
    "written_off": N_("Written off"),
    "credit_note": N_("Credit note"),
}
CLIENT_TYPE_TEXT = {"business": N_("Business"), "consumer": N_("Consumer")}
