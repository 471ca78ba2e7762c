"""Every change to a standing-committee meeting: plan, edit, agenda, participants, materials, held,
the conclusion notice with its number, and the tasks its items set.

Each runs in a transaction, locks the meeting (or the task) it changes, checks the transition table
``STANDING_TRANSITIONS`` and writes one audit entry. The notice's number is the next of the council's
TB-HĐND series of the year (``models.take_document_number``: a ``DocumentCounter`` row created without
racing, then locked), shared with the session notices, so two clerks issuing at once get two numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from hdnd.core import uploads
from hdnd.core.audit import Actor, record
from hdnd.core.querysets import close_gap
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import Agency, BodyKind, Council, Membership, Person

from .models import (
    NOTICE_SYMBOL,
    STANDING_TRANSITIONS,
    ConclusionItem,
    StandingAgendaItem,
    StandingMaterial,
    StandingMeeting,
    StandingParticipant,
    numbered,
    take_document_number,
)

ACTION_LABELS = {
    "sittings.create_standing_meeting": "Dự kiến phiên họp Thường trực HĐND",
    "sittings.edit_standing_meeting": "Sửa thông tin phiên họp Thường trực HĐND",
    "sittings.set_standing_agenda": "Lập chương trình phiên họp Thường trực HĐND",
    "sittings.add_standing_participants": "Thêm thành phần dự phiên họp Thường trực HĐND",
    "sittings.remove_standing_participant": "Bỏ thành phần dự phiên họp Thường trực HĐND",
    "sittings.upload_standing_material": "Đính kèm tài liệu phiên họp Thường trực HĐND",
    "sittings.remove_standing_material": "Bỏ tài liệu phiên họp Thường trực HĐND",
    "sittings.mark_standing_held": "Ghi nhận đã họp phiên họp Thường trực HĐND",
    "sittings.add_conclusion_item": "Thêm nội dung kết luận, nhiệm vụ",
    "sittings.remove_conclusion_item": "Bỏ nội dung kết luận, nhiệm vụ",
    "sittings.issue_conclusion_notice": "Ban hành thông báo kết luận phiên họp Thường trực HĐND",
    "sittings.complete_conclusion_task": "Ghi nhận kết quả thực hiện nhiệm vụ theo kết luận",
}
# Registered with the audit log by the app's ready() (apps.py).

Status = StandingMeeting.Status
CONCLUDED_REFUSAL = "Phiên họp đã ban hành thông báo kết luận, không sửa được."
DEFAULT_RECIPIENTS = (
    "Thường trực HĐND;",
    "Các Ban của HĐND;",
    "UBND cùng cấp;",
    "Các cơ quan có liên quan;",
    "Lưu: VT.",
)


@dataclass(frozen=True)
class AgendaLine:
    """One agenda item as typed: what is discussed and who presents it."""

    title: str
    presenter: str = ""


def _lock(meeting: StandingMeeting) -> StandingMeeting:
    return (
        StandingMeeting.objects.select_for_update(of=("self",)).select_related("council").get(pk=meeting.pk)
    )


NOT_HELD_YET = "Phiên họp chưa họp: chưa có kết luận để ra thông báo kết luận."


def check_notice_due(meeting: StandingMeeting) -> None:
    """A planned meeting has no conclusion notice yet (not to draft, download nor issue)."""
    if meeting.status == Status.PLANNED:
        raise ValidationError(NOT_HELD_YET)


def _not_concluded(meeting: StandingMeeting) -> None:
    if meeting.status == Status.CONCLUDED:
        raise ValidationError(CONCLUDED_REFUSAL)


def create_meeting(
    council: Council,
    *,
    by: Actor,
    meets_on: date,
    kind: str = StandingMeeting.Kind.MONTHLY,
    starts_at: time | None = None,
    place: str = "",
    notes: str = "",
) -> StandingMeeting:
    """Put a meeting of the Thường trực on the council's calendar."""
    if kind not in StandingMeeting.Kind.values:
        raise ValidationError({"kind": "Chọn loại phiên họp."})
    with transaction.atomic():
        meeting = StandingMeeting.objects.create(
            council=council,
            kind=kind,
            meets_on=meets_on,
            starts_at=starts_at,
            place=nfc(place),
            notes=nfc(notes),
        )
        record(
            action="sittings.create_standing_meeting",
            actor=by,
            obj=meeting,
            council=council,
            after={"meets_on": meets_on, "kind": kind, "place": meeting.place},
        )
    return meeting


