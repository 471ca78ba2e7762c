"""The conduct of a session before it sits: the preparatory meeting, the agenda (add, edit, move, remove
an item), the examining Ban's report and the documents sent to delegates.

Attendance and votes live in ``voting``, the minutes and the results notice in ``results``; the three
share ``lock_session``, ``HELD`` and the audit labels below. Each action runs in a
transaction, locks the session row (so two clerks numbering agenda items or recording the same vote
never race) and writes one audit entry. Rules that protect the record are refusals (an item with votes
is not removed, a Ban of another council is not named); missed lead times are warnings
(``agenda_warnings``), as for the session itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone

from hdnd.core import uploads
from hdnd.core.audit import Actor, record
from hdnd.core.querysets import close_gap
from hdnd.core.text import nfc
from hdnd.councils.models import Body

from .hooks import draft_of, drafts
from .models import PreparatoryMeeting, Session, SessionAgendaItem, SessionDocument

# The audit labels of the whole feature (``voting`` and ``results`` too): apps.py reads them from here.
ACTION_LABELS = {
    "sittings.record_preparatory_meeting": "Ghi hội nghị liên tịch chuẩn bị kỳ họp",
    "sittings.add_agenda_item": "Thêm nội dung vào chương trình kỳ họp",
    "sittings.edit_agenda_item": "Sửa nội dung kỳ họp",
    "sittings.move_agenda_item": "Đổi thứ tự nội dung kỳ họp",
    "sittings.remove_agenda_item": "Xóa nội dung khỏi chương trình kỳ họp",
    "sittings.record_examination": "Ghi báo cáo thẩm tra",
    "sittings.attach_session_document": "Đính kèm tài liệu kỳ họp",
    "sittings.record_attendance": "Điểm danh đại biểu dự kỳ họp",
    "sittings.record_vote": "Ghi kết quả biểu quyết",
    "sittings.correct_vote": "Ghi lại kết quả biểu quyết ghi nhầm",
    "sittings.remove_vote": "Xóa kết quả biểu quyết ghi nhầm",
    "sittings.record_minutes": "Ghi biên bản, thông báo kết quả kỳ họp",
    "sittings.issue_results_notice": "Ban hành thông báo kết quả kỳ họp",
}

HELD = (Session.Status.IN_PROGRESS, Session.Status.CLOSED)
CLOSED_RECORD = "Kỳ họp đã bế mạc: chương trình và kết quả biểu quyết đã thành hồ sơ, không xóa được nữa."


def refuse_if_closed(session: Session) -> None:
    """A closed session's agenda and votes are its record: nothing is taken off them any more."""
    if session.status == Session.Status.CLOSED:
        raise ValidationError(CLOSED_RECORD)


def lock_session(session: Session) -> Session:
    """The session's row, locked for the rest of the transaction, with its council and term."""
    return (
        Session.objects.select_for_update(of=("self",)).select_related("council", "term").get(pk=session.pk)
    )


# Preparation -------------------------------------------------------------------------------------


def record_preparatory_meeting(
    session: Session, *, by: Actor, held_on: date, participants: str = "", conclusions: str = ""
) -> PreparatoryMeeting:
    """Record (or correct) the joint preparatory meeting (hội nghị liên tịch) of the session."""
    if held_on > session.opens_on:
        raise ValidationError({"held_on": "Hội nghị liên tịch phải họp trước ngày khai mạc kỳ họp."})
    with transaction.atomic():
        locked = lock_session(session)
        meeting, created = PreparatoryMeeting.objects.update_or_create(
            session=locked,
            defaults={"held_on": held_on, "participants": nfc(participants), "conclusions": nfc(conclusions)},
        )
        record(
            action="sittings.record_preparatory_meeting",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"held_on": held_on, "created": created},
        )
    return meeting


def _check_body(session: Session, body: Body | None) -> None:
    if body is None:
        return
    if body.council_id != session.council_id or not body.kind.startswith("ban_"):
        raise ValidationError({"examining_body": "Ban thẩm tra phải là một Ban của HĐND tổ chức kỳ họp."})


