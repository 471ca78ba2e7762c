"""Forwarding issues to agencies, their answers and ratings, and the reminders and escalation of overdue ones.

The actions of the second half of a petition's life (``actions.entry`` and ``actions.synthesis`` hold the
first half). Each one runs in a transaction, locks the rows it changes, checks the transition tables
in ``models``, writes exactly one audit entry, and sends e-mail only after the commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hdnd.core import uploads
from hdnd.core.audit import Actor, record
from hdnd.core.calendar import WorkingCalendar, deadline
from hdnd.core.models import Rule
from hdnd.core.outbox import queue_mail
from hdnd.core.text import nfc
from hdnd.core.workflow import change_status, check_transition
from hdnd.councils.models import Agency
from hdnd.petitions.actions import user_of
from hdnd.petitions.competence import forwarding_errors
from hdnd.petitions.models import (
    FORWARDABLE_ISSUE_STATUSES,
    FORWARDING_TRANSITIONS,
    TEXT_MAX,
    Answer,
    AnswerRating,
    Forwarding,
    Outcome,
    PetitionIssue,
)
from hdnd.petitions.permissions import is_delegate_of, may_answer

ANSWER_DAYS = "council_petition.answer.days"
REMINDER = "council_petition.answer.reminder"
ESCALATION = "council_petition.answer.escalation"
SYSTEM = "nhắc hạn tự động"


# Forwarding --------------------------------------------------------------------------------------


def forward_issue(
    issue: PetitionIssue,
    agencies: Iterable[Agency],
    *,
    by: Actor,
    on: date | None = None,
    reforward_of: Forwarding | None = None,
    note: str = "",
    letter_number: str = "",
) -> list[Forwarding]:
    """Forward a confirmed issue to one or more agencies of its council, each with its answer deadline.

    ``letter_number`` is the number of the forwarding letter (công văn chuyển) the office sent, one
    letter to every agency named in it; it can also be recorded later with ``record_letter_number``.

    ``reforward_of`` (with the reason in ``note``) forwards it again after an answer that was not good
    enough; ``followup.reforward`` checks when that is allowed.
    """
    agencies = sorted(set(agencies), key=lambda agency: agency.pk)
    on = on or timezone.localdate()
    letter_number = check_letter_number(letter_number)
    if not agencies:
        raise ValidationError({"agencies": "Chọn ít nhất một cơ quan để chuyển kiến nghị."})
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        if locked.status not in FORWARDABLE_ISSUE_STATUSES:
            raise ValidationError(f"Kiến nghị “{locked.title}” chưa được xác nhận; xác nhận rồi mới chuyển.")
        if any(agency.council_id != locked.council_id or not agency.is_active for agency in agencies):
            raise ValidationError({"agencies": "Chỉ chuyển đến cơ quan đang hoạt động của HĐND này."})
        if reforward_of is None and (refused := forwarding_errors(locked, agencies)):
            raise ValidationError({"agencies": refused})
        already = set(
            locked.forwardings.open().filter(agency__in=agencies).values_list("agency__name", flat=True)
        )
        if already:
            names = ", ".join(sorted(already))
            raise ValidationError(f"Kiến nghị đã được chuyển đến {names} và đang chờ trả lời.")
        try:
            due = deadline(ANSWER_DAYS, on, locked.council, WorkingCalendar.for_span(on, on))
        except Rule.DoesNotExist:
            raise ValidationError(
                "Bảng quy định chưa có thời hạn trả lời kiến nghị (council_petition.answer.days)."
            ) from None
        by_user = user_of(by)
        try:
            with transaction.atomic():
                created = Forwarding.objects.bulk_create(
                    Forwarding(
                        council=locked.council,
                        issue=locked,
                        agency=agency,
                        sent_on=on,
                        due_on=due,
                        sent_by=by_user,
                        reforward_of=reforward_of,
                        note=nfc(note),
                        letter_number=letter_number,
                    )
                    for agency in agencies
                )
        except IntegrityError:
            raise ValidationError(
                "Kiến nghị vừa được chuyển đến cơ quan này; tải lại trang để xem."
            ) from None
        after: dict[str, Any] = {"agencies": [a.pk for a in agencies], "sent_on": on, "due_on": due}
        if reforward_of is not None:
            after |= {"reforward_of": reforward_of.pk, "note": nfc(note)}
        if letter_number:
            after["letter_number"] = letter_number
        record(
            action="petitions.reforward" if reforward_of else "petitions.forward_issue",
            actor=by,
            obj=locked,
            council=locked.council,
            after=after,
        )
        for agency in agencies:
            queue_mail(
                f"Kiến nghị cử tri chuyển đến: {locked.title}"[:200],
                f"{locked.council} chuyển kiến nghị “{locked.title}”. Hạn trả lời: {due:%d/%m/%Y}.",
                [agency.email],
            )
    return created


LETTER_NUMBER_LENGTH = Forwarding._meta.get_field("letter_number").max_length or 40


def check_letter_number(letter_number: str) -> str:
    """The letter number as stored (NFC, trimmed), or a Vietnamese refusal when it cannot be one."""
    cleaned = " ".join(nfc(letter_number).split())
    if len(cleaned) > LETTER_NUMBER_LENGTH:
        raise ValidationError(
            {"letter_number": f"Số công văn dài tối đa {LETTER_NUMBER_LENGTH} ký tự, ví dụ 45/HĐND-VP."}
        )
    return cleaned


def record_letter_number(forwarding: Forwarding, *, by: Actor, letter_number: str) -> Forwarding:
    """Record (or correct) the number of the letter that forwarded an issue to its agency."""
    cleaned = check_letter_number(letter_number)
    with transaction.atomic():
        locked = _lock(forwarding)
        if locked.letter_number == cleaned:
            return locked
        before = locked.letter_number
        locked.letter_number = cleaned
        locked.save(update_fields=["letter_number"])
        record(
            action="petitions.record_letter_number",
            actor=by,
            obj=locked,
            council=locked.council,
            before={"letter_number": before},
            after={"letter_number": cleaned},
        )
    return locked


def _lock(forwarding: Forwarding) -> Forwarding:
    return (
        Forwarding.objects.select_for_update(of=("self",))
        .select_related("agency", "council")
        .get(pk=forwarding.pk)
    )


def acknowledge_forwarding(forwarding: Forwarding, *, by: Actor) -> Forwarding:
    """The agency confirms it has received the forwarded issue."""
    with transaction.atomic():
        locked = _lock(forwarding)
        if not may_answer(by, locked):
            raise PermissionDenied
        change_status(
            locked,
            Forwarding.Status.ACKNOWLEDGED,
            table=FORWARDING_TRANSITIONS,
            refusal="Kiến nghị này đã được xác nhận hoặc trả lời.",
            by=by,
            action="petitions.acknowledge_forwarding",
            also={"acknowledged_at": timezone.now()},
        )
    return locked


def check_answer(outcome: str, text: str, target_date: date | None, reason: str) -> str:
    """The answer text in NFC, or a ValidationError naming what the outcome still needs."""
    text = nfc(text or "")
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Nhập nội dung trả lời."
    elif len(text) > TEXT_MAX:
        errors["text"] = f"Nội dung trả lời dài quá {TEXT_MAX:,} ký tự.".replace(",", ".")
    if outcome not in Outcome.values:
        errors["outcome"] = "Chọn kết quả giải quyết."
    if outcome == Outcome.IN_PROGRESS and target_date is None:
        errors["target_date"] = "Đang giải quyết: nhập thời hạn dự kiến hoàn thành (lộ trình)."
    if outcome == Outcome.UNRESOLVED and not reason:
        errors["reason"] = "Chưa giải quyết: chọn lý do."
    if errors:
        raise ValidationError(errors)
    return text


def check_document(document: Any) -> None:
    """Refuse an answer document of the wrong kind or size, with a message naming the rule."""
    uploads.check_document(document, "document")


def record_answer(
    forwarding: Forwarding,
    *,
    by: Actor,
    outcome: str,
    text: str,
    target_date: date | None = None,
    reason: str = "",
    document: Any = None,
) -> Answer:
    """Record the agency's answer; a later answer (e.g. once work in progress is done) updates the status."""
    text = check_answer(outcome, text, target_date, reason)
    if document:
        check_document(document)
    with transaction.atomic():
        locked = _lock(forwarding)
        answerer = user_of(by)
        if answerer is None or not may_answer(by, locked):
            raise PermissionDenied
        check_transition(
            FORWARDING_TRANSITIONS,
            locked.status,
            Forwarding.Status.ANSWERED,
            "Không ghi nhận được trả lời cho kiến nghị này.",
        )
        answer = Answer.objects.create(
            forwarding=locked,
            text=text,
            outcome=outcome,
            target_date=target_date if outcome == Outcome.IN_PROGRESS else None,
            reason=reason if outcome == Outcome.UNRESOLVED else "",
            answered_by=answerer,
            document=document or "",
        )
        before = {"status": locked.status}
        locked.status = Forwarding.Status.ANSWERED
        # Answered on the day of the first answer: a later one (work in progress now done) keeps it.
        locked.answered_on = locked.answered_on or timezone.localdate(answer.answered_at)
        locked.save(update_fields=["status", "answered_on"])
        record(
            action="petitions.record_answer",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"status": locked.status, "answer": answer.pk, "outcome": outcome},
        )
    return answer