def edit_meeting(
    meeting: StandingMeeting,
    *,
    by: Actor,
    meets_on: date,
    kind: str,
    starts_at: time | None = None,
    place: str = "",
    notes: str = "",
) -> StandingMeeting:
    """Change the date, kind, time, place or notes (until the notice is issued)."""
    if kind not in StandingMeeting.Kind.values:
        raise ValidationError({"kind": "Chọn loại phiên họp."})
    with transaction.atomic():
        locked = _lock(meeting)
        _not_concluded(locked)
        if locked.held_on is not None and meets_on > locked.held_on:
            raise ValidationError({"meets_on": "Phiên họp đã họp; ngày họp không được sau ngày đã họp."})
        fields = ("meets_on", "kind", "starts_at", "place", "notes")
        before = {name: getattr(locked, name) for name in fields}
        locked.meets_on, locked.kind, locked.starts_at = meets_on, kind, starts_at
        locked.place, locked.notes = nfc(place), nfc(notes)
        locked.save(update_fields=list(fields))
        record(
            action="sittings.edit_standing_meeting",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={name: getattr(locked, name) for name in fields},
        )
    return locked


def set_agenda(
    meeting: StandingMeeting, *, by: Actor, items: Sequence[AgendaLine]
) -> list[StandingAgendaItem]:
    """Replace the agenda with ``items`` in order.

    Items are matched by position: the first rows are updated in place (so materials filed under an
    item stay with it), extra lines are added and rows beyond the new length removed (their materials
    stay with the meeting).
    """
    lines = [AgendaLine(nfc(line.title), nfc(line.presenter)) for line in items]
    if any(not line.title for line in lines):
        raise ValidationError({"items": "Mỗi nội dung của chương trình phải có tiêu đề."})
    if any(len(line.title) > 500 or len(line.presenter) > 255 for line in lines):
        raise ValidationError({"items": "Tiêu đề dài quá 500 ký tự hoặc người trình bày quá 255 ký tự."})
    with transaction.atomic():
        locked = _lock(meeting)
        _not_concluded(locked)
        existing = {item.position: item for item in locked.agenda.all()}
        before = [f"{item.title} — {item.presenter}" for item in existing.values()]
        for position, line in enumerate(lines, start=1):
            found = existing.pop(position, None)
            if found is None:
                StandingAgendaItem.objects.create(
                    meeting=locked, position=position, title=line.title, presenter=line.presenter
                )
            elif (found.title, found.presenter) != (line.title, line.presenter):
                found.title, found.presenter = line.title, line.presenter
                found.save(update_fields=["title", "presenter"])
        StandingAgendaItem.objects.filter(pk__in=[item.pk for item in existing.values()]).delete()
        record(
            action="sittings.set_standing_agenda",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"items": before},
            after={"items": [f"{line.title} — {line.presenter}" for line in lines]},
        )
    return list(StandingAgendaItem.objects.filter(meeting=locked))


def standing_members(council: Council, on: date) -> list[Membership]:
    """The current seats of the council's Thường trực HĐND on ``on`` (chair first)."""
    seats = (
        Membership.objects.current(on)
        .filter(council=council, body__kind=BodyKind.STANDING)
        .select_related("person", "body")
    )
    order = {"chair": 0, "vice_chair": 1}
    return sorted(seats, key=lambda seat: (order.get(seat.role, 2), seat.person.name_key, seat.pk))


def add_participants(
    meeting: StandingMeeting,
    *,
    by: Actor,
    memberships: Iterable[Membership] = (),
    invited: Iterable[tuple[str, str]] = (),
) -> list[StandingParticipant]:
    """Add members of the Thường trực (seats already listed are skipped) and invited people or agencies
    (``(name, position)`` pairs)."""
    seats = list(memberships)
    guests = [(nfc(name), nfc(position)) for name, position in invited if nfc(name)]
    for seat in seats:
        if seat.council_id != meeting.council_id or seat.body is None or seat.body.kind != BodyKind.STANDING:
            raise ValidationError({"memberships": f"{seat} không phải thành viên Thường trực HĐND này."})
    if not seats and not guests:
        raise ValidationError("Chọn thành viên Thường trực hoặc nhập người, cơ quan được mời.")
    if any(len(name) > 255 or len(position) > 255 for name, position in guests):
        raise ValidationError({"invited": "Tên hoặc chức vụ dài quá 255 ký tự."})
    added: list[StandingParticipant] = []
    with transaction.atomic():
        locked = _lock(meeting)
        _not_concluded(locked)
        listed = set(locked.participants.exclude(membership=None).values_list("membership_id", flat=True))
        for seat in seats:
            if seat.pk not in listed:
                listed.add(seat.pk)
                added.append(StandingParticipant.objects.create(meeting=locked, membership=seat))
        for name, position in guests:
            added.append(StandingParticipant.objects.create(meeting=locked, name=name, position=position))
        record(
            action="sittings.add_standing_participants",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"added": [participant.display_name for participant in added]},
        )
    return added


