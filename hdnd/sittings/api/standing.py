"""Standing-committee meetings over the JSON API, scoped like the pages: reading needs VIEW, writing
MANAGE_SESSIONS. Writes call the same ``standing`` actions as the pages; a rule they break answers 422
with the Vietnamese message. Materials are listed with the URL of the scoped download page; the
conclusion notice downloads as .docx and PDF like on the meeting page.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_SESSIONS, VIEW
from hdnd.core import documents
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Agency, Membership, Person
from hdnd.sittings import standing
from hdnd.sittings.documents import conclusion_filename, conclusion_notice
from hdnd.sittings.models import (
    ConclusionItem,
    StandingAgendaItem,
    StandingMaterial,
    StandingMeeting,
    StandingParticipant,
)
from hdnd.sittings.permissions import (
    conclusion_item_for,
    council_for,
    standing_material_for,
    standing_meeting_for,
    standing_participant_for,
)

router = Router(tags=["Phiên họp Thường trực HĐND"])
PAGE = {"page_size": 50, "max_page_size": 100}


class StandingAgendaItemOut(Schema):
    id: int
    position: int
    title: str
    presenter: str


class StandingParticipantOut(Schema):
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


class StandingMaterialOut(Schema):
    id: int
    agenda_item_id: int | None
    title: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj: StandingMaterial) -> str:
        return reverse("sittings:standing_material", args=[obj.pk])


class StandingTaskOut(Schema):
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


class StandingMeetingOut(Schema):
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


class StandingMeetingDetailOut(StandingMeetingOut):
    notice_text: str
    notice_recipients: list[str]
    signer_name: str
    agenda: list[StandingAgendaItemOut]
    participants: list[StandingParticipantOut]
    materials: list[StandingMaterialOut]
    conclusions: list[StandingTaskOut]

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


class StandingMeetingIn(NfcIn):
    kind: StandingMeeting.Kind = StandingMeeting.Kind.MONTHLY
    meets_on: dt.date
    starts_at: dt.time | None = None
    place: str = Field("", max_length=255)
    notes: str = ""


class StandingAgendaLineIn(NfcIn):
    title: str = Field(..., max_length=500)
    presenter: str = Field("", max_length=255)


class StandingAgendaIn(NfcIn):
    items: list[StandingAgendaLineIn]


class StandingInvitedIn(NfcIn):
    name: str = Field(..., max_length=255)
    position: str = Field("", max_length=255)


class StandingParticipantsIn(NfcIn):
    membership_ids: list[int] = []
    invited: list[StandingInvitedIn] = []


class StandingHeldIn(NfcIn):
    held_on: dt.date


class StandingConclusionIn(NfcIn):
    content: str
    owner_agency_id: int | None = None
    owner_person_id: int | None = None
    owner_name: str = Field("", max_length=255)
    due_on: dt.date | None = None


class StandingNoticeIn(NfcIn):
    issued_on: dt.date
    number: int | None = Field(None, ge=1)
    text: str = ""
    recipients: list[str] = list(standing.DEFAULT_RECIPIENTS)
    signer_name: str = Field("", max_length=120)


class StandingTaskDoneIn(NfcIn):
    done_on: dt.date
    result: str = ""


class StandingMaterialIn(NfcIn):
    title: str = Field("", max_length=255)
    agenda_item_id: int | None = None


def _detail(meeting: StandingMeeting) -> StandingMeeting:
    return StandingMeeting.objects.select_related("council").get(pk=meeting.pk)


@router.get("/councils/{council_id}/standing-meetings", response={200: list[StandingMeetingOut], **ERRORS})
@paginate(PageNumberPagination, **PAGE)
def standing_meeting_list(request: HttpRequest, council_id: int) -> QuerySet[StandingMeeting]:
    """The council's standing-committee meetings, newest first."""
    council = council_for(request, council_id, VIEW)
    return StandingMeeting.objects.filter(council=council)


@router.post("/councils/{council_id}/standing-meetings", response={201: StandingMeetingDetailOut, **ERRORS})
def standing_meeting_create(request: HttpRequest, council_id: int, payload: StandingMeetingIn) -> Status[Any]:
    council = council_for(request, council_id, MANAGE_SESSIONS)
    return Status(201, standing.create_meeting(council, by=request.user, **payload.dict()))


