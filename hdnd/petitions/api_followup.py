"""The second half of a petition's life over the JSON API: forwarding, answers, ratings, follow-up.

Scoped like the pages (``views.py``, ``views_followup.py``): reading needs VIEW; forwarding, flags,
re-forwarding, carry-over and background synthesis need MANAGE_PETITIONS; acknowledging and answering
need MANAGE_PETITIONS or the agency's own responder seat (a responder of another agency gets 404);
rating needs a delegate's seat in the council. Writes call the same actions as the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Prefetch, QuerySet, When
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from hdnd.accounts.scope import ANSWER_PETITIONS, MANAGE_PETITIONS, VIEW, can
from hdnd.api.errors import FORBIDDEN, NOT_FOUND, ErrorOut, get_or_error, refused, run
from hdnd.api.schemas import NfcIn
from hdnd.councils.models import Agency, Council

from . import background, followup, forwarding
from .models import Answer, AnswerRating, Cycle, Forwarding, PetitionIssue, SynthesisRun

router = Router(tags=["Chuyển, trả lời và theo dõi kiến nghị"])
PAGE = {"page_size": 50, "max_page_size": 100}


# Schemas -----------------------------------------------------------------------------------------


class RatingOut(Schema):
    rating: str
    rated_at: dt.datetime


class AnswerOut(Schema):
    id: int
    forwarding_id: int
    text: str
    outcome: str
    outcome_label: str
    target_date: dt.date | None
    reason: str
    has_document: bool
    answered_at: dt.datetime
    ratings: list[RatingOut]

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
    overdue: bool
    escalation: int
    reforward_of_id: int | None
    note: str
    letter_number: str
    answers: list[AnswerOut]

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


class FlagOut(Schema):
    id: int
    flag: str
    flag_note: str


class CarriedOut(Schema):
    id: int
    cycle_id: int
    title: str
    carried_from_id: int | None


class RunOut(Schema):
    id: int
    cycle_id: int
    status: str
    total: int
    done: int
    percent: int
    issues_created: int
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


class ForwardIn(NfcIn):
    agencies: list[int]
    letter_number: str = ""


class LetterNumberIn(NfcIn):
    letter_number: str


class AnswerIn(NfcIn):
    outcome: str
    text: str
    target_date: dt.date | None = None
    reason: str = ""


class RatingIn(Schema):
    rating: str


class NoteIn(NfcIn):
    note: str


class FlagIn(NfcIn):
    flag: str = ""
    note: str = ""


class CarryOverIn(Schema):
    target: int


class EarlierOut(Schema):
    id: int
    cycle_id: int
    title: str
    score: float


class LinkEarlierIn(Schema):
    earlier: int


# Helpers -----------------------------------------------------------------------------------------


def _forwardings(base: QuerySet[Forwarding] | None = None) -> QuerySet[Forwarding]:
    answers = Answer.objects.prefetch_related(Prefetch("ratings", AnswerRating.objects.order_by("pk")))
    base = Forwarding.objects.all() if base is None else base
    return base.select_related("issue", "agency").prefetch_related(Prefetch("answers", answers))


def _answering(request: HttpRequest, pk: int) -> Forwarding:
    """A forwarding the user may acknowledge or answer: 404 for another agency's responder, else 403."""
    found = get_or_error(request, _forwardings(), pk, VIEW)
    if can(request.user, found.council_id, MANAGE_PETITIONS):
        return found
    if forwarding.responds_for(request.user, found.agency_id):
        return found
    if can(request.user, found.council_id, ANSWER_PETITIONS):
        raise HttpError(404, NOT_FOUND)
    raise HttpError(403, FORBIDDEN)


def _reloaded(made: Forwarding) -> Forwarding:
    return _forwardings().get(pk=made.pk)


# Forwarding and answers --------------------------------------------------------------------------


@router.get(
    "/issues/{issue_id}/forwardings/", response=list[ForwardingOut], summary="Các lần chuyển một kiến nghị"
)
def list_issue_forwardings(request: HttpRequest, issue_id: int) -> QuerySet[Forwarding]:
    issue = get_or_error(request, PetitionIssue.objects.all(), issue_id, VIEW)
    return _forwardings().filter(issue=issue).order_by("pk")


