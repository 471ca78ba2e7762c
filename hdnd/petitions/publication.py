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

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models import Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from hdnd.core.calendar import WorkingCalendar, deadline
from hdnd.core.models import Rule

from .models import CODE_ALPHABET, CODE_LENGTH, Answer, Forwarding, Petition, PetitionIssue, VoterMeeting

PUBLISH_RESULTS = "council_petition.publish_results"


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


# Actions ------------------------------------------------------------------------------------------


# Deadline -----------------------------------------------------------------------------------------


def publication_due(
    issue: PetitionIssue,
    calendar: WorkingCalendar | None = None,
    forwardings: Iterable[Forwarding] | None = None,
) -> date | None:
    """The last day to publish the results: 15 working days (the rule) after the latest answer deadline.

    None while the issue has not been forwarded, or when the rules table lacks the rule. ``forwardings``:
    every forwarding of the issue, already read (no query for the latest deadline).
    """
    if forwardings is not None:
        last_due = max((f.due_on for f in forwardings), default=None)
    else:
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


# What the public pages and the public API show -------------------------------------------------

# Code lookups per client address and window: a voter needs a few; guessing 31**8 codes needs billions.
LOOKUP_LIMIT = 30


LOOKUP_WINDOW = 10 * 60  # seconds

WRONG_CODE = (
    "Không tìm thấy buổi tiếp xúc cử tri có mã “{code}”. Kiểm tra lại mã in trên biên bản hoặc phiếu "
    "tiếp nhận (8 ký tự, gồm chữ và số)."
)


NO_CODE = "Nhập mã tra cứu in trên biên bản hoặc phiếu tiếp nhận."


TOO_MANY = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút."


TOO_MANY_STATUS = 429


def normalize_code(raw: str) -> str:
    """The code as printed: full-width or NFD input folded, spaces and dashes dropped, upper case."""
    text = unicodedata.normalize("NFKC", raw or "")
    return "".join(ch for ch in text if ch.isalnum()).upper()


def meeting_by_code(raw: str) -> VoterMeeting | None:
    """The meeting whose public code ``raw`` is (typed any way), or None."""
    code = normalize_code(raw)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    queryset = VoterMeeting.objects.select_related("council", "cycle", "place")
    return queryset.filter(code=code).first()


def _client(request: HttpRequest) -> str:
    # Behind a reverse proxy, the proxy must set REMOTE_ADDR (e.g. uwsgi/gunicorn forwarded-allow-ips).
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def lookup_throttled(request: HttpRequest) -> bool:
    """Count one code lookup for the client; True once it has made more than the limit in the window."""
    key = f"petitions:code-lookup:{_client(request)}"
    cache.add(key, 0, LOOKUP_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LOOKUP_WINDOW)
        count = 1
    return count > LOOKUP_LIMIT


def public_petitions() -> QuerySet[Petition]:
    # Only what the public may see: never entered_by (not selected), never status or issue drafts.
    return (
        Petition.objects.select_related("meeting", "meeting__place", "delegate")
        .only(
            "text",
            "voter_place",
            "issue_id",
            "meeting__date",
            "meeting__place_text",
            "meeting__place__name",
            "delegate__full_name",
        )
        .order_by("pk")
    )


def public_issues(issues: QuerySet[PetitionIssue], petitions: QuerySet[Petition] | None = None) -> Any:
    """Published issues with their field, source petitions and published answers (fixed query count)."""
    wanted = public_petitions() if petitions is None else petitions
    return (
        published(issues)
        .select_related("field")
        .prefetch_related(Prefetch("petitions", queryset=wanted, to_attr="public_petitions"))
        .order_by("pk")
    )


def meeting_results(meeting: VoterMeeting) -> dict[str, Any]:
    """A meeting's public facts and, per petition, its published answers (empty: still waiting)."""
    petitions = list(public_petitions().filter(meeting=meeting))
    issue_ids = {p.issue_id for p in petitions if p.issue_id is not None}
    issues = published(PetitionIssue.objects.filter(pk__in=issue_ids)).only("published_at")
    answers = public_answers(issues)
    rows = [(p, answers.get(p.issue_id, []) if p.issue_id else []) for p in petitions]
    return {"meeting": meeting, "delegates": _delegate_names(meeting), "rows": rows}


def _delegate_names(meeting: VoterMeeting) -> list[str]:
    return [person.full_name for person in meeting.delegates.order_by("name_key")]


def __getattr__(name: str) -> Any:
    """The publishing actions live in ``actions.publication``; kept here for tests/browser."""
    if name in ("publish_issue", "unpublish_issue", "publish_cycle_answers"):
        from hdnd.petitions.actions import publication as publishing

        return getattr(publishing, name)
    raise AttributeError(name)
