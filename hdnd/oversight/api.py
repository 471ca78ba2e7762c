"""Oversight over the JSON API, scoped like the pages (``permissions``): 404 outside the user's councils,
403 without the right, 422 with the Vietnamese message when an action refuses. Writes call the same
actions as the pages; lists are paged (``?page=``, capped counts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from hdnd.accounts.scope import MANAGE_OVERSIGHT, VIEW, VIEW_WORK, scope_of
from hdnd.core.paging import CappedPageNumberPagination
from hdnd.core.schemas import ERRORS, NfcIn
from hdnd.councils.models import Agency, Body, Person
from hdnd.sittings.models import Session, StandingMeeting

from . import actions, chain, rates
from .actions import MemberLine
from .api_files import router as files_router
from .models import (
    Commitment,
    ExplanationSession,
    QuestioningTopic,
    Recommendation,
    Supervision,
    TeamMember,
)
from .permissions import (
    addressed_rows,
    chain_start_for,
    commitment_for,
    council_for,
    explanation_for,
    readable_for,
    recommendation_for,
    reportable_for,
    supervision_for,
    topic_for,
)

router = Router(tags=["Giám sát, chất vấn, giải trình"])


# Schemas -----------------------------------------------------------------------------------------


class OversightRateOut(Schema):
    due: int
    done: int
    partly_done: int
    overdue: int
    not_due: int
    excluded: int
    percent: int | None


class SupervisionOut(Schema):
    id: int
    council_id: int
    kind: str
    title: str
    content: str
    scope: str
    body_id: int | None
    person_id: int | None
    rechecks_id: int | None
    status: str
    status_label: str
    decision_symbol: str
    decision_on: date | None
    plan_sent_on: date | None
    fieldwork_started_on: date | None
    fieldwork_ended_on: date | None
    draft_report_due_on: date | None
    outcome: str
    concluded_on: date | None
    notice_symbol: str
    resolution_id: int | None

    @staticmethod
    def resolve_status_label(obj: Supervision) -> str:
        return obj.get_status_display()


class SupervisionLateOut(Schema):
    what: str
    due_on: date
    days: int


class SupervisionDetailOut(SupervisionOut):
    late: list[SupervisionLateOut]

    @staticmethod
    def resolve_late(obj: Supervision) -> list[Any]:
        return obj.late()


class SupervisionIn(NfcIn):
    kind: str
    title: str
    content: str = ""
    scope: str = ""
    body_id: int | None = None
    person_id: int | None = None


class SupervisionTeamMemberIn(NfcIn):
    role: str
    person_id: int | None = None
    name: str = ""
    position: str = ""


class SupervisionTeamIn(NfcIn):
    on: date
    number: int | None = None
    members: list[SupervisionTeamMemberIn]


class SupervisionPlanIn(NfcIn):
    on: date
    agency_ids: list[int]
    report_due_on: date


class SupervisionFieldworkIn(NfcIn):
    on: date
    place: str
    agency_id: int | None = None
    notes: str = ""


class SupervisionDayIn(NfcIn):
    on: date


class SupervisionConcludeIn(NfcIn):
    on: date
    outcome: str
    conclusions: str
    number: int | None = None
    session_id: int | None = None


class FollowUpOut(Schema):
    id: int
    council_id: int
    agency_id: int
    agency_name: str
    content: str
    due_on: date | None
    multi_year: bool
    status: str
    status_label: str
    progress: int
    progress_note: str
    reported_by_agency: bool
    done_on: date | None
    escalation: int

    @staticmethod
    def resolve_agency_name(obj: Any) -> str:
        return str(obj.agency)

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return obj.get_status_display()


class RecommendationOut(FollowUpOut):
    source: str
    supervision_id: int | None
    parent_id: int | None


class CommitmentOut(FollowUpOut):
    official: str
    topic_id: int | None
    explanation_id: int | None


class RecommendationIn(NfcIn):
    agency_id: int
    content: str
    due_on: date | None = None
    multi_year: bool = False
    parent_id: int | None = None


class FollowUpProgressIn(NfcIn):
    on: date
    status: str
    progress: int | None = None
    note: str = ""


class QuestioningTopicOut(Schema):
    id: int
    council_id: int
    title: str
    status: str
    criteria: list[str]
    respondents: str
    session_id: int | None
    standing_meeting_id: int | None
    questioned_on: date | None
    satisfaction: str
    resolution_id: int | None

    @staticmethod
    def resolve_criteria(obj: QuestioningTopic) -> list[str]:
        return obj.criteria_labels


class QuestioningTopicIn(NfcIn):
    title: str
    pressing: bool = False
    violations: bool = False
    unaccepted_answers: bool = False
    supervision_findings: bool = False
    reasons: str = ""
    respondents: str = ""
    session_id: int | None = None
    standing_meeting_id: int | None = None
    agency_ids: list[int] = []


class QuestioningResultIn(NfcIn):
    on: date
    answers: str
    satisfaction: str = ""


class CommitmentIn(NfcIn):
    official: str
    agency_id: int
    content: str
    due_on: date | None = None
    multi_year: bool = False


class ExplanationOut(Schema):
    id: int
    council_id: int
    title: str
    agency_id: int
    officials: str
    planned_on: date
    held_on: date | None
    status: str
    satisfaction: str
    notice_symbol: str
    standing_meeting_id: int | None


class ExplanationIn(NfcIn):
    title: str
    agency_id: int
    officials: str
    planned_on: date
    standing_meeting_id: int | None = None


class ExplanationHeldIn(NfcIn):
    held_on: date
    participants: str = ""
    answers: str
    satisfaction: str = ""


class ExplanationConcludeIn(NfcIn):
    on: date
    conclusion: str
    number: int | None = None


class ChainLinkOut(Schema):
    stage: str
    label: str
    url: str
    status: str
    on: date | None
    done: bool | None


class ChainOut(Schema):
    stages: dict[str, list[ChainLinkOut]]
    all_done: bool
    truncated: bool


# Lookups inside a council ------------------------------------------------------------------------


def _in(model: type[Any], council_id: int, pk: int | None, field: str) -> Any:
    """A related record of the council (``None`` stays ``None``); another council's is refused."""
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: ["Không tìm thấy."]})
    return found