@router.post(
    "/issues/{issue_id}/forwardings/",
    response={201: list[ForwardingOut], 422: ErrorOut},
    summary="Chuyển kiến nghị đến một hoặc nhiều cơ quan",
)
def forward_issue(request: HttpRequest, issue_id: int, payload: ForwardIn) -> Status[Any]:
    issue = get_or_error(request, PetitionIssue.objects.all(), issue_id, MANAGE_PETITIONS)
    agencies = list(Agency.objects.filter(pk__in=payload.agencies, council_id=issue.council_id))
    if not payload.agencies or len(agencies) != len(set(payload.agencies)):
        return refused({"agencies": ["Chọn cơ quan đang hoạt động của HĐND này để chuyển kiến nghị."]})

    def forward() -> list[Forwarding]:
        made = forwarding.forward_issue(issue, agencies, by=request.user, letter_number=payload.letter_number)
        return list(_forwardings().filter(pk__in=[f.pk for f in made]).order_by("pk"))

    return run(forward)


@router.put(
    "/forwardings/{forwarding_id}/letter-number/",
    response={200: ForwardingOut, 422: ErrorOut},
    summary="Ghi số công văn chuyển kiến nghị",
)
def record_letter_number(request: HttpRequest, forwarding_id: int, payload: LetterNumberIn) -> Status[Any]:
    found = get_or_error(request, _forwardings(), forwarding_id, MANAGE_PETITIONS)
    return run(
        lambda: _reloaded(
            forwarding.record_letter_number(found, by=request.user, letter_number=payload.letter_number)
        ),
        200,
    )


@router.get(
    "/councils/{council_id}/overdue/", response=list[ForwardingOut], summary="Kiến nghị quá hạn trả lời"
)
@paginate(PageNumberPagination, **PAGE)
def list_overdue(request: HttpRequest, council_id: int) -> QuerySet[Forwarding]:
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    return _forwardings(Forwarding.objects.overdue(timezone.localdate())).filter(council=council)


@router.get(
    "/agencies/{agency_id}/forwardings/",
    response=list[ForwardingOut],
    summary="Kiến nghị chuyển đến một cơ quan (chưa trả lời trước)",
)
@paginate(PageNumberPagination, **PAGE)
def list_agency_forwardings(request: HttpRequest, agency_id: int) -> QuerySet[Forwarding]:
    agency = get_or_error(request, Agency.objects.all(), agency_id, VIEW)
    if not (
        can(request.user, agency.council_id, MANAGE_PETITIONS)
        or forwarding.responds_for(request.user, agency.pk)
    ):
        if can(request.user, agency.council_id, ANSWER_PETITIONS):
            raise HttpError(404, NOT_FOUND)
        raise HttpError(403, FORBIDDEN)
    answered_last = Case(When(status=Forwarding.Status.ANSWERED, then=1), default=0)
    return _forwardings().filter(agency=agency).order_by(answered_last, "due_on", "pk")


@router.post(
    "/forwardings/{forwarding_id}/acknowledge/",
    response={200: ForwardingOut, 422: ErrorOut},
    summary="Cơ quan xác nhận đã nhận kiến nghị",
)
def acknowledge_forwarding(request: HttpRequest, forwarding_id: int) -> Status[Any]:
    found = _answering(request, forwarding_id)
    return run(lambda: _reloaded(forwarding.acknowledge_forwarding(found, by=request.user)), 200)


@router.post(
    "/forwardings/{forwarding_id}/answers/",
    response={201: AnswerOut, 422: ErrorOut},
    summary="Cơ quan trả lời kiến nghị",
)
def answer_forwarding(request: HttpRequest, forwarding_id: int, payload: AnswerIn) -> Status[Any]:
    found = _answering(request, forwarding_id)
    return run(lambda: forwarding.record_answer(found, by=request.user, **payload.dict()))


@router.post(
    "/answers/{answer_id}/rating/",
    response={200: RatingOut, 403: ErrorOut, 422: ErrorOut},
    summary="Đại biểu đánh giá trả lời",
)
def rate_answer(request: HttpRequest, answer_id: int, payload: RatingIn) -> Status[Any]:
    found = Answer.objects.select_related("forwarding").filter(pk=answer_id).first()
    if found is None:
        raise HttpError(404, NOT_FOUND)
    get_or_error(request, Forwarding.objects.all(), found.forwarding_id, VIEW)
    if not forwarding.is_delegate_of(request.user, found.forwarding.council_id):
        raise HttpError(403, FORBIDDEN)
    return run(lambda: forwarding.rate_answer(found, by=request.user, rating=payload.rating), 200)


