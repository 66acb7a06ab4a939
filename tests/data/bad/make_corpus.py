"""Writes the corpus of hostile and careless CSV imports, and expected.toml beside it.

Run `python3 tests/data/bad/make_corpus.py` after changing a case; commit the files it writes.
Each case is imported with `relance import KIND FILE` into a dossier holding base/*.csv; it is
either refused (exit 3, the message at FILE:LINE[:COLUMN], every table unchanged) or accepted
(exit 0, the rows named here hold exactly these stored values: money in cents).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HERE = Path(__file__).parent
CORPUS = HERE / "csv"

BASE = {
    "clients": "code,name,client_type\n"
    "C001,Boulangerie Martin,business\n"
    "C002,Garage Dupuis,business\n"
    "C003,Dollar Ltd,business\n",
    "invoices": "number,client_code,issue_date,due_date,total,currency\n"
    "F1,C001,2026-01-10,2026-02-09,100.00,EUR\n"
    "F2,C001,2026-02-01,2026-03-03,250.00,EUR\n"
    "F3,C002,2026-01-15,2026-02-14,80.00,EUR\n"
    "U1,C003,2026-01-20,2026-02-19,120.00,USD\n",
    "payments": "date,client_code,amount,invoice_number,reference\n2026-02-15,C001,30.00,F1,\n",
}

CLIENTS = "code,name,email,phone\n"
CLIENTS_LIMIT = "code;name;credit_limit\n"
INVOICES = "number;client_code;issue_date;due_date;total;currency\n"
PAYMENTS = "date;client_code;amount;invoice_number;reference\n"
REMINDERS = "date,client_code,level,invoice_numbers,channel,note\n"


def refused(at: str, error: str) -> dict[str, object]:
    return {"exit": 3, "at": at, "error": error}


def accepted(*rows: tuple[str, dict[str, str], dict[str, str]]) -> dict[str, object]:
    return {
        "exit": 0,
        "rows": [{"table": t, "key": key, "values": values} for t, key, values in rows],
    }


def invoice(number: str, **values: str) -> tuple[str, dict[str, str], dict[str, str]]:
    return ("invoices", {"number": number}, values)


def client(code: str, **values: str) -> tuple[str, dict[str, str], dict[str, str]]:
    return ("clients", {"code": code}, values)


CONTROL = "invisible or control character"
AMBIGUOUS = "ambiguous amount"
GROUPED = "badly grouped amount"
YEAR = "is not between 1900 and 2200"
SHORT = "cells but the header has"
DUPLICATE = "confirm with --allow-duplicates"
NOT_DATE = "not a date"
NOT_AMOUNT = "not an amount"
MIXED = "the file mixes encodings"

# (name, kind, content, expectation)
CASES: list[tuple[str, str, str | bytes, dict[str, object]]] = [
    # --- rows and quotes ---------------------------------------------------------------
    ("short_row", "clients", CLIENTS + "C010,Boulangerie Martin\n", refused("2", SHORT)),
    ("short_row_late", "clients", CLIENTS + "C010,A,a@b.fr,01\nC011,B\n", refused("3", SHORT)),
    (
        "empty_cells_clear",
        "clients",
        CLIENTS + "C010,Boulangerie Martin,,\n",
        accepted(client("C010", name="Boulangerie Martin", email="", phone="")),
    ),
    ("extra_cell", "clients", CLIENTS + "C010,A,a@b.fr,01,oops\n", refused("2", SHORT)),
    (
        "unclosed_quote_to_end",
        "clients",
        CLIENTS + 'C030,"Unclosed,a@b.fr,01\nC031,Next,n@b.fr,02\n',
        refused("2", "is never closed"),
    ),
    (
        "unclosed_quote_swallows_rows",
        "clients",
        'code,name\nC029,Avant\nC030,"Unclosed\nC031,Next\nC032,Last"\n',
        refused("3", "looks like a row of its own"),
    ),
    (
        "quote_ends_mid_cell",
        "clients",
        CLIENTS + 'C030,"Dupont" SA,a@b.fr,01\n',
        refused("2", "ends in the middle of a cell"),
    ),
    (
        "quote_not_doubled",
        "clients",
        CLIENTS + 'C030,"Le "Bon" Pain",a@b.fr,01\n',
        refused("2", "ends in the middle of a cell"),
    ),
    (
        "doubled_quotes_fine",
        "clients",
        CLIENTS + 'C030,"Le ""Bon"" Pain",a@b.fr,01\n',
        accepted(client("C030", name='Le "Bon" Pain')),
    ),
    (
        "multiline_address_fine",
        "clients",
        'code,name,address\nC031,Martin,"12 rue Haute\n75001 Paris"\n',
        accepted(client("C031", address="12 rue Haute\n75001 Paris")),
    ),
    (
        "address_with_commas_fine",
        "clients",
        'code,name,address\nC032,Martin,"Bât A, 3e étage\nporte 2, code 1234"\n',
        accepted(client("C032", address="Bât A, 3e étage\nporte 2, code 1234")),
    ),
    (
        "missing_required_column",
        "clients",
        "code,email\nC010,a@b.fr\n",
        refused("1:name", "required"),
    ),
    ("duplicate_column", "clients", "code,name,name\nC010,A,B\n", refused("1:name", "twice")),
    ("duplicate_code", "clients", "code,name\nC010,A\nC010,B\n", refused("3:code", "line 2")),
    ("empty_file", "clients", "", {"exit": 3, "at": "", "error": "the file is empty"}),
    ("blank_lines_only", "clients", "\n\n\n", {"exit": 3, "at": "", "error": "the file is empty"}),
    # --- characters ------------------------------------------------------------------
    ("nul_in_name", "clients", "code,name\nC012,Bou\x00langerie\n", refused("2:name", "U+0000")),
    ("cr_in_code", "clients", 'code,name\n"C0\r13",Nom\n', refused("2:code", "U+000D")),
    ("lf_in_name", "clients", 'code,name\nC014,"Na\nme"\n', refused("2:name", "U+000A")),
    ("tab_in_phone", "clients", CLIENTS + "C015,A,a@b.fr,01\t02\n", refused("2:phone", "U+0009")),
    ("rlo_in_name", "clients", "code,name\nC016,\u202eevil\n", refused("2:name", "U+202E")),
    ("lre_in_name", "clients", "code,name\nC016,ab\u202acd\n", refused("2:name", "U+202A")),
    ("lri_in_code", "clients", "code,name\nC\u206601,Nom\n", refused("2:code", "U+2066")),
    ("pdi_in_code", "clients", "code,name\nC01\u2069,Nom\n", refused("2:code", "U+2069")),
    ("zwsp_in_code", "clients", "code,name\nC0\u200b17,Nom\n", refused("2:code", "U+200B")),
    ("zwnj_in_name", "clients", "code,name\nC018,No\u200cm\n", refused("2:name", "U+200C")),
    ("zwj_in_email", "clients", CLIENTS + "C019,A,a\u200d@b.fr,\n", refused("2:email", "U+200D")),
    ("bom_inside_name", "clients", "code,name\nC020,No\ufeffm\n", refused("2:name", "U+FEFF")),
    ("del_in_name", "clients", "code,name\nC021,No\x7fm\n", refused("2:name", "U+007F")),
    ("nel_in_name", "clients", "code,name\nC022,No\x85m\n", refused("2:name", "U+0085")),
    ("escape_in_name", "clients", "code,name\nC023,No\x1b[31mm\n", refused("2:name", "U+001B")),
    (
        "email_header_injection",
        "clients",
        CLIENTS + 'C024,A,"a@b.fr\r\nBcc: all@evil.example",\n',
        refused("2:email", "U+000D"),
    ),
    (
        "email_list_comma",
        "clients",
        CLIENTS + 'C025,A,"a@b.fr,c@d.fr",\n',
        refused("2:email", "not one email address"),
    ),
    (
        "email_list_semicolon",
        "clients",
        CLIENTS + "C026,A,a@b.fr;c@d.fr,\n",
        refused("2:email", "not one email address"),
    ),
    ("email_space", "clients", CLIENTS + "C027,A,a b@c.fr,\n", refused("2:email", "not one email")),
    (
        "email_no_at",
        "clients",
        CLIENTS + "C028,A,compta.martin.fr,\n",
        refused("2:email", "not one"),
    ),
    (
        "email_display_name",
        "clients",
        CLIENTS + "C029,A,Martin <a@b.fr>,\n",
        refused("2:email", "not one email address"),
    ),
    (
        "accents_fine",
        "clients",
        "code,name\nC040,Société Générale — Crème brûlée\n",
        accepted(client("C040", name="Société Générale — Crème brûlée")),
    ),
    (
        "rlo_in_invoice_number",
        "invoices",
        INVOICES + "F\u202e9;C001;2026-03-01;;10,00;\n",
        refused("2:number", "U+202E"),
    ),
    (
        "nul_in_invoice_number",
        "invoices",
        INVOICES + "F\x009;C001;2026-03-01;;10,00;\n",
        refused("2:number", "U+0000"),
    ),
    (
        "crlf_in_invoice_number",
        "invoices",
        INVOICES + '"F9\r\nX";C001;2026-03-01;;10,00;\n',
        refused("2:number", "U+000D"),
    ),
    (
        "zwsp_in_client_code",
        "invoices",
        INVOICES + "F9;C00\u200b1;2026-03-01;;10,00;\n",
        refused("2:client_code", "U+200B"),
    ),
    (
        "nul_in_total",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;10\x00,00;\n",
        refused("2:total", "U+0000"),
    ),
    (
        "description_multiline_fine",
        "invoices",
        "number;client_code;issue_date;total;description\n"
        'F9;C001;2026-03-01;10,00;"Pose\nDépose"\n',
        accepted(invoice("F9", description="Pose\nDépose", total="1000")),
    ),
    (
        "description_rlo",
        "invoices",
        "number;client_code;issue_date;total;description\nF9;C001;2026-03-01;10,00;a\u202eb\n",
        refused("2:description", "U+202E"),
    ),
    (
        "description_nul",
        "invoices",
        "number;client_code;issue_date;total;description\nF9;C001;2026-03-01;10,00;a\x00b\n",
        refused("2:description", "U+0000"),
    ),
    # --- amounts ---------------------------------------------------------------------
    (
        "thousands_comma",
        "invoices",
        INVOICES + 'F9;C001;2026-03-01;;"1,000";\n',
        refused("2:total", AMBIGUOUS),
    ),
    (
        "thousands_dot",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1.000;\n",
        refused("2:total", AMBIGUOUS),
    ),
    (
        "two_thousand_five_hundred",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;2,500;\n",
        refused("2:total", AMBIGUOUS),
    ),
    (
        "ambiguous_with_euro",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1.000 €;\n",
        refused("2:total", AMBIGUOUS),
    ),
    (
        "badly_grouped",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1,2.3;\n",
        refused("2:total", GROUPED),
    ),
    (
        "badly_grouped_spaces",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;12 34,00;\n",
        refused("2:total", GROUPED),
    ),
    (
        "badly_grouped_dots",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1.2.3;\n",
        refused("2:total", GROUPED),
    ),
    (
        "bad_group_of_two",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1,000,00;\n",
        refused("2:total", GROUPED),
    ),
    (
        "settled_by_comma_decimals",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1,000;\nF10;C001;2026-03-01;;12,50;\n",
        accepted(invoice("F9", total="100"), invoice("F10", total="1250")),
    ),
    (
        "settled_by_dot_thousands",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1.000;\nF10;C001;2026-03-01;;2.000,50;\n",
        accepted(invoice("F9", total="100000"), invoice("F10", total="200050")),
    ),
    (
        "settled_by_comma_thousands",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;2,500;\nF10;C001;2026-03-01;;1,234.56;\n",
        accepted(invoice("F9", total="250000"), invoice("F10", total="123456")),
    ),
    (
        "settled_by_repeated_dots",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1.000;\nF10;C001;2026-03-01;;1.000.000;\n",
        accepted(invoice("F9", total="100000"), invoice("F10", total="100000000")),
    ),
    (
        "conventions_contradict",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1,000;\nF10;C001;2026-03-01;;12,50;\n"
        "F11;C001;2026-03-01;;12.50;\n",
        refused("2:total", AMBIGUOUS),
    ),
    (
        "settled_three_decimals",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;10,125;\nF10;C001;2026-03-01;;5,50;\n",
        refused("2:total", "more than 2 decimals"),
    ),
    (
        "leading_zero_is_decimal",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;0,500;\n",
        accepted(invoice("F9", total="50")),
    ),
    (
        "spaces_group_fine",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1 234,56;\n",
        accepted(invoice("F9", total="123456")),
    ),
    (
        "nbsp_and_euro_fine",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1\u00a0234,56\u00a0€;\nF10;C001;2026-03-01;;€12;\n",
        accepted(invoice("F9", total="123456"), invoice("F10", total="1200")),
    ),
    (
        "swiss_apostrophe_fine",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1'234.50;\n",
        accepted(invoice("F9", total="123450")),
    ),
    (
        "dollar_in_eur",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;$50;\n",
        refused("2:total", "written in $"),
    ),
    (
        "pound_in_eur",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;£100;\n",
        refused("2:total", "written in £"),
    ),
    (
        "yen_in_eur",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;¥100;\n",
        refused("2:total", "written in ¥"),
    ),
    (
        "usd_code_in_eur",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;50 USD;\n",
        refused("2:total", "written in USD"),
    ),
    (
        "eur_code_in_usd",
        "invoices",
        INVOICES + "F9;C003;2026-03-01;;50 EUR;USD\n",
        refused("2:total", "this row is USD"),
    ),
    (
        "euro_in_usd",
        "invoices",
        INVOICES + "F9;C003;2026-03-01;;€50;USD\n",
        refused("2:total", "this row is USD"),
    ),
    (
        "two_marks",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;€50 USD;\n",
        refused("2:total", "written in"),
    ),
    (
        "dollar_in_usd_fine",
        "invoices",
        INVOICES + "F9;C003;2026-03-01;;$50;USD\n",
        accepted(invoice("F9", total="5000", currency="USD")),
    ),
    (
        "eur_code_fine",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;50,00 EUR;\n",
        accepted(invoice("F9", total="5000", currency="EUR")),
    ),
    (
        "arabic_indic_total",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;\u0661\u0660\u0660;\n",
        refused("2:total", NOT_AMOUNT),
    ),
    (
        "fullwidth_total",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;\uff11\uff10\uff10;\n",
        refused("2:total", NOT_AMOUNT),
    ),
    (
        "devanagari_total",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;\u0967\u0966;\n",
        refused("2:total", NOT_AMOUNT),
    ),
    (
        "superscript_total",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;10\u00b2;\n",
        refused("2:total", NOT_AMOUNT),
    ),
    (
        "double_minus",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;--5;\n",
        refused("2:total", NOT_AMOUNT),
    ),
    (
        "exponent",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1e3;\n",
        refused("2:total", NOT_AMOUNT),
    ),
    ("nan", "invoices", INVOICES + "F9;C001;2026-03-01;;NaN;\n", refused("2:total", NOT_AMOUNT)),
    (
        "infinity",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;Infinity;\n",
        refused("2:total", NOT_AMOUNT),
    ),
    (
        "negative_total",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;-5;\n",
        refused("2:total", "must be positive"),
    ),
    (
        "beyond_largest",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;1000000000000;\n",
        refused("2:total", "beyond the largest amount"),
    ),
    (
        "beyond_bigint",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;99999999999999999999;\n",
        refused("2:total", "beyond the largest amount"),
    ),
    (
        "largest_fine",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;999 999 999 999,99;\n",
        accepted(invoice("F9", total="99999999999999")),
    ),
    (
        "net_plus_tax_not_total",
        "invoices",
        "number;client_code;issue_date;total;net_amount;tax_amount\n"
        "F9;C001;2026-03-01;120,00;100,00;10,00\n",
        refused("2:total", "net amount"),
    ),
    (
        "rate_three_decimals_fine",
        "invoices",
        "number;client_code;issue_date;total;late_interest_rate\nF9;C001;2026-03-01;10,00;8,125\n",
        accepted(invoice("F9", late_interest_rate="8.125")),
    ),
    (
        "credit_limit_ambiguous",
        "clients",
        CLIENTS_LIMIT + "C050;A;1,000\n",
        refused("2:credit_limit", AMBIGUOUS),
    ),
    (
        "credit_limit_settled",
        "clients",
        CLIENTS_LIMIT + "C050;A;1.000\nC051;B;2.500,00\n",
        accepted(client("C050", credit_limit="100000"), client("C051", credit_limit="250000")),
    ),
    (
        "credit_limit_dollar",
        "clients",
        CLIENTS_LIMIT + "C050;A;$500\n",
        refused("2:credit_limit", "written in $"),
    ),
    # --- codes, numbers, dates -------------------------------------------------------
    (
        "terms_arabic_digits",
        "clients",
        "code,name,payment_terms_days\nC060,A,\u0663\u0660\n",
        refused("2:payment_terms_days", "whole number"),
    ),
    (
        "terms_fullwidth",
        "clients",
        "code,name,payment_terms_days\nC060,A,\uff13\uff10\n",
        refused("2:payment_terms_days", "whole number"),
    ),
    (
        "unknown_country",
        "clients",
        "code,name,country\nC061,A,XX\n",
        refused("2:country", "ISO 3166"),
    ),
    (
        "unknown_currency",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;10,00;ABC\n",
        refused("2:currency", "ISO 4217"),
    ),
    (
        "historic_currency",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;10,00;FRF\n",
        refused("2:currency", "ISO 4217"),
    ),
    (
        "test_currency",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;10,00;XXX\n",
        refused("2:currency", "ISO 4217"),
    ),
    (
        "year_0001",
        "invoices",
        INVOICES + "F9;C001;0001-01-01;;10,00;\n",
        refused("2:issue_date", YEAR),
    ),
    (
        "year_9999_no_due",
        "invoices",
        INVOICES + "F9;C001;9999-12-31;;10,00;\n",
        refused("2:issue_date", YEAR),
    ),
    (
        "year_1899",
        "invoices",
        INVOICES + "F9;C001;31/12/1899;;10,00;\n",
        refused("2:issue_date", YEAR),
    ),
    (
        "due_year_9999",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;9999-12-31;10,00;\n",
        refused("2:due_date", YEAR),
    ),
    (
        "arabic_indic_date",
        "invoices",
        INVOICES + "F9;C001;\u0662\u0660\u0662\u0666-01-01;;10,00;\n",
        refused("2:issue_date", NOT_DATE),
    ),
    (
        "impossible_date",
        "invoices",
        INVOICES + "F9;C001;31/02/2026;;10,00;\n",
        refused("2:issue_date", NOT_DATE),
    ),
    (
        "us_date",
        "invoices",
        INVOICES + "F9;C001;03/31/2026;;10,00;\n",
        refused("2:issue_date", NOT_DATE),
    ),
    (
        "due_before_issue",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;2026-02-01;10,00;\n",
        refused("2:due_date", "before the issue date"),
    ),
    (
        "short_invoice_row",
        "invoices",
        INVOICES + "F9;C001;2026-03-01;;10,00\n",
        refused("2", SHORT),
    ),
    (
        "unclosed_invoice_quote",
        "invoices",
        INVOICES + 'F9;C001;2026-03-01;;"10,00;\nF10;C001;2026-03-01;;5,00;\n',
        refused("2", "is never closed"),
    ),
    (
        "invoice_already_in_dossier",
        "invoices",
        INVOICES + "F1;C002;2026-03-01;;10,00;\n",  # same number, another client
        refused("2:number", "already in the dossier"),
    ),
    # --- payments --------------------------------------------------------------------
    (
        "payment_already_in_dossier",
        "payments",
        PAYMENTS + "2026-02-15;C001;30,00;F1;\n",
        refused("2:amount", DUPLICATE),
    ),
    (
        "payment_repeated_in_file",
        "payments",
        PAYMENTS + "2026-02-20;C001;50,00;F2;\n2026-02-20;C001;50,00;F2;\n",
        refused("3:amount", DUPLICATE),
    ),
    (
        "payment_three_times",
        "payments",
        PAYMENTS + "2026-02-20;C002;80,00;F3;\n" * 3,
        refused("3:amount", "repeats line 2"),
    ),
    (
        "payment_repeated_without_invoice",
        "payments",
        PAYMENTS + "2026-02-20;C002;10,00;;\n2026-02-20;C002;10,00;;\n",
        refused("3:amount", DUPLICATE),
    ),
    (
        "payments_with_references_fine",
        "payments",
        PAYMENTS + "2026-02-20;C001;50,00;F2;CHQ 1\n2026-02-21;C001;50,00;F2;CHQ 2\n",
        accepted(
            ("payments", {"reference": "CHQ 1"}, {"amount": "5000", "date": "2026-02-20"}),
            ("payments", {"reference": "CHQ 2"}, {"amount": "5000", "date": "2026-02-21"}),
        ),
    ),
    (
        "payment_before_invoice",
        "payments",
        PAYMENTS + "2026-01-05;C001;10,00;F1;\n",
        refused("2:date", "before invoice F1 was issued"),
    ),
    (
        "payment_ambiguous",
        "payments",
        PAYMENTS + "2026-02-20;C001;2,500;F2;\n",
        refused("2:amount", AMBIGUOUS),
    ),
    (
        "payment_dollar",
        "payments",
        PAYMENTS + "2026-02-20;C001;$50;F2;\n",
        refused("2:amount", "written in $"),
    ),
    (
        "payment_year_9999",
        "payments",
        PAYMENTS + "9999-12-31;C001;10,00;F2;\n",
        refused("2:date", YEAR),
    ),
    (
        "payment_year_0001",
        "payments",
        PAYMENTS + "0001-01-01;C001;10,00;F2;\n",
        refused("2:date", YEAR),
    ),
    (
        "payment_zwsp_client",
        "payments",
        PAYMENTS + "2026-02-20;C\u200b001;10,00;F2;\n",
        refused("2:client_code", "U+200B"),
    ),
    (
        "payment_nul_amount",
        "payments",
        PAYMENTS + "2026-02-20;C001;1\x000,00;F2;\n",
        refused("2:amount", "U+0000"),
    ),
    (
        "payment_rlo_invoice",
        "payments",
        PAYMENTS + "2026-02-20;C001;10,00;F\u202e2;\n",
        refused("2:invoice_number", "U+202E"),
    ),
    (
        "payment_lf_reference",
        "payments",
        PAYMENTS + '2026-02-20;C001;10,00;F2;"VIR\n42"\n',
        refused("2:reference", "U+000A"),
    ),
    ("payment_short_row", "payments", PAYMENTS + "2026-02-20;C001;10,00\n", refused("2", SHORT)),
    (
        "payment_too_big",
        "payments",
        PAYMENTS + "2026-02-20;C001;1 000 000 000 000,00;F2;\n",
        refused("2:amount", "beyond the largest"),
    ),
    (
        "payment_unknown_currency",
        "payments",
        PAYMENTS.replace("reference", "reference;currency") + "2026-02-20;C001;10,00;F2;;EURO\n",
        refused("2:currency", "ISO 4217"),
    ),
    (
        "payment_settled_fine",
        "payments",
        PAYMENTS + "2026-02-20;C001;1.000;;R1\n2026-02-21;C001;2.000,00;;R2\n",
        accepted(
            ("payments", {"reference": "R1"}, {"amount": "100000"}),
            ("payments", {"reference": "R2"}, {"amount": "200000"}),
        ),
    ),
    (
        "payment_parts_beyond_largest",
        "payments",
        PAYMENTS
        + "2026-02-20;C001;600 000 000 000,00;;BIG\n2026-02-20;C001;600 000 000 000,00;;BIG\n",
        refused("2:amount", "beyond the largest amount"),
    ),
    (
        "unknown_column_with_override",
        "clients",
        "code,name,no\u202ete\nC090,Martin,x\n",
        accepted(client("C090", name="Martin")),
    ),
    # --- reminders -------------------------------------------------------------------
    (
        "reminder_fine",
        "reminders",
        REMINDERS + "2026-02-20,C001,reminder_1,F1 F2,email,Relance par courriel\n",
        accepted(
            ("reminders", {"level_code": "reminder_1"}, {"status": "done", "channel": "email"})
        ),
    ),
    (
        "reminder_year_0001",
        "reminders",
        REMINDERS + "0001-02-20,C001,reminder_1,F1,,\n",
        refused("2:date", YEAR),
    ),
    (
        "reminder_year_2201",
        "reminders",
        REMINDERS + "2201-02-20,C001,reminder_1,F1,,\n",
        refused("2:date", YEAR),
    ),
    (
        "reminder_note_nul",
        "reminders",
        REMINDERS + "2026-02-20,C001,reminder_1,F1,,a\x00b\n",
        refused("2:note", "U+0000"),
    ),
    (
        "reminder_note_rlo",
        "reminders",
        REMINDERS + "2026-02-20,C001,reminder_1,F1,,a\u202eb\n",
        refused("2:note", "U+202E"),
    ),
    (
        "reminder_level_crlf",
        "reminders",
        REMINDERS + '2026-02-20,C001,"remin\r\nder_1",F1,,\n',
        refused("2:level", "U+000D"),
    ),
    (
        "reminder_numbers_zwsp",
        "reminders",
        REMINDERS + "2026-02-20,C001,reminder_1,F1\u200b,,\n",
        refused("2:invoice_numbers", "U+200B"),
    ),
    (
        "reminder_numbers_tab",
        "reminders",
        REMINDERS + "2026-02-20,C001,reminder_1,F1\tF2,,\n",
        refused("2:invoice_numbers", "U+0009"),
    ),
    (
        "reminder_short_row",
        "reminders",
        REMINDERS + "2026-02-20,C001,reminder_1,F1\n",
        refused("2", SHORT),
    ),
    (
        "reminder_unclosed_quote",
        "reminders",
        REMINDERS + '2026-02-20,C001,reminder_1,F1,,"note\n',
        refused("2", "is never closed"),
    ),
    (
        "reminder_arabic_date",
        "reminders",
        REMINDERS + "\u0662\u0660\u0662\u0666-02-20,C001,reminder_1,F1,,\n",
        refused("2:date", NOT_DATE),
    ),
    (
        "reminder_channel_bad",
        "reminders",
        REMINDERS + "2026-02-20,C001,reminder_1,F1,fax,\n",
        refused("2:channel", "channel must be"),
    ),
]

# Files whose trouble is in their bytes, not their text.
UTF8_LINES = ["code,name", "C070,Café Crème", "C071,Pâtisserie Noël", "C072,Boulangerie"]
BYTE_CASES: list[tuple[str, str, bytes, dict[str, object]]] = [
    (
        "mixed_mostly_utf8",
        "clients",
        ("\n".join(UTF8_LINES) + "\n").encode() + "C073,Crêperie Saint-Malo\n".encode("cp1252"),
        refused("5", MIXED),
    ),
    (
        "mixed_mostly_cp1252",
        "clients",
        "code,name\nC070,Café\nC071,Noël\n".encode("cp1252") + "C072,Crème\n".encode(),
        refused("4", MIXED),
    ),
    (
        "mixed_payments",
        "payments",
        b"date,client_code,amount,invoice_number,reference\n"
        + "2026-02-20,C001,10.00,F2,Chèque 1\n".encode()
        + "2026-02-21,C001,10.00,F2,Chèque 2\n".encode()
        + "2026-02-22,C001,10.00,F2,Chèque 3\n".encode("cp1252"),
        refused("4", MIXED),
    ),
    (
        "bom_then_cp1252",
        "clients",
        b"\xef\xbb\xbf" + "code,name\nC074,Café\n".encode("cp1252"),
        refused("2", "byte order mark"),
    ),
    (
        "utf16_odd_length",
        "clients",
        "code,name\nC075,Un\n".encode("utf-16") + b"\x00",
        {"exit": 3, "at": "", "error": "odd number of bytes"},
    ),
    (
        "utf16_lone_surrogate",
        "clients",
        "code,name\nC075,Un\n".encode("utf-16-le").join([b"\xff\xfe", b""]) + b"\x00\xd8A\x00",
        refused("3", "not valid UTF-16"),
    ),
    (
        "utf16_without_bom",
        "clients",
        "code,name\nC076,Un\n".encode("utf-16-le"),
        {"exit": 3, "at": "", "error": "full of NUL bytes"},
    ),
    (
        "undefined_cp1252_bytes",
        "clients",
        b"code,name\nC077,\x81\x8d\n",
        refused("2", "neither UTF-8 nor Windows-1252"),
    ),
    (
        "utf16_fine",
        "clients",
        "code,name\nC078,Société\n".encode("utf-16"),
        accepted(client("C078", name="Société")),
    ),
    (
        "cp1252_fine",
        "clients",
        "code;name\nC079;L’Œuf à 3 €\n".encode("cp1252"),
        accepted(client("C079", name="L’Œuf à 3 €")),
    ),
    (
        "utf8_bom_fine",
        "clients",
        "code,name\nC080,Crème\n".encode("utf-8-sig"),
        accepted(client("C080", name="Crème")),
    ),
]


def _toml(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=True)


def main() -> None:
    shutil.rmtree(CORPUS, ignore_errors=True)
    CORPUS.mkdir()
    base = HERE / "base"
    base.mkdir(exist_ok=True)
    for kind, text in BASE.items():
        (base / f"{kind}.csv").write_text(text, encoding="utf-8")
    lines = ["# Written by make_corpus.py: one [[case]] per file under csv/.", ""]
    cases = [*CASES, *BYTE_CASES]
    names = [name for name, *_rest in cases]
    assert len(names) == len(set(names)), "two cases share a name"
    for number, (name, kind, content, expect) in enumerate(cases, start=1):
        file = f"{number:03d}_{kind}_{name}.csv"
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (CORPUS / file).write_bytes(data)
        lines.append("[[case]]")
        lines.append(f"file = {_toml(file)}")
        lines.append(f"kind = {_toml(kind)}")
        for key, value in expect.items():
            lines.append(f"{key} = {_toml(value)}")
        lines.append("")
    folder = CORPUS / f"{len(cases) + 1:03d}_clients_a_folder.csv"
    folder.mkdir()
    (folder / "README").write_text("A folder named like a CSV file: refused, not a traceback.\n")
    lines += [
        "[[case]]",
        f"file = {_toml(folder.name)}",
        'kind = "clients"',
        "exit = 3",
        'at = ""',
        'error = "this is a folder, not a file"',
        "",
    ]
    (HERE / "expected.toml").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(cases) + 1} files written under {CORPUS}")


if __name__ == "__main__":
    main()
