"""Reception and letters over the JSON API, scoped like the pages (``permissions``): schedules VIEW,
statistics VIEW_WORK, the register and letters MANAGE_RECEPTION. Routers call the same actions.

No schema here has a field for anyone's identity: not the denouncer's (there is none to give), and not
a complainant's or a visitor's either, so nothing the API answers can carry one. Identities are entered
on the page, in sealed mode only.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_RECEPTION, VIEW, VIEW_WORK, visible_council_ids
from hdnd.api.auth import public
from hdnd.core.paging import CappedPageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Agency

from . import actions, attachments
from .models import TEXT_MAX, Host, Letter, LetterKind, Reception, ReceptionSlot
from .permissions import council_for, letter_for, letter_to_read, readable_letters, slot_for
from .stats import Window, compute, councils_with_below
from .views.attachments import attachment_response

router = Router(tags=["Tiếp công dân, đơn thư"])
PAGE = {"page_size": 50, "max_page_size": 100}


class ReceptionSlotOut(Schema):
    id: int
    council_id: int
    kind: str
    host: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    status: str
    status_label: str
    hosts: list[str]
    reported_on: dt.date | None

    @staticmethod
    def resolve_status_label(obj: ReceptionSlot) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_hosts(obj: ReceptionSlot) -> list[str]:
        return [person.full_name for person in obj.hosts.all()]


class ReceptionSlotIn(NfcIn):
    kind: ReceptionSlot.Kind
    host: Host
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str = Field(..., max_length=255)
    notes: str = Field("", max_length=2000)


class ReceptionVisitOut(Schema):
    id: int
    council_id: int
    slot_id: int | None
    received_on: dt.date
    host: str
    visitors: str
    group_size: int
    kind: str
    locality_id: int | None
    content: str
    documents: str
    outcome: str


class ReceptionVisitIn(NfcIn):
    received_on: dt.date
    host: Host
    kind: LetterKind
    content: str = Field(..., max_length=TEXT_MAX)
    outcome: Reception.Outcome
    visitors: Reception.Visitors = Reception.Visitors.ONE
    group_size: int = Field(1, ge=1, le=100_000)
    documents: str = Field("", max_length=2000)
    slot_id: int | None = None


class LetterOut(Schema):
    """A letter as the API shows it: its case, its handling and its deadlines; never a person."""

    id: int
    council_id: int
    code: str
    channel: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    received_on: dt.date
    subject: str
    content: str
    senders: int
    locality_id: int | None
    classify_due: dt.date | None
    earlier_id: int | None
    agency_id: int | None
    forwarded_on: dt.date | None
    slip: str
    response_due: dt.date | None
    answered_on: dt.date | None
    closed_on: dt.date | None
    escalation: int
    petition_id: int | None

    @staticmethod
    def resolve_kind_label(obj: Letter) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj: Letter) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_slip(obj: Letter) -> str:
        return obj.slip_label


class LetterIn(NfcIn):
    """A letter received; a denunciation's content must already be free of the denouncer's identity."""

    channel: Letter.Channel
    received_on: dt.date
    kind: LetterKind
    subject: str = Field(..., max_length=255)
    content: str = Field(..., max_length=TEXT_MAX)
    senders: int = Field(1, ge=1, le=100_000)
    from_body: str = Field("", max_length=255)
    reference: str = Field("", max_length=64)


class LetterClassifyIn(NfcIn):
    kind: LetterKind
    eligible: bool
    reason: str = Field("", max_length=2000)
    earlier_id: int | None = None


class LetterForwardIn(NfcIn):
    agency_id: int
    forwarded_on: dt.date


class LetterAnswerIn(NfcIn):
    answered_on: dt.date
    summary: str = Field(..., max_length=TEXT_MAX)


class LetterGuideIn(NfcIn):
    guided_on: dt.date
    guidance: str = Field(..., max_length=TEXT_MAX)


class LetterKeepIn(NfcIn):
    reason: str = Field(..., max_length=2000)


class LetterProgressOut(Schema):
    """What a citizen sees with a case code: dates and status, no content and no name."""

    code: str
    council: str
    received_on: dt.date
    status: str
    status_label: str
    agency: str
    forwarded_on: dt.date | None
    response_due: dt.date | None
    answered_on: dt.date | None


class ReceptionStatRowOut(Schema):
    label: str
    count: int


class ReceptionStatTableOut(Schema):
    title: str
    rows: list[ReceptionStatRowOut]
    total: int


class ReceptionStatisticsOut(Schema):
    period: str
    label: str
    first: dt.date
    last: dt.date
    council_ids: list[int]
    days_held: int
    citizens: int
    answered: int
    answered_on_time: int
    tables: list[ReceptionStatTableOut]


# Schedules ----------------------------------------------------------------------------------------


@router.get("/councils/{council_id}/reception/slots", response={200: list[ReceptionSlotOut], **ERRORS})
@paginate(CappedPageNumberPagination, **PAGE)
def reception_slot_list(request: HttpRequest, council_id: int) -> QuerySet[ReceptionSlot]:
    """The council's reception schedule, newest first."""
    council = council_for(request, council_id, VIEW)
    return (
        ReceptionSlot.objects.filter(council=council).prefetch_related("hosts").order_by("-starts_at", "-pk")
    )