def _check_resolution(session: Session, kind: str, resolution: Model | None) -> None:
    if resolution is None:
        return
    if kind != SessionAgendaItem.Kind.DRAFT_RESOLUTION:
        raise ValidationError({"resolution": "Chỉ nội dung loại dự thảo nghị quyết mới gắn với nghị quyết."})
    if getattr(resolution, "council_id", None) != session.council_id:
        raise ValidationError({"resolution": "Dự thảo nghị quyết phải của HĐND tổ chức kỳ họp."})


def _check_item(session: Session, kind: str, title: str, body: Body | None, resolution: Model | None) -> str:
    """The checks an item passes when added or edited; answers its title in NFC."""
    title = nfc(title)
    if not title:
        raise ValidationError({"title": "Nhập tên nội dung."})
    if kind not in SessionAgendaItem.Kind.values:
        raise ValidationError({"kind": "Chọn loại nội dung."})
    _check_body(session, body)
    _check_resolution(session, kind, resolution)
    return title


def add_agenda_item(
    session: Session,
    *,
    by: Actor,
    kind: str,
    title: str,
    presenter: str = "",
    examining_body: Body | None = None,
    resolution: Model | None = None,
) -> SessionAgendaItem:
    """Put an item at the end of the session's agenda."""
    title = _check_item(session, kind, title, examining_body, resolution)
    with transaction.atomic():
        locked = lock_session(session)
        top = locked.agenda_items.aggregate(top=Max("position"))["top"] or 0
        item = SessionAgendaItem.objects.create(
            session=locked,
            position=top + 1,
            kind=kind,
            title=title,
            presenter=nfc(presenter),
            examining_body=examining_body,
        )
        if resolution is not None:
            drafts().place(item, resolution)
        record(
            action="sittings.add_agenda_item",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"item": item.pk, "position": item.position, "kind": kind, "title": title},
        )
    return item


def _locked_item(session: Session, item: SessionAgendaItem) -> SessionAgendaItem:
    """The item again, under the session's lock; refused when someone has just removed it."""
    found = session.agenda_items.filter(pk=item.pk).first()
    if found is None:
        raise ValidationError(GONE)
    return found


ITEM_FIELDS = ("kind", "title", "presenter", "examining_body_id", "resolution_id")


def _item_fields(item: SessionAgendaItem) -> dict[str, Any]:
    """What the audit entry of an edit compares; the draft through the resolution's link to the item."""
    draft = draft_of(item)
    values = {name: getattr(item, name) for name in ITEM_FIELDS[:-1]}
    return {**values, "resolution_id": draft.pk if draft is not None else None}


def edit_agenda_item(
    item: SessionAgendaItem,
    *,
    by: Actor,
    kind: str,
    title: str,
    presenter: str = "",
    examining_body: Body | None = None,
    resolution: Model | None = None,
) -> SessionAgendaItem:
    """Change an item's kind, title, presenter, examining Ban or draft, with the same checks as adding it."""
    title = _check_item(item.session, kind, title, examining_body, resolution)
    with transaction.atomic():
        locked = lock_session(item.session)
        current = _locked_item(locked, item)
        before = _item_fields(current)
        current.kind, current.title, current.presenter = kind, title, nfc(presenter)
        current.examining_body = examining_body
        current.save(update_fields=["kind", "title", "presenter", "examining_body"])
        if before["resolution_id"] != (resolution.pk if resolution is not None else None):
            drafts().place(current, resolution)
        current.refresh_from_db()
        after = _item_fields(current)
        changed = [name for name in ITEM_FIELDS if before[name] != after[name]]
        record(
            action="sittings.edit_agenda_item",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"item": current.pk, **{name: before[name] for name in changed}},
            after={"item": current.pk, **{name: after[name] for name in changed}},
        )
    return current


GONE = "Nội dung này không còn trong chương trình kỳ họp; tải lại trang."
HAS_VOTES = (
    "Nội dung đã có kết quả biểu quyết, không xóa được. Nếu biểu quyết ghi nhầm, xóa biểu quyết trước."
)


def remove_agenda_item(item: SessionAgendaItem, *, by: Actor) -> Session:
    """Take an item without votes off the agenda (its documents with it); the items after it move up."""
    with transaction.atomic():
        locked = lock_session(item.session)
        refuse_if_closed(locked)
        current = _locked_item(locked, item)
        if current.votes.exists():
            raise ValidationError(HAS_VOTES)
        documents = current.documents.count()
        place = current.position
        current.delete()
        close_gap(locked.agenda_items, place)  # (session, position) stays unique at every step
        record(
            action="sittings.remove_agenda_item",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"item": item.pk, "position": place, "title": current.title, "documents": documents},
        )
    return locked


