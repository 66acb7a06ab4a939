"""The tables a letter shows: invoices with credits and totals, claim, instalments, payment."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from app.adapters.pdf.formatting import LetterFormat, group_iban
from app.adapters.pdf.layout import MM, TEXT_WIDTH, styles
from app.adapters.pdf.model import (
    BE_CONSUMER_DAMAGES,
    CompanyInfo,
    Letter,
    Recipient,
)
from app.adapters.pdf.qr import qr_flowable
from app.domain.claims.claim import LEGAL_RATE
from app.domain.claims.epc import epc_payload
from app.domain.errors import InvalidInput
from app.domain.money import ZERO

INVOICE_COLUMNS = (33, 21, 21, 25, 25, 27, 18)  # mm, = 170
CLAIM_COLUMNS = (56, 40, 13, 17, 22, 22)
LINE = (0.75, 0.75, 0.75)
HEAD_FILL = (0.93, 0.93, 0.93)
LONG_CELL = 17  # characters after which a cell wraps (Paragraph) instead of a plain string


def markup(text: str) -> str:
    """User or template text made safe for Paragraph markup; line breaks kept."""
    return escape(text).replace("\n", "<br/>")


def invoice_table(letter: Letter, fmt: LetterFormat) -> Any:
    """Invoices and credit notes, then credits deducted and the balance due."""
    tr, money = fmt.tr, fmt.money
    rows: list[list[Any]] = [
        _headers(
            (
                tr("Invoice"),
                tr("Date"),
                tr("Due date"),
                tr("Amount"),
                tr("Amount paid"),
                tr("Balance"),
                tr("Days late"),
            ),
            3,
        )
    ]
    for line in letter.lines:
        number = _cell(line.number)
        if line.is_credit_note:
            rows.append(
                [
                    number,
                    fmt.day(line.issue_date),
                    tr("credit note"),
                    money(-line.total),
                    money(-line.paid),
                    money(-line.balance),
                    "",
                ]
            )
        else:
            rows.append(
                [
                    number,
                    fmt.day(line.issue_date),
                    fmt.day(line.due_date) if line.due_date else "",
                    money(line.total),
                    money(line.paid),
                    money(line.balance),
                    str(line.days_late) if line.days_late > 0 else "",
                ]
            )
    body_end = len(rows)
    totals = letter.totals()
    if totals.credit_notes or totals.unapplied_credit:
        rows.append([tr("Total of the invoices"), "", "", "", "", money(totals.invoices), ""])
        if totals.credit_notes:
            rows.append(
                [tr("Credit notes deducted"), "", "", "", "", money(-totals.credit_notes), ""]
            )
        if totals.unapplied_credit:
            rows.append(
                [
                    tr("Payments not yet allocated"),
                    "",
                    "",
                    "",
                    "",
                    money(-totals.unapplied_credit),
                    "",
                ]
            )
    rows.append([tr("Balance due"), "", "", "", "", money(totals.total_due), ""])
    commands = _grid(len(rows), body_end, numeric_from=3)
    for row in range(body_end, len(rows)):
        commands.append(("SPAN", (0, row), (4, row)))
        commands.append(("ALIGN", (0, row), (4, row), "RIGHT"))
    commands.append(("FONTNAME", (0, len(rows) - 1), (-1, len(rows) - 1), "DejaVuSans-Bold"))
    commands.append(("LINEABOVE", (0, body_end), (-1, body_end), 0.6, (0.3, 0.3, 0.3)))
    return _table(rows, INVOICE_COLUMNS, commands)


def claim_table(letter: Letter, recipient: Recipient, fmt: LetterFormat) -> Any:
    """Principal, late interest period by period, fixed indemnity, fees and the total claimed."""
    claim = letter.claim
    if claim is None:
        raise InvalidInput("a claim table needs the letter's claim")
    tr, money = fmt.tr, fmt.money
    rows: list[list[Any]] = [
        _headers((tr("Claimed"), tr("Period"), tr("Days"), tr("Rate"), tr("Base"), tr("Amount")), 2)
    ]
    rows.append(
        [_para(tr("Principal: balance of the invoices")), "", "", "", "", money(claim.principal)]
    )
    if letter.credits:
        rows.append(
            [
                _para(tr("Less credit notes and payments not yet allocated")),
                "",
                "",
                "",
                "",
                money(-letter.credits),
            ]
        )
    legal_rate = claim.interest_basis == LEGAL_RATE  # French consumer: C. civ. 1231-6
    for period in claim.periods:
        label = (
            tr("Interest at the legal rate, invoice {number}")
            if legal_rate
            else tr("Late interest, invoice {number}")
        )
        rows.append(
            [
                _para(label.format(number=period.invoice_number)),
                f"{fmt.day(period.first_day)} – {fmt.day(period.last_day)}",
                str(period.days),
                fmt.percent(period.rate_percent),
                money(period.principal),
                money(period.interest),
            ]
        )
    if claim.periods and len(claim.periods) > 1:
        total = tr("Total interest at the legal rate") if legal_rate else tr("Total late interest")
        rows.append([_para(total), "", "", "", "", money(claim.interest)])
    elif not claim.periods and claim.interest == ZERO:
        rows.append([_para(tr("Late-payment interest")), "", "", "", "", money(ZERO)])
    if claim.fixed_indemnity > ZERO:
        if claim.indemnity_basis == BE_CONSUMER_DAMAGES or recipient.is_consumer:
            label = tr("Fixed damages (Belgian Code of Economic Law, art. XIX.4)")
        else:
            label = fmt.ntr(
                "Fixed recovery indemnity, {count} invoice × {amount}",
                "Fixed recovery indemnity, {count} invoices × {amount}",
                claim.indemnity_invoices,
            ).format(
                count=claim.indemnity_invoices,
                amount=money(claim.fixed_indemnity / max(claim.indemnity_invoices, 1)),
            )
        rows.append([_para(label), "", "", "", "", money(claim.fixed_indemnity)])
    if claim.fees > ZERO:
        rows.append([_para(tr("Fees")), "", "", "", "", money(claim.fees)])
    rows.append([tr("Total claimed"), "", "", "", "", money(letter.amount_to_pay)])
    last = len(rows) - 1
    commands = _grid(len(rows), last, numeric_from=2)
    commands += [
        ("SPAN", (0, last), (4, last)),
        ("ALIGN", (0, last), (4, last), "RIGHT"),
        ("FONTNAME", (0, last), (-1, last), "DejaVuSans-Bold"),
        ("LINEABOVE", (0, last), (-1, last), 0.6, (0.3, 0.3, 0.3)),
        ("ALIGN", (1, 1), (1, last), "CENTER"),
    ]
    return _table(rows, CLAIM_COLUMNS, commands)


def instalments_table(letter: Letter, fmt: LetterFormat) -> Any:
    tr, money = fmt.tr, fmt.money
    rows: list[list[Any]] = [_headers((tr("Instalment"), tr("Payable on"), tr("Amount")), 2)]
    for index, part in enumerate(letter.instalments, start=1):
        rows.append([str(index), fmt.long_day(part.due_date), money(part.amount)])
    rows.append([tr("Total"), "", money(sum((p.amount for p in letter.instalments), ZERO))])
    last = len(rows) - 1
    commands = _grid(len(rows), last, numeric_from=2)
    commands += [
        ("SPAN", (0, last), (1, last)),
        ("ALIGN", (0, last), (1, last), "RIGHT"),
        ("FONTNAME", (0, last), (-1, last), "DejaVuSans-Bold"),
        ("LINEABOVE", (0, last), (-1, last), 0.6, (0.3, 0.3, 0.3)),
    ]
    return _table(rows, (30, 60, 40), commands, align="LEFT")


def payment_block(letter: Letter, company: CompanyInfo, reference: str, fmt: LetterFormat) -> Any:
    """Bank details in a box, with the EPC QR code when the amount is in euros."""
    from reportlab.platypus import Paragraph, Table, TableStyle

    tr, sty = fmt.tr, styles()
    amount = letter.amount_to_pay
    title = markup(tr("Payment by bank transfer"))
    lines = [
        f"<b>{title}</b>",
        markup(tr("Account holder: {name}").format(name=company.name)),
        markup(tr("IBAN: {iban}").format(iban=group_iban(company.iban))),
    ]
    if company.bic:
        lines.append(markup(tr("BIC: {bic}").format(bic=company.bic)))
    lines.append(markup(tr("Amount: {amount}").format(amount=fmt.money(amount))))
    lines.append(markup(tr("Reference to quote: {reference}").format(reference=reference)))
    text = Paragraph("<br/>".join(lines), sty["box"])
    payload = qr_payload(letter, company, reference)
    if payload:
        caption = markup(tr("Scan to pay from your banking app"))
        qr = [qr_flowable(payload, 24 * MM), Paragraph(caption, sty["caption"])]
        data, widths = [[text, qr]], [TEXT_WIDTH - 34 * MM, 34 * MM]
    else:
        data, widths = [[text]], [TEXT_WIDTH]
    box = Table(data, colWidths=widths)
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
                ("BOX", (0, 0), (-1, -1), 0.6, (0.45, 0.45, 0.45)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box  # one row: never split across pages


def qr_payload(letter: Letter, company: CompanyInfo, reference: str) -> str:
    """The EPC payload for what the letter asks to pay; empty when no QR code can carry it."""
    amount = letter.amount_to_pay
    if letter.currency != "EUR" or amount <= ZERO or not company.iban:
        return ""
    try:
        return epc_payload(company.name[:70], company.iban, amount, reference, company.bic)
    except InvalidInput:
        return ""


def _headers(labels: tuple[str, ...], numeric_from: int) -> list[Any]:
    """Header cells that wrap ("Jours de retard" in a narrow column), numbers right-aligned."""
    from reportlab.platypus import Paragraph

    sty = styles()
    return [
        Paragraph(markup(label), sty["head_cell_right" if i >= numeric_from else "head_cell"])
        for i, label in enumerate(labels)
    ]


def _cell(text: str) -> Any:
    return _para(text) if len(text) > LONG_CELL else text


def _para(text: str) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text), styles()["cell"])


def _grid(rows: int, body_end: int, numeric_from: int) -> list[tuple[Any, ...]]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10.5),
        ("FONTNAME", (0, 0), (-1, 0), "DejaVuSans-Bold"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, body_end - 1), 0.25, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]


def _table(
    rows: list[list[Any]],
    columns_mm: tuple[int, ...],
    commands: list[tuple[Any, ...]],
    align: str = "CENTER",
) -> Any:
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=[c * MM for c in columns_mm], repeatRows=1, hAlign=align)
    table.setStyle(TableStyle(commands))
    return table