@router.post("/councils/{council_id}/reception/slots", response={201: ReceptionSlotOut, **ERRORS})
def reception_slot_create(request: HttpRequest, council_id: int, payload: ReceptionSlotIn) -> Status[Any]:
    council = council_for(request, council_id, MANAGE_RECEPTION)
    return Status(201, actions.plan_slot(council, by=request.user, **payload.dict()))


@router.get("/reception/slots/{slot_id}", response={200: ReceptionSlotOut, **ERRORS})
def reception_slot_detail(request: HttpRequest, slot_id: int) -> ReceptionSlot:
    return slot_for(request, slot_id, VIEW)


# The register -------------------------------------------------------------------------------------


@router.get("/councils/{council_id}/reception/visits", response={200: list[ReceptionVisitOut], **ERRORS})
@paginate(CappedPageNumberPagination, **PAGE)
def reception_visit_list(request: HttpRequest, council_id: int) -> QuerySet[Reception]:
    council = council_for(request, council_id, MANAGE_RECEPTION)
    return Reception.objects.filter(council=council).order_by("-received_on", "-pk")


@router.post("/councils/{council_id}/reception/visits", response={201: ReceptionVisitOut, **ERRORS})
def reception_visit_create(request: HttpRequest, council_id: int, payload: ReceptionVisitIn) -> Status[Any]:
    council = council_for(request, council_id, MANAGE_RECEPTION)
    data = payload.dict()
    slot_id = data.pop("slot_id")
    slot = ReceptionSlot.objects.filter(pk=slot_id, council=council).first() if slot_id else None
    if slot_id and slot is None:
        raise ValidationError({"slot_id": ["Lịch tiếp không thuộc HĐND này."]})
    visit = actions.Visit(slot=slot, **data)
    return Status(201, actions.record_reception(council, by=request.user, visit=visit))


# Letters ------------------------------------------------------------------------------------------


@router.get("/councils/{council_id}/letters", response={200: list[LetterOut], **ERRORS})
@paginate(CappedPageNumberPagination, **PAGE)
def letter_list(
    request: HttpRequest, council_id: int, status: Letter.Status | None = None, kind: LetterKind | None = None
) -> QuerySet[Letter]:
    """The council's letters, newest first, optionally by status or kind (a delegate: their receptions')."""
    council = council_for(request, council_id, VIEW)
    rows = readable_letters(request, council)
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-received_on", "-pk")


@router.post("/councils/{council_id}/letters", response={201: LetterOut, **ERRORS})
def letter_create(request: HttpRequest, council_id: int, payload: LetterIn) -> Status[Any]:
    council = council_for(request, council_id, MANAGE_RECEPTION)
    incoming = actions.Incoming(**payload.dict())
    return Status(201, actions.receive_letter(council, by=request.user, incoming=incoming))


@router.get("/letters/{letter_id}", response={200: LetterOut, **ERRORS})
def letter_detail(request: HttpRequest, letter_id: int) -> Letter:
    return letter_to_read(request, letter_id)


class LetterAttachmentOut(Schema):
    id: int
    letter_id: int
    title: str
    sealed: bool
    uploaded_at: dt.datetime


@router.post("/letters/{letter_id}/attachments", response={201: LetterAttachmentOut, **ERRORS})
def letter_attach(
    request: HttpRequest, letter_id: int, file: File[UploadedFile], title: Form[str] = ""
) -> Status[Any]:
    """Attach a scanned letter or a document (multipart: ``file``, ``title``); a denunciation's is sealed,
    or refused when the sealed store is off."""
    letter = letter_for(request, letter_id, MANAGE_RECEPTION)
    return Status(201, attachments.attach_file(letter, by=request.user, title=title, upload=file))


@router.get("/letter-attachments/{attachment_id}", response={200: None, **ERRORS})
def letter_attachment_file(request: HttpRequest, attachment_id: int) -> FileResponse:
    """The file, for whoever reads its letter; a sealed one only for the case's named handlers."""
    return attachment_response(request, attachment_id)


