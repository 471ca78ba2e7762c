"""Every write of the reception app: one function each, in a transaction, with one audit row.

Audit rows and notifications carry codes, kinds, dates and statuses, never the content of a letter or the
name of anyone who wrote it: a complaint's text is not for the log, and a denouncer's identity is not for
any table at all (``identity``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.core.audit import Actor, record
from hdnd.core.calendar import WorkingCalendar, deadline
from hdnd.core.models import Rule
from hdnd.core.numbering import take_number
from hdnd.core.outbox import queue_mail
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import AdminUnit, Agency, Body, Council, Person

from . import matching
from .attachments import on_denunciation
from .identity import Identity, redact, seal_identity, sealed_values
from .models import (
    GROUP_MIN,
    LETTER_TRANSITIONS,
    SLOT_TRANSITIONS,
    TEXT_MAX,
    DocumentCounter,
    Host,
    Letter,
    LetterKind,
    Reception,
    ReceptionSlot,
)

ACTION_LABELS = {
    "reception.plan_slot": "Lập lịch tiếp công dân",
    "reception.edit_slot": "Sửa lịch tiếp công dân",
    "reception.hold_slot": "Ghi nhận đã tiếp công dân theo lịch",
    "reception.cancel_slot": "Hủy, hoãn lịch tiếp công dân",
    "reception.remind_slot": "Nhắc lịch trực tiếp công dân",
    "reception.report_slot": "Đại biểu báo cáo kết quả tiếp công dân",
    "reception.record_reception": "Ghi sổ tiếp công dân",
    "reception.raise_petition": "Chuyển kiến nghị tại buổi tiếp công dân thành kiến nghị cử tri",
    "reception.receive_letter": "Tiếp nhận đơn thư",
    "reception.submit_letter": "Chuyển đơn sang phân loại",
    "reception.classify_letter": "Phân loại đơn thư",
    "reception.forward_letter": "Chuyển đơn đến cơ quan có thẩm quyền",
    "reception.answer_letter": "Ghi nhận kết quả trả lời đơn",
    "reception.guide_letter": "Hướng dẫn công dân bằng văn bản",
    "reception.keep_letter": "Lưu đơn theo dõi",
    "reception.reopen_letter": "Mở lại đơn lưu theo dõi",
    "reception.name_handlers": "Giao người xử lý vụ việc",
    "reception.carry_petition": "Ghi đơn kiến nghị thành kiến nghị cử tri",
    "reception.remind_letter": "Nhắc cơ quan sắp hết hạn trả lời đơn",
    "reception.escalate_letter": "Báo đơn quá hạn trả lời",
    "reception.identity_sealed": "Niêm phong danh tính người tố cáo",
    "reception.identity_revealed": "Mở danh tính người tố cáo (niêm phong)",
    "reception.letter_moved": "Chuyển đơn khiếu nại, tố cáo từ kiến nghị cử tri sang sổ đơn thư",
}
SYSTEM = "nhắc hạn tự động"

# The deadline of handling a letter at the council (classify, then forward or guide), by kind.
HANDLING_RULES: dict[str, str] = {
    LetterKind.DENUNCIATION: "denunciation.forward",  # 5 working days (Luật Tố cáo Art. 24(2))
    LetterKind.COMPLAINT: "reception.first_response",  # 10 working days (Luật Tiếp công dân Art. 28(1))
    LetterKind.PETITION: "reception.first_response",
    LetterKind.REPORT: "reception.first_response",
}
# The competent body's answer, counted from the day it receives the letter: each rule after the last.
RESPONSE_RULES: dict[str, tuple[str, ...]] = {
    LetterKind.COMPLAINT: ("complaint.accept", "complaint.resolve_first"),
    LetterKind.DENUNCIATION: ("denunciation.classify", "denunciation.resolve"),
    LetterKind.PETITION: ("reception.first_response",),
    LetterKind.REPORT: ("reception.first_response",),
}
# Reminders and escalation: rows of the rules table (core/rules_seed.py), a council's own settings.
REMINDER_RULE = "reception.letter.reminder"  # working days before the answer is due
ESCALATION_RULE = "reception.letter.escalation"  # working days after, before the standing committee
DUTY_RULE = "reception.duty_reminder"  # working days before a reception day

TOO_LONG = f"Nội dung dài quá {TEXT_MAX:,} ký tự.".replace(",", ".")
FUTURE = "Ngày tiếp nhận không được sau hôm nay."
NO_DENOUNCER = (
    "Không ghi họ tên, địa chỉ người tố cáo vào hệ thống: danh tính được giữ bí mật (Luật Tố cáo, "
    "Điều 47) và lưu trong sổ giấy."
)


def _text(value: str, field: str, *, required: bool = True) -> str:
    value = nfc(value or "")
    if required and not value:
        raise ValidationError({field: "Vui lòng nhập thông tin này."})
    if len(value) > TEXT_MAX:
        raise ValidationError({field: TOO_LONG})
    return value


def _not_future(day: date, field: str) -> date:
    if day > timezone.localdate():
        raise ValidationError({field: FUTURE})
    return day


def _user(by: Actor) -> Any:
    """The signed-in user behind ``by``, or None for the system and the scheduler."""
    return by if getattr(by, "is_authenticated", False) else None


def _lock[M: Any](obj: M) -> M:
    return type(obj).objects.select_for_update().get(pk=obj.pk)


# Schedules -----------------------------------------------------------------------------------------


def _check_slot(
    council: Council, starts_at: datetime, ends_at: datetime, body: Body | None, hosts: Sequence[Person]
) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "Giờ kết thúc phải sau giờ bắt đầu."})
    if timezone.localdate(starts_at) != timezone.localdate(ends_at):
        raise ValidationError({"ends_at": "Một buổi tiếp công dân bắt đầu và kết thúc trong cùng một ngày."})
    if body is not None and body.council_id != council.pk:
        raise ValidationError({"body": "Chọn cơ quan của HĐND này."})
    if any(person.council_id != council.pk for person in hosts):
        raise ValidationError({"hosts": "Chỉ chọn người của HĐND này."})


def plan_slot(
    council: Council,
    *,
    by: Actor,
    kind: str,
    host: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    body: Body | None = None,
    hosts: Sequence[Person] = (),
    notes: str = "",
) -> ReceptionSlot:
    """Put a reception day on the council's public schedule."""
    _check_slot(council, starts_at, ends_at, body, hosts)
    with transaction.atomic():
        slot = ReceptionSlot.objects.create(
            council=council,
            kind=kind,
            host=host,
            body=body,
            starts_at=starts_at,
            ends_at=ends_at,
            place=_text(place, "place"),
            notes=_text(notes, "notes", required=False),
        )
        slot.hosts.set(hosts)
        record(
            action="reception.plan_slot",
            actor=by,
            obj=slot,
            council=council,
            after={"kind": kind, "host": host, "starts_at": starts_at, "place": slot.place},
        )
    return slot