@router.get("/councils/{council_id}/standing-tasks", response={200: list[StandingTaskOut], **ERRORS})
@paginate(PageNumberPagination, **PAGE)
def standing_task_list(request: HttpRequest, council_id: int, show: str = "open") -> QuerySet[ConclusionItem]:
    """Tasks set by the council's issued conclusion notices: ``show`` is open (default), overdue or all."""
    council = council_for(request, council_id, VIEW)
    tasks = (
        ConclusionItem.objects.filter(council=council, meeting__status=StandingMeeting.Status.CONCLUDED)
        .tasks()
        .select_related("owner_agency", "owner_person")
        .order_by("due_on", "pk")
    )
    if show == "overdue":
        return tasks.overdue(timezone.localdate())
    return tasks.open() if show == "open" else tasks


@router.get("/standing-meetings/{meeting_id}", response={200: StandingMeetingDetailOut, **ERRORS})
def standing_meeting_detail(request: HttpRequest, meeting_id: int) -> StandingMeeting:
    return standing_meeting_for(request, meeting_id, VIEW)


@router.put("/standing-meetings/{meeting_id}", response={200: StandingMeetingDetailOut, **ERRORS})
def standing_meeting_update(request: HttpRequest, meeting_id: int, payload: StandingMeetingIn) -> Any:
    meeting = standing_meeting_for(request, meeting_id, MANAGE_SESSIONS)
    return standing.edit_meeting(meeting, by=request.user, **payload.dict())


@router.put("/standing-meetings/{meeting_id}/agenda", response={200: StandingMeetingDetailOut, **ERRORS})
def standing_meeting_agenda(request: HttpRequest, meeting_id: int, payload: StandingAgendaIn) -> Any:
    """Replace the agenda (in order); items are matched by position."""
    meeting = standing_meeting_for(request, meeting_id, MANAGE_SESSIONS)
    lines = [standing.AgendaLine(item.title, item.presenter) for item in payload.items]
    standing.set_agenda(meeting, by=request.user, items=lines)
    return _detail(meeting)


@router.post(
    "/standing-meetings/{meeting_id}/participants", response={200: StandingMeetingDetailOut, **ERRORS}
)
def standing_meeting_participants(
    request: HttpRequest, meeting_id: int, payload: StandingParticipantsIn
) -> Any:
    """Add members of the Thường trực (by membership id) and invited people or agencies."""
    meeting = standing_meeting_for(request, meeting_id, MANAGE_SESSIONS)
    seats = list(
        Membership.objects.filter(pk__in=payload.membership_ids, council=meeting.council).select_related(
            "body", "person"
        )
    )
    if len(seats) != len(set(payload.membership_ids)):
        raise ValidationError({"membership_ids": ["Có thành viên không thuộc HĐND này."]})
    invited = [(guest.name, guest.position) for guest in payload.invited]
    standing.add_participants(meeting, by=request.user, memberships=seats, invited=invited)
    return _detail(meeting)


@router.delete("/standing-participants/{participant_id}", response={200: StandingMeetingDetailOut, **ERRORS})
def standing_participant_delete(request: HttpRequest, participant_id: int) -> Any:
    """Take someone off the list (until the notice is issued); answers the meeting."""
    participant = standing_participant_for(request, participant_id, MANAGE_SESSIONS)
    standing.remove_participant(participant, by=request.user)
    return _detail(participant.meeting)


@router.post("/standing-meetings/{meeting_id}/materials", response={201: StandingMaterialOut, **ERRORS})
def standing_meeting_material(
    request: HttpRequest, meeting_id: int, file: File[UploadedFile], form: Form[StandingMaterialIn]
) -> Status[Any]:
    """Upload a material (PDF, Word, Excel or image, up to 20 MB), optionally under an agenda item."""
    meeting = standing_meeting_for(request, meeting_id, MANAGE_SESSIONS)
    item = None
    if form.agenda_item_id is not None:
        item = StandingAgendaItem.objects.filter(pk=form.agenda_item_id, meeting=meeting).first()
        if item is None:
            raise ValidationError({"agenda_item_id": ["Nội dung này không thuộc phiên họp đang chọn."]})
    return Status(
        201,
        standing.upload_material(meeting, by=request.user, upload=file, title=form.title, agenda_item=item),
    )