def _agencies(ids: list[int]) -> list[Agency]:
    found = list(Agency.objects.filter(pk__in=ids).select_related("council"))
    if len(found) != len(set(ids)):
        raise ValidationError({"agency_ids": ["Có cơ quan không tìm thấy."]})
    return found


# Supervisions ------------------------------------------------------------------------------------


@router.get(
    "/councils/{council_id}/supervisions/", response=list[SupervisionOut], summary="Cuộc giám sát, khảo sát"
)
@paginate(CappedPageNumberPagination, page_size=50, max_page_size=100)
def oversight_list_supervisions(request: HttpRequest, council_id: int) -> QuerySet[Supervision]:
    council = council_for(request, council_id, VIEW_WORK)
    return Supervision.objects.filter(council=council).order_by("-created_at", "-pk")


@router.post(
    "/councils/{council_id}/supervisions/",
    response={201: SupervisionOut, **ERRORS},
    summary="Thêm cuộc giám sát",
)
def oversight_create_supervision(request: HttpRequest, council_id: int, data: SupervisionIn) -> Any:
    council = council_for(request, council_id, MANAGE_OVERSIGHT)
    made = actions.create_supervision(
        council,
        by=request.user,
        kind=data.kind,
        title=data.title,
        content=data.content,
        scope=data.scope,
        body=_in(Body, council.pk, data.body_id, "body_id"),
        person=_in(Person, council.pk, data.person_id, "person_id"),
    )
    return Status(201, made)


@router.get(
    "/supervisions/{pk}/",
    response={200: SupervisionDetailOut, **ERRORS},
    summary="Cuộc giám sát: bước, việc chậm",
)
def oversight_get_supervision(request: HttpRequest, pk: int) -> Supervision:
    return supervision_for(request, pk, VIEW_WORK)


