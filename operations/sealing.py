"""Backup files encrypted at rest, with a key of their own (BACKUP_ENCRYPTION_KEY).

The key is not a notes key: whoever holds backups to copy them off the server, or to restore
one, needs this key and never the notes keys, and a leaked backup key gives away no note.

A sealed file is the plain backup cut into 1 MiB chunks, each encrypted and authenticated with
AES-256-GCM (the STREAM construction): the nonce is a random prefix and the chunk's number, and
the last chunk is marked as last in its authenticated data. So a file that was changed, cut
short, had chunks swapped, or was sealed with another key is refused, never half read. The
header names the key by its fingerprint (never the key), so restore can say which key it needs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"SCREENING-BACKUP-SEALED-1\n"
CHUNK = 1024 * 1024
_PREFIX = 8
_FINGERPRINT = 8


class SealError(Exception):
    """A sealed backup that cannot be made or opened, with what to do about it."""


def key_bytes(key: str) -> bytes:
    """The 32 bytes of a key written as a Fernet key (URL-safe base64), as the notes keys are."""
    try:
        raw = base64.urlsafe_b64decode(key.encode())
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise SealError(
            'BACKUP_ENCRYPTION_KEY is not a key: make one with `python -c "from '
            'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.'
        )
    return raw


def fingerprint(key: str) -> str:
    """A short SHA-256 of the key: tells keys apart, and nothing about them."""
    return hashlib.sha256(b"backup-key-fingerprint\0" + key_bytes(key)).hexdigest()[:16]


def is_sealed(path: Path) -> bool:
    with open(path, "rb") as stream:
        return stream.read(len(MAGIC)) == MAGIC


def seal(plain: Path, sealed: Path, key: str) -> None:
    """Encrypt `plain` into `sealed`, a new file (mode 0600)."""
    cipher = AESGCM(key_bytes(key))
    prefix = os.urandom(_PREFIX)
    header = MAGIC + bytes.fromhex(fingerprint(key)) + prefix
    descriptor = os.open(sealed, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(plain, "rb") as source, os.fdopen(descriptor, "wb") as target:
        target.write(header)
        number, chunk = 0, source.read(CHUNK)
        while True:
            following = source.read(CHUNK)
            last = not following
            nonce = prefix + struct.pack(">I", number)
            box = cipher.encrypt(nonce, chunk, header + (b"\x01" if last else b"\x00"))
            target.write(struct.pack(">I", len(box)) + box)
            if last:
                break
            number, chunk = number + 1, following
        target.flush()
        os.fsync(target.fileno())


def sealed_with(sealed: Path) -> str:
    """The fingerprint of the key a sealed file was made with."""
    with open(sealed, "rb") as stream:
        header = stream.read(len(MAGIC) + _FINGERPRINT)
    if not header.startswith(MAGIC) or len(header) < len(MAGIC) + _FINGERPRINT:
        raise SealError(f"{sealed} is not a sealed backup.")
    return header[len(MAGIC) :].hex()


def unseal(sealed: Path, plain: Path, key: str) -> None:
    """Decrypt `sealed` into `plain` (a new file, mode 0600), or raise SealError having written
    nothing usable: every chunk is checked, and the file must end with the chunk marked last."""
    made_with = sealed_with(sealed)
    if made_with != fingerprint(key):
        raise SealError(
            f"{sealed} was encrypted with the backup key whose fingerprint is {made_with}; "
            f"BACKUP_ENCRYPTION_KEY is {fingerprint(key)}. Set the key it was made with."
        )
    cipher = AESGCM(key_bytes(key))
    descriptor = os.open(plain, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(sealed, "rb") as source, os.fdopen(descriptor, "wb") as target:
        header = source.read(len(MAGIC) + _FINGERPRINT + _PREFIX)
        prefix = header[-_PREFIX:]
        number = 0
        while True:
            size = source.read(4)
            box = source.read(struct.unpack(">I", size)[0]) if len(size) == 4 else b""
            if not box:
                raise SealError(f"{sealed} is cut short: it ends before its last part.")
            data, last = _open(cipher, prefix + struct.pack(">I", number), box, header)
            if data is None:
                raise SealError(f"{sealed} was changed since it was made.")
            target.write(data)
            if last:
                if source.read(1):
                    raise SealError(f"{sealed} has data after its last part.")
                return
            number += 1


def _open(cipher: AESGCM, nonce: bytes, box: bytes, header: bytes) -> tuple[bytes | None, bool]:
    """A chunk's plain bytes and whether it is the last, or None if it fails its check."""
    for last in (False, True):
        try:
            return cipher.decrypt(nonce, box, header + (b"\x01" if last else b"\x00")), last
        except InvalidTag:
            continue
    return None, False