def edit_slot(slot: ReceptionSlot, *, by: Actor, **changes: Any) -> ReceptionSlot:
    """Move or re-staff a reception day that has not happened yet."""
    with transaction.atomic():
        locked = _lock(slot)
        if locked.status != ReceptionSlot.Status.PLANNED:
            raise ValidationError("Chỉ sửa được lịch chưa diễn ra.")
        hosts = changes.pop("hosts", None)
        before = {name: getattr(locked, name) for name in changes}
        for name, value in changes.items():
            setattr(locked, name, value)
        _check_slot(locked.council, locked.starts_at, locked.ends_at, locked.body, hosts or [])
        locked.place = _text(locked.place, "place")
        locked.save()
        if hosts is not None:
            locked.hosts.set(hosts)
        after = {name: getattr(locked, name) for name in changes}
        record(
            action="reception.edit_slot",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after=after,
        )
    return locked


def hold_slot(slot: ReceptionSlot, *, by: Actor) -> ReceptionSlot:
    """Record that the reception day took place."""
    with transaction.atomic():
        locked = _lock(slot)
        if locked.starts_at > timezone.now():
            raise ValidationError("Buổi tiếp công dân chưa diễn ra.")
        change_status(
            locked,
            ReceptionSlot.Status.HELD,
            table=SLOT_TRANSITIONS,
            refusal="Lịch này đã được ghi nhận hoặc đã hủy.",
            by=by,
            action="reception.hold_slot",
        )
    return locked


