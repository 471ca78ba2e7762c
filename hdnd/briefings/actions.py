"""Every change to a briefing: plan, agenda, participants and online points, the invitation with its
number, held, attendance, contributions, answers to the communes' proposals, the conclusion items, and
the conclusion notice that turns them into tasks.

Each runs in a transaction, locks the briefing, checks the transition table ``TRANSITIONS`` and writes
one audit entry (issuing the notice also writes one ``planning.add_task`` entry per task it creates, so
each task's own history starts with who gave it). Numbers come from the host council's yearly series
(``hdnd.sittings.models.take_document_number``: a counter row created without racing, then locked), so
the conclusion notice shares TB-HĐND with the standing committee's and the sessions' notices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from hdnd.core.audit import Actor, record
from hdnd.core.periods import Period
from hdnd.core.querysets import close_gap
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import Body, Council, Person
from hdnd.planning import actions as planning
from hdnd.planning.models import TaskSource
from hdnd.sittings.models import take_document_number

from .models import (
    INVITATION_SYMBOL,
    NOTICE_SYMBOL,
    PLANNING,
    TRANSITIONS,
    AgendaItem,
    Briefing,
    BriefingPoint,
    BriefingStatus,
    ConclusionItem,
    Contribution,
    Participant,
    numbered,
)

ACTION_LABELS = {
    "briefings.create": "Dự kiến hội nghị giao ban",
    "briefings.edit": "Sửa thông tin hội nghị giao ban",
    "briefings.set_agenda": "Lập chương trình hội nghị giao ban",
    "briefings.set_participants": "Chọn thành phần dự hội nghị giao ban",
    "briefings.add_point": "Thêm điểm cầu hội nghị giao ban",
    "briefings.remove_point": "Bỏ điểm cầu hội nghị giao ban",
    "briefings.record_attendance": "Điểm danh tham dự hội nghị giao ban",
    "briefings.issue_invitation": "Phát hành giấy mời hội nghị giao ban",
    "briefings.mark_held": "Ghi nhận đã tổ chức hội nghị giao ban",
    "briefings.add_contribution": "Ghi ý kiến phát biểu tại hội nghị giao ban",
    "briefings.remove_contribution": "Bỏ ý kiến phát biểu tại hội nghị giao ban",
    "briefings.answer_proposal": "Trả lời kiến nghị của HĐND cấp dưới",
    "briefings.add_conclusion": "Thêm nội dung kết luận hội nghị giao ban",
    "briefings.remove_conclusion": "Bỏ nội dung kết luận hội nghị giao ban",
    "briefings.issue_notice": "Ban hành thông báo kết luận hội nghị giao ban",
}
# Registered with the audit log by the app's ready() (apps.py).

Status = BriefingStatus
NOT_PLANNING = "Hội nghị đã họp; chương trình, thành phần và điểm cầu không sửa được nữa."
DEFAULT_RECIPIENTS = (
    "Thường trực HĐND;",
    "Các Ban của HĐND;",
    "Thường trực HĐND các xã, phường;",
    "Lưu: VT.",
)


def _lock(briefing: Briefing) -> Briefing:
    return Briefing.objects.select_for_update(of=("self",)).select_related("council").get(pk=briefing.pk)


def _planning(briefing: Briefing) -> None:
    if briefing.status not in PLANNING:
        raise ValidationError(NOT_PLANNING)


def _held(briefing: Briefing, what: str) -> None:
    if briefing.status != Status.HELD:
        raise ValidationError(f"Chỉ {what} khi hội nghị đã họp và chưa ban hành thông báo kết luận.")


def councils_below(council: Council) -> Any:
    """The active councils directly below the host (its communes and wards, or its districts before 2025)."""
    return Council.objects.filter(parent=council).active().select_related("unit").order_by("name_key", "pk")


def _check_period(code: str) -> str:
    return Period.parse(code).code


def _check_chair(council: Council, chair: Person | None) -> None:
    if chair is not None and chair.council_id != council.pk:
        raise ValidationError({"chair": "Chọn người chủ trì của HĐND tổ chức hội nghị."})


def create_briefing(
    council: Council,
    *,
    by: Actor,
    period: str,
    meets_on: date,
    starts_at: time | None = None,
    place: str = "",
    chair: Person | None = None,
    notes: str = "",
    invite_all: bool = True,
) -> Briefing:
    """Plan a briefing of ``council`` for ``period``; every council directly below is invited unless not."""
    code = _check_period(period)
    _check_chair(council, chair)
    with transaction.atomic():
        briefing = Briefing.objects.create(
            council=council,
            period=code,
            meets_on=meets_on,
            starts_at=starts_at,
            place=nfc(place)[:255],
            chair=chair,
            notes=nfc(notes),
        )
        below = list(councils_below(council)) if invite_all else []
        Participant.objects.bulk_create([Participant(briefing=briefing, council=c) for c in below])
        record(
            action="briefings.create",
            actor=by,
            obj=briefing,
            council=council,
            after={"period": code, "meets_on": meets_on, "place": briefing.place, "participants": len(below)},
        )
    return briefing


def edit_briefing(
    briefing: Briefing,
    *,
    by: Actor,
    period: str,
    meets_on: date,
    starts_at: time | None = None,
    place: str = "",
    chair: Person | None = None,
    notes: str = "",
) -> Briefing:
    """Change the period, date, time, main point, chair or notes until the briefing is held."""
    code = _check_period(period)
    _check_chair(briefing.council, chair)
    fields = ("period", "meets_on", "starts_at", "place", "chair", "notes")
    with transaction.atomic():
        locked = _lock(briefing)
        _planning(locked)
        before = {name: getattr(locked, name) for name in fields}
        locked.period, locked.meets_on, locked.starts_at = code, meets_on, starts_at
        locked.place, locked.chair, locked.notes = nfc(place)[:255], chair, nfc(notes)
        locked.save(update_fields=list(fields))
        after = {name: getattr(locked, name) for name in fields}
        record(
            action="briefings.edit",
            actor=by,
            obj=locked,
            council=locked.council,
            before={k: str(v) if k == "chair" else v for k, v in before.items()},
            after={k: str(v) if k == "chair" else v for k, v in after.items()},
        )
    return locked


@dataclass(frozen=True)
class AgendaLine:
    title: str
    presenter: str = ""


def set_agenda(briefing: Briefing, *, by: Actor, items: Sequence[AgendaLine]) -> list[AgendaItem]:
    """Replace the agenda with ``items`` in order."""
    lines = [AgendaLine(nfc(line.title), nfc(line.presenter)) for line in items]
    if any(not line.title for line in lines):
        raise ValidationError({"items": "Mỗi nội dung của chương trình phải có tiêu đề."})
    if any(len(line.title) > 500 or len(line.presenter) > 255 for line in lines):
        raise ValidationError({"items": "Tiêu đề dài quá 500 ký tự hoặc người trình bày quá 255 ký tự."})
    with transaction.atomic():
        locked = _lock(briefing)
        _planning(locked)
        before = [f"{item.title} — {item.presenter}" for item in locked.agenda.all()]
        locked.agenda.all().delete()
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(briefing=locked, position=n, title=line.title, presenter=line.presenter)
                for n, line in enumerate(lines, start=1)
            ]
        )
        record(
            action="briefings.set_agenda",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"items": before},
            after={"items": [f"{line.title} — {line.presenter}" for line in lines]},
        )
    return list(locked.agenda.all())


def set_participants(briefing: Briefing, *, by: Actor, councils: Iterable[Council]) -> list[Participant]:
    """The councils invited: those below the host; councils taken off lose their attendance rows."""
    wanted = {council.pk: council for council in councils}
    if not wanted:
        raise ValidationError({"councils": "Chọn ít nhất một HĐND cấp dưới."})
    below = set(Council.objects.filter(parent=briefing.council_id).values_list("pk", flat=True))
    if strangers := [c.name for pk, c in wanted.items() if pk not in below]:
        raise ValidationError({"councils": f"Không thuộc HĐND cấp dưới: {', '.join(strangers[:5])}."})
    with transaction.atomic():
        locked = _lock(briefing)
        _planning(locked)
        have = set(locked.participants.values_list("council_id", flat=True))
        locked.participants.exclude(council_id__in=wanted).delete()
        Participant.objects.bulk_create(
            [Participant(briefing=locked, council_id=pk) for pk in wanted if pk not in have]
        )
        record(
            action="briefings.set_participants",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"count": len(have)},
            after={
                "count": len(wanted),
                "added": sorted(c.name for pk, c in wanted.items() if pk not in have)[:50],
                "removed": len(have - set(wanted)),
            },
        )
    return list(locked.participants.select_related("council"))


def add_point(briefing: Briefing, *, by: Actor, name: str, address: str = "") -> BriefingPoint:
    """Add an online point (điểm cầu) until the briefing is held."""
    name, address = nfc(name), nfc(address)
    if not name:
        raise ValidationError({"name": "Nhập tên điểm cầu."})
    if len(name) > 255 or len(address) > 255:
        raise ValidationError({"name": "Tên hoặc địa chỉ điểm cầu dài quá 255 ký tự."})
    with transaction.atomic():
        locked = _lock(briefing)
        _planning(locked)
        if locked.points.filter(name=name).exists():
            raise ValidationError({"name": f"Đã có điểm cầu “{name}”."})
        point = BriefingPoint.objects.create(briefing=locked, name=name, address=address)
        record(
            action="briefings.add_point",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"point": name, "address": address},
        )
    return point


def remove_point(point: BriefingPoint, *, by: Actor) -> None:
    """Take an online point off the plan (the councils joining from it are unassigned)."""
    with transaction.atomic():
        locked = _lock(point.briefing)
        _planning(locked)
        current = locked.points.filter(pk=point.pk).first()
        if current is None:
            return
        current.delete()
        record(
            action="briefings.remove_point",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"point": current.name},
        )


def record_attendance(
    participant: Participant,
    *,
    by: Actor,
    attended: bool | None,
    point: BriefingPoint | None = None,
    attendees: str = "",
) -> Participant:
    """Where a council joins from, and (once held) whether it came and who attended."""
    attendees = nfc(attendees)
    if len(attendees) > 500:
        raise ValidationError({"attendees": "Danh sách người dự dài quá 500 ký tự."})
    if point is not None and point.briefing_id != participant.briefing_id:
        raise ValidationError({"point": "Điểm cầu không thuộc hội nghị này."})
    with transaction.atomic():
        locked = _lock(participant.briefing)
        if locked.status == Status.CONCLUDED:
            raise ValidationError("Hội nghị đã ban hành thông báo kết luận; không sửa điểm danh được.")
        if attended is not None and locked.status != Status.HELD:
            raise ValidationError({"attended": "Chỉ điểm danh khi hội nghị đã họp."})
        current = Participant.objects.select_related("council").get(pk=participant.pk)
        before = {
            "attended": current.attended,
            "point": str(current.point or ""),
            "attendees": current.attendees,
        }
        current.attended, current.point, current.attendees = attended, point, attendees
        current.save(update_fields=["attended", "point", "attendees"])
        record(
            action="briefings.record_attendance",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={
                "council": current.council.name,
                "attended": attended,
                "point": str(point or ""),
                "attendees": attendees,
            },
        )
    return current


def set_point_attendees(point: BriefingPoint, *, by: Actor, attendees: str) -> BriefingPoint:
    """Who attended at an online point (one per line)."""
    attendees = "\n".join(line for line in (nfc(x) for x in nfc(attendees).splitlines()) if line)
    with transaction.atomic():
        locked = _lock(point.briefing)
        _held(locked, "ghi người dự tại điểm cầu")
        current = locked.points.get(pk=point.pk)
        before = current.attendees
        current.attendees = attendees
        current.save(update_fields=["attendees"])
        record(
            action="briefings.record_attendance",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"point": current.name, "attendees": before},
            after={"point": current.name, "attendees": attendees},
        )
    return current


def issue_invitation(
    briefing: Briefing, *, by: Actor, issued_on: date, number: int | None = None
) -> Briefing:
    """Number and date the invitation (next of the host's GM-HĐND series of the year)."""
    with transaction.atomic():
        locked = _lock(briefing)
        refusal = "Chỉ phát hành giấy mời cho hội nghị đang dự kiến."
        check_transition(TRANSITIONS, locked.status, Status.INVITED, refusal)
        if issued_on > locked.meets_on:
            raise ValidationError({"issued_on": "Ngày phát hành giấy mời không được sau ngày họp."})
        if not locked.participants.exists():
            raise ValidationError("Chưa có HĐND cấp dưới nào được mời.")
        year = issued_on.year
        if (
            number is not None
            and Briefing.objects.filter(
                council_id=locked.council_id, invitation_year=year, invitation_number=number
            ).exists()
        ):
            raise ValidationError(
                {"number": f"Số {numbered(number, INVITATION_SYMBOL)} năm {year} đã được dùng."}
            )
        taken = take_document_number(locked.council_id, year, INVITATION_SYMBOL, wanted=number)
        change_status(
            locked,
            Status.INVITED,
            table=TRANSITIONS,
            refusal=refusal,
            by=by,
            action="briefings.issue_invitation",
            also={"invitation_year": year, "invitation_number": taken, "invitation_on": issued_on},
        )
    return locked


def mark_held(briefing: Briefing, *, by: Actor, held_on: date) -> Briefing:
    """Record that the briefing took place on ``held_on``."""
    with transaction.atomic():
        locked = _lock(briefing)
        if locked.invitation_on is not None and held_on < locked.invitation_on:
            raise ValidationError({"held_on": "Ngày họp không được trước ngày phát hành giấy mời."})
        change_status(
            locked,
            Status.HELD,
            table=TRANSITIONS,
            refusal="Chỉ ghi nhận đã họp khi đã phát hành giấy mời và chưa họp.",
            by=by,
            action="briefings.mark_held",
            also={"held_on": held_on},
        )
    return locked


def _participant_council(briefing: Briefing, council: Council | None) -> None:
    if council is None or council.pk == briefing.council_id:
        return
    if not briefing.participants.filter(council=council).exists():
        raise ValidationError({"council": "Chọn HĐND có trong thành phần hội nghị."})


def add_contribution(
    briefing: Briefing,
    *,
    by: Actor,
    speaker: str,
    content: str,
    council: Council | None = None,
    speaker_title: str = "",
) -> Contribution:
    """Record what a speaker said, for the council they spoke for (empty: the host)."""
    speaker, speaker_title, content = nfc(speaker), nfc(speaker_title), nfc(content)
    if not speaker:
        raise ValidationError({"speaker": "Nhập tên người phát biểu."})
    if not content:
        raise ValidationError({"content": "Nhập nội dung phát biểu."})
    if len(speaker) > 255 or len(speaker_title) > 255:
        raise ValidationError({"speaker": "Tên hoặc chức vụ dài quá 255 ký tự."})
    with transaction.atomic():
        locked = _lock(briefing)
        _held(locked, "ghi ý kiến phát biểu")
        _participant_council(locked, council)
        contribution = Contribution.objects.create(
            briefing=locked,
            council=council if council is None or council.pk != locked.council_id else None,
            speaker=speaker,
            speaker_title=speaker_title,
            content=content,
        )
        record(
            action="briefings.add_contribution",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"speaker": speaker, "council": str(council or locked.council), "content": content[:200]},
        )
    return contribution


