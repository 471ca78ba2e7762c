"""The denouncer's identity (Luật Tố cáo 2018, Art. 47, 56): redaction, the sealed store, and reveals.

Default mode: the platform never receives an identity for a denunciation; forms and the API have no field
for it, and a sender typed on a letter that turns out to be a denunciation is dropped. Optional mode
(``HDND_SEALED_STORE=on``): the identity is sealed (``sealing``) in ``SealedIdentity``, removed from the
content by ``redact``, and shown only to the case's named handlers, each reveal audited without it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from hdnd.core.audit import record
from hdnd.core.text import fold, nfc

from . import sealing
from .models import Letter, SealedIdentity

MASK = "[…]"
IDENTITY_FIELDS = ("name", "address", "contact")
IDENTITY_LABELS = {"name": "Họ và tên", "address": "Địa chỉ", "contact": "Cách thức liên hệ"}
NOT_SEALED_MODE = (
    "Hệ thống không lưu danh tính người tố cáo: danh tính được giữ trong sổ giấy "
    "(chế độ kho niêm phong chưa bật)."
)
NOT_A_HANDLER = "Chỉ người được giao xử lý vụ việc này mới được mở danh tính người tố cáo."
NOTHING_SEALED = "Vụ việc này không có danh tính niêm phong."


@dataclass(frozen=True)
class Identity:
    """A denouncer's identity as typed, held in memory only on its way into the sealed store."""

    name: str = ""
    address: str = ""
    contact: str = ""

    def values(self) -> dict[str, str]:
        return {key: nfc(getattr(self, key)) for key in IDENTITY_FIELDS if nfc(getattr(self, key))}

    def __repr__(self) -> str:  # never printed in a log or a traceback's locals
        return "Identity(<sealed>)"

    __str__ = __repr__


def _folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, with the offset in ``text`` of each folded character."""
    folded, offsets = [], []
    for index, char in enumerate(text):
        for piece in fold(char) if not char.isspace() else " ":
            folded.append(piece)
            offsets.append(index)
    return "".join(folded), offsets


def redact(text: str, values: Iterable[str]) -> str:
    """``text`` with every occurrence of ``values`` masked, ignoring accents, case, NFC/NFD and spacing."""
    text = unicodedata.normalize("NFC", text)
    folded, offsets = _folded_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for value in values:
        words = fold(value).split()
        if not words or sum(len(w) for w in words) < 3:
            continue
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")
        for found in pattern.finditer(folded):
            spans.append((offsets[found.start()], offsets[found.end() - 1] + 1))
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + MASK + text[end:]
    return text


def _associated(letter: Letter) -> bytes:
    return f"letter:{letter.pk}:{letter.code}".encode()


def seal_identity(letter: Letter, identity: Identity, *, by: Any) -> bool:
    """Seal the identity of a denunciation (sealed mode only); False when there is nothing to seal."""
    values = identity.values()
    if not values:
        return False
    if not sealing.enabled():
        raise ValidationError({"identity": NOT_SEALED_MODE})
    sealed = sealing.seal(values, _associated(letter))
    with transaction.atomic():
        SealedIdentity.objects.update_or_create(
            letter=letter,
            defaults={"key_id": sealed.key_id, "nonce": sealed.nonce, "ciphertext": sealed.ciphertext},
        )
        record(action="reception.identity_sealed", actor=by, obj=letter, council=letter.council)
    return True


def can_reveal(letter: Letter, user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and letter.handlers.filter(pk=user.pk).exists()


def reveal_identity(letter: Letter, *, by: Any) -> dict[str, str]:
    """Open the sealed identity for one of the case's named handlers; the audit row names the case only."""
    if not sealing.enabled():
        raise ValidationError(NOT_SEALED_MODE)
    if not can_reveal(letter, by):
        raise PermissionDenied(NOT_A_HANDLER)
    row = SealedIdentity.objects.filter(letter=letter).first()
    if row is None:
        raise ValidationError(NOTHING_SEALED)
    values = sealing.unseal(
        sealing.Sealed(row.key_id, bytes(row.nonce), bytes(row.ciphertext)), _associated(letter)
    )
    record(action="reception.identity_revealed", actor=by, obj=letter, council=letter.council)
    return {IDENTITY_LABELS[key]: value for key, value in values.items() if key in IDENTITY_LABELS}


def sealed_values(letter: Letter) -> list[str]:
    """The sealed identity's values, for redaction inside an action (never shown, never returned out)."""
    row = SealedIdentity.objects.filter(letter=letter).first()
    if row is None or not sealing.enabled():
        return []
    sealed = sealing.Sealed(row.key_id, bytes(row.nonce), bytes(row.ciphertext))
    return list(sealing.unseal(sealed, _associated(letter)).values())