def cancel_slot(slot: ReceptionSlot, *, by: Actor, reason: str) -> ReceptionSlot:
    """Cancel or postpone a reception day, saying why (the public schedule shows it)."""
    reason = _text(reason, "reason")
    with transaction.atomic():
        locked = _lock(slot)
        change_status(
            locked,
            ReceptionSlot.Status.CANCELLED,
            table=SLOT_TRANSITIONS,
            refusal="Chỉ hủy được lịch chưa diễn ra.",
            by=by,
            action="reception.cancel_slot",
            also={"notes": f"{locked.notes}\nHủy, hoãn: {reason}".strip()},
        )
    return locked


def report_due(slot: ReceptionSlot) -> date | None:
    """The last day of the delegate's report to the standing committee (rule reception.delegate_report)."""
    if not slot.needs_report:
        return None
    try:
        return deadline("reception.delegate_report", slot.day, slot.council)
    except Rule.DoesNotExist:
        return None  # the rules table is not seeded: the page shows no deadline rather than failing


def report_slot(slot: ReceptionSlot, *, by: Actor, reported_on: date, report: str) -> ReceptionSlot:
    """The delegate's (or group's) report to the standing committee on a reception day held."""
    report = _text(report, "report")
    _not_future(reported_on, "reported_on")
    with transaction.atomic():
        locked = _lock(slot)
        if not locked.needs_report:
            raise ValidationError("Chỉ buổi tiếp của đại biểu, Tổ đại biểu mới có báo cáo gửi Thường trực.")
        if locked.status != ReceptionSlot.Status.HELD:
            raise ValidationError("Ghi nhận buổi tiếp đã diễn ra trước khi ghi báo cáo.")
        if reported_on < locked.day:
            raise ValidationError({"reported_on": "Ngày báo cáo không được trước ngày tiếp công dân."})
        locked.reported_on, locked.report = reported_on, report
        locked.save(update_fields=["reported_on", "report"])
        due = report_due(locked)
        record(
            action="reception.report_slot",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"reported_on": reported_on, "due": due, "late": bool(due and reported_on > due)},
        )
    return locked


def remind_slots(on: date) -> list[ReceptionSlot]:
    """Remind the people on duty, once, from the day rule ``reception.duty_reminder`` sets before their
    reception day (looking a month ahead: no council reminds earlier)."""
    calendar = WorkingCalendar.for_span(on, on + timedelta(days=31))
    candidates = ReceptionSlot.objects.filter(
        status=ReceptionSlot.Status.PLANNED, reminded_at__isnull=True, starts_at__date__gte=on
    ).filter(starts_at__date__lte=on + timedelta(days=31))
    reminded = []
    for candidate in candidates.select_related("council"):
        if on < deadline(DUTY_RULE, candidate.day, candidate.council, calendar):
            continue
        with transaction.atomic():
            locked = _lock(candidate)
            if locked.reminded_at is not None:
                continue
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
            record(action="reception.remind_slot", actor=SYSTEM, obj=locked, council=locked.council)
            local = timezone.localtime(locked.starts_at)
            queue_mail(
                "Nhắc lịch tiếp công dân",
                f"Anh/chị có lịch tiếp công dân lúc {local:%H:%M} ngày {local:%d/%m/%Y} tại {locked.place}.",
                [person.email for person in locked.hosts.all()],
            )
        reminded.append(locked)
    return reminded


# The reception register ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Visit:
    """What a clerk writes in the register about one visit."""

    received_on: date
    host: str
    kind: str
    content: str
    outcome: str
    visitors: str = Reception.Visitors.ONE
    group_size: int = 1
    visitor: str = ""
    locality: AdminUnit | None = None
    documents: str = ""
    outcome_note: str = ""
    slot: ReceptionSlot | None = None
    received_by: Sequence[Person] = ()


