"""Forwarding over the JSON API: forwarding an issue to agencies, the letter number, the agency's list,
overdue forwardings, acknowledging and answering, and delegates' ratings.

Scoped like the pages (``views.forwarding``, loaders in ``permissions``): reading needs VIEW; forwarding
needs MANAGE_PETITIONS; acknowledging and answering need MANAGE_PETITIONS or the agency's own responder
seat (a responder of another agency gets 404); rating needs a delegate's seat in the council. Writes call
``actions.forwarding``, like the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, Prefetch, QuerySet, When
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Agency
from hdnd.petitions.actions import forwarding
from hdnd.petitions.models import Answer, AnswerRating, Forwarding
from hdnd.petitions.permissions import (
    answer_to_rate,
    answering_agency_for,
    answering_forwarding_for,
    council_for,
    forwarding_for,
    forwardings_seen_by,
    issue_for,
)

router = Router(tags=["Chuyển, trả lời và theo dõi kiến nghị"])
PAGE = {"page_size": 50, "max_page_size": 100}


class AnswerRatingOut(Schema):
    rating: str
    rated_at: dt.datetime


class IssueAnswerOut(Schema):
    id: int
    forwarding_id: int
    text: str
    outcome: str
    outcome_label: str
    target_date: dt.date | None
    reason: str
    has_document: bool
    answered_at: dt.datetime
    ratings: list[AnswerRatingOut]

    @staticmethod
    def resolve_outcome_label(obj: Answer) -> str:
        return obj.get_outcome_display()

    @staticmethod
    def resolve_has_document(obj: Answer) -> bool:
        return bool(obj.document)

    @staticmethod
    def resolve_ratings(obj: Answer) -> list[AnswerRating]:
        return list(obj.ratings.all())


class ForwardingOut(Schema):
    id: int
    council_id: int
    issue_id: int
    issue_title: str
    agency_id: int
    agency_name: str
    status: str
    sent_on: dt.date
    due_on: dt.date
    answered_on: dt.date | None  # the day of the first answer
    overdue: bool
    escalation: int
    reforward_of_id: int | None
    note: str
    letter_number: str
    answers: list[IssueAnswerOut]

    @staticmethod
    def resolve_issue_title(obj: Forwarding) -> str:
        return obj.issue.title

    @staticmethod
    def resolve_agency_name(obj: Forwarding) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_overdue(obj: Forwarding) -> bool:
        return obj.days_overdue(timezone.localdate()) > 0

    @staticmethod
    def resolve_answers(obj: Forwarding) -> list[Answer]:
        return list(obj.answers.all())


class IssueForwardIn(NfcIn):
    agencies: list[int]
    letter_number: str = ""


class ForwardingLetterNumberIn(NfcIn):
    letter_number: str


class IssueAnswerIn(NfcIn):
    outcome: str
    text: str
    target_date: dt.date | None = None
    reason: str = ""


class AnswerRatingIn(Schema):
    rating: str


def forwardings_with_answers(base: QuerySet[Forwarding] | None = None) -> QuerySet[Forwarding]:
    answers = Answer.objects.prefetch_related(Prefetch("ratings", AnswerRating.objects.order_by("pk")))
    base = Forwarding.objects.all() if base is None else base
    return base.select_related("issue", "agency").prefetch_related(Prefetch("answers", answers))


def reloaded_forwarding(made: Forwarding) -> Forwarding:
    return forwardings_with_answers().get(pk=made.pk)


@router.get(
    "/issues/{issue_id}/forwardings/", response=list[ForwardingOut], summary="Các lần chuyển một kiến nghị"
)
def list_issue_forwardings(request: HttpRequest, issue_id: int) -> QuerySet[Forwarding]:
    issue = issue_for(request, issue_id, VIEW)
    forwardings = forwardings_with_answers().filter(issue=issue).order_by("pk")
    return forwardings_seen_by(request.user, issue.council_id, forwardings)


@router.post(
    "/issues/{issue_id}/forwardings/",
    response={201: list[ForwardingOut], **ERRORS},
    summary="Chuyển kiến nghị đến một hoặc nhiều cơ quan",
)
def forward_issue(request: HttpRequest, issue_id: int, payload: IssueForwardIn) -> Status[Any]:
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    agencies = list(Agency.objects.filter(pk__in=payload.agencies, council_id=issue.council_id))
    if not payload.agencies or len(agencies) != len(set(payload.agencies)):
        raise ValidationError({"agencies": ["Chọn cơ quan đang hoạt động của HĐND này để chuyển kiến nghị."]})
    made = forwarding.forward_issue(issue, agencies, by=request.user, letter_number=payload.letter_number)
    return Status(201, list(forwardings_with_answers().filter(pk__in=[f.pk for f in made]).order_by("pk")))


@router.put(
    "/forwardings/{forwarding_id}/letter-number/",
    response={200: ForwardingOut, **ERRORS},
    summary="Ghi số công văn chuyển kiến nghị",
)
def record_letter_number(
    request: HttpRequest, forwarding_id: int, payload: ForwardingLetterNumberIn
) -> Forwarding:
    found = forwarding_for(request, forwarding_id, MANAGE_PETITIONS, forwardings_with_answers())
    made = forwarding.record_letter_number(found, by=request.user, letter_number=payload.letter_number)
    return reloaded_forwarding(made)


@router.get(
    "/councils/{council_id}/overdue/", response=list[ForwardingOut], summary="Kiến nghị quá hạn trả lời"
)
@paginate(PageNumberPagination, **PAGE)
def list_overdue(request: HttpRequest, council_id: int) -> QuerySet[Forwarding]:
    council = council_for(request, council_id, VIEW)
    return forwardings_with_answers(Forwarding.objects.overdue(timezone.localdate())).filter(council=council)


@router.get(
    "/agencies/{agency_id}/forwardings/",
    response=list[ForwardingOut],
    summary="Kiến nghị chuyển đến một cơ quan (chưa trả lời trước)",
)
@paginate(PageNumberPagination, **PAGE)
def list_agency_forwardings(request: HttpRequest, agency_id: int) -> QuerySet[Forwarding]:
    agency = answering_agency_for(request, agency_id)
    answered_last = Case(When(status=Forwarding.Status.ANSWERED, then=1), default=0)
    return forwardings_with_answers().filter(agency=agency).order_by(answered_last, "due_on", "pk")


@router.post(
    "/forwardings/{forwarding_id}/acknowledge/",
    response={200: ForwardingOut, **ERRORS},
    summary="Cơ quan xác nhận đã nhận kiến nghị",
)
def acknowledge_forwarding(request: HttpRequest, forwarding_id: int) -> Forwarding:
    found = answering_forwarding_for(request, forwarding_id, forwardings_with_answers())
    return reloaded_forwarding(forwarding.acknowledge_forwarding(found, by=request.user))


@router.post(
    "/forwardings/{forwarding_id}/answers/",
    response={201: IssueAnswerOut, **ERRORS},
    summary="Cơ quan trả lời kiến nghị",
)
def answer_forwarding(request: HttpRequest, forwarding_id: int, payload: IssueAnswerIn) -> Status[Any]:
    found = answering_forwarding_for(request, forwarding_id, forwardings_with_answers())
    return Status(201, forwarding.record_answer(found, by=request.user, **payload.dict()))


@router.post(
    "/answers/{answer_id}/rating/",
    response={200: AnswerRatingOut, **ERRORS},
    summary="Đại biểu đánh giá trả lời",
)
def rate_answer(request: HttpRequest, answer_id: int, payload: AnswerRatingIn) -> AnswerRating:
    found = answer_to_rate(request, answer_id)
    return forwarding.rate_answer(found, by=request.user, rating=payload.rating)
