"""Every change to the conduct of a session: preparation, agenda, files, attendance, votes and minutes.

Each action runs in a transaction, locks the session row (so two clerks numbering agenda items or
recording the same vote never race) and writes one audit entry. Rules that protect the record are
refusals (more votes than delegates present, a delegate outside the term); missed lead times are
warnings (``agenda_warnings``), as for the session itself.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from hdnd.core.audit import record
from hdnd.core.documents import (
    BODY_PT,
    FONT,
    AdminDocument,
    Block,
    Heading,
    Signature,
    Table,
    build,
    place_name,
)
from hdnd.core.text import nfc
from hdnd.councils.models import Body, Membership, Person, to_roman
from hdnd.resolutions.models import Resolution

from .actions import delegate_count
from .models import (
    PreparatoryMeeting,
    Session,
    SessionAgendaItem,
    SessionAttendance,
    SessionBallot,
    SessionDocument,
    SessionMinutes,
    SessionVote,
)

ACTION_LABELS = {
    "sittings.record_preparatory_meeting": "Ghi hội nghị liên tịch chuẩn bị kỳ họp",
    "sittings.add_agenda_item": "Thêm nội dung vào chương trình kỳ họp",
    "sittings.move_agenda_item": "Đổi thứ tự nội dung kỳ họp",
    "sittings.record_examination": "Ghi báo cáo thẩm tra",
    "sittings.attach_session_document": "Đính kèm tài liệu kỳ họp",
    "sittings.record_attendance": "Điểm danh đại biểu dự kỳ họp",
    "sittings.record_vote": "Ghi kết quả biểu quyết",
    "sittings.record_minutes": "Ghi biên bản, thông báo kết quả kỳ họp",
}

FILE_MAX = 20 * 1024 * 1024
# Extension → the first bytes a real file of that kind starts with (PDF; Office Open XML is a zip;
# the old .doc/.xls are OLE compound files).
FILE_KINDS: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
}
HELD = (Session.Status.IN_PROGRESS, Session.Status.CLOSED)


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update(of=("self",)).select_related("council", "term").get(pk=session.pk)


def check_file(upload: Any, field: str = "file") -> None:
    """Refuse a file that is not PDF, Word or Excel, or is over 20 MB, naming the rule."""
    name = str(getattr(upload, "name", "") or "").lower()
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix not in FILE_KINDS:
        raise ValidationError({field: "Chỉ nhận tệp PDF, Word (.doc, .docx) hoặc Excel (.xls, .xlsx)."})
    size = getattr(upload, "size", 0) or 0
    if size > FILE_MAX:
        raise ValidationError(
            {field: f"Tệp lớn {size / 1024 / 1024:.1f} MB, quá giới hạn 20 MB.".replace(".", ",", 1)}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in FILE_KINDS[suffix]):
        raise ValidationError({field: f"Tệp “{upload.name}” không đúng định dạng {suffix} (có thể bị hỏng)."})


# Preparation -------------------------------------------------------------------------------------


def record_preparatory_meeting(
    session: Session, *, by: Any, held_on: date, participants: str = "", conclusions: str = ""
) -> PreparatoryMeeting:
    """Record (or correct) the joint preparatory meeting (hội nghị liên tịch) of the session."""
    if held_on > session.opens_on:
        raise ValidationError({"held_on": "Hội nghị liên tịch phải họp trước ngày khai mạc kỳ họp."})
    with transaction.atomic():
        locked = _lock(session)
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


def _check_resolution(session: Session, kind: str, resolution: Resolution | None) -> None:
    if resolution is None:
        return
    if kind != SessionAgendaItem.Kind.DRAFT_RESOLUTION:
        raise ValidationError({"resolution": "Chỉ nội dung loại dự thảo nghị quyết mới gắn với nghị quyết."})
    if resolution.council_id != session.council_id:
        raise ValidationError({"resolution": "Dự thảo nghị quyết phải của HĐND tổ chức kỳ họp."})


def add_agenda_item(
    session: Session,
    *,
    by: Any,
    kind: str,
    title: str,
    presenter: str = "",
    examining_body: Body | None = None,
    resolution: Resolution | None = None,
) -> SessionAgendaItem:
    """Put an item at the end of the session's agenda."""
    title = nfc(title)
    if not title:
        raise ValidationError({"title": "Nhập tên nội dung."})
    if kind not in SessionAgendaItem.Kind.values:
        raise ValidationError({"kind": "Chọn loại nội dung."})
    _check_body(session, examining_body)
    _check_resolution(session, kind, resolution)
    with transaction.atomic():
        locked = _lock(session)
        top = locked.agenda_items.aggregate(top=Max("position"))["top"] or 0
        item = SessionAgendaItem.objects.create(
            session=locked,
            position=top + 1,
            kind=kind,
            title=title,
            presenter=nfc(presenter),
            examining_body=examining_body,
            resolution=resolution,
        )
        record(
            action="sittings.add_agenda_item",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"item": item.pk, "position": item.position, "kind": kind, "title": title},
        )
    return item


