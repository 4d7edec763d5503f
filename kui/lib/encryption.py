"""Encrypted columns that fail loudly.

django-fernet-encrypted-fields returns the stored ciphertext when no key
decrypts it. With a rotated SECRET_KEY that quietly puts `gAAAAA…` on the
profile, makes every lookup miss and every later edit fail validation. Here a
value that is a Fernet token but decrypts with none of the keys raises
`EncryptionKeyError`, which names the settings to fix, and the keys follow the
settings (SECRET_KEY, SECRET_KEY_FALLBACKS, SALT_KEY) instead of being frozen
at first use, so a rotation takes effect without a restart of anything but
the process that reads the new environment.
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from encrypted_fields.fields import EncryptedCharField

# Every Fernet token starts with the version byte 0x80, "gAAAAA" in base64.
TOKEN_PREFIX = "gAAAAA"  # nosec B105  # the Fernet token prefix, not a password


class EncryptionKeyError(ImproperlyConfigured):
    pass


@functools.lru_cache(maxsize=8)
def _fernet(secret_keys: tuple[str, ...], salts: tuple[str, ...]) -> MultiFernet:
    """Encrypts with the first (current) key, decrypts with any. PBKDF2 is
    slow on purpose, so each key set is derived once per process."""
    keys = []
    for secret in secret_keys:
        for salt in salts:
            kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt.encode(), iterations=100_000)
            keys.append(Fernet(base64.urlsafe_b64encode(kdf.derive(secret.encode()))))
    return MultiFernet(keys)


def current_fernet() -> MultiFernet:
    salts = settings.SALT_KEY if isinstance(settings.SALT_KEY, list) else [settings.SALT_KEY]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return _fernet(tuple(secrets), tuple(salts))


class StrictEncryptedCharField(EncryptedCharField):
    @property
    def f(self) -> MultiFernet:  # the parent's name for its cipher; the import stash uses it too
        return current_fernet()

    def to_python(self, value):
        if value is None or not isinstance(value, str) or hasattr(self, "_already_decrypted"):
            return value
        if not value.startswith(TOKEN_PREFIX):
            return value  # plain text being assigned or deserialised, not a stored value
        try:
            return self.f.decrypt(value.encode()).decode()
        except InvalidToken:
            raise EncryptionKeyError(
                f"{self.model._meta.label}.{self.name}: no configured key decrypts the stored value. "
                "After changing SECRET_KEY or KUI_CPR_KEY, keep the old ones in SECRET_KEY_FALLBACKS "
                "and KUI_CPR_KEY_FALLBACKS until `manage.py rotate_cpr_key` has finished."
            ) from None
