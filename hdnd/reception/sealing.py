"""The sealed store's cipher: AES-256-GCM (an AEAD) from the ``cryptography`` package, under a key kept
outside the database.

No cipher is written here: ``AESGCM`` with a random 96-bit nonce per seal and the letter's id and code
as associated data, so a ciphertext copied to another letter does not open (decision 0011). The key is
derived from ``settings.SEALED_KEY`` with SHA-256 under a purpose label; ``key_id`` names it so a changed
key is noticed instead of failing obscurely. The stored form (nonce; ciphertext followed by the 16-byte
tag) is the one the earlier OpenSSL-through-ctypes path wrote, so rows sealed before still open.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12
NOT_OPENED = "Dữ liệu niêm phong không mở được (sai khóa hoặc đã bị sửa)."


class SealError(Exception):
    """A sealed row that does not open: wrong key, or a ciphertext altered or moved."""


@dataclass(frozen=True)
class Sealed:
    key_id: str
    nonce: bytes
    ciphertext: bytes  # the encrypted text followed by the 16-byte tag


def enabled() -> bool:
    return bool(getattr(settings, "SEALED_STORE", False))


def _key() -> bytes:
    raw = str(getattr(settings, "SEALED_KEY", "") or "")
    if len(raw) < 32:
        raise ImproperlyConfigured("HDND_SEALED_KEY is not set (at least 32 characters).")
    return hashlib.sha256(b"hdnd-sealed-identity\n" + raw.encode()).digest()


def key_id() -> str:
    return hashlib.sha256(b"hdnd-sealed-key-id\n" + _key()).hexdigest()[:16]


def seal_bytes(plain: bytes, associated: bytes) -> Sealed:
    """Encrypt ``plain`` (a file, or the JSON of a few values) bound to ``associated``."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return Sealed(key_id(), nonce, AESGCM(_key()).encrypt(nonce, plain, associated))


def unseal_bytes(sealed: Sealed, associated: bytes) -> bytes:
    """The plain bytes of a sealed row; ``SealError`` when the key, the data or the binding is wrong."""
    if sealed.key_id != key_id():
        raise SealError("Khóa niêm phong hiện tại khác khóa đã dùng để niêm phong (HDND_SEALED_KEY đã đổi).")
    try:
        return AESGCM(_key()).decrypt(bytes(sealed.nonce), bytes(sealed.ciphertext), associated)
    except (InvalidTag, ValueError) as error:
        raise SealError(NOT_OPENED) from error


def seal(values: dict[str, str], associated: bytes) -> Sealed:
    """Encrypt ``values`` (a few named strings) bound to ``associated``."""
    return seal_bytes(json.dumps(values, ensure_ascii=False, sort_keys=True).encode(), associated)


def unseal(sealed: Sealed, associated: bytes) -> dict[str, str]:
    """The values of a sealed row; ``SealError`` when the key, the data or the binding is wrong."""
    values: dict[str, str] = json.loads(unseal_bytes(sealed, associated).decode())
    return values
