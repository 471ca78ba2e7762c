"""Oversight's files over the JSON API, as multipart uploads through the same actions and the same
``hdnd.core.uploads`` check as the pages: a supervised body's self-report, and evidence on a
recommendation or a commitment (fields ``title`` and ``file``); evidence is downloaded as the page does.

Scope as the pages: the self-report needs MANAGE_OVERSIGHT; evidence the office or the addressed
agency's own responder (``permissions.reportable_for``: another agency's responder gets 404); reading
evidence needs VIEW_WORK of its council, or the responder of the agency its item is addressed to.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from hdnd.accounts.scope import MANAGE_OVERSIGHT
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.core.uploads import serve_file

from . import actions
from .models import Commitment, Recommendation, SupervisedAgency
from .permissions import commitment_for, evidence_to_read, recommendation_for, reportable_for, supervision_for

router = Router(tags=["Giám sát, chất vấn, giải trình"])
OPTIONAL_FILE = File(None)  # the report may arrive on paper: the day alone is recorded


class OversightEvidenceIn(NfcIn):
    title: str


class OversightEvidenceOut(Schema):
    id: int
    council_id: int
    recommendation_id: int | None
    commitment_id: int | None
    title: str
    file_name: str
    uploaded_at: datetime

    @staticmethod
    def resolve_file_name(obj: Any) -> str:
        return str(obj.file.name).rsplit("/", 1)[-1]


class OversightSelfReportIn(NfcIn):
    agency_id: int
    on: date


class OversightSelfReportOut(Schema):
    id: int
    supervision_id: int
    agency_id: int
    report_due_on: date
    report_received_on: date | None
    has_file: bool

    @staticmethod
    def resolve_has_file(obj: Any) -> bool:
        return bool(obj.report_file)


def _target(supervision_id: int, agency_id: int) -> SupervisedAgency:
    found = SupervisedAgency.objects.filter(supervision_id=supervision_id, agency_id=agency_id).first()
    if found is None:
        raise ValidationError({"agency_id": "Cơ quan này không phải đối tượng chịu giám sát của cuộc này."})
    return found


@router.post(
    "/supervisions/{pk}/self-reports/",
    response={200: OversightSelfReportOut, **ERRORS},
    summary="Nhận báo cáo của cơ quan chịu giám sát (multipart, tệp tùy chọn)",
)
def oversight_receive_self_report(
    request: HttpRequest,
    pk: int,
    form: Form[OversightSelfReportIn],
    file: UploadedFile | None = OPTIONAL_FILE,
) -> Any:
    supervision = supervision_for(request, pk, MANAGE_OVERSIGHT)
    target = _target(supervision.pk, form.agency_id)
    return actions.receive_self_report(target, by=request.user, on=form.on, upload=file)


@router.post(
    "/recommendations/{pk}/evidence/",
    response={201: OversightEvidenceOut, **ERRORS},
    summary="Đính kèm minh chứng cho kiến nghị (multipart)",
)
def oversight_recommendation_evidence(
    request: HttpRequest, pk: int, form: Form[OversightEvidenceIn], file: File[UploadedFile]
) -> Status[Any]:
    item: Recommendation = reportable_for(request, recommendation_for, pk)
    return Status(201, actions.attach_evidence(item, by=request.user, title=form.title, upload=file))


@router.post(
    "/commitments/{pk}/evidence/",
    response={201: OversightEvidenceOut, **ERRORS},
    summary="Đính kèm minh chứng cho cam kết (multipart)",
)
def oversight_commitment_evidence(
    request: HttpRequest, pk: int, form: Form[OversightEvidenceIn], file: File[UploadedFile]
) -> Status[Any]:
    item: Commitment = reportable_for(request, commitment_for, pk)
    return Status(201, actions.attach_evidence(item, by=request.user, title=form.title, upload=file))


@router.get("/oversight/evidence/{pk}/", response={200: None, **ERRORS}, summary="Tải minh chứng")
def oversight_evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    return serve_file(evidence_to_read(request, pk).file, "minh-chung")