@router.delete("/standing-materials/{material_id}", response={200: StandingMeetingDetailOut, **ERRORS})
def standing_material_delete(request: HttpRequest, material_id: int) -> Any:
    """Take a file off the meeting (until the notice is issued); answers the meeting."""
    material = standing_material_for(request, material_id, MANAGE_SESSIONS)
    standing.remove_material(material, by=request.user)
    return _detail(material.meeting)


@router.post("/standing-meetings/{meeting_id}/held", response={200: StandingMeetingDetailOut, **ERRORS})
def standing_meeting_held(request: HttpRequest, meeting_id: int, payload: StandingHeldIn) -> Any:
    meeting = standing_meeting_for(request, meeting_id, MANAGE_SESSIONS)
    return standing.mark_held(meeting, by=request.user, held_on=payload.held_on)


@router.post("/standing-meetings/{meeting_id}/conclusions", response={201: StandingTaskOut, **ERRORS})
def standing_meeting_conclusion(
    request: HttpRequest, meeting_id: int, payload: StandingConclusionIn
) -> Status[Any]:
    """Add an item to the notice being drafted; with a deadline it becomes a task for its owner."""
    meeting = standing_meeting_for(request, meeting_id, MANAGE_SESSIONS)
    agency = person = None
    if payload.owner_agency_id is not None:
        agency = Agency.objects.filter(pk=payload.owner_agency_id, council=meeting.council).first()
        if agency is None:
            raise ValidationError({"owner_agency_id": ["Chọn cơ quan của HĐND này."]})
    if payload.owner_person_id is not None:
        person = Person.objects.filter(pk=payload.owner_person_id, council=meeting.council).first()
        if person is None:
            raise ValidationError({"owner_person_id": ["Chọn người của HĐND này."]})
    return Status(
        201,
        standing.add_conclusion_item(
            meeting,
            by=request.user,
            content=payload.content,
            due_on=payload.due_on,
            owner_agency=agency,
            owner_person=person,
            owner_name=payload.owner_name,
        ),
    )


@router.delete("/standing-conclusions/{item_id}", response={200: StandingMeetingDetailOut, **ERRORS})
def standing_conclusion_delete(request: HttpRequest, item_id: int) -> Any:
    """Take an item off the notice being drafted; answers the meeting."""
    item = conclusion_item_for(request, item_id, MANAGE_SESSIONS)
    standing.remove_conclusion_item(item, by=request.user)
    return _detail(item.meeting)


@router.post("/standing-meetings/{meeting_id}/notice", response={200: StandingMeetingDetailOut, **ERRORS})
def standing_meeting_notice(request: HttpRequest, meeting_id: int, payload: StandingNoticeIn) -> Any:
    """Issue the conclusion notice with the next number of the council's year (``28/TB-HĐND``)."""
    meeting = standing_meeting_for(request, meeting_id, MANAGE_SESSIONS)
    data = payload.dict()
    data["recipients"] = "\n".join(data["recipients"])
    return standing.issue_notice(meeting, by=request.user, **data)


@router.get(
    "/standing-meetings/{meeting_id}/notice.docx",
    response={200: None, **ERRORS},
    summary="Thông báo kết luận (.docx)",
)
def standing_notice_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The conclusion notice as .docx (a draft without a number until it is issued; 422 while planned)."""
    meeting = standing_meeting_for(request, meeting_id, VIEW)
    standing.check_notice_due(meeting)
    return documents.attachment(
        documents.build(conclusion_notice(meeting)), conclusion_filename(meeting, "docx")
    )


@router.get(
    "/standing-meetings/{meeting_id}/notice.pdf",
    response={200: None, **ERRORS},
    summary="Thông báo kết luận (PDF)",
)
def standing_notice_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = standing_meeting_for(request, meeting_id, VIEW)
    standing.check_notice_due(meeting)
    content = documents.build_pdf(conclusion_notice(meeting))
    return documents.attachment(content, conclusion_filename(meeting, "pdf"), documents.PDF)


@router.post("/standing-tasks/{task_id}/done", response={200: StandingTaskOut, **ERRORS})
def standing_task_done(request: HttpRequest, task_id: int, payload: StandingTaskDoneIn) -> Any:
    item = conclusion_item_for(request, task_id, MANAGE_SESSIONS)
    return standing.complete_task(item, by=request.user, **payload.dict())
