"""Every change to a resolution: draft, adopt (and number), publish, change status, link, attach.

Each runs in a transaction, locks the rows it changes, checks the transition table in ``models`` and
writes one audit entry. Numbers come from the locked ``ResolutionCounter`` row of the series, created
with ``INSERT … ON CONFLICT DO NOTHING`` so the first two numbers of a year cannot race either.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from hdnd.core import uploads
from hdnd.core.audit import Actor, record
from hdnd.core.numbering import take_number
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import Council
from hdnd.sittings.models import Session

from .documents import text_from_docx
from .models import (
    LINK_EFFECT,
    LINKABLE_STATUSES,
    TRANSITIONS,
    Attachment,
    Kind,
    Link,
    Resolution,
    ResolutionCounter,
    Status,
    symbol_for,
)

ACTION_LABELS = {
    "resolutions.draft_resolution": "Tạo dự thảo nghị quyết",
    "resolutions.edit_resolution": "Sửa nghị quyết",
    "resolutions.adopt_resolution": "Thông qua, cấp số nghị quyết",
    "resolutions.publish_resolution": "Công bố nghị quyết",
    "resolutions.change_status": "Đổi trạng thái hiệu lực nghị quyết",
    "resolutions.link_resolutions": "Liên kết nghị quyết sửa đổi, thay thế, bãi bỏ",
    "resolutions.attach_file": "Đính kèm tệp vào nghị quyết",
    "resolutions.enter_text": "Nhập toàn văn nghị quyết",
}

TITLE_NEEDED = "Nhập trích yếu của nghị quyết."
# Manual status changes a clerk may record (links set the others).
MANUAL_TARGETS = frozenset({Status.IN_FORCE, Status.EXPIRED})


def draft_resolution(
    council: Council,
    *,
    by: Actor,
    title: str,
    kind: str = Kind.INDIVIDUAL,
    field: str = "",
    text: str = "",
    session: Session | None = None,
    signer_name: str = "",
) -> Resolution:
    """Start a resolution as a draft (no number yet)."""
    if not nfc(title):
        raise ValidationError({"title": TITLE_NEEDED})
    if session is not None and session.council_id != council.pk:
        raise ValidationError({"session": "Kỳ họp này không thuộc HĐND đang chọn."})
    with transaction.atomic():
        resolution = Resolution.objects.create(
            council=council,
            kind=kind,
            title=title,
            field=field,
            text=text,
            session=session,
            signer_name=signer_name,
        )
        record(
            action="resolutions.draft_resolution",
            actor=by,
            obj=resolution,
            council=council,
            after={"title": resolution.title, "kind": kind},
        )
    return resolution


EDITABLE = ("title", "field", "text", "signer_name", "signer_title", "signer_capacity", "effective_on")


def edit_resolution(resolution: Resolution, *, by: Actor, **changes: Any) -> Resolution:
    """Change the summary, field, text or signer; the number and the kind are fixed once adopted."""
    unknown = set(changes) - {*EDITABLE, "kind", "session"}
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if locked.status != Status.DRAFT and ("kind" in changes and changes["kind"] != locked.kind):
            raise ValidationError({"kind": "Nghị quyết đã có số, không đổi được loại."})
        if "title" in changes and not nfc(changes["title"] or ""):
            raise ValidationError({"title": TITLE_NEEDED})
        session = changes.get("session")
        if session is not None and session.council_id != locked.council_id:
            raise ValidationError({"session": "Kỳ họp này không thuộc HĐND đang chọn."})
        before = {name: getattr(locked, name) for name in changes}
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        after = {name: getattr(locked, name) for name in changes}
        record(
            action="resolutions.edit_resolution",
            actor=by,
            obj=locked,
            council=locked.council,
            before={k: str(v) for k, v in before.items()},
            after={k: str(v) for k, v in after.items()},
        )
    return locked


def _take_number(council_id: int, year: int, kind: str, wanted: int | None) -> int:
    """The next number of the council's series for the year and kind, under the counter's lock."""
    return take_number(ResolutionCounter, wanted=wanted, council_id=council_id, year=year, kind=kind)


def adopt_resolution(
    resolution: Resolution,
    *,
    by: Actor,
    adopted_on: date,
    issued_on: date | None = None,
    number: int | None = None,
) -> Resolution:
    """Adopt a draft and give it the next number of its council's series for the issue year.

    ``number`` is for entering a resolution adopted before the platform (its real number); a number
    already taken in the series is refused.
    """
    issued_on = issued_on or adopted_on
    if issued_on < adopted_on:
        raise ValidationError({"issued_on": "Ngày ký ban hành không được trước ngày thông qua."})
    try:
        with transaction.atomic():
            locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
            check_transition(TRANSITIONS, locked.status, Status.ADOPTED, "Chỉ thông qua được dự thảo.")
            year = issued_on.year
            if (
                number is not None
                and Resolution.objects.filter(
                    council_id=locked.council_id, year=year, kind=locked.kind, number=number
                ).exists()
            ):
                raise ValidationError({"number": f"Số {symbol_for(locked.kind, number, year)} đã được dùng."})
            taken = _take_number(locked.council_id, year, locked.kind, number)
            also = {
                "year": year,
                "number": taken,
                "symbol": symbol_for(locked.kind, taken, year),
                "adopted_on": adopted_on,
                "issued_on": issued_on,
            }
            change_status(
                locked,
                Status.ADOPTED,
                table=TRANSITIONS,
                refusal="Chỉ thông qua được dự thảo.",
                by=by,
                action="resolutions.adopt_resolution",
                also=also,
            )
    except IntegrityError:
        raise ValidationError({"number": "Số nghị quyết vừa được dùng; vui lòng thử lại."}) from None
    return locked


def publish_resolution(resolution: Resolution, *, by: Actor, published_on: date) -> Resolution:
    """Record the publication (công bố, đăng tải); then anyone may read it; late is warned."""
    with transaction.atomic():
        locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if locked.issued_on and published_on < locked.issued_on:
            raise ValidationError({"published_on": "Ngày công bố không được trước ngày ký ban hành."})
        change_status(
            locked,
            Status.PUBLISHED,
            table=TRANSITIONS,
            refusal="Chỉ công bố được nghị quyết đã thông qua, chưa công bố.",
            by=by,
            action="resolutions.publish_resolution",
            also={"published_on": published_on},
        )
    return locked


def set_status(resolution: Resolution, target: str, *, by: Actor, on: date) -> Resolution:
    """Record that a resolution took effect (in force) or ended (expired) on a date."""
    if target not in MANUAL_TARGETS:
        raise ValidationError("Trạng thái này được đặt qua liên kết sửa đổi, thay thế, bãi bỏ.")
    field = "effective_on" if target == Status.IN_FORCE else "ended_on"
    with transaction.atomic():
        locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
        change_status(
            locked,
            target,
            table=TRANSITIONS,
            refusal=f"Không chuyển được từ “{locked.get_status_display()}” sang “{Status(target).label}”.",
            by=by,
            action="resolutions.change_status",
            also={field: on},
        )
    return locked


def link_resolutions(source: Resolution, target: Resolution, kind: str, *, by: Actor) -> Link:
    """Record that ``source`` amends, replaces or annuls ``target``, and set the target's status."""
    if source.pk == target.pk:
        raise ValidationError("Nghị quyết không thể tự sửa đổi, thay thế hay bãi bỏ chính nó.")
    with transaction.atomic():
        # Lock both in id order, so two links between the same pair cannot deadlock.
        both = Resolution.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
        rows = {row.pk: row for row in both}
        locked_source, locked_target = rows[source.pk], rows[target.pk]
        if locked_source.status == Status.DRAFT:
            raise ValidationError("Nghị quyết dự thảo chưa thể sửa đổi, thay thế hay bãi bỏ nghị quyết khác.")
        allowed = {
            locked_source.council_id,
            *Council.objects.filter(parent_id=locked_source.council_id).values_list("pk", flat=True),
        }
        if locked_target.council_id not in allowed:
            raise ValidationError("Chỉ liên kết với nghị quyết của HĐND này hoặc HĐND cấp dưới trực tiếp.")
        if locked_target.status not in LINKABLE_STATUSES:
            raise ValidationError(
                f"Nghị quyết {locked_target.symbol} đang “{locked_target.get_status_display()}”."
            )
        if Link.objects.filter(source=locked_source, target=locked_target, kind=kind).exists():
            raise ValidationError("Liên kết này đã có.")
        link = Link.objects.create(source=locked_source, target=locked_target, kind=kind)
        effect = LINK_EFFECT[Link.Kind(kind)]
        if locked_target.status == Status.ADOPTED:
            # Not yet published: the change still shows once it is. Keep adopted, record the link only.
            pass
        else:
            change_status(
                locked_target,
                effect,
                table=TRANSITIONS,
                refusal=f"Nghị quyết {locked_target.symbol} không thể chuyển sang “{effect.label}”.",
                by=by,
                action="resolutions.change_status",
                also={"ended_on": locked_source.effective_on or locked_source.issued_on}
                if effect != Status.AMENDED
                else {},
            )
        record(
            action="resolutions.link_resolutions",
            actor=by,
            obj=locked_source,
            council=locked_source.council,
            after={"target": locked_target.pk, "target_symbol": locked_target.symbol, "kind": kind},
        )
    return link


