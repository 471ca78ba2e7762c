"""Standing-committee meetings over the JSON API, scoped like the pages: reading needs VIEW, writing
MANAGE_SESSIONS. Writes call the same ``standing`` actions as the pages; a rule they break answers 422
with the Vietnamese message. Materials are listed with the URL of the scoped download page; the
conclusion notice downloads as .docx and PDF like on the meeting page.
"""

import datetime as dt
from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW
from hdnd.api.errors import ErrorOut, get_or_error, refused, run
from hdnd.api.schemas import NfcIn
from hdnd.core import documents
from hdnd.councils.models import Agency, Council, Membership, Person

from . import standing
from .documents import conclusion_filename, conclusion_notice
from .models import (
    ConclusionItem,
    StandingAgendaItem,
    StandingMaterial,
    StandingMeeting,
    StandingParticipant,
)

router = Router(tags=["Phiên họp Thường trực HĐND"])
PAGE = {"page_size": 50, "max_page_size": 100}
ERRORS = {403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class AgendaItemOut(Schema):
    id: int
    position: int
    title: str
    presenter: str


class ParticipantOut(Schema):
    id: int
    membership_id: int | None
    name: str
    position: str
    is_member: bool

    @staticmethod
    def resolve_name(obj: StandingParticipant) -> str:
        return obj.display_name

    @staticmethod
    def resolve_position(obj: StandingParticipant) -> str:
        return obj.display_position


class MaterialOut(Schema):
    id: int
    agenda_item_id: int | None
    title: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj: StandingMaterial) -> str:
        return reverse("sittings:standing_material", args=[obj.pk])


class TaskOut(Schema):
    id: int
    meeting_id: int
    position: int
    content: str
    owner_agency_id: int | None
    owner_person_id: int | None
    owner: str
    due_on: dt.date | None
    done_on: dt.date | None
    result: str
    overdue: bool
    done_late: bool

    @staticmethod
    def resolve_overdue(obj: ConclusionItem) -> bool:
        return obj.is_overdue()

    @staticmethod
    def resolve_done_late(obj: ConclusionItem) -> bool:
        return obj.done_late()


class MeetingOut(Schema):
    id: int
    council_id: int
    kind: str
    kind_label: str
    meets_on: dt.date
    starts_at: dt.time | None
    place: str
    notes: str
    status: str
    status_label: str
    held_on: dt.date | None
    notice_number: int | None
    notice_symbol: str
    notice_on: dt.date | None

    @staticmethod
    def resolve_kind_label(obj: StandingMeeting) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_status_label(obj: StandingMeeting) -> str:
        return obj.get_status_display()


class MeetingDetailOut(MeetingOut):
    notice_text: str
    notice_recipients: list[str]
    signer_name: str
    agenda: list[AgendaItemOut]
    participants: list[ParticipantOut]
    materials: list[MaterialOut]
    conclusions: list[TaskOut]

    @staticmethod
    def resolve_notice_recipients(obj: StandingMeeting) -> list[str]:
        return obj.notice_recipients.splitlines()

    @staticmethod
    def resolve_agenda(obj: StandingMeeting) -> list[StandingAgendaItem]:
        return list(obj.agenda.all())

    @staticmethod
    def resolve_participants(obj: StandingMeeting) -> list[StandingParticipant]:
        return list(obj.participants.select_related("membership__person"))

    @staticmethod
    def resolve_materials(obj: StandingMeeting) -> list[StandingMaterial]:
        return list(obj.materials.all())

    @staticmethod
    def resolve_conclusions(obj: StandingMeeting) -> list[ConclusionItem]:
        return list(obj.conclusions.select_related("owner_agency", "owner_person"))


class MeetingIn(NfcIn):
    kind: StandingMeeting.Kind = StandingMeeting.Kind.MONTHLY
    meets_on: dt.date
    starts_at: dt.time | None = None
    place: str = Field("", max_length=255)
    notes: str = ""


class AgendaLineIn(NfcIn):
    title: str = Field(..., max_length=500)
    presenter: str = Field("", max_length=255)


class AgendaIn(NfcIn):
    items: list[AgendaLineIn]


class InvitedIn(NfcIn):
    name: str = Field(..., max_length=255)
    position: str = Field("", max_length=255)


class ParticipantsIn(NfcIn):
    membership_ids: list[int] = []
    invited: list[InvitedIn] = []


class HeldIn(NfcIn):
    held_on: dt.date


class ConclusionIn(NfcIn):
    content: str
    owner_agency_id: int | None = None
    owner_person_id: int | None = None
    owner_name: str = Field("", max_length=255)
    due_on: dt.date | None = None


class NoticeIn(NfcIn):
    issued_on: dt.date
    number: int | None = Field(None, ge=1)
    text: str = ""
    recipients: list[str] = list(standing.DEFAULT_RECIPIENTS)
    signer_name: str = Field("", max_length=120)


class DoneIn(NfcIn):
    done_on: dt.date
    result: str = ""


class MaterialIn(NfcIn):
    title: str = Field("", max_length=255)
    agenda_item_id: int | None = None


