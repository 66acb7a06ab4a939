"""What each placeholder of the templates writes, in the user's language (the list in
app.adapters.pdf.templates.PLACEHOLDERS is the developers' reference)."""

from __future__ import annotations

from app.i18n import N_, _

HELP = {
    "company_name": N_("creditor's name"),
    "company_address": N_("creditor's address on one line"),
    "company_phone": N_("creditor's phone"),
    "company_email": N_("creditor's email"),
    "company_iban": N_("creditor's IBAN, grouped by four"),
    "company_bic": N_("creditor's BIC"),
    "signatory_name": N_("who signs"),
    "signatory_title": N_("the signatory's title"),
    "client_name": N_("debtor's name"),
    "client_code": N_("debtor's client code"),
    "letter_date": N_("date of the letter, long form"),
    "place": N_("where the letter is written"),
    "reference": N_("our reference for this letter"),
    "invoice_count": N_("number of invoices listed"),
    "invoice_numbers": N_("invoice numbers as a list ('F1, F2 and F3')"),
    "invoice_phrase": N_(
        "'the invoice F1', 'the invoices F1 and F2', 'the 5 invoices listed below'"
    ),
    "subject_invoices": N_("'invoice F1', 'invoices F1 and F2', '5 invoices' (subjects)"),
    "next_due_date": N_("earliest due date still to come, else the earliest due date"),
    "first_invoice_number": N_("number of the first invoice listed"),
    "due_date": N_("earliest due date of the invoices listed"),
    "max_days_late": N_("days late of the oldest invoice"),
    "total_invoices": N_("open balance of the invoices"),
    "credit_total": N_("credit notes and unapplied payments deducted"),
    "total_due": N_("balance due after credits"),
    "amount_to_pay": N_("what the client should transfer (claim total on a formal notice)"),
    "deadline": N_("date by which to pay, long form"),
    "deadline_days": N_("days between the letter and the deadline"),
    "claim_principal": N_("principal claimed"),
    "claim_interest": N_("late interest claimed"),
    "claim_indemnity": N_("fixed recovery indemnity or damages claimed"),
    "claim_fees": N_("fees claimed"),
    "claim_total": N_("total claimed"),
    "interest_rate": N_("rate(s) of the late interest"),
    "interest_start": N_("first day of late interest"),
    "interest_end": N_("last day of late interest"),
    "indemnity_per_invoice": N_("fixed indemnity for each invoice (40 €)"),
    "indemnity_invoices": N_("number of invoices bearing the fixed indemnity"),
    "legal_basis": N_("legal paragraph of a formal notice, by country and client type"),
    "late_payment_terms": N_(
        "late-payment terms, by country and client type (small print "
        "under the invoices of reminders)"
    ),
    "invoice_lines": N_("plain-text list of the invoices (emails)"),
    "payment_details": N_("plain-text bank details (emails)"),
    "signature": N_("plain-text signature block (emails)"),
    "instalment_count": N_("number of instalments of a payment plan"),
    "first_instalment_date": N_("date of the first instalment"),
    "last_instalment_date": N_("date of the last instalment"),
}


def placeholder_help(name: str) -> str:
    text = HELP.get(name)
    return _(text) if text else ""
