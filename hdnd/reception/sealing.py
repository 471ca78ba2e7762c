"""The sealed store's cipher: AES-256-GCM (an AEAD) under a key kept outside the database.

``seal`` and ``unseal`` use the ``cryptography`` package when it is installed; otherwise the same
cipher from OpenSSL's libcrypto (the library Python's own ``ssl`` and ``hashlib`` are built on), called
through ``ctypes``. No cipher is written here: both paths are OpenSSL's AES-256-GCM, with a random
96-bit nonce per seal and the letter's id and code as associated data, so a ciphertext copied to another
letter does not open (decision 0011). The key is derived from ``settings.SEALED_KEY`` with SHA-256 under
a purpose label; ``key_id`` names it so a changed key is noticed instead of failing obscurely.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12
TAG_BYTES = 16


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


def seal(values: dict[str, str], associated: bytes) -> Sealed:
    """Encrypt ``values`` (a few named strings) bound to ``associated``."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    plain = json.dumps(values, ensure_ascii=False, sort_keys=True).encode()
    return Sealed(key_id(), nonce, _encrypt(_key(), nonce, plain, associated))


def unseal(sealed: Sealed, associated: bytes) -> dict[str, str]:
    """The values of a sealed row; ``SealError`` when the key, the data or the binding is wrong."""
    if sealed.key_id != key_id():
        raise SealError("Khóa niêm phong hiện tại khác khóa đã dùng để niêm phong (HDND_SEALED_KEY đã đổi).")
    plain = _decrypt(_key(), bytes(sealed.nonce), bytes(sealed.ciphertext), associated)
    values: dict[str, str] = json.loads(plain.decode())
    return values


def _encrypt(key: bytes, nonce: bytes, plain: bytes, associated: bytes) -> bytes:
    aead = _cryptography_aead()
    if aead is not None:
        result: bytes = aead(key).encrypt(nonce, plain, associated)
        return result
    return _openssl().encrypt(key, nonce, plain, associated)


def _decrypt(key: bytes, nonce: bytes, data: bytes, associated: bytes) -> bytes:
    aead = _cryptography_aead()
    try:
        if aead is not None:
            result: bytes = aead(key).decrypt(nonce, data, associated)
            return result
        return _openssl().decrypt(key, nonce, data, associated)
    except SealError:
        raise
    except Exception as error:  # cryptography's InvalidTag
        raise SealError("Dữ liệu niêm phong không mở được (sai khóa hoặc đã bị sửa).") from error


@functools.cache
def _cryptography_aead() -> Any:
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return AESGCM


class _OpenSSL:
    """AES-256-GCM through libcrypto's EVP interface (OpenSSL 1.1 and 3)."""

    SET_IVLEN, GET_TAG, SET_TAG = 0x9, 0x10, 0x11

    def __init__(self, path: str) -> None:
        lib = ctypes.CDLL(path)
        lib.EVP_CIPHER_CTX_new.restype = ctypes.c_void_p
        lib.EVP_aes_256_gcm.restype = ctypes.c_void_p
        lib.EVP_CIPHER_CTX_free.argtypes = [ctypes.c_void_p]
        for name in ("EVP_EncryptInit_ex", "EVP_DecryptInit_ex"):
            getattr(lib, name).argtypes = [ctypes.c_void_p] * 5
        for name in ("EVP_EncryptUpdate", "EVP_DecryptUpdate"):
            getattr(lib, name).argtypes = [
                ctypes.c_void_p,
                ctypes.c_void_p,
                ctypes.POINTER(ctypes.c_int),
                ctypes.c_char_p,
                ctypes.c_int,
            ]
        for name in ("EVP_EncryptFinal_ex", "EVP_DecryptFinal_ex"):
            getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        lib.EVP_CIPHER_CTX_ctrl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_void_p]
        self.lib = lib

    def _run(
        self, encrypt: bool, key: bytes, nonce: bytes, data: bytes, associated: bytes, tag: bytes
    ) -> bytes:
        lib, step = self.lib, "Encrypt" if encrypt else "Decrypt"
        ctx = lib.EVP_CIPHER_CTX_new()
        if not ctx:
            raise SealError("OpenSSL: không tạo được ngữ cảnh mã hóa.")
        try:
            ok = getattr(lib, f"EVP_{step}Init_ex")(ctx, lib.EVP_aes_256_gcm(), None, None, None)
            ok &= lib.EVP_CIPHER_CTX_ctrl(ctx, self.SET_IVLEN, len(nonce), None)
            ok &= getattr(lib, f"EVP_{step}Init_ex")(ctx, None, None, key, nonce)
            size = ctypes.c_int(0)
            if associated:
                ok &= getattr(lib, f"EVP_{step}Update")(
                    ctx, None, ctypes.byref(size), associated, len(associated)
                )
            out = ctypes.create_string_buffer(len(data) + 32)
            ok &= getattr(lib, f"EVP_{step}Update")(ctx, out, ctypes.byref(size), data, len(data))
            written = size.value
            if not encrypt:
                tag_buffer = ctypes.create_string_buffer(tag, TAG_BYTES)
                ok &= lib.EVP_CIPHER_CTX_ctrl(ctx, self.SET_TAG, TAG_BYTES, tag_buffer)
            final = ctypes.create_string_buffer(32)
            if getattr(lib, f"EVP_{step}Final_ex")(ctx, final, ctypes.byref(size)) != 1 or not ok:
                raise SealError("Dữ liệu niêm phong không mở được (sai khóa hoặc đã bị sửa).")
            result = out.raw[:written] + final.raw[: size.value]
            if encrypt:
                tag_out = ctypes.create_string_buffer(TAG_BYTES)
                if lib.EVP_CIPHER_CTX_ctrl(ctx, self.GET_TAG, TAG_BYTES, tag_out) != 1:
                    raise SealError("OpenSSL: không lấy được mã xác thực.")
                result += tag_out.raw
            return result
        finally:
            lib.EVP_CIPHER_CTX_free(ctx)

    def encrypt(self, key: bytes, nonce: bytes, plain: bytes, associated: bytes) -> bytes:
        return self._run(True, key, nonce, plain, associated, b"")

    def decrypt(self, key: bytes, nonce: bytes, data: bytes, associated: bytes) -> bytes:
        if len(data) < TAG_BYTES:
            raise SealError("Dữ liệu niêm phong không đầy đủ.")
        return self._run(False, key, nonce, data[:-TAG_BYTES], associated, data[-TAG_BYTES:])


@functools.cache
def _openssl() -> _OpenSSL:
    path = ctypes.util.find_library("crypto")
    if path is None:
        raise ImproperlyConfigured("The sealed store needs OpenSSL's libcrypto or the cryptography package.")
    return _OpenSSL(path)
