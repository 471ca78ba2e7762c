"""JSON API of the petitions intake features, mounted at /api/v1/ by hdnd.api.main.

Reception and letters, imports of .xlsx and .docx lists (multipart upload, field ``file``), and referral
of an issue to the council above or below. Scoped like the pages (``views.intake``): reading needs VIEW,
writing MANAGE_PETITIONS; 404 outside the user's councils, 403 without the right, 422 with the
Vietnamese messages (an import's per-row messages under ``errors.rows``).
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_PETITIONS, VIEW
from hdnd.core.paging import PageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Council, Person
from hdnd.petitions import referral
from hdnd.petitions.actions import intake
from hdnd.petitions.actions import referral as referring
from hdnd.petitions.actions.entry import EMPTY_TEXT
from hdnd.petitions.import_files import REFERENCE_MAX
from hdnd.petitions.models import Petition
from hdnd.petitions.permissions import cycle_for, issue_for, meeting_for

router = Router(tags=["Kiến nghị cử tri"])

UNKNOWN_DELEGATE = "Chỉ chọn đại biểu của HĐND này."
UNKNOWN_COUNCIL = "Chọn HĐND cấp trên trực tiếp hoặc một HĐND cấp dưới."


class ReceivedPetitionOut(Schema):
    id: int
    council_id: int
    cycle_id: int
    meeting_id: int | None
    source: str
    source_label: str
    from_council_id: int | None
    origin_issue_id: int | None
    received_on: dt.date | None
    reference: str
    text: str
    voter_place: str
    delegate_id: int | None
    answered_on_the_spot: bool
    answer: str
    status: str

    @staticmethod
    def resolve_source_label(obj: Petition) -> str:
        return obj.get_source_display()


class ReceivedPetitionIn(NfcIn):
    source: Petition.Source = Petition.Source.RECEPTION
    received_on: dt.date | None = None
    reference: str = Field("", max_length=REFERENCE_MAX)
    text: str = ""
    voter_place: str = Field("", max_length=255)
    delegate_id: int | None = None


class ReceivedPetitionImportIn(NfcIn):
    source: Petition.Source = Petition.Source.RECEPTION
    received_on: dt.date | None = None


class IssueReferIn(NfcIn):
    to_council_id: int
    note: str = Field("", max_length=referral.NOTE_MAX)


class ReferredCountOut(Schema):
    count: int


class ReferralAnswerOut(Schema):
    agency: str
    outcome: str
    outcome_label: str
    text: str
    target_date: dt.date | None
    answered_at: dt.datetime


class IssueReferralOut(Schema):
    council_id: int
    council_name: str
    petition_id: int
    received_on: dt.date | None
    issue_id: int | None
    issue_title: str
    answers: list[ReferralAnswerOut]


@router.get(
    "/cycles/{cycle_id}/received/",
    response=list[ReceivedPetitionOut],
    summary="Ý kiến qua tiếp công dân, đơn thư của một đợt",
)
@paginate(PageNumberPagination, page_size=50, max_page_size=100)
def intake_list_received(request: HttpRequest, cycle_id: int) -> QuerySet[Petition]:
    cycle = cycle_for(request, cycle_id, VIEW)
    return cycle.petitions.filter(source__in=intake.RECEIVED_SOURCES).order_by("pk")


@router.post(
    "/cycles/{cycle_id}/received/",
    response={201: ReceivedPetitionOut, **ERRORS},
    summary="Tiếp nhận một ý kiến qua tiếp công dân hoặc đơn, thư",
)
def intake_register_received(request: HttpRequest, cycle_id: int, payload: ReceivedPetitionIn) -> Status[Any]:
    """``source``: reception or letter; ``received_on`` defaults to today; ``reference``: số phiếu, số đơn."""
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    fields = payload.dict()
    delegate_id = fields.pop("delegate_id")
    delegate = Person.objects.filter(pk=delegate_id, council=cycle.council).first() if delegate_id else None
    if delegate_id and delegate is None:
        raise ValidationError({"delegate": [UNKNOWN_DELEGATE]})
    if not fields["text"]:
        raise ValidationError({"text": [EMPTY_TEXT]})
    return Status(201, intake.register_received(cycle, by=request.user, delegate=delegate, **fields))


@router.post(
    "/meetings/{meeting_id}/petitions/import/",
    response={201: list[ReceivedPetitionOut], **ERRORS},
    summary="Nhập danh sách ý kiến của buổi tiếp xúc từ tệp .xlsx hoặc .docx",
)
def intake_import_meeting(request: HttpRequest, meeting_id: int, file: File[UploadedFile]) -> Status[Any]:
    """All or nothing: a refused file answers 422 with ``errors.file``, or ``errors.rows`` by row."""
    meeting = meeting_for(request, meeting_id, MANAGE_PETITIONS)
    made = intake.import_file(
        file, by=request.user, cycle=meeting.cycle, source=Petition.Source.MEETING, meeting=meeting
    )
    return Status(201, made)


@router.post(
    "/cycles/{cycle_id}/received/import/",
    response={201: list[ReceivedPetitionOut], **ERRORS},
    summary="Nhập danh sách ý kiến qua tiếp công dân, đơn thư từ tệp .xlsx hoặc .docx",
)
def intake_import_received(
    request: HttpRequest, cycle_id: int, file: File[UploadedFile], form: Form[ReceivedPetitionImportIn]
) -> Status[Any]:
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    made = intake.import_file(
        file, by=request.user, cycle=cycle, source=form.source, received_on=form.received_on
    )
    return Status(201, made)


@router.post(
    "/issues/{issue_id}/refer/",
    response={201: ReceivedPetitionOut, **ERRORS},
    summary="Chuyển kiến nghị lên HĐND cấp trên hoặc xuống HĐND cấp dưới",
)
def intake_refer_issue(request: HttpRequest, issue_id: int, payload: IssueReferIn) -> Status[Any]:
    """Answers the petition the issue became in the target council's newest cycle."""
    issue = issue_for(request, issue_id, MANAGE_PETITIONS)
    target = Council.objects.filter(pk=payload.to_council_id).first()
    if target is None:
        raise ValidationError({"to_council": [UNKNOWN_COUNCIL]})
    return Status(201, referring.refer_issue(issue, target, by=request.user, note=payload.note))


