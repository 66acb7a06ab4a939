"""Demo company and clients: plausible French (and a few Belgian) businesses and consumers."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.services.demo import words as data
from app.services.dossier import CompanySettings

DEMO_COMPANY = CompanySettings(
    name="Atelier Demo SARL",
    country="FR",
    currency="EUR",
    language="fr",
    terms_days=30,
    address="14 rue des Tanneurs",
    postcode="69002",
    city="Lyon",
    legal_id="83245091000019",
    vat_number="FR54832450910",
    iban="FR76 3000 4008 2800 0104 5678 965",
    bic="BNPAFRPPXXX",
    email="contact@atelier-demo.fr",
    phone="04 78 42 17 90",
    signatory="Claire Martin, gérante",
)

# (profile, share of clients, days paid after the due date (low, high), share never paid)
PROFILES = (
    ("punctual", 45, (-12, 4), 0.002),
    ("slow", 30, (0, 35), 0.01),
    ("late", 17, (15, 95), 0.04),
    ("bad", 8, (40, 220), 0.25),
)


@dataclass(slots=True)
class ClientSpec:
    """A demo client and how it pays (the generator's hidden truth)."""

    id: int
    code: str
    is_consumer: bool
    terms_days: int
    end_of_month: bool
    profile: str
    delay: tuple[int, int]
    never_pays: float
    pays_monthly: bool
    work: str
    row: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, Any] | None = None


def luhn_complete(digits: str) -> str:
    """Append the Luhn check digit (SIREN and SIRET numbers carry one)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return digits + str((10 - total % 10) % 10)


def french_ids(rng: random.Random) -> tuple[str, str]:
    """A valid-looking SIRET and the matching intra-EU VAT number."""
    siren = luhn_complete(str(rng.randrange(30_000_000, 99_999_999)))
    siret = luhn_complete(siren + f"{rng.randrange(1, 60):04d}")
    key = (12 + 3 * (int(siren) % 97)) % 97
    return siret, f"FR{key:02d}{siren}"


def belgian_ids(rng: random.Random) -> tuple[str, str]:
    base = rng.randrange(2_000_000, 9_999_999)
    number = f"0{base:07d}{97 - (base % 97):02d}"
    return number, f"BE{number}"


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in "".join(c if c.isalnum() else " " for c in plain).split() if w]
    words = [w for w in words if w not in ("sarl", "sas", "eurl", "earl", "sci", "srl", "et")]
    return "-".join(words[:3]) or "client"


def _phone(rng: random.Random, prefix: str) -> str:
    pairs = " ".join(f"{rng.randrange(100):02d}" for _ in range(4))
    return f"{prefix} {pairs}"


def _terms(
    rng: random.Random, is_consumer: bool, default_days: int
) -> tuple[int | None, int, bool]:
    """(stored terms or None for the company default, effective days, end of month)."""
    if is_consumer:
        return 15, 15, False
    roll = rng.random()
    if roll < 0.5:
        return 30, 30, False
    if roll < 0.7:
        return 45, 45, True
    if roll < 0.85:
        return 60, 60, False
    return None, default_days, False


def make_client(rng: random.Random, client_id: int, code: str, default_days: int) -> ClientSpec:
    roll = rng.random()
    is_consumer = roll < 0.10
    belgian = not is_consumer and roll > 0.95
    surname = rng.choice(data.SURNAMES)
    first = rng.choice(data.FIRST_NAMES)
    if is_consumer:
        name = f"{first} {surname}"
        work = rng.choice(data.CONSUMER_WORK)
    else:
        pattern, work = rng.choice(data.TRADES)
        name = pattern.format(
            surname=surname, first=first, word=rng.choice(data.WORDS), place=rng.choice(data.PLACES)
        )
        if belgian:
            name = name.replace(" SARL", "").replace(" SAS", "").replace(" EURL", "") + " SRL"
    city, postcode, area = rng.choice(data.BELGIAN_CITIES if belgian else data.FRENCH_CITIES)
    domain = "be" if belgian else "fr"
    if is_consumer:
        person = slug(f"{first} {surname}").replace("-", ".")
        email = f"{person}@{rng.choice(data.CONSUMER_MAIL)}"
        phone = _phone(rng, rng.choice(("06", "07")))
        legal_id, vat = "", ""
    else:
        email = f"{rng.choice(('compta', 'contact', 'factures'))}@{slug(name)}.{domain}"
        phone = f"+32 {area} " + _phone(rng, "")[1:] if belgian else _phone(rng, area)
        legal_id, vat = belgian_ids(rng) if belgian else french_ids(rng)
    stored_terms, days, end_of_month = _terms(rng, is_consumer, default_days)
    profile, _share, delay, never = rng.choices(PROFILES, weights=[p[1] for p in PROFILES])[0]
    if is_consumer:
        channel = rng.choices(("email", "letter", "phone"), weights=(6, 3, 1))[0]
    else:
        channel = rng.choices(("email", "letter", "phone"), weights=(75, 10, 15))[0]
    limit = None
    if not is_consumer and rng.random() < 0.3:
        limit = Decimal(rng.choice((3000, 5000, 10000, 20000)))
    spec = ClientSpec(
        id=client_id,
        code=code,
        is_consumer=is_consumer,
        terms_days=days,
        end_of_month=end_of_month,
        profile=profile,
        delay=delay,
        never_pays=never,
        pays_monthly=not is_consumer and rng.random() < 0.2,
        work=work,
    )
    spec.row = {
        "id": client_id,
        "code": code,
        "name": name,
        "legal_id": legal_id,
        "vat_number": vat,
        "client_type": "consumer" if is_consumer else "business",
        "email": email,
        "phone": phone,
        "address": f"{rng.randrange(1, 120)} {rng.choice(data.STREETS)}",
        "postcode": postcode,
        "city": city,
        "country": "BE" if belgian else "FR",
        "language": "fr",
        "preferred_channel": channel,
        "payment_terms_days": stored_terms,
        "terms_end_of_month": end_of_month,
        "credit_limit": None if limit is None else int(limit * 100),
        "notes": "",
    }
    if not is_consumer:
        contact_first = rng.choice(data.FIRST_NAMES)
        contact_last = rng.choice(data.SURNAMES)
        spec.contact = {
            "client_id": client_id,
            "name": f"{contact_first} {contact_last}",
            "role": rng.choice(data.CONTACT_ROLES),
            "email": f"{slug(contact_first)}.{slug(contact_last)}@{slug(name)}.{domain}",
            "phone": phone,
            "is_reminder_contact": True,
        }
    return spec
