"""What a typed search means: its text folded for matching, and the amounts it may name.

Folding lowers the case and takes the accents off Latin letters, one letter for one letter, so
that the same table can fold a column inside the database (PostgreSQL `translate`, SQLite a
registered function) and the typed text here: "Hélène" and "HELENE" both become "helene".
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.money import MAX_AMOUNT, AmbiguousAmount, amount_of, read_amount_text

ACCENTED = (
    "àáâãäåāçćčèéêëēėęìíîïīłñńòóôõöøōùúûüūýÿžźżšśÀÁÂÃÄÅĀÇĆČÈÉÊËĒĖĘÌÍÎÏĪŁÑŃÒÓÔÕÖØŌÙÚÛÜŪÝŸŽŹŻŠŚ"
)
PLAIN = "aaaaaaaccceeeeeeeiiiiilnnooooooouuuuuyyzzzssaaaaaaaccceeeeeeeiiiiilnnooooooouuuuuyyzzzss"
_TABLE = str.maketrans(ACCENTED, PLAIN)
MIN_TEXT = 2  # fewer characters would match nearly everything


def fold(text: str) -> str:
    """Lower case without accents, letter for letter (the length never changes)."""
    return text.lower().translate(_TABLE)


def compact(text: str) -> str:
    """A SIRET or a phone typed with spaces, dots or dashes: its characters only."""
    return "".join(c for c in text if c not in " .-\u00a0\u202f")


def searched_amounts(text: str) -> tuple[Decimal, ...]:
    """The amounts a search may mean: '1 234,50', '1,234.50', '1234.5', '99 €'. An amount whose
    only separator is followed by three digits ('1,500') is read both ways; () when the text is
    no amount at all."""
    try:
        parsed = read_amount_text(text)
    except ValueError:
        return ()
    if parsed.sign == "-":
        return ()
    readings: list[Decimal] = []
    for decimal in (None, ",", "."):
        try:
            amount = amount_of(parsed, decimal)
        except AmbiguousAmount:
            continue
        except ValueError:
            return ()
        if decimal is None:
            readings = [amount]
            break
        readings.append(amount)
    return tuple(
        sorted({a for a in readings if 0 < a <= MAX_AMOUNT and a == a.quantize(Decimal("0.01"))})
    )