def move_agenda_item(item: SessionAgendaItem, *, by: Any, up: bool) -> SessionAgendaItem:
    """Swap an item with the one before (``up``) or after it; the ends stay where they are."""
    with transaction.atomic():
        locked = _lock(item.session)
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
    item: SessionAgendaItem, *, by: Any, on: date, upload: Any = None, examining_body: Body | None = None
) -> SessionAgendaItem:
    """Record the examining Ban's report (báo cáo thẩm tra): its date and, when given, the file."""
    if upload is not None:
        check_file(upload, "file")
    session = item.session
    _check_body(session, examining_body)
    with transaction.atomic():
        locked = _lock(session)
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


def attach_document(item: SessionAgendaItem, *, by: Any, title: str, upload: Any) -> SessionDocument:
    """Attach a document to an agenda item (tờ trình, dự thảo, báo cáo...)."""
    check_file(upload, "file")
    title = nfc(title) or nfc(str(upload.name))
    with transaction.atomic():
        locked = _lock(item.session)
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


# During and after --------------------------------------------------------------------------------


def term_delegates(session: Session) -> list[Person]:
    """The delegates of the session's term on its opening day (from the memberships), by name."""
    ids = (
        Membership.objects.delegates()
        .filter(term=session.term)
        .current(session.opens_on)
        .values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=ids).order_by("name_key", "pk"))


@dataclass(frozen=True)
class AttendanceTotals:
    delegates: int
    present: int
    excused: int
    absent: int
    unrecorded: int


def attendance_totals(session: Session) -> AttendanceTotals:
    """Present, excused and absent delegates, and those of the term not yet marked."""
    counts = dict.fromkeys(SessionAttendance.Status.values, 0)
    for status in session.attendance.values_list("status", flat=True):
        counts[status] += 1
    total = len(term_delegates(session))
    marked = sum(counts.values())
    return AttendanceTotals(
        delegates=total,
        present=counts[SessionAttendance.Status.PRESENT],
        excused=counts[SessionAttendance.Status.EXCUSED],
        absent=counts[SessionAttendance.Status.ABSENT],
        unrecorded=max(total - marked, 0),
    )


def _outside(session: Session, person_ids: set[int]) -> None:
    allowed = {person.pk for person in term_delegates(session)}
    strangers = person_ids - allowed
    if strangers:
        names = ", ".join(
            Person.objects.filter(pk__in=strangers).order_by("name_key").values_list("full_name", flat=True)
        )
        raise ValidationError(
            {
                "person": "Không phải đại biểu HĐND khóa này tại kỳ họp: "
                f"{names or 'người không có trong danh sách'}."
            }
        )


