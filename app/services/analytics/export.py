"""Exports of the aging view: CSV (the `relance aging` columns), XLSX, PDF (chart and table)
and the chart alone as PNG or SVG. One currency, as shown on screen."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidInput
from app.domain.ledger.aging import AgingRow
from app.domain.money import format_plain
from app.i18n import _, format_date, format_money
from app.paths import resources_dir
from app.services.analytics.aging_view import AgingChart, basis_title, bucket_title
from app.services.analytics.charts import draw_aging, new_figure, save_figure
from app.services.cells import append_row, spreadsheet_text

FORMATS = ("csv", "xlsx", "pdf", "png", "svg")
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")
PDF_ROWS_PER_TABLE = 400


def export_aging(chart: AgingChart, path: str | Path, fmt: str | None = None) -> Path:
    """Write the report in the format named by `fmt` or by the file's extension."""
    target = Path(path)
    kind = (fmt or target.suffix.lstrip(".")).lower()
    writers = {"csv": _csv, "xlsx": _xlsx, "pdf": _pdf, "png": _image, "svg": _image}
    if kind not in writers:
        raise InvalidInput(
            _("unknown export format {format}: use {allowed}").format(
                format=kind or "?", allowed=", ".join(FORMATS)
            )
        )
    try:
        if kind in ("png", "svg"):
            _image(chart, target, kind)
        else:
            writers[kind](chart, target)
    except OSError as error:
        raise InvalidInput(
            _("cannot write {path}: {reason}").format(path=target, reason=error.strerror or error)
        ) from error
    return target


def heading(chart: AgingChart) -> str:
    return _("Aged receivables on {date}, {basis}").format(
        date=format_date(chart.as_of, style="long"), basis=basis_title(chart.basis)
    )


def _row_amounts(row: AgingRow, chart: AgingChart) -> list[Any]:
    return [*(row.buckets[b] for b in chart.buckets), row.unapplied, row.total]


def _csv(chart: AgingChart, path: Path) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "currency", *chart.buckets, "unapplied", "total"])
        for row in chart.rows:
            writer.writerow(
                [
                    spreadsheet_text(row.client_code),
                    spreadsheet_text(row.client_name),
                    row.currency,
                    *(format_plain(a, row.currency) for a in _row_amounts(row, chart)),
                ]
            )


def _titles(chart: AgingChart) -> list[str]:
    return [
        _("Code"),
        _("Client"),
        *(bucket_title(b, chart.basis) for b in chart.buckets),
        _("Unapplied credit"),
        _("Total"),
    ]


def _xlsx(chart: AgingChart, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _("Aging")[:31]
    append_row(sheet, [heading(chart)])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [_("Currency: {currency}").format(currency=chart.currency or "—")])
    sheet.append([])
    append_row(sheet, _titles(chart))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EAF2F8")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    money_format = "#,##0.00"
    for row in chart.rows:
        append_row(sheet, [row.client_code, row.client_name, *_row_amounts(row, chart)])
    if chart.totals is not None:
        append_row(sheet, [_("Total"), "", *_row_amounts(chart.totals, chart)])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=header_row + 1, min_col=3):
        for cell in line:
            cell.number_format = money_format
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(_titles(chart)))}{header_row}"
    for index, width in enumerate([12, 36] + [15] * (len(chart.buckets) + 2), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    book.save(path)


def _image(chart: AgingChart, path: Path, fmt: str = "png") -> None:
    figure = new_figure(11, 5.5)
    draw_aging(figure, chart)
    save_figure(figure, path, fmt)


def _font_files() -> tuple[Path, Path]:
    for folder in (resources_dir() / "fonts", SYSTEM_FONTS):
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    raise InvalidInput(_("the DejaVu Sans font is missing: cannot write the PDF"))


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = ("RelanceAging", "RelanceAging-Bold")
    if names[0] not in pdfmetrics.getRegisteredFontNames():
        regular, bold = _font_files()
        pdfmetrics.registerFont(TTFont(names[0], str(regular)))
        pdfmetrics.registerFont(TTFont(names[1], str(bold)))
    return names


def _pdf(chart: AgingChart, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Image,
        LongTable,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )

    regular, bold = _fonts()
    page = landscape(A4)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=heading(chart),
    )
    width = page[0] - 24 * mm
    title = ParagraphStyle("title", fontName=bold, fontSize=14, leading=18)
    small = ParagraphStyle("small", fontName=regular, fontSize=9, leading=12)
    story: list[Any] = [
        Paragraph(_escape(heading(chart)), title),
        Paragraph(_escape(_("Currency: {currency}").format(currency=chart.currency or "—")), small),
        Spacer(1, 4 * mm),
    ]
    image = io.BytesIO()
    figure = new_figure(11, 4.6)
    draw_aging(figure, chart)
    save_figure(figure, image, "png", dpi=130)
    image.seek(0)
    story += [Image(image, width=width, height=width * 4.6 / 11), Spacer(1, 4 * mm)]
    currency = chart.currency or ""
    rows = [
        [
            r.client_code,
            r.client_name[:40],
            *(format_money(a, currency) for a in _row_amounts(r, chart)),
        ]
        for r in chart.rows
    ]
    totals = (
        [[_("Total"), "", *(format_money(a, currency) for a in _row_amounts(chart.totals, chart))]]
        if chart.totals is not None
        else []
    )
    header = [
        Paragraph(_escape(t), ParagraphStyle("head", fontName=bold, fontSize=8, leading=10))
        for t in _titles(chart)
    ]
    columns = [18 * mm, 60 * mm]
    rest = (width - sum(columns)) / (len(header) - 2)
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), regular, 7.5),
            ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#2c3e50")),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f4f6f7")]),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )
    chunks = [rows[i : i + PDF_ROWS_PER_TABLE] for i in range(0, len(rows), PDF_ROWS_PER_TABLE)]
    for index, chunk in enumerate(chunks or [[]]):
        last = index == len(chunks) - 1 or not chunks
        body = chunk + (totals if last else [])
        table = LongTable(
            [header, *body], colWidths=columns + [rest] * (len(header) - 2), repeatRows=1
        )
        table.setStyle(style)
        if last and totals:
            table.setStyle(
                TableStyle(
                    [
                        ("FONT", (0, -1), (-1, -1), bold, 7.5),
                        ("LINEABOVE", (0, -1), (-1, -1), 0.6, colors.black),
                    ]
                )
            )
        story.append(table)
    doc.build(story)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
