"""Writes the corpus of hostile and careless XLSX, FEC, Factur-X and backup files, and
formats.toml beside it.

Run `PYTHONPATH=. python3 tests/data/bad/make_formats.py` from the repository after changing a
case; commit the files it writes (the backups are made by the application itself).
Each file goes through `relance import KIND FILE` (or `relance restore FILE`) into a dossier
holding base/*.csv and base/facturx_F900.pdf: it is either refused (exit 3, the message at
FILE[:LINE[:COLUMN]], every table unchanged) or accepted (exit 0, the rows named here hold
exactly these stored values: money in cents). `xfail` names a known fault of the application.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.data.bad.make_corpus import _toml, accepted, client, invoice, refused  # noqa: E402
from tests.services.transfer.facturx_samples import Party, cii, plain_pdf  # noqa: E402

FOLDERS = ("xlsx", "fec", "facturx", "backups")
Case = tuple[str, list[str], Callable[[Path], None], dict[str, object]]
BUYER = Party("Boulangerie Martin", "423456789", "FR12423456789")


def unchanged(*out: str) -> dict[str, object]:
    """Accepted with nothing to add: these lines on stdout and every table as it was."""
    return {"exit": 0, "out": list(out), "unchanged": 1}


def payment(reference: str, **values: str) -> tuple[str, dict[str, str], dict[str, str]]:
    return ("payments", {"reference": reference}, values)


# --- XLSX -----------------------------------------------------------------------------------


def _book(*rows: tuple[object, ...], edit: Callable[[object], None] | None = None) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    if edit is not None:
        edit(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx(*rows: tuple[object, ...], edit: Callable[[object], None] | None = None):
    return lambda path: path.write_bytes(_book(*rows, edit=edit))


def _date(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text)


INV = ("number", "client_code", "issue_date", "due_date", "total")


def _merged(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet.merge_cells("A1:B1")


def _formula(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet["E2"] = "=100+20"


def _old_xls(path: Path) -> None:
    # The signature of an OLE2 compound file (Excel 97-2003), then padding.
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)


XLSX: list[Case] = [
    (
        "not_a_zip",
        ["import", "invoices"],
        lambda p: p.write_text("number,total\nF9,1\n"),
        refused("", "not an XLSX spreadsheet: the file is not a zip archive"),
    ),
    (
        "xls_renamed",
        ["import", "invoices"],
        _old_xls,
        refused("", "this is an old Excel .xls workbook: save it as .xlsx or CSV"),
    ),
    (
        "empty_workbook",
        ["import", "invoices"],
        _xlsx(),
        refused("1", "the first sheet is empty: a header row is expected"),
    ),
    (
        "missing_total_column",
        ["import", "invoices"],
        _xlsx(INV[:4], ("X1", "C001", _date("2026-03-01"), _date("2026-03-31"))),
        refused("1:total", "required column missing from the header"),
    ),
    (
        "text_in_amount",
        ["import", "invoices"],
        _xlsx(INV, ("X1", "C001", _date("2026-03-01"), _date("2026-03-31"), "cent euros")),
        refused("2:total", "not an amount: 'cent euros'"),
    ),
    (
        "date_before_1900",
        ["import", "invoices"],
        _xlsx(INV, ("X1", "C001", "1899-12-30", _date("2026-03-31"), 10)),
        refused("2:issue_date", "the year of '1899-12-30' is not between 1900 and 2200"),
    ),
    (
        "date_cell_before_1900",
        ["import", "invoices"],
        _xlsx(INV, ("X1", "C001", _date("1850-06-01"), _date("2026-03-31"), 10)),
        refused("2:issue_date", "the year of '1850-06-01' is not between 1900 and 2200"),
    ),
    (
        "numeric_client_code",
        ["import", "clients"],
        _xlsx(("code", "name", "phone"), (1001, "Fromagerie Petit", 33142000000)),
        accepted(client("1001", name="Fromagerie Petit", phone="33142000000")),
    ),
    (
        "formula_cell",
        ["import", "invoices"],
        _xlsx(INV, ("X1", "C001", _date("2026-03-01"), _date("2026-03-31"), 0), edit=_formula),
        refused("2:total", "an amount is required"),
    ),
    (
        "third_decimal",
        ["import", "invoices"],
        _xlsx(INV, ("X1", "C001", _date("2026-03-01"), _date("2026-03-31"), 12.345)),
        refused("2:total", "ambiguous amount '12.345'"),
    ),
    (
        "duplicated_header",
        ["import", "invoices"],
        _xlsx((*INV, "total"), ("X1", "C001", _date("2026-03-01"), _date("2026-03-31"), 10, 11)),
        refused("1:total", "this column appears twice"),
    ),
    (
        "merged_header",
        ["import", "invoices"],
        _xlsx(INV, ("X1", "C001", _date("2026-03-01"), _date("2026-03-31"), 10), edit=_merged),
        refused("1:client_code", "required column missing from the header"),
    ),
    (
        "row_longer_than_header",
        ["import", "invoices"],
        _xlsx(INV, ("X1", "C001", _date("2026-03-01"), _date("2026-03-31"), 10, "extra")),
        refused("2", "this row has 6 cells but the header has 5 columns"),
    ),
    (
        "unknown_client",
        ["import", "invoices"],
        _xlsx(INV, ("X1", "C999", _date("2026-03-01"), _date("2026-03-31"), 10)),
        refused("2:client_code", "unknown client C999"),
    ),
    (
        "title_row_then_header",
        ["import", "invoices"],
        _xlsx(
            ("Factures de mars 2026",),
            (),
            INV,
            ("X1", "C001", _date("2026-03-01"), _date("2026-03-31"), 1234.5),
        ),
        accepted(invoice("X1", issue_date="2026-03-01", due_date="2026-03-31", total="123450")),
    ),
    (
        "french_headers",
        ["import", "invoices"],
        _xlsx(
            ("N° facture", "Code client", "Date facture", "Échéance", "Montant TTC"),
            ("X2", "C002", _date("2026-04-02"), _date("2026-05-02"), 99.99),
            ("X3", "C002", _date("2026-04-03"), _date("2026-05-03"), 0.1 + 0.2),
        ),
        accepted(
            invoice("X2", issue_date="2026-04-02", due_date="2026-05-02", total="9999"),
            invoice("X3", issue_date="2026-04-03", due_date="2026-05-03", total="30"),
        ),
    ),
    (
        "payments_sheet",
        ["import", "payments"],
        _xlsx(
            ("date", "client_code", "amount", "invoice_number", "reference"),
            (_date("2026-03-05"), "C002", 80, "F3", "VIR-77"),
        ),
        accepted(payment("VIR-77", date="2026-03-05", amount="8000")),
    ),
]

# --- FEC ------------------------------------------------------------------------------------

COLUMNS = [
    *("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib"),
    *("CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit"),
    *("EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"),
]


def _sale(
    num: str,
    day: str,
    aux: str,
    name: str,
    piece: str,
    total: str,
    net: str,
    tax: str,
    letter: str = "",
) -> list[list[str]]:
    common = ["VT", "Ventes", num, day]
    tail = [piece, day, f"Facture {piece}"]
    return [
        [*common, "411000", "Clients", aux, name, *tail, total, "0,00", letter, "", day, "", ""],
        [*common, "706000", "Prestations", "", "", *tail, "0,00", net, "", "", day, "", ""],
        [*common, "445710", "TVA collectée", "", "", *tail, "0,00", tax, "", "", day, "", ""],
    ]


def _receipt(
    num: str, day: str, aux: str, name: str, piece: str, amount: str, letter: str = ""
) -> list[list[str]]:
    common = ["BQ", "Banque", num, day]
    tail = [piece, day, f"Règlement {piece}"]
    return [
        [*common, "512000", "Banque", "", "", *tail, amount, "0,00", "", "", day, "", ""],
        [*common, "411000", "Clients", aux, name, *tail, "0,00", amount, letter, "", day, "", ""],
    ]


def _fec(
    rows: list[list[str]], *, sep: str = "\t", encoding: str = "utf-8", header: list[str] = COLUMNS
) -> Callable[[Path], None]:
    text = "".join(sep.join(row) + "\r\n" for row in [header, *rows])
    return lambda path: path.write_bytes(text.encode(encoding))


SALE = _sale("1", "20260305", "CLI01", "Épicerie Noël", "FA100", "120,00", "100,00", "20,00")
LETTERED = _sale(
    "1", "20260305", "CLI01", "Épicerie Noël", "FA100", "120,00", "100,00", "20,00", "A"
)
PAID = _receipt("1", "20260320", "CLI01", "Épicerie Noël", "RG100", "120,00", "A")
SUPPLIER = [
    [
        "HA",
        "Achats",
        "1",
        "20260305",
        "401000",
        "Fournisseurs",
        "FOU01",
        "Papeterie",
        "AC1",
        "20260305",
        "Achat",
        "0,00",
        "60,00",
        "",
        "",
        "20260305",
        "",
        "",
    ],
    [
        "HA",
        "Achats",
        "1",
        "20260305",
        "606000",
        "Achats",
        "",
        "",
        "AC1",
        "20260305",
        "Achat",
        "60,00",
        "0,00",
        "",
        "",
        "20260305",
        "",
        "",
    ],
]


def _montant_sens(rows: list[list[str]]) -> list[list[str]]:
    out = []
    for row in rows:
        debit, credit = row[11], row[12]
        sens, amount = ("D", debit) if debit != "0,00" else ("C", credit)
        out.append([*row[:11], amount, sens, *row[13:]])
    return out


def _short(rows: list[list[str]]) -> list[list[str]]:
    return [rows[0][:17], *rows[1:]]


def _set(rows: list[list[str]], line: int, column: int, value: str) -> list[list[str]]:
    copy = [list(row) for row in rows]
    copy[line][column] = value
    return copy


MS_HEADER = [*COLUMNS[:11], "Montant", "Sens", *COLUMNS[13:]]
FEC: list[Case] = [
    (
        "seventeen_columns",
        ["import", "fec"],
        _fec(_short(SALE)),
        refused("2", "17 fields on this line where the FEC has 18 columns"),
    ),
    (
        "unbalanced_entry",
        ["import", "fec"],
        _fec(_set(SALE, 1, 12, "90,00")),
        refused(
            "2:EcritureNum", "entry 1 of journal VT is not balanced: debits 120.00, credits 110.00"
        ),
    ),
    (
        "bad_date",
        ["import", "fec"],
        _fec(_set(SALE, 2, 3, "20261332")),
        refused("4:EcritureDate", "not a date: '20261332' (expected YYYYMMDD)"),
    ),
    (
        "dot_three_decimals",
        ["import", "fec"],
        _fec(_set(SALE, 0, 11, "120.000")),
        refused("2:Debit", "not an amount: '120.000'"),
    ),
    (
        "montant_sens",
        ["import", "fec"],
        _fec(_montant_sens(LETTERED + PAID), header=MS_HEADER),
        accepted(
            client("CLI01", name="Épicerie Noël"),
            invoice(
                "FA100",
                issue_date="2026-03-05",
                due_date="2026-04-04",
                total="12000",
                allocated="12000",
            ),
            payment("RG100 (BQ 1)", date="2026-03-20", amount="12000"),
        ),
    ),
    (
        "pipe_separator",
        ["import", "fec"],
        _fec(SALE, sep="|"),
        accepted(invoice("FA100", issue_date="2026-03-05", total="12000")),
    ),
    (
        "iso_8859_15",
        ["import", "fec"],
        _fec(LETTERED + PAID, encoding="iso-8859-15"),
        accepted(
            client("CLI01", name="Épicerie Noël"),
            invoice("FA100", total="12000", allocated="12000"),
        ),
    ),
    (
        "lettering_one_side",
        ["import", "fec"],
        _fec(SALE + _receipt("2", "20260320", "CLI01", "Épicerie Noël", "RG101", "50,00", "B")),
        accepted(
            invoice("FA100", total="12000", allocated="0", settled_on="None"),
            payment("RG101 (BQ 2)", date="2026-03-20", amount="5000"),
        ),
    ),
    (
        "supplier_only",
        ["import", "fec"],
        _fec(SUPPLIER),
        unchanged(
            "0 invoices imported",
            "1 supplier account line ignored",
            "1 line of other accounts ignored",
        ),
    ),
    (
        "empty_file",
        ["import", "fec"],
        lambda p: p.write_bytes(b""),
        refused("", "the file is empty: a FEC header row is expected"),
    ),
    ("header_only", ["import", "fec"], _fec([]), unchanged("0 invoices imported")),
    (
        "text_amount",
        ["import", "fec"],
        _fec(_set(SALE, 0, 11, "cent")),
        refused("2:Debit", "not an amount: 'cent'"),
    ),
    (
        "windows_1252",
        ["import", "fec"],
        _fec(_set(SALE, 0, 7, "L’Atelier – Noël"), encoding="cp1252"),
        accepted(client("CLI01", name="L’Atelier – Noël")),
    ),
    (
        "collective_without_aux",
        ["import", "fec"],
        _fec(_set(SALE, 0, 6, "")),
        {
            **unchanged("0 invoices imported", "3 lines of other accounts ignored"),
            "err": "14_collective_without_aux.txt:2:CompAuxNum: customer line without an "
            "auxiliary account: ignored",
        },
    ),
    (
        "sens_plus_minus_one",
        ["import", "fec"],
        _fec(
            [[*r[:12], {"D": "+1", "C": "-1"}[r[12]], *r[13:]] for r in _montant_sens(SALE)],
            header=MS_HEADER,
        ),
        accepted(invoice("FA100", issue_date="2026-03-05", total="12000")),
    ),
]

# --- Factur-X -------------------------------------------------------------------------------


def _pdf(xml: bytes | None, check: bool = True) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        if xml is None:
            path.write_bytes(plain_pdf(path.stem))
            return
        import facturx

        path.write_bytes(facturx.generate_from_binary(plain_pdf(path.stem), xml, check_xsd=check))

    return write


def _xml(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


UBL = (
    b'<?xml version="1.0" encoding="UTF-8"?><Invoice xmlns="urn:oasis:names:specification:ubl:'
    b'schema:xsd:Invoice-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:'
    b'CommonBasicComponents-2"><cbc:ID>U9</cbc:ID><cbc:IssueDate>2026-10-15</cbc:IssueDate>'
    b"</Invoice>"
)
COMPANY_AS_BUYER = Party("Atelier Dupont SARL", "512345678", "FR40512345678")
SUPPLIER_PARTY = Party("Papeterie Lebrun", "398765432", "FR55398765432")
FACTURX: list[Case] = [
    (
        "pdf_without_xml",
        ["import", "facturx"],
        _pdf(None),
        refused("", "no Factur-X or CII XML invoice found in this PDF"),
    ),
    (
        "broken_xml",
        ["import", "facturx"],
        _xml(cii("X10", BUYER, "10.00")[:-40]),
        refused("1", "not well-formed XML"),
    ),
    (
        "schema_failure",
        ["import", "facturx"],
        _xml(
            cii("X11", BUYER, "10.00")
            .replace(b"<ram:TypeCode>380", b"<ram:Bogus>380")
            .replace(b"380</ram:TypeCode>", b"380</ram:Bogus>", 1)
        ),
        refused(
            "1", "not a valid Factur-X e-invoice: Element 'ram:Bogus': This element is not expected"
        ),
    ),
    (
        "supplier_invoice",
        ["import", "facturx"],
        _pdf(cii("P55", COMPANY_AS_BUYER, "50.00", seller=SUPPLIER_PARTY)),
        refused("", "P55 is a supplier's invoice: Papeterie Lebrun invoices your company"),
    ),
    (
        "ubl_invoice",
        ["import", "facturx"],
        _xml(UBL),
        refused("", "not a Factur-X / CII e-invoice (ubl-2.1-invoice)"),
    ),
    (
        "duplicate_of_imported",
        ["import", "facturx"],
        _pdf(cii("F900", BUYER, "100.00")),
        unchanged(
            "1 client already in the dossier",
            "0 invoices imported",
            "1 invoice already in the dossier, left as it is",
        ),
    ),
    (
        "credit_note_381",
        ["import", "facturx"],
        _pdf(cii("AV901", BUYER, "25.00", type_code="381", corrects="F900")),
        accepted(
            invoice(
                "AV901",
                kind="credit_note",
                issue_date="2026-10-15",
                total="3000",
                net_amount="2500",
            )
        ),
    ),
    (
        "plain_cii_xml",
        ["import", "facturx"],
        _xml(cii("F902", BUYER, "40.00", issued="20261020", due="20261119")),
        accepted(
            invoice(
                "F902",
                issue_date="2026-10-20",
                due_date="2026-11-19",
                total="4800",
                attachment_path="",
            )
        ),
    ),
    (
        "empty_pdf",
        ["import", "facturx"],
        lambda p: p.write_bytes(b""),
        refused("", "not a PDF file"),
    ),
    (
        "usd_invoice",
        ["import", "facturx"],
        _pdf(cii("F903", BUYER, "10.00", currency="USD")),
        accepted(invoice("F903", currency="USD", total="1200", net_amount="1000")),
    ),
    (
        "self_billed_389",
        ["import", "facturx"],
        _pdf(cii("F904", BUYER, "10.00", type_code="389")),
        accepted(invoice("F904", kind="invoice", total="1200")),
    ),
]

# --- backups --------------------------------------------------------------------------------


def _relance_backup(folder: Path) -> Path:
    from app.bootstrap import build
    from app.paths import Paths
    from app.services.dossier import CompanySettings
    from tests.services.transfer.csv_helpers import write_csv

    built = build(str(folder / "source.relance"), "en", Paths.under(folder / "home"))
    try:
        built.dossier.init(CompanySettings(name="Source SARL", country="FR"))
        built.importer.import_file(
            "clients", write_csv(folder, "c.csv", "code,name\nR1,Menuiserie Roux\nR2,Garage\n")
        )
        built.importer.import_file(
            "invoices",
            write_csv(
                folder,
                "i.csv",
                "number,client_code,issue_date,due_date,total\n"
                "R-1,R1,2026-09-01,2026-10-01,120.00\nR-2,R2,2026-09-02,2026-10-02,80.00\n",
            ),
        )
        return built.backup.backup(folder / "pristine.relance")
    finally:
        built.close()


def _crafted(*statements: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        shutil.copyfile(PRISTINE, path)
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA foreign_keys=OFF")
            for statement in statements:
                conn.execute(statement)
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()

    return write


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('tarte tatin')")
    conn.commit()
    conn.close()


PRISTINE = Path()
BACKUPS: list[Case] = [
    (
        "text_file",
        ["restore"],
        lambda p: p.write_text("not a backup\n"),
        refused("", "not a Relance backup (not an SQLite database); nothing was changed"),
    ),
    (
        "foreign_sqlite",
        ["restore"],
        _foreign_sqlite,
        refused("", "this SQLite file is not a Relance dossier; nothing was changed"),
    ),
    (
        "with_trigger",
        ["restore"],
        _crafted(
            "CREATE TRIGGER cut AFTER INSERT ON payments BEGIN UPDATE invoices SET total = 1; END"
        ),
        {
            **accepted(invoice("R-1", total="12000"), client("R1", name="Menuiserie Roux")),
            "err": "warning: ignored what the backup held besides data: trigger cut",
        },
    ),
    (
        "view_named_like_a_table",
        ["restore"],
        _crafted(
            "ALTER TABLE invoices RENAME TO invoices_kept",
            "CREATE VIEW invoices AS SELECT * FROM invoices_kept WHERE total > 10000",
        ),
        refused("", "table invoices, row -: the backup has no such table; nothing was changed"),
    ),
    (
        "newer_schema_revision",
        ["restore"],
        _crafted("UPDATE alembic_version SET version_num = '2099_01_01_0099_future'"),
        refused(
            "",
            "this backup was written by a newer version of Relance (schema 2099_01_01_0099_future)",
        ),
    ),
    (
        "invoice_client_missing",
        ["restore"],
        _crafted("DELETE FROM clients WHERE code = 'R2'"),
        refused(
            "",
            "table invoices, row 2: refers to a row of clients that does not exist",
        ),
    ),
    (
        "empty_file",
        ["restore"],
        lambda p: p.write_bytes(b""),
        refused("", "not a Relance backup (not an SQLite database)"),
    ),
    (
        "truncated",
        ["restore"],
        lambda p: p.write_bytes(PRISTINE.read_bytes()[:8192]),
        refused("", "the backup is damaged (database disk image is malformed)"),
    ),
]

EXTENSIONS = {"xlsx": "xlsx", "fec": "txt", "backups": "relance"}
FACTURX_EXT = {
    "broken_xml": "xml",
    "schema_failure": "xml",
    "ubl_invoice": "xml",
    "plain_cii_xml": "xml",
}


def main() -> None:
    global PRISTINE
    base = HERE / "base"
    base.mkdir(exist_ok=True)
    _pdf(cii("F900", BUYER, "100.00"))(base / "facturx_F900.pdf")
    lines = [
        "# Written by make_formats.py: one [[case]] per file under xlsx/, fec/, facturx/,",
        "# backups/.",
        "",
    ]
    total = 0
    with tempfile.TemporaryDirectory() as scratch:
        PRISTINE = _relance_backup(Path(scratch))
        for folder, cases in zip(FOLDERS, (XLSX, FEC, FACTURX, BACKUPS), strict=True):
            target = HERE / folder
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            for number, (name, command, write, expect) in enumerate(cases, start=1):
                ext = EXTENSIONS.get(folder) or FACTURX_EXT.get(name, "pdf")
                file = f"{number:02d}_{name}.{ext}"
                write(target / file)
                lines += [
                    "[[case]]",
                    f"folder = {_toml(folder)}",
                    f"file = {_toml(file)}",
                    f"command = {_toml(command)}",
                ]
                lines += [f"{key} = {_toml(value)}" for key, value in expect.items()]
                lines.append("")
                total += 1
    (HERE / "formats.toml").write_text("\n".join(lines), encoding="utf-8")
    print(f"{total} files written")


if __name__ == "__main__":
    main()
