"""The cover page of a collection file: the claim as an injonction de payer request states it
(creditor, debtor, principal, interest, indemnity, fees, total, dates, list of documents)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.adapters.pdf.account.document import page_head, write_pdf
from app.adapters.pdf.account.model import CoverDocument, CoverTotals
from app.adapters.pdf.account.statement import BOLD, HEAD_FILL, LINE, bold
from app.adapters.pdf.blocks import markup
from app.adapters.pdf.fonts import register_fonts
from app.adapters.pdf.formatting import LetterFormat
from app.adapters.pdf.layout import ADDRESS_TOP, MM, TEXT_WIDTH, styles
from app.adapters.pdf.story import address_lines, legal_ids

COVER_TOP = ADDRESS_TOP  # no address window: the text starts below the letterhead
INVOICE_COLUMNS = (25, 18, 18, 21, 21, 19, 20, 28)  # mm, = 170


def render_cover(document: CoverDocument, path: Path) -> int:
    from reportlab.platypus import Paragraph, Spacer

    register_fonts()
    fmt = LetterFormat(document.language, "EUR")
    tr, sty = fmt.tr, styles()
    title = tr("Claim summary for an order for payment (injonction de payer)")
    head = page_head(document.company, None, fmt, " — ".join((document.company.name, title)))
    story: list[Any] = [
        Paragraph(markup(fmt.long_day(document.as_of)), sty["place_date"]),
        Paragraph(f"<b>{markup(title)}</b>", sty["subject"]),
    ]
    for warning in document.warnings:
        story.append(
            Paragraph(
                f'<font color="#9e1a1a"><b>{markup(warning)}</b></font>',
                sty["body"],
            )
        )
    story += [_parties(document, fmt), Spacer(1, 5 * MM)]
    story.append(Paragraph(bold(tr("Amount claimed")), sty["body"]))
    for totals in document.totals:
        story += [_amounts(totals, document, fmt), Spacer(1, 4 * MM)]
    if document.invoices:
        story.append(Paragraph(bold(tr("Basis of the claim: invoices")), sty["body"]))
        story += [_invoices(document, fmt), Spacer(1, 4 * MM)]
    else:
        nothing = tr("No invoice is due and unpaid on {date}: there is nothing to claim.")
        story.append(Paragraph(markup(nothing.format(date=fmt.day(document.as_of))), sty["body"]))
    if document.formal_notices:
        notice = tr("Formal notice sent on {dates}.").format(
            dates=fmt.listing([fmt.day(d) for d in document.formal_notices])
        )
    else:
        notice = tr("No formal notice is recorded in the file.")
    story.append(Paragraph(markup(notice), sty["body"]))
    story.append(Paragraph(bold(tr("Documents in support")), sty["body"]))
    pieces = "<br/>".join(
        markup(tr("Document {number}: {name}").format(number=index, name=name))
        for index, name in enumerate(document.pieces, start=1)
    )
    story.append(Paragraph(pieces, sty["box"]))
    return write_pdf(path, head, story, title, document.company.name, first_top=COVER_TOP)


def _parties(document: CoverDocument, fmt: LetterFormat) -> Any:
    from reportlab.platypus import Paragraph, Table, TableStyle

    tr, sty = fmt.tr, styles()
    company = document.company
    town = " ".join(x for x in (company.postcode, company.city) if x)
    creditor = [bold(tr("Creditor")), f"<b>{markup(company.name)}</b>"]
    creditor += [markup(x) for x in (*company.address_lines, town) if x]
    ids = legal_ids(company, fmt)
    if ids:
        creditor.append(markup(ids))
    if company.signatory_name:
        creditor.append(
            markup(tr("Represented by {name}").format(name=company.signatory_name))
            + (f", {markup(company.signatory_title)}" if company.signatory_title else "")
        )
    debtor_lines = address_lines(document.debtor, company, fmt)
    debtor = [bold(tr("Debtor")), f"<b>{markup(debtor_lines[0])}</b>"]
    debtor += [markup(x) for x in debtor_lines[1:]]
    if document.debtor_legal_id:
        debtor.append(markup(tr("Legal id: {number}").format(number=document.debtor_legal_id)))
    debtor.append(
        markup(
            tr("Consumer client")
            if document.debtor.client_type == "consumer"
            else tr("Business client")
        )
    )
    debtor.append(markup(tr("Client code: {code}").format(code=document.debtor.client_code)))
    table = Table(
        [
            [
                Paragraph("<br/>".join(creditor), sty["box"]),
                Paragraph("<br/>".join(debtor), sty["box"]),
            ]
        ],
        colWidths=[TEXT_WIDTH / 2, TEXT_WIDTH / 2],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (0, 0), 0.6, (0.45, 0.45, 0.45)),
                ("BOX", (1, 0), (1, 0), 0.6, (0.45, 0.45, 0.45)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _amounts(totals: CoverTotals, document: CoverDocument, fmt: LetterFormat) -> Any:
    from reportlab.platypus import Table, TableStyle

    tr = fmt.tr
    money = LetterFormat(document.language, totals.currency).money
    rows = [
        [tr("Principal (unpaid invoices)"), money(totals.principal)],
        [tr("Late-payment interest"), money(totals.interest)],
        [tr("Fixed recovery indemnity"), money(totals.indemnity)],
        [tr("Fees"), money(totals.fees)],
    ]
    if totals.credits:
        rows.append([tr("Less credits not yet applied"), money(-totals.credits)])
    rows.append([tr("Total claimed"), money(totals.total)])
    last = len(rows) - 1
    table = Table(rows, colWidths=[110 * MM, 40 * MM], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, last - 1), 0.25, LINE),
                ("FONTNAME", (0, last), (-1, last), BOLD),
                ("LINEABOVE", (0, last), (-1, last), 0.8, (0.2, 0.2, 0.2)),
                ("BACKGROUND", (0, last), (-1, last), HEAD_FILL),
            ]
        )
    )
    return table


def _invoices(document: CoverDocument, fmt: LetterFormat) -> Any:
    from reportlab.platypus import Paragraph, Table, TableStyle

    tr, sty = fmt.tr, styles()
    labels = (
        tr("Invoice"),
        tr("Date"),
        tr("Due date"),
        tr("Amount"),
        tr("Principal"),
        tr("Interest"),
        tr("Indemnity"),
        tr("Time-barred on"),
    )
    rows: list[list[Any]] = [
        [
            Paragraph(markup(label), sty["head_cell_right" if i >= 3 else "head_cell"])
            for i, label in enumerate(labels)
        ]
    ]
    for item in document.invoices:
        money = LetterFormat(document.language, item.currency).money
        rows.append(
            [
                Paragraph(markup(item.number), sty["cell"]),
                fmt.day(item.issue_date),
                fmt.day(item.due_date),
                money(item.total),
                money(item.principal),
                money(item.interest),
                money(item.indemnity),
                fmt.day(item.limitation_date) if item.limitation_date else "",
            ]
        )
    table = Table(rows, colWidths=[c * MM for c in INVOICE_COLUMNS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table