def remove_contribution(contribution: Contribution, *, by: Actor) -> None:
    with transaction.atomic():
        locked = _lock(contribution.briefing)
        _held(locked, "bỏ ý kiến phát biểu")
        current = locked.contributions.filter(pk=contribution.pk).first()
        if current is None:
            return
        current.delete()
        record(
            action="briefings.remove_contribution",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"speaker": current.speaker, "content": current.content[:200]},
        )


def answer_proposal(briefing: Briefing, proposal: Any, *, by: Actor, answer: str) -> Any:
    """The host's answer to a proposal a council below made in its report (``reports.Proposal``)."""
    answer = nfc(answer)
    if not answer:
        raise ValidationError({"answer": "Nhập nội dung trả lời."})
    with transaction.atomic():
        locked = _lock(briefing)
        if locked.status not in (Status.HELD, Status.CONCLUDED):
            raise ValidationError("Chỉ trả lời kiến nghị khi hội nghị đã họp.")
        council = proposal.council
        if council.parent_id != locked.council_id:
            raise ValidationError({"proposal": "Kiến nghị không phải của HĐND cấp dưới của nơi tổ chức."})
        current = type(proposal).objects.select_for_update().get(pk=proposal.pk)
        before = {"answer": current.answer, "answered_on": current.answered_on}
        current.answer = answer
        current.answered_on = locked.held_on or timezone.localdate()
        current.answered_by = by if getattr(by, "is_authenticated", False) else None
        current.save(update_fields=["answer", "answered_on", "answered_by"])
        record(
            action="briefings.answer_proposal",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"proposal": current.pk, "council": council.name, "answer": answer[:300]},
        )
    return current