def record_attendance(
    session: Session, *, by: Any, entries: Mapping[int, tuple[str, str]]
) -> AttendanceTotals:
    """Mark delegates present, excused (with the reason) or absent.

    ``entries`` maps a person's id to (status, reason); delegates not in it keep their mark.
    """
    if session.status not in HELD:
        raise ValidationError("Chỉ điểm danh khi kỳ họp đã khai mạc.")
    errors: list[str] = []
    for status, reason in entries.values():
        if status not in SessionAttendance.Status.values:
            errors.append("Chọn có mặt, vắng có lý do hoặc vắng không có lý do.")
        elif status == SessionAttendance.Status.EXCUSED and not nfc(reason):
            errors.append("Đại biểu vắng có lý do: ghi lý do vắng.")
    if errors:
        raise ValidationError({"status": sorted(set(errors))})
    with transaction.atomic():
        locked = _lock(session)
        _outside(locked, set(entries))
        for person_id, (status, reason) in entries.items():
            SessionAttendance.objects.update_or_create(
                session=locked,
                person_id=person_id,
                defaults={"status": status, "reason": nfc(reason) if status != "present" else ""},
            )
        totals = attendance_totals(locked)
        record(
            action="sittings.record_attendance",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"present": totals.present, "excused": totals.excused, "absent": totals.absent},
        )
    return totals


CHOICE_FIELDS: dict[str, str] = {
    SessionBallot.Choice.FOR: "votes_for",
    SessionBallot.Choice.AGAINST: "votes_against",
    SessionBallot.Choice.ABSTAIN: "abstentions",
    SessionBallot.Choice.NOT_VOTING: "not_voting",
}


def _counts_from_ballots(ballots: Mapping[int, str], present: int) -> dict[str, int]:
    counts = dict.fromkeys(CHOICE_FIELDS.values(), 0)
    for choice in ballots.values():
        if choice not in CHOICE_FIELDS:
            raise ValidationError(
                {"ballots": "Mỗi đại biểu chọn: tán thành, không tán thành, phân vân, không biểu quyết."}
            )
        counts[CHOICE_FIELDS[choice]] += 1
    # Delegates present without a ballot did not vote.
    counts["not_voting"] += max(present - len(ballots), 0)
    return counts


def _check_ballots(session: Session, method: str, ballots: Mapping[int, str]) -> None:
    if method == SessionVote.Method.SECRET_BALLOT:
        raise ValidationError({"ballots": "Bỏ phiếu kín: không ghi phiếu của từng đại biểu."})
    _outside(session, set(ballots))
    present = set(
        session.attendance.filter(status=SessionAttendance.Status.PRESENT).values_list("person_id", flat=True)
    )
    missing = set(ballots) - present
    if missing:
        names = ", ".join(
            Person.objects.filter(pk__in=missing).order_by("name_key").values_list("full_name", flat=True)
        )
        raise ValidationError(
            {"ballots": f"Đại biểu không có mặt theo điểm danh, không thể biểu quyết: {names}."}
        )


