"""Resolutions over the JSON API, scoped like the pages.

Reading needs VIEW (drafts only for those with MANAGE_RESOLUTIONS), writing MANAGE_RESOLUTIONS; the
province's review needs REVIEW_RESOLUTIONS over the commune, the commune's response MANAGE_RESOLUTIONS.
``/public/...`` endpoints need no login and show only published and later statuses. Writes call the
same actions as the pages; a rule they break answers 422 with the Vietnamese message.
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, REVIEW_RESOLUTIONS, VIEW, can, scope_of
from hdnd.api.errors import FORBIDDEN, ErrorOut, get_or_error, run
from hdnd.api.schemas import NfcIn
from hdnd.councils.models import Agency, Council
from hdnd.sittings.models import Session

from . import actions, followup, review
from .models import Attachment, Kind, Link, Resolution, ResolutionReview, ResolutionTask, ReviewStatus
from .models import Status as State
from .register import CappedPageNumberPagination, Filters, filtered, with_below

router = Router(tags=["Nghị quyết"])
PAGE = {"page_size": 50, "max_page_size": 100}
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ResolutionOut(Schema):
    id: int
    council_id: int
    council_name: str
    session_id: int | None
    kind: str
    year: int | None
    number: int | None
    symbol: str
    title: str
    field: str
    status: str
    status_label: str
    adopted_on: dt.date | None
    issued_on: dt.date | None
    published_on: dt.date | None
    effective_on: dt.date | None
    ended_on: dt.date | None
    public_url: str | None

    @staticmethod
    def resolve_council_name(obj: Resolution) -> str:
        return obj.council.name

    @staticmethod
    def resolve_status_label(obj: Resolution) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_public_url(obj: Resolution) -> str | None:
        return obj.get_public_url() if obj.is_public else None


class LinkOut(Schema):
    source_id: int
    target_id: int
    kind: str


class AttachmentOut(Schema):
    id: int
    title: str
    uploaded_at: dt.datetime


class ResolutionDetailOut(ResolutionOut):
    text: str
    signer_name: str
    signer_title: str
    signer_capacity: str
    publication_deadline: dt.date | None
    publication_warning: str
    links_out: list[LinkOut]
    links_in: list[LinkOut]
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_publication_deadline(obj: Resolution) -> dt.date | None:
        return obj.publication_deadline()

    @staticmethod
    def resolve_publication_warning(obj: Resolution) -> str:
        return obj.publication_warning()

    @staticmethod
    def resolve_links_out(obj: Resolution) -> list[Link]:
        return list(obj.links_out.all())

    @staticmethod
    def resolve_links_in(obj: Resolution) -> list[Link]:
        return list(obj.links_in.all())

    @staticmethod
    def resolve_attachments(obj: Resolution) -> list[Attachment]:
        return list(obj.attachments.all())


class ResolutionIn(NfcIn):
    title: str = Field(..., max_length=2000)
    kind: Kind = Kind.INDIVIDUAL
    field: str = Field("", max_length=120)
    text: str = ""
    session_id: int | None = None
    signer_name: str = Field("", max_length=120)


class ResolutionPatch(NfcIn):
    title: str | None = Field(None, max_length=2000)
    field: str | None = Field(None, max_length=120)
    text: str | None = None
    signer_name: str | None = Field(None, max_length=120)
    effective_on: dt.date | None = None


class AdoptIn(NfcIn):
    adopted_on: dt.date
    issued_on: dt.date | None = None
    number: int | None = Field(None, ge=1)


class DayIn(NfcIn):
    on: dt.date


class StatusIn(NfcIn):
    status: State
    on: dt.date


class LinkIn(NfcIn):
    target_id: int
    kind: Link.Kind


class TaskOut(Schema):
    id: int
    resolution_id: int
    requirement: str
    agency_id: int | None
    agency_name: str
    due_on: dt.date
    done_on: dt.date | None
    report: str
    overdue: bool

    @staticmethod
    def resolve_agency_name(obj: ResolutionTask) -> str:
        return obj.who

    @staticmethod
    def resolve_overdue(obj: ResolutionTask) -> bool:
        return obj.is_overdue()


class TaskIn(NfcIn):
    requirement: str
    due_on: dt.date
    agency_id: int | None = None
    agency_name: str = Field("", max_length=200)


class TaskDoneIn(NfcIn):
    done_on: dt.date
    report: str = ""


class ReviewOut(Schema):
    id: int
    council_id: int
    reviewing_council_id: int
    resolution_id: int
    status: str
    findings: str
    findings_on: dt.date | None
    response: str
    response_on: dt.date | None


class ReviewTextIn(NfcIn):
    text: str
    on: dt.date


class RegisterQuery(Schema):
    q: str = ""
    year: int | None = None
    field: str = ""
    kind: str = ""
    status: str = ""


def resolution_for(request: HttpRequest, resolution_id: int, action: str) -> Resolution:
    """The resolution if the user may ``action`` it: 404 outside scope, 403 for a draft to a non-manager."""
    queryset = Resolution.objects.select_related("council")
    resolution = get_or_error(request, queryset, resolution_id, action)
    if resolution.status == State.DRAFT and not can(request.user, resolution.council_id, MANAGE_RESOLUTIONS):
        raise HttpError(403, FORBIDDEN)
    return resolution


def _filters(query: RegisterQuery) -> Filters:
    return Filters(query.q, query.year, query.field, query.kind, query.status)


# Staff -------------------------------------------------------------------------------------------


@router.get("/councils/{council_id}/resolutions", response={200: list[ResolutionOut], **ERRORS})
@paginate(CappedPageNumberPagination, **PAGE)
def resolution_list(
    request: HttpRequest, council_id: int, query: Query[RegisterQuery]
) -> QuerySet[Resolution]:
    """The council's resolutions, newest first (drafts only for those who manage them)."""
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    queryset = filtered([council.pk], _filters(query), public=False)
    if not can(request.user, council, MANAGE_RESOLUTIONS):
        queryset = queryset.exclude(status=State.DRAFT)
    return queryset


