"""The import wizard's words for the contract's columns (docs/formats.md keeps the names): the
"Read as" list shows these, and still hands the contract name on as the chosen value."""

from __future__ import annotations

from app.i18n import N_, _

LABELS = {
    "code": N_("Client code"),
    "name": N_("Company name"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "address": N_("Address"),
    "postcode": N_("Postcode"),
    "city": N_("City"),
    "country": N_("Country"),
    "vat_number": N_("VAT number"),
    "legal_id": N_("Company ID (SIREN, SIRET…)"),
    "language": N_("Language"),
    "client_type": N_("Client type"),
    "payment_terms_days": N_("Payment terms (days)"),
    "preferred_channel": N_("Preferred channel"),
    "credit_limit": N_("Credit limit"),
    "number": N_("Invoice number"),
    "client_code": N_("Client code"),
    "issue_date": N_("Issue date"),
    "due_date": N_("Due date"),
    "total": N_("Total incl. tax"),
    "currency": N_("Currency"),
    "kind": N_("Invoice or credit note"),
    "applies_to": N_("Credit note for invoice"),
    "net_amount": N_("Amount excl. tax"),
    "tax_amount": N_("Tax amount"),
    "reference": N_("Reference"),
    "description": N_("Description"),
    "late_interest_rate": N_("Late interest rate"),
    "balance": N_("Amount still due"),
    "client_name": N_("Client name"),
    "date": N_("Date"),
    "amount": N_("Amount"),
    "invoice_number": N_("Invoice number"),
    "method": N_("Payment method"),
    "level": N_("Reminder level"),
    "invoice_numbers": N_("Invoice numbers"),
    "channel": N_("Channel"),
    "note": N_("Note"),
}


def column_label(name: str) -> str:
    """The column in the user's language; a column without a label keeps its contract name."""
    label = LABELS.get(name)
    return _(label) if label else name