def record_vote(
    item: SessionAgendaItem,
    *,
    by: Any,
    method: str,
    votes_for: int = 0,
    votes_against: int = 0,
    abstentions: int = 0,
    not_voting: int | None = None,
    ballots: Mapping[int, str] | None = None,
    subject: str = "",
) -> SessionVote:
    """Record a vote: counts (or each delegate's ballot, for a named vote) checked against those present.

    It passes when those for are more than half of all the term's delegates (tỷ lệ trên tổng số đại biểu).
    ``not_voting`` left out is those present who were not counted for, against or abstaining.
    """
    if method not in SessionVote.Method.values:
        raise ValidationError({"method": "Chọn hình thức biểu quyết."})
    with transaction.atomic():
        session = _lock(item.session)
        if session.status not in HELD:
            raise ValidationError("Chỉ ghi biểu quyết khi kỳ họp đã khai mạc.")
        current = session.agenda_items.get(pk=item.pk)
        present = session.attendance.filter(status=SessionAttendance.Status.PRESENT).count()
        if present == 0:
            raise ValidationError("Chưa điểm danh: ghi đại biểu có mặt trước khi ghi biểu quyết.")
        if ballots:
            _check_ballots(session, method, ballots)
            counts = _counts_from_ballots(ballots, present)
        else:
            counts = _typed_counts(votes_for, votes_against, abstentions, not_voting, present)
        total = delegate_count(session.term, session.opens_on)
        vote = SessionVote.objects.create(
            item=current,
            subject=nfc(subject)[:255],
            method=method,
            present=present,
            delegate_total=total,
            passed=counts["votes_for"] * 2 > total,
            named=bool(ballots),
            **counts,
        )
        SessionBallot.objects.bulk_create(
            SessionBallot(vote=vote, person_id=person_id, choice=choice)
            for person_id, choice in (ballots or {}).items()
        )
        record(
            action="sittings.record_vote",
            actor=by,
            obj=session,
            council=session.council,
            after={"item": current.pk, "vote": vote.pk, "method": method, **counts, "passed": vote.passed},
        )
    return vote


def _typed_counts(
    votes_for: int, votes_against: int, abstentions: int, not_voting: int | None, present: int
) -> dict[str, int]:
    if min(votes_for, votes_against, abstentions, not_voting or 0) < 0:
        raise ValidationError("Số phiếu không được âm.")
    counted = votes_for + votes_against + abstentions
    if not_voting is None:
        not_voting = max(present - counted, 0)
    if counted + not_voting > present:
        raise ValidationError(
            f"Tổng số phiếu {counted + not_voting} (tán thành {votes_for}, không tán thành {votes_against}, "
            f"phân vân {abstentions}, không biểu quyết {not_voting}) vượt số đại biểu có mặt ({present})."
        )
    return {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "abstentions": abstentions,
        "not_voting": not_voting,
    }


def record_minutes(
    session: Session,
    *,
    by: Any,
    text: str = "",
    upload: Any = None,
    chair_name: str = "",
    secretary_name: str = "",
    results_notice: str = "",
) -> SessionMinutes:
    """Record the minutes (biên bản), its signers and the results notice; a new file replaces the old."""
    if upload is not None:
        check_file(upload, "file")
    with transaction.atomic():
        locked = _lock(session)
        minutes, created = SessionMinutes.objects.get_or_create(session=locked)
        minutes.text, minutes.results_notice = nfc(text), nfc(results_notice)
        minutes.chair_name, minutes.secretary_name = nfc(chair_name)[:120], nfc(secretary_name)[:120]
        if upload is not None:
            minutes.file = upload
        minutes.save()
        record(
            action="sittings.record_minutes",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"created": created, "file": bool(upload), "notice": bool(minutes.results_notice)},
        )
    return minutes


# The minutes skeleton (.docx, NĐ 30/2020) ---------------------------------------------------------

MINUTES_SYMBOL = "BB-HĐND"
SECRETARY = "THƯ KÝ KỲ HỌP"
CHAIR = "CHỦ TỌA KỲ HỌP"


def _unit_name(session: Session) -> str:
    """ "tỉnh An Bình", as written inside a sentence."""
    name = session.council.unit.name
    return name[:1].lower() + name[1:]


def _vote_line(vote: SessionVote) -> str:
    return (
        f"Kết quả biểu quyết ({vote.get_method_display().lower()}): {vote.summary}; "
        f"không tán thành {vote.votes_against}, phân vân {vote.abstentions}, "
        f"không biểu quyết {vote.not_voting}; có mặt {vote.present}. {vote.result_label}."
    )


