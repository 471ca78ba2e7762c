"""Publishing answers to voters (công khai kết quả trả lời, NQLT 72/2025 Art. 51): publish an issue, take
it off, or publish every answered issue of a cycle. ``publication`` says what the public sees."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hdnd.core.audit import Actor, record
from hdnd.petitions.actions import user_of
from hdnd.petitions.models import Answer, Cycle, PetitionIssue
from hdnd.petitions.publication import publishable

NOT_CONFIRMED = (
    "Kiến nghị “{title}” chưa được xác nhận; chỉ công khai kiến nghị đã xác nhận và đã có trả lời."
)
NO_ANSWER = "Kiến nghị “{title}” chưa có cơ quan nào trả lời; chưa thể công khai."
ALREADY = "Kiến nghị “{title}” đã được công khai và không có trả lời mới."
NOT_PUBLISHED = "Kiến nghị “{title}” chưa được công khai."


def _check_publishable(locked: PetitionIssue) -> None:
    if locked.status != PetitionIssue.Status.CONFIRMED:
        raise ValidationError(NOT_CONFIRMED.format(title=locked.title))
    answers = Answer.objects.filter(forwarding__issue=locked)
    if not answers.exists():
        raise ValidationError(NO_ANSWER.format(title=locked.title))
    if locked.published_at is not None and not answers.filter(answered_at__gt=locked.published_at).exists():
        raise ValidationError(ALREADY.format(title=locked.title))


def publish_issue(issue: PetitionIssue, *, by: Actor) -> PetitionIssue:
    """Publish a confirmed, answered issue; publishing again makes a later answer public too."""
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        _check_publishable(locked)
        before = {"published_at": locked.published_at}
        locked.published_at, locked.published_by = timezone.now(), user_of(by)
        locked.save(update_fields=["published_at", "published_by"])
        answers = sorted(Answer.objects.filter(forwarding__issue=locked).values_list("pk", flat=True))
        record(
            action="petitions.publish_issue",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"published_at": locked.published_at, "answers": answers},
        )
    return locked


def unpublish_issue(issue: PetitionIssue, *, by: Actor) -> PetitionIssue:
    """Take an issue's answers off the public pages (e.g. published by mistake)."""
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        if locked.published_at is None:
            raise ValidationError(NOT_PUBLISHED.format(title=locked.title))
        before = {"published_at": locked.published_at, "published_by": locked.published_by_id}
        locked.published_at, locked.published_by = None, None
        locked.save(update_fields=["published_at", "published_by"])
        record(
            action="petitions.unpublish_issue",
            actor=by,
            obj=locked,
            council=locked.council,
            before=before,
            after={"published_at": None},
        )
    return locked


def publish_cycle_answers(cycle: Cycle, *, by: Actor) -> int:
    """Publish every confirmed, answered issue of the cycle not yet public (or with a new answer).

    One audit entry on the cycle lists the issues; the count is returned (0 writes nothing).
    """
    with transaction.atomic():
        candidates = list(publishable(cycle.issues.all()).values_list("pk", flat=True))
        # Lock by primary key (FOR UPDATE does not mix with the EXISTS annotations everywhere), then
        # check again: another member of staff may have published some of them meanwhile.
        locked = PetitionIssue.objects.select_for_update().filter(pk__in=candidates).order_by("pk")
        ids = list(
            publishable(
                PetitionIssue.objects.filter(pk__in=list(locked.values_list("pk", flat=True)))
            ).values_list("pk", flat=True)
        )
        if not ids:
            return 0
        now = timezone.now()
        PetitionIssue.objects.filter(pk__in=ids).update(published_at=now, published_by=user_of(by))
        record(
            action="petitions.publish_cycle_answers",
            actor=by,
            obj=cycle,
            council=cycle.council,
            after={"issues": sorted(ids), "published_at": now},
        )
    return len(ids)