def rate_answer(answer: Answer, *, by: Actor, rating: str) -> AnswerRating:
    """A delegate of the council rates an answer; rating again replaces the delegate's earlier rating."""
    if rating not in AnswerRating.Rating.values:
        raise ValidationError({"rating": "Chọn mức đánh giá."})
    with transaction.atomic():
        forwarding = _lock(answer.forwarding)
        if not is_delegate_of(by, forwarding.council_id):
            raise PermissionDenied
        user = user_of(by)
        existing = AnswerRating.objects.filter(answer=answer, user=user).first()
        before = {"rating": existing.rating} if existing else None
        rated, _ = AnswerRating.objects.update_or_create(
            answer=answer, user=user, defaults={"rating": rating}
        )
        record(
            action="petitions.rate_answer",
            actor=by,
            obj=answer,
            council=forwarding.council,
            before=before,
            after={"rating": rating},
        )
    return rated


# Reminders and escalation (periodic jobs) --------------------------------------------------------


def send_reminders(on: date) -> list[Forwarding]:
    """Remind each agency once, a few working days (rule ``answer.reminder``) before its answer is due."""
    reminded = []
    candidates = Forwarding.objects.open().filter(reminded_at__isnull=True, due_on__gte=on)
    calendar = WorkingCalendar.for_span(on, on)
    for candidate in candidates.select_related("council"):
        if on < deadline(REMINDER, candidate.due_on, candidate.council, calendar):
            continue
        with transaction.atomic():
            locked = _lock(candidate)
            if locked.reminded_at is not None or locked.status == Forwarding.Status.ANSWERED:
                continue
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
            record(
                action="petitions.remind_forwarding",
                actor=SYSTEM,
                obj=locked,
                council=locked.council,
                after={"due_on": locked.due_on},
            )
            queue_mail(
                "Nhắc hạn trả lời kiến nghị cử tri",
                f"Kiến nghị “{locked.issue}” cần trả lời trước ngày {locked.due_on:%d/%m/%Y}.",
                [locked.agency.email],
            )
        reminded.append(locked)
    return reminded