def _check_visit(council: Council, visit: Visit) -> None:
    _not_future(visit.received_on, "received_on")
    if visit.visitors == Reception.Visitors.GROUP and visit.group_size < GROUP_MIN:
        raise ValidationError({"group_size": f"Đoàn đông người có từ {GROUP_MIN} người trở lên."})
    if visit.visitors == Reception.Visitors.ONE and visit.group_size != 1:
        raise ValidationError({"group_size": "Một người đến thì số người là 1; chọn “Đoàn đông người”."})
    if visit.kind == LetterKind.DENUNCIATION and nfc(visit.visitor):
        raise ValidationError({"visitor": NO_DENOUNCER})
    if visit.slot is not None and visit.slot.council_id != council.pk:
        raise ValidationError({"slot": "Chọn lịch tiếp của HĐND này."})
    if any(person.council_id != council.pk for person in visit.received_by):
        raise ValidationError({"received_by": "Chỉ chọn người của HĐND này."})


def record_reception(council: Council, *, by: Actor, visit: Visit) -> Reception:
    """Write one visit in the register; a letter handed in is received as a letter (``receive_letter``)."""
    _check_visit(council, visit)
    with transaction.atomic():
        reception = Reception.objects.create(
            council=council,
            slot=visit.slot,
            received_on=visit.received_on,
            host=visit.host,
            visitors=visit.visitors,
            group_size=visit.group_size,
            visitor=nfc(visit.visitor)[:255],
            kind=visit.kind,
            locality=visit.locality,
            content=_text(visit.content, "content"),
            documents=_text(visit.documents, "documents", required=False),
            outcome=visit.outcome,
            outcome_note=_text(visit.outcome_note, "outcome_note", required=False),
            entered_by=_user(by),
        )
        reception.received_by.set(visit.received_by)
        record(
            action="reception.record_reception",
            actor=by,
            obj=reception,
            council=council,
            after={
                "received_on": visit.received_on,
                "kind": visit.kind,
                "visitors": visit.visitors,
                "group_size": visit.group_size,
                "outcome": visit.outcome,
            },
        )
    return reception


def raise_petition(reception: Reception, *, by: Actor, cycle: Any, text: str) -> Any:
    """A voter's petition raised at a reception becomes a petition (petitions' intake), keeping its origin."""
    from hdnd.petitions.actions.intake import register_received
    from hdnd.petitions.models import Petition

    if reception.kind not in (LetterKind.PETITION, LetterKind.REPORT):
        raise ValidationError("Chỉ kiến nghị, phản ánh mới được chuyển thành kiến nghị cử tri.")
    delegate = reception.received_by.filter(council=reception.council).first()
    with transaction.atomic():
        petition = register_received(
            cycle,
            by=by,
            text=text,
            source=Petition.Source.RECEPTION,
            received_on=reception.received_on,
            reference=f"Sổ TCD số {reception.pk}",
            voter_place=reception.locality.name if reception.locality else "",
            delegate=delegate if reception.host in (Host.DELEGATE, Host.GROUP) else None,
        )
        reception.petitions.add(petition)
        record(
            action="reception.raise_petition",
            actor=by,
            obj=reception,
            council=reception.council,
            after={"petition": petition.pk, "cycle": cycle.pk},
        )
    return petition


# Letters -------------------------------------------------------------------------------------------


def _move(
    locked: Letter,
    target: str,
    *,
    refusal: str,
    by: Actor,
    action: str,
    also: dict[str, Any] | None = None,
    note: dict[str, Any] | None = None,
) -> None:
    """Move a locked letter along ``LETTER_TRANSITIONS`` and set ``also``, with ONE audit row that says
    what changed (``note`` adds what else the row should say: never content, never a name)."""
    check_transition(LETTER_TRANSITIONS, locked.status, target, refusal)
    before = {"status": locked.status, **{name: getattr(locked, name) for name in (also or {})}}
    locked.status = target
    for name, value in (also or {}).items():
        setattr(locked, name, value)
    locked.save(update_fields=["status", *(also or {})])
    after = {"status": target, **(also or {}), **(note or {})}
    for hidden in ("content", "sender", "subject", "answer_summary", "guidance", "kept_reason"):
        before.pop(hidden, None), after.pop(hidden, None)
    after = {key: (value.pk if hasattr(value, "pk") else value) for key, value in after.items()}
    before = {key: (value.pk if hasattr(value, "pk") else value) for key, value in before.items()}
    record(action=action, actor=by, obj=locked, council=locked.council, before=before, after=after)