@router.post(
    "/supervisions/{pk}/team/", response={200: SupervisionOut, **ERRORS}, summary="Quyết định thành lập đoàn"
)
def oversight_establish_team(request: HttpRequest, pk: int, data: SupervisionTeamIn) -> Supervision:
    supervision = supervision_for(request, pk, MANAGE_OVERSIGHT)
    members = [
        MemberLine(
            role=m.role if m.role in TeamMember.Role.values else "",
            person=_in(Person, supervision.council_id, m.person_id, "members"),
            name=m.name,
            position=m.position,
        )
        for m in data.members
    ]
    return actions.establish_team(
        supervision, by=request.user, on=data.on, members=members, number=data.number
    )


@router.post(
    "/supervisions/{pk}/plan/", response={200: SupervisionOut, **ERRORS}, summary="Gửi kế hoạch, đề cương"
)
def oversight_send_plan(request: HttpRequest, pk: int, data: SupervisionPlanIn) -> Supervision:
    supervision = supervision_for(request, pk, MANAGE_OVERSIGHT)
    return actions.send_plan(
        supervision,
        by=request.user,
        on=data.on,
        agencies=_agencies(data.agency_ids),
        report_due_on=data.report_due_on,
    )


@router.post(
    "/supervisions/{pk}/fieldwork/",
    response={201: SupervisionOut, **ERRORS},
    summary="Buổi làm việc trực tiếp",
)
def oversight_add_fieldwork(request: HttpRequest, pk: int, data: SupervisionFieldworkIn) -> Any:
    supervision = supervision_for(request, pk, MANAGE_OVERSIGHT)
    agency = _in(Agency, supervision.council_id, data.agency_id, "agency_id")
    actions.add_fieldwork(
        supervision, by=request.user, on=data.on, place=data.place, agency=agency, notes=data.notes
    )
    return Status(201, Supervision.objects.get(pk=pk))


@router.post(
    "/supervisions/{pk}/finish/",
    response={200: SupervisionOut, **ERRORS},
    summary="Kết thúc làm việc trực tiếp",
)
def oversight_finish_fieldwork(request: HttpRequest, pk: int, data: SupervisionDayIn) -> Supervision:
    return actions.finish_fieldwork(
        supervision_for(request, pk, MANAGE_OVERSIGHT), by=request.user, on=data.on
    )


@router.post(
    "/supervisions/{pk}/conclude/", response={200: SupervisionOut, **ERRORS}, summary="Kết luận cuộc giám sát"
)
def oversight_conclude_supervision(request: HttpRequest, pk: int, data: SupervisionConcludeIn) -> Supervision:
    supervision = supervision_for(request, pk, MANAGE_OVERSIGHT)
    return actions.conclude_supervision(
        supervision,
        by=request.user,
        on=data.on,
        outcome=data.outcome,
        conclusions=data.conclusions,
        number=data.number,
        session=_in(Session, supervision.council_id, data.session_id, "session_id"),
    )


@router.post(
    "/supervisions/{pk}/recommendations/",
    response={201: RecommendationOut, **ERRORS},
    summary="Ghi kiến nghị",
)
def oversight_add_recommendation(request: HttpRequest, pk: int, data: RecommendationIn) -> Any:
    supervision = supervision_for(request, pk, MANAGE_OVERSIGHT)
    made = actions.add_recommendation(
        supervision.council,
        by=request.user,
        agency=_in(Agency, supervision.council_id, data.agency_id, "agency_id"),
        content=data.content,
        on=timezone.localdate(),
        due_on=data.due_on,
        multi_year=data.multi_year,
        supervision=supervision,
        parent=_in(Recommendation, supervision.council_id, data.parent_id, "parent_id"),
    )
    return Status(201, made)


# Recommendations and commitments -----------------------------------------------------------------


@router.get(
    "/councils/{council_id}/recommendations/",
    response=list[RecommendationOut],
    summary="Kiến nghị sau giám sát",
)
@paginate(CappedPageNumberPagination, page_size=50, max_page_size=100)
def oversight_list_recommendations(request: HttpRequest, council_id: int) -> QuerySet[Recommendation]:
    council = council_for(request, council_id, VIEW)
    rows = addressed_rows(request, council, Recommendation.objects.filter(council=council))
    return rows.select_related("agency").order_by("due_on", "pk")