def _meeting(request: HttpRequest, meeting_id: int, action: str) -> StandingMeeting:
    return get_or_error(request, StandingMeeting.objects.select_related("council"), meeting_id, action)


def _detail(meeting: StandingMeeting) -> StandingMeeting:
    return StandingMeeting.objects.select_related("council").get(pk=meeting.pk)


@router.get("/councils/{council_id}/standing-meetings", response={200: list[MeetingOut], **ERRORS})
@paginate(PageNumberPagination, **PAGE)
def standing_meeting_list(request: HttpRequest, council_id: int) -> QuerySet[StandingMeeting]:
    """The council's standing-committee meetings, newest first."""
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    return StandingMeeting.objects.filter(council=council)


@router.post("/councils/{council_id}/standing-meetings", response={201: MeetingDetailOut, **ERRORS})
def standing_meeting_create(request: HttpRequest, council_id: int, payload: MeetingIn) -> Status[Any]:
    council = get_or_error(request, Council.objects.all(), council_id, MANAGE_SESSIONS, "pk")
    return run(lambda: standing.create_meeting(council, by=request.user, **payload.dict()))


@router.get("/councils/{council_id}/standing-tasks", response={200: list[TaskOut], **ERRORS})
@paginate(PageNumberPagination, **PAGE)
def standing_task_list(request: HttpRequest, council_id: int, show: str = "open") -> QuerySet[ConclusionItem]:
    """Tasks set by the council's issued conclusion notices: ``show`` is open (default), overdue or all."""
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    tasks = (
        ConclusionItem.objects.filter(council=council, meeting__status=StandingMeeting.Status.CONCLUDED)
        .tasks()
        .select_related("owner_agency", "owner_person")
        .order_by("due_on", "pk")
    )
    if show == "overdue":
        return tasks.overdue(timezone.localdate())
    return tasks.open() if show == "open" else tasks


@router.get("/standing-meetings/{meeting_id}", response={200: MeetingDetailOut, **ERRORS})
def standing_meeting_detail(request: HttpRequest, meeting_id: int) -> StandingMeeting:
    return _meeting(request, meeting_id, VIEW)


@router.put("/standing-meetings/{meeting_id}", response={200: MeetingDetailOut, **ERRORS})
def standing_meeting_update(request: HttpRequest, meeting_id: int, payload: MeetingIn) -> Status[Any]:
    meeting = _meeting(request, meeting_id, MANAGE_SESSIONS)
    return run(lambda: standing.edit_meeting(meeting, by=request.user, **payload.dict()), 200)


@router.put("/standing-meetings/{meeting_id}/agenda", response={200: MeetingDetailOut, **ERRORS})
def standing_meeting_agenda(request: HttpRequest, meeting_id: int, payload: AgendaIn) -> Status[Any]:
    """Replace the agenda (in order); items are matched by position."""
    meeting = _meeting(request, meeting_id, MANAGE_SESSIONS)
    lines = [standing.AgendaLine(item.title, item.presenter) for item in payload.items]

    def act() -> StandingMeeting:
        standing.set_agenda(meeting, by=request.user, items=lines)
        return _detail(meeting)

    return run(act, 200)


@router.post("/standing-meetings/{meeting_id}/participants", response={200: MeetingDetailOut, **ERRORS})
def standing_meeting_participants(
    request: HttpRequest, meeting_id: int, payload: ParticipantsIn
) -> Status[Any]:
    """Add members of the Thường trực (by membership id) and invited people or agencies."""
    meeting = _meeting(request, meeting_id, MANAGE_SESSIONS)
    seats = list(
        Membership.objects.filter(pk__in=payload.membership_ids, council=meeting.council).select_related(
            "body", "person"
        )
    )
    if len(seats) != len(set(payload.membership_ids)):
        return refused({"membership_ids": ["Có thành viên không thuộc HĐND này."]})
    invited = [(guest.name, guest.position) for guest in payload.invited]

    def act() -> StandingMeeting:
        standing.add_participants(meeting, by=request.user, memberships=seats, invited=invited)
        return _detail(meeting)

    return run(act, 200)


@router.delete("/standing-participants/{participant_id}", response={200: MeetingDetailOut, **ERRORS})
def standing_participant_delete(request: HttpRequest, participant_id: int) -> Status[Any]:
    """Take someone off the list (until the notice is issued); answers the meeting."""
    queryset = StandingParticipant.objects.select_related("meeting", "membership__person").annotate(
        council_ref=F("meeting__council_id")
    )
    participant = get_or_error(request, queryset, participant_id, MANAGE_SESSIONS, "council_ref")

    def act() -> StandingMeeting:
        standing.remove_participant(participant, by=request.user)
        return _detail(participant.meeting)

    return run(act, 200)


