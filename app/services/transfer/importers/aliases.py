"""Headers as bookkeeping software writes them ("N° facture", "Due date"…) → the contract's
column names; matching ignores case, accents and punctuation. `--map` and the wizard's choices
come first, then the contract names themselves, then the aliases below in their order."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from app.domain.errors import Problem
from app.i18n import _

_CLIENT_CODE = (
    "Code client",
    "N° client",
    "Numéro client",
    "Numéro de client",
    "Compte client",
    "Code tiers",
    "Référence client",
    "Réf client",
    "Client code",
    "Customer code",
    "Customer ID",
    "Customer number",
    "Customer no",
    "Client ID",
    "Client",
    "Customer",
)
_INVOICE_NUMBER = (
    "N° facture",
    "No facture",
    "Numéro de facture",
    "Numéro facture",
    "N° de facture",
    "Facture",
    "N° pièce",
    "Numéro de pièce",
    "Pièce",
    "Invoice #",
    "Invoice number",
    "Invoice no",
    "Invoice",
    "Document number",
)
_CURRENCY = ("Devise", "Monnaie", "Currency", "Currency code")
_REFERENCE = ("Référence", "Réf", "Votre référence", "Reference", "Ref")

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "clients": {
        "code": (*_CLIENT_CODE[:13], "Code", "Account number"),
        "name": (
            "Raison sociale",
            "Nom",
            "Nom du client",
            "Client",
            "Société",
            "Entreprise",
            "Dénomination",
            "Customer name",
            "Client name",
            "Company name",
            "Company",
            "Customer",
        ),
        "email": ("E-mail", "Courriel", "Adresse e-mail", "Adresse email", "Mail", "Email address"),
        "phone": ("Téléphone", "Tél", "Tel", "Portable", "Mobile", "Telephone", "Phone number"),
        "address": ("Adresse", "Rue", "Adresse 1", "Address line 1", "Street"),
        "postcode": ("Code postal", "CP", "Postal code", "Post code", "Zip", "Zip code"),
        "city": ("Ville", "Commune", "Localité", "Town"),
        "country": ("Pays", "Code pays", "Country code"),
        "vat_number": (
            "N° TVA",
            "Numéro de TVA",
            "N° TVA intracommunautaire",
            "Numéro TVA intracommunautaire",
            "TVA intracommunautaire",
            "TVA intracom",
            "Numéro TVA",
            "VAT",
            "VAT number",
            "VAT ID",
            "Tax ID",
        ),
        "legal_id": (
            "SIRET",
            "N° SIRET",
            "Numéro SIRET",
            "SIREN",
            "N° SIREN",
            "Numéro d'entreprise",
            "BCE",
            "Company number",
            "Registration number",
        ),
        "language": ("Langue",),
        "client_type": ("Type de client", "Type", "Client type", "Customer type"),
        "payment_terms_days": (
            "Délai de paiement",
            "Délai de paiement (jours)",
            "Délai de règlement",
            "Conditions de paiement (jours)",
            "Payment terms",
            "Payment terms (days)",
            "Terms",
        ),
        "preferred_channel": ("Canal", "Canal préféré", "Preferred channel", "Channel"),
        "credit_limit": ("Encours autorisé", "Encours maximum", "Plafond", "Plafond de crédit"),
    },
    "invoices": {
        "number": (*_INVOICE_NUMBER, "Numéro", "N°", "Number"),
        "client_code": _CLIENT_CODE,
        "client_name": (
            "Raison sociale",
            "Nom du client",
            "Nom client",
            "Client name",
            "Customer name",
            "Company name",
        ),
        "issue_date": (
            "Date de facture",
            "Date facture",
            "Date de facturation",
            "Date d'émission",
            "Date pièce",
            "Date",
            "Invoice date",
            "Issue date",
            "Date issued",
            "Document date",
        ),
        "due_date": (
            "Date d'échéance",
            "Échéance",
            "Date échéance",
            "Date limite de paiement",
            "Due date",
            "Due",
            "Due on",
            "Payment due",
        ),
        "total": (
            "Montant TTC",
            "Total TTC",
            "TTC",
            "Net à payer",
            "Montant",
            "Total",
            "Amount",
            "Total amount",
            "Invoice total",
            "Amount incl tax",
            "Total incl VAT",
            "Gross amount",
        ),
        "balance": (
            "Reste à payer",
            "Reste dû",
            "Restant dû",
            "Reste à régler",
            "Montant restant",
            "Solde",
            "Solde dû",
            "Balance",
            "Balance due",
            "Amount due",
            "Outstanding",
            "Open amount",
            "Remaining",
        ),
        "currency": _CURRENCY,
        "kind": ("Type de pièce", "Type", "Document type"),
        "applies_to": ("Facture d'origine", "Facture liée", "Original invoice", "Applies to"),
        "net_amount": (
            "Montant HT",
            "Total HT",
            "HT",
            "Net amount",
            "Amount excl tax",
            "Subtotal",
        ),
        "tax_amount": ("Montant TVA", "Total TVA", "TVA", "Tax", "Tax amount", "VAT amount"),
        "reference": (*_REFERENCE, "N° commande", "Bon de commande", "PO number"),
        "description": ("Libellé", "Désignation", "Objet", "Memo"),
        "late_interest_rate": (
            "Taux de pénalité",
            "Taux d'intérêt de retard",
            "Taux de pénalités de retard",
            "Late interest rate",
        ),
    },
    "payments": {
        "date": (
            "Date de paiement",
            "Date de règlement",
            "Date du règlement",
            "Date d'encaissement",
            "Date",
            "Payment date",
            "Date paid",
            "Paid on",
        ),
        "client_code": _CLIENT_CODE,
        "amount": (
            "Montant",
            "Montant réglé",
            "Montant payé",
            "Montant encaissé",
            "Règlement",
            "Amount paid",
            "Payment amount",
        ),
        "invoice_number": (*_INVOICE_NUMBER, "Facture réglée"),
        "reference": (*_REFERENCE, "N° chèque", "Numéro de chèque", "Transaction ID"),
        "method": (
            "Mode de règlement",
            "Mode de paiement",
            "Moyen de paiement",
            "Payment method",
        ),
        "currency": _CURRENCY,
    },
    "reminders": {
        "date": ("Date de relance", "Date d'envoi", "Date", "Reminder date", "Sent on"),
        "client_code": _CLIENT_CODE,
        "level": ("Niveau", "Niveau de relance", "Relance", "Reminder level"),
        "invoice_numbers": (
            "Factures",
            "N° factures",
            "Numéros de facture",
            "Factures relancées",
            "Invoices",
            "Invoice numbers",
            *_INVOICE_NUMBER,
        ),
        "channel": ("Canal", "Moyen", "Channel"),
        "note": ("Note", "Notes", "Commentaire", "Remarque", "Comment"),
    },
}


def normalize(header: str) -> str:
    """'  N° de Facture ' → 'n de facture': no case, accents or punctuation, single spaces;
    dots go without a space ('Montant T.T.C.' → 'montant ttc')."""
    decomposed = unicodedata.normalize("NFKD", header.replace("º", "°"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = plain.replace(".", "")  # "T.T.C." is "TTC"
    return " ".join(re.split(r"[^0-9a-z]+", plain)).strip()


def _ranks(kind: str, known: tuple[str, ...]) -> dict[str, tuple[int, str]]:
    """Normalised header → (rank, column): the contract name ranks 0, aliases after it."""
    ranks: dict[str, tuple[int, str]] = {}
    for column in known:
        ranks[normalize(column)] = (0, column)
    for column, names in ALIASES.get(kind, {}).items():
        if column not in known:
            continue
        for position, name in enumerate(names, start=1):
            key = normalize(name)
            if key not in ranks or ranks[key][0] > position:
                ranks[key] = (position, column)
    return ranks


def guess(kind: str, known: tuple[str, ...], header: str) -> str:
    """The column one header would be read as on its own ('' when none)."""
    found = _ranks(kind, known).get(normalize(header))
    return found[1] if found else ""


@dataclass
class Resolved:
    """The column each header is read as ('' for an ignored or empty header)."""

    columns: list[str]
    labels: dict[str, str] = field(default_factory=dict)  # column → the file's header
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def resolve(
    kind: str,
    known: tuple[str, ...],
    headers: list[str],
    mapping: dict[str, str] | None,
    file: str,
    line: int = 1,
) -> Resolved:
    """Name every header; two headers claiming one column: the better-ranked one wins."""
    ranks = _ranks(kind, known)
    chosen = {normalize(h): c.strip().lower() for h, c in (mapping or {}).items()}
    result = Resolved([])
    for header, column in (mapping or {}).items():
        target = column.strip().lower()
        if target and target not in known:
            result.problems.append(
                Problem(
                    _("'{column}' is not a column of this file kind: {known}").format(
                        column=column, known=", ".join(known)
                    ),
                    file=file,
                    column=header,
                )
            )
    present = {normalize(h) for h in headers}
    for header in mapping or {}:
        if normalize(header) not in present:
            result.warnings.append(
                Problem(_("--map names a header the file does not have"), file=file, column=header)
            )
    claims: dict[str, tuple[int, int]] = {}  # column → (rank, header position)
    names: list[str] = []
    for position, header in enumerate(headers):
        key = normalize(header)
        if key in chosen:
            column, rank = chosen[key], -1
        elif key in ranks:
            rank, column = ranks[key]
        else:
            column, rank = header.strip().lower(), 10_000
        names.append(column)
        if column in known:
            earlier = claims.get(column)
            if earlier is None or rank < earlier[0]:
                claims[column] = (rank, position)
    for position, (header, column) in enumerate(zip(headers, names, strict=True)):
        if column in known and claims[column][1] != position:
            if claims[column][0] == ranks.get(normalize(header), (None,))[0] or (
                normalize(header) in chosen
            ):
                result.problems.append(
                    Problem(_("this column appears twice"), file=file, line=line, column=header)
                )
            else:
                result.warnings.append(
                    Problem(
                        _("already read as {column} from '{other}', ignored").format(
                            column=column, other=headers[claims[column][1]]
                        ),
                        file=file,
                        line=line,
                        column=header,
                    )
                )
            names[position] = ""
        elif column and column not in known:
            shown = column if column.isprintable() else ascii(column)  # no control codes shown
            result.warnings.append(
                Problem(_("unknown column, ignored"), file=file, line=line, column=shown)
            )
        elif column in known and normalize(header) != normalize(column):
            result.labels[column] = header.strip()
    result.columns = names
    return result