@dataclass(frozen=True)
class Incoming:
    """A letter as it arrives: how, when, what it says and, for everything but a denunciation, from whom."""

    channel: str
    received_on: date
    kind: str
    subject: str
    content: str
    sender: str = ""
    senders: int = 1
    locality: AdminUnit | None = None
    from_body: str = ""
    reference: str = ""
    reception: Reception | None = None


NO_RULE = "Chưa có quy định thời hạn “{key}” trong bảng quy định; quản trị hệ thống cần nạp bảng quy định."


def _deadline(key: str, start: date, council: Council, calendar: WorkingCalendar | None = None) -> date:
    """``core.calendar.deadline``, refused with a message (not a 500) when the rules table lacks the rule."""
    try:
        return deadline(key, start, council, calendar)
    except Rule.DoesNotExist:
        raise ValidationError(NO_RULE.format(key=key)) from None


def handling_due(letter: Letter, calendar: WorkingCalendar | None = None) -> date:
    """The last day to classify and forward or guide the letter, by the rule of its kind."""
    return _deadline(HANDLING_RULES[letter.kind], letter.received_on, letter.council, calendar)


def _check_incoming(council: Council, incoming: Incoming) -> None:
    _not_future(incoming.received_on, "received_on")
    if incoming.kind == LetterKind.DENUNCIATION and nfc(incoming.sender):
        raise ValidationError({"sender": NO_DENOUNCER})
    if incoming.channel == Letter.Channel.FORWARDED and not nfc(incoming.from_body):
        raise ValidationError({"from_body": "Nhập cơ quan, tổ chức đã chuyển đơn đến."})
    if incoming.reception is not None and incoming.reception.council_id != council.pk:
        raise ValidationError({"reception": "Lượt tiếp không thuộc HĐND này."})
    if incoming.senders < 1:
        raise ValidationError({"senders": "Số người ký đơn ít nhất là 1."})


def receive_letter(
    council: Council, *, by: Actor, incoming: Incoming, identity: Identity | None = None
) -> Letter:
    """Enter a letter in the register with its case code; a denunciation's identity goes to the sealed
    store (sealed mode) and out of its content, or is never given to the platform (default mode)."""
    _check_incoming(council, incoming)
    identity = identity or Identity()
    values = list(identity.values().values())
    with transaction.atomic():
        letter = Letter(
            council=council,
            channel=incoming.channel,
            received_on=incoming.received_on,
            reception=incoming.reception,
            from_body=nfc(incoming.from_body)[:255],
            reference=nfc(incoming.reference)[:64],
            kind=incoming.kind,
            sender=nfc(incoming.sender)[:255],
            senders=incoming.senders,
            locality=incoming.locality,
            subject=redact(_text(incoming.subject, "subject"), values)[:255],
            content=redact(_text(incoming.content, "content"), values),
            entered_by=_user(by),
        )
        letter.classify_due = handling_due(letter)
        letter.save()
        if values:
            if letter.kind != LetterKind.DENUNCIATION:
                raise ValidationError({"identity": "Kho niêm phong chỉ dành cho danh tính người tố cáo."})
            seal_identity(letter, identity, by=by)
        record(
            action="reception.receive_letter",
            actor=by,
            obj=letter,
            council=council,
            after={
                "code": letter.code,
                "channel": letter.channel,
                "kind": letter.kind,
                "received_on": letter.received_on,
                "classify_due": letter.classify_due,
                "sealed": bool(values),
            },
        )
        # The worker finds the earlier letters on the same matter (``matching.store_matches``).
        transaction.on_commit(lambda: matching.store_later(letter.pk))
    return letter


