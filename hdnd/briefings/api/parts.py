"""The parts of a briefing over the JSON API, as the pages change them: the agenda (replaced as a whole,
like its page), the councils invited, the online points (điểm cầu) with who attended at each, the
contributions, the conclusion items and the proposals of the councils below with the host's answers.
Reading needs VIEW_WORK, changing MANAGE_BRIEFINGS in the host council; each write calls the page's action,
which refuses (422) what the briefing's status does not allow.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import field_validator

from hdnd.accounts.scope import MANAGE_BRIEFINGS, VIEW_WORK
from hdnd.briefings import actions, materials
from hdnd.briefings.api.briefings import (
    BriefingConclusionOut,
    BriefingContributionOut,
    BriefingParticipantOut,
    pick,
)
from hdnd.briefings.models import AgendaItem, BriefingPoint, Contribution, Participant
from hdnd.briefings.permissions import briefing_for, conclusion_for, contribution_for, point_for
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.core.text import CONTROL_MESSAGE, has_control_characters
from hdnd.councils.models import Body, Council

router = Router(tags=["Hội nghị giao ban"])
MANY = 500  # more lines than any agenda, more councils than any province has below it


class BriefingAgendaItemOut(Schema):
    id: int
    position: int
    title: str
    presenter: str


class BriefingAgendaLineIn(NfcIn):
    title: str
    presenter: str = ""


class BriefingAgendaIn(NfcIn):
    items: list[BriefingAgendaLineIn] = Field(max_length=MANY)


class BriefingParticipantsIn(NfcIn):
    council_ids: list[int] = Field(max_length=MANY)


class BriefingPointOut(Schema):
    id: int
    name: str
    address: str
    attendees: list[str]

    @staticmethod
    def resolve_attendees(obj: BriefingPoint) -> list[str]:
        return [line for line in obj.attendees.splitlines() if line]


class BriefingPointIn(NfcIn):
    name: str
    address: str = ""


class BriefingPointAttendeesIn(NfcIn):
    attendees: list[str] = Field(max_length=MANY)

    @field_validator("attendees")
    @classmethod
    def _plain_names(cls, names: list[str]) -> list[str]:
        if any(has_control_characters(name) for name in names):
            raise ValueError(CONTROL_MESSAGE)
        return names


class BriefingProposalOut(Schema):
    id: int
    council_id: int
    council: str
    period: str
    text: str
    answer: str
    answered_on: dt.date | None
    earlier: bool

    @staticmethod
    def resolve_council(obj: Any) -> str:
        return str(obj.council.name)

    @staticmethod
    def resolve_period(obj: Any) -> str:
        return str(obj.report.period.code)


class BriefingContributionIn(NfcIn):
    speaker: str
    content: str
    speaker_title: str = ""
    council_id: int | None = None


class BriefingConclusionIn(NfcIn):
    content: str
    due_on: dt.date | None = None
    council_ids: list[int] = []
    body_ids: list[int] = []


def _agenda(briefing: Any) -> list[AgendaItem]:
    return list(briefing.agenda.all())


def _participants(briefing: Any) -> list[Participant]:
    return list(briefing.participants.select_related("council", "point").order_by("council__name_key", "pk"))


@router.get("/briefings/{briefing_id}/agenda", response={200: list[BriefingAgendaItemOut], **ERRORS})
def briefing_agenda_api(request: HttpRequest, briefing_id: int) -> list[AgendaItem]:
    return _agenda(briefing_for(request, briefing_id, VIEW_WORK))


@router.put("/briefings/{briefing_id}/agenda", response={200: list[BriefingAgendaItemOut], **ERRORS})
def briefing_agenda_set_api(request: HttpRequest, briefing_id: int, payload: BriefingAgendaIn) -> Any:
    """Replace the agenda with ``items`` in order (until the briefing is held)."""
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    lines = [actions.AgendaLine(line.title, line.presenter) for line in payload.items]
    return actions.set_agenda(briefing, by=request.user, items=lines)


@router.get("/briefings/{briefing_id}/participants", response={200: list[BriefingParticipantOut], **ERRORS})
def briefing_participants_api(request: HttpRequest, briefing_id: int) -> list[Participant]:
    """The councils invited, each with its point, whether it came and who attended."""
    return _participants(briefing_for(request, briefing_id, VIEW_WORK))


@router.put("/briefings/{briefing_id}/participants", response={200: list[BriefingParticipantOut], **ERRORS})
def briefing_participants_set_api(
    request: HttpRequest, briefing_id: int, payload: BriefingParticipantsIn
) -> list[Participant]:
    """The councils invited, among those directly below the host; councils left out lose their rows."""
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    councils = list(Council.objects.filter(pk__in=payload.council_ids))
    if len(councils) != len(set(payload.council_ids)):
        raise ValidationError({"council_ids": ["Có đơn vị không tồn tại."]})
    actions.set_participants(briefing, by=request.user, councils=councils)
    return _participants(briefing)


@router.get("/briefings/{briefing_id}/points", response={200: list[BriefingPointOut], **ERRORS})
def briefing_points_api(request: HttpRequest, briefing_id: int) -> list[BriefingPoint]:
    return list(briefing_for(request, briefing_id, VIEW_WORK).points.all())


@router.post("/briefings/{briefing_id}/points", response={201: BriefingPointOut, **ERRORS})
def briefing_point_create_api(request: HttpRequest, briefing_id: int, payload: BriefingPointIn) -> Status:
    """Add an online point (until the briefing is held)."""
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    return Status(
        201, actions.add_point(briefing, by=request.user, name=payload.name, address=payload.address)
    )


@router.patch("/briefing-points/{point_id}", response={200: BriefingPointOut, **ERRORS})
def briefing_point_attendees_api(
    request: HttpRequest, point_id: int, payload: BriefingPointAttendeesIn
) -> BriefingPoint:
    """Who attended at the point, one name a line (once the briefing is held)."""
    point = point_for(request, point_id, MANAGE_BRIEFINGS)
    return actions.set_point_attendees(point, by=request.user, attendees="\n".join(payload.attendees))


@router.delete("/briefing-points/{point_id}", response={204: None, **ERRORS})
def briefing_point_delete_api(request: HttpRequest, point_id: int) -> Status:
    """Take a point off the plan (until the briefing is held); the councils joining from it are unassigned."""
    actions.remove_point(point_for(request, point_id, MANAGE_BRIEFINGS), by=request.user)
    return Status(204, None)


@router.post("/briefings/{briefing_id}/contributions", response={201: BriefingContributionOut, **ERRORS})
def briefing_contribution_api(
    request: HttpRequest, briefing_id: int, payload: BriefingContributionIn
) -> Status:
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    council = pick(Council, payload.council_id, "council_id")
    contribution: Contribution = actions.add_contribution(
        briefing,
        by=request.user,
        speaker=payload.speaker,
        content=payload.content,
        speaker_title=payload.speaker_title,
        council=council,
    )
    return Status(201, contribution)


@router.post("/briefings/{briefing_id}/conclusions", response={201: BriefingConclusionOut, **ERRORS})
def briefing_conclusion_api(request: HttpRequest, briefing_id: int, payload: BriefingConclusionIn) -> Status:
    briefing = briefing_for(request, briefing_id, MANAGE_BRIEFINGS)
    councils = list(Council.objects.filter(pk__in=payload.council_ids))
    bodies = list(Body.objects.filter(pk__in=payload.body_ids))
    if len(councils) != len(set(payload.council_ids)) or len(bodies) != len(set(payload.body_ids)):
        raise ValidationError({"council_ids": ["Có đơn vị không tồn tại."]})
    item = actions.add_conclusion_item(
        briefing,
        by=request.user,
        content=payload.content,
        due_on=payload.due_on,
        councils=councils,
        bodies=bodies,
    )
    return Status(201, item)


@router.get("/briefings/{briefing_id}/contributions", response={200: list[BriefingContributionOut], **ERRORS})
def briefing_contributions_api(request: HttpRequest, briefing_id: int) -> Any:
    return list(briefing_for(request, briefing_id, VIEW_WORK).contributions.all())


@router.delete("/briefing-contributions/{contribution_id}", response={204: None, **ERRORS})
def briefing_contribution_delete_api(request: HttpRequest, contribution_id: int) -> Status:
    """Take a contribution off the record (while the briefing is held and not concluded)."""
    contribution = contribution_for(request, contribution_id, MANAGE_BRIEFINGS)
    actions.remove_contribution(contribution, by=request.user)
    return Status(204, None)


@router.get("/briefings/{briefing_id}/conclusions", response={200: list[BriefingConclusionOut], **ERRORS})
def briefing_conclusions_api(request: HttpRequest, briefing_id: int) -> Any:
    briefing = briefing_for(request, briefing_id, VIEW_WORK)
    return list(briefing.conclusions.prefetch_related("councils", "bodies", "tasks"))


@router.delete("/briefing-conclusions/{item_id}", response={204: None, **ERRORS})
def briefing_conclusion_delete_api(request: HttpRequest, item_id: int) -> Status:
    """Take an item off the draft notice (the items after it move up one place)."""
    actions.remove_conclusion_item(conclusion_for(request, item_id, MANAGE_BRIEFINGS), by=request.user)
    return Status(204, None)


@router.get("/briefings/{briefing_id}/proposals", response={200: list[BriefingProposalOut], **ERRORS})
def briefing_proposals_api(request: HttpRequest, briefing_id: int) -> list[Any]:
    """The proposals of the period's reports of the councils below and earlier ones still unanswered
    (``earlier``), with the host's answers; answered by ``…/proposals/{id}/answer``."""
    current, earlier = materials.proposals(briefing_for(request, briefing_id, VIEW_WORK))
    for proposal in current:
        proposal.earlier = False
    for proposal in earlier:
        proposal.earlier = True
    return [*current, *earlier]
