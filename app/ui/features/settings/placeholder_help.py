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
    "reminders_sent": N_(
        "the reminders sent for these invoices, with dates and channels ('our reminders of "
        "10/08 and 18/08/2026 by letter'); empty when none: use it inside [if reminders_sent]"
    ),
    "reminders_sent_list": N_("one line per reminder sent: date, level and channel"),
    "reminder_count": N_("how many reminders were sent for these invoices"),
    "first_reminder_date": N_("date of the first reminder sent"),
    "last_reminder_date": N_("date of the last reminder sent"),
    "late_invoices": N_("the invoices past their due date ('the invoice F1')"),
    "late_since": N_("earliest due date of the invoices past due"),
    "coming_invoices": N_("the invoices not yet due ('the invoice F3')"),
    "late_charges": N_(
        "what a late payer owes by law, by country and client type (never the €40 "
        "indemnity for a consumer)"
    ),
    "free_reminder_terms": N_(
        "Belgian consumer's free first reminder: free, 14 days and their last day, what may "
        "be claimed after (Code of Economic Law XIX.2)"
    ),
    "free_period_end": N_("last day of the 14 days after a free first reminder"),
    "free_interest_rate": N_("interest rate that may be claimed after the 14 days"),
    "free_damages": N_("fixed damages that may be claimed after the 14 days"),
    "attachments": N_("names of the files attached to the email"),
    "attachment_count": N_("number of files attached to the email"),
}

CONDITION_HELP = {
    "reminders_sent": N_("at least one reminder (letter, email, registered letter) was sent"),
    "several_reminders": N_("two reminders or more were sent"),
    "late": N_("at least one invoice is past its due date"),
    "all_late": N_("every invoice is past its due date"),
    "several_late": N_("more than one invoice is past its due date"),
    "not_due": N_("at least one invoice is not yet due"),
    "attachments": N_("the email carries attached files"),
    "posted": N_("the email goes with a letter sent by post"),
    "consumer": N_("the client is a consumer"),
    "business": N_("the client is a business"),
    "fr": N_("the creditor is in France"),
    "be": N_("the creditor is in Belgium"),
    "free_first_reminder": N_("the Belgian consumer's free first reminder"),
    "damages_clause": N_("our terms provide late interest and damages for consumers"),
    "claim": N_("the letter claims interest or an indemnity"),
    "claim_indemnity": N_("the claim includes a fixed indemnity or damages"),
    "registered_mail": N_("the letter goes by registered mail"),
    "bank_details": N_("our bank details are printed"),
}


def placeholder_help(name: str) -> str:
    text = HELP.get(name)
    return _(text) if text else ""


def condition_help(name: str) -> str:
    text = CONDITION_HELP.get(name)
    return _("kept only when {fact}").format(fact=_(text)) if text else ""