def submit_letter(letter: Letter, *, by: Actor) -> Letter:
    """Send a new letter to classification (new → awaiting classification)."""
    with transaction.atomic():
        locked = _lock(letter)
        _move(
            locked,
            Letter.Status.AWAITING,
            refusal="Đơn này không ở trạng thái mới tiếp nhận.",
            by=by,
            action="reception.submit_letter",
        )
    return locked


def classify_letter(
    letter: Letter,
    *,
    by: Actor,
    kind: str,
    eligible: bool,
    reason: str = "",
    earlier: Letter | None = None,
    content: str = "",
) -> Letter:
    """Classify a letter by kind and by whether the conditions for handling it are met.

    A letter found to be a denunciation loses any sender typed on it, and its content is redacted against
    its sealed identity; ``content`` replaces it with a version the clerk has redacted by hand."""
    reason = _text(reason, "reason", required=not eligible)
    if earlier is not None and (earlier.council_id != letter.council_id or earlier.pk == letter.pk):
        raise ValidationError({"earlier": "Chọn đơn trước đó của HĐND này."})
    with transaction.atomic():
        locked = _lock(letter)
        text = _text(content, "content") if content else locked.content
        _move(
            locked,
            Letter.Status.ELIGIBLE if eligible else Letter.Status.INELIGIBLE,
            refusal="Chỉ phân loại được đơn đang chờ phân loại.",
            by=by,
            action="reception.classify_letter",
            also={
                "kind": kind,
                "sender": "" if kind == LetterKind.DENUNCIATION else locked.sender,
                "content": redact(text, sealed_values(locked)),
                "earlier": earlier,
                "ineligible_reason": "" if eligible else reason,
                "classify_due": _deadline(HANDLING_RULES[kind], locked.received_on, locked.council),
            },
        )
        if kind == LetterKind.DENUNCIATION:
            on_denunciation(locked, by=by)
    return locked


def response_due(letter: Letter, forwarded_on: date, calendar: WorkingCalendar | None = None) -> date:
    """When the competent body's answer is due: each rule of the kind counted from the previous one."""
    day = forwarded_on
    for key in RESPONSE_RULES[letter.kind]:
        day = _deadline(key, day, letter.council, calendar)
    return day


def forward_letter(letter: Letter, *, by: Actor, agency: Agency, forwarded_on: date) -> Letter:
    """Forward an eligible letter to the competent body with a numbered forwarding slip (phiếu chuyển)."""
    _not_future(forwarded_on, "forwarded_on")
    if not agency.is_active:
        raise ValidationError({"agency": "Cơ quan này đã ngừng hoạt động."})
    if forwarded_on < letter.received_on:
        raise ValidationError({"forwarded_on": "Ngày chuyển không được trước ngày nhận đơn."})
    with transaction.atomic():
        locked = _lock(letter)
        number = take_number(
            DocumentCounter,
            council=locked.council,
            year=forwarded_on.year,
            series=DocumentCounter.Series.SLIP,
        )
        due = response_due(locked, forwarded_on)
        _move(
            locked,
            Letter.Status.FORWARDED,
            refusal="Chỉ chuyển được đơn đã phân loại là đủ điều kiện xử lý.",
            by=by,
            action="reception.forward_letter",
            also={
                "agency": agency,
                "forwarded_on": forwarded_on,
                "slip_year": forwarded_on.year,
                "slip_number": number,
                "response_due": due,
            },
        )
        queue_mail(
            f"Phiếu chuyển đơn số {locked.slip_label}",
            f"{locked.council} chuyển đơn mã {locked.code} ({locked.get_kind_display().lower()}) theo phiếu "
            f"chuyển số {locked.slip_label}. Đề nghị xem xét, giải quyết và thông báo kết quả trước ngày "
            f"{due:%d/%m/%Y}.",
            [agency.email],
        )
    return locked