def move_agenda_item(item: SessionAgendaItem, *, by: Actor, up: bool) -> SessionAgendaItem:
    """Swap an item with the one before (``up``) or after it; the ends stay where they are."""
    with transaction.atomic():
        locked = lock_session(item.session)
        items = locked.agenda_items.all()
        current = items.get(pk=item.pk)
        neighbour = (
            items.filter(position__lt=current.position).order_by("-position").first()
            if up
            else items.filter(position__gt=current.position).order_by("position").first()
        )
        if neighbour is None:
            return current
        mine, theirs = current.position, neighbour.position
        current.position = 0  # free the place: (session, position) is unique
        current.save(update_fields=["position"])
        neighbour.position = mine
        neighbour.save(update_fields=["position"])
        current.position = theirs
        current.save(update_fields=["position"])
        record(
            action="sittings.move_agenda_item",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"item": current.pk, "position": mine},
            after={"item": current.pk, "position": theirs},
        )
    return current


def record_examination(
    item: SessionAgendaItem, *, by: Actor, on: date, upload: Any = None, examining_body: Body | None = None
) -> SessionAgendaItem:
    """Record the examining Ban's report (báo cáo thẩm tra): its date and, when given, the file."""
    if upload is not None:
        uploads.check_document(upload, "file")
    session = item.session
    _check_body(session, examining_body)
    with transaction.atomic():
        locked = lock_session(session)
        current = locked.agenda_items.get(pk=item.pk)
        before = {"examination_report_on": current.examination_report_on}
        current.examination_report_on = on
        fields = ["examination_report_on"]
        if examining_body is not None:
            current.examining_body = examining_body
            fields.append("examining_body")
        if upload is not None:
            current.examination_report = upload
            fields.append("examination_report")
        if current.examining_body_id is None:
            raise ValidationError({"examining_body": "Chọn Ban thẩm tra."})
        current.save(update_fields=fields)
        record(
            action="sittings.record_examination",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"item": current.pk, "examination_report_on": on, "file": bool(upload)},
        )
    return current


def attach_document(item: SessionAgendaItem, *, by: Actor, title: str, upload: Any) -> SessionDocument:
    """Attach a document to an agenda item (tờ trình, dự thảo, báo cáo...)."""
    uploads.check_document(upload, "file")
    title = nfc(title) or nfc(str(upload.name))
    with transaction.atomic():
        locked = lock_session(item.session)
        document = SessionDocument.objects.create(item=item, title=title[:255], file=upload)
        record(
            action="sittings.attach_session_document",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"item": item.pk, "document": document.pk, "title": document.title},
        )
    return document


def agenda_warnings(session: Session, today: date | None = None) -> list[str]:
    """Draft resolutions without an examining Ban, or without its report by the documents-sent date.

    The date is the day documents went to delegates; before they are sent, the last allowed day from
    the rules table once it has passed. Warnings only: the session goes on, the record says what happened.
    """
    today = today or timezone.localdate()
    sent = session.documents_sent_on
    latest = None if sent else session.documents_deadline()
    found: list[str] = []
    for item in session.agenda_items.filter(kind=SessionAgendaItem.Kind.DRAFT_RESOLUTION):
        name = f"Nội dung {item.position} (dự thảo nghị quyết “{item.title[:80]}”)"
        if item.examining_body_id is None:
            found.append(f"{name} chưa phân công Ban thẩm tra.")
        report = item.examination_report_on
        if sent is not None and report is None:
            found.append(
                f"{name} chưa có báo cáo thẩm tra khi gửi tài liệu đến đại biểu (ngày {sent:%d/%m/%Y})."
            )
        elif sent is not None and report is not None and report > sent:
            found.append(
                f"{name}: báo cáo thẩm tra ngày {report:%d/%m/%Y}, sau ngày gửi tài liệu đến đại biểu "
                f"({sent:%d/%m/%Y})."
            )
        elif latest is not None and today > latest and (report is None or report > latest):
            found.append(
                f"{name} chưa có báo cáo thẩm tra; tài liệu phải gửi đại biểu "
                f"chậm nhất ngày {latest:%d/%m/%Y}."
            )
    return found
