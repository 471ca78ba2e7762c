"""Synthesis over the JSON API: a cycle's issues, synthesising its new petitions (at once, or as a
background run for a large cycle, with its progress), and the review steps (confirm, move, split, mark
duplicate, merge).

Scoped like the synthesis page: reading needs VIEW, every change MANAGE_PETITIONS. Writes call
``actions.synthesis``; a rule they break answers 422 with the Vietnamese message.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS
from hdnd.petitions.actions import synthesis as actions
from hdnd.petitions.models import Petition, PetitionIssue, SynthesisRun
from hdnd.petitions.permissions import cycle_for, issue_for, petition_for, run_for

from .entry import PetitionOut

router = Router(tags=["Tiếp xúc cử tri, ý kiến, kiến nghị"])

PAGE = {"page_size": 50, "max_page_size": 100}
CHOOSE_DRAFT = "Chọn một kiến nghị dự thảo khác của cùng đợt."


class PetitionOriginOut(Schema):
    """Where a petition of an issue came from: its source, meeting or lower council, and the voters."""

    id: int
    source: str
    source_label: str
    meeting_id: int | None
    from_council_id: int | None
    voter_place: str
    status: str
    text: str

    @staticmethod
    def resolve_source_label(obj: Petition) -> str:
        return obj.get_source_display()


class PetitionIssueOut(Schema):
    id: int
    council_id: int
    cycle_id: int
    title: str
    summary: str
    field_id: int | None
    competence: str
    status: str
    status_label: str
    carried_from_id: int | None
    petitions: list[PetitionOriginOut]

    @staticmethod
    def resolve_status_label(obj: PetitionIssue) -> str:
        return obj.get_status_display()


class SynthesisRunOut(Schema):
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


class PetitionMoveIn(Schema):
    issue: int


class IssueMergeIn(Schema):
    other: int


def _issues() -> QuerySet[PetitionIssue]:
    origins = Petition.objects.order_by("pk")
    return PetitionIssue.objects.prefetch_related(Prefetch("petitions", queryset=origins)).order_by("pk")


def _other_draft(cycle_id: int, pk: int, exclude: int | None) -> PetitionIssue | None:
    """Another draft issue of the same cycle: the only choices the pages offer for move and merge."""
    drafts = PetitionIssue.objects.filter(cycle_id=cycle_id, status=PetitionIssue.Status.DRAFT)
    if exclude is not None:
        drafts = drafts.exclude(pk=exclude)
    return drafts.filter(pk=pk).first()


def _reloaded(issue: PetitionIssue) -> PetitionIssue:
    return _issues().get(pk=issue.pk)


@router.get(
    "/cycles/{cycle_id}/issues/", response=list[PetitionIssueOut], summary="Kiến nghị đã tổng hợp của một đợt"
)
@paginate(PageNumberPagination, **PAGE)
def list_issues(request: HttpRequest, cycle_id: int) -> QuerySet[PetitionIssue]:
    """Each issue with the petitions it groups and where they came from."""
    cycle = cycle_for(request, cycle_id, VIEW)
    return _issues().filter(cycle=cycle)


@router.post(
    "/cycles/{cycle_id}/synthesize/",
    response={201: list[PetitionIssueOut], **ERRORS},
    summary="Tổng hợp các ý kiến mới thành kiến nghị (dự thảo)",
)
def synthesize_cycle(request: HttpRequest, cycle_id: int) -> Status[Any]:
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    made = actions.synthesize_cycle(cycle.council, cycle, by=request.user)
    return Status(201, list(_issues().filter(pk__in=[issue.pk for issue in made])))


@router.post(
    "/issues/{issue_id}/confirm/", response={200: PetitionIssueOut, **ERRORS}, summary="Xác nhận kiến nghị"
)
def confirm_issue(request: HttpRequest, issue_id: int) -> PetitionIssue:
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    return _reloaded(actions.confirm_issue(issue, by=request.user))


@router.post(
    "/petitions/{petition_id}/move/",
    response={200: PetitionOut, **ERRORS},
    summary="Chuyển ý kiến sang kiến nghị dự thảo khác",
)
def move_petition(request: HttpRequest, petition_id: int, payload: PetitionMoveIn) -> Petition:
    petition = petition_for(request, petition_id, MANAGE_PETITIONS)
    target = _other_draft(petition.cycle_id, payload.issue, exclude=petition.issue_id)
    if target is None:
        raise ValidationError({"issue": [CHOOSE_DRAFT]})
    return actions.move_petition(petition, target, by=request.user)


@router.post(
    "/petitions/{petition_id}/split/",
    response={201: PetitionIssueOut, **ERRORS},
    summary="Tách ý kiến thành kiến nghị riêng",
)
def split_petition(request: HttpRequest, petition_id: int) -> Status[Any]:
    """Answers the new draft issue."""
    petition = petition_for(request, petition_id, MANAGE_PETITIONS)
    return Status(201, _reloaded(actions.split_petition_out(petition, by=request.user)))


@router.post(
    "/petitions/{petition_id}/duplicate/",
    response={200: PetitionOut, **ERRORS},
    summary="Đánh dấu ý kiến trùng, lưu theo dõi",
)
def mark_duplicate(request: HttpRequest, petition_id: int) -> Petition:
    petition = petition_for(request, petition_id, MANAGE_PETITIONS)
    return actions.mark_duplicate_kept(petition, by=request.user)


@router.post(
    "/issues/{issue_id}/merge/",
    response={200: PetitionIssueOut, **ERRORS},
    summary="Gộp một kiến nghị dự thảo khác vào kiến nghị này",
)
def merge_issues(request: HttpRequest, issue_id: int, payload: IssueMergeIn) -> PetitionIssue:
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    other = _other_draft(issue.cycle_id, payload.other, exclude=issue.pk)
    if other is None:
        raise ValidationError({"other": [CHOOSE_DRAFT]})
    return _reloaded(actions.merge_issues(issue, other, by=request.user))


@router.post(
    "/cycles/{cycle_id}/synthesis-runs/",
    response={202: SynthesisRunOut, **ERRORS},
    summary="Tổng hợp nền các ý kiến mới (đợt lớn)",
)
def start_synthesis(request: HttpRequest, cycle_id: int) -> Status[Any]:
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    return Status(202, actions.start_synthesis(cycle.council, cycle, by=request.user))


@router.get("/synthesis-runs/{run_id}/", response=SynthesisRunOut, summary="Tiến độ tổng hợp nền")
def get_synthesis_run(request: HttpRequest, run_id: int) -> SynthesisRun:
    return run_for(request, run_id, VIEW)