def answer_letter(letter: Letter, *, by: Actor, answered_on: date, summary: str) -> Letter:
    """Record the competent body's answer (forwarded, no answer yet → answered)."""
    summary = _text(summary, "summary")
    _not_future(answered_on, "answered_on")
    with transaction.atomic():
        locked = _lock(letter)
        if locked.forwarded_on and answered_on < locked.forwarded_on:
            raise ValidationError({"answered_on": "Ngày trả lời không được trước ngày chuyển đơn."})
        _move(
            locked,
            Letter.Status.ANSWERED,
            refusal="Chỉ ghi kết quả trả lời cho đơn đã chuyển, chưa có trả lời.",
            by=by,
            action="reception.answer_letter",
            also={"answered_on": answered_on, "answer_summary": summary, "closed_on": answered_on},
        )
    return locked


def guide_letter(letter: Letter, *, by: Actor, guidance: str, guided_on: date) -> Letter:
    """Guide the citizen in writing (văn bản hướng dẫn), numbered in the council's yearly series."""
    guidance = _text(guidance, "guidance")
    _not_future(guided_on, "guided_on")
    with transaction.atomic():
        locked = _lock(letter)
        number = take_number(
            DocumentCounter,
            council=locked.council,
            year=guided_on.year,
            series=DocumentCounter.Series.GUIDANCE,
        )
        _move(
            locked,
            Letter.Status.GUIDED,
            refusal="Chỉ hướng dẫn được đơn đã phân loại.",
            by=by,
            action="reception.guide_letter",
            also={"guidance": guidance, "guidance_number": number, "closed_on": guided_on},
        )
    return locked


def keep_letter(letter: Letter, *, by: Actor, reason: str) -> Letter:
    """Keep the letter for monitoring without handling it (anonymous, repeated, sent to many bodies …)."""
    reason = _text(reason, "reason")
    with transaction.atomic():
        locked = _lock(letter)
        _move(
            locked,
            Letter.Status.KEPT,
            refusal="Chỉ lưu theo dõi được đơn đã phân loại.",
            by=by,
            action="reception.keep_letter",
            also={"kept_reason": reason, "closed_on": timezone.localdate()},
        )
    return locked


def reopen_letter(letter: Letter, *, by: Actor) -> Letter:
    """Take a kept letter back to classification when new facts arrive."""
    with transaction.atomic():
        locked = _lock(letter)
        _move(
            locked,
            Letter.Status.AWAITING,
            refusal="Chỉ mở lại được đơn đang lưu theo dõi.",
            by=by,
            action="reception.reopen_letter",
            also={"closed_on": None},
        )
    return locked


def name_handlers(letter: Letter, *, by: Actor, users: Sequence[Any]) -> Letter:
    """Name the people who handle the case (the only ones who may open its sealed identity)."""
    from hdnd.accounts.scope import MANAGE_RECEPTION, can

    if any(not can(user, letter.council, MANAGE_RECEPTION) for user in users):
        raise ValidationError({"handlers": "Chỉ giao cho người có quyền xử lý đơn thư của HĐND này."})
    with transaction.atomic():
        locked = _lock(letter)
        before = sorted(locked.handlers.values_list("pk", flat=True))
        locked.handlers.set(users)
        record(
            action="reception.name_handlers",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"handlers": before},
            after={"handlers": sorted(user.pk for user in users)},
        )
    return locked


def carry_petition(letter: Letter, *, by: Actor, cycle: Any) -> Any:
    """A letter carrying a voter's petition stays a petition (petitions' intake), linked to its letter."""
    from hdnd.petitions.actions.intake import register_received
    from hdnd.petitions.models import Petition

    if letter.kind not in (LetterKind.PETITION, LetterKind.REPORT):
        raise ValidationError("Chỉ đơn kiến nghị, phản ánh mới được ghi thành kiến nghị cử tri.")
    if letter.petition_id is not None:
        raise ValidationError("Đơn này đã được ghi thành kiến nghị cử tri.")
    with transaction.atomic():
        locked = _lock(letter)
        petition = register_received(
            cycle,
            by=by,
            text=locked.content,
            source=Petition.Source.LETTER,
            received_on=locked.received_on,
            reference=locked.code,
            voter_place=locked.locality.name if locked.locality else "",
        )
        locked.petition = petition
        locked.save(update_fields=["petition"])
        record(
            action="reception.carry_petition",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"petition": petition.pk, "cycle": cycle.pk},
        )
    return petition