@router.post("/councils/{council_id}/resolutions", response={201: ResolutionDetailOut, **ERRORS})
def resolution_create(request: HttpRequest, council_id: int, payload: ResolutionIn) -> Status[Any]:
    council = get_or_error(request, Council.objects.all(), council_id, MANAGE_RESOLUTIONS, "pk")
    data = payload.dict()
    session_id = data.pop("session_id")
    session = Session.objects.filter(pk=session_id, council=council).first() if session_id else None
    if session_id and session is None:
        return Status(422, {"detail": "Kỳ họp này không thuộc HĐND đang chọn.", "errors": {}})
    return run(lambda: actions.draft_resolution(council, by=request.user, session=session, **data))


@router.get("/resolutions/{resolution_id}", response={200: ResolutionDetailOut, **ERRORS})
def resolution_detail(request: HttpRequest, resolution_id: int) -> Resolution:
    return resolution_for(request, resolution_id, VIEW)


@router.patch("/resolutions/{resolution_id}", response={200: ResolutionDetailOut, **ERRORS})
def resolution_update(request: HttpRequest, resolution_id: int, payload: ResolutionPatch) -> Status[Any]:
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    changes = payload.dict(exclude_unset=True)
    return run(lambda: actions.edit_resolution(resolution, by=request.user, **changes), 200)


@router.post("/resolutions/{resolution_id}/adopt", response={200: ResolutionDetailOut, **ERRORS})
def resolution_adopt(request: HttpRequest, resolution_id: int, payload: AdoptIn) -> Status[Any]:
    """Adopt a draft: it gets the next number of its council's series for the issue year."""
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    return run(lambda: actions.adopt_resolution(resolution, by=request.user, **payload.dict()), 200)


@router.post("/resolutions/{resolution_id}/publish", response={200: ResolutionDetailOut, **ERRORS})
def resolution_publish(request: HttpRequest, resolution_id: int, payload: DayIn) -> Status[Any]:
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    return run(lambda: actions.publish_resolution(resolution, by=request.user, published_on=payload.on), 200)


@router.post("/resolutions/{resolution_id}/status", response={200: ResolutionDetailOut, **ERRORS})
def resolution_status(request: HttpRequest, resolution_id: int, payload: StatusIn) -> Status[Any]:
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    return run(lambda: actions.set_status(resolution, payload.status, by=request.user, on=payload.on), 200)


@router.post("/resolutions/{resolution_id}/links", response={201: LinkOut, **ERRORS})
def resolution_link(request: HttpRequest, resolution_id: int, payload: LinkIn) -> Status[Any]:
    """This resolution amends, replaces or annuls another (of the same council or one directly below)."""
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    target = Resolution.objects.filter(pk=payload.target_id).first()
    if target is None or target.status == State.DRAFT:
        return Status(422, {"detail": "Không tìm thấy nghị quyết bị tác động.", "errors": {}})
    return run(lambda: actions.link_resolutions(resolution, target, payload.kind, by=request.user))


# Follow-up ---------------------------------------------------------------------------------------


