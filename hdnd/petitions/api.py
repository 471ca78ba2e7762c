"""Voters' petitions over the JSON API: cycles, meetings, petition entry and the synthesis into issues.

Scoped exactly like the pages (``views.py``): reading needs VIEW (every role in its own council, the
supervising roles also below), writing needs MANAGE_PETITIONS; an object outside the user's councils
answers 404, one inside without the right 403. Writes call the same ``actions`` as the pages; a rule
they break answers 422 with the Vietnamese message (``detail``) and the messages by field (``errors``).
Every string of an input arrives in NFC (``NfcIn``). Lists are page-number based with the total ``count``.
"""

import datetime as dt
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW
from hdnd.api.errors import ErrorOut, get_or_error, refused, run
from hdnd.api.schemas import NfcIn
from hdnd.councils.models import Council, Person

from . import actions, forms
from .models import Cycle, Petition, PetitionIssue, VoterMeeting

router = Router(tags=["Tiếp xúc cử tri, ý kiến, kiến nghị"])

PAGE = {"page_size": 50, "max_page_size": 100}
# The pages' own words for the same mistakes (forms.py, views.py).
NO_CYCLE_NAME = str(forms.CycleForm.base_fields["name"].error_messages["required"])
NO_PLACE = str(forms.MeetingForm.base_fields["place_text"].error_messages["required"])
NO_LIST = str(forms.PasteForm.base_fields["text"].error_messages["required"])
CHOOSE_DRAFT = "Chọn một kiến nghị dự thảo khác của cùng đợt."
CHOOSE_DELEGATE = "Chỉ chọn đại biểu dự buổi tiếp xúc này."
UNKNOWN_PEOPLE = "Chỉ chọn đại biểu của HĐND này."


# Schemas -----------------------------------------------------------------------------------------


class CycleOut(Schema):
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


class MeetingOut(Schema):
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


class MeetingDetailOut(MeetingOut):
    petitions: list[PetitionOut]


class OriginOut(Schema):
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


class IssueOut(Schema):
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
    petitions: list[OriginOut]

    @staticmethod
    def resolve_status_label(obj: PetitionIssue) -> str:
        return obj.get_status_display()


class CycleIn(NfcIn):
    name: str = Field("", max_length=160)
    kind: Cycle.Kind = Cycle.Kind.BEFORE_SESSION
    year: int = Field(ge=2000, le=2100)


class MeetingIn(NfcIn):
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


class MoveIn(Schema):
    issue: int


class MergeIn(Schema):
    other: int


# Helpers -----------------------------------------------------------------------------------------


def _cycle(request: HttpRequest, pk: int, action: str) -> Cycle:
    return get_or_error(request, Cycle.objects.select_related("council"), pk, action)


def _meeting(request: HttpRequest, pk: int, action: str) -> VoterMeeting:
    queryset = VoterMeeting.objects.select_related("council", "cycle")
    return get_or_error(request, queryset, pk, action)


def _petition(request: HttpRequest, pk: int) -> Petition:
    return get_or_error(request, Petition.objects.all(), pk, MANAGE_PETITIONS)


def _issue(request: HttpRequest, pk: int) -> PetitionIssue:
    return get_or_error(request, PetitionIssue.objects.all(), pk, MANAGE_PETITIONS)


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


# Cycles ------------------------------------------------------------------------------------------


@router.get("/councils/{council_id}/cycles/", response=list[CycleOut], summary="Các đợt tiếp xúc cử tri")
@paginate(PageNumberPagination, **PAGE)
def list_cycles(request: HttpRequest, council_id: int) -> QuerySet[Cycle]:
    council = get_or_error(request, Council.objects.all(), council_id, VIEW, "pk")
    return Cycle.objects.filter(council=council).annotate(
        meeting_count=Count("meetings", distinct=True), petition_count=Count("petitions", distinct=True)
    )