def attach_file(resolution: Resolution, *, by: Actor, title: str, upload: UploadedFile) -> Attachment:
    """Attach a file (an annex, the signed text) to a resolution."""
    uploads.check_document(upload, "file")
    title = nfc(title) or nfc(upload.name or "Tệp đính kèm")
    with transaction.atomic():
        attachment = Attachment.objects.create(resolution=resolution, title=title, file=upload)
        record(
            action="resolutions.attach_file",
            actor=by,
            obj=resolution,
            council=resolution.council,
            after={"attachment": attachment.pk, "title": title},
        )
    return attachment


TEXT_KINDS = (".docx", ".pdf")
TEXT_NEEDED = "Nhập toàn văn hoặc chọn tệp toàn văn (.docx hoặc .pdf)."


def _check_text_file(upload: UploadedFile) -> None:
    uploads.check_document(upload, "file")
    if not (upload.name or "").lower().endswith(TEXT_KINDS):
        raise ValidationError({"file": "Toàn văn nghị quyết: chỉ nhận tệp .docx hoặc .pdf."})


def enter_text(
    resolution: Resolution, *, by: Actor, text: str = "", upload: UploadedFile | None = None
) -> Resolution:
    """Enter the full text (typed or pasted) and/or store its file (.docx or the signed .pdf).

    A .docx given without typed text gives the text from its paragraphs; the old file is replaced (and
    removed from the storage once the transaction commits).
    """
    text = nfc(text)
    if upload is not None:
        _check_text_file(upload)
        if not text and (upload.name or "").lower().endswith(".docx"):
            text = text_from_docx(upload)
    with transaction.atomic():
        locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
        if not text and upload is None and not locked.text_file:
            raise ValidationError({"text": TEXT_NEEDED})
        before = {"text_chars": len(locked.text), "text_file": locked.text_file.name or ""}
        old = locked.text_file.name if upload is not None and locked.text_file else ""
        locked.text = text
        if upload is not None:
            locked.text_file = upload
        locked.save()
        record(
            action="resolutions.enter_text",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"text_chars": len(locked.text), "text_file": locked.text_file.name or ""},
        )
        if old:
            storage = locked.text_file.storage
            transaction.on_commit(lambda: storage.delete(old))
    return locked