@router.post("/letters/{letter_id}/submit", response={200: LetterOut, **ERRORS})
def letter_submit(request: HttpRequest, letter_id: int) -> Letter:
    return actions.submit_letter(letter_for(request, letter_id, MANAGE_RECEPTION), by=request.user)


@router.post("/letters/{letter_id}/classify", response={200: LetterOut, **ERRORS})
def letter_classify(request: HttpRequest, letter_id: int, payload: LetterClassifyIn) -> Letter:
    letter = letter_for(request, letter_id, MANAGE_RECEPTION)
    data = payload.dict()
    earlier_id = data.pop("earlier_id")
    earlier = Letter.objects.filter(pk=earlier_id, council=letter.council).first() if earlier_id else None
    if earlier_id and earlier is None:
        raise ValidationError({"earlier_id": ["Chọn đơn trước đó của HĐND này."]})
    return actions.classify_letter(letter, by=request.user, earlier=earlier, **data)


@router.post("/letters/{letter_id}/forward", response={200: LetterOut, **ERRORS})
def letter_forward(request: HttpRequest, letter_id: int, payload: LetterForwardIn) -> Letter:
    letter = letter_for(request, letter_id, MANAGE_RECEPTION)
    ids = [letter.council_id, *([letter.council.parent_id] if letter.council.parent_id else [])]
    agency = Agency.objects.filter(pk=payload.agency_id, council_id__in=ids).first()
    if agency is None:
        raise ValidationError({"agency_id": ["Cơ quan này không thuộc HĐND hoặc HĐND cấp trên."]})
    return actions.forward_letter(letter, by=request.user, agency=agency, forwarded_on=payload.forwarded_on)


@router.post("/letters/{letter_id}/answer", response={200: LetterOut, **ERRORS})
def letter_answer(request: HttpRequest, letter_id: int, payload: LetterAnswerIn) -> Letter:
    letter = letter_for(request, letter_id, MANAGE_RECEPTION)
    return actions.answer_letter(letter, by=request.user, **payload.dict())


@router.post("/letters/{letter_id}/guide", response={200: LetterOut, **ERRORS})
def letter_guide(request: HttpRequest, letter_id: int, payload: LetterGuideIn) -> Letter:
    letter = letter_for(request, letter_id, MANAGE_RECEPTION)
    return actions.guide_letter(letter, by=request.user, **payload.dict())


@router.post("/letters/{letter_id}/keep", response={200: LetterOut, **ERRORS})
def letter_keep(request: HttpRequest, letter_id: int, payload: LetterKeepIn) -> Letter:
    letter = letter_for(request, letter_id, MANAGE_RECEPTION)
    return actions.keep_letter(letter, by=request.user, reason=payload.reason)


# Statistics and the citizen's lookup --------------------------------------------------------------


@router.get("/councils/{council_id}/reception/statistics", response={200: ReceptionStatisticsOut, **ERRORS})
def reception_statistics(request: HttpRequest, council_id: int, period: str = "", below: bool = True) -> Any:
    """Counts for a week (2026-W05), month (2026-01), quarter (2026-Q1), half, nine months or year."""
    council = council_for(request, council_id, VIEW_WORK)
    window = Window.parse(period) if period else Window.current_quarter(timezone.localdate())
    councils = councils_with_below(council, visible_council_ids(request.user)) if below else [council]
    stats = compute(councils, window)
    return {
        "period": window.code,
        "label": window.label,
        "first": window.first,
        "last": window.last,
        "council_ids": [c.pk for c in councils],
        "days_held": stats.days_held,
        "citizens": stats.citizens,
        "answered": stats.answered,
        "answered_on_time": stats.on_time,
        "tables": [
            {
                "title": t.title,
                "rows": [{"label": label, "count": n} for label, n in t.rows],
                "total": t.total,
            }
            for t in stats.tables()
        ],
    }


@router.get("/public/letters/{code}", response={200: LetterProgressOut, **ERRORS}, auth=public)
def letter_progress(request: HttpRequest, code: str) -> Any:
    """A letter's progress by its case code, as the public lookup page shows it."""
    from django.http import Http404

    from .views.public import normalize_code

    letter = Letter.objects.filter(code=normalize_code(code)).select_related("council", "agency").first()
    if letter is None:
        raise Http404
    return {
        "code": letter.code,
        "council": letter.council.name,
        "received_on": letter.received_on,
        "status": letter.status,
        "status_label": letter.get_status_display(),
        "agency": letter.agency.name if letter.agency else "",
        "forwarded_on": letter.forwarded_on,
        "response_due": letter.response_due,
        "answered_on": letter.answered_on,
    }


ROUTERS = [router]