@router.get("/resolutions/{resolution_id}/tasks", response={200: list[TaskOut], **ERRORS})
def resolution_tasks(request: HttpRequest, resolution_id: int) -> list[ResolutionTask]:
    resolution = resolution_for(request, resolution_id, VIEW)
    return list(resolution.tasks.select_related("agency"))


@router.post("/resolutions/{resolution_id}/tasks", response={201: TaskOut, **ERRORS})
def resolution_task_create(request: HttpRequest, resolution_id: int, payload: TaskIn) -> Status[Any]:
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    data = payload.dict()
    agency_id = data.pop("agency_id")
    agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None
    return run(lambda: followup.add_task(resolution, by=request.user, agency=agency, **data))


@router.post("/resolution-tasks/{task_id}/done", response={200: TaskOut, **ERRORS})
def resolution_task_done(request: HttpRequest, task_id: int, payload: TaskDoneIn) -> Status[Any]:
    task = get_or_error(request, ResolutionTask.objects.select_related("agency"), task_id, MANAGE_RESOLUTIONS)
    return run(lambda: followup.complete_task(task, by=request.user, **payload.dict()), 200)


# Provincial review -------------------------------------------------------------------------------


@router.post("/resolutions/{resolution_id}/reviews", response={201: ReviewOut, **ERRORS})
def resolution_review_start(request: HttpRequest, resolution_id: int) -> Status[Any]:
    resolution = resolution_for(request, resolution_id, REVIEW_RESOLUTIONS)
    return run(lambda: review.start_review(resolution, by=request.user))


@router.get("/resolution-reviews/{review_id}", response={200: ReviewOut, **ERRORS})
def resolution_review_detail(request: HttpRequest, review_id: int) -> ResolutionReview:
    return get_or_error(request, ResolutionReview.objects.all(), review_id, VIEW)


@router.get("/councils/{council_id}/resolution-reviews", response={200: list[ReviewOut], **ERRORS})
def resolution_review_list(request: HttpRequest, council_id: int, closed: bool = False) -> Any:
    """The reviews of the communes' resolutions that ``council`` (a province) has under way, or with
    ``closed`` also the finished ones: as the review board, for those who may review the communes."""
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    ids = review.reviewable_ids(request.user, council)
    if not ids and not scope_of(request.user).is_system_admin:
        raise HttpError(403, FORBIDDEN)
    reviews = ResolutionReview.objects.filter(council_id__in=ids).order_by("-pk")
    return list(reviews if closed else reviews.exclude(status=ReviewStatus.CLOSED))


@router.post("/resolution-reviews/{review_id}/findings", response={200: ReviewOut, **ERRORS})
def resolution_review_findings(request: HttpRequest, review_id: int, payload: ReviewTextIn) -> Status[Any]:
    item = get_or_error(request, ResolutionReview.objects.all(), review_id, REVIEW_RESOLUTIONS)
    return run(
        lambda: review.record_findings(item, by=request.user, findings=payload.text, on=payload.on), 200
    )


@router.post("/resolution-reviews/{review_id}/response", response={200: ReviewOut, **ERRORS})
def resolution_review_response(request: HttpRequest, review_id: int, payload: ReviewTextIn) -> Status[Any]:
    item = get_or_error(request, ResolutionReview.objects.all(), review_id, MANAGE_RESOLUTIONS)
    return run(
        lambda: review.record_response(item, by=request.user, response=payload.text, on=payload.on), 200
    )


@router.post("/resolution-reviews/{review_id}/close", response={200: ReviewOut, **ERRORS})
def resolution_review_close(request: HttpRequest, review_id: int) -> Status[Any]:
    item = get_or_error(request, ResolutionReview.objects.all(), review_id, REVIEW_RESOLUTIONS)
    return run(lambda: review.close_review(item, by=request.user), 200)


# Public, no login --------------------------------------------------------------------------------


@router.get("/public/councils/{council_id}/resolutions", response=list[ResolutionOut], auth=None)
@paginate(CappedPageNumberPagination, **PAGE)
def public_resolution_list(
    request: HttpRequest, council_id: int, query: Query[RegisterQuery], below: bool = False
) -> QuerySet[Resolution]:
    """The public register: published and later; ``below`` adds the communes."""
    council = get_object_or_404(Council, pk=council_id)
    ids = with_below(council) if below else [council.pk]
    return filtered(ids, _filters(query), public=True)


@router.get("/public/resolutions/{resolution_id}", response=ResolutionDetailOut, auth=None)
def public_resolution_detail(request: HttpRequest, resolution_id: int) -> Resolution:
    return get_object_or_404(Resolution.objects.public().select_related("council"), pk=resolution_id)


from . import api_files  # noqa: E402

ROUTERS = [router, api_files.router]