def remove_participant(participant: StandingParticipant, *, by: Actor) -> None:
    """Take someone off the list (a mistake, or an invitation withdrawn)."""
    with transaction.atomic():
        locked = _lock(participant.meeting)
        _not_concluded(locked)
        name = participant.display_name
        StandingParticipant.objects.filter(pk=participant.pk).delete()
        record(
            action="sittings.remove_standing_participant",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"participant": name},
        )


def upload_material(
    meeting: StandingMeeting,
    *,
    by: Actor,
    upload: Any,
    title: str = "",
    agenda_item: StandingAgendaItem | None = None,
) -> StandingMaterial:
    """File a material for the meeting (optionally under one agenda item)."""
    uploads.check_document(upload, "file")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Nội dung này không thuộc phiên họp đang chọn."})
    title = nfc(title) or nfc(str(upload.name).rsplit("/", 1)[-1])
    with transaction.atomic():
        locked = _lock(meeting)
        material = StandingMaterial.objects.create(
            meeting=locked, agenda_item=agenda_item, title=title[:255], file=upload, size=upload.size or 0
        )
        record(
            action="sittings.upload_standing_material",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"material": material.pk, "title": material.title, "size": material.size},
        )
    return material


def remove_material(material: StandingMaterial, *, by: Actor) -> None:
    """Take a file off the meeting (a wrong or replaced file) until the notice is issued; the stored file
    is deleted once the removal is committed."""
    with transaction.atomic():
        locked = _lock(material.meeting)
        if locked.status == Status.CONCLUDED:
            raise ValidationError("Phiên họp đã ban hành thông báo kết luận, không bỏ tài liệu được.")
        current = locked.materials.filter(pk=material.pk).first()
        if current is None:
            return
        stored, name = current.file.storage, current.file.name
        current.delete()
        record(
            action="sittings.remove_standing_material",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"material": material.pk, "title": current.title, "file": current.filename},
        )
        if name:
            transaction.on_commit(lambda: stored.delete(name))


def mark_held(meeting: StandingMeeting, *, by: Actor, held_on: date) -> StandingMeeting:
    """Record that the meeting took place on ``held_on``."""
    with transaction.atomic():
        locked = _lock(meeting)
        change_status(
            locked,
            Status.HELD,
            table=STANDING_TRANSITIONS,
            refusal="Chỉ ghi nhận đã họp cho phiên họp đang dự kiến.",
            by=by,
            action="sittings.mark_standing_held",
            also={"held_on": held_on},
        )
    return locked


def _owner(
    council_id: int, agency: Agency | None, person: Person | None, owner_name: str
) -> tuple[Agency | None, Person | None, str]:
    if agency is not None and agency.council_id != council_id:
        raise ValidationError({"owner_agency": "Chọn cơ quan của HĐND này."})
    if person is not None and person.council_id != council_id:
        raise ValidationError({"owner_person": "Chọn người của HĐND này."})
    if agency is not None and person is not None:
        raise ValidationError(
            {"owner_person": "Chọn một cơ quan hoặc một người thực hiện, không chọn cả hai."}
        )
    owner_name = nfc(owner_name)
    if len(owner_name) > 255:
        raise ValidationError({"owner_name": "Tên cơ quan, người thực hiện dài quá 255 ký tự."})
    return agency, person, "" if (agency or person) else owner_name