@router.get(
    "/councils/{council_id}/recommendations/rate/",
    response={200: OversightRateOut, **ERRORS},
    summary="Tỷ lệ thực hiện kiến nghị (chỉ tính kiến nghị đã đến hạn)",
)
def oversight_recommendation_rate(request: HttpRequest, council_id: int, on: date | None = None) -> Any:
    council = council_for(request, council_id, VIEW_WORK)
    rate = rates.implementation(council.pk, on or timezone.localdate())
    return {**rate.__dict__, "percent": rate.percent}


@router.get("/recommendations/{pk}/", response={200: RecommendationOut, **ERRORS}, summary="Một kiến nghị")
def oversight_get_recommendation(request: HttpRequest, pk: int) -> Recommendation:
    return readable_for(request, recommendation_for, pk)


@router.post(
    "/recommendations/{pk}/progress/", response={200: RecommendationOut, **ERRORS}, summary="Báo cáo kết quả"
)
def oversight_recommendation_progress(request: HttpRequest, pk: int, data: FollowUpProgressIn) -> Any:
    """The office, or the addressed agency's own responder (another agency's gets 404)."""
    item: Recommendation = reportable_for(request, recommendation_for, pk)
    return actions.report_progress(
        item, by=request.user, on=data.on, status=data.status, progress=data.progress, note=data.note
    )


@router.post(
    "/recommendations/{pk}/resupervision/",
    response={201: SupervisionOut, **ERRORS},
    summary="Tái giám sát từ kiến nghị quá hạn",
)
def oversight_resupervise(request: HttpRequest, pk: int) -> Any:
    item = recommendation_for(request, pk, MANAGE_OVERSIGHT)
    return Status(201, actions.start_resupervision(item, by=request.user, on=timezone.localdate()))


@router.get("/commitments/{pk}/", response={200: CommitmentOut, **ERRORS}, summary="Một cam kết")
def oversight_get_commitment(request: HttpRequest, pk: int) -> Commitment:
    return readable_for(request, commitment_for, pk)


@router.post(
    "/commitments/{pk}/progress/",
    response={200: CommitmentOut, **ERRORS},
    summary="Báo cáo thực hiện cam kết",
)
def oversight_commitment_progress(request: HttpRequest, pk: int, data: FollowUpProgressIn) -> Any:
    """The office, or the addressed agency's own responder (another agency's gets 404)."""
    item: Commitment = reportable_for(request, commitment_for, pk)
    return actions.report_progress(
        item, by=request.user, on=data.on, status=data.status, progress=data.progress, note=data.note
    )


# Questioning and explanation ---------------------------------------------------------------------


@router.get(
    "/councils/{council_id}/questioning-topics/",
    response=list[QuestioningTopicOut],
    summary="Nhóm vấn đề chất vấn",
)
@paginate(CappedPageNumberPagination, page_size=50, max_page_size=100)
def oversight_list_topics(request: HttpRequest, council_id: int) -> QuerySet[QuestioningTopic]:
    return QuestioningTopic.objects.filter(council=council_for(request, council_id, VIEW_WORK))


@router.post(
    "/councils/{council_id}/questioning-topics/",
    response={201: QuestioningTopicOut, **ERRORS},
    summary="Đề xuất nhóm vấn đề chất vấn",
)
def oversight_create_topic(request: HttpRequest, council_id: int, data: QuestioningTopicIn) -> Any:
    council = council_for(request, council_id, MANAGE_OVERSIGHT)
    criteria = {
        f: getattr(data, f) for f in ("pressing", "violations", "unaccepted_answers", "supervision_findings")
    }
    made = actions.create_topic(
        council,
        by=request.user,
        title=data.title,
        criteria=criteria,
        reasons=data.reasons,
        respondents=data.respondents,
        session=_in(Session, council.pk, data.session_id, "session_id"),
        standing_meeting=_in(StandingMeeting, council.pk, data.standing_meeting_id, "standing_meeting_id"),
        agencies=_agencies(data.agency_ids),
    )
    return Status(201, made)