# After the answer --------------------------------------------------------------------------------


@router.post(
    "/forwardings/{forwarding_id}/reforward/",
    response={201: ForwardingOut, 422: ErrorOut},
    summary="Chuyển lại kiến nghị sau trả lời chưa đạt",
)
def reforward_forwarding(request: HttpRequest, forwarding_id: int, payload: NoteIn) -> Status[Any]:
    found = get_or_error(request, _forwardings(), forwarding_id, MANAGE_PETITIONS)
    return run(lambda: _reloaded(followup.reforward(found, by=request.user, note=payload.note)))


@router.post(
    "/issues/{issue_id}/flag/",
    response={200: FlagOut, 422: ErrorOut},
    summary="Đưa kiến nghị vào giám sát, chất vấn (hoặc bỏ)",
)
def flag_issue(request: HttpRequest, issue_id: int, payload: FlagIn) -> Status[Any]:
    issue = get_or_error(request, PetitionIssue.objects.all(), issue_id, MANAGE_PETITIONS)
    return run(lambda: followup.flag_issue(issue, by=request.user, flag=payload.flag, note=payload.note), 200)


@router.post(
    "/cycles/{cycle_id}/carry-over/",
    response={201: list[CarriedOut], 422: ErrorOut},
    summary="Chuyển kiến nghị chưa giải quyết sang đợt sau",
)
def carry_over_cycle(request: HttpRequest, cycle_id: int, payload: CarryOverIn) -> Status[Any]:
    cycle = get_or_error(request, Cycle.objects.all(), cycle_id, MANAGE_PETITIONS)
    target = followup.next_cycles(cycle).filter(pk=payload.target).first()
    if target is None:
        return refused({"target": ["Chọn một đợt tiếp xúc sau đợt này của cùng HĐND."]})
    return run(lambda: followup.carry_over(cycle, target, by=request.user))


@router.get(
    "/issues/{issue_id}/earlier/",
    response=list[EarlierOut],
    summary="Kiến nghị đợt trước mà kiến nghị này có thể nêu lại",
)
def list_earlier(request: HttpRequest, issue_id: int) -> list[dict[str, Any]]:
    issue = get_or_error(request, PetitionIssue.objects.select_related("cycle"), issue_id, VIEW)
    return [
        {"id": found.pk, "cycle_id": found.cycle_id, "title": found.title, "score": score}
        for found, score in followup.suggest_earlier(issue)
    ]


@router.post(
    "/issues/{issue_id}/earlier/",
    response={200: CarriedOut, 422: ErrorOut},
    summary="Gắn kiến nghị với kiến nghị đã nêu ở đợt trước",
)
def link_earlier(request: HttpRequest, issue_id: int, payload: LinkEarlierIn) -> Status[Any]:
    issue = get_or_error(request, PetitionIssue.objects.select_related("cycle"), issue_id, MANAGE_PETITIONS)
    earlier = PetitionIssue.objects.filter(pk=payload.earlier).first()
    if earlier is None:
        return refused({"earlier": ["Chọn kiến nghị đã xác nhận ở một đợt trước của cùng HĐND."]})
    return run(lambda: followup.link_earlier(issue, earlier, by=request.user), 200)


@router.get(
    "/councils/{council_id}/in-progress/",
    response=list[AnswerOut],
    summary="Kiến nghị đang giải quyết (có lộ trình)",
)
@paginate(PageNumberPagination, **PAGE)
def list_in_progress(request: HttpRequest, council_id: int) -> QuerySet[Answer]:
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    return followup.in_progress([council.pk]).prefetch_related("ratings")


# Background synthesis ----------------------------------------------------------------------------


@router.post(
    "/cycles/{cycle_id}/synthesis-runs/",
    response={202: RunOut, 422: ErrorOut},
    summary="Tổng hợp nền các ý kiến mới (đợt lớn)",
)
def start_synthesis(request: HttpRequest, cycle_id: int) -> Status[Any]:
    cycle = get_or_error(request, Cycle.objects.select_related("council"), cycle_id, MANAGE_PETITIONS)
    return run(lambda: background.start_synthesis(cycle.council, cycle, by=request.user), 202)


@router.get("/synthesis-runs/{run_id}/", response=RunOut, summary="Tiến độ tổng hợp nền")
def get_synthesis_run(request: HttpRequest, run_id: int) -> SynthesisRun:
    return get_or_error(request, SynthesisRun.objects.all(), run_id, VIEW)