def add_conclusion_item(
    briefing: Briefing,
    *,
    by: Actor,
    content: str,
    due_on: date | None = None,
    councils: Iterable[Council] = (),
    bodies: Iterable[Body] = (),
) -> ConclusionItem:
    """Add a numbered item to the notice being drafted; with a deadline it names who does it."""
    content = nfc(content)
    named_councils, named_bodies = list(councils), list(bodies)
    if not content:
        raise ValidationError({"content": "Nhập nội dung kết luận."})
    if due_on is not None and not (named_councils or named_bodies):
        raise ValidationError({"councils": "Nhiệm vụ có thời hạn phải giao cho HĐND cấp dưới hoặc cơ quan."})
    if named_bodies and any(body.council_id != briefing.council_id for body in named_bodies):
        raise ValidationError({"bodies": "Chọn cơ quan của HĐND tổ chức hội nghị."})
    with transaction.atomic():
        locked = _lock(briefing)
        _held(locked, "thêm nội dung kết luận")
        if named_councils:
            invited = set(locked.participants.values_list("council_id", flat=True))
            if strangers := [c.name for c in named_councils if c.pk not in invited]:
                raise ValidationError({"councils": f"Không có trong thành phần: {', '.join(strangers[:5])}."})
        if due_on is not None and due_on < (locked.held_on or locked.meets_on):
            raise ValidationError({"due_on": "Thời hạn không được trước ngày họp."})
        top = locked.conclusions.aggregate(top=Max("position"))["top"] or 0
        item = ConclusionItem.objects.create(
            briefing=locked, position=top + 1, content=content, due_on=due_on
        )
        item.councils.set(named_councils)
        item.bodies.set(named_bodies)
        record(
            action="briefings.add_conclusion",
            actor=by,
            obj=locked,
            council=locked.council,
            after={
                "position": item.position,
                "content": content[:200],
                "due_on": due_on,
                "owners": [c.name for c in named_councils] + [b.name for b in named_bodies],
            },
        )
    return item