@router.get(
    "/questioning-topics/{pk}/", response={200: QuestioningTopicOut, **ERRORS}, summary="Một nhóm vấn đề"
)
def oversight_get_topic(request: HttpRequest, pk: int) -> QuestioningTopic:
    return topic_for(request, pk, VIEW_WORK)


@router.post(
    "/questioning-topics/{pk}/commitments/",
    response={201: CommitmentOut, **ERRORS},
    summary="Ghi cam kết tại chất vấn",
)
def oversight_topic_commitment(request: HttpRequest, pk: int, data: CommitmentIn) -> Any:
    topic = topic_for(request, pk, MANAGE_OVERSIGHT)
    return Status(201, _commitment(request, topic, data))


def _commitment(request: HttpRequest, origin: Any, data: CommitmentIn) -> Commitment:
    return actions.add_commitment(
        origin,
        by=request.user,
        official=data.official,
        agency=_in(Agency, origin.council_id, data.agency_id, "agency_id"),
        content=data.content,
        on=timezone.localdate(),
        due_on=data.due_on,
        multi_year=data.multi_year,
    )


@router.get("/councils/{council_id}/explanations/", response=list[ExplanationOut], summary="Phiên giải trình")
@paginate(CappedPageNumberPagination, page_size=50, max_page_size=100)
def oversight_list_explanations(request: HttpRequest, council_id: int) -> QuerySet[ExplanationSession]:
    return ExplanationSession.objects.filter(council=council_for(request, council_id, VIEW_WORK))


@router.post(
    "/councils/{council_id}/explanations/",
    response={201: ExplanationOut, **ERRORS},
    summary="Dự kiến phiên giải trình",
)
def oversight_create_explanation(request: HttpRequest, council_id: int, data: ExplanationIn) -> Any:
    council = council_for(request, council_id, MANAGE_OVERSIGHT)
    made = actions.plan_explanation(
        council,
        by=request.user,
        title=data.title,
        agency=_in(Agency, council.pk, data.agency_id, "agency_id"),
        officials=data.officials,
        planned_on=data.planned_on,
        standing_meeting=_in(StandingMeeting, council.pk, data.standing_meeting_id, "standing_meeting_id"),
    )
    return Status(201, made)


@router.get("/explanations/{pk}/", response={200: ExplanationOut, **ERRORS}, summary="Một phiên giải trình")
def oversight_get_explanation(request: HttpRequest, pk: int) -> ExplanationSession:
    return explanation_for(request, pk, VIEW_WORK)


@router.post(
    "/explanations/{pk}/held/", response={200: ExplanationOut, **ERRORS}, summary="Ghi kết quả giải trình"
)
def oversight_explanation_held(request: HttpRequest, pk: int, data: ExplanationHeldIn) -> Any:
    session = explanation_for(request, pk, MANAGE_OVERSIGHT)
    return actions.record_explanation(session, by=request.user, **data.dict())


@router.post(
    "/explanations/{pk}/commitments/",
    response={201: CommitmentOut, **ERRORS},
    summary="Ghi cam kết tại giải trình",
)
def oversight_explanation_commitment(request: HttpRequest, pk: int, data: CommitmentIn) -> Any:
    session = explanation_for(request, pk, MANAGE_OVERSIGHT)
    return Status(201, _commitment(request, session, data))


# The thread --------------------------------------------------------------------------------------


@router.get(
    "/oversight/chain/{kind}/{pk}/", response={200: ChainOut, **ERRORS}, summary="Chuỗi theo dõi của một mục"
)
def oversight_chain(request: HttpRequest, kind: str, pk: int) -> Any:
    start = chain_start_for(request, kind, pk)
    found = chain.build_chain(start, scope_of(request.user).council_ids())
    stages = {stage: [link.__dict__ for link in links] for stage, _, links in found.stages}
    return {"stages": stages, "all_done": found.all_done, "truncated": found.truncated}


ROUTERS: list[Router] = [router, files_router]
