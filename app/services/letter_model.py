"""A letter ready to print: every text already in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Party:
    name: str
    address_lines: tuple[str, ...]
    extra_lines: tuple[str, ...] = ()  # legal ids, VAT, phone, email


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[tuple[str, str], ...] = ()  # (label, amount) lines under the table
    right_columns: frozenset[int] = frozenset()


@dataclass(frozen=True)
class LetterDoc:
    sender: Party
    recipient: Party
    place_date: str
    reference: str
    subject: str
    body: tuple[str, ...]  # paragraphs; "[invoices]" and "[claim]" place the tables
    invoices: Table
    claim: Table | None = None
    registered_mail: str = ""  # "Lettre recommandée avec accusé de réception" when chosen
    bank_lines: tuple[str, ...] = ()
    epc_payload: str = ""
    signature: tuple[str, ...] = ()
    page_label: str = "Page {page}/{pages}"
    logo_path: str = ""
    pay_by_qr: str = ""
    extras: dict[str, str] = field(default_factory=dict)