def remove_conclusion_item(item: ConclusionItem, *, by: Actor) -> None:
    """Take an item off the draft notice; the items after it move up one place."""
    with transaction.atomic():
        locked = _lock(item.briefing)
        _held(locked, "bỏ nội dung kết luận")
        current = locked.conclusions.filter(pk=item.pk).first()
        if current is None:
            return
        current.delete()
        close_gap(locked.conclusions, current.position)
        record(
            action="briefings.remove_conclusion",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"position": current.position, "content": current.content[:200]},
        )


def issue_notice(
    briefing: Briefing,
    *,
    by: Actor,
    issued_on: date,
    text: str = "",
    recipients: str = "",
    signer_name: str = "",
    number: int | None = None,
) -> Briefing:
    """Issue the conclusion notice (next number of the host's TB-HĐND series); each item with a deadline
    becomes a task of each council and body it names; the briefing is concluded."""
    text, signer_name = nfc(text), nfc(signer_name)[:120]
    recipients = "\n".join(line for line in (nfc(x) for x in nfc(recipients).splitlines()) if line)
    with transaction.atomic():
        locked = _lock(briefing)
        refusal = "Chỉ ban hành thông báo kết luận cho hội nghị đã họp."
        check_transition(TRANSITIONS, locked.status, Status.CONCLUDED, refusal)
        if issued_on < (locked.held_on or locked.meets_on):
            raise ValidationError({"issued_on": "Ngày ban hành không được trước ngày họp."})
        items = list(locked.conclusions.prefetch_related("councils", "bodies"))
        if not text and not items:
            raise ValidationError({"text": "Thông báo kết luận phải có nội dung hoặc ít nhất một kết luận."})
        taken = take_document_number(locked.council_id, issued_on.year, NOTICE_SYMBOL, wanted=number)
        if Briefing.objects.filter(
            council_id=locked.council_id, notice_year=issued_on.year, notice_number=taken
        ).exists():
            raise ValidationError(
                {"number": f"Số {numbered(taken, NOTICE_SYMBOL)} năm {issued_on.year} đã được dùng."}
            )
        also = {
            "notice_year": issued_on.year,
            "notice_number": taken,
            "notice_on": issued_on,
            "notice_text": text,
            "notice_recipients": recipients,
            "signer_name": signer_name,
        }
        change_status(
            locked,
            Status.CONCLUDED,
            table=TRANSITIONS,
            refusal=refusal,
            by=by,
            action="briefings.issue_notice",
            also=also,
        )
        for item in items:
            _give_tasks(locked, item, by)
    return locked


