"""The page frame shared by the account documents: the letters' letterhead, address window,
footer and page numbers, around a story of flowables."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from app.adapters.pdf.blocks import markup
from app.adapters.pdf.fonts import REGULAR, register_fonts
from app.adapters.pdf.formatting import LetterFormat
from app.adapters.pdf.layout import (
    BODY_BOTTOM,
    BODY_TOP_FIRST,
    BODY_TOP_LATER,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    PageHead,
    canvas_class,
    draw_first_page,
    draw_later_page,
)
from app.adapters.pdf.model import CompanyInfo, Recipient
from app.adapters.pdf.story import address_lines, legal_ids


def page_head(
    company: CompanyInfo, recipient: Recipient | None, fmt: LetterFormat, later_header: str
) -> PageHead:
    """The letters' letterhead; the address window holds the client's address when given."""
    tr = fmt.tr
    lines: list[tuple[str, str]] = [("head_name", markup(company.name))]
    town = " ".join(x for x in (company.postcode.strip(), company.city.strip()) if x)
    for line in (*company.address_lines, town):
        if line:
            lines.append(("head", markup(line)))
    contact = " · ".join(
        x
        for x in (
            tr("Tel. {phone}").format(phone=company.phone) if company.phone else "",
            company.email,
        )
        if x
    )
    if contact:
        lines.append(("head", markup(contact)))
    ids = legal_ids(company, fmt)
    if ids:
        lines.append(("head_small", markup(ids)))
    footer = " · ".join(x for x in (company.name, ids, company.legal_mentions) if x)
    address = address_lines(recipient, company, fmt) if recipient is not None else []
    return PageHead(
        company_lines=tuple(lines),
        logo_path=str(company.logo_path) if company.logo_path else "",
        address_markup=tuple(markup(x) for x in address),
        registered_mail="",
        later_header=later_header,
        footer=markup(footer),
        page_label=tr("Page {page}/{pages}"),
    )


def write_pdf(
    path: Path,
    head: PageHead,
    story: list[Any],
    title: str,
    author: str,
    first_top: float = BODY_TOP_FIRST,
) -> int:
    """The document at `path`, written whole or not at all; returns the number of pages.
    `first_top`: where the text starts on page 1 (below the address window by default)."""
    return _write(path, lambda out: _build(out, head, story, title, author, first_top))


def pdf_bytes(head: PageHead, story: list[Any], title: str, author: str) -> bytes:
    buffer = io.BytesIO()
    _build(buffer, head, story, title, author)
    return buffer.getvalue()


def _build(
    out: BinaryIO,
    head: PageHead,
    story: list[Any],
    title: str,
    author: str,
    first_top: float = BODY_TOP_FIRST,
) -> int:
    register_fonts()
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

    def frame(top: float, name: str) -> Any:
        return Frame(
            LEFT,
            BODY_BOTTOM,
            TEXT_WIDTH,
            PAGE_HEIGHT - top - BODY_BOTTOM,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def on_page(draw: Callable[[Any, PageHead], None]) -> Callable[[Any, Any], None]:
        def decorate(canvas: Any, _doc: Any) -> None:
            canvas.letter_key = 0
            draw(canvas, head)

        return decorate

    doc = BaseDocTemplate(
        out,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=True,
        initialFontName=REGULAR,
        initialFontSize=10,
        title=title,
        author=author,
        creator="Relance",
        pageTemplates=[
            PageTemplate("first", [frame(first_top, "first")], onPage=on_page(draw_first_page)),
            PageTemplate(
                "later", [frame(BODY_TOP_LATER, "later")], onPage=on_page(draw_later_page)
            ),
        ],
    )
    doc.build([NextPageTemplate("later"), *story], canvasmaker=canvas_class())
    return int(doc.page)


def _write(path: Path, build: Callable[[BinaryIO], int]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".relance-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            pages = build(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return pages
