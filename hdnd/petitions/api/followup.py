"""After the answer over the JSON API: forwarding again, flags for supervision or questioning, carrying
open issues over to a later cycle, earlier issues an issue repeats, and work in progress.

Scoped like the pages (``views.followup``): reading needs VIEW, every change MANAGE_PETITIONS. Writes call
``actions.followup``, like the pages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.petitions import followup
from hdnd.petitions.actions import followup as actions
from hdnd.petitions.models import Answer, PetitionIssue
from hdnd.petitions.permissions import council_for, cycle_for, forwarding_for, issue_for

from .forwarding import ForwardingOut, IssueAnswerOut, forwardings_with_answers, reloaded_forwarding

router = Router(tags=["Chuyển, trả lời và theo dõi kiến nghị"])
PAGE = {"page_size": 50, "max_page_size": 100}


# Schemas -----------------------------------------------------------------------------------------


class IssueFlagOut(Schema):
    id: int
    flag: str
    flag_note: str


class CarriedIssueOut(Schema):
    id: int
    cycle_id: int
    title: str
    carried_from_id: int | None


class ReforwardIn(NfcIn):
    note: str


class IssueFlagIn(NfcIn):
    flag: str = ""
    note: str = ""


class IssueCarryOverIn(Schema):
    target: int


class EarlierIssueOut(Schema):
    id: int
    cycle_id: int
    title: str
    score: float


class EarlierIssueLinkIn(Schema):
    earlier: int


@router.post(
    "/forwardings/{forwarding_id}/reforward/",
    response={201: ForwardingOut, **ERRORS},
    summary="Chuyển lại kiến nghị sau trả lời chưa đạt",
)
def reforward_forwarding(request: HttpRequest, forwarding_id: int, payload: ReforwardIn) -> Status[Any]:
    found = forwarding_for(request, forwarding_id, MANAGE_PETITIONS, forwardings_with_answers())
    return Status(201, reloaded_forwarding(actions.reforward(found, by=request.user, note=payload.note)))


@router.post(
    "/issues/{issue_id}/flag/",
    response={200: IssueFlagOut, **ERRORS},
    summary="Đưa kiến nghị vào giám sát, chất vấn (hoặc bỏ)",
)
def flag_issue(request: HttpRequest, issue_id: int, payload: IssueFlagIn) -> PetitionIssue:
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    return actions.flag_issue(issue, by=request.user, flag=payload.flag, note=payload.note)


@router.post(
    "/cycles/{cycle_id}/carry-over/",
    response={201: list[CarriedIssueOut], **ERRORS},
    summary="Chuyển kiến nghị chưa giải quyết sang đợt sau",
)
def carry_over_cycle(request: HttpRequest, cycle_id: int, payload: IssueCarryOverIn) -> Status[Any]:
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    target = followup.next_cycles(cycle).filter(pk=payload.target).first()
    if target is None:
        raise ValidationError({"target": ["Chọn một đợt tiếp xúc sau đợt này của cùng HĐND."]})
    return Status(201, actions.carry_over(cycle, target, by=request.user))


@router.get(
    "/issues/{issue_id}/earlier/",
    response=list[EarlierIssueOut],
    summary="Kiến nghị đợt trước mà kiến nghị này có thể nêu lại",
)
def list_earlier(request: HttpRequest, issue_id: int) -> list[dict[str, Any]]:
    issue = issue_for(request, issue_id, VIEW)
    return [
        {"id": found.pk, "cycle_id": found.cycle_id, "title": found.title, "score": score}
        for found, score in followup.suggest_earlier(issue)
    ]


@router.post(
    "/issues/{issue_id}/earlier/",
    response={200: CarriedIssueOut, **ERRORS},
    summary="Gắn kiến nghị với kiến nghị đã nêu ở đợt trước",
)
def link_earlier(request: HttpRequest, issue_id: int, payload: EarlierIssueLinkIn) -> PetitionIssue:
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    earlier = PetitionIssue.objects.filter(pk=payload.earlier).first()
    if earlier is None:
        raise ValidationError({"earlier": ["Chọn kiến nghị đã xác nhận ở một đợt trước của cùng HĐND."]})
    return actions.link_earlier(issue, earlier, by=request.user)


@router.get(
    "/councils/{council_id}/in-progress/",
    response=list[IssueAnswerOut],
    summary="Kiến nghị đang giải quyết (có lộ trình)",
)
@paginate(PageNumberPagination, **PAGE)
def list_in_progress(request: HttpRequest, council_id: int) -> QuerySet[Answer]:
    council = council_for(request, council_id, VIEW)
    return followup.in_progress([council.pk]).prefetch_related("ratings")