@router.post(
    "/councils/{council_id}/cycles/",
    response={201: CycleOut, 422: ErrorOut},
    summary="Tạo đợt tiếp xúc cử tri",
)
def create_cycle(request: HttpRequest, council_id: int, payload: CycleIn) -> Status[Any]:
    council = get_or_error(request, Council.objects.all(), council_id, MANAGE_PETITIONS, "pk")
    if not payload.name:
        return refused({"name": [NO_CYCLE_NAME]})
    return run(lambda: actions.create_cycle(council, by=request.user, **payload.dict()))


# Meetings and petition entry ---------------------------------------------------------------------


@router.get(
    "/cycles/{cycle_id}/meetings/", response=list[MeetingOut], summary="Các buổi tiếp xúc của một đợt"
)
@paginate(PageNumberPagination, **PAGE)
def list_meetings(request: HttpRequest, cycle_id: int) -> QuerySet[VoterMeeting]:
    cycle = _cycle(request, cycle_id, VIEW)
    return (
        cycle.meetings.annotate(petition_count=Count("petitions"))
        .prefetch_related("delegates")
        .order_by("-date", "-pk")
    )


@router.post(
    "/cycles/{cycle_id}/meetings/",
    response={201: MeetingOut, 422: ErrorOut},
    summary="Ghi nhận buổi tiếp xúc cử tri",
)
def record_meeting(request: HttpRequest, cycle_id: int, payload: MeetingIn) -> Status[Any]:
    """``delegate_ids``: people of the cycle's council; the answer carries the meeting's public ``code``."""
    cycle = _cycle(request, cycle_id, MANAGE_PETITIONS)
    if not payload.place_text:
        return refused({"place_text": [NO_PLACE]})
    fields = payload.dict()
    wanted = set(fields.pop("delegate_ids"))
    delegates = list(Person.objects.filter(pk__in=wanted))
    if len(delegates) != len(wanted):
        return refused({"delegates": [UNKNOWN_PEOPLE]})
    return run(lambda: actions.record_meeting(cycle, by=request.user, delegates=delegates, **fields))


@router.get("/meetings/{meeting_id}/", response=MeetingDetailOut, summary="Một buổi tiếp xúc và các ý kiến")
def get_meeting(request: HttpRequest, meeting_id: int) -> VoterMeeting:
    queryset = VoterMeeting.objects.prefetch_related(
        "delegates", Prefetch("petitions", queryset=Petition.objects.order_by("pk"))
    )
    return get_or_error(request, queryset, meeting_id, VIEW)


@router.post(
    "/meetings/{meeting_id}/petitions/",
    response={201: PetitionOut, 422: ErrorOut},
    summary="Nhập một ý kiến, kiến nghị tại buổi tiếp xúc",
)
def register_petition(request: HttpRequest, meeting_id: int, payload: PetitionIn) -> Status[Any]:
    """``delegate_id``: one of the delegates who attended the meeting (as on the page)."""
    meeting = _meeting(request, meeting_id, MANAGE_PETITIONS)
    fields = payload.dict()
    delegate_id = fields.pop("delegate_id")
    delegate = meeting.delegates.filter(pk=delegate_id).first() if delegate_id else None
    if delegate_id and delegate is None:
        return refused({"delegate": [CHOOSE_DELEGATE]})
    return run(
        lambda: actions.register_petition(
            meeting.council,
            by=request.user,
            cycle=meeting.cycle,
            meeting=meeting,
            source=Petition.Source.MEETING,
            delegate=delegate,
            **fields,
        )
    )


@router.post(
    "/meetings/{meeting_id}/petitions/list/",
    response={201: list[PetitionOut], 422: ErrorOut},
    summary="Nhập danh sách ý kiến dán từ biên bản",
)
def register_petitions_from_list(
    request: HttpRequest, meeting_id: int, payload: PetitionListIn
) -> Status[Any]:
    """``text``: one petition a line, or numbered "1.", "1)" or bulleted "- " items; all or nothing."""
    meeting = _meeting(request, meeting_id, MANAGE_PETITIONS)
    if not payload.text:
        return refused({"text": [NO_LIST]})
    return run(
        lambda: actions.register_petitions_from_list(
            meeting.council,
            by=request.user,
            cycle=meeting.cycle,
            meeting=meeting,
            source=Petition.Source.MEETING,
            text=payload.text,
        )
    )


