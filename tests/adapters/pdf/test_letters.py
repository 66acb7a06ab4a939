"""PDF letters: every template in both languages, the formal notice's mentions, exact amounts,
embedded fonts, escaping, page numbers."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.adapters.pdf import (
    Instalment,
    LetterLine,
    Recipient,
    SentReminder,
    compose_letter,
    render_letter,
    render_letter_bytes,
)
from app.adapters.pdf.blocks import qr_payload
from app.adapters.pdf.compose import payment_reference
from app.adapters.pdf.templates import LETTER_TEMPLATES, load_template
from app.domain.errors import InvalidInput
from tests.adapters.pdf.helpers import (
    COMPANY,
    D,
    claim,
    flat,
    letter,
    lines,
    pdf_text,
    recipient,
    use_pending_french,
)

PLAN = (
    Instalment(date(2026, 12, 5), D("1000.00")),
    Instalment(date(2027, 1, 5), D("1000.00")),
    Instalment(date(2027, 2, 5), D("480.50")),
)
TOTAL_DUE = {"fr": "2\u202f480,50 €", "en": "€2,480.50"}  # 2 650,50 - 150,00 - 20,00


@pytest.fixture(autouse=True)
def _french(monkeypatch: pytest.MonkeyPatch) -> None:
    use_pending_french(monkeypatch)


def _letter_for(template: str, language: str):  # type: ignore[no-untyped-def]
    extra: dict[str, object] = {"unapplied_credit": D("20.00")}
    if template == "formal_notice":
        extra.update(claim=claim(), registered_mail=True)
    if template == "payment_plan":
        extra.update(instalments=PLAN)
    return letter(template, language, **extra)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", LETTER_TEMPLATES)
def test_every_template_renders(template: str, language: str, tmp_path: Path) -> None:
    item = _letter_for(template, language)
    path = render_letter(item, COMPANY, recipient(language), tmp_path / "letter.pdf")
    text = flat(pdf_text(path))
    subject = compose_letter(item, COMPANY, recipient(language)).subject
    assert flat(subject) in text
    assert "Boulangerie Martin & Fils" in text
    assert "F2026-0042" in text
    assert "F2026-0051" in text
    assert "AV2026-003" in text
    assert TOTAL_DUE[language] in text
    assert "{" not in text
    assert "[invoices]" not in text
    assert "FR76 3000 6000 0112 3456 7890 189" in text


def test_french_formal_notice_says_what_the_law_asks(tmp_path: Path) -> None:
    item = _letter_for("formal_notice", "fr")
    text = flat(pdf_text(render_letter(item, COMPANY, recipient(), tmp_path / "notice.pdf")))
    for words in (
        "MISE EN DEMEURE DE PAYER",
        "mise en demeure",
        "Lettre recommandée avec accusé de réception",
        "Atelier Dupont SARL",
        "SIRET 12345678900012",
        "Boulangerie Martin & Fils",
        "F2026-0042",
        "F2026-0051",
        "Principal : solde des factures",
        "2\u202f650,50 €",  # principal
        "Intérêts de retard, facture F2026-0042",
        "02/10/2026 – 23/11/2026",
        "53",
        "12,40 %",
        "21,61 €",
        "19,22 €",
        "40,83 €",  # interest per period and in total
        "Indemnité forfaitaire pour frais de recouvrement, 2 factures × 40,00 €",
        "80,00 €",
        "-170,00 €",  # credit note and unapplied payment deducted
        "Total réclamé 2\u202f601,33 €",
        "la somme de 2\u202f601,33 €",
        "au plus tard le 1er décembre 2026",
        "L441-10",
        "D441-5",
        "injonction de payer",
        "article 1344 du Code civil",
    ):
        assert words in text, words


def test_english_formal_notice(tmp_path: Path) -> None:
    item = _letter_for("formal_notice", "en")
    text = flat(pdf_text(render_letter(item, COMPANY, recipient("en"), tmp_path / "n.pdf")))
    for words in (
        "FORMAL NOTICE TO PAY",
        "formal notice",
        "Registered letter with acknowledgement of receipt",
        "Late interest, invoice F2026-0051",
        "12.40%",
        "€19.22",
        "Fixed recovery indemnity, 2 invoices × €40.00",
        "€80.00",
        "Total claimed €2,601.33",
        "by 1 December 2026",
        "order for payment",
    ):
        assert words in text, words


def test_consumer_formal_notice_has_no_recovery_indemnity(tmp_path: Path) -> None:
    item = letter("formal_notice", claim=claim(indemnity=D("0.00")), registered_mail=False)
    client = recipient(client_type="consumer", name="Jean Dupont")
    text = flat(pdf_text(render_letter(item, COMPANY, client, tmp_path / "notice.pdf")))
    assert "1231-6" in text
    assert "1344-1" in text
    assert "40,00" not in text
    assert "forfaitaire" not in text
    assert "recommandée" not in text
    with pytest.raises(InvalidInput, match="consumer"):
        render_letter(letter("formal_notice", claim=claim()), COMPANY, client, tmp_path / "x.pdf")


def test_belgian_business_notice_cites_the_law_of_2_august_2002(tmp_path: Path) -> None:
    belgian = COMPANY.__class__(
        **{**COMPANY.__dict__, "country": "BE", "siren": "0123.456.789", "siret": ""}
    )
    client = Recipient("C9", "Brasserie Van Damme", ("Rue Haute 3",), "1000", "Bruxelles", "BE")
    item = letter("formal_notice", claim=claim(basis="be_recovery_indemnity"))
    text = flat(pdf_text(render_letter(item, belgian, client, tmp_path / "be.pdf")))
    assert "2 août 2002" in text
    assert "N° d'entreprise 0123.456.789" in text
    assert "L441-10" not in text


def test_reminders_recall_the_late_payment_terms_for_businesses_only(tmp_path: Path) -> None:
    business = flat(
        pdf_text(render_letter(letter("reminder_2"), COMPANY, recipient(), tmp_path / "b.pdf"))
    )
    consumer = flat(
        pdf_text(
            render_letter(
                letter("reminder_2"), COMPANY, recipient(client_type="consumer"), tmp_path / "c.pdf"
            )
        )
    )
    assert "L441-10" in business
    assert "40,00 €" in business
    assert "L441-10" not in consumer
    assert "40,00" not in consumer


def test_payment_plan_lists_instalments_and_qr_asks_for_the_first(tmp_path: Path) -> None:
    item = _letter_for("payment_plan", "fr")
    text = flat(pdf_text(render_letter(item, COMPANY, recipient(), tmp_path / "plan.pdf")))
    assert "5 décembre 2026" in text
    assert "5 février 2027" in text
    assert "480,50 €" in text
    assert "en 3 échéances" in text
    payload = qr_payload(item, COMPANY, payment_reference(item, recipient()))
    assert payload.split("\n")[7] == "EUR1000.00"


def test_qr_payload_of_a_formal_notice_is_the_claim_less_credits() -> None:
    item = _letter_for("formal_notice", "fr")
    assert qr_payload(item, COMPANY, "C001 F2026-0042 F2026-0051") == (
        "BCD\n002\n1\nSCT\nAGRIFRPP\nAtelier Dupont SARL\nFR7630006000011234567890189\n"
        "EUR2601.33\n\n\nC001 F2026-0042 F2026-0051"
    )
    assert qr_payload(letter("reminder_1", currency="USD"), COMPANY, "X") == ""


def test_fonts_are_embedded_dejavu(tmp_path: Path) -> None:
    path = render_letter(
        _letter_for("formal_notice", "fr"), COMPANY, recipient(), tmp_path / "fonts.pdf"
    )
    fonts = {
        id(f.get_object()): f.get_object()
        for page in PdfReader(path).pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts
    for font in fonts.values():
        assert "DejaVuSans" in font["/BaseFont"]
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()


def test_amounts_keep_the_narrow_no_break_space_in_paragraphs() -> None:
    text = pdf_text(
        render_letter_bytes(letter("reminder_1", unapplied_credit=D("20.00")), COMPANY, recipient())
    )
    assert "s'élève à 2\u202f480,50" in flat(text)


def test_user_text_is_escaped_not_interpreted() -> None:
    name = "<b>&'\" Dupont</b> & <i>Fils</i> 🥐"
    client = recipient(name=name)
    odd = LetterLine(
        "<F&1>", date(2026, 9, 1), date(2026, 10, 1), D("10.00"), D("0.00"), D("10.00"), 53
    )
    text = flat(pdf_text(render_letter_bytes(letter("reminder_1", lines=(odd,)), COMPANY, client)))
    assert "<b>&'\" Dupont</b> & <i>Fils</i>" in text
    assert "<F&1>" in text


def test_long_letters_are_numbered_page_by_page() -> None:
    many = tuple(
        LetterLine(
            f"F2026-{n:04d}",
            date(2026, 9, 1),
            date(2026, 10, 1),
            D("100.00"),
            D("0.00"),
            D("100.00"),
            53,
        )
        for n in range(70)
    )
    reader = PdfReader(
        io.BytesIO(render_letter_bytes(letter("reminder_1", lines=many), COMPANY, recipient()))
    )
    pages = len(reader.pages)
    assert pages >= 2
    assert f"Page 1/{pages}" in reader.pages[0].extract_text()
    assert f"Page {pages}/{pages}" in reader.pages[-1].extract_text()
    assert "F2026-0069" in "".join(p.extract_text() for p in reader.pages[1:])
    assert "Facture" in reader.pages[1].extract_text()  # the header row repeats


def test_single_page_letters_carry_no_page_number() -> None:
    text = pdf_text(
        render_letter_bytes(letter("courtesy", lines=lines()[:1]), COMPANY, recipient())
    )
    assert "Page 1/1" not in text
    assert "Page " not in text


def test_figures_that_do_not_add_up_are_refused() -> None:
    with pytest.raises(InvalidInput):
        LetterLine("F1", date(2026, 1, 1), date(2026, 2, 1), D("100.00"), D("10.00"), D("100.00"))
    with pytest.raises(InvalidInput):
        claim().__class__(D("100"), D("1"), (), D("40"), D("0"), D("141"))
    with pytest.raises(InvalidInput):
        letter(deadline=date(2026, 1, 1))


def test_the_template_of_the_letter_is_used(tmp_path: Path) -> None:
    template = load_template("letters", "fr", "reminder_2")
    assert template.subject_label == "Objet"
    sent = (SentReminder(date(2026, 10, 20), "reminder_1", "letter", (), "First reminder"),)
    composed = compose_letter(letter("reminder_2", history=sent), COMPANY, recipient())
    assert composed.subject == "Deuxième relance — factures F2026-0042 et F2026-0051"
    first = compose_letter(letter("reminder_2"), COMPANY, recipient())
    assert first.subject == "Relance — factures F2026-0042 et F2026-0051"
    assert ("table", "invoices") in composed.blocks
    assert ("table", "payment") in composed.blocks
    assert any("1er\xa0décembre\xa02026" in text for _kind, text in composed.blocks)


def test_place_and_date_in_french_style() -> None:
    text = flat(pdf_text(render_letter_bytes(letter("courtesy"), COMPANY, recipient())))
    assert "Lyon, le 23 novembre 2026" in text
    assert "Code client : C001" in text


def test_recipient_abroad_gets_the_country_line() -> None:
    client = Recipient(
        "C7", "Smith & Sons Ltd", ("Unit 4, Riverside Park",), "SW1A 1AA", "London", "GB", "en"
    )
    text = pdf_text(render_letter_bytes(letter("reminder_1", "en"), COMPANY, client))
    assert "SW1A 1AA LONDON" in text
    assert "UNITED KINGDOM" in text


def test_unreadable_logo_is_left_out(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not an image")
    company = COMPANY.__class__(**{**COMPANY.__dict__, "logo_path": broken})
    assert pdf_text(render_letter_bytes(letter(), company, recipient()))


def test_logo_is_drawn(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (20, 60, 140)).save(logo)
    company = COMPANY.__class__(**{**COMPANY.__dict__, "logo_path": logo})
    data = render_letter_bytes(letter(), company, recipient())
    page = PdfReader(io.BytesIO(data)).pages[0]
    assert any(
        x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values()
    )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_qr_code_is_drawn_module_for_module(tmp_path: Path) -> None:
    """Rasterise the drawn code and compare every module with the encoder's matrix."""
    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas

    from app.adapters.pdf.fonts import register_fonts
    from app.adapters.pdf.layout import MM
    from app.adapters.pdf.qr import qr_flowable, qr_modules

    register_fonts()
    payload = qr_payload(_letter_for("formal_notice", "fr"), COMPANY, "MED-2026-017")
    size = 40 * MM
    canvas = Canvas(str(tmp_path / "qr.pdf"), pagesize=(size, size))
    code = qr_flowable(payload, size)
    code.wrapOn(canvas, size, size)
    code.drawOn(canvas, 0, 0)
    canvas.save()
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "600",
            "-singlefile",
            str(tmp_path / "qr.pdf"),
            str(tmp_path / "qr"),
        ],
        check=True,
    )
    image = Image.open(tmp_path / "qr.png").convert("L")
    modules = qr_modules(payload)
    unit = image.width / (len(modules) + 8)
    drawn = [
        [
            image.getpixel((int((c + 4.5) * unit), int((r + 4.5) * unit))) < 128
            for c in range(len(modules))
        ]
        for r in range(len(modules))
    ]
    assert drawn == [list(row) for row in modules]
    assert image.getpixel((int(2 * unit), int(2 * unit))) > 128  # quiet zone


def test_deadline_defaults_to_eight_days() -> None:
    composed = compose_letter(
        letter("formal_notice", claim=claim(), deadline=None), COMPANY, recipient()
    )
    assert composed.values["deadline"] == "1er\xa0décembre\xa02026"  # 23 November + 8 days
    assert composed.values["deadline_days"] == "8"