@router.post(
    "/cycles/{cycle_id}/refer-up/",
    response={200: ReferredCountOut, **ERRORS},
    summary="Chuyển lên HĐND cấp trên các kiến nghị thẩm quyền tỉnh, trung ương của một đợt",
)
def intake_refer_cycle_up(request: HttpRequest, cycle_id: int) -> dict[str, int]:
    cycle = cycle_for(request, cycle_id, MANAGE_PETITIONS)
    return {"count": referring.refer_cycle_up(cycle, by=request.user)}


@router.get(
    "/issues/{issue_id}/referrals/",
    response=list[IssueReferralOut],
    summary="Kiến nghị đã chuyển sang HĐND cấp khác và trả lời nhận lại",
)
def intake_issue_referrals(request: HttpRequest, issue_id: int) -> list[dict[str, Any]]:
    issue = issue_for(request, issue_id, VIEW)
    return [
        {
            "council_id": result.council.pk,
            "council_name": result.council.name,
            "petition_id": result.petition.pk,
            "received_on": result.petition.received_on,
            "issue_id": result.issue.pk if result.issue else None,
            "issue_title": result.issue.title if result.issue else "",
            "answers": [
                {
                    "agency": answer.forwarding.agency.name,
                    "outcome": answer.outcome,
                    "outcome_label": answer.get_outcome_display(),
                    "text": answer.text,
                    "target_date": answer.target_date,
                    "answered_at": answer.answered_at,
                }
                for answer in result.answers
            ],
        }
        for result in referral.referral_results(issue)
    ]
