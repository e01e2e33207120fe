"""Free text that may identify someone, encrypted at rest with the keys from the environment."""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def note_cipher() -> MultiFernet:
    """The newest key encrypts; every configured key decrypts (so keys can be rotated)."""
    return _fernet(tuple(settings.NOTES_ENCRYPTION_KEYS))


class EncryptedTextField(models.TextField):
    """A TextField stored as a Fernet token. The database never holds the plain text.

    Tokens are randomised, so these columns cannot be searched or compared in SQL.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return note_cipher().encrypt(value.encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return note_cipher().decrypt(value.encode()).decode()
        except InvalidToken as error:
            raise ValueError(
                "A note could not be decrypted: is NOTES_ENCRYPTION_KEYS missing a key?"
            ) from error
