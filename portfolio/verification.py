"""Verifying a certificate: its code, its QR code and the public lookup's
rate limit.

A code is 10 symbols of Crockford's base32 from `secrets`: 50 random bits,
about 1.1 × 10^15 possibilities. Even with a million certificates issued, a
guess hits one in about 10^9 tries; at 30 tries a minute that is some 70
years per address (the limit is per address, so many addresses divide it —
the code still protects little more than initials and a competence name).
The alphabet has no I, L, O or U, and typing mistakes of that kind are
forgiven (O → 0, I and L → 1).
"""

import secrets
import time

import segno
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(raw: str) -> str:
    """What someone typed or scanned → the stored form ("" if it cannot be one)."""
    code = "".join(raw.split()).replace("-", "").upper().translate(_TYPOS)
    if len(code) != CODE_LENGTH or any(symbol not in ALPHABET for symbol in code):
        return ""
    return code


def verification_url(code: str) -> str:
    """The absolute address printed on the certificate and in its QR code."""
    return settings.KUI_BASE_URL.rstrip("/") + reverse("portfolio:verify", args=[code])


def qr_svg(code: str, scale: int = 3) -> SafeString:
    """The QR code as inline SVG: drawn by the browser and by WeasyPrint
    alike, with no image file and no request."""
    qr = segno.make(verification_url(code), error="m")
    svg = qr.svg_inline(scale=scale, border=2, dark="#000", light="#fff")
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def over_rate_limit(ip_address: str | None) -> bool:
    """True once an address has made more lookups this minute than
    KUI_VERIFY_RATE_PER_MINUTE. A counter in the cache, one key per address
    and minute, so it costs one cache round trip per lookup."""
    window = int(time.time() // 60)
    key = f"portfolio:verify:{ip_address or 'unknown'}:{window}"
    if cache.add(key, 1, timeout=120):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        count = 1
    return count > settings.KUI_VERIFY_RATE_PER_MINUTE


def initials(first_name: str, last_name: str) -> str:
    """ "Oliver Jørgensen" → "O. J." — all the verification page tells about the holder."""
    parts = [part for part in (first_name.strip(), last_name.strip()) if part]
    return " ".join(f"{part[0].upper()}." for part in parts)