def _agenda_blocks(session: Session) -> list[Block]:
    blocks: list[Block] = []
    items = session.agenda_items.select_related("examining_body").prefetch_related("votes")
    for item in items:
        line = f"{item.position}. {item.get_kind_display()}: {item.title}"
        if item.presenter:
            line += f" (trình bày: {item.presenter})"
        if item.examining_body is not None:
            line += f"; cơ quan thẩm tra: {item.examining_body.name}"
        blocks.append(line + ".")
        blocks += [_vote_line(vote) for vote in item.votes.all()]
    return blocks or ["(Chưa có nội dung trong chương trình kỳ họp.)"]


def minutes_document(session: Session) -> AdminDocument:
    """The minutes skeleton: time, place, attendance totals, each item with its votes, the signers."""
    minutes = SessionMinutes.objects.filter(session=session).first()
    chair = minutes.chair_name if minutes else ""
    secretary = minutes.secretary_name if minutes else ""
    unit = _unit_name(session)
    totals = attendance_totals(session)
    term = to_roman(session.term.number)
    total = delegate_count(session.term, session.opens_on)
    body: list[Block] = [
        Heading("I. THỜI GIAN, ĐỊA ĐIỂM"),
        f"Thời gian: từ ngày {session.opens_on:%d/%m/%Y} đến ngày {session.closes_on:%d/%m/%Y}.",
        f"Địa điểm: {session.place or '…'}.",
        Heading("II. THÀNH PHẦN THAM DỰ"),
        f"Tổng số đại biểu Hội đồng nhân dân {unit} khóa {term}: {total}. "
        f"Có mặt: {totals.present}; vắng có lý do: {totals.excused}; vắng không có lý do: {totals.absent}.",
        f"Chủ tọa kỳ họp: {chair or '…'}. Thư ký kỳ họp: {secretary or '…'}.",
    ]
    away = session.attendance.exclude(status=SessionAttendance.Status.PRESENT).select_related("person")
    if away:
        rows = [[i, a.person.full_name, a.get_status_display(), a.reason] for i, a in enumerate(away, 1)]
        body.append(Table(["STT", "Họ và tên", "Vắng", "Lý do"], rows, widths_mm=(15, 60, 40, 50)))
    body += [Heading("III. NỘI DUNG VÀ KẾT QUẢ BIỂU QUYẾT"), *_agenda_blocks(session)]
    if minutes and minutes.text:
        body.append(Heading("IV. DIỄN BIẾN KỲ HỌP"))
        body += [part.strip() for part in minutes.text.split("\n") if part.strip()]
    body.append(
        f"Kỳ họp bế mạc ngày {session.closes_on:%d/%m/%Y}. Biên bản do thư ký kỳ họp lập, "
        "chủ tọa kỳ họp ký xác nhận."
    )
    return AdminDocument(
        issuer=["HỘI ĐỒNG NHÂN DÂN", unit.upper()],
        kind="BIÊN BẢN",
        symbol=MINUTES_SYMBOL,
        place=place_name(session.council.unit.name),
        on=session.closes_on,
        summary=f"Kỳ họp {session.number_words} Hội đồng nhân dân {unit} khóa {term}",
        body=body,
        recipients=("Thường trực HĐND;", "Đại biểu HĐND;", "Lưu: VT, hồ sơ kỳ họp."),
        signature=Signature(on_behalf=CHAIR, acting="", title="", name=chair),
    )


def minutes_docx(session: Session) -> bytes:
    """The .docx of ``minutes_document``, with the secretary's signature block where Nơi nhận would be.

    A biên bản is signed by the secretary (left) and the chair (right) and has no Nơi nhận.
    """
    minutes = SessionMinutes.objects.filter(session=session).first()
    secretary = minutes.secretary_name if minutes else ""
    doc = Document(io.BytesIO(build(minutes_document(session))))
    left = doc.tables[-1].cell(0, 0)
    for paragraph in left.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    for text in (SECRETARY, "", "", "", "", secretary):
        paragraph = left.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.font.name, run.font.size, run.font.bold = FONT, Pt(BODY_PT), True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
