"""Documents received with a letter: attach (checked by ``hdnd.core.uploads``), open, and what happens to
them when a letter turns out to be a denunciation.

A denunciation's scan carries the denouncer's handwriting, signature and often name and address, which
the law keeps secret (Luật Tố cáo 2018, Art. 47). So its attachments live only in the sealed store: the
stored file is AES-256-GCM ciphertext bound to the letter and the file's random name, opened only by the
case's named handlers, each opening audited. Without the sealed store they are refused, and the paper
file keeps them; a letter reclassified as a denunciation has its plain attachments sealed, or removed
from the platform when there is no sealed store (docs/reception.md).
"""

from __future__ import annotations

import secrets
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from hdnd.accounts.models import User
from hdnd.core.audit import Actor, record
from hdnd.core.text import nfc
from hdnd.core.uploads import check_document

from . import sealing
from .identity import NOT_A_HANDLER, can_reveal
from .models import Letter, LetterAttachment

ACTION_LABELS = {
    "reception.attach_file": "Đính kèm tài liệu của đơn",
    "reception.attachment_opened": "Mở tài liệu niêm phong của đơn tố cáo",
    "reception.attachments_sealed": "Niêm phong tài liệu của đơn (đơn được phân loại là tố cáo)",
    "reception.attachments_removed": "Gỡ tài liệu của đơn tố cáo khỏi hệ thống (không có kho niêm phong)",
}
NO_SEALED_STORE = (
    "Đơn tố cáo: không lưu bản scan, tài liệu vào hệ thống vì chữ viết, chữ ký, họ tên người tố cáo phải "
    "được giữ bí mật (Luật Tố cáo, Điều 47); bản gốc lưu trong hồ sơ giấy. Chỉ lưu được khi bật kho "
    "niêm phong."
)
SEALED_TITLE = "Tài liệu kèm đơn tố cáo {code} (niêm phong)"
DEFAULT_TITLE = "Bản scan đơn"


def _associated(letter: Letter, name: str) -> bytes:
    return f"letter-attachment:{letter.pk}:{letter.code}:{name.rsplit('/', 1)[-1]}".encode()


def _suffix(upload: Any) -> str:
    return "." + str(upload.name).lower().rsplit(".", 1)[-1]


def _store(attachment: LetterAttachment, data: bytes) -> None:
    """Write the file under a random name: sealed bytes for a denunciation, the plain bytes otherwise."""
    name = secrets.token_hex(16) + (".bin" if attachment.sealed else attachment.suffix)
    if attachment.sealed:
        sealed = sealing.seal_bytes(data, _associated(attachment.letter, name))
        attachment.key_id, attachment.nonce, data = sealed.key_id, sealed.nonce, sealed.ciphertext
    attachment.file.save(name, ContentFile(data), save=False)


def attach_file(letter: Letter, *, by: Actor, title: str, upload: UploadedFile) -> LetterAttachment:
    """Attach a scanned letter or a document to ``letter``; a denunciation's is sealed or refused."""
    check_document(upload, "file")
    sealed = letter.is_denunciation
    if sealed and not sealing.enabled():
        raise ValidationError({"file": NO_SEALED_STORE})
    # A typed title could name the denouncer: a denunciation's attachment gets a fixed one.
    title = SEALED_TITLE.format(code=letter.code) if sealed else (nfc(title)[:255] or DEFAULT_TITLE)
    upload.seek(0)
    data = upload.read()
    with transaction.atomic():
        attachment = LetterAttachment(
            council=letter.council,
            letter=letter,
            title=title,
            suffix=_suffix(upload),
            sealed=sealed,
            uploaded_by=by if isinstance(by, User) else None,
        )
        _store(attachment, data)
        attachment.save()
        record(
            action="reception.attach_file",
            actor=by,
            obj=letter,
            council=letter.council,
            after={"attachment": attachment.pk, "sealed": sealed},
        )
    return attachment


def open_attachment(attachment: LetterAttachment, *, by: Any) -> bytes:
    """The file's bytes: a sealed one only for the case's named handlers, each opening audited."""
    letter = attachment.letter
    with attachment.file.open("rb") as handle:
        data: bytes = handle.read()
    if not attachment.sealed:
        return data
    if not sealing.enabled():
        raise ValidationError(NO_SEALED_STORE)
    if not can_reveal(letter, by):
        raise PermissionDenied(NOT_A_HANDLER)
    sealed = sealing.Sealed(attachment.key_id, bytes(attachment.nonce or b""), data)
    plain = sealing.unseal_bytes(sealed, _associated(letter, attachment.file.name or ""))
    record(
        action="reception.attachment_opened",
        actor=by,
        obj=letter,
        council=letter.council,
        after={"attachment": attachment.pk},
    )
    return plain


def on_denunciation(letter: Letter, *, by: Actor) -> None:
    """The letter is now a denunciation (inside the classifying transaction): its plain attachments are
    sealed in place, or removed from the platform when there is no sealed store."""
    plain = list(LetterAttachment.objects.filter(letter=letter, sealed=False))
    if not plain:
        return
    for attachment in plain:
        with attachment.file.open("rb") as handle:
            data = handle.read()
        old, storage = attachment.file.name or "", attachment.file.storage
        if sealing.enabled():
            attachment.sealed, attachment.title = True, SEALED_TITLE.format(code=letter.code)
            _store(attachment, data)
            attachment.save()
        else:
            attachment.delete()
        # The plain file goes only once the change is committed (a rollback keeps row and file together).
        transaction.on_commit(partial(storage.delete, old))
    action = "reception.attachments_sealed" if sealing.enabled() else "reception.attachments_removed"
    record(action=action, actor=by, obj=letter, council=letter.council, after={"count": len(plain)})
