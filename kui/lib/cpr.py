"""CPR numbers: validation, masking, keyed hashing and fake ones for demo data.

A CPR number is stored encrypted, with a separate keyed hash (HMAC) for exact
lookup and uniqueness: filtering on an encrypted column finds nothing, and a
plain hash of ten digits is reversed in seconds, so the hash needs a key.
"""

import datetime
import hashlib
import hmac
import logging
import random
import re

from django.conf import settings
from stdnum import exceptions as stdnum_errors
from stdnum.dk import cpr as stdnum_cpr

# Ten digits, maybe with a dash or space after the sixth: what a CPR number looks
# like when someone types it where it does not belong (a search box, a note).
CPR_LIKE = re.compile(r"(?<!\d)\d{6}[- ]?\d{4}(?!\d)")


class InvalidCpr(ValueError):
    pass


def looks_like_cpr(text: str) -> bool:
    return bool(CPR_LIKE.search(text or ""))


def redact(text: str) -> str:
    return CPR_LIKE.sub("[CPR]", text)


class RedactCprFilter(logging.Filter):
    """Masks anything shaped like a CPR number in a log line (a search typed into
    the wrong box arrives in the request line the development server logs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if looks_like_cpr(message):
            record.msg, record.args = redact(message), ()
        return True


def normalise(raw: str) -> str:
    """'010203-1234' or ' 0102031234 ' → '0102031234', or InvalidCpr."""
    try:
        return stdnum_cpr.validate(raw or "")
    except stdnum_errors.ValidationError as error:
        raise InvalidCpr(str(error)) from None


def birth_date(cpr: str) -> datetime.date:
    return stdnum_cpr.get_birth_date(cpr)


def masked(cpr: str) -> str:
    """Shown in pages: the date part only, 'ddmmåå-xxxx'."""
    return f"{cpr[:6]}-xxxx" if cpr else ""


def lookup_hash(cpr: str, *, key: str | None = None) -> str:
    """The hash stored for a new or re-hashed number (under the current key)."""
    key = settings.KUI_CPR_KEY if key is None else key
    return hmac.new(key.encode(), normalise(cpr).encode(), hashlib.sha256).hexdigest()


def lookup_hashes(cpr: str) -> list[str]:
    """Every hash the number may be stored under: the current key's and, while
    `rotate_cpr_key` is under way, the old keys' (KUI_CPR_KEY_FALLBACKS)."""
    keys = [settings.KUI_CPR_KEY, *getattr(settings, "KUI_CPR_KEY_FALLBACKS", [])]
    return [lookup_hash(cpr, key=key) for key in keys]


def key_id() -> str:
    """A short fingerprint of the keys that protect a CPR number now (the
    encryption key derives from SECRET_KEY and KUI_CPR_KEY, the hash from
    KUI_CPR_KEY). Stored beside each number, so a rotation knows which rows
    it has done and can stop and resume."""
    material = f"kui-cpr-key-id|{settings.SECRET_KEY}|{settings.KUI_CPR_KEY}".encode()
    return hashlib.sha256(material).hexdigest()[:16]


def _century_digit(year: int, rng: random.Random) -> str:
    """The 7th digit encodes the century (digits 0-3 → 1900s; 4 and 9 → 2000s
    for years 00-36; 5-8 → 2000s for years 00-57)."""
    if year < 2000:
        return str(rng.choice("0123"))
    return str(rng.choice("4956" if year % 100 <= 36 else "5678"))


def fake(born: datetime.date, rng: random.Random) -> str:
    """A well-formed CPR number for synthetic data (valid date and century
    digit). Faker's Danish ssn() does not encode the century, so we don't use it."""
    serial = _century_digit(born.year, rng) + f"{rng.randrange(1000):03d}"
    return f"{born:%d%m%y}{serial}"