# Synthesis and review ----------------------------------------------------------------------------


@router.get(
    "/cycles/{cycle_id}/issues/", response=list[IssueOut], summary="Kiến nghị đã tổng hợp của một đợt"
)
@paginate(PageNumberPagination, **PAGE)
def list_issues(request: HttpRequest, cycle_id: int) -> QuerySet[PetitionIssue]:
    """Each issue with the petitions it groups and where they came from."""
    cycle = _cycle(request, cycle_id, VIEW)
    return _issues().filter(cycle=cycle)


@router.post(
    "/cycles/{cycle_id}/synthesize/",
    response={201: list[IssueOut], 422: ErrorOut},
    summary="Tổng hợp các ý kiến mới thành kiến nghị (dự thảo)",
)
def synthesize_cycle(request: HttpRequest, cycle_id: int) -> Status[Any]:
    cycle = _cycle(request, cycle_id, MANAGE_PETITIONS)

    def synthesize() -> list[PetitionIssue]:
        made = actions.synthesize_cycle(cycle.council, cycle, by=request.user)
        return list(_issues().filter(pk__in=[issue.pk for issue in made]))

    return run(synthesize)


@router.post(
    "/issues/{issue_id}/confirm/", response={200: IssueOut, 422: ErrorOut}, summary="Xác nhận kiến nghị"
)
def confirm_issue(request: HttpRequest, issue_id: int) -> Status[Any]:
    issue = _issue(request, issue_id)
    return run(lambda: _reloaded(actions.confirm_issue(issue, by=request.user)), 200)


@router.post(
    "/petitions/{petition_id}/move/",
    response={200: PetitionOut, 422: ErrorOut},
    summary="Chuyển ý kiến sang kiến nghị dự thảo khác",
)
def move_petition(request: HttpRequest, petition_id: int, payload: MoveIn) -> Status[Any]:
    petition = _petition(request, petition_id)
    target = _other_draft(petition.cycle_id, payload.issue, exclude=petition.issue_id)
    if target is None:
        return refused({"issue": [CHOOSE_DRAFT]})
    return run(lambda: actions.move_petition(petition, target, by=request.user), 200)


@router.post(
    "/petitions/{petition_id}/split/",
    response={201: IssueOut, 422: ErrorOut},
    summary="Tách ý kiến thành kiến nghị riêng",
)
def split_petition(request: HttpRequest, petition_id: int) -> Status[Any]:
    """Answers the new draft issue."""
    petition = _petition(request, petition_id)
    return run(lambda: _reloaded(actions.split_petition_out(petition, by=request.user)))


@router.post(
    "/petitions/{petition_id}/duplicate/",
    response={200: PetitionOut, 422: ErrorOut},
    summary="Đánh dấu ý kiến trùng, lưu theo dõi",
)
def mark_duplicate(request: HttpRequest, petition_id: int) -> Status[Any]:
    petition = _petition(request, petition_id)
    return run(lambda: actions.mark_duplicate_kept(petition, by=request.user), 200)


@router.post(
    "/issues/{issue_id}/merge/",
    response={200: IssueOut, 422: ErrorOut},
    summary="Gộp một kiến nghị dự thảo khác vào kiến nghị này",
)
def merge_issues(request: HttpRequest, issue_id: int, payload: MergeIn) -> Status[Any]:
    issue = _issue(request, issue_id)
    other = _other_draft(issue.cycle_id, payload.other, exclude=issue.pk)
    if other is None:
        return refused({"other": [CHOOSE_DRAFT]})
    return run(lambda: _reloaded(actions.merge_issues(issue, other, by=request.user)), 200)


from . import api_classify, api_followup, api_intake, api_public, api_reports, api_search  # noqa: E402

ROUTERS = [router] + [
    m.router for m in (api_classify, api_followup, api_intake, api_public, api_reports, api_search)
]