@router.post("/standing-meetings/{meeting_id}/materials", response={201: MaterialOut, **ERRORS})
def standing_meeting_material(
    request: HttpRequest, meeting_id: int, file: File[UploadedFile], form: Form[MaterialIn]
) -> Status[Any]:
    """Upload a material (PDF, Word, Excel or image, up to 20 MB), optionally under an agenda item."""
    meeting = _meeting(request, meeting_id, MANAGE_SESSIONS)
    item = None
    if form.agenda_item_id is not None:
        item = StandingAgendaItem.objects.filter(pk=form.agenda_item_id, meeting=meeting).first()
        if item is None:
            return refused({"agenda_item_id": ["Nội dung này không thuộc phiên họp đang chọn."]})
    return run(
        lambda: standing.upload_material(
            meeting, by=request.user, upload=file, title=form.title, agenda_item=item
        )
    )


@router.delete("/standing-materials/{material_id}", response={200: MeetingDetailOut, **ERRORS})
def standing_material_delete(request: HttpRequest, material_id: int) -> Status[Any]:
    """Take a file off the meeting (until the notice is issued); answers the meeting."""
    queryset = StandingMaterial.objects.select_related("meeting").annotate(
        council_ref=F("meeting__council_id")
    )
    material = get_or_error(request, queryset, material_id, MANAGE_SESSIONS, "council_ref")

    def act() -> StandingMeeting:
        standing.remove_material(material, by=request.user)
        return _detail(material.meeting)

    return run(act, 200)


@router.post("/standing-meetings/{meeting_id}/held", response={200: MeetingDetailOut, **ERRORS})
def standing_meeting_held(request: HttpRequest, meeting_id: int, payload: HeldIn) -> Status[Any]:
    meeting = _meeting(request, meeting_id, MANAGE_SESSIONS)
    return run(lambda: standing.mark_held(meeting, by=request.user, held_on=payload.held_on), 200)


@router.post("/standing-meetings/{meeting_id}/conclusions", response={201: TaskOut, **ERRORS})
def standing_meeting_conclusion(request: HttpRequest, meeting_id: int, payload: ConclusionIn) -> Status[Any]:
    """Add an item to the notice being drafted; with a deadline it becomes a task for its owner."""
    meeting = _meeting(request, meeting_id, MANAGE_SESSIONS)
    agency = person = None
    if payload.owner_agency_id is not None:
        agency = Agency.objects.filter(pk=payload.owner_agency_id, council=meeting.council).first()
        if agency is None:
            return refused({"owner_agency_id": ["Chọn cơ quan của HĐND này."]})
    if payload.owner_person_id is not None:
        person = Person.objects.filter(pk=payload.owner_person_id, council=meeting.council).first()
        if person is None:
            return refused({"owner_person_id": ["Chọn người của HĐND này."]})
    return run(
        lambda: standing.add_conclusion_item(
            meeting,
            by=request.user,
            content=payload.content,
            due_on=payload.due_on,
            owner_agency=agency,
            owner_person=person,
            owner_name=payload.owner_name,
        )
    )


@router.delete("/standing-conclusions/{item_id}", response={200: MeetingDetailOut, **ERRORS})
def standing_conclusion_delete(request: HttpRequest, item_id: int) -> Status[Any]:
    """Take an item off the notice being drafted; answers the meeting."""
    item = get_or_error(request, ConclusionItem.objects.select_related("meeting"), item_id, MANAGE_SESSIONS)

    def act() -> StandingMeeting:
        standing.remove_conclusion_item(item, by=request.user)
        return _detail(item.meeting)

    return run(act, 200)


@router.post("/standing-meetings/{meeting_id}/notice", response={200: MeetingDetailOut, **ERRORS})
def standing_meeting_notice(request: HttpRequest, meeting_id: int, payload: NoticeIn) -> Status[Any]:
    """Issue the conclusion notice with the next number of the council's year (``28/TB-HĐND``)."""
    meeting = _meeting(request, meeting_id, MANAGE_SESSIONS)
    data = payload.dict()
    data["recipients"] = "\n".join(data["recipients"])
    return run(lambda: standing.issue_notice(meeting, by=request.user, **data), 200)


@router.get(
    "/standing-meetings/{meeting_id}/notice.docx",
    response={200: None, **ERRORS},
    summary="Thông báo kết luận (.docx)",
)
def standing_notice_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The conclusion notice as .docx (a draft without a number until it is issued)."""
    meeting = _meeting(request, meeting_id, VIEW)
    return documents.attachment(
        documents.build(conclusion_notice(meeting)), conclusion_filename(meeting, "docx")
    )


@router.get(
    "/standing-meetings/{meeting_id}/notice.pdf",
    response={200: None, **ERRORS},
    summary="Thông báo kết luận (PDF)",
)
def standing_notice_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, meeting_id, VIEW)
    content = documents.build_pdf(conclusion_notice(meeting))
    return documents.attachment(content, conclusion_filename(meeting, "pdf"), documents.PDF)


@router.post("/standing-tasks/{task_id}/done", response={200: TaskOut, **ERRORS})
def standing_task_done(request: HttpRequest, task_id: int, payload: DoneIn) -> Status[Any]:
    item = get_or_error(request, ConclusionItem.objects.select_related("meeting"), task_id, MANAGE_SESSIONS)
    return run(lambda: standing.complete_task(item, by=request.user, **payload.dict()), 200)
