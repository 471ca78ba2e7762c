"""Briefings (hội nghị giao ban) over the JSON API, scoped like the pages: VIEW_WORK to read, MANAGE_BRIEFINGS
in the host council to change. Routers call the same loaders and actions as the pages; refusals answer
404/403/422 in Vietnamese (``hdnd/api/main.py``). The invitation and the notice download from the page
URLs (``invitation_docx``, ``notice_pdf`` …), named in the detail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_BRIEFINGS, VIEW_WORK
from hdnd.briefings import actions, materials
from hdnd.briefings.models import Briefing, BriefingPoint, ConclusionItem, Participant
from hdnd.briefings.permissions import briefing_for, council_for, participant_for, proposal_for
from hdnd.core.paging import CappedPageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Person

router = Router(tags=["Hội nghị giao ban"])


class BriefingOut(Schema):
    id: int
    council_id: int
    period: str
    period_label: str
    meets_on: dt.date
    starts_at: dt.time | None
    place: str
    chair_id: int | None
    status: str
    held_on: dt.date | None
    invitation_symbol: str
    invitation_on: dt.date | None
    notice_symbol: str
    notice_on: dt.date | None


class BriefingParticipantOut(Schema):
    id: int
    council_id: int
    council: str
    point: str
    attended: bool | None
    attendees: str

    @staticmethod
    def resolve_council(obj: Participant) -> str:
        return obj.council.name

    @staticmethod
    def resolve_point(obj: Participant) -> str:
        return obj.point.name if obj.point else ""


class BriefingContributionOut(Schema):
    id: int
    council_id: int | None
    speaker: str
    speaker_title: str
    content: str


class BriefingConclusionOut(Schema):
    id: int
    position: int
    content: str
    due_on: dt.date | None
    council_ids: list[int]
    body_ids: list[int]
    task_ids: list[int]

    @staticmethod
    def resolve_council_ids(obj: ConclusionItem) -> list[int]:
        return [c.pk for c in obj.councils.all()]

    @staticmethod
    def resolve_body_ids(obj: ConclusionItem) -> list[int]:
        return [b.pk for b in obj.bodies.all()]

    @staticmethod
    def resolve_task_ids(obj: ConclusionItem) -> list[int]:
        return [t.pk for t in obj.tasks.all()]


class BriefingDetailOut(BriefingOut):
    agenda: list[str]
    points: list[str]
    participants: list[BriefingParticipantOut]
    contributions: list[BriefingContributionOut]
    conclusions: list[BriefingConclusionOut]
    previous_id: int | None
    follow_up_task_ids: list[int]
    documents: dict[str, str]


class BriefingIn(NfcIn):
    period: str
    meets_on: dt.date
    starts_at: dt.time | None = None
    place: str = ""
    chair_id: int | None = None
    notes: str = ""


class BriefingDayIn(NfcIn):
    day: dt.date
    number: int | None = None


class BriefingAttendanceIn(NfcIn):
    attended: bool | None = None
    point_id: int | None = None
    attendees: str = ""


class BriefingNoticeIn(NfcIn):
    issued_on: dt.date
    text: str = ""
    recipients: str = ""
    signer_name: str = ""
    number: int | None = None


class BriefingAnswerIn(NfcIn):
    answer: str


class BriefingAnswerOut(Schema):
    id: int
    council_id: int
    answer: str
    answered_on: dt.date | None


def _detail(briefing: Briefing) -> dict[str, Any]:
    previous, follow = materials.follow_up(briefing)
    base = {name: getattr(briefing, name) for name in BriefingOut.model_fields}
    return {
        **base,
        "agenda": [
            f"{item.title} — {item.presenter}" if item.presenter else item.title
            for item in briefing.agenda.all()
        ],
        "points": [point.name for point in briefing.points.all()],
        "participants": list(briefing.participants.select_related("council", "point")),
        "contributions": list(briefing.contributions.all()),
        "conclusions": list(briefing.conclusions.prefetch_related("councils", "bodies", "tasks")),
        "previous_id": previous.pk if previous else None,
        "follow_up_task_ids": [task.pk for task in follow],
        "documents": {
            name: reverse(f"briefings:{name}", args=[briefing.pk])
            for name in ("invitation_docx", "invitation_pdf", "notice_docx", "notice_pdf")
        },
    }


def pick[M](model: type[M], pk: int | None, field: str, **scope: Any) -> M | None:
    if pk is None:
        return None
    found = model._default_manager.filter(pk=pk, **scope).first()  # type: ignore[attr-defined]
    if found is None:
        raise ValidationError({field: ["Không có trong danh sách được chọn."]})
    return found


@router.get("/councils/{council_id}/briefings", response={200: list[BriefingOut], **ERRORS})
@paginate(CappedPageNumberPagination, page_size=50)
def briefing_list_api(request: HttpRequest, council_id: int) -> Any:
    council = council_for(request, council_id, VIEW_WORK)
    return Briefing.objects.filter(council=council).order_by("-meets_on", "-pk")


@router.post("/councils/{council_id}/briefings", response={201: BriefingDetailOut, **ERRORS})
def briefing_create_api(request: HttpRequest, council_id: int, payload: BriefingIn) -> Status:
    council = council_for(request, council_id, MANAGE_BRIEFINGS)
    data = payload.dict()
    data["chair"] = pick(Person, data.pop("chair_id"), "chair_id", council=council)
    briefing = actions.create_briefing(council, by=request.user, **data)
    return Status(201, _detail(briefing))


@router.get("/briefings/{briefing_id}", response={200: BriefingDetailOut, **ERRORS})
def briefing_detail_api(request: HttpRequest, briefing_id: int) -> dict[str, Any]:
    return _detail(briefing_for(request, briefing_id, VIEW_WORK))


@router.put("/briefings/{briefing_id}", response={200: BriefingDetailOut, **ERRORS})
def briefing_update_api(request: HttpRequest, briefing_id: int, payload: BriefingIn) -> dict[str, Any]:
    """Change the period, date, time, main point, chair or notes (422 once the briefing is held)."""
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    data = payload.dict()
    data["chair"] = pick(Person, data.pop("chair_id"), "chair_id", council=briefing.council)
    actions.edit_briefing(briefing, by=request.user, **data)
    return _detail(briefing_for(request, briefing_id, VIEW_WORK))


@router.post("/briefings/{briefing_id}/invitation", response={200: BriefingDetailOut, **ERRORS})
def briefing_invite_api(request: HttpRequest, briefing_id: int, payload: BriefingDayIn) -> dict[str, Any]:
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    actions.issue_invitation(briefing, by=request.user, issued_on=payload.day, number=payload.number)
    return _detail(briefing_for(request, briefing_id, VIEW_WORK))


@router.post("/briefings/{briefing_id}/held", response={200: BriefingDetailOut, **ERRORS})
def briefing_held_api(request: HttpRequest, briefing_id: int, payload: BriefingDayIn) -> dict[str, Any]:
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    actions.mark_held(briefing, by=request.user, held_on=payload.day)
    return _detail(briefing_for(request, briefing_id, VIEW_WORK))


@router.patch("/briefing-participants/{participant_id}", response={200: BriefingParticipantOut, **ERRORS})
def briefing_attendance_api(
    request: HttpRequest, participant_id: int, payload: BriefingAttendanceIn
) -> Participant:
    participant = participant_for(request, participant_id, MANAGE_BRIEFINGS)
    point = pick(BriefingPoint, payload.point_id, "point_id", briefing=participant.briefing)
    return actions.record_attendance(
        participant, by=request.user, attended=payload.attended, point=point, attendees=payload.attendees
    )


@router.post("/briefings/{briefing_id}/notice", response={200: BriefingDetailOut, **ERRORS})
def briefing_notice_api(request: HttpRequest, briefing_id: int, payload: BriefingNoticeIn) -> dict[str, Any]:
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    actions.issue_notice(briefing, by=request.user, **payload.dict())
    return _detail(briefing_for(request, briefing_id, VIEW_WORK))


@router.post(
    "/briefings/{briefing_id}/proposals/{proposal_id}/answer", response={200: BriefingAnswerOut, **ERRORS}
)
def briefing_answer_api(
    request: HttpRequest, briefing_id: int, proposal_id: int, payload: BriefingAnswerIn
) -> Any:
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    proposal = proposal_for(briefing, proposal_id)
    return actions.answer_proposal(briefing, proposal, by=request.user, answer=payload.answer)
