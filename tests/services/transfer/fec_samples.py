"""A small French FEC built line by line: sales, receipts, lettering, a credit note, suppliers."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
    "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
    "ValidDate\tMontantdevise\tIdevise"
)
VT, BQ, HA = ("VT", "Ventes"), ("BQ", "Banque"), ("HA", "Achats")


def _cents(amount: str) -> int:
    return int(amount.replace(",", ""))


def _text(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def sale(num, day, aux, name, piece, total, letter="", letter_day=""):
    """An invoice: 411 debit, 706 and 44571 credits (20 % VAT)."""
    net = _text(_cents(total) * 5 // 6)
    tax = _text(_cents(total) - _cents(total) * 5 // 6)
    return [
        (
            *VT,
            num,
            day,
            "411000",
            "Clients",
            aux,
            name,
            piece,
            day,
            f"Facture {piece}",
            total,
            "0,00",
            letter,
            letter_day,
        ),
        (
            *VT,
            num,
            day,
            "706000",
            "Prestations",
            "",
            "",
            piece,
            day,
            f"Facture {piece}",
            "0,00",
            net,
            "",
            "",
        ),
        (
            *VT,
            num,
            day,
            "445710",
            "TVA collectée",
            "",
            "",
            piece,
            day,
            f"Facture {piece}",
            "0,00",
            tax,
            "",
            "",
        ),
    ]


def credit_note(num, day, aux, name, piece, total, letter="", letter_day=""):
    return [
        (
            *VT,
            num,
            day,
            "411000",
            "Clients",
            aux,
            name,
            piece,
            day,
            f"Avoir {piece}",
            "0,00",
            total,
            letter,
            letter_day,
        ),
        (
            *VT,
            num,
            day,
            "706000",
            "Prestations",
            "",
            "",
            piece,
            day,
            f"Avoir {piece}",
            total,
            "0,00",
            "",
            "",
        ),
    ]


def receipt(num, day, aux, name, piece, amount, letter="", letter_day=""):
    return [
        (
            *BQ,
            num,
            day,
            "512000",
            "Banque BNP",
            "",
            "",
            piece,
            day,
            f"Virement {name}",
            amount,
            "0,00",
            "",
            "",
        ),
        (
            *BQ,
            num,
            day,
            "411000",
            "Clients",
            aux,
            name,
            piece,
            day,
            f"Virement {name}",
            "0,00",
            amount,
            letter,
            letter_day,
        ),
    ]


def purchase(num, day, amount):
    return [
        (
            *HA,
            num,
            day,
            "401000",
            "Fournisseurs",
            "F-PAP",
            "Papeterie Centrale",
            f"A{num}",
            day,
            "Fournitures",
            "0,00",
            amount,
            "",
            "",
        ),
        (
            *HA,
            num,
            day,
            "606400",
            "Fournitures",
            "",
            "",
            f"A{num}",
            day,
            "Fournitures",
            amount,
            "0,00",
            "",
            "",
        ),
    ]


def lines():
    """At 2026-11-22 with 30 days' terms: C001 350.00 in 1-30; C002 400.00 in 1-30; C003 300.00
    current and 150.00 unapplied; C004 paid in full; suppliers ignored."""
    rows = []
    rows += sale("1", "20260901", "C001", "Boulangerie Martin", "F001", "1200,00", "A", "20260920")
    rows += receipt(
        "1", "20260920", "C001", "Boulangerie Martin", "VIR 881", "1200,00", "A", "20260920"
    )
    rows += sale("2", "20261001", "C001", "Boulangerie Martin", "F002", "600,00", "b", "20261015")
    rows += receipt(
        "2", "20261015", "C001", "Boulangerie Martin", "CHQ 12", "250,00", "b", "20261015"
    )
    rows += sale("3", "20261010", "C002", "Garage Dubois", "F003", "480,00", "a", "20261020")
    rows += credit_note("4", "20261020", "C002", "Garage Dubois", "AV001", "80,00", "a", "20261020")
    rows += receipt("3", "20261105", "C003", "Jeanne Petit", "VIR 990", "150,00")
    rows += sale("5", "20261110", "C003", "Jeanne Petit", "F004", "300,00")
    rows += sale("6", "20260801", "C004", "Hôtel de l'Œuvre", "F005", "100,00", "C", "20260910")
    rows += sale("7", "20260815", "C004", "Hôtel de l'Œuvre", "F006", "200,00", "C", "20260910")
    rows += receipt("4", "20260910", "C004", "Hôtel de l'Œuvre", "VIR 7", "300,00", "C", "20260910")
    rows += purchase("1", "20261005", "500,00")
    return rows


def fec_text(rows, separator="\t") -> str:
    out = [HEADER.replace("\t", separator)]
    for row in rows:
        (
            journal,
            jlib,
            num,
            day,
            account,
            alib,
            aux,
            auxlib,
            piece,
            pday,
            label,
            debit,
            credit,
            letter,
            letter_day,
        ) = row
        out.append(
            separator.join(
                (
                    journal,
                    jlib,
                    num,
                    day,
                    account,
                    alib,
                    aux,
                    auxlib,
                    piece,
                    pday,
                    label,
                    debit,
                    credit,
                    letter,
                    letter_day,
                    day,
                    "",
                    "",
                )
            )
        )
    return "\r\n".join(out) + "\r\n"


def write_fec(folder: Path, text: str, name="123456789FEC20261231.txt", encoding="utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path