def _give_tasks(briefing: Briefing, item: ConclusionItem, by: Actor) -> None:
    if item.due_on is None:
        return
    ref = f"Thông báo số {briefing.notice_symbol} ngày {briefing.notice_on:%d/%m/%Y}, mục {item.position}"
    common: dict[str, Any] = {
        "by": by,
        "content": item.content,
        "due_on": item.due_on,
        "given_by": briefing.council,
        "source": TaskSource.BRIEFING,
        "source_ref": ref,
        "source_url": briefing.get_absolute_url(),
    }
    tasks = [planning.add_task(council, **common) for council in item.councils.all()]
    tasks += [planning.add_task(briefing.council, owner_body=body, **common) for body in item.bodies.all()]
    item.tasks.add(*tasks)


# What the next briefing opens with -------------------------------------------------------------------


def previous_briefing(briefing: Briefing) -> Briefing | None:
    """The host's last concluded briefing before this one (its tasks are followed up here)."""
    return (
        Briefing.objects.filter(council_id=briefing.council_id, status=Status.CONCLUDED)
        .filter(Q(meets_on__lt=briefing.meets_on) | Q(meets_on=briefing.meets_on, pk__lt=briefing.pk))
        .exclude(pk=briefing.pk)
        .order_by("-meets_on", "-pk")
        .first()
    )
