"""After the answer: forwarding again, flags for supervision or questioning, carrying open issues over
to a later cycle, linking an issue to an earlier one, and the reminder on an answer's target date.
``followup`` holds the queries (what is open, what may be forwarded again, the history)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.core.audit import Actor, record
from hdnd.core.outbox import queue_mail
from hdnd.core.text import nfc
from hdnd.petitions.followup import (
    earlier_candidates,
    in_progress,
    next_cycles,
    open_issues,
    reforward_reasons,
)
from hdnd.petitions.models import TEXT_MAX, Answer, Cycle, Forwarding, IssueFlag, PetitionIssue

from .forwarding import SYSTEM, forward_issue


def reforward(forwarding: Forwarding, *, by: Actor, note: str, on: date | None = None) -> Forwarding:
    """Forward an issue again to the same agency after an answer that was not good enough."""
    note = nfc(note or "")
    if not note:
        raise ValidationError({"note": "Nhập lý do chuyển lại (nội dung cần cơ quan trả lời thêm)."})
    if len(note) > TEXT_MAX:
        raise ValidationError({"note": f"Lý do dài quá {TEXT_MAX:,} ký tự.".replace(",", ".")})
    with transaction.atomic():
        locked = (
            Forwarding.objects.select_for_update(of=("self",)).select_related("agency").get(pk=forwarding.pk)
        )
        if not reforward_reasons(locked):
            raise ValidationError(
                "Chỉ chuyển lại khi cơ quan đã trả lời mà kết quả chưa xong hoặc đại biểu đánh giá chưa "
                "thỏa đáng, và kiến nghị chưa được chuyển lại."
            )
        (made,) = forward_issue(locked.issue, [locked.agency], by=by, on=on, reforward_of=locked, note=note)
    return made


def flag_issue(issue: PetitionIssue, *, by: Actor, flag: str, note: str = "") -> PetitionIssue:
    """Put an issue on the supervision or questioning list (or take it off with an empty flag)."""
    note = nfc(note or "")
    if flag and flag not in IssueFlag.values:
        raise ValidationError({"flag": "Chọn giám sát hoặc chất vấn."})
    if len(note) > TEXT_MAX:
        raise ValidationError({"flag_note": f"Ghi chú dài quá {TEXT_MAX:,} ký tự.".replace(",", ".")})
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        if locked.is_draft:
            raise ValidationError("Xác nhận kiến nghị trước khi đưa vào giám sát hoặc chất vấn.")
        before = {"flag": locked.flag, "flag_note": locked.flag_note}
        locked.flag, locked.flag_note = flag, note if flag else ""
        locked.save(update_fields=["flag", "flag_note"])
        record(
            action="petitions.flag_issue",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"flag": locked.flag, "flag_note": locked.flag_note},
        )
    return locked


def carry_over(source: Cycle, target: Cycle, *, by: Actor) -> list[PetitionIssue]:
    """Carry the source cycle's open issues over to a later cycle, once each, linked to their history."""
    if not next_cycles(source).filter(pk=target.pk).exists():
        raise ValidationError({"target": "Chọn một đợt tiếp xúc sau đợt này của cùng HĐND."})
    with transaction.atomic():
        Cycle.objects.select_for_update().get(pk=target.pk)  # two staff carrying over at once: one wins
        already = set(
            PetitionIssue.objects.filter(cycle=target, carried_from__isnull=False).values_list(
                "carried_from_id", flat=True
            )
        )
        pending = [issue for issue in open_issues(source) if issue.pk not in already]
        if not pending:
            raise ValidationError("Không còn kiến nghị chưa giải quyết nào cần chuyển sang đợt này.")
        carried = PetitionIssue.objects.bulk_create(
            PetitionIssue(
                council_id=target.council_id,
                cycle=target,
                title=issue.title,
                summary=issue.summary,
                field_id=issue.field_id,
                competence=issue.competence,
                agency_id=issue.agency_id,
                status=PetitionIssue.Status.CONFIRMED,
                carried_from=issue,
            )
            for issue in pending
        )
        record(
            action="petitions.carry_over",
            actor=by,
            obj=target,
            council=target.council,
            after={
                "from_cycle": source.pk,
                "issues": {o.pk: n.pk for o, n in zip(pending, carried, strict=True)},
            },
        )
    return carried


def link_earlier(issue: PetitionIssue, earlier: PetitionIssue, *, by: Actor) -> PetitionIssue:
    """Record that an issue repeats one of an earlier cycle, so its page shows that history."""
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",))
            .select_related("council", "cycle")
            .get(pk=issue.pk)
        )
        if locked.carried_from_id is not None:
            raise ValidationError("Kiến nghị này đã được gắn với một kiến nghị đợt trước.")
        if not earlier_candidates(locked).filter(pk=earlier.pk).exists():
            raise ValidationError("Chỉ gắn với kiến nghị đã xác nhận ở một đợt trước của cùng HĐND.")
        locked.carried_from = earlier
        locked.save(update_fields=["carried_from"])
        record(
            action="petitions.link_earlier",
            actor=by,
            obj=locked,
            council=locked.council,
            after={"carried_from": earlier.pk},
        )
    return locked


def remind_in_progress(on: date) -> list[Answer]:
    """Once, on its target date, ask the agency to report on work it said was in progress."""
    reminded = []
    for candidate in in_progress(None).filter(target_date__lte=on, follow_up_reminded_at__isnull=True):
        with transaction.atomic():
            locked = Answer.objects.select_for_update().get(pk=candidate.pk)
            if locked.follow_up_reminded_at is not None:
                continue
            locked.follow_up_reminded_at = timezone.now()
            locked.save(update_fields=["follow_up_reminded_at"])
            forwarding = candidate.forwarding
            record(
                action="petitions.remind_in_progress",
                actor=SYSTEM,
                obj=forwarding,
                council=forwarding.council,
                after={"answer": locked.pk, "target_date": locked.target_date},
            )
            queue_mail(
                "Đề nghị báo cáo kết quả giải quyết kiến nghị cử tri",
                f"Kiến nghị “{forwarding.issue}” có lộ trình hoàn thành ngày {locked.target_date:%d/%m/%Y}. "
                "Đề nghị cơ quan báo cáo kết quả giải quyết.",
                [forwarding.agency.email],
            )
        reminded.append(locked)
    return reminded
