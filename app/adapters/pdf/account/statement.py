"""The statement of account (relevé de compte) of one client as a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.adapters.pdf.account.document import page_head, pdf_bytes, write_pdf
from app.adapters.pdf.account.model import CurrencySection, StatementDocument
from app.adapters.pdf.blocks import markup
from app.adapters.pdf.fonts import register_fonts
from app.adapters.pdf.formatting import LetterFormat, group_iban
from app.adapters.pdf.layout import MM, TEXT_WIDTH, styles
from app.adapters.pdf.qr import qr_flowable
from app.domain.claims.epc import epc_payload
from app.domain.errors import InvalidInput
from app.domain.money import ZERO

COLUMNS = (20, 22, 30, 35, 21, 21, 21)  # mm, = 170
OVERDUE_COLUMNS = (40, 28, 28, 25, 30)
LINE = (0.75, 0.75, 0.75)
HEAD_FILL = (0.93, 0.93, 0.93)
BOLD = "DejaVuSans-Bold"


def render_statement(document: StatementDocument, path: Path) -> int:
    """The statement at `path`; returns its number of pages."""
    head, story, title = _parts(document)
    return write_pdf(path, head, story, title, document.company.name)


def statement_bytes(document: StatementDocument) -> bytes:
    head, story, title = _parts(document)
    return pdf_bytes(head, story, title, document.company.name)


def payment_reference(document: StatementDocument) -> str:
    return f"{document.recipient.client_code} {document.as_of.isoformat()}"


def qr_payload(document: StatementDocument, section: CurrencySection) -> str:
    """The EPC payload for the balance due; empty when no QR code can carry it."""
    company = document.company
    if section.currency != "EUR" or section.closing <= ZERO or not company.iban:
        return ""
    try:
        return epc_payload(
            company.name[:70],
            company.iban,
            section.closing,
            payment_reference(document),
            company.bic,
        )
    except InvalidInput:
        return ""


def _parts(document: StatementDocument) -> tuple[Any, list[Any], str]:
    from reportlab.platypus import Paragraph, Spacer

    register_fonts()
    fmt = LetterFormat(document.language, "EUR")
    tr, sty = fmt.tr, styles()
    title = tr("Statement of account")
    head = page_head(
        document.company,
        document.recipient,
        fmt,
        " — ".join((document.company.name, document.recipient.name, title)),
    )
    when = fmt.long_day(document.as_of)
    place_date = (
        tr("{place}, {date}").format(place=document.place, date=when) if document.place else when
    )
    story: list[Any] = [
        Paragraph(markup(place_date), sty["place_date"]),
        Paragraph(
            markup(tr("Client code: {code}").format(code=document.recipient.client_code)),
            sty["reference"],
        ),
        Paragraph(f"<b>{markup(title)}</b>", sty["subject"]),
        Paragraph(
            markup(
                tr("Period from {start} to {end}").format(
                    start=fmt.long_day(document.date_from), end=when
                )
            ),
            sty["body"],
        ),
    ]
    if not document.sections:
        story.append(Paragraph(markup(tr("Nothing was recorded on this account.")), sty["body"]))
    for section in document.sections:
        money_fmt = LetterFormat(document.language, section.currency)
        if len(document.sections) > 1:
            story.append(
                Paragraph(
                    "<b>{}</b>".format(
                        markup(tr("Amounts in {currency}").format(currency=section.currency))
                    ),
                    sty["body"],
                )
            )
        story += [_lines_table(document, section, money_fmt), Spacer(1, 4 * MM)]
        story.append(
            Paragraph(markup(_balance_sentence(document, section, money_fmt)), sty["body"])
        )
        if section.overdue:
            story += [_overdue_table(document, section, money_fmt), Spacer(1, 4 * MM)]
        payload = qr_payload(document, section)
        if section.closing > ZERO and document.company.iban:
            story += [_payment_box(document, section, money_fmt, payload), Spacer(1, 4 * MM)]
    story.append(
        Paragraph(
            markup(
                tr(
                    "Payments made after {date} are not shown. If you see a difference with "
                    "your own records, please let us know."
                ).format(date=fmt.day(document.as_of))
            ),
            sty["note"],
        )
    )
    return head, story, title


def _balance_sentence(
    document: StatementDocument, section: CurrencySection, fmt: LetterFormat
) -> str:
    tr = fmt.tr
    when = fmt.day(document.as_of)
    if section.closing > ZERO:
        return tr("Balance due on {date}: {amount}.").format(
            date=when, amount=fmt.money(section.closing)
        )
    if section.closing < ZERO:
        return tr("Credit in your favour on {date}: {amount}.").format(
            date=when, amount=fmt.money(-section.closing)
        )
    return tr("Your account is settled on {date}.").format(date=when)


def _kind(kind: str, fmt: LetterFormat) -> str:
    tr = fmt.tr
    return {
        "invoice": tr("Invoice"),
        "credit_note": tr("Credit note"),
        "payment": tr("Payment"),
        "write_off": tr("Written off"),
    }[kind]


def _lines_table(document: StatementDocument, section: CurrencySection, fmt: LetterFormat) -> Any:
    tr, money, sty = fmt.tr, fmt.money, styles()
    rows: list[list[Any]] = [
        _headers(
            (
                tr("Date"),
                tr("Type"),
                tr("Reference"),
                tr("Detail"),
                tr("Debit"),
                tr("Credits"),
                tr("Balance"),
            ),
            4,
        ),
        [
            fmt.day(document.date_from),
            tr("Balance brought forward"),
            "",
            "",
            "",
            "",
            money(section.opening),
        ],
    ]
    for entry in section.entries:
        if entry.kind == "invoice" and entry.due_date is not None:
            detail = tr("due {date}").format(date=fmt.day(entry.due_date))
        else:
            detail = entry.detail
        rows.append(
            [
                fmt.day(entry.date),
                _kind(entry.kind, fmt),
                _cell(entry.label, sty),
                _cell(detail, sty),
                money(entry.amount) if entry.amount > ZERO else "",
                money(-entry.amount) if entry.amount < ZERO else "",
                money(entry.balance),
            ]
        )
    body_end = len(rows)
    rows.append(
        [tr("Totals of the period"), "", "", "", money(section.debits), money(section.credits), ""]
    )
    rows.append(
        [
            tr("Balance on {date}").format(date=fmt.day(document.as_of)),
            "",
            "",
            "",
            "",
            "",
            money(section.closing),
        ]
    )
    last = len(rows) - 1
    commands = [
        *_grid(body_end, 4),
        ("SPAN", (1, 1), (3, 1)),
        ("SPAN", (0, last - 1), (3, last - 1)),
        ("SPAN", (0, last), (5, last)),
        ("ALIGN", (0, last - 1), (3, last), "RIGHT"),
        ("FONTNAME", (0, last - 1), (-1, last), BOLD),
        ("LINEABOVE", (0, last - 1), (-1, last - 1), 0.6, (0.3, 0.3, 0.3)),
    ]
    return _table(rows, COLUMNS, commands)


def _overdue_table(document: StatementDocument, section: CurrencySection, fmt: LetterFormat) -> Any:
    from reportlab.platypus import KeepTogether, Paragraph

    tr, money, sty = fmt.tr, fmt.money, styles()
    rows: list[list[Any]] = [
        _headers((tr("Invoice"), tr("Date"), tr("Due date"), tr("Days late"), tr("Balance")), 3)
    ]
    for item in section.overdue:
        rows.append(
            [
                _cell(item.number, sty),
                fmt.day(item.issue_date),
                fmt.day(item.due_date),
                str(item.days_late),
                money(item.balance),
            ]
        )
    body_end = len(rows)
    rows.append([tr("Total overdue"), "", "", "", money(section.overdue_total)])
    last = len(rows) - 1
    commands = [
        *_grid(body_end, 3),
        ("SPAN", (0, last), (3, last)),
        ("ALIGN", (0, last), (3, last), "RIGHT"),
        ("FONTNAME", (0, last), (-1, last), BOLD),
        ("LINEABOVE", (0, last), (-1, last), 0.6, (0.3, 0.3, 0.3)),
    ]
    title = tr("Overdue on {date}").format(date=fmt.day(document.as_of))
    return KeepTogether(
        [
            Paragraph(f"<b>{markup(title)}</b>", sty["body"]),
            _table(rows, OVERDUE_COLUMNS, commands, "LEFT"),
        ]
    )


def _payment_box(
    document: StatementDocument, section: CurrencySection, fmt: LetterFormat, payload: str
) -> Any:
    from reportlab.platypus import Paragraph, Table, TableStyle

    tr, sty, company = fmt.tr, styles(), document.company
    lines = [
        bold(tr("Payment by bank transfer")),
        markup(tr("Account holder: {name}").format(name=company.name)),
        markup(tr("IBAN: {iban}").format(iban=group_iban(company.iban))),
    ]
    if company.bic:
        lines.append(markup(tr("BIC: {bic}").format(bic=company.bic)))
    lines.append(markup(tr("Amount: {amount}").format(amount=fmt.money(section.closing))))
    lines.append(
        markup(tr("Reference to quote: {reference}").format(reference=payment_reference(document)))
    )
    text = Paragraph("<br/>".join(lines), sty["box"])
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
                ("BOX", (0, 0), (-1, -1), 0.6, (0.45, 0.45, 0.45)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


def bold(text: str) -> str:
    return f"<b>{markup(text)}</b>"


def _headers(labels: tuple[str, ...], numeric_from: int) -> list[Any]:
    from reportlab.platypus import Paragraph

    sty = styles()
    return [
        Paragraph(markup(label), sty["head_cell_right" if i >= numeric_from else "head_cell"])
        for i, label in enumerate(labels)
    ]


def _cell(text: str, sty: dict[str, Any]) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text), sty["cell"]) if len(text) > 14 else text


def _grid(body_end: int, numeric_from: int) -> list[tuple[Any, ...]]:
    return [
        ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 10.5),
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
    rows: list[list[Any]], columns_mm: tuple[int, ...], commands: list[Any], align: str = "CENTER"
) -> Any:
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=[c * MM for c in columns_mm], repeatRows=1, hAlign=align)
    table.setStyle(TableStyle(commands))
    return table