def add_conclusion_item(
    meeting: StandingMeeting,
    *,
    by: Actor,
    content: str,
    due_on: date | None = None,
    owner_agency: Agency | None = None,
    owner_person: Person | None = None,
    owner_name: str = "",
) -> ConclusionItem:
    """Add an item to the draft of the conclusion notice; with a deadline it is a task for its owner."""
    content = nfc(content)
    if not content:
        raise ValidationError({"content": "Nhập nội dung kết luận."})
    agency, person, owner_name = _owner(meeting.council_id, owner_agency, owner_person, owner_name)
    if due_on is not None and not (agency or person or owner_name):
        raise ValidationError({"owner_name": "Nhiệm vụ có thời hạn phải có cơ quan hoặc người thực hiện."})
    with transaction.atomic():
        locked = _lock(meeting)
        if locked.status != Status.HELD:
            raise ValidationError(
                "Chỉ thêm nội dung kết luận khi phiên họp đã họp và chưa ban hành thông báo."
            )
        if due_on is not None and due_on < (locked.held_on or locked.meets_on):
            raise ValidationError({"due_on": "Thời hạn không được trước ngày họp."})
        top = locked.conclusions.aggregate(top=Max("position"))["top"] or 0
        item = ConclusionItem.objects.create(
            council_id=locked.council_id,
            meeting=locked,
            position=top + 1,
            content=content,
            owner_agency=agency,
            owner_person=person,
            owner_name=owner_name,
            due_on=due_on,
        )
        record(
            action="sittings.add_conclusion_item",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"item": item.pk, "content": content[:200], "owner": item.owner, "due_on": due_on},
        )
    return item


def remove_conclusion_item(item: ConclusionItem, *, by: Actor) -> None:
    """Take an item off the notice being drafted; the items after it move up one place."""
    with transaction.atomic():
        locked = _lock(item.meeting)
        if locked.status != Status.HELD:
            raise ValidationError("Chỉ bỏ nội dung kết luận khi thông báo chưa ban hành.")
        current = locked.conclusions.filter(pk=item.pk).first()
        if current is None:
            return
        current.delete()
        close_gap(locked.conclusions, current.position)
        record(
            action="sittings.remove_conclusion_item",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"item": item.pk, "content": current.content[:200]},
        )


def issue_notice(
    meeting: StandingMeeting,
    *,
    by: Actor,
    issued_on: date,
    text: str = "",
    recipients: str = "",
    signer_name: str = "",
    number: int | None = None,
) -> StandingMeeting:
    """Issue the conclusion notice: the next number of the council's year (``28/TB-HĐND``), its date and
    text; the meeting becomes concluded. ``number`` enters a notice issued before the platform."""
    text, signer_name = nfc(text), nfc(signer_name)
    recipients = "\n".join(line for line in (nfc(x) for x in nfc(recipients).splitlines()) if line)
    with transaction.atomic():
        locked = _lock(meeting)
        refusal = "Chỉ ban hành thông báo kết luận cho phiên họp đã họp."
        check_transition(STANDING_TRANSITIONS, locked.status, Status.CONCLUDED, refusal)
        if issued_on < (locked.held_on or locked.meets_on):
            raise ValidationError({"issued_on": "Ngày ban hành không được trước ngày họp."})
        if not text and not locked.conclusions.exists():
            raise ValidationError({"text": "Thông báo kết luận phải có nội dung hoặc ít nhất một kết luận."})
        year = issued_on.year
        taken = take_document_number(locked.council_id, year, NOTICE_SYMBOL, wanted=number)
        also = {
            "notice_year": year,
            "notice_number": taken,
            "notice_symbol": numbered(taken, NOTICE_SYMBOL),
            "notice_on": issued_on,
            "notice_text": text,
            "notice_recipients": recipients,
            "signer_name": signer_name,
        }
        change_status(
            locked,
            Status.CONCLUDED,
            table=STANDING_TRANSITIONS,
            refusal=refusal,
            by=by,
            action="sittings.issue_conclusion_notice",
            also=also,
        )
    return locked


def complete_task(item: ConclusionItem, *, by: Actor, done_on: date, result: str = "") -> ConclusionItem:
    """Record that a task was done on ``done_on`` and what came of it."""
    with transaction.atomic():
        locked = (
            ConclusionItem.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=item.pk)
        )
        if locked.due_on is None:
            raise ValidationError("Nội dung kết luận này không phải nhiệm vụ có thời hạn.")
        if locked.meeting.status != Status.CONCLUDED:
            raise ValidationError("Thông báo kết luận chưa ban hành.")
        if locked.done_on is not None:
            raise ValidationError("Nhiệm vụ này đã được ghi nhận hoàn thành.")
        if done_on < (locked.meeting.held_on or locked.meeting.meets_on):
            raise ValidationError({"done_on": "Ngày hoàn thành không được trước ngày họp."})
        locked.done_on, locked.result = done_on, nfc(result)
        locked.save(update_fields=["done_on", "result"])
        record(
            action="sittings.complete_conclusion_task",
            actor=by,
            obj=locked.meeting,
            council=locked.council,
            after={"item": locked.pk, "done_on": done_on, "late": locked.done_late()},
        )
    return locked
