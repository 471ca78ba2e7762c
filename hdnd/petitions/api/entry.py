"""Voters' petitions over the JSON API: cycles, meetings and petition entry.

Scoped exactly like the pages (``views.entry``, loaders in ``permissions``): reading needs VIEW (every
role in its own council, the supervising roles also below), writing needs MANAGE_PETITIONS; an object
outside the user's councils answers 404, one inside without the right 403. Writes call the same
``actions.entry`` as the pages; a rule they break answers 422 with the Vietnamese message (``detail``)
and the messages by field (``errors``). Every string of an input arrives in NFC (``NfcIn``). Lists are
page-number based with the total ``count``.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Person
from hdnd.petitions import forms
from hdnd.petitions.actions import entry as actions
from hdnd.petitions.models import Cycle, Petition, VoterMeeting
from hdnd.petitions.permissions import council_for, cycle_for, meeting_for

router = Router(tags=["Tiếp xúc cử tri, ý kiến, kiến nghị"])

PAGE = {"page_size": 50, "max_page_size": 100}
# The pages' own words for the same mistakes (forms.py, views.py).
NO_CYCLE_NAME = str(forms.CycleForm.base_fields["name"].error_messages["required"])
NO_PLACE = str(forms.MeetingForm.base_fields["place_text"].error_messages["required"])
NO_LIST = str(forms.PasteForm.base_fields["text"].error_messages["required"])
CHOOSE_DELEGATE = "Chỉ chọn đại biểu dự buổi tiếp xúc này."
UNKNOWN_PEOPLE = "Chỉ chọn đại biểu của HĐND này."


# Schemas -----------------------------------------------------------------------------------------


class ContactCycleOut(Schema):
    id: int
    council_id: int
    name: str
    kind: str
    kind_label: str
    year: int
    created_at: dt.datetime
    meeting_count: int
    petition_count: int

    @staticmethod
    def resolve_kind_label(obj: Cycle) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_meeting_count(obj: Cycle) -> int:
        return getattr(obj, "meeting_count", 0)  # a cycle just created has none

    @staticmethod
    def resolve_petition_count(obj: Cycle) -> int:
        return getattr(obj, "petition_count", 0)


class PetitionOut(Schema):
    id: int
    council_id: int
    cycle_id: int
    meeting_id: int | None
    source: str
    from_council_id: int | None
    text: str
    voter_place: str
    delegate_id: int | None
    answered_on_the_spot: bool
    answer: str
    issue_id: int | None
    status: str
    created_at: dt.datetime | None


class VoterMeetingOut(Schema):
    id: int
    council_id: int
    cycle_id: int
    date: dt.date
    place_text: str
    kind: str
    kind_label: str
    delegate_ids: list[int]
    officials: str
    voter_count: int | None
    minutes: str
    code: str
    petition_count: int

    @staticmethod
    def resolve_kind_label(obj: VoterMeeting) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_delegate_ids(obj: VoterMeeting) -> list[int]:
        return sorted(person.pk for person in obj.delegates.all())

    @staticmethod
    def resolve_petition_count(obj: VoterMeeting) -> int:
        if hasattr(obj, "petition_count"):
            return obj.petition_count
        return len(obj.petitions.all())


class VoterMeetingDetailOut(VoterMeetingOut):
    petitions: list[PetitionOut]


class ContactCycleIn(NfcIn):
    name: str = Field("", max_length=160)
    kind: Cycle.Kind = Cycle.Kind.BEFORE_SESSION
    year: int = Field(ge=2000, le=2100)


class VoterMeetingIn(NfcIn):
    date: dt.date
    place_text: str = Field("", max_length=255)
    kind: VoterMeeting.Kind = VoterMeeting.Kind.IN_PERSON
    delegate_ids: list[int] = []
    officials: str = ""
    voter_count: int | None = Field(None, ge=0)
    minutes: str = ""


class PetitionIn(NfcIn):
    text: str = ""
    voter_place: str = Field("", max_length=255)
    delegate_id: int | None = None
    answered_on_the_spot: bool = False
    answer: str = ""


class PetitionListIn(NfcIn):
    text: str = Field("", max_length=forms.LIST_MAX_CHARS)


# Cycles ------------------------------------------------------------------------------------------


@router.get(
    "/councils/{council_id}/cycles/", response=list[ContactCycleOut], summary="Các đợt tiếp xúc cử tri"
)
@paginate(PageNumberPagination, **PAGE)
def list_cycles(request: HttpRequest, council_id: int) -> QuerySet[Cycle]:
    council = council_for(request, council_id, VIEW)
    return Cycle.objects.filter(council=council).annotate(
        meeting_count=Count("meetings", distinct=True), petition_count=Count("petitions", distinct=True)
    )


@router.post(
    "/councils/{council_id}/cycles/",
    response={201: ContactCycleOut, **ERRORS},
    summary="Tạo đợt tiếp xúc cử tri",
)
def create_cycle(request: HttpRequest, council_id: int, payload: ContactCycleIn) -> Status[Any]:
    council = council_for(request, council_id, MANAGE_PETITIONS)
    if not payload.name:
        raise ValidationError({"name": [NO_CYCLE_NAME]})
    return Status(201, actions.create_cycle(council, by=request.user, **payload.dict()))


# Meetings and petition entry ---------------------------------------------------------------------


@router.get(
    "/cycles/{cycle_id}/meetings/", response=list[VoterMeetingOut], summary="Các buổi tiếp xúc của một đợt"
)
@paginate(PageNumberPagination, **PAGE)
def list_meetings(request: HttpRequest, cycle_id: int) -> QuerySet[VoterMeeting]:
    cycle = cycle_for(request, cycle_id, VIEW)
    return (
        cycle.meetings.annotate(petition_count=Count("petitions"))
        .prefetch_related("delegates")
        .order_by("-date", "-pk")
    )


@router.post(
    "/cycles/{cycle_id}/meetings/",
    response={201: VoterMeetingOut, **ERRORS},
    summary="Ghi nhận buổi tiếp xúc cử tri",
)
def record_meeting(request: HttpRequest, cycle_id: int, payload: VoterMeetingIn) -> Status[Any]:
    """``delegate_ids``: people of the cycle's council; the answer carries the meeting's public ``code``."""
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    if not payload.place_text:
        raise ValidationError({"place_text": [NO_PLACE]})
    fields = payload.dict()
    wanted = set(fields.pop("delegate_ids"))
    delegates = list(Person.objects.filter(pk__in=wanted))
    if len(delegates) != len(wanted):
        raise ValidationError({"delegates": [UNKNOWN_PEOPLE]})
    return Status(201, actions.record_meeting(cycle, by=request.user, delegates=delegates, **fields))


@router.get(
    "/meetings/{meeting_id}/", response=VoterMeetingDetailOut, summary="Một buổi tiếp xúc và các ý kiến"
)
def get_meeting(request: HttpRequest, meeting_id: int) -> VoterMeeting:
    queryset = VoterMeeting.objects.prefetch_related(
        "delegates", Prefetch("petitions", queryset=Petition.objects.order_by("pk"))
    )
    return meeting_for(request, meeting_id, VIEW, queryset)


@router.post(
    "/meetings/{meeting_id}/petitions/",
    response={201: PetitionOut, **ERRORS},
    summary="Nhập một ý kiến, kiến nghị tại buổi tiếp xúc",
)
def register_petition(request: HttpRequest, meeting_id: int, payload: PetitionIn) -> Status[Any]:
    """``delegate_id``: one of the delegates who attended the meeting (as on the page)."""
    meeting = meeting_for(request, meeting_id, MANAGE_PETITIONS)
    fields = payload.dict()
    delegate_id = fields.pop("delegate_id")
    delegate = meeting.delegates.filter(pk=delegate_id).first() if delegate_id else None
    if delegate_id and delegate is None:
        raise ValidationError({"delegate": [CHOOSE_DELEGATE]})
    made = actions.register_petition(
        meeting.council,
        by=request.user,
        cycle=meeting.cycle,
        meeting=meeting,
        source=Petition.Source.MEETING,
        delegate=delegate,
        **fields,
    )
    return Status(201, made)


@router.post(
    "/meetings/{meeting_id}/petitions/list/",
    response={201: list[PetitionOut], **ERRORS},
    summary="Nhập danh sách ý kiến dán từ biên bản",
)
def register_petitions_from_list(
    request: HttpRequest, meeting_id: int, payload: PetitionListIn
) -> Status[Any]:
    """``text``: one petition a line, or numbered "1.", "1)" or bulleted "- " items; all or nothing."""
    meeting = meeting_for(request, meeting_id, MANAGE_PETITIONS)
    if not payload.text:
        raise ValidationError({"text": [NO_LIST]})
    made = actions.register_petitions_from_list(
        meeting.council,
        by=request.user,
        cycle=meeting.cycle,
        meeting=meeting,
        source=Petition.Source.MEETING,
        text=payload.text,
    )
    return Status(201, made)
