"""JSON API of publishing answers, mounted at /api/v1/ by hdnd.api.main.

Two public operations need no authentication (``auth=None``) and return only what the public pages
show: a meeting looked up by its code (throttled per client address like the page: 429 past the
limit, 404 for a wrong code), and the published answers of a cycle. Three staff operations publish
an issue, take it off, or publish every answered issue of a cycle; they need MANAGE_PETITIONS in the
issue's council (404 outside scope, 403 without the right, 422 with the Vietnamese message).
"""

import datetime as dt
from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_PETITIONS
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS, ErrorOut
from hdnd.petitions import publication
from hdnd.petitions.actions import publication as publishing
from hdnd.petitions.models import Cycle, PetitionIssue
from hdnd.petitions.permissions import cycle_for, issue_for

router = Router(tags=["Công khai kết quả trả lời kiến nghị"])

PAGE = {"page_size": 50, "max_page_size": 100}


class PublicAnswerOut(Schema):
    agency: str
    outcome: str
    outcome_label: str
    text: str
    answered_on: dt.date
    target_date: dt.date | None
    reason_label: str


class PublicPetitionOut(Schema):
    text: str
    voter_place: str
    delegate: str | None
    answers: list[PublicAnswerOut]
    waiting: bool


class VoterMeetingLookupOut(Schema):
    council: str
    cycle: str
    date: dt.date
    place_text: str
    place: str | None
    kind_label: str
    delegates: list[str]
    petitions: list[PublicPetitionOut]


class PublishedIssueOut(Schema):
    id: int
    title: str
    summary: str
    field: str | None
    competence_label: str
    published_at: dt.datetime
    answers: list[PublicAnswerOut]

    @staticmethod
    def resolve_field(obj: PetitionIssue) -> str | None:
        return obj.field.name if obj.field else None

    @staticmethod
    def resolve_competence_label(obj: PetitionIssue) -> str:
        return obj.get_competence_display() if obj.competence else ""

    @staticmethod
    def resolve_answers(obj: PetitionIssue) -> list[Any]:
        return getattr(obj, "public_answers", [])


class IssuePublicationOut(Schema):
    id: int
    published: bool
    published_at: dt.datetime | None
    publication_due: dt.date | None

    @staticmethod
    def resolve_published(obj: PetitionIssue) -> bool:
        return obj.is_published

    @staticmethod
    def resolve_publication_due(obj: PetitionIssue) -> dt.date | None:
        return publication.publication_due(obj)


class PublishedCountOut(Schema):
    published: int


# Public ------------------------------------------------------------------------------------------


@router.get(
    "/public/meetings/{code}/",
    response={200: VoterMeetingLookupOut, 404: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Tra cứu kết quả trả lời theo mã buổi tiếp xúc (công khai)",
)
def public_lookup_meeting(request: HttpRequest, code: str) -> Status[Any]:
    """``code``: as printed (8 characters); case, spaces and dashes do not matter."""
    if publication.lookup_throttled(request):
        return Status(429, {"detail": publication.TOO_MANY})
    meeting = publication.meeting_by_code(code)
    if meeting is None:
        return Status(404, {"detail": publication.WRONG_CODE.format(code=code.strip()[:40])})
    results = publication.meeting_results(meeting)
    petitions = [
        {
            "text": petition.text,
            "voter_place": petition.voter_place,
            "delegate": petition.delegate.full_name if petition.delegate else None,
            "answers": [asdict(answer) for answer in answers],
            "waiting": not answers,
        }
        for petition, answers in results["rows"]
    ]
    return Status(
        200,
        {
            "council": meeting.council.name,
            "cycle": str(meeting.cycle),
            "date": meeting.date,
            "place_text": meeting.place_text,
            "place": meeting.place.name if meeting.place else None,
            "kind_label": meeting.get_kind_display(),
            "delegates": results["delegates"],
            "petitions": petitions,
        },
    )


@router.get(
    "/public/cycles/{cycle_id}/answers/",
    response=list[PublishedIssueOut],
    auth=None,
    summary="Kết quả trả lời đã công khai của một đợt (công khai)",
)
@paginate(PageNumberPagination, **PAGE)
def public_cycle_answers(request: HttpRequest, cycle_id: int) -> Any:
    if not Cycle.objects.filter(pk=cycle_id).exists():
        raise Http404
    return _WithAnswers(publication.public_issues(PetitionIssue.objects.filter(cycle_id=cycle_id)))


class _WithAnswers:
    """Published issues that get their public answers attached once the paginator slices a page."""

    def __init__(self, queryset: QuerySet[PetitionIssue]) -> None:
        self.queryset = queryset

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: slice) -> list[PetitionIssue]:
        issues = list(self.queryset[index])
        answers = publication.public_answers(issues)
        for issue in issues:
            issue.public_answers = [asdict(a) for a in answers.get(issue.pk, [])]  # type: ignore[attr-defined]
        return issues


# Staff -------------------------------------------------------------------------------------------


@router.post(
    "/issues/{issue_id}/publish/",
    response={200: IssuePublicationOut, **ERRORS},
    summary="Công khai kết quả trả lời một kiến nghị",
)
def publish_issue(request: HttpRequest, issue_id: int) -> PetitionIssue:
    """Only a confirmed issue with at least one answer; again after a new answer to make it public."""
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    return publishing.publish_issue(issue, by=request.user)


@router.post(
    "/issues/{issue_id}/unpublish/",
    response={200: IssuePublicationOut, **ERRORS},
    summary="Thôi công khai một kiến nghị",
)
def unpublish_issue(request: HttpRequest, issue_id: int) -> PetitionIssue:
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    return publishing.unpublish_issue(issue, by=request.user)


@router.post(
    "/cycles/{cycle_id}/publish/",
    response={200: PublishedCountOut, **ERRORS},
    summary="Công khai mọi kiến nghị đã trả lời của một đợt",
)
def publish_cycle_answers(request: HttpRequest, cycle_id: int) -> Status[Any]:
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    return Status(200, {"published": publishing.publish_cycle_answers(cycle, by=request.user)})
