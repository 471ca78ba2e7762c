"""A council's resolutions over the JSON API, scoped like the pages (``permissions``).

Reading needs VIEW (drafts only for those with MANAGE_RESOLUTIONS), writing MANAGE_RESOLUTIONS. Writes
call the same actions as the pages; a rule they break reaches ``hdnd/api/main.py`` as a ValidationError
and answers 422 with the Vietnamese message. The review is in ``review``, the public register in
``public``, the files in ``files``.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_RESOLUTIONS, VIEW, can
from hdnd.core.paging import CappedPageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Agency
from hdnd.resolutions import actions, followup
from hdnd.resolutions.models import Attachment, Kind, Link, Resolution, ResolutionTask
from hdnd.resolutions.models import Status as State
from hdnd.resolutions.permissions import council_for, resolution_for, resolution_task_for
from hdnd.resolutions.register import Filters, filtered
from hdnd.sittings.models import Session

router = Router(tags=["Nghị quyết"])
PAGE = {"page_size": 50, "max_page_size": 100}


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


class ResolutionLinkOut(Schema):
    source_id: int
    target_id: int
    kind: str


class ResolutionAttachmentOut(Schema):
    id: int
    title: str
    uploaded_at: dt.datetime


class ResolutionDetailOut(ResolutionOut):
    text: str
    text_file: str | None
    signer_name: str
    signer_title: str
    signer_capacity: str
    publication_deadline: dt.date | None
    publication_warning: str
    links_out: list[ResolutionLinkOut]
    links_in: list[ResolutionLinkOut]
    attachments: list[ResolutionAttachmentOut]

    @staticmethod
    def resolve_text_file(obj: Resolution) -> str | None:
        """The API path of the uploaded text (.docx or signed .pdf), None when there is none."""
        return reverse("api:resolution_text_file", args=[obj.pk]) if obj.text_file else None

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


class ResolutionAdoptIn(NfcIn):
    adopted_on: dt.date
    issued_on: dt.date | None = None
    number: int | None = Field(None, ge=1)


class ResolutionDayIn(NfcIn):
    on: dt.date


class ResolutionStatusIn(NfcIn):
    status: State
    on: dt.date


class ResolutionLinkIn(NfcIn):
    target_id: int
    kind: Link.Kind


class ResolutionTaskOut(Schema):
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


class ResolutionTaskIn(NfcIn):
    requirement: str
    due_on: dt.date
    agency_id: int | None = None
    agency_name: str = Field("", max_length=200)


class ResolutionTaskDoneIn(NfcIn):
    done_on: dt.date
    report: str = ""


class ResolutionRegisterQuery(Schema):
    q: str = ""
    year: int | None = None
    field: str = ""
    kind: str = ""
    status: str = ""


def register_filters(query: ResolutionRegisterQuery) -> Filters:
    return Filters(query.q, query.year, query.field, query.kind, query.status)


# Staff -------------------------------------------------------------------------------------------


@router.get("/councils/{council_id}/resolutions", response={200: list[ResolutionOut], **ERRORS})
@paginate(CappedPageNumberPagination, **PAGE)
def resolution_list(
    request: HttpRequest, council_id: int, query: Query[ResolutionRegisterQuery]
) -> QuerySet[Resolution]:
    """The council's resolutions, newest first (drafts only for those who manage them)."""
    council = council_for(request, council_id, VIEW)
    queryset = filtered([council.pk], register_filters(query), public=False)
    if not can(request.user, council, MANAGE_RESOLUTIONS):
        queryset = queryset.exclude(status=State.DRAFT)
    return queryset


@router.post("/councils/{council_id}/resolutions", response={201: ResolutionDetailOut, **ERRORS})
def resolution_create(request: HttpRequest, council_id: int, payload: ResolutionIn) -> Status[Any]:
    council = council_for(request, council_id, MANAGE_RESOLUTIONS)
    data = payload.dict()
    session_id = data.pop("session_id")
    session = Session.objects.filter(pk=session_id, council=council).first() if session_id else None
    if session_id and session is None:
        raise ValidationError({"session_id": ["Kỳ họp này không thuộc HĐND đang chọn."]})
    return Status(201, actions.draft_resolution(council, by=request.user, session=session, **data))


@router.get("/resolutions/{resolution_id}", response={200: ResolutionDetailOut, **ERRORS})
def resolution_detail(request: HttpRequest, resolution_id: int) -> Resolution:
    return resolution_for(request, resolution_id, VIEW)


@router.patch("/resolutions/{resolution_id}", response={200: ResolutionDetailOut, **ERRORS})
def resolution_update(request: HttpRequest, resolution_id: int, payload: ResolutionPatch) -> Any:
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    changes = payload.dict(exclude_unset=True)
    return actions.edit_resolution(resolution, by=request.user, **changes)


@router.post("/resolutions/{resolution_id}/adopt", response={200: ResolutionDetailOut, **ERRORS})
def resolution_adopt(request: HttpRequest, resolution_id: int, payload: ResolutionAdoptIn) -> Any:
    """Adopt a draft: it gets the next number of its council's series for the issue year."""
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    return actions.adopt_resolution(resolution, by=request.user, **payload.dict())


@router.post("/resolutions/{resolution_id}/publish", response={200: ResolutionDetailOut, **ERRORS})
def resolution_publish(request: HttpRequest, resolution_id: int, payload: ResolutionDayIn) -> Any:
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    return actions.publish_resolution(resolution, by=request.user, published_on=payload.on)


@router.post("/resolutions/{resolution_id}/status", response={200: ResolutionDetailOut, **ERRORS})
def resolution_status(request: HttpRequest, resolution_id: int, payload: ResolutionStatusIn) -> Any:
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    return actions.set_status(resolution, payload.status, by=request.user, on=payload.on)


@router.post("/resolutions/{resolution_id}/links", response={201: ResolutionLinkOut, **ERRORS})
def resolution_link(request: HttpRequest, resolution_id: int, payload: ResolutionLinkIn) -> Status[Any]:
    """This resolution amends, replaces or annuls another (of the same council or one directly below)."""
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    target = Resolution.objects.filter(pk=payload.target_id).first()
    if target is None or target.status == State.DRAFT:
        raise ValidationError({"target_id": ["Không tìm thấy nghị quyết bị tác động."]})
    return Status(201, actions.link_resolutions(resolution, target, payload.kind, by=request.user))


# Follow-up ---------------------------------------------------------------------------------------


@router.get("/resolutions/{resolution_id}/tasks", response={200: list[ResolutionTaskOut], **ERRORS})
def resolution_tasks(request: HttpRequest, resolution_id: int) -> list[ResolutionTask]:
    resolution = resolution_for(request, resolution_id, VIEW)
    return list(resolution.tasks.select_related("agency"))


@router.post("/resolutions/{resolution_id}/tasks", response={201: ResolutionTaskOut, **ERRORS})
def resolution_task_create(
    request: HttpRequest, resolution_id: int, payload: ResolutionTaskIn
) -> Status[Any]:
    resolution = resolution_for(request, resolution_id, MANAGE_RESOLUTIONS)
    data = payload.dict()
    agency_id = data.pop("agency_id")
    agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None
    return Status(201, followup.add_task(resolution, by=request.user, agency=agency, **data))


@router.post("/resolution-tasks/{task_id}/done", response={200: ResolutionTaskOut, **ERRORS})
def resolution_task_done(request: HttpRequest, task_id: int, payload: ResolutionTaskDoneIn) -> Any:
    task = resolution_task_for(request, task_id, MANAGE_RESOLUTIONS)
    return followup.complete_task(task, by=request.user, **payload.dict())