def _next_level(forwarding: Forwarding, on: date, calendar: WorkingCalendar) -> int | None:
    """The escalation level due on ``on``: the superior on the first overdue day (the standing committee
    when there is none), the standing committee after ``answer.escalation`` more working days."""
    if forwarding.escalated_at is not None and timezone.localdate(forwarding.escalated_at) >= on:
        return None  # at most one step a day: running the job twice changes nothing
    if forwarding.escalation == Forwarding.Escalation.NONE:
        if forwarding.agency.superior_id is not None:
            return Forwarding.Escalation.SUPERIOR
        return Forwarding.Escalation.STANDING_COMMITTEE
    again = forwarding.escalation == Forwarding.Escalation.SUPERIOR
    if again and on > deadline(ESCALATION, forwarding.due_on, forwarding.council, calendar):
        return Forwarding.Escalation.STANDING_COMMITTEE
    return None


def escalate_overdue(on: date) -> list[Forwarding]:
    """Tell the agency's superior, then the standing committee, about answers past their due date."""
    escalated = []
    calendar = WorkingCalendar.for_span(on, on)
    candidates = Forwarding.objects.overdue(on).filter(
        escalation__lt=Forwarding.Escalation.STANDING_COMMITTEE
    )
    for candidate in candidates.select_related("council", "agency"):
        with transaction.atomic():
            locked = _lock(candidate)
            level = None if locked.status == Forwarding.Status.ANSWERED else _next_level(locked, on, calendar)
            if level is None:
                continue
            before = {"escalation": locked.escalation}
            locked.escalation, locked.escalated_at = level, timezone.now()
            locked.save(update_fields=["escalation", "escalated_at"])
            record(
                action="petitions.escalate_forwarding",
                actor=SYSTEM,
                obj=locked,
                council=locked.council,
                before=before,
                after={"escalation": level, "days_overdue": locked.days_overdue(on)},
            )
            superior = locked.agency.superior
            to = [superior.email if superior else ""] if level == 1 else [locked.council.email]
            queue_mail(
                "Kiến nghị cử tri quá hạn trả lời",
                f"{locked.agency} chưa trả lời kiến nghị “{locked.issue}”, hạn {locked.due_on:%d/%m/%Y}.",
                [*to, locked.agency.email],
            )
        escalated.append(locked)
    return escalated
