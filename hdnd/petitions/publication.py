"""Publishing answers to voters (công khai kết quả trả lời, NQLT 72/2025 Art. 51) and what the public sees.

Staff publish a confirmed issue once an agency has answered it; from then on the public pages, the
lookup by a meeting's code and every source meeting show its answers. What is public is exactly: the
published issues, the answers recorded up to the moment of publication (a later answer shows once
staff publish again), the petition texts, places, meeting dates and places and delegates' names.
Never who entered a petition, never a draft or an unpublished issue.

Results must be published within ``council_petition.publish_results`` working days (15) after the
answer deadline ends; ``publication_due`` gives that date for an issue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from hdnd.core.audit import record
from hdnd.core.calendar import WorkingCalendar, deadline
from hdnd.core.models import Rule

from .models import Answer, Cycle, PetitionIssue

PUBLISH_RESULTS = "council_petition.publish_results"

ACTION_LABELS: dict[str, str] = {
    "petitions.publish_issue": "Công khai kết quả trả lời kiến nghị",
    "petitions.unpublish_issue": "Thôi công khai kết quả trả lời kiến nghị",
    "petitions.publish_cycle_answers": "Công khai các kiến nghị đã trả lời của đợt",
}

NOT_CONFIRMED = (
    "Kiến nghị “{title}” chưa được xác nhận; chỉ công khai kiến nghị đã xác nhận và đã có trả lời."
)
NO_ANSWER = "Kiến nghị “{title}” chưa có cơ quan nào trả lời; chưa thể công khai."
ALREADY = "Kiến nghị “{title}” đã được công khai và không có trả lời mới."
NOT_PUBLISHED = "Kiến nghị “{title}” chưa được công khai."


# Which issues may be published --------------------------------------------------------------------


def _answers_of_issue() -> QuerySet[Answer]:
    return Answer.objects.filter(forwarding__issue=OuterRef("pk"))


def with_publication_state(issues: QuerySet[PetitionIssue]) -> QuerySet[PetitionIssue]:
    """Annotate ``has_answer`` and ``has_new_answer`` (answered after it was published)."""
    newer = _answers_of_issue().filter(answered_at__gt=OuterRef("published_at"))
    return issues.annotate(has_answer=Exists(_answers_of_issue()), has_new_answer=Exists(newer))


def publishable(issues: QuerySet[PetitionIssue]) -> QuerySet[PetitionIssue]:
    """Confirmed, answered issues not published yet, or published before their latest answer."""
    return (
        with_publication_state(issues)
        .filter(Q(has_answer=True), status=PetitionIssue.Status.CONFIRMED)
        .filter(Q(published_at__isnull=True) | Q(has_new_answer=True))
    )


def published(issues: QuerySet[PetitionIssue] | None = None) -> QuerySet[PetitionIssue]:
    """The issues the public may see."""
    issues = PetitionIssue.objects.all() if issues is None else issues
    return issues.filter(published_at__isnull=False, status=PetitionIssue.Status.CONFIRMED)


def _check_publishable(locked: PetitionIssue) -> None:
    if locked.status != PetitionIssue.Status.CONFIRMED:
        raise ValidationError(NOT_CONFIRMED.format(title=locked.title))
    answers = Answer.objects.filter(forwarding__issue=locked)
    if not answers.exists():
        raise ValidationError(NO_ANSWER.format(title=locked.title))
    if locked.published_at is not None and not answers.filter(answered_at__gt=locked.published_at).exists():
        raise ValidationError(ALREADY.format(title=locked.title))


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


# Actions ------------------------------------------------------------------------------------------


def publish_issue(issue: PetitionIssue, *, by: Any) -> PetitionIssue:
    """Publish a confirmed, answered issue; publishing again makes a later answer public too."""
    with transaction.atomic():
        locked = (
            PetitionIssue.objects.select_for_update(of=("self",)).select_related("council").get(pk=issue.pk)
        )
        _check_publishable(locked)
        before = {"published_at": locked.published_at}
        locked.published_at, locked.published_by = timezone.now(), _user(by)
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


def unpublish_issue(issue: PetitionIssue, *, by: Any) -> PetitionIssue:
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


def publish_cycle_answers(cycle: Cycle, *, by: Any) -> int:
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
        PetitionIssue.objects.filter(pk__in=ids).update(published_at=now, published_by=_user(by))
        record(
            action="petitions.publish_cycle_answers",
            actor=by,
            obj=cycle,
            council=cycle.council,
            after={"issues": sorted(ids), "published_at": now},
        )
    return len(ids)


# Deadline -----------------------------------------------------------------------------------------


def publication_due(issue: PetitionIssue, calendar: WorkingCalendar | None = None) -> date | None:
    """The last day to publish the results: 15 working days (the rule) after the latest answer deadline.

    None while the issue has not been forwarded, or when the rules table lacks the rule.
    """
    last_due = issue.forwardings.aggregate(last=Max("due_on"))["last"]
    if last_due is None:
        return None
    try:
        return deadline(PUBLISH_RESULTS, last_due, issue.council, calendar)
    except Rule.DoesNotExist:
        return None


def is_publication_late(issue: PetitionIssue, due: date | None, today: date | None = None) -> bool:
    """Published after ``due``, or still unpublished once ``due`` has passed."""
    if due is None:
        return False
    if issue.published_at is not None:
        return timezone.localdate(issue.published_at) > due
    return (today or timezone.localdate()) > due


# What the public sees -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicAnswer:
    """One agency's answer as published: no names of staff, nothing recorded after publication."""

    agency: str
    outcome: str
    outcome_label: str
    text: str
    answered_on: date
    target_date: date | None
    reason_label: str


def public_answers(issues: Iterable[PetitionIssue]) -> dict[int, list[PublicAnswer]]:
    """For each published issue, each forwarding's latest answer recorded up to publication (one query)."""
    when = {issue.pk: issue.published_at for issue in issues if issue.published_at is not None}
    latest: dict[tuple[int, int], Answer] = {}
    answers = (
        Answer.objects.filter(forwarding__issue_id__in=when)
        .select_related("forwarding__agency")
        .order_by("answered_at", "pk")
    )
    for answer in answers:
        issue_id = answer.forwarding.issue_id
        published_at = when[issue_id]
        if published_at is not None and answer.answered_at <= published_at:
            latest[(issue_id, answer.forwarding_id)] = answer
    found: dict[int, list[PublicAnswer]] = {pk: [] for pk in when}
    for (issue_id, _), answer in sorted(latest.items(), key=lambda item: (item[1].answered_at, item[1].pk)):
        found[issue_id].append(
            PublicAnswer(
                agency=answer.forwarding.agency.name,
                outcome=answer.outcome,
                outcome_label=answer.get_outcome_display(),
                text=answer.text,
                answered_on=timezone.localdate(answer.answered_at),
                target_date=answer.target_date,
                reason_label=answer.get_reason_display() if answer.reason else "",
            )
        )
    return found
