"""Stored documents in and out. In: the one check every document upload passes: an office file or a
scan, at most 20 MB, really what its name says (the first bytes of a PDF, an Office Open XML or ODF
zip, an old OLE .doc/.xls, a JPG or PNG).

A refusal is a ``ValidationError`` keyed by the form field, in Vietnamese, naming the rule; the file is
rewound so the caller can save it. Out: ``serve_file``, a stored file as a download (never a public
/media/ URL; the caller has checked who may read it).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

MAX_BYTES = 20 * 1024 * 1024
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0",)
# Extension → the first bytes a real file of that kind starts with.
KINDS: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".doc": _OLE,
    ".xls": _OLE,
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}
KINDS_TEXT = "PDF, Word, Excel, ODF hoặc ảnh JPG/PNG"


def check_document(upload: Any, field: str = "file") -> None:
    """Refuse a file of the wrong kind, over 20 MB, or whose content is not what its name says."""
    name = str(getattr(upload, "name", "") or "").lower()
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in KINDS:
        raise ValidationError({field: f"Chỉ nhận tệp {KINDS_TEXT}."})
    size = getattr(upload, "size", 0) or 0
    if size > MAX_BYTES:
        megabytes = f"{size / 1024 / 1024:.1f}".replace(".", ",")
        raise ValidationError({field: f"Tệp lớn {megabytes} MB, quá giới hạn 20 MB."})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in KINDS[suffix]):
        raise ValidationError({field: f"Tệp “{upload.name}” không đúng định dạng {suffix} (có thể bị hỏng)."})


def serve_file(field: FieldFile | None, fallback: str) -> FileResponse:
    """A stored file as a download named after it (``fallback`` when it has no name); 404 when there is
    no file or it is gone from the storage."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except OSError:
        raise Http404 from None
    name = (field.name or fallback).rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=name)