# Reminders and escalation ------------------------------------------------------------------------


def remind_letters(on: date) -> list[Letter]:
    """Remind each competent body once, a few working days before its answer on a letter is due."""
    reminded = []
    calendar = WorkingCalendar.for_span(on, on)
    candidates = Letter.objects.waiting_answer().filter(reminded_at__isnull=True, response_due__gte=on)
    for candidate in candidates.select_related("council", "agency"):
        due = candidate.response_due
        if due is None or on < deadline(REMINDER_RULE, due, candidate.council, calendar):
            continue
        with transaction.atomic():
            locked = _lock(candidate)
            if locked.reminded_at is not None or locked.status != Letter.Status.FORWARDED:
                continue
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
            record(
                action="reception.remind_letter",
                actor=SYSTEM,
                obj=locked,
                council=locked.council,
                after={"response_due": locked.response_due},
            )
            queue_mail(
                "Nhắc hạn thông báo kết quả giải quyết đơn",
                f"Đơn mã {locked.code} (phiếu chuyển số "
                f"{locked.slip_label}) cần thông báo kết quả trước ngày "
                f"{locked.response_due:%d/%m/%Y}.",
                [candidate.agency.email if candidate.agency else ""],
            )
        reminded.append(locked)
    return reminded


def _next_level(letter: Letter, on: date, calendar: WorkingCalendar) -> int | None:
    if letter.escalated_at is not None and timezone.localdate(letter.escalated_at) >= on:
        return None  # one step a day at most: running the job twice changes nothing
    if letter.escalation == Letter.Escalation.NONE:
        has_superior = letter.agency is not None and letter.agency.superior_id is not None
        return Letter.Escalation.SUPERIOR if has_superior else Letter.Escalation.STANDING_COMMITTEE
    assert letter.response_due is not None
    if letter.escalation == Letter.Escalation.SUPERIOR and on > deadline(
        ESCALATION_RULE, letter.response_due, letter.council, calendar
    ):
        return Letter.Escalation.STANDING_COMMITTEE
    return None


def escalate_letters(on: date) -> list[Letter]:
    """Tell the body's superior, then the standing committee, about answers past their due date."""
    escalated = []
    calendar = WorkingCalendar.for_span(on, on)
    candidates = Letter.objects.overdue(on).filter(escalation__lt=Letter.Escalation.STANDING_COMMITTEE)
    for candidate in candidates.select_related("council", "agency__superior"):
        with transaction.atomic():
            locked = (
                Letter.objects.select_for_update(of=("self",))  # PostgreSQL locks no outer-joined row
                .select_related("agency__superior", "council")
                .get(pk=candidate.pk)
            )
            level = _next_level(locked, on, calendar) if locked.status == Letter.Status.FORWARDED else None
            if level is None:
                continue
            before = {"escalation": locked.escalation}
            locked.escalation, locked.escalated_at = level, timezone.now()
            locked.save(update_fields=["escalation", "escalated_at"])
            record(
                action="reception.escalate_letter",
                actor=SYSTEM,
                obj=locked,
                council=locked.council,
                before=before,
                after={"escalation": level, "days_overdue": locked.days_overdue(on)},
            )
            superior = locked.agency.superior if locked.agency else None
            to = [superior.email if superior else ""] if level == 1 else [locked.council.email]
            queue_mail(
                "Đơn quá hạn thông báo kết quả giải quyết",
                f"Đơn mã {locked.code} chuyển {locked.agency} theo phiếu số {locked.slip_label} đã quá hạn "
                f"{locked.days_overdue(on)} ngày (hạn {locked.response_due:%d/%m/%Y}).",
                to,
            )
        escalated.append(locked)
    return escalated
